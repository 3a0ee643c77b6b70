//! Users, their billable and cost rates, teammates and project assignments.

use super::*;
use crate::dec::Dec;
use crate::model::{c, req, Col, K, D};

pub const USER_COLS: &[Col] = &[
    req("first_name", K::Str),
    req("last_name", K::Str),
    req("email", K::Str),
    c("telephone", K::Str, D::Str("")),
    c("timezone", K::Str, D::Str("Eastern Time (US & Canada)")),
    c("has_access_to_all_future_projects", K::Bool, D::Bool(false)),
    c("is_contractor", K::Bool, D::Bool(false)),
    c("is_active", K::Bool, D::Bool(true)),
    c("weekly_capacity", K::Int, D::Int(126_000)),
    c("default_hourly_rate", K::Dec, D::Dec(0)),
    c("cost_rate", K::Dec, D::Dec(0)),
    ro("access_roles", K::Json),
    ro("avatar_url", K::Str),
];

const ACCESS_ROLES: &[&str] = &[
    "administrator",
    "manager",
    "member",
    "project_creator",
    "billable_rates_manager",
    "managed_projects_invoice_drafter",
    "managed_projects_invoice_manager",
    "client_and_task_manager",
    "time_and_expenses_manager",
    "estimates_manager",
    "people_manager",
];

pub fn role_names(conn: &Connection, user_id: i64) -> ApiResult<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.name FROM roles r JOIN role_users ru ON ru.role_id = r.id WHERE ru.user_id = ?1 ORDER BY r.name",
    )?;
    let v = stmt.query_map([user_id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(v)
}

fn render(ctx: &Ctx, r: &Row) -> ApiResult<Value> {
    let (mut m, _) = render_row(r, USER_COLS, 0)?;
    let id = m["id"].as_i64().unwrap_or(0);
    m.insert("roles".into(), json!(role_names(ctx.conn, id)?));
    Ok(Value::Object(m))
}

pub fn user_one(ctx: &Ctx, id: i64) -> ApiResult<Value> {
    let sql = format!("SELECT {} FROM users a WHERE a.id = ?1", select_list(USER_COLS, "a"));
    let mut stmt = ctx.conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => render(ctx, r),
        None => Err(ApiError::NotFound),
    }
}

