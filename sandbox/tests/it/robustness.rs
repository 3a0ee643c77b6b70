use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn bad_bodies_never_crash_or_corrupt() {
    let t = start().await;
    let before = t.get("/v2/clients").await.body["total_entries"].as_i64().unwrap();
    let raw = |body: Vec<u8>, ct: &'static str| {
        let t = &t;
        async move {
            t.http
                .post(t.url("/v2/clients"))
                .header("User-Agent", "x")
                .header("Harvest-Account-Id", "1000001")
                .header("Content-Type", ct)
                .bearer_auth(&t.admin)
                .body(body)
                .send()
                .await
                .unwrap()
        }
    };
    // malformed JSON → 400 with a JSON message
    let r = raw(b"{\"name\": ".to_vec(), "application/json").await;
    assert_eq!(r.status(), 400);
    let b: serde_json::Value = r.json().await.unwrap();
    assert!(b["message"].as_str().unwrap().contains("JSON"));
    // JSON that is not an object
    assert_eq!(raw(b"[1,2,3]".to_vec(), "application/json").await.status(), 400);
    // invalid UTF-8
    assert_eq!(raw(vec![0xff, 0xfe, 0x00], "application/x-www-form-urlencoded").await.status(), 400);
    // wrong types → 422
    let r = t.post("/v2/clients", json!({"name": {"nested": true}})).await;
    assert_eq!(r.status, 422);
    let r = t.post("/v2/clients", json!({"name": "Typed", "is_active": "perhaps"})).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.body["message"], "Is active is not a boolean");
    // a huge body → 413
    let big = vec![b'a'; 2 * 1024 * 1024];
    assert_eq!(raw(big, "application/json").await.status(), 413);
    // unknown and read-only fields are ignored
    let r = t.post("/v2/clients", json!({"name": "Lenient", "id": 1, "statement_key": "x", "whatever": [1, 2], "created_at": "nope"})).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_ne!(r.body["id"], 1);
    assert_ne!(r.body["statement_key"], "x");
    // form-encoded bodies with bracket syntax
    let r = t
        .http
        .post(t.url("/v2/roles"))
        .header("User-Agent", "x")
        .header("Harvest-Account-Id", "1000001")
        .bearer_auth(&t.admin)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!("name=Form+Role&user_ids[]={}", t.member_id().await))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let b: serde_json::Value = r.json().await.unwrap();
    assert_eq!(b["name"], "Form Role");
    assert_eq!(b["user_ids"].as_array().unwrap().len(), 1);
    // parameters in the query string of a POST (Harvest's Postman collection does that)
    let r = t.post("/v2/clients?name=From+Query", json!({})).await;
    assert_eq!(r.status, 201);
    assert_eq!(r.body["name"], "From Query");
    // nothing half-written: only the two successful client creates landed
    let after = t.get("/v2/clients").await.body["total_entries"].as_i64().unwrap();
    assert_eq!(after, before + 2);
    // the server is still fine
    assert_eq!(t.get("/v2/company").await.status, 200);
    t.sb.shutdown().await;
}

#[tokio::test]
async fn failed_writes_roll_back() {
    let t = start().await;
    let (cid, _, _) = t.fixture(10.0).await;
    let before = t.get("/v2/invoices?per_page=2000").await.body["total_entries"].as_i64().unwrap();
    // the second line item is invalid: the whole create must be rolled back
    let r = t.post("/v2/invoices", json!({"client_id": cid, "line_items": [{"kind": "Service", "unit_price": 1}, {"kind": "Service"}]})).await;
    assert_eq!(r.status, 422);
    assert_eq!(t.get("/v2/invoices?per_page=2000").await.body["total_entries"].as_i64().unwrap(), before);
    t.sb.shutdown().await;
}

