//! Runs every language-neutral case in `tests/conformance/` through the core with a scripted
//! transport and a virtual clock. The format and the scheduler are in that folder's README.

use harvest_core::paginator::Position;
use harvest_core::{api, Action, Call, Client, ClientOptions, Decoded, Event, FailureKind, OperationId, Paginator, Request, Response};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance")
}

enum Driver {
    Call(Call<Decoded>),
    Pages { paginator: Paginator<Decoded>, pages: Vec<usize>, max_pages: Option<u64>, stopped: bool },
}

enum Slot {
    Ready,
    Waiting(i64),
    Awaiting { at: i64, answer: Answer, jump: i64 },
    Done,
}

enum Answer {
    Response(Response),
    Failure(u64, FailureKind),
}

struct Run {
    script: Vec<Value>,
    step: usize,
    repeat_left: Option<u64>,
    sent: Vec<i64>,
    now: i64,
    errors: Vec<String>,
}

fn build_client(config: &Value) -> Client {
    ClientOptions::from_json(config.clone()).and_then(ClientOptions::build).expect("a valid case config")
}

fn start_call(client: &Client, spec: &Value) -> Result<Driver, String> {
    if let Some(position) = spec.get("resume").filter(|v| !v.is_null()) {
        let position: Position = serde_json::from_value(position.clone()).map_err(|e| e.to_string())?;
        let paginator = Paginator::resume(client, &position).map_err(|e| e.code_str().to_owned())?;
        return Ok(Driver::Pages { paginator, pages: Vec::new(), max_pages: spec["max_pages"].as_u64(), stopped: false });
    }
    let id = OperationId::parse(spec["operation"].as_str().unwrap_or_default()).map_err(|e| e.code_str().to_owned())?;
    let ids: Vec<u64> = spec["path_ids"].as_array().map(|a| a.iter().filter_map(Value::as_u64).collect()).unwrap_or_default();
    let operation = api::build(id, &ids, spec.get("params").cloned().unwrap_or(Value::Null)).map_err(|e| e.code_str().to_owned())?;
    if spec["paginate"].as_bool().unwrap_or(false) {
        let paginator = client.paginate(operation).map_err(|e| e.code_str().to_owned())?;
        Ok(Driver::Pages { paginator, pages: Vec::new(), max_pages: spec["max_pages"].as_u64(), stopped: false })
    } else {
        Ok(Driver::Call(client.call(operation)))
    }
}

fn header_matches(request: &Request, expected: &Value) -> Result<(), String> {
    for (name, value) in expected.as_object().into_iter().flatten() {
        let actual = request.header(name);
        let ok = match value {
            Value::Null => actual.is_none(),
            Value::String(s) => actual == Some(s.as_str()),
            _ => false,
        };
        if !ok {
            return Err(format!("header {name}: expected {value}, got {actual:?}"));
        }
    }
    Ok(())
}

fn request_matches(request: &Request, call: usize, step: &Value) -> Result<(), String> {
    let want = &step["request"];
    if !step["any_call"].as_bool().unwrap_or(false) {
        let want_call = want["call"].as_u64().unwrap_or(0) as usize;
        if want_call != call {
            return Err(format!("call {call} sent {} {}, but the script expects call {want_call}", request.method, request.url));
        }
    }
    if let Some(m) = want["method"].as_str() {
        if m != request.method.as_str() {
            return Err(format!("method: expected {m}, got {} ({})", request.method, request.url));
        }
    }
    if let Some(url) = want["url"].as_str() {
        if url != request.url {
            return Err(format!("url: expected {url}, got {}", request.url));
        }
    }
    if let Some(prefix) = want["url_prefix"].as_str() {
        if !request.url.starts_with(prefix) {
            return Err(format!("url: expected a prefix {prefix}, got {}", request.url));
        }
    }
    header_matches(request, &want["headers"])?;
    if let Some(body) = want.get("body") {
        let actual: Value = match &request.body {
            None => Value::Null,
            Some(bytes) => serde_json::from_slice(bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).into_owned())),
        };
        if &actual != body {
            return Err(format!("body: expected {body}, got {actual}"));
        }
    }
    Ok(())
}

