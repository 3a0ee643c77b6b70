//! The Harvest v2 resource API: routing, request context, pagination and permissions.

pub mod basic;
pub mod invoices;
pub mod projects;
pub mod reports;
pub mod time;
pub mod users;

use crate::model::*;
use crate::params::Params;
use base64::Engine;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value as Sql;
use rusqlite::{Connection, Row};
use serde_json::{json, Value};

#[derive(Clone, Debug)]
pub struct User {
    pub id: i64,
    pub is_admin: bool,
    pub is_active: bool,
}

pub struct Ctx<'a> {
    pub conn: &'a Connection,
    /// COUNT(*) cache for the committed state this request reads (None: count every time)
    pub counts: Option<crate::db::Counts<'a>>,
    pub user: User,
    pub now: DateTime<Utc>,
    pub now_s: String,
    pub today: NaiveDate,
    /// `http://host:port`
    pub base: String,
    /// the request path as sent (`/v2/...` or `/api/v2/...`)
    pub path: String,
    pub query: Vec<(String, String)>,
    pub p: Params,
    pub account_id: i64,
}

pub fn fmt_time(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Ctx<'_> {
    pub fn admin(&self) -> ApiResult<()> {
        if self.user.is_admin {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }
    /// `Location` for a created resource (Harvest uses the `/api/v2` form).
    pub fn location(&self, rest: &str) -> String {
        format!("{}/api/v2/{}", self.base, rest)
    }
    /// Query-string filter (only the query string, never the body).
    pub fn q(&self, k: &str) -> Option<&str> {
        self.query.iter().rev().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
    }
    pub fn q_bool(&self, k: &str) -> ApiResult<Option<bool>> {
        match self.p.get(k) {
            None => Ok(None),
            Some(v) => crate::params::as_bool(v)
                .map(Some)
                .ok_or_else(|| ApiError::Unprocessable(format!("Invalid {k} parameter"))),
        }
    }
    pub fn q_int(&self, k: &str) -> ApiResult<Option<i64>> {
        match self.p.get(k) {
            None => Ok(None),
            Some(v) => crate::params::as_int(v)
                .map(Some)
                .ok_or_else(|| ApiError::Unprocessable(format!("Invalid {k} parameter"))),
        }
    }
    pub fn q_date(&self, k: &str) -> ApiResult<Option<NaiveDate>> {
        match self.p.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => crate::params::parse_date(s)
                .map(Some)
                .ok_or_else(|| ApiError::Unprocessable(format!("Invalid {k} parameter"))),
            Some(_) => Err(ApiError::Unprocessable(format!("Invalid {k} parameter"))),
        }
    }
    /// `updated_since` as a normalised UTC timestamp string comparable with stored ones.
    pub fn q_updated_since(&self) -> ApiResult<Option<String>> {
        let Some(v) = self.p.get("updated_since") else { return Ok(None) };
        let s = v.as_str().unwrap_or("").trim();
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Ok(Some(fmt_time(&t.with_timezone(&Utc))));
        }
        if let Some(d) = crate::params::parse_date(s) {
            return Ok(Some(format!("{d}T00:00:00Z")));
        }
        Err(ApiError::Unprocessable("Invalid updated_since parameter".into()))
    }
}

/// Builder for `WHERE` clauses.
#[derive(Default)]
pub struct Filter {
    pub conds: Vec<String>,
    pub args: Vec<Sql>,
}

impl Filter {
    pub fn add(&mut self, cond: &str, v: impl Into<Sql>) {
        self.args.push(v.into());
        self.conds.push(cond.replace('?', &format!("?{}", self.args.len())));
    }
    pub fn raw(&mut self, cond: &str) {
        self.conds.push(cond.to_string());
    }
    pub fn sql(&self) -> String {
        if self.conds.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.conds.join(" AND "))
        }
    }
}

