//! Invoices (free-form and imported from time and expenses), their messages and payments; estimates.

use super::basic::hexkey;
use super::*;
use crate::dec::Dec;
use crate::params::{Field, Params};
use std::collections::BTreeMap;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    Invoice,
    Estimate,
}

impl Doc {
    fn table(self) -> &'static str {
        match self {
            Doc::Invoice => "invoices",
            Doc::Estimate => "estimates",
        }
    }
    fn items(self) -> &'static str {
        match self {
            Doc::Invoice => "invoice_line_items",
            Doc::Estimate => "estimate_line_items",
        }
    }
    fn fk(self) -> &'static str {
        match self {
            Doc::Invoice => "invoice_id",
            Doc::Estimate => "estimate_id",
        }
    }
    fn messages(self) -> &'static str {
        match self {
            Doc::Invoice => "invoice_messages",
            Doc::Estimate => "estimate_messages",
        }
    }
}

fn dopt(v: Option<i64>) -> Value {
    v.map(|x| Dec(x).to_json()).unwrap_or(Value::Null)
}

fn line_items_json(ctx: &Ctx, doc: Doc, id: i64) -> ApiResult<Vec<Value>> {
    let sql = match doc {
        Doc::Invoice => "SELECT id, kind, description, quantity, unit_price, amount, taxed, taxed2, project_id FROM invoice_line_items WHERE invoice_id = ?1 ORDER BY id",
        Doc::Estimate => "SELECT id, kind, description, quantity, unit_price, amount, taxed, taxed2, NULL FROM estimate_line_items WHERE estimate_id = ?1 ORDER BY id",
    };
    let mut stmt = ctx.conn.prepare_cached(sql)?;
    let mut rows = stmt.query([id])?;
    let mut out = vec![];
    while let Some(r) = rows.next()? {
        let mut v = json!({
            "id": r.get::<_, i64>(0)?, "kind": r.get::<_, Option<String>>(1)?,
            "description": r.get::<_, Option<String>>(2)?, "quantity": dopt(r.get(3)?),
            "unit_price": dopt(r.get(4)?), "amount": dopt(r.get(5)?),
            "taxed": r.get::<_, bool>(6)?, "taxed2": r.get::<_, bool>(7)?,
        });
        if doc == Doc::Invoice {
            v["project"] = project_ref(ctx.conn, r.get(8)?)?;
        }
        out.push(v);
    }
    Ok(out)
}

const INV_SELECT: &str = "a.id, a.client_key, a.number, a.purchase_order, a.amount, a.paid_amount, a.tax, a.tax_amount,
 a.tax2, a.tax2_amount, a.discount, a.discount_amount, a.subject, a.notes, a.state, a.period_start, a.period_end,
 a.issue_date, a.due_date, a.payment_term, a.sent_at, a.paid_at, a.paid_date, a.closed_at, a.recurring_invoice_id,
 a.created_at, a.updated_at, a.currency, a.payment_options, a.client_id, a.estimate_id, a.retainer_id, a.creator_id";

fn inv_render(ctx: &Ctx, r: &Row) -> ApiResult<Value> {
    let id: i64 = r.get(0)?;
    let gs = |i: usize| -> rusqlite::Result<Option<String>> { r.get(i) };
    let amount: i64 = r.get(4)?;
    let paid: i64 = r.get(5)?;
    let client_id: i64 = r.get(29)?;
    let creator = match r.get::<_, Option<i64>>(32)? {
        Some(u) => {
            let (n, _) = user_name(ctx.conn, u)?;
            json!({"id": u, "name": n})
        }
        None => Value::Null,
    };
    Ok(json!({
        "id": id, "client_key": gs(1)?, "number": gs(2)?, "purchase_order": gs(3)?,
        "amount": Dec(amount).to_json(), "due_amount": Dec(amount - paid).to_json(),
        "tax": dopt(r.get(6)?), "tax_amount": dopt(r.get(7)?), "tax2": dopt(r.get(8)?), "tax2_amount": dopt(r.get(9)?),
        "discount": dopt(r.get(10)?), "discount_amount": dopt(r.get(11)?), "subject": gs(12)?, "notes": gs(13)?,
        "state": gs(14)?, "period_start": gs(15)?, "period_end": gs(16)?, "issue_date": gs(17)?, "due_date": gs(18)?,
        "payment_term": gs(19)?, "sent_at": gs(20)?, "paid_at": gs(21)?, "paid_date": gs(22)?, "closed_at": gs(23)?,
        "recurring_invoice_id": r.get::<_, Option<i64>>(24)?, "created_at": gs(25)?, "updated_at": gs(26)?,
        "currency": gs(27)?,
        "payment_options": gs(28)?.and_then(|s| serde_json::from_str::<Value>(&s).ok()).unwrap_or(json!([])),
        "client": name_ref(ctx.conn, "clients", Some(client_id))?,
        "estimate": r.get::<_, Option<i64>>(30)?.map(|e| json!({"id": e})).unwrap_or(Value::Null),
        "retainer": r.get::<_, Option<i64>>(31)?.map(|e| json!({"id": e})).unwrap_or(Value::Null),
        "creator": creator,
        "line_items": line_items_json(ctx, Doc::Invoice, id)?,
    }))
}

const EST_SELECT: &str = "a.id, a.client_key, a.number, a.purchase_order, a.amount, a.tax, a.tax_amount, a.tax2,
 a.tax2_amount, a.discount, a.discount_amount, a.subject, a.notes, a.state, a.issue_date, a.sent_at, a.created_at,
 a.updated_at, a.accepted_at, a.declined_at, a.currency, a.client_id, a.creator_id";

fn est_render(ctx: &Ctx, r: &Row) -> ApiResult<Value> {
    let id: i64 = r.get(0)?;
    let gs = |i: usize| -> rusqlite::Result<Option<String>> { r.get(i) };
    let creator = match r.get::<_, Option<i64>>(22)? {
        Some(u) => json!({"id": u, "name": user_name(ctx.conn, u)?.0}),
        None => Value::Null,
    };
    Ok(json!({
        "id": id, "client_key": gs(1)?, "number": gs(2)?, "purchase_order": gs(3)?, "amount": dopt(r.get(4)?),
        "tax": dopt(r.get(5)?), "tax_amount": dopt(r.get(6)?), "tax2": dopt(r.get(7)?), "tax2_amount": dopt(r.get(8)?),
        "discount": dopt(r.get(9)?), "discount_amount": dopt(r.get(10)?), "subject": gs(11)?, "notes": gs(12)?,
        "state": gs(13)?, "issue_date": gs(14)?, "sent_at": gs(15)?, "created_at": gs(16)?, "updated_at": gs(17)?,
        "accepted_at": gs(18)?, "declined_at": gs(19)?, "currency": gs(20)?,
        "client": name_ref(ctx.conn, "clients", r.get(21)?)?,
        "creator": creator,
        "line_items": line_items_json(ctx, Doc::Estimate, id)?,
    }))
}