fn answer_for(step: &Value, request_id: u64) -> Answer {
    if let Some(kind) = step["failure"].as_str() {
        return Answer::Failure(request_id, FailureKind::parse(kind).expect("failure kind"));
    }
    let r = &step["response"];
    let body = match (&r["body_text"], &r.get("body")) {
        (Value::String(text), _) => text.clone().into_bytes(),
        (_, Some(Value::Null)) | (_, None) => Vec::new(),
        (_, Some(body)) => serde_json::to_vec(body).unwrap(),
    };
    let headers = r["headers"].as_object().map(|h| h.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned())).collect()).unwrap_or_default();
    Answer::Response(Response { request_id, status: r["status"].as_u64().unwrap_or(200) as u16, headers, body })
}

impl Run {
    /// Matches a sent request against the script; returns the answer, its delay and clock jump.
    fn take_step(&mut self, request: &Request, call: usize) -> Option<(Answer, i64, i64)> {
        self.sent.push(self.now);
        if self.script.get(self.step).is_some_and(|s| s.get("wait").is_some()) {
            self.errors.push(format!("step {}: expected a wait, but call {call} sent {} {}", self.step, request.method, request.url));
            return None;
        }
        let Some(step) = self.script.get(self.step).cloned() else {
            self.errors.push(format!("call {call} sent {} {} after the script ended", request.method, request.url));
            return None;
        };
        if let Err(e) = request_matches(request, call, &step) {
            self.errors.push(format!("step {}: {e}", self.step));
            return None;
        }
        let left = self.repeat_left.unwrap_or(step["repeat"].as_u64().unwrap_or(1)) - 1;
        if left == 0 {
            self.step += 1;
            self.repeat_left = None;
        } else {
            self.repeat_left = Some(left);
        }
        Some((answer_for(&step, request.id), step["delay_ms"].as_i64().unwrap_or(0), step["clock_jump_ms"].as_i64().unwrap_or(0)))
    }

    fn check_wait(&mut self, call: usize, until: i64) {
        if let Some(w) = self.script.get(self.step).and_then(|s| s.get("wait")) {
            if w["call"].as_u64().unwrap_or(0) as usize == call {
                if w["until"].as_i64() != Some(until) {
                    self.errors.push(format!("step {}: call {call} waits until {until}, expected {}", self.step, w["until"]));
                }
                self.step += 1;
            }
        }
    }
}

fn deliver(driver: &mut Driver, answer: Answer, now: i64) -> Result<(), String> {
    let result = match (driver, answer) {
        (Driver::Call(c), Answer::Response(r)) => c.handle_response(r, now),
        (Driver::Call(c), Answer::Failure(id, k)) => c.handle_failure(id, k, "scripted failure", now),
        (Driver::Pages { paginator, .. }, Answer::Response(r)) => paginator.handle_response(r, now),
        (Driver::Pages { paginator, .. }, Answer::Failure(id, k)) => paginator.handle_failure(id, k, "scripted failure", now),
    };
    result.map_err(|e| format!("handing over an answer failed: {e}"))
}

enum Step {
    Send(Request),
    Wait(i64),
    Finished(Value),
    Continue,
}

fn error_json(e: &harvest_core::Error) -> Value {
    let mut v = json!({"error": e.code_str(), "status": e.status});
    if let Some(at) = e.retry_at_ms {
        v["retry_at_ms"] = json!(at);
    }
    v
}

