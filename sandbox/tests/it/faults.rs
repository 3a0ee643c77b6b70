use crate::common::*;
use harvest_sandbox::Config;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

async fn fault(t: &T, spec: Value) {
    let r = t.http.post(t.url("/_sandbox/faults")).json(&spec).send().await.unwrap();
    assert_eq!(r.status(), 201, "{spec}");
}

#[tokio::test]
async fn faults_are_off_by_default() {
    let t = start().await;
    let r = t.http.post(t.url("/_sandbox/faults")).json(&json!({"fault": "drop"})).send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(t.http.get(t.url("/_sandbox/stats")).send().await.unwrap().status(), 404);
    t.sb.shutdown().await;
}

#[tokio::test]
async fn every_fault_kind() {
    let t = start_with(Config { faults: true, ..cfg() }).await;
    // status, twice, only for GET on the path prefix
    fault(&t, json!({"method": "GET", "path": "/v2/time_entries", "times": 2, "fault": "status", "status": 503})).await;
    assert_eq!(t.get("/v2/company").await.status, 200);
    for _ in 0..2 {
        let r = t.get("/v2/time_entries?per_page=1").await;
        assert_eq!(r.status, 503);
        assert!(r.headers["content-type"].to_str().unwrap().starts_with("text/html"));
    }
    assert_eq!(t.get("/v2/time_entries?per_page=1").await.status, 200);
    // rate_limit
    fault(&t, json!({"path": "/v2/users/me", "fault": "rate_limit", "retry_after": 3})).await;
    let r = t.get("/v2/users/me").await;
    assert_eq!(r.status, 429);
    assert_eq!(r.headers["retry-after"], "3");
    // stall
    fault(&t, json!({"path": "/v2/company", "fault": "stall", "ms": 400})).await;
    let s = Instant::now();
    assert_eq!(t.get("/v2/company").await.status, 200);
    assert!(s.elapsed() >= Duration::from_millis(400));
    // drop: a transport error, no status
    fault(&t, json!({"method": "GET", "path": "/v2/company", "fault": "drop"})).await;
    let r = t
        .http
        .get(t.url("/v2/company"))
        .header("User-Agent", "x")
        .header("Harvest-Account-Id", "1000001")
        .bearer_auth(&t.admin)
        .send()
        .await;
    assert!(r.is_err(), "expected a transport error, got {:?}", r.map(|x| x.status()));
    // truncate: real status, half a body
    fault(&t, json!({"method": "GET", "path": "/v2/company", "fault": "truncate"})).await;
    let r = t.get("/v2/company").await;
    assert_eq!(r.status, 200);
    assert!(serde_json::from_str::<Value>(&r.text).is_err());
    let full = t.get("/v2/company").await.text;
    assert_eq!(r.text, full[..full.len() / 2]);
    // probability 1 and 0, then DELETE clears everything
    fault(&t, json!({"path": "/v2/tasks", "probability": 1.0, "fault": "status", "status": 500})).await;
    for _ in 0..3 {
        assert_eq!(t.get("/v2/tasks").await.status, 500);
    }
    assert_eq!(t.http.delete(t.url("/_sandbox/faults")).send().await.unwrap().status(), 204);
    assert_eq!(t.get("/v2/tasks").await.status, 200);
    fault(&t, json!({"path": "/v2/tasks", "probability": 0.0, "fault": "status"})).await;
    assert_eq!(t.get("/v2/tasks").await.status, 200);
    // bad specs
    let r = t.http.post(t.url("/_sandbox/faults")).json(&json!({"fault": "explode"})).send().await.unwrap();
    assert_eq!(r.status(), 422);
    let stats: Value = t.http.get(t.url("/_sandbox/stats")).send().await.unwrap().json().await.unwrap();
    assert!(stats["requests"].as_u64().unwrap() >= 14);
    assert_eq!(stats["rate_limited"], 0, "injected 429s are not counted as rate limiting");
    t.sb.shutdown().await;
}

#[tokio::test]
async fn dropped_and_truncated_posts_are_committed() {
    let t = start_with(Config { faults: true, ..cfg() }).await;
    let (_, pid, tid) = t.fixture(10.0).await;
    for kind in ["drop", "truncate"] {
        fault(&t, json!({"method": "POST", "path": "/v2/time_entries", "fault": kind})).await;
        let notes = format!("faulty {kind}");
        let r = t
            .http
            .post(t.url("/v2/time_entries"))
            .header("User-Agent", "x")
            .header("Harvest-Account-Id", "1000001")
            .bearer_auth(&t.admin)
            .json(&json!({"project_id": pid, "task_id": tid, "spent_date": "2022-01-01", "hours": 1, "notes": notes,
                          "external_reference": {"id": format!("ext-{kind}")}}))
            .send()
            .await;
        match kind {
            "drop" => assert!(r.is_err()),
            _ => {
                let r = r.unwrap();
                assert_eq!(r.status(), 201);
                assert!(r.json::<Value>().await.is_err());
            }
        }
        // the write happened: a client must reconcile before retrying
        let found = t.get(&format!("/v2/time_entries?external_reference_id=ext-{kind}")).await.body;
        assert_eq!(found["total_entries"], 1, "{kind}");
        assert_eq!(found["time_entries"][0]["notes"], notes);
    }
    t.sb.shutdown().await;
}
