//! Seed data: the account itself (always), a realistic demo company (`--seed demo`), and fast bulk
//! time entries for benchmarks (`--seed-time-entries N`).
//!
//! The demo data is created through the API handlers themselves, so it obeys every rule the API
//! enforces (assignments, invoice imports, state changes by messages and payments).

use crate::api::{self, fmt_time, Ctx, User};
use crate::params::Params;
use crate::Seed;
use chrono::{Datelike, Duration, NaiveDate, Utc, Weekday};
use rusqlite::Connection;
use serde_json::{json, Value};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

struct Seeder<'a> {
    conn: &'a Connection,
    admin: i64,
}

impl Seeder<'_> {
    fn call_as(&self, user: i64, method: &str, path: &str, body: Value) -> Result<Value, String> {
        let now = Utc::now();
        let is_admin: bool = self
            .conn
            .query_row("SELECT access_roles LIKE '%\"administrator\"%' FROM users WHERE id = ?1", [user], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        let ctx = Ctx {
            conn: self.conn,
            counts: None,
            user: User { id: user, is_admin, is_active: true },
            now,
            now_s: fmt_time(&now),
            today: now.date_naive(),
            base: "http://127.0.0.1".into(),
            path: format!("/v2/{path}"),
            query: vec![],
            p: Params(body.as_object().cloned().unwrap_or_default()),
            account_id: crate::ACCOUNT_ID,
        };
        let segs: Vec<&str> = path.split('/').collect();
        match api::dispatch(&ctx, method, &segs) {
            Ok(r) => match r.raw {
                Some(raw) => serde_json::from_slice(&raw).map_err(|e| e.to_string()),
                None => Ok(r.body),
            },
            Err(e) => Err(format!("seed {method} {path} {body}: {e:?}")),
        }
    }
    fn call(&self, method: &str, path: &str, body: Value) -> Result<Value, String> {
        self.call_as(self.admin, method, path, body)
    }
}

fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or(0)
}

/// Company, administrator (with a deterministic personal access token) and default item categories.
fn base(conn: &Connection, account_id: i64, name: &str) -> Result<i64, String> {
    let now = fmt_time(&Utc::now());
    conn.execute(
        "INSERT INTO company(id, account_id, base_uri, full_domain, name, is_active, week_start_day, wants_timestamp_timers,
         time_format, date_format, plan_type, expense_feature, invoice_feature, estimate_feature, approval_feature, clock,
         currency_code_display, currency_symbol_display, decimal_symbol, thousands_separator, color_scheme, weekly_capacity, currency)
         VALUES (1, ?1, 'https://sandbox.harvestapp.com', 'sandbox.harvestapp.com', ?2, 1, 'Monday', 0, 'decimal', '%Y-%m-%d',
         'sponsored', 1, 1, 1, 1, '12h', 'iso_code_none', 'symbol_before', '.', ',', 'orange', 126000, 'USD')",
        rusqlite::params![account_id, name],
    )
    .map_err(|e| e.to_string())?;
    conn.execute(
        "INSERT INTO users(first_name, last_name, email, telephone, timezone, has_access_to_all_future_projects, is_contractor,
         is_active, weekly_capacity, default_hourly_rate, cost_rate, access_roles, avatar_url, created_at, updated_at)
         VALUES ('Alice', 'Admin', 'alice@example.com', '', 'Eastern Time (US & Canada)', 1, 0, 1, 126000, 150000000, 60000000,
         '[\"administrator\"]', 'https://d3s3969qhosaug.cloudfront.net/v2/user.png', ?1, ?1)",
        [&now],
    )
    .map_err(|e| e.to_string())?;
    let admin = conn.last_insert_rowid();
    for (t, amount) in [("billable_rates", 150_000_000i64), ("cost_rates", 60_000_000)] {
        conn.execute(
            &format!("INSERT INTO {t}(user_id, amount, start_date, end_date, created_at, updated_at) VALUES (?1, ?2, NULL, NULL, ?3, ?3)"),
            rusqlite::params![admin, amount, now],
        )
        .map_err(|e| e.to_string())?;
    }
    conn.execute(
        "INSERT INTO tokens(token, user_id, kind, expires_at) VALUES (?1, ?2, 'pat', NULL)",
        rusqlite::params![crate::server_pat(admin), admin],
    )
    .map_err(|e| e.to_string())?;
    for (n, s, e) in [("Service", 1, 0), ("Product", 0, 1)] {
        conn.execute(
            "INSERT INTO invoice_item_categories(name, use_as_service, use_as_expense, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            rusqlite::params![n, s, e, now],
        )
        .map_err(|e| e.to_string())?;
    }
    for n in ["Service", "Product"] {
        conn.execute(
            "INSERT INTO estimate_item_categories(name, created_at, updated_at) VALUES (?1, ?2, ?2)",
            rusqlite::params![n, now],
        )
        .map_err(|e| e.to_string())?;
    }
    Ok(admin)
}