pub fn doc_one(ctx: &Ctx, doc: Doc, id: i64) -> ApiResult<Value> {
    let sql = match doc {
        Doc::Invoice => format!("SELECT {INV_SELECT} FROM invoices a WHERE a.id = ?1"),
        Doc::Estimate => format!("SELECT {EST_SELECT} FROM estimates a WHERE a.id = ?1"),
    };
    let mut stmt = ctx.conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => match doc {
            Doc::Invoice => inv_render(ctx, r),
            Doc::Estimate => est_render(ctx, r),
        },
        None => Err(ApiError::NotFound),
    }
}

/// Recomputes subtotal, discount, taxes and amount from the line items, exactly.
pub fn recompute(conn: &Connection, doc: Doc, id: i64, now: &str) -> ApiResult<()> {
    let (tax, tax2, discount): (Option<i64>, Option<i64>, Option<i64>) = conn.query_row(
        &format!("SELECT tax, tax2, discount FROM {} WHERE id = ?1", doc.table()),
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let mut stmt = conn.prepare_cached(&format!("SELECT amount, taxed, taxed2 FROM {} WHERE {} = ?1", doc.items(), doc.fk()))?;
    let items: Vec<(i64, bool, bool)> =
        stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
    let subtotal: Dec = items.iter().map(|i| Dec(i.0)).sum();
    let taxable: Dec = items.iter().filter(|i| i.1).map(|i| Dec(i.0)).sum();
    let taxable2: Dec = items.iter().filter(|i| i.2).map(|i| Dec(i.0)).sum();
    let d = Dec(discount.unwrap_or(0));
    let keep = Dec::from_int(100) - d;
    let discount_amount = subtotal.pct(d).round(2);
    let tax_amount = taxable.pct(keep).pct(Dec(tax.unwrap_or(0))).round(2);
    let tax2_amount = taxable2.pct(keep).pct(Dec(tax2.unwrap_or(0))).round(2);
    let amount = subtotal - discount_amount + tax_amount + tax2_amount;
    conn.execute(
        &format!(
            "UPDATE {} SET amount = ?1, discount_amount = ?2, tax_amount = ?3, tax2_amount = ?4, updated_at = ?5 WHERE id = ?6",
            doc.table()
        ),
        rusqlite::params![amount.0, discount_amount.0, tax_amount.0, tax2_amount.0, now, id],
    )?;
    Ok(())
}

fn item_fields(li: &Params, doc: Doc, create: bool) -> ApiResult<Vec<(&'static str, Sql)>> {
    let mut v: Vec<(&'static str, Sql)> = vec![];
    match li.str_field("kind").p()? {
        Field::Val(k) if !k.trim().is_empty() => v.push(("kind", Sql::Text(k))),
        Field::Absent if !create => {}
        _ => return unprocessable("Line items kind can't be blank"),
    }
    match li.dec_field("unit_price").p()? {
        Field::Val(u) => v.push(("unit_price", Sql::Integer(u.0))),
        Field::Absent if !create => {}
        _ => return unprocessable("Line items unit price can't be blank"),
    }
    match li.dec_field("quantity").p()? {
        Field::Val(q) => v.push(("quantity", Sql::Integer(q.0))),
        Field::Null => v.push(("quantity", Sql::Integer(Dec::from_int(1).0))),
        Field::Absent if create => v.push(("quantity", Sql::Integer(Dec::from_int(1).0))),
        Field::Absent => {}
    }
    match li.str_field("description").p()? {
        Field::Val(d) => v.push(("description", Sql::Text(d))),
        Field::Null => v.push(("description", Sql::Text(String::new()))),
        Field::Absent if create => v.push(("description", Sql::Text(String::new()))),
        Field::Absent => {}
    }
    for k in ["taxed", "taxed2"] {
        match li.bool(k).p()? {
            Some(b) => v.push((k, Sql::Integer(b as i64))),
            None if create => v.push((k, Sql::Integer(0))),
            None => {}
        }
    }
    if doc == Doc::Invoice && li.has("project_id") {
        v.push(("project_id", Sql::from(li.int("project_id").p()?)));
    }
    Ok(v)
}

fn fix_item_amount(conn: &Connection, doc: Doc, item_id: i64) -> ApiResult<()> {
    let (q, u): (i64, i64) =
        conn.query_row(&format!("SELECT quantity, unit_price FROM {} WHERE id = ?1", doc.items()), [item_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    conn.execute(
        &format!("UPDATE {} SET amount = ?1 WHERE id = ?2", doc.items()),
        [Dec(q).mul(Dec(u)).round(2).0, item_id],
    )?;
    Ok(())
}

fn insert_item(conn: &Connection, doc: Doc, doc_id: i64, fields: Vec<(&'static str, Sql)>) -> ApiResult<i64> {
    let mut names = vec![doc.fk()];
    let mut vals = vec![Sql::Integer(doc_id)];
    for (k, v) in fields {
        names.push(k);
        vals.push(v);
    }
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        doc.items(),
        names.join(", "),
        (1..=names.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
    );
    conn.execute(&sql, rusqlite::params_from_iter(vals))?;
    let id = conn.last_insert_rowid();
    fix_item_amount(conn, doc, id)?;
    Ok(id)
}

/// Applies `line_items` (add / change by id / `_destroy`).
fn apply_line_items(ctx: &Ctx, doc: Doc, doc_id: i64) -> ApiResult<()> {
    let Some(items) = ctx.p.obj_list("line_items").p()? else { return Ok(()) };
    if items.len() > 1000 {
        return unprocessable("Too many line items");
    }
    for li in items {
        if doc == Doc::Invoice {
            if let Some(pid) = li.int("project_id").p()? {
                if !exists(ctx.conn, "projects", pid)? {
                    return unprocessable("Line items project is invalid");
                }
            }
        }
        match li.int("id").p()? {
            Some(item_id) => {
                let owned = ctx
                    .conn
                    .prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1 AND {} = ?2", doc.items(), doc.fk()))?
                    .exists([item_id, doc_id])?;
                if !owned {
                    return unprocessable("Line items is invalid");
                }
                if li.bool("_destroy").p()? == Some(true) {
                    ctx.conn.execute(&format!("DELETE FROM {} WHERE id = ?1", doc.items()), [item_id])?;
                    continue;
                }
                let f = item_fields(&li, doc, false)?;
                if !f.is_empty() {
                    let sql = format!(
                        "UPDATE {} SET {} WHERE id = ?{}",
                        doc.items(),
                        f.iter().enumerate().map(|(i, (k, _))| format!("{k} = ?{}", i + 1)).collect::<Vec<_>>().join(", "),
                        f.len() + 1
                    );
                    let mut vals: Vec<Sql> = f.into_iter().map(|x| x.1).collect();
                    vals.push(Sql::Integer(item_id));
                    ctx.conn.execute(&sql, rusqlite::params_from_iter(vals))?;
                    fix_item_amount(ctx.conn, doc, item_id)?;
                }
            }
            None => {
                let f = item_fields(&li, doc, true)?;
                insert_item(ctx.conn, doc, doc_id, f)?;
            }
        }
    }
    Ok(())
}

fn next_number(conn: &Connection, doc: Doc) -> ApiResult<String> {
    let max: Option<i64> = conn.query_row(
        &format!("SELECT MAX(CAST(number AS INTEGER)) FROM {} WHERE number GLOB '[0-9]*'", doc.table()),
        [],
        |r| r.get(0),
    )?;
    Ok((max.unwrap_or(1000) + 1).max(1001).to_string())
}

fn due_date(term: &str, issue: NaiveDate, custom: Option<NaiveDate>) -> ApiResult<NaiveDate> {
    Ok(match term {
        "upon receipt" => issue,
        "net 15" => issue + chrono::Duration::days(15),
        "net 30" => issue + chrono::Duration::days(30),
        "net 45" => issue + chrono::Duration::days(45),
        "net 60" => issue + chrono::Duration::days(60),
        "custom" => custom.unwrap_or(issue),
        _ => return unprocessable("Payment term is not included in the list"),
    })
}

/// Header columns shared by create and update; `create` fills defaults.
fn header_fields(ctx: &Ctx, doc: Doc, id: Option<i64>) -> ApiResult<Vec<(&'static str, Sql)>> {
    let p = &ctx.p;
    let mut v: Vec<(&'static str, Sql)> = vec![];
    let create = id.is_none();
    let client_id = match p.int_field("client_id").p()? {
        Field::Val(c) => {
            if !exists(ctx.conn, "clients", c)? {
                return unprocessable("Client can't be blank");
            }
            v.push(("client_id", Sql::Integer(c)));
            Some(c)
        }
        Field::Null => return unprocessable("Client can't be blank"),
        Field::Absent if create => return unprocessable("Client can't be blank"),
        Field::Absent => None,
    };
    match p.str_field("number").p()? {
        Field::Val(n) if !n.trim().is_empty() => {
            let other: Option<i64> = ctx
                .conn
                .prepare_cached(&format!("SELECT id FROM {} WHERE number = ?1", doc.table()))?
                .query_row([n.trim()], |r| r.get(0))
                .ok();
            if other.is_some() && other != id {
                return unprocessable("Number has already been taken");
            }
            v.push(("number", Sql::Text(n.trim().to_string())));
        }
        Field::Absent if !create => {}
        _ => v.push(("number", Sql::Text(next_number(ctx.conn, doc)?))),
    }
    for k in ["purchase_order", "subject", "notes"] {
        match p.str_field(k).p()? {
            Field::Val(s) => v.push((k, Sql::Text(s))),
            Field::Null => v.push((k, Sql::Null)),
            Field::Absent if create => v.push((k, Sql::Null)),
            Field::Absent => {}
        }
    }
    for k in ["tax", "tax2", "discount"] {
        match p.dec_field(k).p()? {
            Field::Val(d) if d.0 < 0 || d > Dec::from_int(100) => {
                return unprocessable(format!("{} must be between 0 and 100", crate::params::humanize(k)))
            }
            Field::Val(d) => v.push((k, Sql::Integer(d.0))),
            Field::Null => v.push((k, Sql::Null)),
            Field::Absent => {}
        }
    }
    match p.str_field("currency").p()? {
        Field::Val(c) if c.len() == 3 && c.bytes().all(|b| b.is_ascii_alphabetic()) => {
            v.push(("currency", Sql::Text(c.to_ascii_uppercase())))
        }
        Field::Val(_) => return unprocessable("Currency is not included in the list"),
        _ if create => {
            let cur: Option<String> = ctx
                .conn
                .query_row("SELECT currency FROM clients WHERE id = ?1", [client_id.unwrap_or(0)], |r| r.get(0))
                .ok()
                .flatten();
            v.push(("currency", Sql::from(cur.unwrap_or(super::basic::company_currency(ctx.conn)?))));
        }
        _ => {}
    }
    let issue = match p.date_field("issue_date").p()? {
        Field::Val(d) => {
            v.push(("issue_date", Sql::Text(d.to_string())));
            Some(d)
        }
        _ if create => {
            v.push(("issue_date", Sql::Text(ctx.today.to_string())));
            Some(ctx.today)
        }
        _ => None,
    };
    if doc == Doc::Invoice {
        let (old_issue, old_term, old_due): (Option<String>, Option<String>, Option<String>) = match id {
            Some(i) => ctx.conn.query_row("SELECT issue_date, payment_term, due_date FROM invoices WHERE id = ?1", [i], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?,
            None => (None, None, None),
        };
        let term = p.str("payment_term").p()?;
        let custom_due = p.date("due_date").p()?;
        if create || term.is_some() || custom_due.is_some() || issue.is_some() {
            let term = term.or(old_term).unwrap_or_else(|| "custom".into());
            let issue = issue.or_else(|| old_issue.and_then(|s| crate::params::parse_date(&s))).unwrap_or(ctx.today);
            let custom = custom_due.or_else(|| old_due.and_then(|s| crate::params::parse_date(&s)).filter(|_| !create));
            let due = due_date(&term, issue, if create { custom_due } else { custom })?;
            if due < issue {
                return unprocessable("Due date must be on or after the issue date");
            }
            v.push(("payment_term", Sql::Text(term)));
            v.push(("due_date", Sql::Text(due.to_string())));
        }
        if let Some(opts) = p.str_list("payment_options").p()? {
            for o in &opts {
                if !["ach", "credit_card", "paypal"].contains(&o.as_str()) {
                    return unprocessable("Payment options is not included in the list");
                }
            }
            v.push(("payment_options", Sql::Text(json!(opts).to_string())));
        } else if create {
            v.push(("payment_options", Sql::Text("[]".into())));
        }
        match p.int_field("estimate_id").p()? {
            Field::Val(e) => {
                if !exists(ctx.conn, "estimates", e)? {
                    return unprocessable("Estimate is invalid");
                }
                v.push(("estimate_id", Sql::Integer(e)));
            }
            Field::Null => v.push(("estimate_id", Sql::Null)),
            Field::Absent => {}
        }
        match p.int_field("retainer_id").p()? {
            Field::Val(e) => v.push(("retainer_id", Sql::Integer(e))),
            Field::Null => v.push(("retainer_id", Sql::Null)),
            Field::Absent => {}
        }
    }
    Ok(v)
}

fn insert_doc(ctx: &Ctx, doc: Doc, fields: Vec<(&'static str, Sql)>) -> ApiResult<i64> {
    let mut names: Vec<&str> = vec!["creator_id", "state", "created_at", "updated_at"];
    let mut vals = vec![
        Sql::Integer(ctx.user.id),
        Sql::Text("draft".into()),
        Sql::Text(ctx.now_s.clone()),
        Sql::Text(ctx.now_s.clone()),
    ];
    for (k, v) in fields {
        names.push(k);
        vals.push(v);
    }
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        doc.table(),
        names.join(", "),
        (1..=names.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
    );
    ctx.conn.execute(&sql, rusqlite::params_from_iter(vals))?;
    let id = ctx.conn.last_insert_rowid();
    let salt = if doc == Doc::Invoice { 2 } else { 3 };
    ctx.conn.execute(
        &format!("UPDATE {} SET client_key = ?1 WHERE id = ?2", doc.table()),
        rusqlite::params![hexkey(salt, id), id],
    )?;
    Ok(id)
}

fn update_doc(ctx: &Ctx, doc: Doc, id: i64, fields: Vec<(&'static str, Sql)>) -> ApiResult<()> {
    if fields.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "UPDATE {} SET {} WHERE id = ?{}",
        doc.table(),
        fields.iter().enumerate().map(|(i, (k, _))| format!("{k} = ?{}", i + 1)).collect::<Vec<_>>().join(", "),
        fields.len() + 1
    );
    let mut vals: Vec<Sql> = fields.into_iter().map(|x| x.1).collect();
    vals.push(Sql::Integer(id));
    ctx.conn.execute(&sql, rusqlite::params_from_iter(vals))?;
    Ok(())
}

// ---------- line_items_import ----------

fn category_name(conn: &Connection, col: &str, fallback: &str) -> ApiResult<String> {
    Ok(conn
        .query_row(&format!("SELECT name FROM invoice_item_categories WHERE {col} = 1 ORDER BY id LIMIT 1"), [], |r| r.get(0))
        .unwrap_or_else(|_| fallback.to_string()))
}

fn range(o: &Params, what: &str) -> ApiResult<(Option<String>, Option<String>)> {
    let from = o.date("from").p()?;
    let to = o.date("to").p()?;
    if from.is_some() != to.is_some() {
        return unprocessable(format!("Line items import {what} requires both from and to, or neither"));
    }
    Ok((from.map(|d| d.to_string()), to.map(|d| d.to_string())))
}

fn import(ctx: &Ctx, invoice_id: i64, client_id: i64, imp: &Params) -> ApiResult<()> {
    let Some(project_ids) = imp.id_list("project_ids").p()? else {
        return unprocessable("Line items import project ids can't be blank");
    };
    if project_ids.is_empty() {
        return unprocessable("Line items import project ids can't be blank");
    }
    for pid in &project_ids {
        let owner: Option<i64> = ctx.conn.query_row("SELECT client_id FROM projects WHERE id = ?1", [pid], |r| r.get(0)).ok();
        if owner != Some(client_id) {
            return unprocessable("Line items import project ids must belong to the invoice's client");
        }
    }
    let ids_sql = project_ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
    let mut period: (Option<String>, Option<String>) = (None, None);
    let time = imp.obj("time").p()?;
    let expenses = imp.obj("expenses").p()?;
    if time.is_none() && expenses.is_none() {
        return unprocessable("Line items import needs time and/or expenses");
    }
    if let Some(t) = time {
        let st = t.str("summary_type").p()?.unwrap_or_default();
        if !["project", "task", "people", "detailed"].contains(&st.as_str()) {
            return unprocessable("Line items import time summary type is not included in the list");
        }
        let (from, to) = range(&t, "time")?;
        let kind = category_name(ctx.conn, "use_as_service", "Service")?;
        let mut sql = format!(
            "SELECT t.id, t.project_id, p.name, t.task_id, k.name, t.user_id, u.first_name || ' ' || u.last_name,
             t.hours, COALESCE(t.billable_rate, 0), t.spent_date, COALESCE(t.notes, '')
             FROM time_entries t JOIN projects p ON p.id = t.project_id JOIN tasks k ON k.id = t.task_id
             JOIN users u ON u.id = t.user_id
             WHERE t.is_billed = 0 AND t.billable = 1 AND t.is_running = 0 AND t.project_id IN ({ids_sql})"
        );
        if let (Some(f), Some(tt)) = (&from, &to) {
            sql.push_str(&format!(" AND t.spent_date >= '{f}' AND t.spent_date <= '{tt}'"));
        }
        sql.push_str(" ORDER BY t.spent_date, t.id");
        type Row9 = (i64, i64, String, i64, String, i64, String, i64, i64, String, String);
        let rows: Vec<Row9> = ctx
            .conn
            .prepare(&sql)?
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?))
            })?
            .collect::<Result<_, _>>()?;
        // group key → (project, description, rate) → hours
        let mut groups: BTreeMap<(i64, String, i64), Dec> = BTreeMap::new();
        for (eid, pid, pname, _tid, tname, _uid, uname, hours, rate, date, notes) in &rows {
            let desc = desc_key(&st, pname, tname, uname, notes, date, *eid);
            let e = groups.entry((*pid, desc, *rate)).or_default();
            *e = *e + Dec(*hours);
            period.0 = Some(period.0.map_or(date.clone(), |p: String| p.min(date.clone())));
            period.1 = Some(period.1.map_or(date.clone(), |p: String| p.max(date.clone())));
        }
        for ((pid, desc, rate), hours) in groups {
            let desc = if st == "detailed" { desc.rsplit_once(", #").map(|(a, _)| format!("{a})")).unwrap_or(desc) } else { desc };
            insert_item(
                ctx.conn,
                Doc::Invoice,
                invoice_id,
                vec![
                    ("project_id", Sql::Integer(pid)),
                    ("kind", Sql::Text(kind.clone())),
                    ("description", Sql::Text(desc)),
                    ("quantity", Sql::Integer(hours.0)),
                    ("unit_price", Sql::Integer(rate)),
                    ("taxed", Sql::Integer(1)),
                    ("taxed2", Sql::Integer(1)),
                ],
            )?;
        }
        for r in &rows {
            ctx.conn.execute(
                "UPDATE time_entries SET is_billed = 1, invoice_id = ?1, updated_at = ?2 WHERE id = ?3",
                rusqlite::params![invoice_id, ctx.now_s, r.0],
            )?;
        }
        if from.is_some() {
            period = (from, to);
        }
    }
    if let Some(e) = expenses {
        let st = e.str("summary_type").p()?.unwrap_or_default();
        if !["project", "category", "people", "detailed"].contains(&st.as_str()) {
            return unprocessable("Line items import expenses summary type is not included in the list");
        }
        let (from, to) = range(&e, "expenses")?;
        let kind = category_name(ctx.conn, "use_as_expense", "Product")?;
        let mut sql = format!(
            "SELECT e.id, e.project_id, p.name, ec.name, u.first_name || ' ' || u.last_name, e.total_cost, e.spent_date,
             COALESCE(e.notes, '')
             FROM expenses e JOIN projects p ON p.id = e.project_id JOIN expense_categories ec ON ec.id = e.expense_category_id
             JOIN users u ON u.id = e.user_id
             WHERE e.is_billed = 0 AND e.billable = 1 AND e.project_id IN ({ids_sql})"
        );
        if let (Some(f), Some(tt)) = (&from, &to) {
            sql.push_str(&format!(" AND e.spent_date >= '{f}' AND e.spent_date <= '{tt}'"));
        }
        sql.push_str(" ORDER BY e.spent_date, e.id");
        type RowE = (i64, i64, String, String, String, i64, String, String);
        let rows: Vec<RowE> = ctx
            .conn
            .prepare(&sql)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)))?
            .collect::<Result<_, _>>()?;
        let mut groups: BTreeMap<(i64, String), Dec> = BTreeMap::new();
        for (eid, pid, pname, cname, uname, cost, date, notes) in &rows {
            let key = match st.as_str() {
                "project" => format!("{pname}: Expenses"),
                "category" => format!("{pname}: {cname}"),
                "people" => format!("{pname}: {uname}"),
                _ => format!("{pname}: {cname}: {notes} ({date}, #{eid})"),
            };
            let e = groups.entry((*pid, key)).or_default();
            *e = *e + Dec(*cost);
        }
        for ((pid, desc), total) in groups {
            let desc = if st == "detailed" { desc.rsplit_once(", #").map(|(a, _)| format!("{a})")).unwrap_or(desc) } else { desc };
            insert_item(
                ctx.conn,
                Doc::Invoice,
                invoice_id,
                vec![
                    ("project_id", Sql::Integer(pid)),
                    ("kind", Sql::Text(kind.clone())),
                    ("description", Sql::Text(desc)),
                    ("quantity", Sql::Integer(Dec::from_int(1).0)),
                    ("unit_price", Sql::Integer(total.0)),
                    ("taxed", Sql::Integer(0)),
                    ("taxed2", Sql::Integer(0)),
                ],
            )?;
        }
        for r in &rows {
            ctx.conn.execute(
                "UPDATE expenses SET is_billed = 1, invoice_id = ?1, updated_at = ?2 WHERE id = ?3",
                rusqlite::params![invoice_id, ctx.now_s, r.0],
            )?;
        }
    }
    ctx.conn.execute(
        "UPDATE invoices SET period_start = ?1, period_end = ?2 WHERE id = ?3",
        rusqlite::params![period.0, period.1, invoice_id],
    )?;
    Ok(())
}

fn desc_key(st: &str, pname: &str, tname: &str, uname: &str, notes: &str, date: &str, eid: i64) -> String {
    match st {
        "project" => pname.to_string(),
        "task" => format!("{pname}: {tname}"),
        "people" => format!("{pname}: {uname}"),
        _ => format!("{pname}: {tname}: {notes} ({date}, #{eid})"),
    }
}

// ---------- invoices ----------

pub fn list(ctx: &Ctx) -> ApiResult<Resp> {
    ctx.admin()?;
    let mut f = Filter::default();
    if let Some(c) = ctx.q_int("client_id")? {
        f.add("a.client_id = ?", c);
    }
    if let Some(p) = ctx.q_int("project_id")? {
        f.add("a.id IN (SELECT invoice_id FROM invoice_line_items WHERE project_id = ?)", p);
    }
    if let Some(t) = ctx.q_updated_since()? {
        f.add("a.updated_at >= ?", t);
    }
    if let Some(d) = ctx.q_date("from")? {
        f.add("a.issue_date >= ?", d.to_string());
    }
    if let Some(d) = ctx.q_date("to")? {
        f.add("a.issue_date <= ?", d.to_string());
    }
    if let Some(s) = ctx.p.get("state") {
        let states: Vec<String> = match s {
            Value::String(s) => s.split(',').map(|x| x.trim().to_string()).collect(),
            Value::Array(a) => a.iter().filter_map(|x| x.as_str().map(String::from)).collect(),
            _ => vec![],
        };
        if states.is_empty() || states.iter().any(|s| !["draft", "open", "paid", "closed"].contains(&s.as_str())) {
            return unprocessable("Invalid state parameter");
        }
        let placeholders: Vec<String> = states
            .iter()
            .map(|s| {
                f.args.push(Sql::Text(s.clone()));
                format!("?{}", f.args.len())
            })
            .collect();
        f.raw(&format!("a.state IN ({})", placeholders.join(", ")));
    }
    super::list(
        ctx,
        ListSpec {
            key: "invoices",
            from: "FROM invoices a",
            count_from: None,
            select: INV_SELECT,
            filter: f,
            order: "a.issue_date DESC, a.id DESC",
            id_col: "a.id",
            cursor: false,
            default_per_page: 100,
        },
        |r| inv_render(ctx, r),
    )
}

pub fn get(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    Resp::ok(doc_one(ctx, Doc::Invoice, id)?)
}

pub fn create(ctx: &Ctx) -> ApiResult<Resp> {
    ctx.admin()?;
    let fields = header_fields(ctx, Doc::Invoice, None)?;
    let client_id = ctx.p.int("client_id").p()?.unwrap_or(0);
    let id = insert_doc(ctx, Doc::Invoice, fields)?;
    apply_line_items(ctx, Doc::Invoice, id)?;
    if let Some(imp) = ctx.p.obj("line_items_import").p()? {
        import(ctx, id, client_id, &imp)?;
    }
    recompute(ctx.conn, Doc::Invoice, id, &ctx.now_s)?;
    Resp::created(doc_one(ctx, Doc::Invoice, id)?, ctx.location(&format!("invoices/{id}")))
}

pub fn update(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "invoices", id)?;
    let fields = header_fields(ctx, Doc::Invoice, Some(id))?;
    update_doc(ctx, Doc::Invoice, id, fields)?;
    apply_line_items(ctx, Doc::Invoice, id)?;
    recompute(ctx.conn, Doc::Invoice, id, &ctx.now_s)?;
    let (amount, paid): (i64, i64) =
        ctx.conn.query_row("SELECT amount, paid_amount FROM invoices WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if paid > amount {
        return unprocessable("Amount can't be less than the payments already recorded");
    }
    Resp::ok(doc_one(ctx, Doc::Invoice, id)?)
}

