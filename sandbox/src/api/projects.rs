//! Projects and their task and user assignments.

use super::*;
use crate::model::{c, req, Col, K, D};
use crate::params::Field;

pub const PROJECT_COLS: &[Col] = &[
    req("name", K::Str),
    c("code", K::Str, D::Null),
    c("is_active", K::Bool, D::Bool(true)),
    c("is_billable", K::Bool, D::Bool(true)),
    c("is_fixed_fee", K::Bool, D::Bool(false)),
    c("bill_by", K::Str, D::Str("none")),
    c("hourly_rate", K::Dec, D::Null),
    c("budget", K::Dec, D::Null),
    c("budget_by", K::Str, D::Str("none")),
    c("budget_is_monthly", K::Bool, D::Bool(false)),
    c("notify_when_over_budget", K::Bool, D::Bool(false)),
    c("over_budget_notification_percentage", K::Dec, D::Dec(80_000_000)),
    ro("over_budget_notification_date", K::Date),
    c("show_budget_to_all", K::Bool, D::Bool(false)),
    c("cost_budget", K::Dec, D::Null),
    c("cost_budget_include_expenses", K::Bool, D::Bool(false)),
    c("fee", K::Dec, D::Null),
    c("notes", K::Str, D::Str("")),
    c("starts_on", K::Date, D::Null),
    c("ends_on", K::Date, D::Null),
];

pub const TA_COLS: &[Col] = &[
    c("is_active", K::Bool, D::Bool(true)),
    c("billable", K::Bool, D::Bool(false)),
    c("hourly_rate", K::Dec, D::Null),
    c("budget", K::Dec, D::Null),
];

pub const UA_COLS: &[Col] = &[
    c("is_active", K::Bool, D::Bool(true)),
    c("is_project_manager", K::Bool, D::Bool(false)),
    c("use_default_rates", K::Bool, D::Bool(true)),
    c("hourly_rate", K::Dec, D::Null),
    c("budget", K::Dec, D::Null),
];

fn render(ctx: &Ctx, r: &Row) -> ApiResult<Value> {
    let (mut m, i) = render_row(r, PROJECT_COLS, 0)?;
    let cid: i64 = r.get(i)?;
    m.insert("client".into(), client_ref_currency(ctx.conn, cid)?);
    Ok(Value::Object(m))
}

pub fn project_one(ctx: &Ctx, id: i64) -> ApiResult<Value> {
    let sql = format!("SELECT {}, a.client_id FROM projects a WHERE a.id = ?1", select_list(PROJECT_COLS, "a"));
    let mut stmt = ctx.conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => render(ctx, r),
        None => Err(ApiError::NotFound),
    }
}

pub fn list(ctx: &Ctx) -> ApiResult<Resp> {
    let mut f = Filter::default();
    if !ctx.user.is_admin {
        f.add("a.id IN (SELECT project_id FROM user_assignments WHERE user_id = ?)", ctx.user.id);
    }
    if let Some(b) = ctx.q_bool("is_active")? {
        f.add("a.is_active = ?", b as i64);
    }
    if let Some(cid) = ctx.q_int("client_id")? {
        f.add("a.client_id = ?", cid);
    }
    if let Some(t) = ctx.q_updated_since()? {
        f.add("a.updated_at >= ?", t);
    }
    let select = format!("{}, a.client_id", select_list(PROJECT_COLS, "a"));
    super::list(
        ctx,
        ListSpec {
            key: "projects",
            from: "FROM projects a",
            count_from: None,
            select: &select,
            filter: f,
            order: "a.id DESC",
            id_col: "a.id",
            cursor: true,
            default_per_page: 2000,
        },
        |r| render(ctx, r),
    )
}

pub fn get(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    if !visible_project(ctx, id)? {
        return Err(ApiError::NotFound);
    }
    Resp::ok(project_one(ctx, id)?)
}