pub struct ListSpec<'s> {
    pub key: &'s str,
    /// `FROM ... ` (joins allowed); the filter's WHERE is appended
    pub from: &'s str,
    /// `FROM ...` for the COUNT queries when the select needs joins the filter doesn't
    pub count_from: Option<&'s str>,
    pub select: &'s str,
    pub filter: Filter,
    /// ORDER BY clause for page mode; cursor endpoints always order by `id_col DESC`
    pub order: &'s str,
    pub id_col: &'s str,
    pub cursor: bool,
    pub default_per_page: i64,
}

const URL_SET: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b':');

fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, URL_SET).to_string()
}

pub struct PageReq {
    pub per_page: i64,
    pub page: i64,
    pub after: Option<i64>,
}

pub fn page_req(ctx: &Ctx, cursor_enabled: bool, default_per_page: i64) -> ApiResult<PageReq> {
    let per_page = match ctx.p.get("per_page") {
        None => default_per_page,
        Some(v) => match crate::params::as_int(v) {
            Some(n) if (1..=2000).contains(&n) => n,
            _ => return unprocessable("Invalid per_page parameter"),
        },
    };
    let page = match ctx.p.get("page") {
        None => 1,
        Some(v) => match crate::params::as_int(v) {
            Some(n) if n >= 1 && n < 1_000_000_000 => n,
            _ => return unprocessable("Invalid page parameter"),
        },
    };
    let after = match (cursor_enabled, ctx.p.get("cursor")) {
        (true, Some(v)) => Some(decode_cursor(v.as_str().unwrap_or("")).ok_or_else(|| {
            ApiError::Unprocessable("Invalid cursor parameter".into())
        })?),
        _ => None,
    };
    Ok(PageReq { per_page, page, after })
}

pub fn encode_cursor(after_id: i64) -> String {
    base64::engine::general_purpose::STANDARD.encode(json!({"after": {"id": after_id}}).to_string())
}

fn decode_cursor(s: &str) -> Option<i64> {
    let s = s.trim();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(s)
        .or_else(|_| base64::engine::general_purpose::URL_SAFE.decode(s))
        .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(s))
        .ok()?;
    let v: Value = serde_json::from_slice(&bytes).ok()?;
    v.get("after")?.get("id")?.as_i64()
}

fn link(ctx: &Ctx, extra: &[(&str, String)]) -> String {
    let mut parts: Vec<String> = ctx
        .query
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "page" | "cursor" | "per_page" | "ref"))
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect();
    for (k, v) in extra {
        parts.push(format!("{}={}", k, enc(v)));
    }
    format!("{}{}?{}", ctx.base, ctx.path, parts.join("&"))
}

fn page_link(ctx: &Ctx, page: i64, per_page: i64, r: &str) -> String {
    link(ctx, &[("page", page.to_string()), ("per_page", per_page.to_string()), ("ref", r.to_string())])
}

fn cursor_link(ctx: &Ctx, after: i64, per_page: i64) -> String {
    link(ctx, &[("cursor", encode_cursor(after)), ("per_page", per_page.to_string()), ("ref", "next_cursor".into())])
}