pub fn delete(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "invoices", id)?;
    for sql in [
        "UPDATE time_entries SET is_billed = 0, invoice_id = NULL WHERE invoice_id = ?1",
        "UPDATE expenses SET is_billed = 0, invoice_id = NULL WHERE invoice_id = ?1",
        "DELETE FROM invoice_line_items WHERE invoice_id = ?1",
        "DELETE FROM invoice_messages WHERE invoice_id = ?1",
        "DELETE FROM invoice_payments WHERE invoice_id = ?1",
        "DELETE FROM invoices WHERE id = ?1",
    ] {
        ctx.conn.execute(sql, [id])?;
    }
    Resp::ok(Value::Null)
}

// ---------- messages ----------

const INV_MSG_SELECT: &str = "id, sent_by, sent_by_email, sent_from, sent_from_email, include_link_to_client_invoice,
 send_me_a_copy, thank_you, reminder, send_reminder_on, created_at, updated_at, attach_pdf, event_type, recipients,
 subject, body";
const EST_MSG_SELECT: &str = "id, sent_by, sent_by_email, sent_from, sent_from_email, send_me_a_copy, created_at,
 updated_at, event_type, recipients, subject, body";

fn msg_render(doc: Doc, r: &Row) -> ApiResult<Value> {
    let gs = |i: usize| -> rusqlite::Result<Option<String>> { r.get(i) };
    let gb = |i: usize| -> rusqlite::Result<bool> { Ok(r.get::<_, Option<i64>>(i)?.unwrap_or(0) != 0) };
    let recips = |i: usize| -> rusqlite::Result<Value> {
        Ok(gs(i)?.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or(json!([])))
    };
    Ok(match doc {
        Doc::Invoice => json!({
            "id": r.get::<_, i64>(0)?, "sent_by": gs(1)?, "sent_by_email": gs(2)?, "sent_from": gs(3)?,
            "sent_from_email": gs(4)?, "include_link_to_client_invoice": gb(5)?, "send_me_a_copy": gb(6)?,
            "thank_you": gb(7)?, "reminder": gb(8)?, "send_reminder_on": gs(9)?, "created_at": gs(10)?,
            "updated_at": gs(11)?, "attach_pdf": gb(12)?, "event_type": gs(13)?, "recipients": recips(14)?,
            "subject": gs(15)?, "body": gs(16)?,
        }),
        Doc::Estimate => json!({
            "id": r.get::<_, i64>(0)?, "sent_by": gs(1)?, "sent_by_email": gs(2)?, "sent_from": gs(3)?,
            "sent_from_email": gs(4)?, "send_me_a_copy": gb(5)?, "created_at": gs(6)?, "updated_at": gs(7)?,
            "event_type": gs(8)?, "recipients": recips(9)?, "subject": gs(10)?, "body": gs(11)?,
        }),
    })
}