fn validate(ctx: &Ctx, id: Option<i64>) -> ApiResult<Vec<(&'static str, Sql)>> {
    let mut extra = vec![];
    match ctx.p.int_field("client_id").p()? {
        Field::Val(cid) => {
            if !exists(ctx.conn, "clients", cid)? {
                return unprocessable("Client can't be blank");
            }
            extra.push(("client_id", Sql::Integer(cid)));
        }
        Field::Null => return unprocessable("Client can't be blank"),
        Field::Absent if id.is_none() => {
            let mut msgs = vec!["Client can't be blank".to_string()];
            if ctx.p.str("name").p()?.map(|s| s.trim().is_empty()).unwrap_or(true) {
                msgs.push("Name can't be blank".into());
            }
            return unprocessable(msgs.join(", "));
        }
        Field::Absent => {}
    }
    if let Some(b) = ctx.p.str("bill_by").p()? {
        if !["Project", "Tasks", "People", "none"].contains(&b.as_str()) {
            return unprocessable("Bill by is not included in the list");
        }
    }
    if let Some(b) = ctx.p.str("budget_by").p()? {
        if !["project", "project_cost", "task", "task_fees", "person", "none"].contains(&b.as_str()) {
            return unprocessable("Budget by is not included in the list");
        }
    }
    if let Some(n) = ctx.p.str("name").p()? {
        let other: Option<i64> = ctx
            .conn
            .prepare_cached("SELECT id FROM projects WHERE name = ?1")?
            .query_row([n.trim()], |r| r.get(0))
            .ok();
        if other.is_some() && other != id {
            return unprocessable("Name has already been taken");
        }
    }
    if let (Some(s), Some(e)) = (ctx.p.date("starts_on").p()?, ctx.p.date("ends_on").p()?) {
        if e < s {
            return unprocessable("Ends on must be on or after the start date");
        }
    }
    Ok(extra)
}

pub fn create(ctx: &Ctx) -> ApiResult<Resp> {
    ctx.admin()?;
    let extra = validate(ctx, None)?;
    let id = insert_row(ctx.conn, "projects", PROJECT_COLS, &ctx.p, &extra, &ctx.now_s)?;
    // default tasks are attached to new projects
    ctx.conn.execute(
        "INSERT INTO task_assignments(project_id, task_id, is_active, billable, hourly_rate, budget, created_at, updated_at)
         SELECT ?1, id, 1, billable_by_default, default_hourly_rate, NULL, ?2, ?2 FROM tasks WHERE is_default = 1 AND is_active = 1",
        rusqlite::params![id, ctx.now_s],
    )?;
    // the creator manages it; people with access to all future projects join it
    ctx.conn.execute(
        "INSERT OR IGNORE INTO user_assignments(project_id, user_id, is_active, is_project_manager, use_default_rates, hourly_rate, budget, created_at, updated_at)
         SELECT ?1, id, 1, CASE WHEN id = ?2 THEN 1 ELSE 0 END, 1, default_hourly_rate, NULL, ?3, ?3 FROM users
         WHERE id = ?2 OR (has_access_to_all_future_projects = 1 AND is_active = 1)",
        rusqlite::params![id, ctx.user.id, ctx.now_s],
    )?;
    Resp::created(project_one(ctx, id)?, ctx.location(&format!("projects/{id}")))
}

pub fn update(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "projects", id)?;
    let extra = validate(ctx, Some(id))?;
    update_row(ctx.conn, "projects", PROJECT_COLS, id, &ctx.p, &extra, &ctx.now_s)?;
    Resp::ok(project_one(ctx, id)?)
}

pub fn delete(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "projects", id)?;
    for sql in [
        "DELETE FROM time_entries WHERE project_id = ?1",
        "DELETE FROM expenses WHERE project_id = ?1",
        "DELETE FROM task_assignments WHERE project_id = ?1",
        "DELETE FROM user_assignments WHERE project_id = ?1",
        "UPDATE invoice_line_items SET project_id = NULL WHERE project_id = ?1",
        "DELETE FROM projects WHERE id = ?1",
    ] {
        ctx.conn.execute(sql, [id])?;
    }
    Resp::ok(Value::Null)
}

// ---------- task assignments ----------

fn ta_render(ctx: &Ctx, r: &Row) -> ApiResult<Value> {
    let (mut m, i) = render_row(r, TA_COLS, 0)?;
    let pid: i64 = r.get(i)?;
    let tid: i64 = r.get(i + 1)?;
    m.insert("project".into(), project_ref(ctx.conn, Some(pid))?);
    m.insert("task".into(), name_ref(ctx.conn, "tasks", Some(tid))?);
    Ok(Value::Object(m))
}

/// Task assignments of a project with the embedded task (for project assignment listings).
pub fn task_assignments_of(ctx: &Ctx, pid: i64, active_only: bool) -> ApiResult<Vec<Value>> {
    let sql = format!(
        "SELECT {}, a.task_id FROM task_assignments a WHERE a.project_id = ?1 {} ORDER BY a.id",
        select_list(TA_COLS, "a"),
        if active_only { "AND a.is_active = 1" } else { "" }
    );
    let mut stmt = ctx.conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([pid])?;
    let mut out = vec![];
    while let Some(r) = rows.next()? {
        let (mut m, i) = render_row(r, TA_COLS, 0)?;
        m.insert("task".into(), name_ref(ctx.conn, "tasks", Some(r.get(i)?))?);
        out.push(Value::Object(m));
    }
    Ok(out)
}