/// Harvest's list envelope around the items (`write_items` writes their JSON array, about
/// `size` bytes, straight into the response), its members in Harvest's order — the items first,
/// `links` last, and `first, next, previous, last` inside it — so that a client reading `links`
/// from the end of a page sees what Harvest sends.
#[allow(clippy::too_many_arguments)]
fn envelope(
    ctx: &Ctx,
    key: &str,
    size: usize,
    write_items: impl FnOnce(&mut Vec<u8>) -> ApiResult<()>,
    pr: &PageReq,
    total: i64,
    cursor_mode_page: Option<(i64, bool)>,
    next_cursor: Option<i64>,
) -> ApiResult<Resp> {
    let per_page = pr.per_page;
    let total_pages = ((total + per_page - 1) / per_page).max(1);
    let (page, next_page, previous_page, prev_link_page) = match cursor_mode_page {
        None => {
            let page = pr.page;
            (
                json!(page),
                if page < total_pages { json!(page + 1) } else { Value::Null },
                if page > 1 { json!(page - 1) } else { Value::Null },
                if page > 1 { Some(page - 1) } else { None },
            )
        }
        Some((page_no, is_last)) => {
            if is_last {
                (json!(page_no), Value::Null, if page_no > 1 { json!(page_no - 1) } else { Value::Null }, (page_no > 1).then_some(page_no - 1))
            } else {
                (Value::Null, Value::Null, Value::Null, (page_no > 1).then_some(page_no - 1))
            }
        }
    };
    let has_next = match cursor_mode_page {
        None => pr.page < total_pages,
        Some((_, is_last)) => !is_last,
    };
    let next = if !has_next {
        Value::Null
    } else if let Some(after) = next_cursor {
        json!(cursor_link(ctx, after, per_page))
    } else {
        json!(page_link(ctx, pr.page + 1, per_page, "next"))
    };
    let previous = prev_link_page.map(|p| json!(page_link(ctx, p, per_page, "previous"))).unwrap_or(Value::Null);
    let links = [("first", json!(page_link(ctx, 1, per_page, "first"))), ("next", next), ("previous", previous), ("last", json!(page_link(ctx, total_pages, per_page, "last")))];
    let mut out = Vec::with_capacity(size + 1024);
    out.push(b'{');
    member_name(&mut out, key);
    write_items(&mut out)?;
    for (name, value) in [("per_page", json!(per_page)), ("total_pages", json!(total_pages)), ("total_entries", json!(total)), ("next_page", next_page), ("previous_page", previous_page), ("page", page)] {
        out.push(b',');
        member(&mut out, name, value.to_string().as_bytes());
    }
    out.extend_from_slice(b",\"links\":{");
    for (i, (name, value)) in links.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        member(&mut out, name, value.to_string().as_bytes());
    }
    out.extend_from_slice(b"}}");
    Ok(Resp { status: 200, body: Value::Null, raw: Some(out), location: None })
}

/// `"name":value` into an object being written.
fn member(out: &mut Vec<u8>, name: &str, value: &[u8]) {
    member_name(out, name);
    out.extend_from_slice(value);
}

/// `"name":` into an object being written.
fn member_name(out: &mut Vec<u8>, name: &str) {
    out.extend_from_slice(Value::from(name).to_string().as_bytes());
    out.push(b':');
}

/// Writes items as the JSON array the envelope holds.
fn array(items: &[Value]) -> impl FnOnce(&mut Vec<u8>) -> ApiResult<()> + '_ {
    move |out| serde_json::to_writer(out, items).map_err(|e| ApiError::Internal(e.to_string()))
}

fn cached_count(ctx: &Ctx, sql: &str, args: &[Sql]) -> ApiResult<i64> {
    let Some(cache) = ctx.counts else { return count(ctx.conn, sql, args) };
    let key = format!("{sql}\u{0}{args:?}");
    if let Some(n) = cache.get(&key) {
        return Ok(n);
    }
    let n = count(ctx.conn, sql, args)?;
    cache.put(key, n);
    Ok(n)
}

/// The rows of one page by id: `... WHERE id IN (?1, ..., ?n)`, the same text for every page of
/// that size, so the statement is compiled once and cached.
fn in_sql(spec: &ListSpec, n: usize) -> String {
    let mut sql = format!("SELECT {} {} WHERE {} IN (", spec.select, spec.from, spec.id_col);
    for i in 1..=n {
        if i > 1 {
            sql.push(',');
        }
        sql.push('?');
        sql.push_str(&i.to_string());
    }
    sql.push(')');
    sql
}

