use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn auth_errors_match_harvest() {
    let t = start().await;
    let url = t.url("/v2/users/me");
    // no User-Agent → 400
    let r = t.http.get(&url).bearer_auth(&t.admin).header("Harvest-Account-Id", "1000001").send().await.unwrap();
    assert_eq!(r.status(), 400);
    // no token → 401 invalid_token
    let r = t.http.get(&url).header("User-Agent", "x").header("Harvest-Account-Id", "1000001").send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.headers().get("www-authenticate").is_some());
    let b: serde_json::Value = r.json().await.unwrap();
    assert_eq!(b["error"], "invalid_token");
    assert_eq!(
        b["error_description"],
        "The access token provided is expired, revoked, malformed or invalid for other reasons."
    );
    // bad token
    assert_eq!(t.send("GET", "/v2/users/me", "nope", None).await.status, 401);
    // missing / wrong account id → the same 401
    let r = t.http.get(&url).header("User-Agent", "x").bearer_auth(&t.admin).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let r = t.http.get(&url).header("User-Agent", "x").header("Harvest-Account-Id", "42").bearer_auth(&t.admin).send().await.unwrap();
    assert_eq!(r.status(), 401);
    // query-string credentials
    let r = t
        .http
        .get(format!("{}/v2/users/me?access_token={}&account_id=1000001", t.base, t.admin))
        .header("User-Agent", "x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // the /api/v2 alias
    assert_eq!(t.get("/api/v2/users/me").await.status, 200);
    // unknown id → JSON 404
    let r = t.get("/v2/clients/1").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.body, json!({"status": 404, "error": "Not Found"}));
    // unroutable → HTML 404
    let r = t.get("/v2/projects//user_assignments").await;
    assert_eq!(r.status, 404);
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("text/html"));
    let r = t.get("/v2/nonsense").await;
    assert_eq!(r.status, 404);
    assert!(r.text.contains("<html>"));
    t.sb.shutdown().await;
}

#[tokio::test]
async fn member_visibility_and_403() {
    let t = start().await;
    let m = t.member.clone();
    let me = t.member_id().await;
    // admin-only resources
    for path in ["/v2/clients", "/v2/users", "/v2/roles", "/v2/invoices", "/v2/estimates", "/v2/contacts", "/v2/reports/uninvoiced?from=20200101&to=20201231"] {
        let r = t.send("GET", path, &m, None).await;
        assert_eq!(r.status, 403, "{path}");
        assert_eq!(r.body, json!({"message": "Not authorized!"}));
    }
    assert_eq!(t.send("POST", "/v2/clients", &m, Some(json!({"name": "x"}))).await.status, 403);
    assert_eq!(t.send("PATCH", "/v2/company", &m, Some(json!({"weekly_capacity": 1}))).await.status, 403);
    // members see only their own time and expenses
    let r = t.send("GET", "/v2/time_entries?per_page=2000", &m, None).await;
    assert_eq!(r.status, 200);
    let entries = r.body["time_entries"].as_array().unwrap();
    assert!(!entries.is_empty());
    assert!(entries.iter().all(|e| e["user"]["id"] == me));
    let all = t.get("/v2/time_entries?per_page=2000").await;
    assert!(all.body["total_entries"].as_i64().unwrap() > r.body["total_entries"].as_i64().unwrap());
    let other = all.body["time_entries"].as_array().unwrap().iter().find(|e| e["user"]["id"] != me).unwrap().clone();
    assert_eq!(t.send("GET", &format!("/v2/time_entries/{}", other["id"]), &m, None).await.status, 404);
    let ex = t.send("GET", "/v2/expenses", &m, None).await;
    assert!(ex.body["expenses"].as_array().unwrap().iter().all(|e| e["user"]["id"] == me));
    // members see only assigned projects
    let mine = t.send("GET", "/v2/projects", &m, None).await.body["total_entries"].as_i64().unwrap();
    let every = t.get("/v2/projects").await.body["total_entries"].as_i64().unwrap();
    assert!(mine > 0 && mine < every);
    let pa = t.send("GET", "/v2/users/me/project_assignments", &m, None).await;
    assert_eq!(pa.status, 200);
    assert_eq!(pa.body["project_assignments"].as_array().unwrap().len() as i64, mine);
    // a member cannot write time for someone else
    let admin_id = t.admin_id().await;
    let (_, pid, tid) = t.fixture(50.0).await;
    let r = t
        .send("POST", "/v2/time_entries", &m, Some(json!({"user_id": admin_id, "project_id": pid, "task_id": tid, "spent_date": "2024-01-02", "hours": 1})))
        .await;
    assert_eq!(r.status, 403);
    // but can for themselves
    let r = t.send("POST", "/v2/time_entries", &m, Some(json!({"project_id": pid, "task_id": tid, "spent_date": "2024-01-02", "hours": 1}))).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["user"]["id"], me);
    // company and /users/me are readable
    assert_eq!(t.send("GET", "/v2/company", &m, None).await.status, 200);
    assert_eq!(t.send("GET", &format!("/v2/users/{admin_id}"), &m, None).await.status, 403);
    t.sb.shutdown().await;
}

#[tokio::test]
async fn cors_preflight_and_headers() {
    let t = start().await;
    let r = t
        .http
        .request(reqwest::Method::OPTIONS, t.url("/v2/time_entries"))
        .header("Origin", "http://app.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, harvest-account-id, content-type")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    let allow = r.headers()["access-control-allow-headers"].to_str().unwrap().to_ascii_lowercase();
    for h in ["authorization", "harvest-account-id", "user-agent", "content-type"] {
        assert!(allow.contains(h), "{allow}");
    }
    assert!(r.headers()["access-control-allow-methods"].to_str().unwrap().contains("PATCH"));
    let r = t.get("/v2/company").await;
    assert_eq!(r.headers["access-control-allow-origin"], "*");
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("application/json"));
    t.sb.shutdown().await;
}
