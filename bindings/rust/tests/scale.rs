//! Pagination over 10000+ entries, and the rate limiter against a sandbox with a lowered limit.

mod common;

use common::Sandbox;
use futures_util::StreamExt;
use harvest_sdk::api::ListTimeEntriesParams;
use harvest_sdk::model::TimeEntry;
use harvest_sdk::{Client, Limit, Position, RateLimits};
use std::time::{Duration, Instant};

#[tokio::test]
async fn ten_thousand_entries_stream_and_resume() {
    let sbx = Sandbox::start(&["--seed", "demo", "--no-rate-limit", "--seed-time-entries", "10000"]);
    let client = sbx.client();
    let mut pages = client.time_entries().pages(&ListTimeEntriesParams { per_page: Some(1000), ..Default::default() });
    let first = pages.next().await.unwrap().unwrap();
    let total = first.total_entries.expect("total_entries") as usize;
    assert!(total >= 10_000, "{total}");
    let saved: Position = pages.position().unwrap();
    assert!(!saved.finished);
    let mut ids: Vec<u64> = first.items.iter().map(|e| e.id).collect();
    // Resume from the saved position with a new client, as another process would.
    let mut rest = sbx.client().resume_items::<TimeEntry>(&Position::from_json(&saved.to_json()).unwrap());
    while let Some(entry) = rest.next().await {
        ids.push(entry.unwrap().id);
    }
    assert!(rest.position().unwrap().finished);
    assert_eq!(ids.len(), total);
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), total, "no entry twice");
    let all = client.time_entries().list(&Default::default()).all().await.unwrap();
    assert_eq!(all.len(), total, "the default page size (2000) reads the same");
}

#[tokio::test]
async fn a_shared_limiter_keeps_concurrent_calls_under_the_limit() {
    let sbx = Sandbox::start(&["--seed", "demo", "--rate-limit", "20/2", "--faults"]);
    // The client keeps 20 per 2.2 s against the sandbox's 20 per 2 s: the core's own margin (1/60
    // of the window: 250 ms at Harvest's 15 s, 33 ms here) is sized for Harvest. On a loaded CI
    // machine a first request once reached the sandbox more than 33 ms after it left (one 429 among
    // 61 requests, retried unseen by the caller); the core now counts a request from its answer,
    // which covers that, but the test keeps its own margin for the requests still in flight.
    let limits = RateLimits { general: Limit { requests: 20, window_ms: 2200 }, ..RateLimits::default() };
    let client = Client::builder(sbx.config()).rate_limits(limits).build().unwrap();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..10 {
                client.users().me().await.unwrap();
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let elapsed = started.elapsed();
    let stats = sbx.stats();
    assert_eq!(stats["rate_limited"].as_u64(), Some(0), "{stats}");
    assert!(stats["requests"].as_u64().unwrap() >= 60, "{stats}");
    // 60 requests at 20 per 2 s need two full windows after the first.
    assert!(elapsed >= Duration::from_secs(4), "{elapsed:?}");
}

#[tokio::test]
async fn a_client_without_the_limiter_recovers_from_429s() {
    let sbx = Sandbox::start(&["--seed", "demo", "--rate-limit", "10/1", "--faults"]);
    let client = Client::builder(sbx.config()).rate_limits(RateLimits { enabled: false, ..RateLimits::default() }).build().unwrap();
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..8 {
                client.users().me().await.unwrap();
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert!(sbx.stats()["rate_limited"].as_u64().unwrap() > 0, "the naive client did hit the limit, and every call still succeeded");
}
