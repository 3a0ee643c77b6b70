//! Company, clients, contacts, tasks, roles and the simple category resources.

use super::*;
use crate::model::{c, req, Col, K, D};

pub fn hexkey(salt: u64, id: i64) -> String {
    let mut x = salt ^ (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut s = String::with_capacity(40);
    while s.len() < 40 {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        s.push_str(&format!("{z:016x}"));
    }
    s.truncate(40);
    s
}

// ---------- company ----------

const COMPANY_COLS: &[(&str, K)] = &[
    ("base_uri", K::Str),
    ("full_domain", K::Str),
    ("name", K::Str),
    ("is_active", K::Bool),
    ("week_start_day", K::Str),
    ("wants_timestamp_timers", K::Bool),
    ("time_format", K::Str),
    ("date_format", K::Str),
    ("plan_type", K::Str),
    ("expense_feature", K::Bool),
    ("invoice_feature", K::Bool),
    ("estimate_feature", K::Bool),
    ("approval_feature", K::Bool),
    ("clock", K::Str),
    ("currency_code_display", K::Str),
    ("currency_symbol_display", K::Str),
    ("decimal_symbol", K::Str),
    ("thousands_separator", K::Str),
    ("color_scheme", K::Str),
    ("weekly_capacity", K::Int),
];

pub fn company_json(conn: &Connection) -> ApiResult<Value> {
    let sql = format!(
        "SELECT {} FROM company WHERE id = 1",
        COMPANY_COLS.iter().map(|c| c.0).collect::<Vec<_>>().join(", ")
    );
    let v = conn.prepare_cached(&sql)?.query_row([], |r| {
        let mut m = serde_json::Map::new();
        for (i, (n, k)) in COMPANY_COLS.iter().enumerate() {
            m.insert(n.to_string(), render_val(*k, r.get::<_, Sql>(i)?));
        }
        Ok(Value::Object(m))
    })?;
    Ok(v)
}

pub fn company_get(ctx: &Ctx) -> ApiResult<Resp> {
    Resp::ok(company_json(ctx.conn)?)
}

pub fn company_patch(ctx: &Ctx) -> ApiResult<Resp> {
    ctx.admin()?;
    if let Some(b) = ctx.p.bool("wants_timestamp_timers").p()? {
        ctx.conn.execute("UPDATE company SET wants_timestamp_timers = ?1", [b as i64])?;
    }
    if let Some(w) = ctx.p.int("weekly_capacity").p()? {
        if !(0..=604_800).contains(&w) {
            return unprocessable("Weekly capacity must be between 0 and 604800");
        }
        ctx.conn.execute("UPDATE company SET weekly_capacity = ?1", [w])?;
    }
    company_get(ctx)
}

pub fn company_currency(conn: &Connection) -> ApiResult<String> {
    Ok(conn.prepare_cached("SELECT currency FROM company WHERE id = 1")?.query_row([], |r| r.get(0))?)
}

// ---------- generic simple resources ----------

pub struct Simple {
    pub table: &'static str,
    pub key: &'static str,
    pub cols: &'static [Col],
    /// members may read (expense categories are needed to record expenses)
    pub member_read: bool,
}

pub const EXPENSE_CATEGORIES: Simple = Simple {
    table: "expense_categories",
    key: "expense_categories",
    cols: &[
        req("name", K::Str),
        c("unit_name", K::Str, D::Null),
        c("unit_price", K::Dec, D::Null),
        c("is_active", K::Bool, D::Bool(true)),
    ],
    member_read: true,
};

pub const INVOICE_ITEM_CATEGORIES: Simple = Simple {
    table: "invoice_item_categories",
    key: "invoice_item_categories",
    cols: &[req("name", K::Str), ro("use_as_service", K::Bool), ro("use_as_expense", K::Bool)],
    member_read: false,
};

pub const ESTIMATE_ITEM_CATEGORIES: Simple = Simple {
    table: "estimate_item_categories",
    key: "estimate_item_categories",
    cols: &[req("name", K::Str)],
    member_read: false,
};

fn simple_one(ctx: &Ctx, s: &Simple, id: i64) -> ApiResult<Value> {
    let sql = format!("SELECT {} FROM {} a WHERE a.id = ?1", select_list(s.cols, "a"), s.table);
    let r = ctx.conn.prepare_cached(&sql)?.query_row([id], |r| render_row(r, s.cols, 0).map(|x| x.0));
    match r {
        Ok(m) => Ok(Value::Object(m)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Err(ApiError::NotFound),
        Err(e) => Err(e.into()),
    }
}

pub fn simple_list(ctx: &Ctx, s: &Simple) -> ApiResult<Resp> {
    if !s.member_read {
        ctx.admin()?;
    }
    let mut f = Filter::default();
    if s.cols.iter().any(|c| c.name == "is_active") {
        if let Some(b) = ctx.q_bool("is_active")? {
            f.add("a.is_active = ?", b as i64);
        }
    }
    if let Some(t) = ctx.q_updated_since()? {
        f.add("a.updated_at >= ?", t);
    }
    let from = format!("FROM {} a", s.table);
    let select = select_list(s.cols, "a");
    list(
        ctx,
        ListSpec {
            key: s.key,
            from: &from,
            count_from: None,
            select: &select,
            filter: f,
            order: "a.id DESC",
            id_col: "a.id",
            cursor: true,
            default_per_page: 2000,
        },
        |r| Ok(Value::Object(render_row(r, s.cols, 0)?.0)),
    )
}

pub fn simple_get(ctx: &Ctx, s: &Simple, id: i64) -> ApiResult<Resp> {
    if !s.member_read {
        ctx.admin()?;
    }
    Resp::ok(simple_one(ctx, s, id)?)
}

pub fn simple_create(ctx: &Ctx, s: &Simple) -> ApiResult<Resp> {
    ctx.admin()?;
    let extra: Vec<(&str, Sql)> = if s.table == "invoice_item_categories" {
        vec![("use_as_service", Sql::Integer(0)), ("use_as_expense", Sql::Integer(0))]
    } else {
        vec![]
    };
    let id = insert_row(ctx.conn, s.table, s.cols, &ctx.p, &extra, &ctx.now_s)?;
    Resp::created(simple_one(ctx, s, id)?, ctx.location(&format!("{}/{id}", s.key)))
}

pub fn simple_update(ctx: &Ctx, s: &Simple, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, s.table, id)?;
    update_row(ctx.conn, s.table, s.cols, id, &ctx.p, &[], &ctx.now_s)?;
    Resp::ok(simple_one(ctx, s, id)?)
}

pub fn simple_delete(ctx: &Ctx, s: &Simple, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, s.table, id)?;
    match s.table {
        "invoice_item_categories" => {
            let used: i64 = ctx.conn.query_row(
                "SELECT use_as_service + use_as_expense FROM invoice_item_categories WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if used > 0 {
                return unprocessable("This item category is not removable. It is used for time or expenses when generating invoices.");
            }
        }
        "expense_categories" => {
            if ctx.conn.prepare_cached("SELECT 1 FROM expenses WHERE expense_category_id = ?1")?.exists([id])? {
                return unprocessable("This expense category is not removable. It still has expenses.");
            }
        }
        _ => {}
    }
    ctx.conn.execute(&format!("DELETE FROM {} WHERE id = ?1", s.table), [id])?;
    Resp::ok(Value::Null)
}