fn ta_one(ctx: &Ctx, pid: i64, id: i64) -> ApiResult<Value> {
    let sql = format!(
        "SELECT {}, a.project_id, a.task_id FROM task_assignments a WHERE a.id = ?1 AND a.project_id = ?2",
        select_list(TA_COLS, "a")
    );
    let mut stmt = ctx.conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id, pid])?;
    match rows.next()? {
        Some(r) => ta_render(ctx, r),
        None => Err(ApiError::NotFound),
    }
}

fn project_read_perm(ctx: &Ctx, pid: i64) -> ApiResult<()> {
    must_exist(ctx.conn, "projects", pid)?;
    if !visible_project(ctx, pid)? {
        return Err(ApiError::Forbidden);
    }
    Ok(())
}

pub fn ta_list(ctx: &Ctx, pid: Option<i64>) -> ApiResult<Resp> {
    let mut f = Filter::default();
    match pid {
        Some(p) => {
            project_read_perm(ctx, p)?;
            f.add("a.project_id = ?", p);
        }
        None => ctx.admin()?,
    }
    if let Some(b) = ctx.q_bool("is_active")? {
        f.add("a.is_active = ?", b as i64);
    }
    if let Some(t) = ctx.q_updated_since()? {
        f.add("a.updated_at >= ?", t);
    }
    let select = format!("{}, a.project_id, a.task_id", select_list(TA_COLS, "a"));
    super::list(
        ctx,
        ListSpec {
            key: "task_assignments",
            from: "FROM task_assignments a",
            count_from: None,
            select: &select,
            filter: f,
            order: "a.id DESC",
            id_col: "a.id",
            cursor: pid.is_none(),
            default_per_page: 2000,
        },
        |r| ta_render(ctx, r),
    )
}

pub fn ta_get(ctx: &Ctx, pid: i64, id: i64) -> ApiResult<Resp> {
    project_read_perm(ctx, pid)?;
    Resp::ok(ta_one(ctx, pid, id)?)
}

pub fn ta_create(ctx: &Ctx, pid: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "projects", pid)?;
    let Some(tid) = ctx.p.int("task_id").p()? else { return unprocessable("Task can't be blank") };
    let task = ctx
        .conn
        .query_row("SELECT billable_by_default, default_hourly_rate FROM tasks WHERE id = ?1", [tid], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?))
        })
        .map_err(|_| ApiError::Unprocessable("Task can't be blank".into()))?;
    if ctx.conn.prepare_cached("SELECT 1 FROM task_assignments WHERE project_id = ?1 AND task_id = ?2")?.exists([pid, tid])? {
        return unprocessable("Task has already been taken");
    }
    let mut extra = vec![("project_id", Sql::Integer(pid)), ("task_id", Sql::Integer(tid))];
    if !ctx.p.has("billable") {
        extra.push(("billable", Sql::Integer(task.0)));
    }
    if !ctx.p.has("hourly_rate") {
        extra.push(("hourly_rate", Sql::from(task.1)));
    }
    let id = insert_row(ctx.conn, "task_assignments", TA_COLS, &ctx.p, &extra, &ctx.now_s)?;
    Resp::created(ta_one(ctx, pid, id)?, ctx.location(&format!("projects/{pid}/task_assignments/{id}")))
}

pub fn ta_update(ctx: &Ctx, pid: i64, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    ta_one(ctx, pid, id)?;
    update_row(ctx.conn, "task_assignments", TA_COLS, id, &ctx.p, &[], &ctx.now_s)?;
    Resp::ok(ta_one(ctx, pid, id)?)
}

pub fn ta_delete(ctx: &Ctx, pid: i64, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    ta_one(ctx, pid, id)?;
    let tid: i64 = ctx.conn.query_row("SELECT task_id FROM task_assignments WHERE id = ?1", [id], |r| r.get(0))?;
    if ctx.conn.prepare_cached("SELECT 1 FROM time_entries WHERE project_id = ?1 AND task_id = ?2")?.exists([pid, tid])? {
        return unprocessable("This task assignment is not removable. It still has time entries.");
    }
    ctx.conn.execute("DELETE FROM task_assignments WHERE id = ?1", [id])?;
    Resp::ok(Value::Null)
}

// ---------- user assignments ----------