/// Runs a paginated list query and wraps it in Harvest's envelope.
pub fn list<F>(ctx: &Ctx, spec: ListSpec, mut render: F) -> ApiResult<Resp>
where
    F: FnMut(&Row) -> ApiResult<Value>,
{
    let pr = page_req(ctx, spec.cursor, spec.default_per_page)?;
    let where_sql = spec.filter.sql();
    let count_from = spec.count_from.unwrap_or(spec.from);
    let total = cached_count(ctx, &format!("SELECT COUNT(*) {}{}", count_from, where_sql), &spec.filter.args)?;
    let mut items = Vec::new();
    let mut last_id = None;
    let mut cursor_mode_page = None;
    if let Some(after) = pr.after {
        let mut f2 = Filter { conds: spec.filter.conds.clone(), args: spec.filter.args.clone() };
        f2.add(&format!("{} < ?", spec.id_col), after);
        let sql = format!(
            "SELECT {} {}{} ORDER BY {} DESC LIMIT {}",
            spec.select,
            spec.from,
            f2.sql(),
            spec.id_col,
            pr.per_page + 1
        );
        let mut stmt = ctx.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(f2.args.iter()))?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            n += 1;
            if n > pr.per_page {
                break;
            }
            last_id = Some(row.get::<_, i64>(0)?);
            items.push(render(row)?);
        }
        let is_last = n <= pr.per_page;
        let before = total - cached_count(ctx, &format!("SELECT COUNT(*) {}{}", count_from, f2.sql()), &f2.args)?;
        cursor_mode_page = Some((before / pr.per_page + 1, is_last));
    } else {
        let order = if spec.cursor { format!("{} DESC", spec.id_col) } else { spec.order.to_string() };
        if let Some(cf) = spec.count_from {
            // page the ids on the narrow table first, then join only the rows of this page
            let id_sql = format!(
                "SELECT {} {}{} ORDER BY {} LIMIT {} OFFSET {}",
                spec.id_col,
                cf,
                where_sql,
                order,
                pr.per_page,
                (pr.page - 1).saturating_mul(pr.per_page)
            );
            let ids: Vec<i64> = ctx
                .conn
                .prepare_cached(&id_sql)?
                .query_map(rusqlite::params_from_iter(spec.filter.args.iter()), |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            if !ids.is_empty() {
                let mut stmt = ctx.conn.prepare_cached(&in_sql(&spec, ids.len()))?;
                let mut rows = stmt.query(rusqlite::params_from_iter(ids.iter()))?;
                let mut by_id: std::collections::HashMap<i64, Value> = std::collections::HashMap::with_capacity(ids.len());
                while let Some(row) = rows.next()? {
                    let id: i64 = row.get(0)?;
                    by_id.insert(id, render(row)?);
                }
                for id in &ids {
                    if let Some(v) = by_id.remove(id) {
                        items.push(v);
                    }
                }
            }
            return envelope(ctx, spec.key, 0, array(&items), &pr, total, None, None);
        }
        let sql = format!(
            "SELECT {} {}{} ORDER BY {} LIMIT {} OFFSET {}",
            spec.select,
            spec.from,
            where_sql,
            order,
            pr.per_page,
            (pr.page - 1).saturating_mul(pr.per_page)
        );
        let mut stmt = ctx.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(spec.filter.args.iter()))?;
        while let Some(row) = rows.next()? {
            last_id = Some(row.get::<_, i64>(0)?);
            items.push(render(row)?);
        }
    }
    let next_cursor = if spec.cursor { last_id } else { None };
    envelope(ctx, spec.key, 0, array(&items), &pr, total, cursor_mode_page, next_cursor)
}