pub fn list(ctx: &Ctx) -> ApiResult<Resp> {
    ctx.admin()?;
    let mut f = Filter::default();
    if let Some(b) = ctx.q_bool("is_active")? {
        f.add("a.is_active = ?", b as i64);
    }
    if let Some(t) = ctx.q_updated_since()? {
        f.add("a.updated_at >= ?", t);
    }
    let select = select_list(USER_COLS, "a");
    super::list(
        ctx,
        ListSpec {
            key: "users",
            from: "FROM users a",
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
    if id != ctx.user.id {
        ctx.admin()?;
    }
    Resp::ok(user_one(ctx, id)?)
}

fn access_roles_param(ctx: &Ctx) -> ApiResult<Option<Vec<String>>> {
    let Some(roles) = ctx.p.str_list("access_roles").p()? else { return Ok(None) };
    for r in &roles {
        if !ACCESS_ROLES.contains(&r.as_str()) {
            return unprocessable(format!("Access roles {r} is not a valid access role"));
        }
    }
    let levels = roles.iter().filter(|r| matches!(r.as_str(), "administrator" | "manager" | "member")).count();
    if levels > 1 {
        return unprocessable("Access roles can include only one of administrator, manager or member");
    }
    let mut out = roles.clone();
    if levels == 0 {
        out.insert(0, "member".into());
    }
    if out.iter().any(|r| r == "administrator") {
        out.retain(|r| r == "administrator");
    }
    Ok(Some(out))
}

fn check_email(ctx: &Ctx, id: Option<i64>) -> ApiResult<()> {
    if let Some(e) = ctx.p.str("email").p()? {
        let e = e.trim();
        if !e.contains('@') || e.starts_with('@') || e.ends_with('@') || e.contains(' ') {
            return unprocessable("Email is invalid");
        }
        let taken: Option<i64> = ctx
            .conn
            .prepare_cached("SELECT id FROM users WHERE lower(email) = lower(?1)")?
            .query_row([e], |r| r.get(0))
            .ok();
        if taken.is_some() && taken != id {
            return unprocessable("Email has already been taken");
        }
    }
    Ok(())
}

fn set_role_names(ctx: &Ctx, user_id: i64) -> ApiResult<()> {
    if let Some(names) = ctx.p.str_list("roles").p()? {
        ctx.conn.execute("DELETE FROM role_users WHERE user_id = ?1", [user_id])?;
        for n in names {
            let n = n.trim().to_string();
            if n.is_empty() {
                continue;
            }
            let rid: Option<i64> =
                ctx.conn.query_row("SELECT id FROM roles WHERE name = ?1", [&n], |r| r.get(0)).ok();
            let rid = match rid {
                Some(r) => r,
                None => {
                    ctx.conn.execute(
                        "INSERT INTO roles(name, created_at, updated_at) VALUES (?1, ?2, ?2)",
                        [&n, &ctx.now_s],
                    )?;
                    ctx.conn.last_insert_rowid()
                }
            };
            ctx.conn.execute("INSERT OR IGNORE INTO role_users(role_id, user_id) VALUES (?1, ?2)", [rid, user_id])?;
        }
    }
    Ok(())
}

pub fn create(ctx: &Ctx) -> ApiResult<Resp> {
    ctx.admin()?;
    check_email(ctx, None)?;
    let roles = access_roles_param(ctx)?.unwrap_or_else(|| vec!["member".into()]);
    let extra = vec![
        ("access_roles", Sql::Text(json!(roles).to_string())),
        ("avatar_url", Sql::Text("https://d3s3969qhosaug.cloudfront.net/v2/user.png".into())),
    ];
    let id = insert_row(ctx.conn, "users", USER_COLS, &ctx.p, &extra, &ctx.now_s)?;
    set_role_names(ctx, id)?;
    let rate: i64 = ctx.conn.query_row("SELECT default_hourly_rate FROM users WHERE id = ?1", [id], |r| r.get(0))?;
    let cost: i64 = ctx.conn.query_row("SELECT cost_rate FROM users WHERE id = ?1", [id], |r| r.get(0))?;
    for (t, amount) in [("billable_rates", rate), ("cost_rates", cost)] {
        ctx.conn.execute(
            &format!("INSERT INTO {t}(user_id, amount, start_date, end_date, created_at, updated_at) VALUES (?1, ?2, NULL, NULL, ?3, ?3)"),
            rusqlite::params![id, amount, ctx.now_s],
        )?;
    }
    Resp::created(user_one(ctx, id)?, ctx.location(&format!("users/{id}")))
}

pub fn update(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    if id != ctx.user.id {
        ctx.admin()?;
    }
    must_exist(ctx.conn, "users", id)?;
    let active: bool = ctx.conn.query_row("SELECT is_active FROM users WHERE id = ?1", [id], |r| r.get(0))?;
    if !active && ["first_name", "last_name", "email"].iter().any(|k| ctx.p.has(k)) {
        return unprocessable("Names and email can't be changed for an archived person");
    }
    check_email(ctx, Some(id))?;
    let mut extra = vec![];
    let roles = access_roles_param(ctx)?;
    if roles.is_some() || ctx.p.has("is_active") {
        ctx.admin()?;
    }
    if let Some(roles) = roles {
        if id == ctx.user.id && !roles.iter().any(|r| r == "administrator") {
            return unprocessable("You can't remove your own administrator access");
        }
        let mut roles = roles;
        let has_teammates = ctx.conn.prepare_cached("SELECT 1 FROM teammates WHERE manager_id = ?1")?.exists([id])?;
        if roles.iter().any(|r| r == "member") {
            ctx.conn.execute("DELETE FROM teammates WHERE manager_id = ?1", [id])?;
            roles.retain(|r| r != "people_manager");
        } else if has_teammates && roles.iter().any(|r| r == "manager") && !roles.iter().any(|r| r == "people_manager") {
            roles.push("people_manager".into());
        }
        extra.push(("access_roles", Sql::Text(json!(roles).to_string())));
    }
    // rates change through the rate endpoints
    let mut p = ctx.p.clone();
    p.0.remove("default_hourly_rate");
    p.0.remove("cost_rate");
    update_row(ctx.conn, "users", USER_COLS, id, &p, &extra, &ctx.now_s)?;
    set_role_names(ctx, id)?;
    Resp::ok(user_one(ctx, id)?)
}

pub fn delete(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "users", id)?;
    if id == ctx.user.id {
        return unprocessable("You can't delete yourself");
    }
    let busy = ctx.conn.prepare_cached("SELECT 1 FROM time_entries WHERE user_id = ?1")?.exists([id])?
        || ctx.conn.prepare_cached("SELECT 1 FROM expenses WHERE user_id = ?1")?.exists([id])?;
    if busy {
        return unprocessable("This person is not removable. They still have time entries and/or expenses.");
    }
    for sql in [
        "DELETE FROM user_assignments WHERE user_id = ?1",
        "DELETE FROM role_users WHERE user_id = ?1",
        "DELETE FROM teammates WHERE manager_id = ?1 OR teammate_id = ?1",
        "DELETE FROM billable_rates WHERE user_id = ?1",
        "DELETE FROM cost_rates WHERE user_id = ?1",
        "DELETE FROM tokens WHERE user_id = ?1",
        "DELETE FROM refresh_tokens WHERE user_id = ?1",
        "DELETE FROM users WHERE id = ?1",
    ] {
        ctx.conn.execute(sql, [id])?;
    }
    Resp::ok(Value::Null)
}

// ---------- rates ----------

const RATE_COLS: &[Col] = &[ro("amount", K::Dec), ro("start_date", K::Date), ro("end_date", K::Date)];

fn rate_perm(ctx: &Ctx, user_id: i64, _kind: &str) -> ApiResult<()> {
    ctx.admin()?;
    must_exist(ctx.conn, "users", user_id)
}

pub fn rates_list(ctx: &Ctx, user_id: i64, kind: &str) -> ApiResult<Resp> {
    rate_perm(ctx, user_id, kind)?;
    let mut f = Filter::default();
    f.add("a.user_id = ?", user_id);
    let from = format!("FROM {kind} a");
    let select = select_list(RATE_COLS, "a");
    super::list(
        ctx,
        ListSpec {
            key: kind,
            from: &from,
            count_from: None,
            select: &select,
            filter: f,
            order: "a.id DESC",
            id_col: "a.id",
            cursor: true,
            default_per_page: 2000,
        },
        |r| Ok(Value::Object(render_row(r, RATE_COLS, 0)?.0)),
    )
}

fn rate_one(ctx: &Ctx, user_id: i64, kind: &str, id: i64) -> ApiResult<Value> {
    let sql = format!("SELECT {} FROM {kind} a WHERE a.id = ?1 AND a.user_id = ?2", select_list(RATE_COLS, "a"));
    match ctx.conn.prepare_cached(&sql)?.query_row([id, user_id], |r| render_row(r, RATE_COLS, 0).map(|x| x.0)) {
        Ok(m) => Ok(Value::Object(m)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Err(ApiError::NotFound),
        Err(e) => Err(e.into()),
    }
}

pub fn rates_get(ctx: &Ctx, user_id: i64, kind: &str, id: i64) -> ApiResult<Resp> {
    rate_perm(ctx, user_id, kind)?;
    Resp::ok(rate_one(ctx, user_id, kind, id)?)
}

pub fn rates_create(ctx: &Ctx, user_id: i64, kind: &str) -> ApiResult<Resp> {
    rate_perm(ctx, user_id, kind)?;
    let amount: Dec = match ctx.p.dec("amount").p()? {
        Some(a) if a.0 >= 0 => a,
        Some(_) => return unprocessable("Amount must be greater than or equal to 0"),
        None => return unprocessable("Amount can't be blank"),
    };
    let start = ctx.p.date("start_date").p()?;
    if let Some(s) = start {
        if s > ctx.today {
            return unprocessable("Start date can't be in the future");
        }
        // replaces rates starting on/after it; the previous rate ends the day before
        ctx.conn.execute(
            &format!("DELETE FROM {kind} WHERE user_id = ?1 AND start_date >= ?2"),
            rusqlite::params![user_id, s.to_string()],
        )?;
        let prev_end = (s - chrono::Duration::days(1)).to_string();
        ctx.conn.execute(
            &format!("UPDATE {kind} SET end_date = ?1, updated_at = ?3 WHERE user_id = ?2 AND end_date IS NULL"),
            rusqlite::params![prev_end, user_id, ctx.now_s],
        )?;
    } else {
        ctx.conn.execute(&format!("DELETE FROM {kind} WHERE user_id = ?1"), [user_id])?;
    }
    ctx.conn.execute(
        &format!("INSERT INTO {kind}(user_id, amount, start_date, end_date, created_at, updated_at) VALUES (?1, ?2, ?3, NULL, ?4, ?4)"),
        rusqlite::params![user_id, amount.0, start.map(|d| d.to_string()), ctx.now_s],
    )?;
    let id = ctx.conn.last_insert_rowid();
    let col = if kind == "billable_rates" { "default_hourly_rate" } else { "cost_rate" };
    ctx.conn.execute(
        &format!("UPDATE users SET {col} = ?1, updated_at = ?2 WHERE id = ?3"),
        rusqlite::params![amount.0, ctx.now_s, user_id],
    )?;
    Resp::created(rate_one(ctx, user_id, kind, id)?, ctx.location(&format!("users/{user_id}/{kind}/{id}")))
}

// ---------- teammates ----------

fn is_manager(ctx: &Ctx, user_id: i64) -> ApiResult<bool> {
    let roles: String = ctx.conn.query_row("SELECT access_roles FROM users WHERE id = ?1", [user_id], |r| r.get(0))?;
    Ok(roles.contains("\"manager\"") || roles.contains("\"administrator\""))
}

fn teammates(ctx: &Ctx, user_id: i64) -> ApiResult<Vec<Value>> {
    let mut stmt = ctx.conn.prepare_cached(
        "SELECT u.id, u.first_name, u.last_name, u.email FROM teammates t JOIN users u ON u.id = t.teammate_id
         WHERE t.manager_id = ?1 ORDER BY u.id DESC",
    )?;
    let v = stmt
        .query_map([user_id], |r| {
            Ok(json!({"id": r.get::<_, i64>(0)?, "first_name": r.get::<_, String>(1)?,
                      "last_name": r.get::<_, String>(2)?, "email": r.get::<_, String>(3)?}))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(v)
}

pub fn teammates_list(ctx: &Ctx, user_id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "users", user_id)?;
    if !is_manager(ctx, user_id)? {
        return unprocessable("The user is not a manager");
    }
    list_vec(ctx, "teammates", teammates(ctx, user_id)?)
}

pub fn teammates_update(ctx: &Ctx, user_id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "users", user_id)?;
    if !is_manager(ctx, user_id)? {
        return unprocessable("The user is not a manager");
    }
    let Some(ids) = ctx.p.id_list("teammate_ids").p()? else {
        return unprocessable("Teammate ids can't be blank");
    };
    for t in &ids {
        if *t == user_id || !exists(ctx.conn, "users", *t)? {
            return unprocessable("Teammate ids is invalid");
        }
    }
    ctx.conn.execute("DELETE FROM teammates WHERE manager_id = ?1", [user_id])?;
    for t in &ids {
        ctx.conn.execute("INSERT OR IGNORE INTO teammates(manager_id, teammate_id) VALUES (?1, ?2)", [user_id, *t])?;
    }
    let roles: String = ctx.conn.query_row("SELECT access_roles FROM users WHERE id = ?1", [user_id], |r| r.get(0))?;
    let mut roles: Vec<String> = serde_json::from_str(&roles).unwrap_or_default();
    roles.retain(|r| r != "people_manager");
    if !ids.is_empty() && roles.iter().any(|r| r == "manager") {
        roles.push("people_manager".into());
    }
    ctx.conn.execute(
        "UPDATE users SET access_roles = ?1, updated_at = ?2 WHERE id = ?3",
        rusqlite::params![json!(roles).to_string(), ctx.now_s, user_id],
    )?;
    Resp::ok(json!({"teammates": teammates(ctx, user_id)?}))
}

// ---------- project assignments ----------

pub fn project_assignments(ctx: &Ctx, user_id: i64, cursor: bool) -> ApiResult<Resp> {
    if user_id != ctx.user.id {
        ctx.admin()?;
    }
    must_exist(ctx.conn, "users", user_id)?;
    let mut f = Filter::default();
    f.add("a.user_id = ?", user_id);
    f.raw("a.is_active = 1");
    f.raw("a.project_id IN (SELECT id FROM projects WHERE is_active = 1)");
    if let Some(t) = ctx.q_updated_since()? {
        f.add("a.updated_at >= ?", t);
    }
    let select = format!("{}, a.project_id", select_list(super::projects::UA_COLS, "a"));
    super::list(
        ctx,
        ListSpec {
            key: "project_assignments",
            from: "FROM user_assignments a",
            count_from: None,
            select: &select,
            filter: f,
            order: "a.id DESC",
            id_col: "a.id",
            cursor,
            default_per_page: 2000,
        },
        |r| {
            let (mut m, i) = render_row(r, super::projects::UA_COLS, 0)?;
            let pid: i64 = r.get(i)?;
            m.insert("project".into(), project_ref(ctx.conn, Some(pid))?);
            let cid: Option<i64> = ctx
                .conn
                .prepare_cached("SELECT client_id FROM projects WHERE id = ?1")?
                .query_row([pid], |r| r.get(0))
                .ok()
                .flatten();
            m.insert("client".into(), name_ref(ctx.conn, "clients", cid)?);
            m.insert("task_assignments".into(), json!(super::projects::task_assignments_of(ctx, pid, true)?));
            Ok(Value::Object(m))
        },
    )
}
