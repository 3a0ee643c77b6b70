//! For every documented example response, the sandbox's answer to the same operation has the same
//! JSON keys and value types, recursively (null in the example matches anything).

use crate::common::*;
use crate::operations::reference_dir;
use serde_json::{json, Value};

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Keys our answers may carry beyond an example (documented elsewhere in the docs).
const EXTRA_OK: &[&str] = &["hours_without_timer", "per_page"];

fn shape(ex: &Value, ours: &Value, path: &str, errs: &mut Vec<String>) {
    if ex.is_null() {
        return;
    }
    if kind(ex) != kind(ours) {
        errs.push(format!("{path}: example is {}, sandbox gives {} ({ours})", kind(ex), kind(ours)));
        return;
    }
    match (ex, ours) {
        (Value::Object(e), Value::Object(o)) => {
            for k in e.keys() {
                match o.get(k) {
                    Some(v) => shape(&e[k], v, &format!("{path}.{k}"), errs),
                    None => errs.push(format!("{path}.{k}: missing")),
                }
            }
            for k in o.keys() {
                if !e.contains_key(k) && !EXTRA_OK.contains(&k.as_str()) {
                    errs.push(format!("{path}.{k}: not in the example"));
                }
            }
        }
        (Value::Array(e), Value::Array(o)) => {
            let Some(first) = e.first() else { return };
            if first.is_string() && first.as_str().unwrap_or("").starts_with('{') {
                return; // the docs' placeholder ("{2000 client objects}")
            }
            if o.is_empty() {
                errs.push(format!("{path}: empty array, the example has items"));
                return;
            }
            // some element of ours must match the example's element
            let mut best: Option<Vec<String>> = None;
            for item in o {
                let mut e2 = vec![];
                shape(first, item, &format!("{path}[]"), &mut e2);
                if e2.is_empty() {
                    return;
                }
                if best.as_ref().map(|b| e2.len() < b.len()).unwrap_or(true) {
                    best = Some(e2);
                }
            }
            errs.extend(best.unwrap_or_default());
        }
        _ => {}
    }
}

fn matches(ex: &Value, ours: &Value) -> Vec<String> {
    let mut errs = vec![];
    shape(ex, ours, "$", &mut errs);
    errs
}

/// Picks the item of a list whose shape matches the example best, then fetches it by id.
async fn pick(t: &T, list_path: &str, key: &str, ex: &Value, item_path: &dyn Fn(&Value) -> String) -> (Value, Vec<String>) {
    let list = t.get(list_path).await.body;
    let items = list[key].as_array().cloned().unwrap_or_default();
    let mut best = (Value::Null, vec!["no items".to_string()]);
    for it in items {
        let e = matches(ex, &it);
        if e.len() < best.1.len() {
            best = (it, e);
        }
        if best.1.is_empty() {
            break;
        }
    }
    if best.0.is_null() {
        return best;
    }
    let one = t.get(&item_path(&best.0)).await.body;
    let e = matches(ex, &one);
    (one, e)
}