/// Like [`list`] for the big page-based lists: rows are serialised straight into the response
/// buffer (no intermediate `Value`s). Requires `count_from` (ids are paged on the narrow table).
pub fn list_raw<F>(ctx: &Ctx, spec: ListSpec, mut write: F) -> ApiResult<Resp>
where
    F: FnMut(&Row, &mut Vec<u8>) -> ApiResult<()>,
{
    let pr = page_req(ctx, false, spec.default_per_page)?;
    let cf = spec.count_from.unwrap_or(spec.from);
    let where_sql = spec.filter.sql();
    let total = cached_count(ctx, &format!("SELECT COUNT(*) {cf}{where_sql}"), &spec.filter.args)?;
    let id_sql = format!(
        "SELECT {} {}{} ORDER BY {} LIMIT {} OFFSET {}",
        spec.id_col,
        cf,
        where_sql,
        spec.order,
        pr.per_page,
        (pr.page - 1).saturating_mul(pr.per_page)
    );
    let ids: Vec<i64> = ctx
        .conn
        .prepare_cached(&id_sql)?
        .query_map(rusqlite::params_from_iter(spec.filter.args.iter()), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut chunks: std::collections::HashMap<i64, (usize, usize)> = std::collections::HashMap::with_capacity(ids.len());
    let mut scratch: Vec<u8> = Vec::with_capacity(ids.len() * 1100);
    if !ids.is_empty() {
        let mut stmt = ctx.conn.prepare_cached(&in_sql(&spec, ids.len()))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(ids.iter()))?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let start = scratch.len();
            write(row, &mut scratch)?;
            chunks.insert(id, (start, scratch.len()));
        }
    }
    // The rows in the page's order, copied once, into the response.
    let write_items = |out: &mut Vec<u8>| {
        out.push(b'[');
        let mut first = true;
        for (a, b) in ids.iter().filter_map(|id| chunks.get(id)) {
            if !first {
                out.push(b',');
            }
            first = false;
            out.extend_from_slice(&scratch[*a..*b]);
        }
        out.push(b']');
        Ok(())
    };
    envelope(ctx, spec.key, scratch.len() + ids.len() + 2, write_items, &pr, total, None, None)
}

/// Paginates an already computed list (reports, teammates); page-based.
pub fn list_vec(ctx: &Ctx, key: &str, all: Vec<Value>) -> ApiResult<Resp> {
    let pr = page_req(ctx, false, 2000)?;
    let total = all.len() as i64;
    let start = ((pr.page - 1).saturating_mul(pr.per_page)).min(total) as usize;
    let items: Vec<Value> = all.into_iter().skip(start).take(pr.per_page as usize).collect();
    envelope(ctx, key, 0, array(&items), &pr, total, None, None)
}

/// Parses a numeric path segment; anything else is a 404 like Harvest's.
pub fn id(seg: &str) -> ApiResult<i64> {
    seg.parse::<i64>().map_err(|_| ApiError::NotFound)
}