fn msg_one(ctx: &Ctx, doc: Doc, id: i64) -> ApiResult<Value> {
    let sel = if doc == Doc::Invoice { INV_MSG_SELECT } else { EST_MSG_SELECT };
    let sql = format!("SELECT {sel} FROM {} WHERE id = ?1", doc.messages());
    let mut stmt = ctx.conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => msg_render(doc, r),
        None => Err(ApiError::NotFound),
    }
}

pub fn messages_list(ctx: &Ctx, doc: Doc, doc_id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, doc.table(), doc_id)?;
    let mut f = Filter::default();
    f.add(&format!("a.{} = ?", doc.fk()), doc_id);
    if let Some(t) = ctx.q_updated_since()? {
        f.add("a.updated_at >= ?", t);
    }
    let sel = if doc == Doc::Invoice { INV_MSG_SELECT } else { EST_MSG_SELECT };
    let select = sel.split(',').map(|c| format!("a.{}", c.trim())).collect::<Vec<_>>().join(", ");
    let from = format!("FROM {} a", doc.messages());
    let key = if doc == Doc::Invoice { "invoice_messages" } else { "estimate_messages" };
    super::list(
        ctx,
        ListSpec {
            key,
            from: &from,
            count_from: None,
            select: &select,
            filter: f,
            order: "a.id DESC",
            id_col: "a.id",
            cursor: true,
            default_per_page: 2000,
        },
        |r| msg_render(doc, r),
    )
}

