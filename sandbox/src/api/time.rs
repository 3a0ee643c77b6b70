//! Time entries (duration and start/end modes, timers, external references) and expenses.

use super::*;
use crate::dec::Dec;
use crate::params::{Field, Params};
use chrono::Timelike;
use serde::Serialize;

pub const TE_SELECT: &str = "t.id, t.spent_date, t.user_id, u.first_name || ' ' || u.last_name,
 p.client_id, c.name, t.project_id, p.name, t.task_id, k.name,
 ua.id, ua.is_project_manager, ua.is_active, ua.budget, ua.created_at, ua.updated_at, ua.hourly_rate,
 ta.id, ta.billable, ta.is_active, ta.created_at, ta.updated_at, ta.hourly_rate, ta.budget,
 t.hours, t.notes, t.created_at, t.updated_at, t.is_closed, t.is_billed, t.invoice_id, i.number,
 t.timer_started_at, t.started_time, t.ended_time, t.is_running, t.billable, t.budgeted, t.billable_rate, t.cost_rate,
 t.ext_id, t.ext_group_id, t.ext_account_id, t.ext_permalink, t.ext_service, t.ext_service_icon_url,
 p.is_active, k.is_active";

pub const TE_FROM: &str = "FROM time_entries t
 LEFT JOIN users u ON u.id = t.user_id
 LEFT JOIN projects p ON p.id = t.project_id
 LEFT JOIN clients c ON c.id = p.client_id
 LEFT JOIN tasks k ON k.id = t.task_id
 LEFT JOIN user_assignments ua ON ua.project_id = t.project_id AND ua.user_id = t.user_id
 LEFT JOIN task_assignments ta ON ta.project_id = t.project_id AND ta.task_id = t.task_id
 LEFT JOIN invoices i ON i.id = t.invoice_id";

fn dec_opt(v: Option<i64>) -> Value {
    v.map(|x| Dec(x).to_json()).unwrap_or(Value::Null)
}

pub fn fmt_clock(min: i64, twelve: bool) -> String {
    let (h, m) = (min / 60 % 24, min % 60);
    if twelve {
        let (hh, ap) = match h {
            0 => (12, "am"),
            1..=11 => (h, "am"),
            12 => (12, "pm"),
            _ => (h - 12, "pm"),
        };
        format!("{hh}:{m:02}{ap}")
    } else {
        format!("{h:02}:{m:02}")
    }
}

/// Parses "8:00am", "8am", "8:00 PM", "14:30", "0830" into minutes after midnight.
pub fn parse_clock(s: &str) -> Option<i64> {
    let s = s.trim().to_ascii_lowercase().replace(' ', "");
    let (body, ap) = if let Some(b) = s.strip_suffix("am") {
        (b.to_string(), Some(false))
    } else if let Some(b) = s.strip_suffix("pm") {
        (b.to_string(), Some(true))
    } else {
        (s.clone(), None)
    };
    let (h, m) = if let Some((h, m)) = body.split_once(':') {
        (h.parse::<i64>().ok()?, m.parse::<i64>().ok()?)
    } else if body.len() == 4 && ap.is_none() {
        (body[..2].parse().ok()?, body[2..].parse().ok()?)
    } else {
        (body.parse::<i64>().ok()?, 0)
    };
    if !(0..60).contains(&m) {
        return None;
    }
    let h = match ap {
        Some(pm) => {
            if !(1..=12).contains(&h) {
                return None;
            }
            (h % 12) + if pm { 12 } else { 0 }
        }
        None => {
            if !(0..=23).contains(&h) {
                return None;
            }
            h
        }
    };
    Some(h * 60 + m)
}

pub fn clock_is_12h(conn: &Connection) -> ApiResult<bool> {
    let c: String = conn.prepare_cached("SELECT clock FROM company WHERE id = 1")?.query_row([], |r| r.get(0))?;
    Ok(c != "24h")
}

fn timestamp_mode(conn: &Connection) -> ApiResult<bool> {
    Ok(conn.prepare_cached("SELECT wants_timestamp_timers FROM company WHERE id = 1")?.query_row([], |r| r.get(0))?)
}

fn running_hours(base: Dec, started: Option<&str>, now: &DateTime<Utc>) -> Dec {
    let Some(s) = started else { return base };
    let Ok(t) = DateTime::parse_from_rfc3339(s) else { return base };
    let secs = (*now - t.with_timezone(&Utc)).num_seconds().max(0);
    // hours with 2 decimals, like Harvest's timers
    base + Dec((secs as i128 * crate::dec::SCALE as i128 / 3600) as i64).round(2)
}

#[derive(Serialize)]
struct IdName<'a> {
    id: Option<i64>,
    name: Option<&'a str>,
}

#[derive(Serialize)]
struct UaOut<'a> {
    id: i64,
    is_project_manager: bool,
    is_active: bool,
    budget: Option<f64>,
    created_at: Option<&'a str>,
    updated_at: Option<&'a str>,
    hourly_rate: Option<f64>,
}

#[derive(Serialize)]
struct TaOut<'a> {
    id: i64,
    billable: bool,
    is_active: bool,
    created_at: Option<&'a str>,
    updated_at: Option<&'a str>,
    hourly_rate: Option<f64>,
    budget: Option<f64>,
}

#[derive(Serialize)]
struct InvRef<'a> {
    id: i64,
    number: Option<&'a str>,
}

#[derive(Serialize)]
struct ExtRef<'a> {
    id: &'a str,
    group_id: Option<&'a str>,
    account_id: Option<&'a str>,
    permalink: Option<&'a str>,
    service: Option<&'a str>,
    service_icon_url: Option<&'a str>,
}