pub fn seed(conn: &Connection, seed: Seed, account_id: i64) -> Result<(), String> {
    conn.execute_batch("BEGIN IMMEDIATE").map_err(|e| e.to_string())?;
    let r = (|| {
        let name = if seed == Seed::Demo { "Sandbox Studio" } else { "Sandbox" };
        let admin = base(conn, account_id, name)?;
        if seed == Seed::Demo {
            demo(&Seeder { conn, admin })?;
        }
        Ok::<(), String>(())
    })();
    match r {
        Ok(()) => conn.execute_batch("COMMIT").map_err(|e| e.to_string()),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

fn demo(s: &Seeder) -> Result<(), String> {
    let mut rng = Rng(42);
    let today = Utc::now().date_naive();

    // people
    let bob = id(&s.call("POST", "users", json!({"first_name": "Bob", "last_name": "Member", "email": "bob@example.com",
        "default_hourly_rate": 100, "cost_rate": 45, "roles": ["Developer"], "telephone": "555-0102"}))?);
    let carol = id(&s.call("POST", "users", json!({"first_name": "Carol", "last_name": "Manager", "email": "carol@example.com",
        "default_hourly_rate": 130, "cost_rate": 55, "roles": ["Designer"], "access_roles": ["manager", "project_creator"]}))?);
    let dave = id(&s.call("POST", "users", json!({"first_name": "Dave", "last_name": "Contractor", "email": "dave@example.com",
        "default_hourly_rate": 90, "cost_rate": 70, "is_contractor": true, "roles": ["Developer"],
        "timezone": "Pacific Time (US & Canada)"}))?);
    s.call("PATCH", &format!("users/{}", s.admin), json!({"roles": ["Management"]}))?;
    s.call("PATCH", &format!("users/{carol}/teammates"), json!({"teammate_ids": [bob, dave]}))?;
    for (u, old, new) in [(bob, 90, 100), (dave, 80, 90)] {
        for (kind, f) in [("billable_rates", 1), ("cost_rates", 2)] {
            s.call("POST", &format!("users/{u}/{kind}"), json!({"amount": old / f, "start_date": (today - Duration::days(200)).to_string()}))?;
            s.call("POST", &format!("users/{u}/{kind}"), json!({"amount": new / f, "start_date": (today - Duration::days(30)).to_string()}))?;
        }
    }
    for u in [bob, carol, dave] {
        s.conn
            .execute("INSERT INTO tokens(token, user_id, kind, expires_at) VALUES (?1, ?2, 'pat', NULL)", rusqlite::params![crate::server_pat(u), u])
            .map_err(|e| e.to_string())?;
    }

    // tasks
    let programming = id(&s.call("POST", "tasks", json!({"name": "Programming", "default_hourly_rate": 150, "is_default": true}))?);
    let design = id(&s.call("POST", "tasks", json!({"name": "Design", "default_hourly_rate": 120, "is_default": true}))?);
    let pm = id(&s.call("POST", "tasks", json!({"name": "Project Management", "default_hourly_rate": 100, "is_default": true}))?);
    let meetings = id(&s.call("POST", "tasks", json!({"name": "Meetings", "billable_by_default": false, "is_default": true}))?);
    let research = id(&s.call("POST", "tasks", json!({"name": "Research", "default_hourly_rate": 90}))?);
    s.call("POST", "tasks", json!({"name": "Legacy Support", "is_active": false, "default_hourly_rate": 80}))?;

    // clients and contacts
    let abc = id(&s.call("POST", "clients", json!({"name": "ABC Corp", "address": "123 Main St.\r\nAnytown, LA 71223", "currency": "USD"}))?);
    let ind = id(&s.call("POST", "clients", json!({"name": "123 Industries", "address": "456 Industrial Way\r\nSpringfield", "currency": "EUR"}))?);
    let globex = id(&s.call("POST", "clients", json!({"name": "Globex", "currency": "USD"}))?);
    let initech = id(&s.call("POST", "clients", json!({"name": "Initech", "address": "4120 Freidrich Lane\r\nAustin, TX 78744", "currency": "GBP"}))?);
    s.call("POST", "clients", json!({"name": "Umbrella Corp", "is_active": false}))?;
    for (c, f, l, t, e) in [
        (abc, "George", "Frank", Some("Owner"), "georgefrank@example.com"),
        (abc, "Martha", "Lane", None, "martha@example.com"),
        (ind, "Jane", "Doe", Some("Procurement"), "jane@123industries.example"),
        (globex, "Hank", "Scorpio", Some("CEO"), "hank@globex.example"),
        (initech, "Bill", "Lumbergh", Some("Vice President"), "bill@initech.example"),
    ] {
        s.call("POST", "contacts", json!({"client_id": c, "first_name": f, "last_name": l, "title": t, "email": e,
            "phone_office": "555-0100", "phone_mobile": "", "fax": ""}))?;
    }

    // projects (the admin is assigned as manager to each one it creates)
    let mw = id(&s.call("POST", "projects", json!({"client_id": abc, "name": "Marketing Website", "code": "MW",
        "is_billable": true, "bill_by": "Project", "hourly_rate": 100, "budget_by": "project", "budget": 200,
        "notify_when_over_budget": true, "show_budget_to_all": true, "starts_on": (today - Duration::days(120)).to_string()}))?);
    let os1 = id(&s.call("POST", "projects", json!({"client_id": ind, "name": "Online Store - Phase 1", "code": "OS1",
        "is_billable": true, "bill_by": "Tasks", "budget_by": "project_cost", "cost_budget": 20000,
        "cost_budget_include_expenses": true, "starts_on": (today - Duration::days(110)).to_string()}))?);
    let ma = id(&s.call("POST", "projects", json!({"client_id": globex, "name": "Mobile App", "code": "MA",
        "is_billable": true, "bill_by": "People", "budget_by": "person", "budget_is_monthly": false}))?);
    let it = id(&s.call("POST", "projects", json!({"client_id": globex, "name": "Internal Tools", "code": "IT",
        "is_billable": false, "bill_by": "none", "budget_by": "none"}))?);
    let dm = id(&s.call("POST", "projects", json!({"client_id": initech, "name": "Data Migration", "code": "DM",
        "is_billable": true, "is_fixed_fee": true, "fee": 15000, "bill_by": "Project", "hourly_rate": 120,
        "budget_by": "task", "show_budget_to_all": true}))?);
    let lp = id(&s.call("POST", "projects", json!({"client_id": abc, "name": "Legacy Portal", "code": "LP",
        "is_billable": true, "bill_by": "Project", "hourly_rate": 90, "budget_by": "none"}))?);
    s.call("POST", &format!("projects/{ma}/task_assignments"), json!({"task_id": research, "billable": true, "hourly_rate": 90}))?;
    s.call("POST", &format!("projects/{dm}/task_assignments"), json!({"task_id": research, "billable": true, "hourly_rate": 90, "budget": 40}))?;
    // task budgets for the task-budgeted project
    let dm_tas = s.call("GET", &format!("projects/{dm}/task_assignments"), json!({}))?;
    for ta in dm_tas["task_assignments"].as_array().cloned().unwrap_or_default() {
        if ta["budget"].is_null() {
            s.call("PATCH", &format!("projects/{dm}/task_assignments/{}", id(&ta)), json!({"budget": 60}))?;
        }
    }
    let assign = |p: i64, u: i64, pm_flag: bool, budget: Option<i64>| -> Result<(), String> {
        s.call("POST", &format!("projects/{p}/user_assignments"),
            json!({"user_id": u, "is_project_manager": pm_flag, "budget": budget}))?;
        Ok(())
    };
    for p in [mw, os1, ma, it] {
        assign(p, bob, false, if p == ma { Some(120) } else { None })?;
    }
    for p in [mw, ma, dm] {
        assign(p, carol, true, if p == ma { Some(80) } else { None })?;
    }
    for p in [os1, dm, lp] {
        assign(p, dave, false, None)?;
    }

    // expense categories
    let meals = id(&s.call("POST", "expense_categories", json!({"name": "Meals"}))?);
    let travel = id(&s.call("POST", "expense_categories", json!({"name": "Travel"}))?);
    let mileage = id(&s.call("POST", "expense_categories", json!({"name": "Mileage", "unit_name": "mile", "unit_price": 0.655}))?);
    let lodging = id(&s.call("POST", "expense_categories", json!({"name": "Lodging"}))?);
    s.call("POST", "expense_categories", json!({"name": "Entertainment", "is_active": false}))?;

    // time entries: ~3 months of weekdays
    let user_projects: Vec<(i64, Vec<i64>)> = vec![
        (s.admin, vec![mw, os1, ma, it, dm, lp]),
        (bob, vec![mw, os1, ma, it]),
        (carol, vec![mw, ma, dm]),
        (dave, vec![os1, dm, lp]),
    ];
    let tasks_of = |p: i64| -> Vec<i64> {
        let mut t = vec![programming, design, pm, meetings];
        if p == ma || p == dm {
            t.push(research);
        }
        t
    };
    let notes = [
        "Implemented the checkout flow", "Fixed layout bugs", "Client call", "Sprint planning", "Code review",
        "Wireframes for the landing page", "Database schema changes", "Wrote tests", "Deployment", "Research on APIs",
    ];
    let start = today - Duration::days(91);
    let mut d = start;
    let mut n = 0u64;
    while d < today {
        if d.weekday() != Weekday::Sat && d.weekday() != Weekday::Sun {
            for (u, projects) in &user_projects {
                // archived projects get no new time: track on LP before archiving it below
                let count = 1 + rng.below(2);
                for _ in 0..count {
                    let p = projects[rng.below(projects.len() as u64) as usize];
                    let ts = tasks_of(p);
                    let t = ts[rng.below(ts.len() as u64) as usize];
                    let hours = (1 + rng.below(16)) as f64 * 0.25;
                    n += 1;
                    let mut body = json!({"user_id": u, "project_id": p, "task_id": t, "spent_date": d.to_string(),
                        "hours": hours, "notes": notes[rng.below(notes.len() as u64) as usize]});
                    if n % 5 == 0 {
                        // some entries were tracked with start and end times
                        let start = 8 * 60 + rng.below(8) as i64 * 30;
                        let end = start + (hours * 60.0) as i64;
                        let clock = |m: i64| crate::api::time::fmt_clock(m, true);
                        body.as_object_mut().map(|o| o.remove("hours"));
                        body["started_time"] = json!(clock(start));
                        body["ended_time"] = json!(clock(end));
                    }
                    if n % 37 == 0 {
                        body["external_reference"] = json!({"id": format!("{}", 1000 + n), "group_id": "harvest-sdk",
                            "account_id": "sandbox", "permalink": format!("https://github.com/harvest-sdk/harvest-sdk/issues/{}", 1000 + n)});
                    }
                    s.call_as(*u, "POST", "time_entries", body)?;
                }
            }
        }
        d += Duration::days(1);
    }
    // approvals: entries older than 60 days are approved (closed)
    s.conn
        .execute("UPDATE time_entries SET is_closed = 1 WHERE spent_date < ?1", [(today - Duration::days(60)).to_string()])
        .map_err(|e| e.to_string())?;
    s.call("PATCH", &format!("projects/{lp}"), json!({"is_active": false}))?;

    // expenses
    let mut d = start;
    let mut k = 0u64;
    while d < today {
        if d.weekday() == Weekday::Tue || d.weekday() == Weekday::Thu {
            let (u, projects) = &user_projects[rng.below(user_projects.len() as u64) as usize];
            let p = projects[rng.below(projects.len() as u64) as usize];
            if p != lp {
                k += 1;
                let body = match k % 4 {
                    0 => json!({"project_id": p, "expense_category_id": mileage, "units": 10 + rng.below(90)}),
                    1 => json!({"project_id": p, "expense_category_id": meals, "total_cost": 12.5 + rng.below(60) as f64,
                                "notes": "Lunch with client"}),
                    2 => json!({"project_id": p, "expense_category_id": travel, "total_cost": 80 + rng.below(300),
                                "notes": "Train tickets", "billable": k % 3 != 0}),
                    _ => json!({"project_id": p, "expense_category_id": lodging, "total_cost": 129.99, "notes": "Hotel"}),
                };
                let mut body = body;
                body["user_id"] = json!(u);
                body["spent_date"] = json!(d.to_string());
                let e = s.call_as(*u, "POST", "expenses", body)?;
                if k % 3 == 1 {
                    s.conn
                        .execute(
                            "UPDATE expenses SET receipt_file_name = ?1, receipt_file_size = ?2, receipt_content_type = 'image/png' WHERE id = ?3",
                            rusqlite::params![format!("receipt_{k}.png"), 20_000 + k as i64 * 37, id(&e)],
                        )
                        .map_err(|e| e.to_string())?;
                }
            }
        }
        d += Duration::days(1);
    }

    // estimates in each state
    let est = |client: i64, subject: &str, events: &[&str]| -> Result<i64, String> {
        let e = s.call("POST", "estimates", json!({"client_id": client, "subject": subject, "tax": 5, "tax2": 2, "discount": 10,
            "issue_date": (today - Duration::days(30)).to_string(), "purchase_order": "5678", "notes": "Valid for 30 days",
            "line_items": [{"kind": "Service", "description": format!("{subject}: implementation"), "quantity": 100, "unit_price": 100, "taxed": true},
                           {"kind": "Product", "description": "Hosting (12 months)", "quantity": 12, "unit_price": 25, "taxed": false}]}))?;
        for ev in events {
            s.call("POST", &format!("estimates/{}/messages", id(&e)), json!({"event_type": ev}))?;
        }
        Ok(id(&e))
    };
    est(ind, "Online Store - Phase 2", &["send"])?;
    let accepted = est(globex, "Mobile App v2", &["send", "accept"])?;
    est(initech, "Reporting dashboard", &["send", "decline"])?;
    est(abc, "Marketing Website refresh", &[])?;
    let e = s.call("GET", "estimates", json!({"state": "sent"}))?;
    if let Some(first) = e["estimates"].as_array().and_then(|a| a.first()) {
        s.call("POST", &format!("estimates/{}/messages", id(first)), json!({"recipients": [{"name": "Jane Doe", "email": "jane@123industries.example"}],
            "subject": "Estimate for Online Store - Phase 2", "body": "Here is the estimate we discussed.", "send_me_a_copy": true}))?;
    }
    // invoices in each state
    let month = |back: i64| -> (NaiveDate, NaiveDate) {
        let first_this = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
        let mut s0 = first_this;
        for _ in 0..back {
            s0 = NaiveDate::from_ymd_opt(
                if s0.month() == 1 { s0.year() - 1 } else { s0.year() },
                if s0.month() == 1 { 12 } else { s0.month() - 1 },
                1,
            )
            .unwrap_or(s0);
        }
        let next = NaiveDate::from_ymd_opt(
            if s0.month() == 12 { s0.year() + 1 } else { s0.year() },
            if s0.month() == 12 { 1 } else { s0.month() + 1 },
            1,
        )
        .unwrap_or(s0);
        (s0, next - Duration::days(1))
    };
    let (m2s, m2e) = month(2);
    let (m1s, m1e) = month(1);
    // paid: ABC Corp, time two months back
    let paid = s.call("POST", "invoices", json!({"client_id": abc, "subject": "Marketing Website", "payment_term": "net 30",
        "issue_date": (m2e + Duration::days(1)).to_string(), "tax": 5, "tax2": 2, "discount": 0, "payment_options": ["credit_card"],
        "purchase_order": "1234", "estimate_id": accepted,
        "notes": "Thank you for your business.",
        "line_items_import": {"project_ids": [mw], "time": {"summary_type": "task", "from": m2s.to_string(), "to": m2e.to_string()},
                              "expenses": {"summary_type": "category", "from": m2s.to_string(), "to": m2e.to_string()}}}))?;
    s.call("POST", &format!("invoices/{}/messages", id(&paid)), json!({"recipients": [{"name": "George Frank", "email": "georgefrank@example.com"}],
        "subject": "Invoice for Marketing Website", "body": "Please find the invoice attached.", "attach_pdf": true}))?;
    let due = s.call("GET", &format!("invoices/{}", id(&paid)), json!({}))?["due_amount"].clone();
    if due.as_f64().unwrap_or(0.0) > 0.0 {
        s.call("POST", &format!("invoices/{}/payments", id(&paid)), json!({"amount": due, "paid_date": (m1s + Duration::days(10)).min(today).to_string(),
            "notes": "Paid by credit card"}))?;
        // it was paid online: record the gateway like Harvest does for card payments
        s.conn
            .execute("UPDATE invoice_payments SET gateway_id = 1234, gateway_name = 'Linkpoint International' WHERE invoice_id = ?1", [id(&paid)])
            .map_err(|e| e.to_string())?;
    }
    // open: 123 Industries, last month, partially paid
    let open = s.call("POST", "invoices", json!({"client_id": ind, "subject": "Online Store - Phase 1", "payment_term": "net 15",
        "issue_date": (m1e + Duration::days(1)).min(today).to_string(), "purchase_order": "PO-7781", "tax": 19,
        "line_items_import": {"project_ids": [os1], "time": {"summary_type": "people", "from": m1s.to_string(), "to": m1e.to_string()},
                              "expenses": {"summary_type": "project", "from": m1s.to_string(), "to": m1e.to_string()}}}))?;
    s.call("POST", &format!("invoices/{}/messages", id(&open)), json!({"event_type": "send"}))?;
    let due = s.call("GET", &format!("invoices/{}", id(&open)), json!({}))?["due_amount"].as_f64().unwrap_or(0.0);
    if due > 100.0 {
        s.call("POST", &format!("invoices/{}/payments", id(&open)), json!({"amount": 100, "notes": "Deposit"}))?;
    }
    // closed: Globex, free-form, written off
    let closed = s.call("POST", "invoices", json!({"client_id": globex, "subject": "Discovery workshop", "payment_term": "upon receipt",
        "issue_date": (today - Duration::days(45)).to_string(),
        "line_items": [{"kind": "Service", "description": "Discovery workshop (2 days)", "quantity": 2, "unit_price": 1200, "taxed": false}]}))?;
    s.call("POST", &format!("invoices/{}/messages", id(&closed)), json!({"event_type": "send"}))?;
    s.call("POST", &format!("invoices/{}/messages", id(&closed)), json!({"event_type": "close"}))?;
    s.conn
        .execute(
            "UPDATE expenses SET receipt_file_name = 'lunch_receipt.gif', receipt_file_size = 39410, receipt_content_type = 'image/gif'
             WHERE id = (SELECT id FROM expenses WHERE is_billed = 1 ORDER BY id LIMIT 1)",
            [],
        )
        .map_err(|e| e.to_string())?;
    // draft: Initech, fixed fee milestone
    s.call("POST", "invoices", json!({"client_id": initech, "subject": "Data Migration - milestone 1", "payment_term": "custom",
        "due_date": (today + Duration::days(20)).to_string(), "discount": 10, "tax": 20,
        "line_items": [{"kind": "Service", "description": "Milestone 1: schema mapping", "quantity": 1, "unit_price": 5000,
                        "taxed": true, "project_id": dm},
                       {"kind": "Product", "description": "Migration tooling licence", "quantity": 3, "unit_price": 49.99, "taxed": true}]}))?;

    Ok(())
}

/// Adds `n` time entries in one transaction, spread over the last year across the existing active
/// user/project/task assignments (creates one bulk project if the account has none).
pub fn bulk_time_entries(conn: &Connection, n: usize) -> Result<(), String> {
    let err = |e: rusqlite::Error| e.to_string();
    conn.execute_batch("BEGIN IMMEDIATE").map_err(err)?;
    let r = (|| -> Result<(), String> {
        let triples = |conn: &Connection| -> Result<Vec<(i64, i64, i64, bool, Option<i64>, Option<i64>)>, String> {
            let mut stmt = conn
                .prepare(
                    "SELECT ua.user_id, ua.project_id, ta.task_id, (p.is_billable AND ta.billable AND p.bill_by != 'none'),
                     CASE p.bill_by WHEN 'Project' THEN p.hourly_rate WHEN 'Tasks' THEN ta.hourly_rate
                                    WHEN 'People' THEN CASE WHEN ua.use_default_rates THEN u.default_hourly_rate ELSE ua.hourly_rate END
                                    ELSE NULL END,
                     u.cost_rate
                     FROM user_assignments ua JOIN task_assignments ta ON ta.project_id = ua.project_id
                     JOIN projects p ON p.id = ua.project_id JOIN users u ON u.id = ua.user_id
                     WHERE ua.is_active = 1 AND ta.is_active = 1 AND p.is_active = 1 AND u.is_active = 1
                     ORDER BY ua.id, ta.id",
                )
                .map_err(err)?;
            let v = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
                .map_err(err)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(err)?;
            Ok(v)
        };
        let mut t = triples(conn)?;
        if t.is_empty() {
            let now = fmt_time(&Utc::now());
            let admin: i64 = conn
                .query_row("SELECT id FROM users WHERE access_roles LIKE '%administrator%' ORDER BY id LIMIT 1", [], |r| r.get(0))
                .map_err(err)?;
            conn.execute("INSERT INTO clients(name, is_active, currency, statement_key, created_at, updated_at) VALUES ('Bulk Client', 1, 'USD', ?1, ?2, ?2)",
                rusqlite::params![api::basic::hexkey(1, 0), now]).map_err(err)?;
            let c = conn.last_insert_rowid();
            conn.execute("INSERT INTO projects(client_id, name, code, is_active, is_billable, is_fixed_fee, bill_by, hourly_rate, budget_by,
                budget_is_monthly, notify_when_over_budget, over_budget_notification_percentage, show_budget_to_all, cost_budget_include_expenses,
                notes, created_at, updated_at) VALUES (?1, 'Bulk Project', 'BULK', 1, 1, 0, 'Project', 100000000, 'none', 0, 0, 80000000, 0, 0, '', ?2, ?2)",
                rusqlite::params![c, now]).map_err(err)?;
            let p = conn.last_insert_rowid();
            conn.execute("INSERT INTO tasks(name, billable_by_default, default_hourly_rate, is_default, is_active, created_at, updated_at)
                VALUES ('Bulk Work', 1, 100000000, 0, 1, ?1, ?1)", [&now]).map_err(err)?;
            let tk = conn.last_insert_rowid();
            conn.execute("INSERT INTO task_assignments(project_id, task_id, is_active, billable, hourly_rate, created_at, updated_at)
                VALUES (?1, ?2, 1, 1, 100000000, ?3, ?3)", rusqlite::params![p, tk, now]).map_err(err)?;
            conn.execute("INSERT INTO user_assignments(project_id, user_id, is_active, is_project_manager, use_default_rates, created_at, updated_at)
                VALUES (?1, ?2, 1, 1, 1, ?3, ?3)", rusqlite::params![p, admin, now]).map_err(err)?;
            t = triples(conn)?;
        }
        let mut rng = Rng(7);
        let today = Utc::now().date_naive();
        let now = fmt_time(&Utc::now());
        let mut stmt = conn
            .prepare(
                "INSERT INTO time_entries(spent_date, user_id, project_id, task_id, hours, notes, is_running, billable, budgeted,
                 billable_rate, cost_rate, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, 1, ?8, ?9, ?10, ?10)",
            )
            .map_err(err)?;
        for i in 0..n {
            let (u, p, tk, billable, rate, cost) = t[rng.below(t.len() as u64) as usize];
            let d = today - Duration::days(rng.below(365) as i64);
            let hours = (1 + rng.below(32)) as i64 * 250_000;
            stmt.execute(rusqlite::params![d.to_string(), u, p, tk, hours, format!("Bulk entry {i}"), billable, rate, cost, now])
                .map_err(err)?;
        }
        Ok(())
    })();
    match r {
        Ok(()) => conn.execute_batch("COMMIT").map_err(err),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}