fn company_name(conn: &Connection) -> ApiResult<String> {
    Ok(conn.query_row("SELECT name FROM company WHERE id = 1", [], |r| r.get(0))?)
}

fn template(ctx: &Ctx, doc: Doc, id: i64, thank_you: bool, reminder: bool) -> ApiResult<(String, String)> {
    let company = company_name(ctx.conn)?;
    let (number, amount, paid, currency, due): (String, i64, i64, String, Option<String>) = match doc {
        Doc::Invoice => ctx.conn.query_row(
            "SELECT COALESCE(number, ''), amount, paid_amount, COALESCE(currency, ''), due_date FROM invoices WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?,
        Doc::Estimate => ctx.conn.query_row(
            "SELECT COALESCE(number, ''), amount, 0, COALESCE(currency, ''), NULL FROM estimates WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?,
    };
    let noun = if doc == Doc::Invoice { "Invoice" } else { "Estimate" };
    let subject = if thank_you {
        format!("Thank you for your payment of {noun} #{number} from {company}")
    } else if reminder {
        format!("Reminder: {noun} #{number} from {company} is due")
    } else {
        format!("{noun} #{number} from {company}")
    };
    let body = format!(
        "---------------------------------------------\r\n{noun} Summary\r\n---------------------------------------------\r\n{noun} ID: {number}\r\nAmount: {} {currency}\r\nDue: {} {currency}{}\r\n\r\nThank you!\r\n---------------------------------------------",
        Dec(amount),
        Dec(amount - paid),
        due.map(|d| format!(" (due {d})")).unwrap_or_default()
    );
    Ok((subject, body))
}

pub fn message_template(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "invoices", id)?;
    let thank_you = ctx.q_bool("thank_you")?.unwrap_or(false);
    let reminder = ctx.q_bool("reminder")?.unwrap_or(false);
    let (subject, body) = template(ctx, Doc::Invoice, id, thank_you, reminder)?;
    Resp::ok(json!({"invoice_id": id, "subject": subject, "body": body, "reminder": reminder, "thank_you": thank_you}))
}

/// The state changes a message makes: the document, the `event_type`, the states it may start
/// from, Harvest's refusal otherwise, and the update. A message without an event (an email) moves
/// a draft as `send` does and leaves any other state alone; `view` (and an estimate's `invoice`)
/// change nothing.
const TRANSITIONS: &[(Doc, &str, &[&str], &str, &str)] = &[
    (Doc::Invoice, "send", &["draft"], "Only a draft invoice can be marked as sent", "state = 'open', sent_at = ?1"),
    (Doc::Invoice, "close", &["open"], "Only an open invoice can be closed", "state = 'closed', closed_at = ?1"),
    (Doc::Invoice, "re-open", &["closed"], "Only a closed invoice can be re-opened", "state = 'open', closed_at = NULL"),
    (Doc::Invoice, "draft", &["open"], "Only an open invoice can be marked as draft", "state = 'draft', sent_at = NULL"),
    (Doc::Estimate, "send", &["draft"], "Only a draft estimate can be marked as sent", "state = 'sent', sent_at = ?1"),
    (Doc::Estimate, "accept", &["sent"], "Only a sent estimate can be accepted", "state = 'accepted', accepted_at = ?1"),
    (Doc::Estimate, "decline", &["sent"], "Only a sent estimate can be declined", "state = 'declined', declined_at = ?1"),
    (
        Doc::Estimate,
        "re-open",
        &["accepted", "declined"],
        "Only an accepted or declined estimate can be re-opened",
        "state = 'sent', accepted_at = NULL, declined_at = NULL",
    ),
];

fn transition(ctx: &Ctx, doc: Doc, id: i64, event: Option<&str>) -> ApiResult<()> {
    if matches!((doc, event), (_, Some("view")) | (Doc::Estimate, Some("invoice"))) {
        return Ok(());
    }
    let state: String = ctx.conn.query_row(&format!("SELECT state FROM {} WHERE id = ?1", doc.table()), [id], |r| r.get(0))?;
    let Some(&(_, _, from, refusal, update)) = TRANSITIONS.iter().find(|t| t.0 == doc && t.1 == event.unwrap_or("send")) else {
        return unprocessable("Event type is not included in the list");
    };
    if !from.contains(&state.as_str()) {
        // An email of a document already past draft changes nothing; an event out of turn is refused.
        return if event.is_none() { Ok(()) } else { unprocessable(refusal) };
    }
    ctx.conn.execute(&format!("UPDATE {} SET {update}, updated_at = ?1 WHERE id = ?2", doc.table()), rusqlite::params![ctx.now_s.as_str(), id])?;
    Ok(())
}

pub fn messages_create(ctx: &Ctx, doc: Doc, doc_id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, doc.table(), doc_id)?;
    let p = &ctx.p;
    let event = p.str("event_type").p()?.filter(|s| !s.is_empty());
    let recipients = p.obj_list("recipients").p()?.unwrap_or_default();
    let mut recips = vec![];
    for r in &recipients {
        let email = r.str("email").p()?.unwrap_or_default();
        if !email.contains('@') {
            return unprocessable("Recipients email is invalid");
        }
        recips.push(json!({"name": r.str("name").p()?.unwrap_or_default(), "email": email}));
    }
    let send_me_a_copy = p.bool("send_me_a_copy").p()?.unwrap_or(false);
    if event.is_none() && recips.is_empty() && !send_me_a_copy {
        return unprocessable("Recipients can't be blank");
    }
    let thank_you = p.bool("thank_you").p()?.unwrap_or(false);
    let reminder = p.bool("reminder").p()?.unwrap_or(false);
    let (dsub, dbody) = template(ctx, doc, doc_id, thank_you, reminder)?;
    let subject = p.str("subject").p()?.unwrap_or(dsub);
    let body = p.str("body").p()?.unwrap_or(dbody);
    transition(ctx, doc, doc_id, event.as_deref())?;
    let (uname, uemail) = user_name(ctx.conn, ctx.user.id)?;
    match doc {
        Doc::Invoice => {
            let include_link = p.bool("include_link_to_client_invoice").p()?;
            if include_link == Some(false) {
                ctx.conn.execute("UPDATE invoices SET payment_options = '[]' WHERE id = ?1", [doc_id])?;
            }
            let opts: String = ctx.conn.query_row("SELECT COALESCE(payment_options, '[]') FROM invoices WHERE id = ?1", [doc_id], |r| r.get(0))?;
            ctx.conn.execute(
                "INSERT INTO invoice_messages(invoice_id, sent_by, sent_by_email, sent_from, sent_from_email, recipients,
                 subject, body, include_link_to_client_invoice, attach_pdf, send_me_a_copy, thank_you, reminder,
                 send_reminder_on, event_type, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
                rusqlite::params![
                    doc_id,
                    uname,
                    uemail,
                    json!(recips).to_string(),
                    subject,
                    body,
                    opts != "[]",
                    p.bool("attach_pdf").p()?.unwrap_or(false),
                    send_me_a_copy,
                    thank_you,
                    reminder,
                    p.date("send_reminder_on").p()?.map(|d| d.to_string()),
                    event,
                    ctx.now_s
                ],
            )?;
        }
        Doc::Estimate => {
            ctx.conn.execute(
                "INSERT INTO estimate_messages(estimate_id, sent_by, sent_by_email, sent_from, sent_from_email, recipients,
                 subject, body, send_me_a_copy, event_type, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                rusqlite::params![doc_id, uname, uemail, json!(recips).to_string(), subject, body, send_me_a_copy, event, ctx.now_s],
            )?;
        }
    }
    let id = ctx.conn.last_insert_rowid();
    let path = if doc == Doc::Invoice { "invoices" } else { "estimates" };
    Resp::created(msg_one(ctx, doc, id)?, ctx.location(&format!("{path}/{doc_id}/messages/{id}")))
}