fn ua_render(ctx: &Ctx, r: &Row) -> ApiResult<Value> {
    let (mut m, i) = render_row(r, UA_COLS, 0)?;
    let pid: i64 = r.get(i)?;
    let uid: i64 = r.get(i + 1)?;
    m.insert("project".into(), project_ref(ctx.conn, Some(pid))?);
    m.insert("user".into(), name_ref(ctx.conn, "users", Some(uid))?);
    Ok(Value::Object(m))
}

fn ua_one(ctx: &Ctx, pid: i64, id: i64) -> ApiResult<Value> {
    let sql = format!(
        "SELECT {}, a.project_id, a.user_id FROM user_assignments a WHERE a.id = ?1 AND a.project_id = ?2",
        select_list(UA_COLS, "a")
    );
    let mut stmt = ctx.conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id, pid])?;
    match rows.next()? {
        Some(r) => ua_render(ctx, r),
        None => Err(ApiError::NotFound),
    }
}

pub fn ua_list(ctx: &Ctx, pid: Option<i64>) -> ApiResult<Resp> {
    let mut f = Filter::default();
    match pid {
        Some(p) => {
            project_read_perm(ctx, p)?;
            f.add("a.project_id = ?", p);
        }
        None => ctx.admin()?,
    }
    if let Some(u) = ctx.q_int("user_id")? {
        f.add("a.user_id = ?", u);
    }
    if let Some(b) = ctx.q_bool("is_active")? {
        f.add("a.is_active = ?", b as i64);
    }
    if let Some(t) = ctx.q_updated_since()? {
        f.add("a.updated_at >= ?", t);
    }
    let select = format!("{}, a.project_id, a.user_id", select_list(UA_COLS, "a"));
    super::list(
        ctx,
        ListSpec {
            key: "user_assignments",
            from: "FROM user_assignments a",
            count_from: None,
            select: &select,
            filter: f,
            order: "a.id DESC",
            id_col: "a.id",
            cursor: pid.is_none(),
            default_per_page: 2000,
        },
        |r| ua_render(ctx, r),
    )
}

pub fn ua_get(ctx: &Ctx, pid: i64, id: i64) -> ApiResult<Resp> {
    project_read_perm(ctx, pid)?;
    Resp::ok(ua_one(ctx, pid, id)?)
}

pub fn ua_create(ctx: &Ctx, pid: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "projects", pid)?;
    let Some(uid) = ctx.p.int("user_id").p()? else { return unprocessable("User can't be blank") };
    let rate: Option<i64> = ctx
        .conn
        .query_row("SELECT default_hourly_rate FROM users WHERE id = ?1", [uid], |r| r.get(0))
        .map_err(|_| ApiError::Unprocessable("User can't be blank".into()))?;
    if ctx.conn.prepare_cached("SELECT 1 FROM user_assignments WHERE project_id = ?1 AND user_id = ?2")?.exists([pid, uid])? {
        return unprocessable("User has already been taken");
    }
    let mut extra = vec![("project_id", Sql::Integer(pid)), ("user_id", Sql::Integer(uid))];
    if !ctx.p.has("hourly_rate") {
        extra.push(("hourly_rate", Sql::from(rate)));
    }
    let id = insert_row(ctx.conn, "user_assignments", UA_COLS, &ctx.p, &extra, &ctx.now_s)?;
    Resp::created(ua_one(ctx, pid, id)?, ctx.location(&format!("projects/{pid}/user_assignments/{id}")))
}

pub fn ua_update(ctx: &Ctx, pid: i64, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    ua_one(ctx, pid, id)?;
    update_row(ctx.conn, "user_assignments", UA_COLS, id, &ctx.p, &[], &ctx.now_s)?;
    Resp::ok(ua_one(ctx, pid, id)?)
}

pub fn ua_delete(ctx: &Ctx, pid: i64, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    ua_one(ctx, pid, id)?;
    let uid: i64 = ctx.conn.query_row("SELECT user_id FROM user_assignments WHERE id = ?1", [id], |r| r.get(0))?;
    let busy = ctx.conn.prepare_cached("SELECT 1 FROM time_entries WHERE project_id = ?1 AND user_id = ?2")?.exists([pid, uid])?
        || ctx.conn.prepare_cached("SELECT 1 FROM expenses WHERE project_id = ?1 AND user_id = ?2")?.exists([pid, uid])?;
    if busy {
        return unprocessable("This user assignment is not removable. The person still has time entries or expenses on the project.");
    }
    ctx.conn.execute("DELETE FROM user_assignments WHERE id = ?1", [id])?;
    Resp::ok(Value::Null)
}