#[tokio::test]
async fn concurrent_writes() {
    let t = std::sync::Arc::new(start().await);
    let (_, pid, tid) = t.fixture(10.0).await;
    let mut handles = vec![];
    for i in 0..40 {
        let t = t.clone();
        handles.push(tokio::spawn(async move {
            t.post("/v2/time_entries", json!({"project_id": pid, "task_id": tid, "spent_date": "2022-02-02", "hours": 0.5, "notes": format!("c{i}")}))
                .await
                .status
        }));
    }
    for h in handles {
        assert_eq!(h.await.unwrap(), 201);
    }
    let r = t.get(&format!("/v2/time_entries?project_id={pid}")).await.body;
    assert_eq!(r["total_entries"], 40);
}

/// Reads run on their own connections while writes commit: every page is one snapshot (its
/// `total_entries` matches its rows) and the cached counts follow every write.
#[tokio::test]
async fn reads_during_writes_are_consistent() {
    let t = std::sync::Arc::new(start().await);
    let (_, pid, tid) = t.fixture(10.0).await;
    let list = format!("/v2/time_entries?project_id={pid}&per_page=2000");
    let mut writes = vec![];
    let mut reads = vec![];
    for i in 0..30 {
        let t1 = t.clone();
        writes.push(tokio::spawn(async move {
            t1.post("/v2/time_entries", json!({"project_id": pid, "task_id": tid, "spent_date": "2022-03-03", "hours": 0.25, "notes": format!("r{i}")}))
                .await
                .status
        }));
        let t2 = t.clone();
        let list = list.clone();
        reads.push(tokio::spawn(async move {
            let r = t2.get(&list).await;
            assert_eq!(r.status, 200);
            let n = r.body["time_entries"].as_array().unwrap().len() as i64;
            assert_eq!(r.body["total_entries"].as_i64().unwrap(), n, "count and rows from one snapshot");
        }));
    }
    for h in writes {
        assert_eq!(h.await.unwrap(), 201);
    }
    for h in reads {
        h.await.unwrap();
    }
    let r = t.get(&list).await.body;
    assert_eq!(r["total_entries"], 30);
    let id = r["time_entries"][0]["id"].as_i64().unwrap();
    assert_eq!(t.delete(&format!("/v2/time_entries/{id}")).await.status, 200);
    assert_eq!(t.get(&list).await.body["total_entries"], 29);
    let r = t.get(&format!("/v2/time_entries?project_id={pid}&per_page=10&page=3")).await.body;
    assert_eq!(r["total_entries"], 29);
    assert_eq!(r["time_entries"].as_array().unwrap().len(), 9);
}

#[tokio::test]
async fn resource_rules() {
    let t = start().await;
    let (cid, pid, tid) = t.fixture(10.0).await;
    let r = t.delete(&format!("/v2/clients/{cid}")).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.body["message"], "This client is not removable. It still has projects and/or invoices.");
    t.ok("POST", "/v2/time_entries", json!({"project_id": pid, "task_id": tid, "spent_date": "2022-02-02", "hours": 1})).await;
    assert_eq!(t.delete(&format!("/v2/tasks/{tid}")).await.status, 422);
    // deleting the project takes its time entries with it; then the client can go
    assert_eq!(t.delete(&format!("/v2/projects/{pid}")).await.status, 200);
    assert_eq!(t.get(&format!("/v2/time_entries?project_id={pid}")).await.body["total_entries"], 0);
    assert_eq!(t.delete(&format!("/v2/clients/{cid}")).await.status, 200);
    assert_eq!(t.delete(&format!("/v2/tasks/{tid}")).await.status, 200);
    // duplicates
    let n = format!("Dup {}", rand_suffix());
    t.ok("POST", "/v2/tasks", json!({"name": n})).await;
    assert_eq!(t.post("/v2/tasks", json!({"name": n})).await.body["message"], "Name has already been taken");
    let r = t.post("/v2/users", json!({"first_name": "A", "last_name": "B", "email": "alice@example.com"})).await;
    assert_eq!(r.body["message"], "Email has already been taken");
    let r = t.post("/v2/projects", json!({"name": "No client"})).await;
    assert_eq!(r.status, 422);
    // company PATCH
    let c = t.patch("/v2/company", json!({"weekly_capacity": 144000})).await;
    assert_eq!(c.body["weekly_capacity"], 144000);
    t.sb.shutdown().await;
}

