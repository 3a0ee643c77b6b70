//! Enumerates the 113 operations of the OpenAPI file and calls each one against the sandbox.

use crate::common::*;
use serde_json::{json, Value};
use std::collections::HashMap;

pub fn reference_dir() -> Option<std::path::PathBuf> {
    let d = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference");
    d.join("harvest-openapi.yaml").exists().then_some(d)
}

#[tokio::test]
async fn every_openapi_operation_answers() {
    let Some(dir) = reference_dir() else {
        eprintln!("skipping: ../shared/reference is absent");
        return;
    };
    let spec: serde_yaml::Value = serde_yaml::from_str(&std::fs::read_to_string(dir.join("harvest-openapi.yaml")).unwrap()).unwrap();
    let mut ops: Vec<(String, String, String)> = vec![];
    for (path, item) in spec["paths"].as_mapping().unwrap() {
        for (method, op) in item.as_mapping().unwrap() {
            let m = method.as_str().unwrap().to_ascii_uppercase();
            if ["GET", "POST", "PATCH", "DELETE", "PUT"].contains(&m.as_str()) {
                ops.push((m, path.as_str().unwrap().to_string(), op["operationId"].as_str().unwrap().to_string()));
            }
        }
    }
    assert_eq!(ops.len(), 113);

    let t = start().await;
    let s = rand_suffix();
    let member = t.member_id().await;
    let (c, p, task) = t.fixture(100.0).await;
    let task2 = t.ok("POST", "/v2/tasks", json!({"name": format!("Second {s}")})).await["id"].clone();
    // a default task's assignment: it has no time entries, so it can be deleted
    let tas = t.get(&format!("/v2/projects/{p}/task_assignments")).await.body;
    let ta = tas["task_assignments"].as_array().unwrap().last().unwrap()["id"].clone();
    let c2 = t.ok("POST", "/v2/clients", json!({"name": format!("Op other client {s}")})).await["id"].clone();
    let ua = t.get(&format!("/v2/projects/{p}/user_assignments?user_id={member}")).await.body["user_assignments"][0]["id"].clone();
    let contact = t.ok("POST", "/v2/contacts", json!({"client_id": c, "first_name": "Op"})).await["id"].clone();
    let te = t.ok("POST", "/v2/time_entries", json!({"project_id": p, "task_id": task, "spent_date": "2024-01-01", "hours": 1,
        "external_reference": {"id": "op-1"}})).await["id"].clone();
    let ec = t.ok("POST", "/v2/expense_categories", json!({"name": format!("Op cat {s}")})).await["id"].clone();
    let ex = t.ok("POST", "/v2/expenses", json!({"project_id": p, "expense_category_id": ec, "spent_date": "2024-01-01", "total_cost": 5})).await["id"].clone();
    let inv = t.ok("POST", "/v2/invoices", json!({"client_id": c, "line_items": [{"kind": "Service", "unit_price": 100}]})).await["id"].clone();
    let im = t.ok("POST", &format!("/v2/invoices/{inv}/messages"), json!({"event_type": "send"})).await["id"].clone();
    let pm = t.ok("POST", &format!("/v2/invoices/{inv}/payments"), json!({"amount": 1})).await["id"].clone();
    let iic = t.ok("POST", "/v2/invoice_item_categories", json!({"name": format!("Op iic {s}")})).await["id"].clone();
    let est = t.ok("POST", "/v2/estimates", json!({"client_id": c, "line_items": [{"kind": "Service", "unit_price": 100}]})).await["id"].clone();
    let em = t.ok("POST", &format!("/v2/estimates/{est}/messages"), json!({"event_type": "send"})).await["id"].clone();
    let eic = t.ok("POST", "/v2/estimate_item_categories", json!({"name": format!("Op eic {s}")})).await["id"].clone();
    let role = t.ok("POST", "/v2/roles", json!({"name": format!("Op role {s}")})).await["id"].clone();
    let user = t.ok("POST", "/v2/users", json!({"first_name": "Op", "last_name": "User", "email": format!("op{s}@example.com"), "access_roles": ["manager"]})).await["id"].clone();
    let br = t.ok("POST", &format!("/v2/users/{user}/billable_rates"), json!({"amount": 10})).await["id"].clone();
    let cr = t.ok("POST", &format!("/v2/users/{user}/cost_rates"), json!({"amount": 5})).await["id"].clone();

    let ids: HashMap<&str, Value> = HashMap::from([
        ("clientId", json!(c)), ("contactId", contact), ("estimateItemCategoryId", eic), ("estimateId", est),
        ("expenseCategoryId", ec.clone()), ("expenseId", ex), ("invoiceItemCategoryId", iic), ("invoiceId", inv),
        ("paymentId", pm), ("projectId", json!(p)), ("taskAssignmentId", ta), ("userAssignmentId", ua), ("roleId", role),
        ("taskId", json!(task)), ("timeEntryId", te), ("userId", user.clone()), ("billableRateId", br), ("costRateId", cr),
    ]);
    let bodies: HashMap<&str, Value> = HashMap::from([
        ("createClient", json!({"name": format!("Op client {s}")})),
        ("createContact", json!({"client_id": c, "first_name": "Second"})),
        ("createEstimateItemCategory", json!({"name": format!("Op eic2 {s}")})),
        ("createEstimate", json!({"client_id": c2})),
        ("createEstimateMessage", json!({"recipients": [{"name": "X", "email": "x@example.com"}]})),
        ("createExpenseCategory", json!({"name": format!("Op cat2 {s}")})),
        ("createExpense", json!({"project_id": p, "expense_category_id": ec, "spent_date": "2024-01-02", "total_cost": 1})),
        ("createInvoiceItemCategory", json!({"name": format!("Op iic2 {s}")})),
        ("createInvoice", json!({"client_id": c2})),
        ("createInvoiceMessage", json!({"recipients": [{"name": "X", "email": "x@example.com"}]})),
        ("createInvoicePayment", json!({"amount": 2})),
        ("createProject", json!({"client_id": c2, "name": format!("Op project {s}"), "is_billable": true, "bill_by": "none", "budget_by": "none"})),
        ("createTaskAssignment", json!({"task_id": task2})),
        ("createUserAssignment", json!({"user_id": user})),
        ("createRole", json!({"name": format!("Op role2 {s}")})),
        ("createTask", json!({"name": format!("Op task {s}")})),
        ("createTimeEntry", json!({"project_id": p, "task_id": task, "spent_date": "2024-01-02", "hours": 2})),
        ("createUser", json!({"first_name": "Op2", "last_name": "User", "email": format!("op2{s}@example.com")})),
        ("createBillableRate", json!({"amount": 11, "start_date": chrono::Utc::now().date_naive().to_string()})),
        ("createCostRate", json!({"amount": 6, "start_date": chrono::Utc::now().date_naive().to_string()})),
        ("updateCompany", json!({"weekly_capacity": 126000})),
        ("updateTimeEntry", json!({"notes": "updated"})),
        ("updateUserAssignedTeammates", json!({"teammate_ids": [member]})),
        ("updateUser", json!({"telephone": "555"})),
    ]);
    let delete_order = [
        "deleteInvoiceMessage", "deleteInvoicePayment", "deleteEstimateMessage", "deleteTimeEntryExternalReference",
        "deleteTimeEntry", "deleteExpense", "deleteInvoice", "deleteEstimate", "deleteTaskAssignment", "deleteUserAssignment",
        "deleteProject", "deleteContact", "deleteClient", "deleteTask", "deleteExpenseCategory", "deleteInvoiceItemCategory",
        "deleteEstimateItemCategory", "deleteRole", "deleteUser",
    ];
    let mut ordered: Vec<&(String, String, String)> = ops.iter().filter(|o| o.0 != "DELETE").collect();
    for d in delete_order {
        ordered.push(ops.iter().find(|o| o.2 == d).unwrap_or_else(|| panic!("{d} in the spec")));
    }
    assert_eq!(ordered.len(), 113, "every DELETE operation is ordered");
    let mut failures = vec![];
    for (method, path, op) in ordered {
        let mut url = format!("/v2{path}");
        for (name, v) in &ids {
            let v = if *name == "messageId" { continue } else { v.to_string() };
            url = url.replace(&format!("{{{name}}}"), &v);
        }
        if url.contains("{messageId}") {
            let m = if url.contains("/invoices/") { im.clone() } else { em.clone() };
            url = url.replace("{messageId}", &m.to_string());
        }
        assert!(!url.contains('{'), "unresolved parameter in {url}");
        if url.starts_with("/v2/reports/") && !url.ends_with("project_budget") {
            url.push_str("?from=20240101&to=20241231");
        }
        let body = bodies.get(op.as_str()).cloned().unwrap_or(json!({}));
        let r = t.send(method, &url, &t.admin.clone(), if method == "GET" { None } else { Some(body) }).await;
        if !(200..300).contains(&r.status) {
            failures.push(format!("{op}: {method} {url} → {} {}", r.status, r.text));
        }
    }
    assert!(failures.is_empty(), "failing operations:\n{}", failures.join("\n"));
    t.sb.shutdown().await;
}
