use crate::common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn duration_start_end_and_timers() {
    let t = start().await;
    let (_, pid, tid) = t.fixture(100.0).await;
    // duration mode
    let r = t.post("/v2/time_entries", json!({"project_id": pid, "task_id": tid, "spent_date": "2024-03-01", "hours": 1.5, "notes": "n"})).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert!(r.headers["location"].to_str().unwrap().contains("/api/v2/time_entries/"));
    let e = r.body;
    assert_eq!(e["hours"], json!(1.5));
    assert_eq!(e["is_running"], false);
    assert_eq!(e["billable"], true);
    assert_eq!(e["billable_rate"], json!(100.0));
    assert!(e["timer_started_at"].is_null());
    assert!(e["id"].as_i64().unwrap() > i32::MAX as i64, "ids exceed 32 bits");
    // start/end mode
    let r = t
        .post("/v2/time_entries", json!({"project_id": pid, "task_id": tid, "spent_date": "2024-03-01", "started_time": "8:00am", "ended_time": "9:30am"}))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["hours"], json!(1.5));
    assert_eq!(r.body["started_time"], "8:00am");
    assert_eq!(r.body["ended_time"], "9:30am");
    // neither → running timer
    let r = t.post("/v2/time_entries", json!({"project_id": pid, "task_id": tid, "spent_date": "2024-03-02"})).await;
    assert_eq!(r.status, 201);
    let running = r.body;
    assert_eq!(running["is_running"], true);
    assert!(running["timer_started_at"].is_string());
    let rid = running["id"].as_i64().unwrap();
    let list = t.get("/v2/time_entries?is_running=true").await;
    assert!(list.body["time_entries"].as_array().unwrap().iter().any(|e| e["id"] == rid));
    // starting another timer stops the first (one running timer per user)
    let r2 = t.post("/v2/time_entries", json!({"project_id": pid, "task_id": tid, "spent_date": "2024-03-02"})).await.body;
    assert_eq!(t.get(&format!("/v2/time_entries/{rid}")).await.body["is_running"], false);
    let id2 = r2["id"].as_i64().unwrap();
    // stop, then stopping again is a 422
    let s = t.patch(&format!("/v2/time_entries/{id2}/stop"), json!({})).await;
    assert_eq!(s.status, 200);
    assert_eq!(s.body["is_running"], false);
    assert!(s.body["timer_started_at"].is_null());
    assert_eq!(t.patch(&format!("/v2/time_entries/{id2}/stop"), json!({})).await.status, 422);
    // restart, then restarting again is a 422
    let s = t.patch(&format!("/v2/time_entries/{id2}/restart"), json!({})).await;
    assert_eq!(s.status, 200);
    assert_eq!(s.body["is_running"], true);
    assert_eq!(t.patch(&format!("/v2/time_entries/{id2}/restart"), json!({})).await.status, 422);
    // update
    let u = t.patch(&format!("/v2/time_entries/{}", e["id"]), json!({"hours": 2.25, "notes": "changed"})).await;
    assert_eq!(u.status, 200);
    assert_eq!(u.body["hours"], json!(2.25));
    assert_eq!(u.body["notes"], "changed");
    // delete
    assert_eq!(t.delete(&format!("/v2/time_entries/{}", e["id"])).await.status, 200);
    assert_eq!(t.get(&format!("/v2/time_entries/{}", e["id"])).await.status, 404);
    t.sb.shutdown().await;
}

#[tokio::test]
async fn timestamp_accounts_restart_into_a_new_entry() {
    let t = start().await;
    let (_, pid, tid) = t.fixture(100.0).await;
    t.ok("PATCH", "/v2/company", json!({"wants_timestamp_timers": true})).await;
    let e = t.post("/v2/time_entries", json!({"project_id": pid, "task_id": tid, "spent_date": "2024-03-01", "started_time": "1:00pm", "ended_time": "2:00pm"})).await.body;
    let r = t.patch(&format!("/v2/time_entries/{}/restart", e["id"]), json!({})).await;
    assert_eq!(r.status, 200);
    assert_ne!(r.body["id"], e["id"]);
    assert_eq!(r.body["is_running"], true);
    assert!(r.body["started_time"].is_string());
    t.sb.shutdown().await;
}