pub fn messages_delete(ctx: &Ctx, doc: Doc, doc_id: i64, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    let n = ctx.conn.execute(&format!("DELETE FROM {} WHERE id = ?1 AND {} = ?2", doc.messages(), doc.fk()), [id, doc_id])?;
    if n == 0 {
        return Err(ApiError::NotFound);
    }
    Resp::ok(Value::Null)
}

// ---------- payments ----------

const PAY_SELECT: &str = "a.id, a.amount, a.paid_at, a.paid_date, a.recorded_by, a.recorded_by_email, a.notes,
 a.transaction_id, a.created_at, a.updated_at, a.gateway_id, a.gateway_name";

fn pay_render(r: &Row) -> ApiResult<Value> {
    let gs = |i: usize| -> rusqlite::Result<Option<String>> { r.get(i) };
    Ok(json!({
        "id": r.get::<_, i64>(0)?, "amount": dopt(r.get(1)?), "paid_at": gs(2)?, "paid_date": gs(3)?,
        "recorded_by": gs(4)?, "recorded_by_email": gs(5)?, "notes": gs(6)?, "transaction_id": gs(7)?,
        "created_at": gs(8)?, "updated_at": gs(9)?,
        "payment_gateway": {"id": r.get::<_, Option<i64>>(10)?, "name": gs(11)?},
    }))
}