fn ask(driver: &mut Driver, now: i64) -> Step {
    match driver {
        Driver::Call(call) => match call.next_action(now) {
            Action::Send(r) => Step::Send(r),
            Action::Wait { until } => Step::Wait(until),
            Action::Done(Ok(value)) => Step::Finished(json!({"ok": serde_json::to_value(&value).unwrap()})),
            Action::Done(Err(e)) => Step::Finished(error_json(&e)),
        },
        Driver::Pages { paginator, pages, max_pages, stopped } => {
            if *stopped || max_pages.is_some_and(|m| pages.len() as u64 >= m) {
                *stopped = true;
                return Step::Finished(json!({"pages": pages, "position": paginator.position()}));
            }
            match paginator.next_action(now) {
                Action::Send(r) => Step::Send(r),
                Action::Wait { until } => Step::Wait(until),
                Action::Done(Ok(Some(page))) => {
                    pages.push(page.item_count().unwrap_or(0));
                    Step::Continue
                }
                Action::Done(Ok(None)) => Step::Finished(json!({"pages": pages, "position": paginator.position()})),
                Action::Done(Err(e)) => {
                    let mut v = json!({"pages": pages, "position": paginator.position()});
                    v["error"] = json!(e.code_str());
                    v["status"] = json!(e.status);
                    Step::Finished(v)
                }
            }
        }
    }
}

/// Whether `actual` contains `expected` (objects by key, arrays element-wise, numbers numerically).
fn contains(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => e.iter().all(|(k, v)| a.get(k).is_some_and(|av| contains(av, v)) || (v.is_null() && !a.contains_key(k))),
        (Value::Array(a), Value::Array(e)) => a.len() == e.len() && a.iter().zip(e).all(|(x, y)| contains(x, y)),
        (Value::Number(a), Value::Number(e)) => a.as_f64() == e.as_f64(),
        (a, e) => a == e,
    }
}

fn run_case(case: &Value) -> Vec<String> {
    let client = build_client(&case["config"]);
    let start = case["start_ms"].as_i64().expect("start_ms");
    let specs = case["calls"].as_array().cloned().unwrap_or_default();
    let copies = case["repeat_calls"].as_u64().unwrap_or(1) as usize;
    let specs: Vec<Value> = if copies > 1 { vec![specs[0].clone(); copies] } else { specs };
    let mut run = Run { script: case["script"].as_array().cloned().unwrap_or_default(), step: 0, repeat_left: None, sent: Vec::new(), now: start, errors: Vec::new() };
    let mut drivers = Vec::new();
    let mut slots = Vec::new();
    let mut results = vec![Value::Null; specs.len()];
    for (i, spec) in specs.iter().enumerate() {
        match start_call(&client, spec) {
            Ok(d) => {
                drivers.push(Some(d));
                slots.push(Slot::Ready);
            }
            Err(code) => {
                drivers.push(None);
                slots.push(Slot::Done);
                results[i] = json!({"error": code, "status": null});
            }
        }
    }
    let mut end = start;
    let mut rounds = 0;
    'outer: loop {
        rounds += 1;
        if rounds > 1_000_000 {
            run.errors.push("the case did not finish within a million scheduler rounds".into());
            break;
        }
        for i in 0..drivers.len() {
            let Some(driver) = drivers[i].as_mut() else { continue };
            if matches!(slots[i], Slot::Awaiting { at, .. } if at <= run.now) {
                let Slot::Awaiting { answer, jump, .. } = std::mem::replace(&mut slots[i], Slot::Ready) else { unreachable!() };
                if let Err(e) = deliver(driver, answer, run.now) {
                    run.errors.push(e);
                    break 'outer;
                }
                run.now += jump;
            }
            loop {
                let ready = match slots[i] {
                    Slot::Ready => true,
                    Slot::Waiting(until) => until <= run.now,
                    _ => false,
                };
                if !ready {
                    break;
                }
                match ask(driver, run.now) {
                    Step::Send(request) => {
                        let Some((answer, delay, jump)) = run.take_step(&request, i) else { break 'outer };
                        if delay == 0 {
                            if let Err(e) = deliver(driver, answer, run.now) {
                                run.errors.push(e);
                                break 'outer;
                            }
                            run.now += jump;
                            slots[i] = Slot::Ready;
                        } else {
                            slots[i] = Slot::Awaiting { at: run.now + delay, answer, jump };
                        }
                    }
                    Step::Wait(until) => {
                        run.check_wait(i, until);
                        if until <= run.now {
                            run.errors.push(format!("call {i} asked to wait until {until}, which is not after now ({})", run.now));
                            break 'outer;
                        }
                        slots[i] = Slot::Waiting(until);
                    }
                    Step::Finished(result) => {
                        results[i] = result;
                        slots[i] = Slot::Done;
                        end = run.now;
                    }
                    Step::Continue => {}
                }
            }
        }
        if slots.iter().all(|s| matches!(s, Slot::Done)) {
            break;
        }
        let next = slots
            .iter()
            .filter_map(|s| match s {
                Slot::Waiting(t) => Some(*t),
                Slot::Awaiting { at, .. } => Some(*at),
                _ => None,
            })
            .min();
        match next {
            Some(t) => run.now = run.now.max(t),
            None => {
                run.errors.push("no call can make progress".into());
                break;
            }
        }
    }
    if run.step < run.script.len() && run.errors.is_empty() {
        run.errors.push(format!("{} script steps were never reached (next: {})", run.script.len() - run.step, run.script[run.step]));
    }
    check_expectations(&case["expect"], &results, &run, start, end, &client)
}

