//! `harvest-sandbox-load`: a small closed-loop HTTP load generator for the sandbox benchmark.
//!
//! It reads the sandbox's `--json` start line (`--info FILE`), then runs each scenario for
//! `--duration` seconds over `--connections` keep-alive connections and prints requests per second
//! and latency percentiles.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Opts {
    info: String,
    duration: f64,
    connections: usize,
    scenarios: Vec<String>,
}

fn parse_args() -> Result<Opts, String> {
    let mut o = Opts {
        info: String::new(),
        duration: 10.0,
        connections: 16,
        scenarios: vec!["get_one".into(), "page_100".into(), "page_2000".into(), "post".into()],
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--info" => o.info = val()?,
            "--duration" => o.duration = val()?.parse().map_err(|_| "bad --duration")?,
            "--connections" => o.connections = val()?.parse().map_err(|_| "bad --connections")?,
            "--scenarios" => o.scenarios = val()?.split(',').map(String::from).collect(),
            "-h" | "--help" => {
                println!("harvest-sandbox-load --info START_LINE.json [--duration S] [--connections N] [--scenarios get_one,page_100,page_2000,post]");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if o.info.is_empty() {
        return Err("--info FILE (the sandbox's --json start line) is required".into());
    }
    Ok(o)
}

struct Target {
    host: String,
    port: u16,
    token: String,
    te_ids: Vec<i64>,
    project_id: i64,
    task_id: i64,
}

fn request(t: &Target, scenario: &str, n: u64) -> Request<Full<Bytes>> {
    let (method, path, body) = match scenario {
        "get_one" => ("GET", format!("/v2/time_entries/{}", t.te_ids[(n as usize * 7919) % t.te_ids.len()]), String::new()),
        "page_100" => ("GET", format!("/v2/time_entries?per_page=100&page={}", 1 + n % 20), String::new()),
        "page_2000" => ("GET", "/v2/time_entries?per_page=2000".to_string(), String::new()),
        _ => (
            "POST",
            "/v2/time_entries".to_string(),
            format!(r#"{{"project_id":{},"task_id":{},"spent_date":"2024-01-{:02}","hours":1.25,"notes":"load {n}"}}"#, t.project_id, t.task_id, 1 + n % 28),
        ),
    };
    Request::builder()
        .method(method)
        .uri(path)
        .header("host", format!("{}:{}", t.host, t.port))
        .header("user-agent", "harvest-sandbox-load (bench@example.com)")
        .header("authorization", format!("Bearer {}", t.token))
        .header("harvest-account-id", "1000001")
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body)))
        .expect("request")
}

async fn connect(t: &Target) -> Result<hyper::client::conn::http1::SendRequest<Full<Bytes>>, String> {
    let stream = tokio::net::TcpStream::connect((t.host.as_str(), t.port)).await.map_err(|e| e.to_string())?;
    let _ = stream.set_nodelay(true);
    let (send, conn) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await.map_err(|e| e.to_string())?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(send)
}

async fn fetch_json(t: &Target, path: &str) -> Result<Value, String> {
    let mut s = connect(t).await?;
    let mut req = request(t, "page_2000", 0);
    *req.uri_mut() = path.parse().map_err(|_| "bad path")?;
    let resp = s.send_request(req).await.map_err(|e| e.to_string())?;
    let body = resp.into_body().collect().await.map_err(|e| e.to_string())?.to_bytes();
    serde_json::from_slice(&body).map_err(|e| e.to_string())
}

async fn run(t: Arc<Target>, scenario: &str, o: &Opts) -> (f64, Vec<Duration>, u64) {
    let deadline = Instant::now() + Duration::from_secs_f64(o.duration);
    let mut tasks = vec![];
    for c in 0..o.connections {
        let t = t.clone();
        let scenario = scenario.to_string();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::with_capacity(100_000);
            let mut errors = 0u64;
            let Ok(mut s) = connect(&t).await else { return (lat, 1) };
            let mut n = c as u64 * 1_000_003;
            while Instant::now() < deadline {
                n += 1;
                let start = Instant::now();
                let ok = match s.send_request(request(&t, &scenario, n)).await {
                    Ok(resp) => {
                        let good = resp.status().is_success();
                        good && resp.into_body().collect().await.is_ok()
                    }
                    Err(_) => false,
                };
                if ok {
                    lat.push(start.elapsed());
                } else {
                    errors += 1;
                    match connect(&t).await {
                        Ok(ns) => s = ns,
                        Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
                    }
                }
            }
            (lat, errors)
        }));
    }
    let started = Instant::now();
    let mut all = vec![];
    let mut errors = 0;
    for h in tasks {
        if let Ok((l, e)) = h.await {
            all.extend(l);
            errors += e;
        }
    }
    let secs = started.elapsed().as_secs_f64().max(o.duration);
    all.sort();
    (all.len() as f64 / secs, all, errors)
}

fn pct(v: &[Duration], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1;
    v[i].as_secs_f64() * 1000.0
}

fn main() {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("harvest-sandbox-load: {e}");
            std::process::exit(2);
        }
    };
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    rt.block_on(async move {
        let info: Value = serde_json::from_str(std::fs::read_to_string(&o.info).expect("read --info").trim()).expect("JSON start line");
        let base = info["base_url"].as_str().expect("base_url").trim_start_matches("http://").to_string();
        let (host, port) = base.rsplit_once(':').expect("host:port");
        let mut t = Target {
            host: host.trim_matches(['[', ']']).to_string(),
            port: port.parse().expect("port"),
            token: info["access_token"].as_str().expect("access_token").to_string(),
            te_ids: vec![],
            project_id: 0,
            task_id: 0,
        };
        let page = fetch_json(&t, "/v2/time_entries?per_page=2000").await.expect("list time entries");
        t.te_ids = page["time_entries"].as_array().map(|a| a.iter().filter_map(|e| e["id"].as_i64()).collect()).unwrap_or_default();
        let total = page["total_entries"].as_i64().unwrap_or(0);
        let pa = fetch_json(&t, "/v2/users/me/project_assignments").await.expect("project assignments");
        if let Some(a) = pa["project_assignments"].as_array().and_then(|a| a.iter().find(|a| a["task_assignments"].as_array().map(|t| !t.is_empty()).unwrap_or(false))) {
            t.project_id = a["project"]["id"].as_i64().unwrap_or(0);
            t.task_id = a["task_assignments"][0]["task"]["id"].as_i64().unwrap_or(0);
        }
        assert!(!t.te_ids.is_empty(), "the sandbox has no time entries");
        println!("time entries loaded: {total}; {} connections, {} s per scenario", o.connections, o.duration);
        println!("{:<44} {:>10} {:>9} {:>9} {:>9} {:>7}", "endpoint", "req/s", "p50 ms", "p99 ms", "max ms", "errors");
        let t = Arc::new(t);
        for s in &o.scenarios {
            let (rps, lat, errors) = run(t.clone(), s, &o).await;
            let label = match s.as_str() {
                "get_one" => "GET /v2/time_entries/{id}",
                "page_100" => "GET /v2/time_entries?per_page=100",
                "page_2000" => "GET /v2/time_entries?per_page=2000",
                "post" => "POST /v2/time_entries",
                other => other,
            };
            println!("{:<44} {:>10.0} {:>9.2} {:>9.2} {:>9.2} {:>7}", label, rps, pct(&lat, 0.50), pct(&lat, 0.99), lat.last().map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0), errors);
        }
    });
}
