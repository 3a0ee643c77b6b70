use crate::common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn free_form_amounts_are_exact() {
    let t = start().await;
    let (cid, _, _) = t.fixture(100.0).await;
    let r = t
        .post(
            "/v2/invoices",
            json!({"client_id": cid, "subject": "s", "tax": 7.25, "tax2": 2, "discount": 10, "payment_term": "net 30",
                   "issue_date": "2024-01-10",
                   "line_items": [{"kind": "Service", "description": "a", "quantity": 3, "unit_price": 0.1, "taxed": true},
                                  {"kind": "Product", "description": "b", "quantity": 0.3, "unit_price": 33.33, "taxed2": true},
                                  {"kind": "Service", "unit_price": 19.99}]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let inv = r.body;
    // items: 0.30 + 10.00 (9.999) + 19.99 = 30.29 ; discount 3.03 (3.029) ;
    // tax 7.25% of 0.30*0.9 = 0.02 ; tax2 2% of 10.00*0.9 = 0.18 ; total 30.29 - 3.03 + 0.02 + 0.18 = 27.46
    let amounts: Vec<Value> = inv["line_items"].as_array().unwrap().iter().map(|l| l["amount"].clone()).collect();
    assert_eq!(amounts, vec![json!(0.3), json!(10.0), json!(19.99)]);
    assert_eq!(inv["discount_amount"], json!(3.03));
    assert_eq!(inv["tax_amount"], json!(0.02));
    assert_eq!(inv["tax2_amount"], json!(0.18));
    assert_eq!(inv["amount"], json!(27.46));
    assert_eq!(inv["due_amount"], json!(27.46));
    assert_eq!(inv["state"], "draft");
    assert_eq!(inv["due_date"], "2024-02-09");
    assert!(inv["number"].as_str().unwrap().parse::<i64>().is_ok());
    let id = inv["id"].as_i64().unwrap();
    // line item edits: change, add, destroy
    let li = inv["line_items"][0]["id"].clone();
    let li3 = inv["line_items"][2]["id"].clone();
    let u = t
        .patch(&format!("/v2/invoices/{id}"), json!({"line_items": [{"id": li, "quantity": 10}, {"id": li3, "_destroy": true},
            {"kind": "Service", "unit_price": 5, "quantity": 2}], "state": "paid"}))
        .await;
    assert_eq!(u.status, 200, "{}", u.text);
    assert_eq!(u.body["line_items"].as_array().unwrap().len(), 3);
    assert_eq!(u.body["state"], "draft", "state cannot be PATCHed");
    // 1.00 + 10.00 + 10.00 = 21.00; discount 2.10; tax 7.25% of 0.90 = 0.07; tax2 0.18 → 19.15
    assert_eq!(u.body["amount"], json!(19.15));
    // duplicate number
    let n = u.body["number"].clone();
    let r = t.post("/v2/invoices", json!({"client_id": cid, "number": n})).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.body["message"], "Number has already been taken");
    let r = t.post("/v2/invoices", json!({"subject": "no client"})).await;
    assert_eq!(r.status, 422);
    t.sb.shutdown().await;
}

#[tokio::test]
async fn import_marks_time_and_expenses_invoiced() {
    let t = start().await;
    let (cid, pid, tid) = t.fixture(80.0).await;
    let mut ids = vec![];
    for (d, h) in [("2024-04-01", 1.5), ("2024-04-02", 2.0), ("2024-05-01", 1.0)] {
        ids.push(t.ok("POST", "/v2/time_entries", json!({"project_id": pid, "task_id": tid, "spent_date": d, "hours": h})).await["id"].clone());
    }
    let cats = t.get("/v2/expense_categories").await.body;
    let meals = cats["expense_categories"].as_array().unwrap().iter().find(|c| c["name"] == "Meals").unwrap()["id"].clone();
    let ex = t.ok("POST", "/v2/expenses", json!({"project_id": pid, "expense_category_id": meals, "spent_date": "2024-04-03", "total_cost": 12.34})).await;
    let r = t
        .post(
            "/v2/invoices",
            json!({"client_id": cid, "line_items_import": {"project_ids": [pid],
                "time": {"summary_type": "task", "from": "2024-04-01", "to": "2024-04-30"},
                "expenses": {"summary_type": "category"}}}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let inv = r.body;
    assert_eq!(inv["amount"], json!(292.34)); // 3.5 h × 80 + 12.34
    assert_eq!(inv["period_start"], "2024-04-01");
    assert_eq!(inv["period_end"], "2024-04-30");
    let items = inv["line_items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["quantity"], json!(3.5));
    assert_eq!(items[0]["unit_price"], json!(80.0));
    assert_eq!(items[0]["project"]["id"], json!(pid));
    for id in &ids[..2] {
        let e = t.get(&format!("/v2/time_entries/{id}")).await.body;
        assert_eq!(e["is_billed"], true);
        assert_eq!(e["is_locked"], true);
        assert_eq!(e["invoice"]["id"], inv["id"]);
        assert_eq!(e["invoice"]["number"], inv["number"]);
        // billed entries cannot change or be deleted
        let r = t.patch(&format!("/v2/time_entries/{id}"), json!({"notes": "x"})).await;
        assert_eq!(r.status, 422);
        assert_eq!(t.delete(&format!("/v2/time_entries/{id}")).await.status, 422);
    }
    let later = t.get(&format!("/v2/time_entries/{}", ids[2])).await.body;
    assert_eq!(later["is_billed"], false);
    let e = t.get(&format!("/v2/expenses/{}", ex["id"])).await.body;
    assert_eq!(e["is_billed"], true);
    assert_eq!(e["invoice"]["id"], inv["id"]);
    assert_eq!(t.patch(&format!("/v2/expenses/{}", ex["id"]), json!({"notes": "x"})).await.status, 422);
    // importing again finds nothing new for April
    let again = t.post("/v2/invoices", json!({"client_id": cid, "line_items_import": {"project_ids": [pid], "time": {"summary_type": "project", "from": "2024-04-01", "to": "2024-04-30"}}})).await;
    assert_eq!(again.body["line_items"].as_array().unwrap().len(), 0);
    // a project of another client is refused
    let r = t.post("/v2/invoices", json!({"client_id": cid, "line_items_import": {"project_ids": [1], "time": {"summary_type": "project"}}})).await;
    assert_eq!(r.status, 422);
    // deleting the invoice releases the time
    assert_eq!(t.delete(&format!("/v2/invoices/{}", inv["id"])).await.status, 200);
    let e = t.get(&format!("/v2/time_entries/{}", ids[0])).await.body;
    assert_eq!(e["is_billed"], false);
    assert!(e["invoice"].is_null());
    t.sb.shutdown().await;
}

async fn message(t: &T, inv: &Value, event: &str) -> u16 {
    t.post(&format!("/v2/invoices/{}/messages", inv["id"]), json!({"event_type": event})).await.status
}

#[tokio::test]
async fn invoice_state_machine_messages_and_payments() {
    let t = start().await;
    let (cid, _, _) = t.fixture(100.0).await;
    let inv = t.ok("POST", "/v2/invoices", json!({"client_id": cid, "line_items": [{"kind": "Service", "unit_price": 100, "quantity": 2}]})).await;
    let id = inv["id"].as_i64().unwrap();
    let state = |b: Value| b["state"].as_str().unwrap().to_string();
    assert_eq!(message(&t, &inv, "close").await, 422, "a draft cannot be closed");
    assert_eq!(t.post(&format!("/v2/invoices/{id}/payments"), json!({"amount": 10})).await.status, 422, "no payments on drafts");
    assert_eq!(message(&t, &inv, "send").await, 201);
    let cur = t.get(&format!("/v2/invoices/{id}")).await.body;
    assert_eq!(state(cur.clone()), "open");
    assert!(cur["sent_at"].is_string());
    assert_eq!(message(&t, &inv, "draft").await, 201);
    assert_eq!(state(t.get(&format!("/v2/invoices/{id}")).await.body), "draft");
    assert_eq!(message(&t, &inv, "send").await, 201);
    assert_eq!(message(&t, &inv, "close").await, 201);
    let cur = t.get(&format!("/v2/invoices/{id}")).await.body;
    assert_eq!(state(cur.clone()), "closed");
    assert!(cur["closed_at"].is_string());
    assert_eq!(message(&t, &inv, "re-open").await, 201);
    assert_eq!(state(t.get(&format!("/v2/invoices/{id}")).await.body), "open");
    assert_eq!(message(&t, &inv, "bogus").await, 422);
    let again = t.post(&format!("/v2/invoices/{id}/messages"), json!({"event_type": "send"})).await;
    assert_eq!((again.status, again.body["message"].as_str()), (422, Some("Only a draft invoice can be marked as sent")));
    // an emailed message needs recipients
    assert_eq!(t.post(&format!("/v2/invoices/{id}/messages"), json!({"subject": "hi"})).await.status, 422);
    let m = t.post(&format!("/v2/invoices/{id}/messages"), json!({"recipients": [{"name": "A", "email": "a@example.com"}], "subject": "Invoice"})).await;
    assert_eq!(m.status, 201);
    assert!(m.body["event_type"].is_null());
    let msgs = t.get(&format!("/v2/invoices/{id}/messages")).await.body;
    assert_eq!(msgs["invoice_messages"].as_array().unwrap().len(), 6, "send, draft, send, close, re-open, email");
    assert_eq!(t.delete(&format!("/v2/invoices/{id}/messages/{}", m.body["id"])).await.status, 200);
    let tpl = t.get(&format!("/v2/invoices/{id}/messages/new?thank_you=true")).await.body;
    assert_eq!(tpl["invoice_id"], json!(id));
    assert_eq!(tpl["thank_you"], true);
    assert!(tpl["subject"].as_str().unwrap().contains(inv["number"].as_str().unwrap()));
    // payments: partial, overpay refused, full → paid; deleting one → open again
    let p1 = t.post(&format!("/v2/invoices/{id}/payments"), json!({"amount": 50.5, "paid_date": "2024-06-01", "notes": "first"})).await;
    assert_eq!(p1.status, 201, "{}", p1.text);
    assert_eq!(p1.body["paid_date"], "2024-06-01");
    let cur = t.get(&format!("/v2/invoices/{id}")).await.body;
    assert_eq!(cur["due_amount"], json!(149.5));
    assert_eq!(state(cur), "open");
    assert_eq!(t.post(&format!("/v2/invoices/{id}/payments"), json!({"amount": 1000})).await.status, 422);
    assert_eq!(
        t.post(&format!("/v2/invoices/{id}/payments"), json!({"amount": 1, "paid_at": "2024-06-01T10:00:00Z", "paid_date": "2024-06-01"})).await.status,
        422
    );
    let p2 = t.post(&format!("/v2/invoices/{id}/payments"), json!({"amount": 149.5, "paid_at": "2024-06-02T10:00:00Z"})).await;
    assert_eq!(p2.status, 201);
    let cur = t.get(&format!("/v2/invoices/{id}")).await.body;
    assert_eq!(state(cur.clone()), "paid");
    assert_eq!(cur["due_amount"], json!(0.0));
    assert_eq!(cur["paid_date"], "2024-06-02");
    let pays = t.get(&format!("/v2/invoices/{id}/payments")).await.body;
    assert_eq!(pays["invoice_payments"].as_array().unwrap().len(), 2);
    assert_eq!(t.delete(&format!("/v2/invoices/{id}/payments/{}", p2.body["id"])).await.status, 200);
    let cur = t.get(&format!("/v2/invoices/{id}")).await.body;
    assert_eq!(state(cur.clone()), "open");
    assert!(cur["paid_at"].is_null());
    // list filters
    let open = t.get(&format!("/v2/invoices?client_id={cid}&state=open")).await.body;
    assert_eq!(open["total_entries"], 1);
    assert_eq!(open["per_page"], 100, "invoices default to 100 per page");
    let states = t.get("/v2/invoices?per_page=2000").await.body;
    let mut seen: Vec<String> = states["invoices"].as_array().unwrap().iter().map(|i| i["state"].as_str().unwrap().to_string()).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen, vec!["closed", "draft", "open", "paid"], "the demo seed has invoices in each state");
    // Emailing a draft sends it, as `send` does.
    let other = t.ok("POST", "/v2/invoices", json!({"client_id": cid, "line_items": [{"kind": "Service", "unit_price": 5, "quantity": 1}]})).await;
    let emailed = json!({"recipients": [{"name": "A", "email": "a@example.com"}]});
    assert_eq!(t.post(&format!("/v2/invoices/{}/messages", other["id"]), emailed).await.status, 201);
    assert_eq!(state(t.get(&format!("/v2/invoices/{}", other["id"])).await.body), "open");
    t.sb.shutdown().await;
}

#[tokio::test]
async fn estimates_and_item_categories() {
    let t = start().await;
    let (cid, _, _) = t.fixture(100.0).await;
    let e = t
        .post("/v2/estimates", json!({"client_id": cid, "discount": 10, "tax": 5, "tax2": 2,
            "line_items": [{"kind": "Service", "description": "Phase 2", "quantity": 100, "unit_price": 100, "taxed": true, "taxed2": true}]}))
        .await;
    assert_eq!(e.status, 201, "{}", e.text);
    assert_eq!(e.body["amount"], json!(9630.0), "the docs' example numbers");
    assert_eq!(e.body["tax_amount"], json!(450.0));
    assert_eq!(e.body["tax2_amount"], json!(180.0));
    let id = e.body["id"].as_i64().unwrap();
    let ev = |x: &'static str| {
        let t = &t;
        async move { t.post(&format!("/v2/estimates/{id}/messages"), json!({"event_type": x})).await.status }
    };
    assert_eq!(ev("accept").await, 422);
    assert_eq!(ev("send").await, 201);
    assert_eq!(t.get(&format!("/v2/estimates/{id}")).await.body["state"], "sent");
    assert_eq!(ev("decline").await, 201);
    assert_eq!(t.get(&format!("/v2/estimates/{id}")).await.body["state"], "declined");
    assert_eq!(ev("re-open").await, 201);
    assert_eq!(ev("accept").await, 201);
    let cur = t.get(&format!("/v2/estimates/{id}")).await.body;
    assert_eq!(cur["state"], "accepted");
    assert!(cur["accepted_at"].is_string());
    assert_eq!(t.get("/v2/estimates?state=accepted").await.body["estimates"].as_array().unwrap().iter().filter(|x| x["id"] == id).count(), 1);
    let msgs = t.get(&format!("/v2/estimates/{id}/messages")).await.body;
    assert_eq!(msgs["estimate_messages"].as_array().unwrap().len(), 4);
    let u = t.patch(&format!("/v2/estimates/{id}"), json!({"subject": "renamed"})).await;
    assert_eq!(u.body["subject"], "renamed");
    assert_eq!(t.delete(&format!("/v2/estimates/{id}")).await.status, 200);
    assert_eq!(t.get(&format!("/v2/estimates/{id}")).await.status, 404);
    // item categories
    let c = t.ok("POST", "/v2/estimate_item_categories", json!({"name": "Hosting"})).await;
    assert_eq!(t.patch(&format!("/v2/estimate_item_categories/{}", c["id"]), json!({"name": "Hosting+"})).await.body["name"], "Hosting+");
    assert_eq!(t.delete(&format!("/v2/estimate_item_categories/{}", c["id"])).await.status, 200);
    let ic = t.get("/v2/invoice_item_categories").await.body;
    let service = ic["invoice_item_categories"].as_array().unwrap().iter().find(|c| c["use_as_service"] == true).unwrap().clone();
    assert_eq!(t.delete(&format!("/v2/invoice_item_categories/{}", service["id"])).await.status, 422);
    let c = t.ok("POST", "/v2/invoice_item_categories", json!({"name": "Misc"})).await;
    assert_eq!(c["use_as_service"], false);
    assert_eq!(t.delete(&format!("/v2/invoice_item_categories/{}", c["id"])).await.status, 200);
    t.sb.shutdown().await;
}