#[tokio::test]
async fn users_rates_teammates_roles() {
    let t = start().await;
    let u = t.ok("POST", "/v2/users", json!({"first_name": "Rate", "last_name": "Person", "email": format!("r{}@example.com", rand_suffix()),
        "access_roles": ["manager"], "roles": ["Tester"], "default_hourly_rate": 80})).await;
    let uid = u["id"].as_i64().unwrap();
    assert_eq!(u["roles"], json!(["Tester"]));
    assert_eq!(u["default_hourly_rate"], json!(80.0));
    let br = t.post(&format!("/v2/users/{uid}/billable_rates"), json!({"amount": 95.5, "start_date": "2020-01-01"})).await;
    assert_eq!(br.status, 201, "{}", br.text);
    let rates = t.get(&format!("/v2/users/{uid}/billable_rates")).await.body;
    let rates = rates["billable_rates"].as_array().unwrap();
    assert_eq!(rates.len(), 2, "the open-ended rate is closed, not removed");
    assert!(rates.iter().any(|r| r["end_date"] == "2019-12-31"));
    // an earlier start date replaces the rates that start later
    t.ok("POST", &format!("/v2/users/{uid}/billable_rates"), json!({"amount": 99, "start_date": "2020-06-01"})).await;
    t.ok("POST", &format!("/v2/users/{uid}/billable_rates"), json!({"amount": 98, "start_date": "2020-03-01"})).await;
    let rates = t.get(&format!("/v2/users/{uid}/billable_rates")).await.body;
    let amounts: Vec<f64> = rates["billable_rates"].as_array().unwrap().iter().map(|r| r["amount"].as_f64().unwrap()).collect();
    assert_eq!(amounts, vec![98.0, 95.5, 80.0], "newest first; the 99 rate starting later was replaced");
    let br = t.post(&format!("/v2/users/{uid}/billable_rates"), json!({"amount": 95.5, "start_date": "2020-01-01"})).await;
    assert_eq!(t.get(&format!("/v2/users/{uid}")).await.body["default_hourly_rate"], json!(95.5));
    assert_eq!(t.get(&format!("/v2/users/{uid}/billable_rates/{}", br.body["id"])).await.body["amount"], json!(95.5));
    assert_eq!(t.post(&format!("/v2/users/{uid}/billable_rates"), json!({"amount": 1, "start_date": "2999-01-01"})).await.status, 422);
    let cr = t.post(&format!("/v2/users/{uid}/cost_rates"), json!({"amount": 40})).await;
    assert_eq!(cr.status, 201);
    assert_eq!(t.get(&format!("/v2/users/{uid}/cost_rates/{}", cr.body["id"])).await.body["amount"], json!(40.0));
    let me = t.member_id().await;
    let tm = t.patch(&format!("/v2/users/{uid}/teammates"), json!({"teammate_ids": [me]})).await;
    assert_eq!(tm.status, 200, "{}", tm.text);
    assert_eq!(tm.body["teammates"][0]["id"], me);
    assert!(t.get(&format!("/v2/users/{uid}")).await.body["access_roles"].as_array().unwrap().contains(&json!("people_manager")));
    assert_eq!(t.get(&format!("/v2/users/{uid}/teammates")).await.body["teammates"].as_array().unwrap().len(), 1);
    assert_eq!(t.patch(&format!("/v2/users/{me}/teammates"), json!({"teammate_ids": []})).await.status, 422, "members have no teammates");
    let role = t.ok("POST", "/v2/roles", json!({"name": "QA", "user_ids": [uid]})).await;
    assert_eq!(role["user_ids"], json!([uid]));
    let role = t.ok("PATCH", &format!("/v2/roles/{}", role["id"]), json!({"user_ids": []})).await;
    assert_eq!(role["user_ids"], json!([]));
    assert_eq!(t.delete(&format!("/v2/roles/{}", role["id"])).await.status, 200);
    assert_eq!(t.delete(&format!("/v2/users/{uid}")).await.status, 200);
    assert_eq!(t.delete(&format!("/v2/users/{me}")).await.status, 422, "people with time entries stay");
    t.sb.shutdown().await;
}