#[derive(Serialize)]
struct TeOut<'a> {
    id: i64,
    spent_date: Option<&'a str>,
    user: IdName<'a>,
    client: IdName<'a>,
    project: IdName<'a>,
    task: IdName<'a>,
    user_assignment: Option<UaOut<'a>>,
    task_assignment: Option<TaOut<'a>>,
    hours: f64,
    hours_without_timer: f64,
    rounded_hours: f64,
    notes: Option<&'a str>,
    created_at: Option<&'a str>,
    updated_at: Option<&'a str>,
    is_locked: bool,
    locked_reason: Option<&'static str>,
    is_closed: bool,
    is_billed: bool,
    timer_started_at: Option<&'a str>,
    started_time: Option<String>,
    ended_time: Option<String>,
    is_running: bool,
    invoice: Option<InvRef<'a>>,
    external_reference: Option<ExtRef<'a>>,
    billable: bool,
    budgeted: bool,
    billable_rate: Option<f64>,
    cost_rate: Option<f64>,
}

/// Serialises the time entry of a `TE_SELECT` row into `out`.
pub fn te_write(ctx: &Ctx, r: &Row, twelve: bool, out: &mut Vec<u8>) -> ApiResult<()> {
    let g = |i: usize| -> rusqlite::Result<Option<i64>> { r.get(i) };
    let gs = |i: usize| -> rusqlite::Result<Option<&str>> { Ok(r.get_ref(i)?.as_str_or_null()?) };
    let gb = |i: usize| -> rusqlite::Result<bool> { Ok(r.get::<_, Option<i64>>(i)?.unwrap_or(0) != 0) };
    let gd = |i: usize| -> rusqlite::Result<Option<f64>> { Ok(g(i)?.map(|x| Dec(x).to_f64())) };
    let is_running = gb(35)?;
    let stored = Dec(g(24)?.unwrap_or(0));
    let timer_started_at = gs(32)?;
    let hours = if is_running { running_hours(stored, timer_started_at, &ctx.now) } else { stored };
    let is_closed = gb(28)?;
    let is_billed = gb(29)?;
    let archived = !gb(46)? || !gb(47)?;
    let locked_reason = if is_billed && is_closed {
        Some("Item Invoiced and Approved and Locked for this Time Period")
    } else if is_billed {
        Some("Item Invoiced and Locked for this Time Period")
    } else if is_closed {
        Some("Item Approved and Locked for this Time Period")
    } else if archived {
        Some("Item is on an archived project or task")
    } else {
        None
    };
    let billable = gb(36)?;
    let te = TeOut {
        id: r.get(0)?,
        spent_date: gs(1)?,
        user: IdName { id: g(2)?, name: gs(3)? },
        client: IdName { id: g(4)?, name: gs(5)? },
        project: IdName { id: g(6)?, name: gs(7)? },
        task: IdName { id: g(8)?, name: gs(9)? },
        user_assignment: match g(10)? {
            Some(id) => Some(UaOut {
                id,
                is_project_manager: gb(11)?,
                is_active: gb(12)?,
                budget: gd(13)?,
                created_at: gs(14)?,
                updated_at: gs(15)?,
                hourly_rate: gd(16)?,
            }),
            None => None,
        },
        task_assignment: match g(17)? {
            Some(id) => Some(TaOut {
                id,
                billable: gb(18)?,
                is_active: gb(19)?,
                created_at: gs(20)?,
                updated_at: gs(21)?,
                hourly_rate: gd(22)?,
                budget: gd(23)?,
            }),
            None => None,
        },
        hours: hours.to_f64(),
        hours_without_timer: stored.to_f64(),
        rounded_hours: hours.to_f64(),
        notes: gs(25)?,
        created_at: gs(26)?,
        updated_at: gs(27)?,
        is_locked: locked_reason.is_some(),
        locked_reason,
        is_closed,
        is_billed,
        timer_started_at: if is_running { timer_started_at } else { None },
        started_time: g(33)?.map(|m| fmt_clock(m, twelve)),
        ended_time: g(34)?.map(|m| fmt_clock(m, twelve)),
        is_running,
        invoice: match g(30)? {
            Some(id) => Some(InvRef { id, number: gs(31)? }),
            None => None,
        },
        external_reference: match gs(40)? {
            Some(id) => Some(ExtRef {
                id,
                group_id: gs(41)?,
                account_id: gs(42)?,
                permalink: gs(43)?,
                service: gs(44)?,
                service_icon_url: gs(45)?,
            }),
            None => None,
        },
        billable,
        budgeted: gb(37)?,
        billable_rate: if billable { gd(38)? } else { None },
        cost_rate: gd(39)?,
    };
    serde_json::to_writer(out, &te).map_err(|e| ApiError::Internal(e.to_string()))
}

/// The serialised time entry.
pub fn te_bytes(ctx: &Ctx, id: i64) -> ApiResult<Vec<u8>> {
    let sql = format!("SELECT {TE_SELECT} {TE_FROM} WHERE t.id = ?1");
    let twelve = clock_is_12h(ctx.conn)?;
    let mut stmt = ctx.conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => {
            let mut out = Vec::with_capacity(1200);
            te_write(ctx, r, twelve, &mut out)?;
            Ok(out)
        }
        None => Err(ApiError::NotFound),
    }
}

fn te_resp(ctx: &Ctx, id: i64, status: u16) -> ApiResult<Resp> {
    let raw = te_bytes(ctx, id)?;
    let location = (status == 201).then(|| ctx.location(&format!("time_entries/{id}")));
    Ok(Resp { status, body: Value::Null, raw: Some(raw), location })
}