fn check_expectations(expect: &Value, results: &[Value], run: &Run, start: i64, end: i64, client: &Client) -> Vec<String> {
    let mut errors = run.errors.clone();
    if let Some(want) = expect["results"].as_array() {
        for (i, w) in want.iter().enumerate() {
            if !contains(&results[i], w) {
                errors.push(format!("result {i}: expected {w}, got {}", truncate(&results[i])));
            }
        }
    }
    if let Some(w) = expect.get("all_results") {
        if let Some((i, r)) = results.iter().enumerate().find(|(_, r)| !contains(r, w)) {
            errors.push(format!("result {i}: expected {w}, got {}", truncate(r)));
        }
    }
    if let Some(w) = expect["end_ms"].as_i64() {
        if w != end {
            errors.push(format!("end_ms: expected {w}, got {end} (start + {})", end - start));
        }
    }
    if let Some(w) = expect["requests"].as_u64() {
        if w != run.sent.len() as u64 {
            errors.push(format!("requests: expected {w}, got {}", run.sent.len()));
        }
    }
    if let Some(w) = expect.get("max_requests_in_window") {
        let window = w["window_ms"].as_i64().unwrap();
        let max = w["max"].as_u64().unwrap() as usize;
        let mut sent = run.sent.clone();
        sent.sort();
        for (i, t) in sent.iter().enumerate() {
            let n = sent[i..].iter().take_while(|&&u| u < t + window).count();
            if n > max {
                errors.push(format!("{n} requests within {window} ms from {t}, more than {max}"));
                break;
            }
        }
    }
    if let Some(want) = expect["events"].as_array() {
        let events: Vec<Value> = client
            .take_events()
            .into_iter()
            .map(|e| match e {
                Event::TokensRefreshed(t) => json!({"tokens_refreshed": {
                    "access_token": t.access_token.expose(),
                    "refresh_token": t.refresh_token.as_ref().map(|s| s.expose()),
                    "expires_at_ms": t.expires_at_ms,
                }}),
            })
            .collect();
        if !contains(&Value::Array(events.clone()), &Value::Array(want.clone())) {
            errors.push(format!("events: expected {want:?}, got {events:?}"));
        }
    }
    errors
}

fn truncate(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 400 { format!("{}…", &s[..400]) } else { s }
}

#[test]
fn conformance_cases() {
    let dir = cases_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/conformance")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no conformance cases in {}", dir.display());
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let case: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let errors = run_case(&case);
        let name = file.file_name().unwrap().to_string_lossy();
        if errors.is_empty() {
            println!("ok   {name}");
        } else {
            println!("FAIL {name}");
            for e in &errors {
                println!("       {e}");
            }
            failures.push(name.into_owned());
        }
    }
    println!("{} cases, {} failed", files.len(), failures.len());
    assert!(failures.is_empty(), "failing conformance cases: {failures:?}");
}