pub fn dispatch(ctx: &Ctx, method: &str, segs: &[&str]) -> ApiResult<Resp> {
    use basic::*;
    match (method, segs) {
        ("GET", ["company"]) => company_get(ctx),
        ("PATCH", ["company"]) => company_patch(ctx),

        ("GET", ["clients"]) => clients_list(ctx),
        ("POST", ["clients"]) => clients_create(ctx),
        ("GET", ["clients", i]) => clients_get(ctx, id(i)?),
        ("PATCH", ["clients", i]) => clients_update(ctx, id(i)?),
        ("DELETE", ["clients", i]) => clients_delete(ctx, id(i)?),

        ("GET", ["contacts"]) => contacts_list(ctx),
        ("POST", ["contacts"]) => contacts_create(ctx),
        ("GET", ["contacts", i]) => contacts_get(ctx, id(i)?),
        ("PATCH", ["contacts", i]) => contacts_update(ctx, id(i)?),
        ("DELETE", ["contacts", i]) => contacts_delete(ctx, id(i)?),

        ("GET", ["tasks"]) => tasks_list(ctx),
        ("POST", ["tasks"]) => tasks_create(ctx),
        ("GET", ["tasks", i]) => tasks_get(ctx, id(i)?),
        ("PATCH", ["tasks", i]) => tasks_update(ctx, id(i)?),
        ("DELETE", ["tasks", i]) => tasks_delete(ctx, id(i)?),

        ("GET", ["expense_categories"]) => simple_list(ctx, &EXPENSE_CATEGORIES),
        ("POST", ["expense_categories"]) => simple_create(ctx, &EXPENSE_CATEGORIES),
        ("GET", ["expense_categories", i]) => simple_get(ctx, &EXPENSE_CATEGORIES, id(i)?),
        ("PATCH", ["expense_categories", i]) => simple_update(ctx, &EXPENSE_CATEGORIES, id(i)?),
        ("DELETE", ["expense_categories", i]) => simple_delete(ctx, &EXPENSE_CATEGORIES, id(i)?),

        ("GET", ["invoice_item_categories"]) => simple_list(ctx, &INVOICE_ITEM_CATEGORIES),
        ("POST", ["invoice_item_categories"]) => simple_create(ctx, &INVOICE_ITEM_CATEGORIES),
        ("GET", ["invoice_item_categories", i]) => simple_get(ctx, &INVOICE_ITEM_CATEGORIES, id(i)?),
        ("PATCH", ["invoice_item_categories", i]) => simple_update(ctx, &INVOICE_ITEM_CATEGORIES, id(i)?),
        ("DELETE", ["invoice_item_categories", i]) => simple_delete(ctx, &INVOICE_ITEM_CATEGORIES, id(i)?),

        ("GET", ["estimate_item_categories"]) => simple_list(ctx, &ESTIMATE_ITEM_CATEGORIES),
        ("POST", ["estimate_item_categories"]) => simple_create(ctx, &ESTIMATE_ITEM_CATEGORIES),
        ("GET", ["estimate_item_categories", i]) => simple_get(ctx, &ESTIMATE_ITEM_CATEGORIES, id(i)?),
        ("PATCH", ["estimate_item_categories", i]) => simple_update(ctx, &ESTIMATE_ITEM_CATEGORIES, id(i)?),
        ("DELETE", ["estimate_item_categories", i]) => simple_delete(ctx, &ESTIMATE_ITEM_CATEGORIES, id(i)?),

        ("GET", ["roles"]) => roles_list(ctx),
        ("POST", ["roles"]) => roles_create(ctx),
        ("GET", ["roles", i]) => roles_get(ctx, id(i)?),
        ("PATCH", ["roles", i]) => roles_update(ctx, id(i)?),
        ("DELETE", ["roles", i]) => roles_delete(ctx, id(i)?),

        ("GET", ["users"]) => users::list(ctx),
        ("POST", ["users"]) => users::create(ctx),
        ("GET", ["users", "me"]) => users::get(ctx, ctx.user.id),
        ("GET", ["users", "me", "project_assignments"]) => users::project_assignments(ctx, ctx.user.id, false),
        ("GET", ["users", i]) => users::get(ctx, id(i)?),
        ("PATCH", ["users", i]) => users::update(ctx, id(i)?),
        ("DELETE", ["users", i]) => users::delete(ctx, id(i)?),
        ("GET", ["users", i, "project_assignments"]) => users::project_assignments(ctx, id(i)?, true),
        ("GET", ["users", i, kind @ ("billable_rates" | "cost_rates")]) => users::rates_list(ctx, id(i)?, kind),
        ("POST", ["users", i, kind @ ("billable_rates" | "cost_rates")]) => users::rates_create(ctx, id(i)?, kind),
        ("GET", ["users", i, kind @ ("billable_rates" | "cost_rates"), r]) => {
            users::rates_get(ctx, id(i)?, kind, id(r)?)
        }
        ("GET", ["users", i, "teammates"]) => users::teammates_list(ctx, id(i)?),
        ("PATCH", ["users", i, "teammates"]) => users::teammates_update(ctx, id(i)?),

        ("GET", ["projects"]) => projects::list(ctx),
        ("POST", ["projects"]) => projects::create(ctx),
        ("GET", ["projects", i]) => projects::get(ctx, id(i)?),
        ("PATCH", ["projects", i]) => projects::update(ctx, id(i)?),
        ("DELETE", ["projects", i]) => projects::delete(ctx, id(i)?),
        ("GET", ["projects", i, "task_assignments"]) => projects::ta_list(ctx, Some(id(i)?)),
        ("POST", ["projects", i, "task_assignments"]) => projects::ta_create(ctx, id(i)?),
        ("GET", ["projects", i, "task_assignments", a]) => projects::ta_get(ctx, id(i)?, id(a)?),
        ("PATCH", ["projects", i, "task_assignments", a]) => projects::ta_update(ctx, id(i)?, id(a)?),
        ("DELETE", ["projects", i, "task_assignments", a]) => projects::ta_delete(ctx, id(i)?, id(a)?),
        ("GET", ["projects", i, "user_assignments"]) => projects::ua_list(ctx, Some(id(i)?)),
        ("POST", ["projects", i, "user_assignments"]) => projects::ua_create(ctx, id(i)?),
        ("GET", ["projects", i, "user_assignments", a]) => projects::ua_get(ctx, id(i)?, id(a)?),
        ("PATCH", ["projects", i, "user_assignments", a]) => projects::ua_update(ctx, id(i)?, id(a)?),
        ("DELETE", ["projects", i, "user_assignments", a]) => projects::ua_delete(ctx, id(i)?, id(a)?),
        ("GET", ["task_assignments"]) => projects::ta_list(ctx, None),
        ("GET", ["user_assignments"]) => projects::ua_list(ctx, None),

        ("GET", ["time_entries"]) => time::list(ctx),
        ("POST", ["time_entries"]) => time::create(ctx),
        ("GET", ["time_entries", i]) => time::get(ctx, id(i)?),
        ("PATCH", ["time_entries", i]) => time::update(ctx, id(i)?),
        ("DELETE", ["time_entries", i]) => time::delete(ctx, id(i)?),
        ("PATCH", ["time_entries", i, "restart"]) => time::restart(ctx, id(i)?),
        ("PATCH", ["time_entries", i, "stop"]) => time::stop(ctx, id(i)?),
        ("DELETE", ["time_entries", i, "external_reference"]) => time::delete_external_reference(ctx, id(i)?),

        ("GET", ["expenses"]) => time::expenses_list(ctx),
        ("POST", ["expenses"]) => time::expenses_create(ctx),
        ("GET", ["expenses", i]) => time::expenses_get(ctx, id(i)?),
        ("PATCH", ["expenses", i]) => time::expenses_update(ctx, id(i)?),
        ("DELETE", ["expenses", i]) => time::expenses_delete(ctx, id(i)?),

        ("GET", ["invoices"]) => invoices::list(ctx),
        ("POST", ["invoices"]) => invoices::create(ctx),
        ("GET", ["invoices", i]) => invoices::get(ctx, id(i)?),
        ("PATCH", ["invoices", i]) => invoices::update(ctx, id(i)?),
        ("DELETE", ["invoices", i]) => invoices::delete(ctx, id(i)?),
        ("GET", ["invoices", i, "messages"]) => invoices::messages_list(ctx, invoices::Doc::Invoice, id(i)?),
        ("POST", ["invoices", i, "messages"]) => invoices::messages_create(ctx, invoices::Doc::Invoice, id(i)?),
        ("GET", ["invoices", i, "messages", "new"]) => invoices::message_template(ctx, id(i)?),
        ("DELETE", ["invoices", i, "messages", m]) => {
            invoices::messages_delete(ctx, invoices::Doc::Invoice, id(i)?, id(m)?)
        }
        ("GET", ["invoices", i, "payments"]) => invoices::payments_list(ctx, id(i)?),
        ("POST", ["invoices", i, "payments"]) => invoices::payments_create(ctx, id(i)?),
        ("DELETE", ["invoices", i, "payments", m]) => invoices::payments_delete(ctx, id(i)?, id(m)?),

        ("GET", ["estimates"]) => invoices::estimates_list(ctx),
        ("POST", ["estimates"]) => invoices::estimates_create(ctx),
        ("GET", ["estimates", i]) => invoices::estimates_get(ctx, id(i)?),
        ("PATCH", ["estimates", i]) => invoices::estimates_update(ctx, id(i)?),
        ("DELETE", ["estimates", i]) => invoices::estimates_delete(ctx, id(i)?),
        ("GET", ["estimates", i, "messages"]) => invoices::messages_list(ctx, invoices::Doc::Estimate, id(i)?),
        ("POST", ["estimates", i, "messages"]) => invoices::messages_create(ctx, invoices::Doc::Estimate, id(i)?),
        ("DELETE", ["estimates", i, "messages", m]) => {
            invoices::messages_delete(ctx, invoices::Doc::Estimate, id(i)?, id(m)?)
        }

        ("GET", ["reports", "time", kind @ ("clients" | "projects" | "tasks" | "team")]) => reports::time(ctx, kind),
        ("GET", ["reports", "expenses", kind @ ("clients" | "projects" | "categories" | "team")]) => {
            reports::expenses(ctx, kind)
        }
        ("GET", ["reports", "uninvoiced"]) => reports::uninvoiced(ctx),
        ("GET", ["reports", "project_budget"]) => reports::project_budget(ctx),

        _ => Err(ApiError::NoRoute),
    }
}