struct Te {
    user_id: i64,
    project_id: i64,
    task_id: i64,
    is_billed: bool,
    is_closed: bool,
    is_running: bool,
    hours: Dec,
    timer_started_at: Option<String>,
    started_time: Option<i64>,
    ended_time: Option<i64>,
}

fn te_load(ctx: &Ctx, id: i64) -> ApiResult<Te> {
    let te = ctx
        .conn
        .prepare_cached(
            "SELECT user_id, project_id, task_id, is_billed, is_closed, is_running, hours, timer_started_at,
             started_time, ended_time FROM time_entries WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(Te {
                user_id: r.get(0)?,
                project_id: r.get(1)?,
                task_id: r.get(2)?,
                is_billed: r.get(3)?,
                is_closed: r.get(4)?,
                is_running: r.get(5)?,
                hours: Dec(r.get(6)?),
                timer_started_at: r.get(7)?,
                started_time: r.get(8)?,
                ended_time: r.get(9)?,
            })
        });
    let te = match te {
        Ok(t) => t,
        Err(rusqlite::Error::QueryReturnedNoRows) => return Err(ApiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    if !ctx.user.is_admin && te.user_id != ctx.user.id {
        return Err(ApiError::NotFound);
    }
    Ok(te)
}

fn check_writable(te: &Te) -> ApiResult<()> {
    if te.is_billed {
        return unprocessable("This time entry has been invoiced and is locked. It can't be changed or deleted.");
    }
    if te.is_closed {
        return unprocessable("This time entry has been approved and is locked. It can't be changed or deleted.");
    }
    Ok(())
}

/// Rates and flags that follow from the project, task assignment and user.
struct Derived {
    billable: bool,
    billable_rate: Option<i64>,
    cost_rate: Option<i64>,
    budgeted: bool,
}

fn check_assignment(ctx: &Ctx, user_id: i64, project_id: i64, task_id: i64) -> ApiResult<Derived> {
    let user = ctx
        .conn
        .prepare_cached("SELECT is_active, default_hourly_rate, cost_rate FROM users WHERE id = ?1")?
        .query_row([user_id], |r| Ok((r.get::<_, bool>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, Option<i64>>(2)?)))
        .map_err(|_| ApiError::Unprocessable("User can't be blank".into()))?;
    if !user.0 {
        return unprocessable("User is archived and can't track time");
    }
    let project = ctx
        .conn
        .prepare_cached("SELECT is_active, is_billable, bill_by, hourly_rate, budget_by FROM projects WHERE id = ?1")?
        .query_row([project_id], |r| {
            Ok((
                r.get::<_, bool>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .map_err(|_| ApiError::Unprocessable("Project can't be blank".into()))?;
    if !project.0 {
        return unprocessable("Project is archived");
    }
    let ta = ctx
        .conn
        .prepare_cached("SELECT billable, hourly_rate FROM task_assignments WHERE project_id = ?1 AND task_id = ?2 AND is_active = 1")?
        .query_row([project_id, task_id], |r| Ok((r.get::<_, bool>(0)?, r.get::<_, Option<i64>>(1)?)))
        .map_err(|_| ApiError::Unprocessable("Task must be assigned to the project".into()))?;
    let ua = ctx
        .conn
        .prepare_cached("SELECT use_default_rates, hourly_rate FROM user_assignments WHERE project_id = ?1 AND user_id = ?2 AND is_active = 1")?
        .query_row([project_id, user_id], |r| Ok((r.get::<_, bool>(0)?, r.get::<_, Option<i64>>(1)?)))
        .map_err(|_| ApiError::Unprocessable("User must be assigned to the project".into()))?;
    let billable = project.1 && ta.0 && project.2 != "none";
    let billable_rate = match project.2.as_str() {
        "Project" => project.3,
        "Tasks" => ta.1,
        "People" => {
            if ua.0 {
                user.1
            } else {
                ua.1
            }
        }
        _ => None,
    };
    Ok(Derived { billable, billable_rate, cost_rate: user.2, budgeted: project.4 != "none" })
}

fn now_minutes(ctx: &Ctx) -> i64 {
    (ctx.now.hour() * 60 + ctx.now.minute()) as i64
}

fn ext_ref_sql(p: &Params) -> ApiResult<Option<[Sql; 6]>> {
    let Some(er) = p.obj("external_reference").p()? else { return Ok(None) };
    let s = |k: &str| -> ApiResult<Sql> { Ok(Sql::from(er.str(k).p()?)) };
    let id = er.str("id").p()?;
    if id.as_deref().map(str::is_empty).unwrap_or(true) {
        return unprocessable("External reference id can't be blank");
    }
    let permalink = er.str("permalink").p()?;
    let service = permalink
        .as_deref()
        .and_then(|l| l.split("://").nth(1))
        .and_then(|rest| rest.split('/').next())
        .filter(|h| !h.is_empty())
        .map(|h| h.to_string());
    let icon = service.as_ref().map(|h| format!("https://{h}/favicon.ico"));
    Ok(Some([Sql::from(id), s("group_id")?, s("account_id")?, Sql::from(permalink), Sql::from(service), Sql::from(icon)]))
}

fn stop_running_of(ctx: &Ctx, user_id: i64, except: i64) -> ApiResult<()> {
    let mut stmt = ctx.conn.prepare_cached(
        "SELECT id, hours, timer_started_at, started_time FROM time_entries WHERE user_id = ?1 AND is_running = 1 AND id != ?2",
    )?;
    let rows: Vec<(i64, i64, Option<String>, Option<i64>)> = stmt
        .query_map([user_id, except], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    for (id, h, started, st) in rows {
        let hours = running_hours(Dec(h), started.as_deref(), &ctx.now);
        let ended = st.map(|_| now_minutes(ctx));
        ctx.conn.execute(
            "UPDATE time_entries SET is_running = 0, timer_started_at = NULL, hours = ?1, ended_time = ?2, updated_at = ?3 WHERE id = ?4",
            rusqlite::params![hours.0, ended, ctx.now_s, id],
        )?;
    }
    Ok(())
}

fn hours_param(p: &Params) -> ApiResult<Field<Dec>> {
    let f = p.dec_field("hours").p()?;
    if let Field::Val(h) = &f {
        if h.0 < 0 {
            return unprocessable("Hours must be greater than or equal to 0");
        }
        if h.0 > 10_000 * crate::dec::SCALE {
            return unprocessable("Hours is too large");
        }
    }
    Ok(match f {
        Field::Val(h) => Field::Val(h.round(2)),
        o => o,
    })
}

fn clock_param(p: &Params, k: &str) -> ApiResult<Field<i64>> {
    Ok(match p.str_field(k).p()? {
        Field::Val(s) if s.trim().is_empty() => Field::Null,
        Field::Val(s) => Field::Val(
            parse_clock(&s).ok_or_else(|| ApiError::Unprocessable(format!("{} is invalid", crate::params::humanize(k))))?,
        ),
        Field::Null => Field::Null,
        Field::Absent => Field::Absent,
    })
}

fn span_hours(start: i64, end: i64) -> ApiResult<Dec> {
    if end < start {
        return unprocessable("Ended time must be after the started time");
    }
    Ok(Dec(((end - start) as i128 * crate::dec::SCALE as i128 / 60) as i64).round(2))
}

pub fn create(ctx: &Ctx) -> ApiResult<Resp> {
    let p = &ctx.p;
    let mut msgs = vec![];
    let project_id = p.int("project_id").p()?;
    let task_id = p.int("task_id").p()?;
    if project_id.is_none() {
        msgs.push("Project can't be blank".to_string());
    }
    if task_id.is_none() {
        msgs.push("Task can't be blank".to_string());
    }
    let spent_date = match p.date_field("spent_date") {
        Ok(Field::Val(d)) => Some(d),
        Ok(_) => {
            msgs.push("Spent date can't be blank".into());
            None
        }
        Err(m) => {
            msgs.push(m);
            None
        }
    };
    if !msgs.is_empty() {
        return unprocessable(msgs.join(", "));
    }
    let (project_id, task_id, spent_date) = (project_id.unwrap_or(0), task_id.unwrap_or(0), spent_date.unwrap_or(ctx.today));
    let user_id = p.int("user_id").p()?.unwrap_or(ctx.user.id);
    if user_id != ctx.user.id {
        ctx.admin()?;
    }
    let d = check_assignment(ctx, user_id, project_id, task_id)?;
    let hours = hours_param(p)?;
    let started = clock_param(p, "started_time")?;
    let ended = clock_param(p, "ended_time")?;
    let ts_mode = timestamp_mode(ctx.conn)?;
    // decide the mode: explicit hours → duration; start+end → stopped; otherwise a running timer
    let (hours, is_running, started_time, ended_time) = match (hours, started.val(), ended.val()) {
        (Field::Val(h), s, e) => (h, false, s, e),
        (_, Some(s), Some(e)) => (span_hours(s, e)?, false, Some(s), Some(e)),
        (_, s, None) => (Dec::ZERO, true, s.or(if ts_mode { Some(now_minutes(ctx)) } else { None }), None),
        (_, None, Some(_)) => return unprocessable("Started time can't be blank"),
    };
    let ext = ext_ref_sql(p)?;
    let notes = p.str("notes").p()?;
    let ext = ext.unwrap_or_else(|| std::array::from_fn(|_| Sql::Null));
    ctx.conn.prepare_cached(
        "INSERT INTO time_entries(spent_date, user_id, project_id, task_id, hours, notes, timer_started_at, started_time,
         ended_time, is_running, billable, budgeted, billable_rate, cost_rate, ext_id, ext_group_id, ext_account_id,
         ext_permalink, ext_service, ext_service_icon_url, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?21)",
    )?
    .execute(rusqlite::params![
        spent_date.to_string(),
        user_id,
        project_id,
        task_id,
        hours.0,
        notes,
        if is_running { Some(ctx.now_s.clone()) } else { None },
        started_time,
        ended_time,
        is_running,
        d.billable,
        d.budgeted,
        d.billable_rate,
        d.cost_rate,
        ext[0],
        ext[1],
        ext[2],
        ext[3],
        ext[4],
        ext[5],
        ctx.now_s,
    ])?;
    let id = ctx.conn.last_insert_rowid();
    if is_running {
        stop_running_of(ctx, user_id, id)?;
    }
    te_resp(ctx, id, 201)
}

pub fn get(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    te_load(ctx, id)?;
    te_resp(ctx, id, 200)
}

pub fn update(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    let te = te_load(ctx, id)?;
    check_writable(&te)?;
    let p = &ctx.p;
    let mut sets: Vec<(&str, Sql)> = vec![];
    let project_id = p.int("project_id").p()?.unwrap_or(te.project_id);
    let task_id = p.int("task_id").p()?.unwrap_or(te.task_id);
    let user_id = match p.int("user_id").p()? {
        Some(u) if u != te.user_id => {
            ctx.admin()?;
            u
        }
        _ => te.user_id,
    };
    if project_id != te.project_id || task_id != te.task_id || user_id != te.user_id {
        let d = check_assignment(ctx, user_id, project_id, task_id)?;
        sets.push(("project_id", Sql::Integer(project_id)));
        sets.push(("task_id", Sql::Integer(task_id)));
        sets.push(("user_id", Sql::Integer(user_id)));
        sets.push(("billable", Sql::Integer(d.billable as i64)));
        sets.push(("budgeted", Sql::Integer(d.budgeted as i64)));
        sets.push(("billable_rate", Sql::from(d.billable_rate)));
        sets.push(("cost_rate", Sql::from(d.cost_rate)));
    }
    match p.date_field("spent_date").p()? {
        Field::Val(d) => sets.push(("spent_date", Sql::Text(d.to_string()))),
        Field::Null => return unprocessable("Spent date can't be blank"),
        Field::Absent => {}
    }
    match p.str_field("notes").p()? {
        Field::Val(n) => sets.push(("notes", Sql::Text(n))),
        Field::Null => sets.push(("notes", Sql::Null)),
        Field::Absent => {}
    }
    let started = clock_param(p, "started_time")?;
    let ended = clock_param(p, "ended_time")?;
    let hours = hours_param(p)?;
    let new_start = match &started {
        Field::Val(v) => Some(*v),
        Field::Null => None,
        Field::Absent => te.started_time,
    };
    let new_end = match &ended {
        Field::Val(v) => Some(*v),
        Field::Null => None,
        Field::Absent => te.ended_time,
    };
    if !started.is_absent() {
        sets.push(("started_time", Sql::from(new_start)));
    }
    if !ended.is_absent() {
        sets.push(("ended_time", Sql::from(new_end)));
    }
    match hours {
        Field::Val(h) => {
            sets.push(("hours", Sql::Integer(h.0)));
            if te.is_running {
                // the new value becomes the base of the running timer
                sets.push(("timer_started_at", Sql::Text(ctx.now_s.clone())));
            }
        }
        Field::Null => return unprocessable("Hours is not a number"),
        Field::Absent => {
            if (!started.is_absent() || !ended.is_absent()) && !te.is_running {
                if let (Some(s), Some(e)) = (new_start, new_end) {
                    sets.push(("hours", Sql::Integer(span_hours(s, e)?.0)));
                }
            }
        }
    }
    if p.has("external_reference") {
        match ext_ref_sql(p)? {
            Some(ext) => {
                for (k, v) in ["ext_id", "ext_group_id", "ext_account_id", "ext_permalink", "ext_service", "ext_service_icon_url"]
                    .into_iter()
                    .zip(ext)
                {
                    sets.push((k, v));
                }
            }
            None => {
                for k in ["ext_id", "ext_group_id", "ext_account_id", "ext_permalink", "ext_service", "ext_service_icon_url"] {
                    sets.push((k, Sql::Null));
                }
            }
        }
    }
    sets.push(("updated_at", Sql::Text(ctx.now_s.clone())));
    let sql = format!(
        "UPDATE time_entries SET {} WHERE id = ?{}",
        sets.iter().enumerate().map(|(i, (k, _))| format!("{k} = ?{}", i + 1)).collect::<Vec<_>>().join(", "),
        sets.len() + 1
    );
    let mut vals: Vec<Sql> = sets.into_iter().map(|x| x.1).collect();
    vals.push(Sql::Integer(id));
    ctx.conn.execute(&sql, rusqlite::params_from_iter(vals))?;
    te_resp(ctx, id, 200)
}

pub fn delete(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    let te = te_load(ctx, id)?;
    if te.is_billed {
        return unprocessable("This time entry has been invoiced and is locked. It can't be changed or deleted.");
    }
    if te.is_closed && !ctx.user.is_admin {
        return unprocessable("This time entry has been approved and is locked. It can't be changed or deleted.");
    }
    ctx.conn.execute("DELETE FROM time_entries WHERE id = ?1", [id])?;
    Resp::ok(Value::Null)
}

pub fn stop(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    let te = te_load(ctx, id)?;
    check_writable(&te)?;
    if !te.is_running {
        return unprocessable("This time entry is not running");
    }
    let hours = running_hours(te.hours, te.timer_started_at.as_deref(), &ctx.now);
    let ended = if te.started_time.is_some() { Some(now_minutes(ctx).max(te.started_time.unwrap_or(0))) } else { None };
    ctx.conn.execute(
        "UPDATE time_entries SET is_running = 0, timer_started_at = NULL, hours = ?1, ended_time = ?2, updated_at = ?3 WHERE id = ?4",
        rusqlite::params![hours.0, ended, ctx.now_s, id],
    )?;
    te_resp(ctx, id, 200)
}

pub fn restart(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    let te = te_load(ctx, id)?;
    check_writable(&te)?;
    if te.is_running {
        return unprocessable("This time entry is already running");
    }
    if timestamp_mode(ctx.conn)? {
        // start/end-time accounts: restarting starts a new entry (as Harvest's own example shows)
        ctx.conn.execute(
            "INSERT INTO time_entries(spent_date, user_id, project_id, task_id, hours, notes, timer_started_at, started_time,
             ended_time, is_running, billable, budgeted, billable_rate, cost_rate, created_at, updated_at)
             SELECT spent_date, user_id, project_id, task_id, 0, notes, ?1, ?2, NULL, 1, billable, budgeted, billable_rate,
             cost_rate, ?1, ?1 FROM time_entries WHERE id = ?3",
            rusqlite::params![ctx.now_s, now_minutes(ctx), id],
        )?;
        let new_id = ctx.conn.last_insert_rowid();
        stop_running_of(ctx, te.user_id, new_id)?;
        return te_resp(ctx, new_id, 200);
    }
    ctx.conn.execute(
        "UPDATE time_entries SET is_running = 1, timer_started_at = ?1, ended_time = NULL, updated_at = ?1 WHERE id = ?2",
        rusqlite::params![ctx.now_s, id],
    )?;
    stop_running_of(ctx, te.user_id, id)?;
    te_resp(ctx, id, 200)
}

pub fn delete_external_reference(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    let te = te_load(ctx, id)?;
    check_writable(&te)?;
    ctx.conn.execute(
        "UPDATE time_entries SET ext_id = NULL, ext_group_id = NULL, ext_account_id = NULL, ext_permalink = NULL,
         ext_service = NULL, ext_service_icon_url = NULL, updated_at = ?1 WHERE id = ?2",
        rusqlite::params![ctx.now_s, id],
    )?;
    Resp::ok(Value::Null)
}

fn approval_filter(ctx: &Ctx, f: &mut Filter, alias: &str) -> ApiResult<()> {
    match ctx.p.get("approval_status").and_then(|v| v.as_str()) {
        None => {}
        Some("approved") => f.raw(&format!("{alias}.is_closed = 1")),
        Some("unapproved") | Some("submitted") => f.raw(&format!("{alias}.is_closed = 0")),
        Some(_) => return unprocessable("Invalid approval_status parameter"),
    }
    Ok(())
}

pub fn list(ctx: &Ctx) -> ApiResult<Resp> {
    let mut f = Filter::default();
    if !ctx.user.is_admin {
        f.add("t.user_id = ?", ctx.user.id);
    }
    if let Some(u) = ctx.q_int("user_id")? {
        f.add("t.user_id = ?", u);
    }
    if let Some(c) = ctx.q_int("client_id")? {
        f.add("t.project_id IN (SELECT id FROM projects WHERE client_id = ?)", c);
    }
    if let Some(p) = ctx.q_int("project_id")? {
        f.add("t.project_id = ?", p);
    }
    if let Some(t) = ctx.q_int("task_id")? {
        f.add("t.task_id = ?", t);
    }
    if let Some(e) = ctx.p.get("external_reference_id") {
        let e = match e {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => return unprocessable("Invalid external_reference_id parameter"),
        };
        f.add("t.ext_id = ?", e);
    }
    if let Some(b) = ctx.q_bool("is_billed")? {
        f.add("t.is_billed = ?", b as i64);
    }
    if let Some(b) = ctx.q_bool("is_running")? {
        f.add("t.is_running = ?", b as i64);
    }
    approval_filter(ctx, &mut f, "t")?;
    if let Some(t) = ctx.q_updated_since()? {
        f.add("t.updated_at >= ?", t);
    }
    if let Some(d) = ctx.q_date("from")? {
        f.add("t.spent_date >= ?", d.to_string());
    }
    if let Some(d) = ctx.q_date("to")? {
        f.add("t.spent_date <= ?", d.to_string());
    }
    let twelve = clock_is_12h(ctx.conn)?;
    super::list_raw(
        ctx,
        ListSpec {
            key: "time_entries",
            from: TE_FROM,
            count_from: Some("FROM time_entries t"),
            select: TE_SELECT,
            filter: f,
            order: "t.spent_date DESC, t.id DESC",
            id_col: "t.id",
            cursor: false,
            default_per_page: 2000,
        },
        |r, out| te_write(ctx, r, twelve, out),
    )
}

// ---------- expenses ----------

const EX_SELECT: &str = "e.id, e.notes, e.total_cost, e.units, e.is_closed, e.is_billed, e.spent_date, e.created_at,
 e.updated_at, e.billable, e.receipt_file_name, e.receipt_file_size, e.receipt_content_type,
 e.user_id, u.first_name || ' ' || u.last_name,
 ua.id, ua.is_project_manager, ua.is_active, ua.budget, ua.created_at, ua.updated_at, ua.hourly_rate,
 e.project_id, p.name, p.code, e.expense_category_id, ec.name, ec.unit_price, ec.unit_name,
 p.client_id, c.name, c.currency, e.invoice_id, i.number";

const EX_FROM: &str = "FROM expenses e
 LEFT JOIN users u ON u.id = e.user_id
 LEFT JOIN projects p ON p.id = e.project_id
 LEFT JOIN clients c ON c.id = p.client_id
 LEFT JOIN expense_categories ec ON ec.id = e.expense_category_id
 LEFT JOIN user_assignments ua ON ua.project_id = e.project_id AND ua.user_id = e.user_id
 LEFT JOIN invoices i ON i.id = e.invoice_id";

fn ex_render(ctx: &Ctx, r: &Row) -> ApiResult<Value> {
    let g = |i: usize| -> rusqlite::Result<Option<i64>> { r.get(i) };
    let gs = |i: usize| -> rusqlite::Result<Option<String>> { r.get(i) };
    let gb = |i: usize| -> rusqlite::Result<bool> { Ok(r.get::<_, Option<i64>>(i)?.unwrap_or(0) != 0) };
    let id: i64 = r.get(0)?;
    let is_billed = gb(5)?;
    let is_closed = gb(4)?;
    let locked_reason = if is_billed {
        json!("Expense is invoiced.")
    } else if is_closed {
        json!("Expense is approved.")
    } else {
        Value::Null
    };
    let receipt = match gs(10)? {
        Some(name) => json!({
            "url": format!("{}/expenses/{id}/receipt", company_base_uri(ctx)?),
            "file_name": name, "file_size": g(11)?, "content_type": gs(12)?,
        }),
        None => Value::Null,
    };
    let user_assignment = match g(15)? {
        Some(uaid) => json!({
            "id": uaid, "is_project_manager": gb(16)?, "is_active": gb(17)?, "budget": dec_opt(g(18)?),
            "created_at": gs(19)?, "updated_at": gs(20)?, "hourly_rate": dec_opt(g(21)?),
        }),
        None => Value::Null,
    };
    Ok(json!({
        "id": id,
        "notes": gs(1)?,
        "total_cost": dec_opt(g(2)?),
        "units": dec_opt(g(3)?),
        "is_closed": is_closed,
        "is_locked": locked_reason.is_string(),
        "is_billed": is_billed,
        "locked_reason": locked_reason,
        "spent_date": gs(6)?,
        "created_at": gs(7)?,
        "updated_at": gs(8)?,
        "billable": gb(9)?,
        "receipt": receipt,
        "user": {"id": g(13)?, "name": gs(14)?},
        "user_assignment": user_assignment,
        "project": {"id": g(22)?, "name": gs(23)?, "code": gs(24)?},
        "expense_category": {"id": g(25)?, "name": gs(26)?, "unit_price": dec_opt(g(27)?), "unit_name": gs(28)?},
        "client": {"id": g(29)?, "name": gs(30)?, "currency": gs(31)?},
        "invoice": match g(32)? { Some(iid) => json!({"id": iid, "number": gs(33)?}), None => Value::Null },
    }))
}

fn company_base_uri(ctx: &Ctx) -> ApiResult<String> {
    Ok(ctx.conn.prepare_cached("SELECT base_uri FROM company WHERE id = 1")?.query_row([], |r| r.get(0))?)
}

fn ex_one(ctx: &Ctx, id: i64) -> ApiResult<Value> {
    let sql = format!("SELECT {EX_SELECT} {EX_FROM} WHERE e.id = ?1");
    let mut stmt = ctx.conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => ex_render(ctx, r),
        None => Err(ApiError::NotFound),
    }
}

fn ex_load(ctx: &Ctx, id: i64) -> ApiResult<(i64, bool, bool, i64, i64)> {
    let r = ctx
        .conn
        .prepare_cached("SELECT user_id, is_billed, is_closed, project_id, expense_category_id FROM expenses WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)));
    let r: (i64, bool, bool, i64, i64) = match r {
        Ok(x) => x,
        Err(rusqlite::Error::QueryReturnedNoRows) => return Err(ApiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    if !ctx.user.is_admin && r.0 != ctx.user.id {
        return Err(ApiError::NotFound);
    }
    Ok(r)
}

pub fn expenses_list(ctx: &Ctx) -> ApiResult<Resp> {
    let mut f = Filter::default();
    if !ctx.user.is_admin {
        f.add("e.user_id = ?", ctx.user.id);
    }
    if let Some(u) = ctx.q_int("user_id")? {
        f.add("e.user_id = ?", u);
    }
    if let Some(c) = ctx.q_int("client_id")? {
        f.add("e.project_id IN (SELECT id FROM projects WHERE client_id = ?)", c);
    }
    if let Some(p) = ctx.q_int("project_id")? {
        f.add("e.project_id = ?", p);
    }
    if let Some(b) = ctx.q_bool("is_billed")? {
        f.add("e.is_billed = ?", b as i64);
    }
    approval_filter(ctx, &mut f, "e")?;
    if let Some(t) = ctx.q_updated_since()? {
        f.add("e.updated_at >= ?", t);
    }
    if let Some(d) = ctx.q_date("from")? {
        f.add("e.spent_date >= ?", d.to_string());
    }
    if let Some(d) = ctx.q_date("to")? {
        f.add("e.spent_date <= ?", d.to_string());
    }
    super::list(
        ctx,
        ListSpec {
            key: "expenses",
            from: EX_FROM,
            count_from: Some("FROM expenses e"),
            select: EX_SELECT,
            filter: f,
            order: "e.spent_date DESC, e.id DESC",
            id_col: "e.id",
            cursor: false,
            default_per_page: 2000,
        },
        |r| ex_render(ctx, r),
    )
}

pub fn expenses_get(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ex_load(ctx, id)?;
    Resp::ok(ex_one(ctx, id)?)
}

/// Validates category + units/total_cost; returns (units, total_cost).
fn ex_amounts(ctx: &Ctx, category_id: i64, units: Option<Dec>, total: Option<Dec>) -> ApiResult<(Dec, Dec)> {
    let unit_price: Option<i64> = ctx
        .conn
        .prepare_cached("SELECT unit_price FROM expense_categories WHERE id = ?1")?
        .query_row([category_id], |r| r.get(0))
        .map_err(|_| ApiError::Unprocessable("Expense category can't be blank".into()))?;
    match unit_price {
        Some(up) => {
            let u = units.unwrap_or(Dec::from_int(1));
            if u.0 < 0 {
                return unprocessable("Units must be greater than or equal to 0");
            }
            Ok((u, u.mul(Dec(up)).round(2)))
        }
        None => match total {
            Some(t) if t.0 >= 0 => Ok((units.unwrap_or(Dec::from_int(1)), t.round(2))),
            Some(_) => unprocessable("Total cost must be greater than or equal to 0"),
            None => unprocessable("Total cost can't be blank"),
        },
    }
}

fn ex_assignment(ctx: &Ctx, user_id: i64, project_id: i64) -> ApiResult<()> {
    let active: bool = ctx
        .conn
        .prepare_cached("SELECT is_active FROM users WHERE id = ?1")?
        .query_row([user_id], |r| r.get(0))
        .map_err(|_| ApiError::Unprocessable("User can't be blank".into()))?;
    if !active {
        return unprocessable("User is archived and can't record expenses");
    }
    let pactive: bool = ctx
        .conn
        .prepare_cached("SELECT is_active FROM projects WHERE id = ?1")?
        .query_row([project_id], |r| r.get(0))
        .map_err(|_| ApiError::Unprocessable("Project can't be blank".into()))?;
    if !pactive {
        return unprocessable("Project is archived");
    }
    if !ctx
        .conn
        .prepare_cached("SELECT 1 FROM user_assignments WHERE project_id = ?1 AND user_id = ?2 AND is_active = 1")?
        .exists([project_id, user_id])?
    {
        return unprocessable("User must be assigned to the project");
    }
    Ok(())
}

pub fn expenses_create(ctx: &Ctx) -> ApiResult<Resp> {
    let p = &ctx.p;
    let mut msgs = vec![];
    let project_id = p.int("project_id").p()?;
    let cat = p.int("expense_category_id").p()?;
    if project_id.is_none() {
        msgs.push("Project can't be blank".to_string());
    }
    if cat.is_none() {
        msgs.push("Expense category can't be blank".to_string());
    }
    let spent = match p.date_field("spent_date") {
        Ok(Field::Val(d)) => Some(d),
        Ok(_) => {
            msgs.push("Spent date can't be blank".into());
            None
        }
        Err(m) => {
            msgs.push(m);
            None
        }
    };
    if !msgs.is_empty() {
        return unprocessable(msgs.join(", "));
    }
    let (project_id, cat, spent) = (project_id.unwrap_or(0), cat.unwrap_or(0), spent.unwrap_or(ctx.today));
    let user_id = p.int("user_id").p()?.unwrap_or(ctx.user.id);
    if user_id != ctx.user.id {
        ctx.admin()?;
    }
    ex_assignment(ctx, user_id, project_id)?;
    let (units, total) = ex_amounts(ctx, cat, p.dec("units").p()?, p.dec("total_cost").p()?)?;
    let billable = p.bool("billable").p()?.unwrap_or(true);
    ctx.conn.execute(
        "INSERT INTO expenses(user_id, project_id, expense_category_id, spent_date, units, total_cost, notes, billable, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        rusqlite::params![user_id, project_id, cat, spent.to_string(), units.0, total.0, p.str("notes").p()?, billable, ctx.now_s],
    )?;
    let id = ctx.conn.last_insert_rowid();
    Resp::created(ex_one(ctx, id)?, ctx.location(&format!("expenses/{id}")))
}

pub fn expenses_update(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    let (user_id, billed, closed, old_project, old_cat) = ex_load(ctx, id)?;
    if billed {
        return unprocessable("This expense has been invoiced and is locked. It can't be changed or deleted.");
    }
    if closed {
        return unprocessable("This expense has been approved and is locked. It can't be changed or deleted.");
    }
    let p = &ctx.p;
    let project_id = p.int("project_id").p()?.unwrap_or(old_project);
    let cat = p.int("expense_category_id").p()?.unwrap_or(old_cat);
    if project_id != old_project {
        ex_assignment(ctx, user_id, project_id)?;
    }
    let (old_units, old_total): (Option<i64>, Option<i64>) =
        ctx.conn.query_row("SELECT units, total_cost FROM expenses WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let units = p.dec("units").p()?.or(old_units.map(Dec));
    let total = p.dec("total_cost").p()?.or(old_total.map(Dec));
    let (units, total) = ex_amounts(ctx, cat, units, total)?;
    let mut sets: Vec<(&str, Sql)> = vec![
        ("project_id", Sql::Integer(project_id)),
        ("expense_category_id", Sql::Integer(cat)),
        ("units", Sql::Integer(units.0)),
        ("total_cost", Sql::Integer(total.0)),
    ];
    match p.date_field("spent_date").p()? {
        Field::Val(d) => sets.push(("spent_date", Sql::Text(d.to_string()))),
        Field::Null => return unprocessable("Spent date can't be blank"),
        Field::Absent => {}
    }
    match p.str_field("notes").p()? {
        Field::Val(n) => sets.push(("notes", Sql::Text(n))),
        Field::Null => sets.push(("notes", Sql::Null)),
        Field::Absent => {}
    }
    if let Some(b) = p.bool("billable").p()? {
        sets.push(("billable", Sql::Integer(b as i64)));
    }
    if p.bool("delete_receipt").p()? == Some(true) {
        sets.push(("receipt_file_name", Sql::Null));
        sets.push(("receipt_file_size", Sql::Null));
        sets.push(("receipt_content_type", Sql::Null));
    }
    sets.push(("updated_at", Sql::Text(ctx.now_s.clone())));
    let sql = format!(
        "UPDATE expenses SET {} WHERE id = ?{}",
        sets.iter().enumerate().map(|(i, (k, _))| format!("{k} = ?{}", i + 1)).collect::<Vec<_>>().join(", "),
        sets.len() + 1
    );
    let mut vals: Vec<Sql> = sets.into_iter().map(|x| x.1).collect();
    vals.push(Sql::Integer(id));
    ctx.conn.execute(&sql, rusqlite::params_from_iter(vals))?;
    Resp::ok(ex_one(ctx, id)?)
}

pub fn expenses_delete(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    let (_, billed, closed, _, _) = ex_load(ctx, id)?;
    if billed || (closed && !ctx.user.is_admin) {
        return unprocessable("This expense is locked. It can't be changed or deleted.");
    }
    ctx.conn.execute("DELETE FROM expenses WHERE id = ?1", [id])?;
    Resp::ok(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn clock() {
        assert_eq!(parse_clock("8:00am"), Some(480));
        assert_eq!(parse_clock("12:30am"), Some(30));
        assert_eq!(parse_clock("12:00pm"), Some(720));
        assert_eq!(parse_clock("3:15 PM"), Some(915));
        assert_eq!(parse_clock("14:59"), Some(899));
        assert_eq!(parse_clock("8pm"), Some(1200));
        assert_eq!(parse_clock("25:00"), None);
        assert_eq!(parse_clock("13pm"), None);
        assert_eq!(fmt_clock(899, true), "2:59pm");
        assert_eq!(fmt_clock(30, true), "12:30am");
        assert_eq!(fmt_clock(899, false), "14:59");
    }
}
