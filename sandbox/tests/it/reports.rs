use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn reports_are_computed_from_data() {
    let t = start().await;
    let (cid, pid, tid) = t.fixture(120.0).await;
    for (d, h) in [("2021-02-01", 1.25), ("2021-02-02", 2.5), ("2021-03-01", 4.0)] {
        t.ok("POST", "/v2/time_entries", json!({"project_id": pid, "task_id": tid, "spent_date": d, "hours": h})).await;
    }
    let cats = t.get("/v2/expense_categories").await.body;
    let travel = cats["expense_categories"].as_array().unwrap().iter().find(|c| c["name"] == "Travel").unwrap()["id"].clone();
    t.ok("POST", "/v2/expenses", json!({"project_id": pid, "expense_category_id": travel, "spent_date": "2021-02-05", "total_cost": 99.99})).await;
    t.ok("POST", "/v2/expenses", json!({"project_id": pid, "expense_category_id": travel, "spent_date": "2021-02-06", "total_cost": 0.01, "billable": false})).await;

    for (from, to) in [("2021-02-01", "2021-02-28"), ("20210201", "20210228")] {
        let r = t.get(&format!("/v2/reports/time/projects?from={from}&to={to}")).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let row = r.body["results"].as_array().unwrap().iter().find(|x| x["project_id"] == pid).unwrap().clone();
        assert_eq!(row["total_hours"], json!(3.75));
        assert_eq!(row["billable_hours"], json!(3.75));
        assert_eq!(row["billable_amount"], json!(450.0));
        assert_eq!(row["client_id"], json!(cid));
        assert_eq!(row["currency"], "USD");
    }
    let clients = t.get("/v2/reports/time/clients?from=2021-01-01&to=2021-12-31").await.body;
    let row = clients["results"].as_array().unwrap().iter().find(|x| x["client_id"] == cid).unwrap().clone();
    assert_eq!(row["total_hours"], json!(7.75));
    assert_eq!(row["billable_amount"], json!(930.0));
    let tasks = t.get("/v2/reports/time/tasks?from=2021-01-01&to=2021-12-31").await.body;
    assert!(tasks["results"].as_array().unwrap().iter().any(|x| x["task_id"] == tid && x["total_hours"] == json!(7.75)));
    let team = t.get("/v2/reports/time/team?from=2021-01-01&to=2021-12-31").await.body;
    let me = team["results"][0].clone();
    assert!(me["user_name"].is_string() && me["weekly_capacity"].is_i64() && me["is_contractor"].is_boolean());

    let ex = t.get("/v2/reports/expenses/projects?from=2021-02-01&to=2021-02-28").await.body;
    let row = ex["results"].as_array().unwrap().iter().find(|x| x["project_id"] == pid).unwrap().clone();
    assert_eq!(row["total_amount"], json!(100.0));
    assert_eq!(row["billable_amount"], json!(99.99));
    for kind in ["clients", "categories", "team"] {
        assert_eq!(t.get(&format!("/v2/reports/expenses/{kind}?from=2021-02-01&to=2021-02-28")).await.status, 200);
    }
    let un = t.get("/v2/reports/uninvoiced?from=2021-01-01&to=2021-12-31").await.body;
    let row = un["results"].as_array().unwrap().iter().find(|x| x["project_id"] == pid).unwrap().clone();
    assert_eq!(row["uninvoiced_hours"], json!(7.75));
    assert_eq!(row["uninvoiced_expenses"], json!(99.99));
    assert_eq!(row["uninvoiced_amount"], json!(1029.99));
    let budget = t.get("/v2/reports/project_budget").await.body;
    let row = budget["results"].as_array().unwrap().iter().find(|x| x["project_id"] == pid).unwrap().clone();
    assert_eq!(row["budget"], json!(100.0));
    assert_eq!(row["budget_spent"], json!(7.75));
    assert_eq!(row["budget_remaining"], json!(92.25));
    assert_eq!(t.get("/v2/reports/project_budget?is_active=false").await.status, 200);

    // rules: from/to required, at most 365 days, valid dates
    let r = t.get("/v2/reports/time/clients").await;
    assert_eq!(r.status, 422);
    assert_eq!(r.body["message"], "From can't be blank, To can't be blank");
    assert_eq!(t.get("/v2/reports/time/clients?from=20200101&to=20210102").await.status, 422);
    assert_eq!(t.get("/v2/reports/time/clients?from=20200101&to=20201231").await.status, 200);
    assert_eq!(t.get("/v2/reports/expenses/team?from=2020-13-01&to=2020-12-31").await.status, 422);
    assert_eq!(t.get("/v2/reports/uninvoiced?from=20200201&to=20200101").await.status, 422);
    // members get their own data only
    let m = t.send("GET", "/v2/reports/time/team?from=2021-01-01&to=2021-12-31", &t.member.clone(), None).await;
    assert_eq!(m.status, 200);
    let me = t.member_id().await;
    assert!(m.body["results"].as_array().unwrap().iter().all(|r| r["user_id"] == me));
    t.sb.shutdown().await;
}
