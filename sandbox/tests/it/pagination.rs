use crate::common::*;
use serde_json::{json, Value};
use std::collections::HashSet;

#[tokio::test]
async fn page_based_walk_over_time_entries() {
    let t = start().await;
    let first = t.get("/v2/time_entries?per_page=37").await.body;
    let total = first["total_entries"].as_i64().unwrap();
    assert!(total > 300, "demo seed has several hundred entries");
    assert_eq!(first["page"], 1);
    assert_eq!(first["next_page"], 2);
    assert!(first["previous_page"].is_null());
    assert_eq!(first["total_pages"].as_i64().unwrap(), (total + 36) / 37);
    assert!(first["links"]["first"].as_str().unwrap().starts_with(&t.base), "links are absolute and use the request host");
    assert!(first["links"]["next"].as_str().unwrap().contains("page=2&per_page=37"));
    let (items, pages) = walk(&t, "/v2/time_entries?per_page=37", "time_entries").await;
    assert_eq!(items.len() as i64, total);
    let ids: HashSet<i64> = items.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len() as i64, total, "no duplicates across pages");
    let last = pages.last().unwrap();
    assert!(last["next_page"].is_null());
    assert!(last["links"]["next"].is_null());
    assert_eq!(last["page"], last["total_pages"]);
    assert!(last["links"]["previous"].as_str().unwrap().contains("ref=previous"));
    // filters are kept in links
    let f = t.get("/v2/time_entries?is_billed=false&per_page=5").await.body;
    assert!(f["links"]["next"].as_str().unwrap().contains("is_billed=false"));
    // per_page limits
    for bad in ["0", "2001", "abc"] {
        let r = t.get(&format!("/v2/time_entries?per_page={bad}")).await;
        assert_eq!(r.status, 422, "per_page={bad}");
        assert!(r.body["message"].is_string());
    }
    assert_eq!(t.get("/v2/time_entries?per_page=2000").await.status, 200);
    // default per_page is 2000
    assert_eq!(t.get("/v2/time_entries").await.body["per_page"], 2000);
    // a page past the end is empty, not an error
    let far = t.get("/v2/time_entries?page=9999&per_page=100").await.body;
    assert_eq!(far["time_entries"].as_array().unwrap().len(), 0);
    t.sb.shutdown().await;
}

/// The envelope's members come in Harvest's order, the items first and `links` last, on every
/// kind of list (rows streamed raw, rows as values, cursor pages, computed reports).
#[tokio::test]
async fn envelope_members_are_in_harvests_order() {
    let t = start().await;
    let order = ["per_page", "total_pages", "total_entries", "next_page", "previous_page", "page", "links"];
    for (path, key) in [
        ("/v2/time_entries?per_page=3", "time_entries"),
        ("/v2/projects?per_page=2", "projects"),
        ("/v2/clients?per_page=1", "clients"),
        ("/v2/reports/time/projects?from=20000101&to=20001231", "results"),
    ] {
        let r = t.get(path).await;
        assert_eq!(r.status, 200, "{path}");
        let at = |name: &str| r.text.find(&format!("\"{name}\":")).unwrap_or_else(|| panic!("{path}: no {name}"));
        assert_eq!(at(key), 1, "{path}: the items come first");
        let mut last = at(key);
        for name in order {
            assert!(at(name) > last, "{path}: {name} out of order in {}", r.text);
            last = at(name);
        }
        let links = &r.text[at("links")..];
        let (f, n, p, l) = (links.find("\"first\"").unwrap(), links.find("\"next\"").unwrap(), links.find("\"previous\"").unwrap(), links.find("\"last\"").unwrap());
        assert!(f < n && n < p && p < l, "{path}: {links}");
        assert!(r.text.ends_with("}}"), "{path}: links close the page");
    }
    t.sb.shutdown().await;
}

#[tokio::test]
async fn cursor_walk_over_clients() {
    let t = start().await;
    for i in 0..23 {
        t.ok("POST", "/v2/clients", json!({"name": format!("Cursor client {i}")})).await;
    }
    let first = t.get("/v2/clients?per_page=10").await.body;
    let total = first["total_entries"].as_i64().unwrap();
    assert!(total >= 23);
    assert_eq!(first["page"], 1);
    assert_eq!(first["next_page"], 2);
    let next = first["links"]["next"].as_str().unwrap();
    assert!(next.contains("cursor=") && next.contains("ref=next_cursor"), "{next}");
    assert!(first["links"]["last"].as_str().unwrap().contains("ref=last"));
    let (items, pages) = walk(&t, "/v2/clients?per_page=10", "clients").await;
    assert_eq!(items.len() as i64, total);
    let ids: Vec<i64> = items.iter().map(|c| c["id"].as_i64().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(ids, sorted, "newest first, no duplicates");
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len());
    // mid-stream pages have null page numbers; the last page has them again
    assert!(pages.len() >= 3);
    for p in &pages[1..pages.len() - 1] {
        assert!(p["page"].is_null() && p["next_page"].is_null() && p["previous_page"].is_null(), "{p}");
        assert!(p["links"]["next"].is_string());
    }
    let last: &Value = pages.last().unwrap();
    assert_eq!(last["page"], last["total_pages"]);
    assert!(last["next_page"].is_null());
    assert_eq!(last["previous_page"].as_i64().unwrap(), last["total_pages"].as_i64().unwrap() - 1);
    assert!(last["links"]["next"].is_null());
    assert!(last["links"]["previous"].as_str().unwrap().contains("ref=previous"));
    // a bad cursor is a 422
    assert_eq!(t.get("/v2/clients?cursor=!!!").await.status, 422);
    // page-based access on cursor endpoints still works (deprecated in Harvest, but served)
    let p2 = t.get("/v2/clients?page=2&per_page=10").await.body;
    assert_eq!(p2["page"], 2);
    assert_eq!(p2["clients"][0]["id"].as_i64().unwrap(), ids[10]);
    t.sb.shutdown().await;
}

#[tokio::test]
async fn reports_paginate_too() {
    let t = start().await;
    let r = t.get("/v2/reports/time/projects?from=20000101&to=20001231&per_page=1").await.body;
    assert_eq!(r["total_entries"], 0);
    assert!(r["results"].as_array().unwrap().is_empty());
    let today = chrono::Utc::now().date_naive();
    let from = (today - chrono::Duration::days(120)).format("%Y%m%d");
    let (items, pages) = walk(&t, &format!("/v2/reports/time/tasks?from={from}&to={}&per_page=2", today.format("%Y%m%d")), "results").await;
    assert!(items.len() >= 4);
    assert!(pages.len() >= 2);
    t.sb.shutdown().await;
}
