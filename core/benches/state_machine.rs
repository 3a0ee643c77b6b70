//! The cost of the state machines themselves, under a virtual clock (no I/O):
//! - per-call overhead: build the request and handle a small response, in µs;
//! - paginator overhead per page (follow `links.next`), in µs, without the decode of the items;
//! - 100+ concurrent calls through the shared rate limiter: achieved request rate against the
//!   100 per 15 s limit (target ≥ 95 %, zero 429s — the scripted server answers 429 to any
//!   request over the limit in a sliding window, exactly as strict as Harvest).
//!
//! Run: `cargo bench -p harvest-core --bench state_machine`.

use harvest_core::{api, Action, Client, Config, Decoded, Response};
use std::collections::VecDeque;
use std::time::Instant;

fn client() -> Client {
    Client::new(Config::new(1000001, "pat", "Bench (bench@example.com)").unwrap())
        .with_rate_limits(harvest_core::RateLimits { enabled: false, ..Default::default() })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn per_call(n: usize) -> f64 {
    let client = client();
    let body = br#"{"id":1,"name":"Programming","billable_by_default":true,"default_hourly_rate":100.0,"is_default":true,"is_active":true,"created_at":"2017-06-26T22:08:25Z","updated_at":"2017-06-26T22:08:25Z"}"#.to_vec();
    let start = Instant::now();
    for i in 0..n {
        let mut call = client.call(api::retrieve_task(1 + i as u64).unwrap());
        let Action::Send(request) = call.next_action(0) else { panic!("expected a request") };
        call.handle_response(Response { request_id: request.id, status: 200, headers: Vec::new(), body: body.clone() }, 0).unwrap();
        let Action::Done(Ok(_)) = call.next_action(0) else { panic!("expected a task") };
    }
    start.elapsed().as_secs_f64() * 1e6 / n as f64
}

fn json_only(n: usize) -> f64 {
    let body = br#"{"id":1,"name":"Programming","billable_by_default":true,"default_hourly_rate":100.0,"is_default":true,"is_active":true,"created_at":"2017-06-26T22:08:25Z","updated_at":"2017-06-26T22:08:25Z"}"#.to_vec();
    let start = Instant::now();
    for _ in 0..n {
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        std::hint::black_box(v);
    }
    start.elapsed().as_secs_f64() * 1e6 / n as f64
}

fn per_page(pages: usize) -> f64 {
    let client = client();
    let mut paginator = client.paginate(api::list_clients(&Default::default()).unwrap()).unwrap();
    let start = Instant::now();
    let mut n = 0;
    loop {
        match paginator.next_action(0) {
            Action::Send(request) => {
                n += 1;
                let next = if n < pages { format!("\"https://api.harvestapp.com/v2/clients?cursor=c{n}&per_page=2000&ref=next_cursor\"") } else { "null".into() };
                let body = format!(r#"{{"clients":[],"per_page":2000,"total_pages":{pages},"total_entries":0,"next_page":null,"previous_page":null,"page":null,"links":{{"first":"x","next":{next},"previous":null,"last":"y"}}}}"#);
                paginator.handle_response(Response { request_id: request.id, status: 200, headers: Vec::new(), body: body.into_bytes() }, 0).unwrap();
            }
            Action::Done(Ok(Some(_))) => {}
            Action::Done(Ok(None)) => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(n, pages);
    start.elapsed().as_secs_f64() * 1e6 / pages as f64
}

/// `calls` concurrent calls against a strict sliding-window server with 50 ms latency.
fn concurrent(calls: usize) -> (f64, usize, i64) {
    let client = Client::new(Config::new(1000001, "pat", "Bench (bench@example.com)").unwrap());
    let mut live: Vec<harvest_core::Call<Decoded>> = (0..calls).map(|i| client.call(api::retrieve_task(1 + i as u64).unwrap().erase())).collect();
    let mut wake = vec![0i64; calls];
    let mut arrivals: VecDeque<i64> = VecDeque::new();
    let mut done = vec![false; calls];
    let mut rejected = 0;
    let mut now = 0i64;
    let latency = 50;
    let mut last_done = 0;
    while done.iter().any(|d| !d) {
        for i in 0..calls {
            if done[i] || wake[i] > now {
                continue;
            }
            match live[i].next_action(now) {
                Action::Send(request) => {
                    let arrival = now + latency / 2;
                    while arrivals.front().is_some_and(|&t| t <= arrival - 15_000) {
                        arrivals.pop_front();
                    }
                    let status = if arrivals.len() >= 100 { 429 } else { 200 };
                    if status == 429 {
                        rejected += 1;
                    } else {
                        arrivals.push_back(arrival);
                    }
                    let body = br#"{"id":1,"name":"T"}"#.to_vec();
                    let resp = Response { request_id: request.id, status, headers: vec![("Retry-After".into(), "15".into())], body };
                    live[i].handle_response(resp, now + latency).unwrap();
                    wake[i] = now + latency;
                }
                Action::Wait { until } => {
                    wake[i] = until;
                }
                Action::Done(result) => {
                    result.unwrap();
                    done[i] = true;
                    last_done = now;
                }
            }
        }
        now = wake.iter().zip(&done).filter(|(_, d)| !**d).map(|(w, _)| *w).min().unwrap_or(now).max(now + 1);
    }
    // The floor: all requests beyond the first 100 need one full window per 100, so the best
    // possible finish is (⌈calls/100⌉ − 1) windows; the achieved rate is floor / actual.
    let floor = ((calls as i64 - 1) / 100) * 15_000;
    let rate = if floor == 0 { 100.0 } else { 100.0 * floor as f64 / last_done as f64 };
    (rate, rejected, last_done)
}

fn main() {
    let json: Vec<f64> = (0..7).map(|_| json_only(20_000)).collect();
    let calls: Vec<f64> = (0..7).map(|_| per_call(20_000)).collect();
    let pages: Vec<f64> = (0..7).map(|_| per_page(5_000)).collect();
    let (j, c, p) = (median(json), median(calls), median(pages));
    println!("state machine, median of 7 runs:");
    println!("  baseline: serde_json::Value parse of the same small body  {j:8.2} µs");
    println!("  per call: build request + handle response + typed decode  {c:8.2} µs  ({:.1}× the bare JSON parse)", c / j);
    println!("  per page: paginator step following links.next            {p:8.2} µs");
    for n in [100, 150, 1000] {
        let (rate, rejected, end) = concurrent(n);
        println!("  {n:4} concurrent calls: finished at {:7.2} s virtual (floor {:4} s): {rate:5.1} % of the 100/15 s limit, {rejected} × 429", end as f64 / 1000.0, ((n - 1) / 100) * 15);
    }
}
