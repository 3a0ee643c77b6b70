//! `make bench-rust`: plain `Instant` timing against a release sandbox.
//!
//! 1. Bulk read: stream 100000 time entries (per_page 2000) with the SDK, against a bare reqwest
//!    loop fetching the same URLs as raw bytes (no decode), alternating, median of 3; the SDK's
//!    peak memory while streaming (VmHWM growth).
//! 2. Rate-limit bound: 1000 pages of 100 read by 8 tasks sharing one client with the sandbox
//!    limited to 100 per 1.5 s (floor: 9 full windows = 13.5 s), then a naive client (no limiter,
//!    retries 429 after Retry-After) doing the same work.

#[path = "../tests/common/mod.rs"]
mod common;

use common::Sandbox;
use futures_util::StreamExt;
use harvest_sdk::api::{self, ListTimeEntriesParams};
use harvest_sdk::{BoxFuture, Client, Limit, RateLimits, ReqwestTransport, Request, Response, RetryPolicy, Transport, TransportError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The default transport, remembering the URLs it fetched (for the baseline to replay).
#[derive(Clone)]
struct Recording {
    inner: ReqwestTransport,
    urls: Arc<Mutex<Vec<String>>>,
}

impl Transport for Recording {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>> {
        self.urls.lock().unwrap().push(request.url.clone());
        self.inner.send(request)
    }
}

fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

async fn sdk_stream(client: &Client) -> (usize, Duration) {
    let started = Instant::now();
    let mut items = client.time_entries().list(&ListTimeEntriesParams { per_page: Some(2000), ..Default::default() });
    let mut count = 0;
    while let Some(entry) = items.next().await {
        entry.expect("an entry");
        count += 1;
    }
    (count, started.elapsed())
}

async fn bare_loop(http: &reqwest::Client, urls: &[String], token: &str, account: u64) -> (usize, Duration) {
    let started = Instant::now();
    let mut bytes = 0;
    for url in urls {
        let body = http
            .get(url)
            .header("Authorization", format!("Bearer {token}"))
            .header("Harvest-Account-Id", account.to_string())
            .header("User-Agent", "harvest-sdk bench (bench@example.com)")
            .send()
            .await
            .expect("an answer")
            .bytes()
            .await
            .expect("a body");
        bytes += body.len();
    }
    (bytes, started.elapsed())
}

async fn bulk_read() {
    let sbx = Sandbox::start(&["--seed", "demo", "--no-rate-limit", "--seed-time-entries", "100000"]);
    let urls: Arc<Mutex<Vec<String>>> = Arc::default();
    let transport = Recording { inner: ReqwestTransport::new().unwrap(), urls: urls.clone() };
    let client = Client::builder(sbx.config()).transport(transport).rate_limits(RateLimits { enabled: false, ..RateLimits::default() }).build().unwrap();
    let http = reqwest::Client::new();
    let hwm_before = vm_hwm_kb();
    let (count, first) = sdk_stream(&client).await;
    let hwm_after = vm_hwm_kb();
    let replay: Vec<String> = urls.lock().unwrap().clone();
    let (mut sdk, mut bare) = (vec![first], Vec::new());
    let mut page_bytes = 0;
    for round in 0..3 {
        let (bytes, t) = bare_loop(&http, &replay, &sbx.token, sbx.account_id).await;
        page_bytes = bytes / replay.len().max(1);
        bare.push(t);
        if round < 2 {
            sdk.push(sdk_stream(&client).await.1);
        }
    }
    let (sdk, bare) = (median(sdk), median(bare));
    let overhead = (sdk.as_secs_f64() / bare.as_secs_f64() - 1.0) * 100.0;
    println!("bulk read: {count} time entries in {} pages of 2000", replay.len());
    println!("  SDK (fetch + decode + stream)     {:>8.0} ms  ({:.0} entries/s)", sdk.as_secs_f64() * 1000.0, count as f64 / sdk.as_secs_f64());
    println!("  bare reqwest loop (bytes only)    {:>8.0} ms", bare.as_secs_f64() * 1000.0);
    println!("  SDK overhead                      {overhead:>+8.1} %");
    println!(
        "  peak RSS growth while streaming   {:>8.1} MB  (one page is {:.1} MB of JSON)",
        hwm_after.saturating_sub(hwm_before) as f64 / 1024.0,
        page_bytes as f64 / 1_048_576.0
    );
}

async fn pages_by_8_tasks(client: &Client) -> (Duration, usize) {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for t in 0..8u32 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            let mut failed = 0;
            for page in (1..=1000u32).filter(|p| p % 8 == t) {
                let params = ListTimeEntriesParams { page: Some(page), per_page: Some(100), ..Default::default() };
                if client.send(api::list_time_entries(&params).unwrap()).await.is_err() {
                    failed += 1;
                }
            }
            failed
        }));
    }
    let mut failed = 0;
    for task in tasks {
        failed += task.await.unwrap();
    }
    (started.elapsed(), failed)
}

async fn rate_limit_bound() {
    let sbx = Sandbox::start(&["--seed", "demo", "--rate-limit", "100/1.5", "--faults", "--seed-time-entries", "100000"]);
    let limits = RateLimits { general: Limit { requests: 100, window_ms: 1500 }, ..RateLimits::default() };
    let shared = Client::builder(sbx.config()).rate_limits(limits).build().unwrap();
    let reset = |sbx: &Sandbox| {
        // Let the sandbox's window empty, then zero its counters.
        std::thread::sleep(Duration::from_millis(1600));
        sbx.clear_stats();
    };
    reset(&sbx);
    let (limited, limited_failed) = pages_by_8_tasks(&shared).await;
    let limited_stats = sbx.stats();
    reset(&sbx);
    let naive = Client::builder(sbx.config())
        .rate_limits(RateLimits { enabled: false, ..RateLimits::default() })
        .retry_policy(RetryPolicy { max_attempts: 100, ..RetryPolicy::default() })
        .build()
        .unwrap();
    let (naive_time, naive_failed) = pages_by_8_tasks(&naive).await;
    let naive_stats = sbx.stats();
    let floor = 13.5;
    println!("rate-limit bound: 1000 pages of 100, 8 tasks, sandbox limit 100 per 1.5 s (floor {floor} s)");
    println!(
        "  shared limiter  {:>6.2} s  ({:+.1} % vs floor)  429s: {}  failed calls: {limited_failed}",
        limited.as_secs_f64(),
        (limited.as_secs_f64() / floor - 1.0) * 100.0,
        limited_stats["rate_limited"]
    );
    println!(
        "  naive client    {:>6.2} s  ({:+.1} % vs floor)  429s: {}  failed calls: {naive_failed}",
        naive_time.as_secs_f64(),
        (naive_time.as_secs_f64() / floor - 1.0) * 100.0,
        naive_stats["rate_limited"]
    );
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    // `HARVEST_BENCH=bulk` or `=rate` runs one part only.
    let only = std::env::var("HARVEST_BENCH").unwrap_or_default();
    runtime.block_on(async {
        if only != "rate" {
            bulk_read().await;
        }
        if only != "bulk" {
            rate_limit_bound().await;
        }
    });
}