pub fn payments_list(ctx: &Ctx, inv: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "invoices", inv)?;
    let mut f = Filter::default();
    f.add("a.invoice_id = ?", inv);
    if let Some(t) = ctx.q_updated_since()? {
        f.add("a.updated_at >= ?", t);
    }
    super::list(
        ctx,
        ListSpec {
            key: "invoice_payments",
            from: "FROM invoice_payments a",
            count_from: None,
            select: PAY_SELECT,
            filter: f,
            order: "a.id DESC",
            id_col: "a.id",
            cursor: true,
            default_per_page: 2000,
        },
        pay_render,
    )
}

/// Moves the invoice to `paid` when nothing is due, back to `open` when something is due again.
fn settle(ctx: &Ctx, inv: i64) -> ApiResult<()> {
    let paid: i64 = ctx.conn.query_row("SELECT COALESCE(SUM(amount), 0) FROM invoice_payments WHERE invoice_id = ?1", [inv], |r| r.get(0))?;
    let (amount, state): (i64, String) =
        ctx.conn.query_row("SELECT amount, state FROM invoices WHERE id = ?1", [inv], |r| Ok((r.get(0)?, r.get(1)?)))?;
    ctx.conn.execute("UPDATE invoices SET paid_amount = ?1, updated_at = ?2 WHERE id = ?3", rusqlite::params![paid, ctx.now_s, inv])?;
    if paid >= amount && paid > 0 && (state == "open" || state == "draft") {
        let (pa, pd): (Option<String>, Option<String>) = ctx.conn.query_row(
            "SELECT paid_at, paid_date FROM invoice_payments WHERE invoice_id = ?1 ORDER BY paid_at DESC, id DESC LIMIT 1",
            [inv],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        ctx.conn.execute(
            "UPDATE invoices SET state = 'paid', paid_at = ?1, paid_date = ?2, sent_at = COALESCE(sent_at, ?3) WHERE id = ?4",
            rusqlite::params![pa, pd, ctx.now_s, inv],
        )?;
    } else if paid < amount && state == "paid" {
        ctx.conn.execute("UPDATE invoices SET state = 'open', paid_at = NULL, paid_date = NULL WHERE id = ?1", [inv])?;
    }
    Ok(())
}

pub fn payments_create(ctx: &Ctx, inv: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "invoices", inv)?;
    let p = &ctx.p;
    let amount = match p.dec("amount").p()? {
        Some(a) if a.0 > 0 => a.round(2),
        Some(_) => return unprocessable("Amount must be greater than 0"),
        None => return unprocessable("Amount can't be blank"),
    };
    let (state, total, paid): (String, i64, i64) =
        ctx.conn.query_row("SELECT state, amount, paid_amount FROM invoices WHERE id = ?1", [inv], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    if state == "closed" {
        return unprocessable("Payments can't be recorded on a closed invoice");
    }
    if state == "draft" {
        return unprocessable("Payments can't be recorded on a draft invoice");
    }
    if amount.0 > total - paid {
        return unprocessable("Amount can't be greater than the amount due");
    }
    let paid_at_s = p.str("paid_at").p()?;
    let paid_date = p.date("paid_date").p()?;
    if paid_at_s.is_some() && paid_date.is_some() {
        return unprocessable("Provide either paid_at or paid_date, not both");
    }
    let (paid_at, paid_date) = match (paid_at_s, paid_date) {
        (Some(s), _) => {
            let t = DateTime::parse_from_rfc3339(s.trim())
                .map_err(|_| ApiError::Unprocessable("Paid at is not a valid datetime".into()))?
                .with_timezone(&Utc);
            (fmt_time(&t), t.date_naive())
        }
        (None, Some(d)) => (format!("{d}T00:00:00Z"), d),
        (None, None) => (ctx.now_s.clone(), ctx.today),
    };
    let (uname, uemail) = user_name(ctx.conn, ctx.user.id)?;
    ctx.conn.execute(
        "INSERT INTO invoice_payments(invoice_id, amount, paid_at, paid_date, recorded_by, recorded_by_email, notes,
         transaction_id, gateway_id, gateway_name, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, NULL, NULL, ?8, ?8)",
        rusqlite::params![inv, amount.0, paid_at, paid_date.to_string(), uname, uemail, p.str("notes").p()?.unwrap_or_default(), ctx.now_s],
    )?;
    let id = ctx.conn.last_insert_rowid();
    settle(ctx, inv)?;
    let sql = format!("SELECT {PAY_SELECT} FROM invoice_payments a WHERE a.id = ?1");
    let mut stmt = ctx.conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    let v = match rows.next()? {
        Some(r) => pay_render(r)?,
        None => return Err(ApiError::NotFound),
    };
    Resp::created(v, ctx.location(&format!("invoices/{inv}/payments/{id}")))
}

