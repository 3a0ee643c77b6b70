//! Errors and edge cases through `harvest_core::decode`: every status Harvest uses with each of its
//! body shapes, HTML and empty bodies; broken 2xx bodies; unknown fields and enum values; big ids;
//! exact money.

use harvest_core::model::*;
use harvest_core::{decode, Decoded, ErrorCode, Response};
use serde_json::{json, Value};

const OPS: [&str; 6] = ["retrieveClient", "listTimeEntries", "createInvoice", "deleteTask", "clientsTimeReport", "listAccounts"];
const HTML: &str = "<!DOCTYPE html><html><head><title>Oops</title></head><body><h1>Something went wrong</h1></body></html>";

fn code_for(status: u16) -> ErrorCode {
    match status {
        400 => ErrorCode::BadRequest,
        401 => ErrorCode::Unauthorized,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        422 => ErrorCode::Validation,
        429 => ErrorCode::RateLimited,
        _ => ErrorCode::Server,
    }
}

#[test]
fn every_status_with_each_json_shape_html_and_empty_bodies() {
    let json_bodies = [
        (r#"{"error":"invalid_token","error_description":"The access token provided is expired, revoked, malformed or invalid for other reasons."}"#,
         "invalid_token: The access token provided is expired, revoked, malformed or invalid for other reasons."),
        (r#"{"message":"Project can't be blank, Task can't be blank"}"#, "Project can't be blank, Task can't be blank"),
        (r#"{"status":404,"error":"Not Found"}"#, "Not Found"),
    ];
    for status in [400, 401, 403, 404, 422, 429, 500, 502, 503] {
        for op in OPS {
            for (body, message) in json_bodies {
                let e = decode(op, &Response::new(1, status, body)).expect_err("non-2xx is an error");
                assert_eq!((e.code, e.status, e.message.as_str()), (code_for(status), Some(status), message), "{op} {status} {body}");
                assert_eq!(e.code_str(), code_for(status).as_str());
            }
            for body in [HTML, "", "   \n", "{\"message\":\"trunc"] {
                let e = decode(op, &Response::new(1, status, body)).expect_err("non-2xx is an error");
                assert_eq!((e.code, e.status), (code_for(status), Some(status)), "{op} {status} {body:?}");
                assert!(!e.message.is_empty() && !e.message.contains("<html"), "{op} {status}: {}", e.message);
            }
        }
    }
}

#[test]
fn transient_errors_are_the_ones_worth_retrying() {
    for (status, transient) in [(400, false), (401, false), (403, false), (404, false), (422, false), (429, true), (500, true), (503, true)] {
        let e = decode("listClients", &Response::new(1, status, "")).unwrap_err();
        assert_eq!(e.is_transient(), transient, "{status}");
    }
    let e = decode("listClients", &Response::new(1, 418, "I'm a teapot")).unwrap_err();
    assert_eq!((e.code, e.status), (ErrorCode::UnexpectedStatus, Some(418)));
}

#[test]
fn rate_limited_reads_retry_after_in_seconds_or_as_a_date() {
    let e = decode("listClients", &Response::new(1, 429, HTML).with_header("Retry-After", "15")).unwrap_err();
    assert_eq!((e.code, e.retry_after_ms, e.retry_at_ms), (ErrorCode::RateLimited, Some(15_000), None));
    let e = decode("clientsTimeReport", &Response::new(1, 429, "").with_header("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")).unwrap_err();
    assert_eq!((e.retry_after_ms, e.retry_at_ms), (None, Some(1_445_412_480_000)));
    let e = decode("listClients", &Response::new(1, 429, "")).unwrap_err();
    assert_eq!((e.retry_after_ms, e.retry_at_ms), (None, None));
}

#[test]
fn broken_2xx_bodies_are_decode_errors() {
    let client = r#"{"id":5735776,"name":"123 Industries","is_active":true,"created_at":"2017-06-26T21:02:12Z","updated_at":"2017-06-26T21:34:11Z"}"#;
    assert!(decode("retrieveClient", &Response::new(1, 200, client)).is_ok());
    let cases = [
        ("retrieveClient", HTML.to_owned(), "HTML"),
        ("retrieveClient", client[..40].to_owned(), "truncated"),
        ("retrieveClient", client.replace("5735776", "\"abc\""), "malformed"),
        ("retrieveClient", client.replace("\"2017-06-26T21:02:12Z\"", "\"yesterday\""), "malformed"),
        ("retrieveClient", "[]".to_owned(), "malformed"),
        ("retrieveClient", String::new(), "malformed"),
        ("listClients", r#"{"per_page":2000}"#.to_owned(), "malformed"),
        ("listClients", r#"{"clients":{"id":1}}"#.to_owned(), "malformed"),
        ("listTimeEntries", r#"{"time_entries":[{"id":1,"hours":"lots"}]}"#.to_owned(), "malformed"),
        ("listAccounts", "\u{feff}{}".to_owned(), "malformed"),
    ];
    for (op, body, kind) in cases {
        let e = decode(op, &Response::new(1, 200, body.clone())).expect_err("broken body");
        assert_eq!((e.code, e.status), (ErrorCode::Decode, Some(200)), "{op} {body:?}");
        assert!(e.message.contains(kind), "{op} {body:?}: {}", e.message);
    }
    let e = decode("listClients", &Response::new(1, 201, vec![0xff, 0xfe, 0x00])).unwrap_err();
    assert_eq!(e.code, ErrorCode::Decode);
    assert!(e.message.contains("malformed JSON"), "{}", e.message);
    // Cut inside a multi-byte character: still a truncated body.
    let cut = "{\"clients\":[{\"name\":\"Caf\u{e9}".as_bytes();
    let e = decode("listClients", &Response::new(1, 200, cut[..cut.len() - 1].to_vec())).unwrap_err();
    assert!(e.message.contains("truncated JSON"), "{}", e.message);
}

#[test]
fn deletes_accept_an_empty_body_or_any_json() {
    for op in ["deleteClient", "deleteTimeEntry", "deleteInvoicePayment", "deleteTimeEntryExternalReference"] {
        assert_eq!(decode(op, &Response::new(1, 200, "")), Ok(Decoded::Deleted(Deleted { body: None })));
        assert_eq!(decode(op, &Response::new(1, 204, " ")), Ok(Decoded::Deleted(Deleted { body: None })));
        let Ok(Decoded::Deleted(deleted)) = decode(op, &Response::new(1, 200, r#"{"id":1}"#)) else { panic!("{op}") };
        assert_eq!(deleted.body, Some(json!({"id": 1})));
    }
}

#[test]
fn unknown_fields_are_kept_and_re_serialized() {
    let body = json!({
        "id": 636708723, "spent_date": "2017-03-01", "hours": 1.0, "is_running": false,
        "user": {"id": 1782959, "name": "Kim Allen"},
        "client": {"id": 5735774, "name": "ABC Corp", "currency": "USD"},
        "project": {"id": 14307913, "name": "Marketing Website", "code": "MW", "color": "#ff0000"},
        "task": {"id": 8083365, "name": "Graphic Design"},
        "created_at": "2017-06-27T15:49:28Z", "updated_at": "2017-06-27T16:47:14Z",
        "brand_new_field": {"nested": [1, 2, {"deep": true}]},
        "another": null
    });
    let decoded = decode("retrieveTimeEntry", &Response::new(1, 200, body.to_string())).unwrap();
    let Decoded::TimeEntry(entry) = &decoded else { panic!("a time entry") };
    assert_eq!(entry.extra.get("brand_new_field"), Some(&json!({"nested": [1, 2, {"deep": true}]})));
    assert_eq!(entry.extra.get("another"), Some(&Value::Null));
    assert_eq!(entry.project.extra.get("color"), Some(&json!("#ff0000")));
    assert_eq!(entry.project.code.as_deref(), Some("MW"));

    let again = serde_json::to_value(&decoded).unwrap();
    assert_eq!(again["brand_new_field"], body["brand_new_field"]);
    assert_eq!(again["another"], Value::Null);
    assert_eq!(again["project"]["color"], json!("#ff0000"));
    // And the re-serialized value decodes to the same thing.
    let twice = decode("retrieveTimeEntry", &Response::new(1, 200, again.to_string())).unwrap();
    assert_eq!(twice, decoded);

    let page = decode("listClients", &Response::new(1, 200, r#"{"clients":[],"links":{"first":"f","next":null,"cursor_hint":"x"},"new_envelope_field":7}"#)).unwrap();
    let Decoded::Clients(page) = &page else { panic!("clients") };
    assert_eq!(page.extra.get("new_envelope_field"), Some(&json!(7)));
    assert_eq!(page.links.extra.get("cursor_hint"), Some(&json!("x")));
    assert_eq!(page.next_url(), None);
}

#[test]
fn unknown_enum_values_decode_to_the_unknown_variant() {
    let body = json!({"id": 1, "client": {"id": 2, "name": "c"}, "state": "partially_paid", "payment_term": "net 90",
                      "payment_options": ["credit_card", "bitcoin"], "amount": 1, "due_amount": 0, "line_items": []});
    let decoded = decode("retrieveInvoice", &Response::new(1, 200, body.to_string())).unwrap();
    let Decoded::Invoice(invoice) = &decoded else { panic!("an invoice") };
    assert_eq!(invoice.state, Some(InvoiceState::Unknown("partially_paid".into())));
    assert_eq!(invoice.payment_term, Some(PaymentTerm::Unknown("net 90".into())));
    assert_eq!(invoice.payment_options, vec![PaymentOption::CreditCard, PaymentOption::Unknown("bitcoin".into())]);
    let again = serde_json::to_value(&decoded).unwrap();
    assert_eq!((again["state"].as_str(), again["payment_term"].as_str()), (Some("partially_paid"), Some("net 90")));
    assert_eq!(again["payment_options"], json!(["credit_card", "bitcoin"]));

    let known: InvoiceEventType = "re-open".parse().unwrap();
    assert_eq!((known.clone(), known.as_str()), (InvoiceEventType::ReOpen, "re-open"));
    assert_eq!("view".parse::<InvoiceEventType>().unwrap().to_string(), "view");
    assert_eq!(serde_json::from_value::<BillBy>(json!("Project")).unwrap(), BillBy::Project);
    assert_eq!(serde_json::from_value::<BillBy>(json!("project")).unwrap(), BillBy::Unknown("project".into()));
}

#[test]
fn ids_above_2_pow_53_survive() {
    for id in [9_007_199_254_740_993_u64, u64::MAX] {
        let body = format!(r#"{{"id":{id},"name":"Big","is_active":true,"user_ids":[{id}],"created_at":"2017-06-26T21:02:12Z","updated_at":"2017-06-26T21:34:11Z"}}"#);
        let decoded = decode("retrieveRole", &Response::new(1, 200, body)).unwrap();
        let Decoded::Role(role) = &decoded else { panic!("a role") };
        assert_eq!((role.id, role.user_ids.as_slice()), (id, [id].as_slice()));
        let text = serde_json::to_string(&decoded).unwrap();
        assert!(text.contains(&format!("\"id\":{id}")), "{text}");
    }
    // Ids cannot be negative or fractional.
    let e = decode("retrieveRole", &Response::new(1, 200, r#"{"id":-1}"#)).unwrap_err();
    assert_eq!(e.code, ErrorCode::Decode);
}

#[test]
fn money_and_hours_stay_exact() {
    let body = r#"{"id":1,"client":{"id":2},"amount":0.1,"due_amount":0.2,"tax_amount":1575.86,"discount_amount":"12.50",
                   "line_items":[{"id":3,"quantity":3,"unit_price":0.1,"amount":0.3}]}"#;
    let Decoded::Invoice(invoice) = decode("retrieveInvoice", &Response::new(1, 200, body)).unwrap() else { panic!("an invoice") };
    assert_eq!(invoice.amount + invoice.due_amount, "0.3".parse::<Decimal>().unwrap());
    assert_eq!(invoice.tax_amount.unwrap().to_string(), "1575.86");
    assert_eq!(invoice.discount_amount.unwrap().to_string(), "12.50");
    let line = &invoice.line_items[0];
    assert_eq!(line.quantity.unwrap() * line.unit_price.unwrap(), line.amount.unwrap());

    let hours: Vec<Decimal> = ["0.1", "0.2", "0.7"].iter().map(|h| h.parse().unwrap()).collect();
    let entries: Vec<Value> = hours.iter().enumerate().map(|(i, h)| json!({"id": i + 1, "hours": h.to_string().parse::<f64>().unwrap()})).collect();
    let page = json!({"time_entries": entries, "per_page": 2000});
    let Decoded::TimeEntries(page) = decode("listTimeEntries", &Response::new(1, 200, page.to_string())).unwrap() else { panic!("entries") };
    let total: Decimal = page.items.iter().map(|e| e.hours).sum();
    assert_eq!(total, Decimal::ONE);
}

#[test]
fn null_for_a_plain_field_becomes_its_default_and_absent_options_stay_none() {
    let body = r#"{"id":1,"name":null,"is_active":null,"address":null,"created_at":"2017-06-26T21:02:12Z","updated_at":"2017-06-26T21:34:11Z"}"#;
    let Decoded::Client(client) = decode("retrieveClient", &Response::new(1, 200, body)).unwrap() else { panic!("a client") };
    assert_eq!((client.name.as_str(), client.is_active, client.address, client.currency), ("", false, None, None));
    assert!(client.extra.is_empty());
}

#[test]
fn unknown_operation_ids_are_invalid_input() {
    let e = decode("listTimeEntrys", &Response::new(1, 200, "{}")).unwrap_err();
    assert_eq!((e.code, e.status), (ErrorCode::InvalidInput, None));
}