// ---------- clients ----------

pub const CLIENT_COLS: &[Col] = &[
    req("name", K::Str),
    c("is_active", K::Bool, D::Bool(true)),
    c("address", K::Str, D::Null),
    ro("statement_key", K::Str),
    c("currency", K::Str, D::Null),
];

fn client_one(ctx: &Ctx, id: i64) -> ApiResult<Value> {
    let sql = format!("SELECT {} FROM clients a WHERE a.id = ?1", select_list(CLIENT_COLS, "a"));
    match ctx.conn.prepare_cached(&sql)?.query_row([id], |r| render_row(r, CLIENT_COLS, 0).map(|x| x.0)) {
        Ok(m) => Ok(Value::Object(m)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Err(ApiError::NotFound),
        Err(e) => Err(e.into()),
    }
}

pub fn clients_list(ctx: &Ctx) -> ApiResult<Resp> {
    ctx.admin()?;
    let mut f = Filter::default();
    if let Some(b) = ctx.q_bool("is_active")? {
        f.add("a.is_active = ?", b as i64);
    }
    if let Some(t) = ctx.q_updated_since()? {
        f.add("a.updated_at >= ?", t);
    }
    let select = select_list(CLIENT_COLS, "a");
    list(
        ctx,
        ListSpec {
            key: "clients",
            from: "FROM clients a",
            count_from: None,
            select: &select,
            filter: f,
            order: "a.id DESC",
            id_col: "a.id",
            cursor: true,
            default_per_page: 2000,
        },
        |r| Ok(Value::Object(render_row(r, CLIENT_COLS, 0)?.0)),
    )
}

pub fn clients_get(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    Resp::ok(client_one(ctx, id)?)
}

pub fn clients_create(ctx: &Ctx) -> ApiResult<Resp> {
    ctx.admin()?;
    let mut extra = vec![];
    if matches!(ctx.p.str("currency").p()?, None) {
        extra.push(("currency", Sql::Text(company_currency(ctx.conn)?)));
    }
    let id = insert_row(ctx.conn, "clients", CLIENT_COLS, &ctx.p, &extra, &ctx.now_s)?;
    ctx.conn.execute("UPDATE clients SET statement_key = ?1 WHERE id = ?2", rusqlite::params![hexkey(1, id), id])?;
    Resp::created(client_one(ctx, id)?, ctx.location(&format!("clients/{id}")))
}

pub fn clients_update(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "clients", id)?;
    update_row(ctx.conn, "clients", CLIENT_COLS, id, &ctx.p, &[], &ctx.now_s)?;
    Resp::ok(client_one(ctx, id)?)
}