#[tokio::test]
async fn example_responses_have_the_same_shape() {
    let Some(dir) = reference_dir() else {
        eprintln!("skipping: ../shared/reference is absent");
        return;
    };
    let t = start().await;
    let load = |f: &str| -> Value { serde_json::from_str(&std::fs::read_to_string(dir.join("examples").join(f)).unwrap()).unwrap() };
    let mut files: Vec<String> = std::fs::read_dir(dir.join("examples"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    files.sort();
    let today = chrono::Utc::now().date_naive();
    let range = format!("from={}&to={}", (today - chrono::Duration::days(120)).format("%Y%m%d"), today.format("%Y%m%d"));
    let s = rand_suffix();
    let abc = t.get("/v2/clients").await.body["clients"].as_array().unwrap().iter().find(|c| c["name"] == "ABC Corp").unwrap()["id"].clone();
    let mw = t.get("/v2/projects").await.body["projects"].as_array().unwrap().iter().find(|c| c["code"] == "MW").unwrap()["id"].clone();
    let invoices = t.get("/v2/invoices?state=paid").await.body;
    let paid = invoices["invoices"][0]["id"].clone();
    let sent_est = t.get("/v2/estimates?state=sent").await.body["estimates"][0]["id"].clone();
    let users = t.get("/v2/users").await.body;
    let carol = users["users"].as_array().unwrap().iter().find(|u| u["first_name"] == "Carol").unwrap()["id"].clone();
    let bob = users["users"].as_array().unwrap().iter().find(|u| u["first_name"] == "Bob").unwrap()["id"].clone();
    let programming = t.get("/v2/tasks").await.body["tasks"].as_array().unwrap().iter().find(|x| x["name"] == "Programming").unwrap()["id"].clone();

    let mut report = vec![];
    let mut checked = 0;
    for f in &files {
        let ex = load(f);
        let name = f.trim_end_matches(".json");
        let list = |path: &str| path.to_string();
        let (ours, errs): (Value, Vec<String>) = match name {
            "company" => { let v = t.get("/v2/company").await.body; let e = matches(&ex, &v); (v, e) }
            "id_accounts" => {
                let v: Value = t.http.get(t.url("/api/v2/accounts")).header("User-Agent", "x").bearer_auth(&t.admin).send().await.unwrap().json().await.unwrap();
                let e = matches(&ex, &v); (v, e)
            }
            "client" => pick(&t, "/v2/clients", "clients", &ex, &|v| format!("/v2/clients/{}", v["id"])).await,
            "contact" => pick(&t, "/v2/contacts", "contacts", &ex, &|v| format!("/v2/contacts/{}", v["id"])).await,
            "client_created" => { let v = t.post("/v2/clients", json!({"name": format!("Fidelity {s}"), "currency": "EUR"})).await.body; let e = matches(&ex, &v); (v, e) }
            "invoice" => pick(&t, "/v2/invoices", "invoices", &ex, &|v| format!("/v2/invoices/{}", v["id"])).await,
            "invoice_created_free_form" => {
                let v = t.post("/v2/invoices", json!({"client_id": abc, "subject": "ABC Project Quote",
                    "payment_options": ["credit_card"], "line_items": [{"kind": "Service", "description": "ABC Project", "unit_price": 5000.0}]})).await.body;
                let e = matches(&ex, &v); (v, e)
            }
            "invoice_message_created" => {
                let v = t.post(&format!("/v2/invoices/{paid}/messages"), json!({"subject": "Invoice", "body": "Thanks",
                    "recipients": [{"name": "Richard Roe", "email": "richardroe@example.com"}], "send_me_a_copy": true})).await.body;
                let e = matches(&ex, &v); (v, e)
            }
            "invoice_messages_list" => { let v = t.get(&format!("/v2/invoices/{paid}/messages")).await.body; let e = matches(&ex, &v); (v, e) }
            "invoice_message_subject_and_body" => { let v = t.get(&format!("/v2/invoices/{paid}/messages/new")).await.body; let e = matches(&ex, &v); (v, e) }
            "invoice_payments_list" => { let v = t.get(&format!("/v2/invoices/{paid}/payments")).await.body; let e = matches(&ex, &v); (v, e) }
            "payment" => {
                let inv = t.post("/v2/invoices", json!({"client_id": abc, "line_items": [{"kind": "Service", "unit_price": 1000}]})).await.body;
                t.post(&format!("/v2/invoices/{}/messages", inv["id"]), json!({"event_type": "send"})).await;
                let v = t.post(&format!("/v2/invoices/{}/payments", inv["id"]), json!({"amount": 1575.86 / 2.0, "paid_at": "2017-07-24T13:32:18Z", "notes": "Paid by phone"})).await.body;
                let e = matches(&ex, &v); (v, e)
            }
            "invoice_item_category" => pick(&t, "/v2/invoice_item_categories", "invoice_item_categories", &ex, &|v| format!("/v2/invoice_item_categories/{}", v["id"])).await,
            "estimate" => pick(&t, "/v2/estimates", "estimates", &ex, &|v| format!("/v2/estimates/{}", v["id"])).await,
            "estimate_messages_list" => { let v = t.get(&format!("/v2/estimates/{sent_est}/messages")).await.body; let e = matches(&ex, &v); (v, e) }
            "estimate_message_created" => {
                let v = t.post(&format!("/v2/estimates/{sent_est}/messages"), json!({"subject": "Estimate", "body": "Here",
                    "recipients": [{"name": "Richard Roe", "email": "richardroe@example.com"}]})).await.body;
                let e = matches(&ex, &v); (v, e)
            }
            "expense" => pick(&t, "/v2/expenses", "expenses", &ex, &|v| format!("/v2/expenses/{}", v["id"])).await,
            "expense_category" => pick(&t, "/v2/expense_categories", "expense_categories", &ex, &|v| format!("/v2/expense_categories/{}", v["id"])).await,
            "task" => pick(&t, "/v2/tasks", "tasks", &ex, &|v| format!("/v2/tasks/{}", v["id"])).await,
            "time_entry" => pick(&t, "/v2/time_entries", "time_entries", &ex, &|v| format!("/v2/time_entries/{}", v["id"])).await,
            "time_entry_created_duration" => {
                let v = t.post("/v2/time_entries", json!({"project_id": mw, "task_id": programming, "spent_date": "2017-03-21", "hours": 1.0})).await.body;
                let e = matches(&ex, &v); (v, e)
            }
            "time_entry_updated" => {
                let e0 = t.post("/v2/time_entries", json!({"project_id": mw, "task_id": programming, "spent_date": "2017-03-21", "hours": 1.0})).await.body;
                let v = t.patch(&format!("/v2/time_entries/{}", e0["id"]), json!({"notes": "Updated notes"})).await.body;
                let e = matches(&ex, &v); (v, e)
            }
            "time_entry_restarted" | "time_entry_stopped" => {
                // the docs' examples come from a start/end-time account
                t.patch("/v2/company", json!({"wants_timestamp_timers": true})).await;
                let e0 = t.post("/v2/time_entries", json!({"project_id": mw, "task_id": programming, "spent_date": "2017-03-21",
                    "started_time": "8:00am", "ended_time": "9:00am"})).await.body;
                let restarted = t.patch(&format!("/v2/time_entries/{}/restart", e0["id"]), json!({})).await.body;
                let v = if name == "time_entry_restarted" {
                    restarted.clone()
                } else {
                    t.patch(&format!("/v2/time_entries/{}/stop", restarted["id"]), json!({})).await.body
                };
                if name == "time_entry_restarted" {
                    t.patch(&format!("/v2/time_entries/{}/stop", restarted["id"]), json!({})).await;
                }
                t.patch("/v2/company", json!({"wants_timestamp_timers": false})).await;
                let e = matches(&ex, &v); (v, e)
            }
            "project" => pick(&t, "/v2/projects", "projects", &ex, &|v| format!("/v2/projects/{}", v["id"])).await,
            "project_created" => {
                let v = t.post("/v2/projects", json!({"client_id": abc, "name": format!("Your New Project {s}"), "is_billable": true,
                    "bill_by": "Project", "hourly_rate": 100.0, "budget_by": "project", "budget": 10000})).await.body;
                let e = matches(&ex, &v); (v, e)
            }
            "user_assignment" => pick(&t, &format!("/v2/projects/{mw}/user_assignments"), "user_assignments", &ex, &|v| format!("/v2/projects/{mw}/user_assignments/{}", v["id"])).await,
            "task_assignment" => pick(&t, &format!("/v2/projects/{mw}/task_assignments"), "task_assignments", &ex, &|v| format!("/v2/projects/{mw}/task_assignments/{}", v["id"])).await,
            "role" => pick(&t, "/v2/roles", "roles", &ex, &|v| format!("/v2/roles/{}", v["id"])).await,
            "user" => pick(&t, "/v2/users", "users", &ex, &|v| format!("/v2/users/{}", v["id"])).await,
            "user_me" => { let v = t.get("/v2/users/me").await.body; let e = matches(&ex, &v); (v, e) }
            "user_created" => {
                let v = t.post("/v2/users", json!({"email": format!("george{s}@example.com"), "first_name": "George", "last_name": "Frank",
                    "access_roles": ["manager", "project_creator", "expenses_manager"]})).await;
                let v = if v.status == 422 {
                    t.post("/v2/users", json!({"email": format!("george{s}@example.com"), "first_name": "George", "last_name": "Frank",
                        "access_roles": ["manager", "project_creator"]})).await.body
                } else { v.body };
                let e = matches(&ex, &v); (v, e)
            }
            "billable_rate" => pick(&t, &format!("/v2/users/{bob}/billable_rates"), "billable_rates", &ex, &|v| format!("/v2/users/{bob}/billable_rates/{}", v["id"])).await,
            "cost_rate" => pick(&t, &format!("/v2/users/{bob}/cost_rates"), "cost_rates", &ex, &|v| format!("/v2/users/{bob}/cost_rates/{}", v["id"])).await,
            "teammates_updated" => {
                let cur: Vec<Value> = t.get(&format!("/v2/users/{carol}/teammates")).await.body["teammates"].as_array().unwrap().iter().map(|x| x["id"].clone()).collect();
                let v = t.patch(&format!("/v2/users/{carol}/teammates"), json!({"teammate_ids": cur})).await.body;
                let e = matches(&ex, &v); (v, e)
            }
            "pagination_cursor_first_page" => { let v = t.get("/v2/clients?per_page=2").await.body; let e = matches(&ex, &v); (v, e) }
            "pagination_cursor_last_page" => {
                let (_, pages) = walk(&t, "/v2/clients?per_page=2", "clients").await;
                let v = pages.last().unwrap().clone(); let e = matches(&ex, &v); (v, e)
            }
            _ => {
                // lists and reports
                let path = match name {
                    "clients_list" => list("/v2/clients"),
                    "invoices_list" => list("/v2/invoices"),
                    "invoice_item_categories_list" => list("/v2/invoice_item_categories"),
                    "estimates_list" => list("/v2/estimates"),
                    "estimate_item_categories_list" => list("/v2/estimate_item_categories"),
                    "expenses_list" => list("/v2/expenses"),
                    "expense_categories_list" => list("/v2/expense_categories"),
                    "tasks_list" => list("/v2/tasks"),
                    "time_entries_list" => list("/v2/time_entries"),
                    "projects_list" => list("/v2/projects"),
                    "user_assignments_list" => list("/v2/user_assignments"),
                    "project_user_assignments_list" => format!("/v2/projects/{mw}/user_assignments"),
                    "task_assignments_list" => list("/v2/task_assignments"),
                    "project_task_assignments_list" => format!("/v2/projects/{mw}/task_assignments"),
                    "roles_list" => list("/v2/roles"),
                    "users_list" => list("/v2/users"),
                    "billable_rates_list" => format!("/v2/users/{bob}/billable_rates"),
                    "cost_rates_list" => format!("/v2/users/{bob}/cost_rates"),
                    "project_assignments_list" => format!("/v2/users/{bob}/project_assignments"),
                    "project_assignments_me_list" => list("/v2/users/me/project_assignments"),
                    "teammates_list" => format!("/v2/users/{carol}/teammates"),
                    "report_time_clients" => format!("/v2/reports/time/clients?{range}"),
                    "report_time_projects" => format!("/v2/reports/time/projects?{range}"),
                    "report_time_tasks" => format!("/v2/reports/time/tasks?{range}"),
                    "report_time_team" => format!("/v2/reports/time/team?{range}"),
                    "report_expenses_clients" => format!("/v2/reports/expenses/clients?{range}"),
                    "report_expenses_projects" => format!("/v2/reports/expenses/projects?{range}"),
                    "report_expenses_categories" => format!("/v2/reports/expenses/categories?{range}"),
                    "report_expenses_team" => format!("/v2/reports/expenses/team?{range}"),
                    "uninvoiced_report" => format!("/v2/reports/uninvoiced?{range}"),
                    "project_budget_report" => list("/v2/reports/project_budget"),
                    other => panic!("no request mapped for example {other}.json: map it in fidelity.rs"),
                };
                let r = t.get(&path).await;
                assert_eq!(r.status, 200, "{path}: {}", r.text);
                let e = matches(&ex, &r.body);
                (r.body, e)
            }
        };
        checked += 1;
        if !errs.is_empty() {
            report.push(format!("{f}:\n  {}\n  sandbox: {}", errs.join("\n  "), ours.to_string().chars().take(300).collect::<String>()));
        }
    }
    assert_eq!(checked, files.len());
    assert!(report.is_empty(), "{} of {} examples differ:\n{}", report.len(), files.len(), report.join("\n"));
    t.sb.shutdown().await;
}