pub fn payments_delete(ctx: &Ctx, inv: i64, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    let n = ctx.conn.execute("DELETE FROM invoice_payments WHERE id = ?1 AND invoice_id = ?2", [id, inv])?;
    if n == 0 {
        return Err(ApiError::NotFound);
    }
    settle(ctx, inv)?;
    Resp::ok(Value::Null)
}

// ---------- estimates ----------

pub fn estimates_list(ctx: &Ctx) -> ApiResult<Resp> {
    ctx.admin()?;
    let mut f = Filter::default();
    if let Some(c) = ctx.q_int("client_id")? {
        f.add("a.client_id = ?", c);
    }
    if let Some(t) = ctx.q_updated_since()? {
        f.add("a.updated_at >= ?", t);
    }
    if let Some(d) = ctx.q_date("from")? {
        f.add("a.issue_date >= ?", d.to_string());
    }
    if let Some(d) = ctx.q_date("to")? {
        f.add("a.issue_date <= ?", d.to_string());
    }
    if let Some(s) = ctx.p.get("state") {
        let s = s.as_str().unwrap_or("");
        if !["draft", "sent", "accepted", "declined"].contains(&s) {
            return unprocessable("Invalid state parameter");
        }
        f.add("a.state = ?", s.to_string());
    }
    super::list(
        ctx,
        ListSpec {
            key: "estimates",
            from: "FROM estimates a",
            count_from: None,
            select: EST_SELECT,
            filter: f,
            order: "a.issue_date DESC, a.id DESC",
            id_col: "a.id",
            cursor: false,
            default_per_page: 2000,
        },
        |r| est_render(ctx, r),
    )
}

pub fn estimates_get(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    Resp::ok(doc_one(ctx, Doc::Estimate, id)?)
}

pub fn estimates_create(ctx: &Ctx) -> ApiResult<Resp> {
    ctx.admin()?;
    let fields = header_fields(ctx, Doc::Estimate, None)?;
    let id = insert_doc(ctx, Doc::Estimate, fields)?;
    apply_line_items(ctx, Doc::Estimate, id)?;
    recompute(ctx.conn, Doc::Estimate, id, &ctx.now_s)?;
    Resp::created(doc_one(ctx, Doc::Estimate, id)?, ctx.location(&format!("estimates/{id}")))
}

pub fn estimates_update(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "estimates", id)?;
    let fields = header_fields(ctx, Doc::Estimate, Some(id))?;
    update_doc(ctx, Doc::Estimate, id, fields)?;
    apply_line_items(ctx, Doc::Estimate, id)?;
    recompute(ctx.conn, Doc::Estimate, id, &ctx.now_s)?;
    Resp::ok(doc_one(ctx, Doc::Estimate, id)?)
}

pub fn estimates_delete(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "estimates", id)?;
    ctx.conn.execute("UPDATE invoices SET estimate_id = NULL WHERE estimate_id = ?1", [id])?;
    ctx.conn.execute("DELETE FROM estimate_line_items WHERE estimate_id = ?1", [id])?;
    ctx.conn.execute("DELETE FROM estimate_messages WHERE estimate_id = ?1", [id])?;
    ctx.conn.execute("DELETE FROM estimates WHERE id = ?1", [id])?;
    Resp::ok(Value::Null)
}