pub fn clients_delete(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "clients", id)?;
    let busy = ctx.conn.prepare_cached("SELECT 1 FROM projects WHERE client_id = ?1")?.exists([id])?
        || ctx.conn.prepare_cached("SELECT 1 FROM invoices WHERE client_id = ?1")?.exists([id])?
        || ctx.conn.prepare_cached("SELECT 1 FROM estimates WHERE client_id = ?1")?.exists([id])?;
    if busy {
        return unprocessable("This client is not removable. It still has projects and/or invoices.");
    }
    ctx.conn.execute("DELETE FROM contacts WHERE client_id = ?1", [id])?;
    ctx.conn.execute("DELETE FROM clients WHERE id = ?1", [id])?;
    Resp::ok(Value::Null)
}

// ---------- contacts ----------

pub const CONTACT_COLS: &[Col] = &[
    c("title", K::Str, D::Null),
    req("first_name", K::Str),
    c("last_name", K::Str, D::Str("")),
    c("email", K::Str, D::Str("")),
    c("phone_office", K::Str, D::Str("")),
    c("phone_mobile", K::Str, D::Str("")),
    c("fax", K::Str, D::Str("")),
];

fn contact_render(ctx: &Ctx, r: &Row) -> ApiResult<Value> {
    let (mut m, i) = render_row(r, CONTACT_COLS, 0)?;
    let client_id: Option<i64> = r.get(i)?;
    m.insert("client".into(), name_ref(ctx.conn, "clients", client_id)?);
    Ok(Value::Object(m))
}

fn contact_one(ctx: &Ctx, id: i64) -> ApiResult<Value> {
    let sql = format!("SELECT {}, a.client_id FROM contacts a WHERE a.id = ?1", select_list(CONTACT_COLS, "a"));
    let mut stmt = ctx.conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => contact_render(ctx, r),
        None => Err(ApiError::NotFound),
    }
}

fn contact_client(ctx: &Ctx, required: bool) -> ApiResult<Option<i64>> {
    match ctx.p.int_field("client_id").p()? {
        crate::params::Field::Val(cid) => {
            if !exists(ctx.conn, "clients", cid)? {
                return unprocessable("Client can't be blank");
            }
            Ok(Some(cid))
        }
        crate::params::Field::Null => unprocessable("Client can't be blank"),
        crate::params::Field::Absent if required => unprocessable("Client can't be blank"),
        crate::params::Field::Absent => Ok(None),
    }
}

pub fn contacts_list(ctx: &Ctx) -> ApiResult<Resp> {
    ctx.admin()?;
    let mut f = Filter::default();
    if let Some(cid) = ctx.q_int("client_id")? {
        f.add("a.client_id = ?", cid);
    }
    if let Some(t) = ctx.q_updated_since()? {
        f.add("a.updated_at >= ?", t);
    }
    let select = format!("{}, a.client_id", select_list(CONTACT_COLS, "a"));
    list(
        ctx,
        ListSpec {
            key: "contacts",
            from: "FROM contacts a",
            count_from: None,
            select: &select,
            filter: f,
            order: "a.id DESC",
            id_col: "a.id",
            cursor: true,
            default_per_page: 2000,
        },
        |r| contact_render(ctx, r),
    )
}

pub fn contacts_get(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    Resp::ok(contact_one(ctx, id)?)
}

pub fn contacts_create(ctx: &Ctx) -> ApiResult<Resp> {
    ctx.admin()?;
    let cid = contact_client(ctx, true)?;
    let id = insert_row(ctx.conn, "contacts", CONTACT_COLS, &ctx.p, &[("client_id", Sql::from(cid))], &ctx.now_s)?;
    Resp::created(contact_one(ctx, id)?, ctx.location(&format!("contacts/{id}")))
}

pub fn contacts_update(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "contacts", id)?;
    let mut extra = vec![];
    if let Some(cid) = contact_client(ctx, false)? {
        extra.push(("client_id", Sql::Integer(cid)));
    }
    update_row(ctx.conn, "contacts", CONTACT_COLS, id, &ctx.p, &extra, &ctx.now_s)?;
    Resp::ok(contact_one(ctx, id)?)
}

pub fn contacts_delete(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "contacts", id)?;
    ctx.conn.execute("DELETE FROM contacts WHERE id = ?1", [id])?;
    Resp::ok(Value::Null)
}

// ---------- tasks ----------