#[tokio::test]
async fn validation_rules_and_messages() {
    let t = start().await;
    let (_, pid, tid) = t.fixture(100.0).await;
    let r = t.post("/v2/time_entries", json!({})).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.body["message"], "Project can't be blank, Task can't be blank, Spent date can't be blank");
    let r = t.post("/v2/time_entries", json!({"project_id": pid, "task_id": tid, "spent_date": "2024-02-31"})).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.body["message"], "Spent date is not a valid date");
    // a task not assigned to the project
    let other = t.ok("POST", "/v2/tasks", json!({"name": format!("Unassigned {}", rand_suffix())})).await;
    let r = t.post("/v2/time_entries", json!({"project_id": pid, "task_id": other["id"], "spent_date": "2024-01-01", "hours": 1})).await;
    assert_eq!(r.status, 422);
    assert!(r.body["message"].as_str().unwrap().contains("Task must be assigned"));
    // a user not assigned to the project
    let u = t.ok("POST", "/v2/users", json!({"first_name": "New", "last_name": "Person", "email": format!("n{}@example.com", rand_suffix())})).await;
    let r = t.post("/v2/time_entries", json!({"user_id": u["id"], "project_id": pid, "task_id": tid, "spent_date": "2024-01-01", "hours": 1})).await;
    assert_eq!(r.status, 422);
    assert!(r.body["message"].as_str().unwrap().contains("User must be assigned"));
    // an archived (inactive) user, even when assigned
    t.ok("POST", &format!("/v2/projects/{pid}/user_assignments"), json!({"user_id": u["id"]})).await;
    t.ok("PATCH", &format!("/v2/users/{}", u["id"]), json!({"is_active": false})).await;
    let r = t.post("/v2/time_entries", json!({"user_id": u["id"], "project_id": pid, "task_id": tid, "spent_date": "2024-01-01", "hours": 1})).await;
    assert_eq!(r.status, 422);
    // wrong types
    let r = t.post("/v2/time_entries", json!({"project_id": pid, "task_id": tid, "spent_date": "2024-01-01", "hours": "lots"})).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.body["message"], "Hours is not a number");
    // numeric strings are accepted, like Harvest
    let r = t.post("/v2/time_entries", json!({"project_id": pid.to_string(), "task_id": tid.to_string(), "spent_date": "2024-01-01", "hours": "1.0"})).await;
    assert_eq!(r.status, 201, "{}", r.text);
    t.sb.shutdown().await;
}

#[tokio::test]
async fn external_references_filter_and_removal() {
    let t = start().await;
    let (_, pid, tid) = t.fixture(100.0).await;
    let ext = json!({"id": "ISSUE-77", "group_id": "g1", "account_id": "acc", "permalink": "https://tracker.example/issues/77"});
    let e = t.post("/v2/time_entries", json!({"project_id": pid, "task_id": tid, "spent_date": "2024-03-01", "hours": 1, "external_reference": ext})).await.body;
    assert_eq!(e["external_reference"]["id"], "ISSUE-77");
    assert_eq!(e["external_reference"]["permalink"], "https://tracker.example/issues/77");
    assert_eq!(e["external_reference"]["service"], "tracker.example");
    let found = t.get("/v2/time_entries?external_reference_id=ISSUE-77").await.body;
    assert_eq!(found["total_entries"], 1);
    assert_eq!(found["time_entries"][0]["id"], e["id"]);
    assert_eq!(t.get("/v2/time_entries?external_reference_id=nope").await.body["total_entries"], 0);
    assert_eq!(t.delete(&format!("/v2/time_entries/{}/external_reference", e["id"])).await.status, 200);
    assert!(t.get(&format!("/v2/time_entries/{}", e["id"])).await.body["external_reference"].is_null());
    assert_eq!(t.get("/v2/time_entries?external_reference_id=ISSUE-77").await.body["total_entries"], 0);
    t.sb.shutdown().await;
}

#[tokio::test]
async fn filters() {
    let t = start().await;
    let (cid, pid, tid) = t.fixture(100.0).await;
    for d in ["2023-05-01", "2023-05-02", "2023-05-03"] {
        t.ok("POST", "/v2/time_entries", json!({"project_id": pid, "task_id": tid, "spent_date": d, "hours": 1})).await;
    }
    let me = t.admin_id().await;
    let r = t.get(&format!("/v2/time_entries?client_id={cid}&from=2023-05-02&to=2023-05-03")).await.body;
    assert_eq!(r["total_entries"], 2);
    let r = t.get(&format!("/v2/time_entries?project_id={pid}&task_id={tid}&user_id={me}&is_billed=false")).await.body;
    assert_eq!(r["total_entries"], 3);
    let dates: Vec<&str> = r["time_entries"].as_array().unwrap().iter().map(|e| e["spent_date"].as_str().unwrap()).collect();
    assert_eq!(dates, vec!["2023-05-03", "2023-05-02", "2023-05-01"], "newest spent_date first");
    let r = t.get(&format!("/v2/time_entries?project_id={pid}&updated_since=2999-01-01T00:00:00Z")).await.body;
    assert_eq!(r["total_entries"], 0);
    let r = t.get(&format!("/v2/time_entries?project_id={pid}&updated_since=2000-01-01T00:00:00Z")).await.body;
    assert_eq!(r["total_entries"], 3);
    assert_eq!(t.get("/v2/time_entries?from=notadate").await.status, 422);
    let r = t.get("/v2/time_entries?is_billed=true&per_page=2000").await.body;
    assert!(r["time_entries"].as_array().unwrap().iter().all(|e: &Value| e["is_billed"] == true));
    assert!(r["total_entries"].as_i64().unwrap() > 0, "the demo seed has billed entries");
    t.sb.shutdown().await;
}
