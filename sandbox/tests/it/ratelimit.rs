use crate::common::*;
use harvest_sandbox::{Config, RateLimit};
use std::time::{Duration, Instant};

#[tokio::test]
async fn general_and_reports_limits() {
    let t = start_with(Config {
        rate_limit: Some(RateLimit { requests: 5, window: Duration::from_secs(2) }),
        reports_rate_limit: Some(RateLimit { requests: 2, window: Duration::from_secs(60) }),
        faults: true,
        ..Config::default()
    })
    .await;
    let started = Instant::now();
    for _ in 0..5 {
        assert_eq!(t.get("/v2/company").await.status, 200);
    }
    let r = t.get("/v2/company").await;
    assert_eq!(r.status, 429);
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("text/html"));
    let retry: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=2).contains(&retry), "{retry}");
    assert!(serde_json::from_str::<serde_json::Value>(&r.text).is_err(), "the 429 body is HTML, not JSON");
    // the limit is per token: another token is unaffected
    assert_eq!(t.send("GET", "/v2/company", &t.member.clone(), None).await.status, 200);
    // reports have their own budget
    assert_eq!(t.get("/v2/reports/project_budget").await.status, 200);
    assert_eq!(t.get("/v2/reports/project_budget").await.status, 200);
    assert_eq!(t.get("/v2/reports/project_budget").await.status, 429);
    // a client that waits Retry-After gets through again
    tokio::time::sleep(Duration::from_secs(2).saturating_sub(started.elapsed()) + Duration::from_millis(50)).await;
    assert_eq!(t.get("/v2/company").await.status, 200);
    let stats: serde_json::Value = t.http.get(t.url("/_sandbox/stats")).send().await.unwrap().json().await.unwrap();
    assert_eq!(stats["rate_limited"], 2);
    assert_eq!(stats["requests"], 11);
    t.sb.shutdown().await;
}

#[tokio::test]
async fn well_spaced_clients_are_never_limited() {
    // sliding window: 4 per 400 ms; a client sending one request every 110 ms never hits it
    let t = start_with(Config { rate_limit: Some(RateLimit { requests: 4, window: Duration::from_millis(400) }), ..Config::default() }).await;
    for _ in 0..12 {
        assert_eq!(t.get("/v2/users/me").await.status, 200);
        tokio::time::sleep(Duration::from_millis(110)).await;
    }
    t.sb.shutdown().await;
}