pub const TASK_COLS: &[Col] = &[
    req("name", K::Str),
    c("billable_by_default", K::Bool, D::Bool(true)),
    c("default_hourly_rate", K::Dec, D::Dec(0)),
    c("is_default", K::Bool, D::Bool(false)),
    c("is_active", K::Bool, D::Bool(true)),
];

pub const TASKS: Simple = Simple { table: "tasks", key: "tasks", cols: TASK_COLS, member_read: true };

pub fn tasks_list(ctx: &Ctx) -> ApiResult<Resp> {
    simple_list(ctx, &TASKS)
}
pub fn tasks_get(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    simple_get(ctx, &TASKS, id)
}
pub fn tasks_create(ctx: &Ctx) -> ApiResult<Resp> {
    ctx.admin()?;
    if let Some(n) = ctx.p.str("name").p()? {
        if ctx.conn.prepare_cached("SELECT 1 FROM tasks WHERE name = ?1")?.exists([n.trim()])? {
            return unprocessable("Name has already been taken");
        }
    }
    simple_create(ctx, &TASKS)
}
pub fn tasks_update(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    simple_update(ctx, &TASKS, id)
}
pub fn tasks_delete(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "tasks", id)?;
    if ctx.conn.prepare_cached("SELECT 1 FROM time_entries WHERE task_id = ?1")?.exists([id])? {
        return unprocessable("This task is not removable. It still has time entries.");
    }
    ctx.conn.execute("DELETE FROM task_assignments WHERE task_id = ?1", [id])?;
    ctx.conn.execute("DELETE FROM tasks WHERE id = ?1", [id])?;
    Resp::ok(Value::Null)
}

// ---------- roles ----------

fn role_render(ctx: &Ctx, r: &Row) -> ApiResult<Value> {
    let id: i64 = r.get(0)?;
    let mut stmt = ctx.conn.prepare_cached("SELECT user_id FROM role_users WHERE role_id = ?1 ORDER BY user_id")?;
    let ids: Vec<i64> = stmt.query_map([id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(json!({
        "id": id, "name": r.get::<_, Option<String>>(1)?, "user_ids": ids,
        "created_at": r.get::<_, String>(2)?, "updated_at": r.get::<_, String>(3)?,
    }))
}

fn role_one(ctx: &Ctx, id: i64) -> ApiResult<Value> {
    let mut stmt = ctx.conn.prepare_cached("SELECT id, name, created_at, updated_at FROM roles WHERE id = ?1")?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => role_render(ctx, r),
        None => Err(ApiError::NotFound),
    }
}

fn role_set_users(ctx: &Ctx, id: i64) -> ApiResult<()> {
    if let Some(ids) = ctx.p.id_list("user_ids").p()? {
        for u in &ids {
            if !exists(ctx.conn, "users", *u)? {
                return unprocessable("User ids is invalid");
            }
        }
        ctx.conn.execute("DELETE FROM role_users WHERE role_id = ?1", [id])?;
        for u in ids {
            ctx.conn.execute("INSERT OR IGNORE INTO role_users(role_id, user_id) VALUES (?1, ?2)", [id, u])?;
        }
    }
    Ok(())
}

pub fn roles_list(ctx: &Ctx) -> ApiResult<Resp> {
    ctx.admin()?;
    list(
        ctx,
        ListSpec {
            key: "roles",
            from: "FROM roles a",
            count_from: None,
            select: "a.id, a.name, a.created_at, a.updated_at",
            filter: Filter::default(),
            order: "a.id DESC",
            id_col: "a.id",
            cursor: true,
            default_per_page: 2000,
        },
        |r| role_render(ctx, r),
    )
}

pub fn roles_get(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    Resp::ok(role_one(ctx, id)?)
}

pub fn roles_create(ctx: &Ctx) -> ApiResult<Resp> {
    ctx.admin()?;
    let cols = [req("name", K::Str)];
    let id = insert_row(ctx.conn, "roles", &cols, &ctx.p, &[], &ctx.now_s)?;
    role_set_users(ctx, id)?;
    Resp::created(role_one(ctx, id)?, ctx.location(&format!("roles/{id}")))
}

pub fn roles_update(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "roles", id)?;
    let cols = [req("name", K::Str)];
    update_row(ctx.conn, "roles", &cols, id, &ctx.p, &[], &ctx.now_s)?;
    role_set_users(ctx, id)?;
    Resp::ok(role_one(ctx, id)?)
}

pub fn roles_delete(ctx: &Ctx, id: i64) -> ApiResult<Resp> {
    ctx.admin()?;
    must_exist(ctx.conn, "roles", id)?;
    ctx.conn.execute("DELETE FROM role_users WHERE role_id = ?1", [id])?;
    ctx.conn.execute("DELETE FROM roles WHERE id = ?1", [id])?;
    Resp::ok(Value::Null)
}
