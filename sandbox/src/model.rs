//! Shared plumbing for the API: errors, responses, column specs, generic row rendering and writes.

use crate::dec::Dec;
use crate::params::{humanize, Params};
use rusqlite::types::Value as Sql;
use rusqlite::{Connection, Row};
use serde_json::{json, Map, Value};

#[derive(Debug)]
pub enum ApiError {
    BadRequest(String),
    Unauthorized,
    Forbidden,
    NotFound,
    /// Unroutable path: Harvest answers with an HTML page.
    NoRoute,
    Unprocessable(String),
    Internal(String),
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::Internal(e.to_string())
    }
}

pub fn unprocessable<T>(msg: impl Into<String>) -> Result<T, ApiError> {
    Err(ApiError::Unprocessable(msg.into()))
}

/// Turns a parameter error (a message) into a 422.
pub trait OrUnprocessable<T> {
    fn p(self) -> Result<T, ApiError>;
}
impl<T> OrUnprocessable<T> for Result<T, String> {
    fn p(self) -> Result<T, ApiError> {
        self.map_err(ApiError::Unprocessable)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

pub struct Resp {
    pub status: u16,
    pub body: Value,
    /// an already serialised JSON body (large lists); wins over `body`
    pub raw: Option<Vec<u8>>,
    pub location: Option<String>,
}

impl Resp {
    pub fn ok(body: Value) -> ApiResult<Resp> {
        Ok(Resp { status: 200, body, raw: None, location: None })
    }
    pub fn created(body: Value, location: String) -> ApiResult<Resp> {
        Ok(Resp { status: 201, body, raw: None, location: Some(location) })
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum K {
    Str,
    Bool,
    Int,
    Dec,
    Date,
    DateTime,
    Json,
}

#[derive(Clone, Copy, Debug)]
pub enum D {
    Null,
    Str(&'static str),
    Bool(bool),
    Int(i64),
    Dec(i64),
    EmptyArr,
}

#[derive(Clone, Copy, Debug)]
pub struct Col {
    pub name: &'static str,
    pub k: K,
    /// settable by clients on create/update
    pub w: bool,
    pub def: D,
    /// required on create
    pub req: bool,
}

pub const fn c(name: &'static str, k: K, def: D) -> Col {
    Col { name, k, w: true, def, req: false }
}
pub const fn req(name: &'static str, k: K) -> Col {
    Col { name, k, w: true, def: D::Null, req: true }
}
/// read-only (server-maintained) column
pub const fn ro(name: &'static str, k: K) -> Col {
    Col { name, k, w: false, def: D::Null, req: false }
}

pub fn default_sql(d: D) -> Sql {
    match d {
        D::Null => Sql::Null,
        D::Str(s) => Sql::Text(s.to_string()),
        D::Bool(b) => Sql::Integer(b as i64),
        D::Int(i) => Sql::Integer(i),
        D::Dec(i) => Sql::Integer(i),
        D::EmptyArr => Sql::Text("[]".into()),
    }
}

/// Converts a parameter to the SQL value for a column (None = absent).
pub fn param_sql(p: &Params, col: &Col) -> ApiResult<Option<Sql>> {
    let k = col.name;
    if !p.has(k) {
        return Ok(None);
    }
    let v = match col.k {
        K::Str => p.str_field(k).map_err(ApiError::Unprocessable)?.val().map(Sql::Text),
        K::Bool => p.bool_field(k).map_err(ApiError::Unprocessable)?.val().map(|b| Sql::Integer(b as i64)),
        K::Int => p.int_field(k).map_err(ApiError::Unprocessable)?.val().map(Sql::Integer),
        K::Dec => p.dec_field(k).map_err(ApiError::Unprocessable)?.val().map(|d| Sql::Integer(d.0)),
        K::Date => p.date_field(k).map_err(ApiError::Unprocessable)?.val().map(|d| Sql::Text(d.to_string())),
        K::DateTime => p.str_field(k).map_err(ApiError::Unprocessable)?.val().map(Sql::Text),
        K::Json => match p.get(k) {
            Some(Value::Array(_)) | Some(Value::Object(_)) => Some(Sql::Text(p.get(k).unwrap().to_string())),
            Some(Value::Null) => None,
            _ => return Err(ApiError::Unprocessable(format!("{} is invalid", humanize(k)))),
        },
    };
    Ok(Some(v.unwrap_or(Sql::Null)))
}

pub fn render_val(k: K, v: Sql) -> Value {
    match (k, v) {
        (_, Sql::Null) => Value::Null,
        (K::Bool, Sql::Integer(i)) => Value::Bool(i != 0),
        (K::Int, Sql::Integer(i)) => json!(i),
        (K::Dec, Sql::Integer(i)) => Dec(i).to_json(),
        (K::Json, Sql::Text(s)) => serde_json::from_str(&s).unwrap_or(Value::Null),
        (_, Sql::Text(s)) => Value::String(s),
        (_, Sql::Integer(i)) => json!(i),
        (_, Sql::Real(f)) => json!(f),
        (_, Sql::Blob(_)) => Value::Null,
    }
}

/// `id, <cols...>, created_at, updated_at`
pub fn select_list(cols: &[Col], alias: &str) -> String {
    let mut s = format!("{alias}.id");
    for c in cols {
        s.push_str(&format!(", {alias}.{}", c.name));
    }
    s.push_str(&format!(", {alias}.created_at, {alias}.updated_at"));
    s
}

/// Renders the columns of `select_list` starting at `start`; returns the map and the next index.
pub fn render_row(row: &Row, cols: &[Col], start: usize) -> rusqlite::Result<(Map<String, Value>, usize)> {
    let mut m = Map::new();
    m.insert("id".into(), json!(row.get::<_, i64>(start)?));
    let mut i = start + 1;
    for c in cols {
        m.insert(c.name.into(), render_val(c.k, row.get::<_, Sql>(i)?));
        i += 1;
    }
    m.insert("created_at".into(), render_val(K::DateTime, row.get::<_, Sql>(i)?));
    m.insert("updated_at".into(), render_val(K::DateTime, row.get::<_, Sql>(i + 1)?));
    Ok((m, i + 2))
}

/// Inserts a row from params (writable columns) plus `extra` fixed columns. Checks required columns.
pub fn insert_row(
    conn: &Connection,
    table: &str,
    cols: &[Col],
    p: &Params,
    extra: &[(&str, Sql)],
    now: &str,
) -> ApiResult<i64> {
    let mut names: Vec<String> = Vec::new();
    let mut vals: Vec<Sql> = Vec::new();
    let mut missing = Vec::new();
    for col in cols {
        if extra.iter().any(|(n, _)| *n == col.name) {
            continue;
        }
        let v = if col.w { param_sql(p, col)? } else { None };
        if col.req && matches!(v, None | Some(Sql::Null)) {
            missing.push(format!("{} can't be blank", humanize(col.name)));
            continue;
        }
        if matches!(&v, Some(Sql::Text(s)) if col.req && s.trim().is_empty()) {
            missing.push(format!("{} can't be blank", humanize(col.name)));
            continue;
        }
        names.push(col.name.to_string());
        vals.push(v.unwrap_or_else(|| default_sql(col.def)));
    }
    if !missing.is_empty() {
        return Err(ApiError::Unprocessable(missing.join(", ")));
    }
    for (n, v) in extra {
        names.push(n.to_string());
        vals.push(v.clone());
    }
    names.push("created_at".into());
    vals.push(Sql::Text(now.into()));
    names.push("updated_at".into());
    vals.push(Sql::Text(now.into()));
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        (1..=names.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
    );
    conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(vals))?;
    Ok(conn.last_insert_rowid())
}

/// Updates writable columns present in params (plus `extra`); always bumps updated_at.
pub fn update_row(
    conn: &Connection,
    table: &str,
    cols: &[Col],
    id: i64,
    p: &Params,
    extra: &[(&str, Sql)],
    now: &str,
) -> ApiResult<()> {
    let mut sets: Vec<String> = Vec::new();
    let mut vals: Vec<Sql> = Vec::new();
    for col in cols.iter().filter(|c| c.w) {
        if extra.iter().any(|(n, _)| *n == col.name) {
            continue;
        }
        if let Some(v) = param_sql(p, col)? {
            if col.req && (matches!(v, Sql::Null) || matches!(&v, Sql::Text(s) if s.trim().is_empty())) {
                return unprocessable(format!("{} can't be blank", humanize(col.name)));
            }
            sets.push(format!("{} = ?{}", col.name, vals.len() + 1));
            vals.push(v);
        }
    }
    for (n, v) in extra {
        sets.push(format!("{} = ?{}", n, vals.len() + 1));
        vals.push(v.clone());
    }
    sets.push(format!("updated_at = ?{}", vals.len() + 1));
    vals.push(Sql::Text(now.into()));
    vals.push(Sql::Integer(id));
    let sql = format!("UPDATE {table} SET {} WHERE id = ?{}", sets.join(", "), vals.len());
    conn.execute(&sql, rusqlite::params_from_iter(vals))?;
    Ok(())
}

pub fn exists(conn: &Connection, table: &str, id: i64) -> ApiResult<bool> {
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.exists([id])?)
}

pub fn must_exist(conn: &Connection, table: &str, id: i64) -> ApiResult<()> {
    if exists(conn, table, id)? {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

pub fn count(conn: &Connection, sql: &str, params: &[Sql]) -> ApiResult<i64> {
    Ok(conn.prepare_cached(sql)?.query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?)
}