// ---------- small shared lookups ----------

pub fn name_ref(conn: &Connection, table: &str, id: Option<i64>) -> ApiResult<Value> {
    let Some(id) = id else { return Ok(Value::Null) };
    let sql = match table {
        "users" => "SELECT first_name || ' ' || last_name FROM users WHERE id = ?1",
        "clients" => "SELECT name FROM clients WHERE id = ?1",
        "tasks" => "SELECT name FROM tasks WHERE id = ?1",
        _ => return Err(ApiError::Internal(format!("no name ref for {table}"))),
    };
    let name: Option<String> = conn.prepare_cached(sql)?.query_row([id], |r| r.get(0)).ok();
    Ok(match name {
        Some(n) => json!({"id": id, "name": n}),
        None => Value::Null,
    })
}

pub fn client_ref_currency(conn: &Connection, id: i64) -> ApiResult<Value> {
    let r = conn
        .prepare_cached("SELECT name, currency FROM clients WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?)))
        .ok();
    Ok(match r {
        Some((n, c)) => json!({"id": id, "name": n, "currency": c}),
        None => Value::Null,
    })
}

pub fn project_ref(conn: &Connection, id: Option<i64>) -> ApiResult<Value> {
    let Some(id) = id else { return Ok(Value::Null) };
    let r = conn
        .prepare_cached("SELECT name, code FROM projects WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?)))
        .ok();
    Ok(match r {
        Some((n, c)) => json!({"id": id, "name": n, "code": c}),
        None => Value::Null,
    })
}

pub fn user_name(conn: &Connection, id: i64) -> ApiResult<(String, String)> {
    Ok(conn
        .prepare_cached("SELECT first_name || ' ' || last_name, email FROM users WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap_or_default())
}

/// Projects the user can see (member: the ones they are assigned to).
pub fn visible_project(ctx: &Ctx, project_id: i64) -> ApiResult<bool> {
    if ctx.user.is_admin {
        return Ok(true);
    }
    Ok(ctx
        .conn
        .prepare_cached("SELECT 1 FROM user_assignments WHERE project_id = ?1 AND user_id = ?2")?
        .exists([project_id, ctx.user.id])?)
}
