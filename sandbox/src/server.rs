//! HTTP layer: connection handling, CORS, auth, rate limits, fault injection, OAuth and dispatch.

use crate::api::{self, fmt_time, Ctx, User};
use crate::model::{ApiError, Resp};
use crate::params::{form_to_map, parse_pairs, Params};
use crate::{Config, StartInfo, UserInfo, ACCOUNT_ID};
use bytes::Bytes;
use chrono::Utc;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::{Request, Response, StatusCode};
use rusqlite::Connection;
use serde_json::{json, Value};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct App {
    db: crate::db::Pool,
    cfg: Config,
    limiter: Mutex<HashMap<(String, bool), VecDeque<Instant>>>,
    faults: Mutex<Vec<Fault>>,
    fault_seq: AtomicU64,
    rng: AtomicU64,
    requests: AtomicU64,
    rate_limited: AtomicU64,
    request_ids: AtomicU64,
}

#[derive(Clone, Debug)]
struct Fault {
    id: u64,
    method: Option<String>,
    path: String,
    times: Option<u64>,
    probability: Option<f64>,
    kind: FaultKind,
    status: u16,
    ms: u64,
    retry_after: u64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum FaultKind {
    Status,
    RateLimit,
    Stall,
    Drop,
    Truncate,
}

impl FaultKind {
    fn name(self) -> &'static str {
        match self {
            FaultKind::Status => "status",
            FaultKind::RateLimit => "rate_limit",
            FaultKind::Stall => "stall",
            FaultKind::Drop => "drop",
            FaultKind::Truncate => "truncate",
        }
    }
}

impl Fault {
    fn json(&self) -> Value {
        json!({"id": self.id, "method": self.method, "path": self.path, "times": self.times,
               "probability": self.probability, "fault": self.kind.name(), "status": self.status,
               "ms": self.ms, "retry_after": self.retry_after})
    }
}

pub fn oauth_client(account_id: i64) -> (String, String) {
    (
        format!("sbx-client-{}", &api::basic::hexkey(11, account_id)[..20]),
        format!("sbx-secret-{}", &api::basic::hexkey(12, account_id)[..32]),
    )
}

pub fn pat_for(user_id: i64) -> String {
    format!("sbx-pat-{}", &api::basic::hexkey(13, user_id)[..32])
}

type Body = Full<Bytes>;

fn json_resp(status: u16, body: &Value) -> Response<Body> {
    json_bytes(status, serde_json::to_vec(body).unwrap_or_default())
}

fn json_bytes(status: u16, body: Vec<u8>) -> Response<Body> {
    let mut r = Response::new(Full::new(Bytes::from(body)));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    r
}

fn empty_resp(status: u16) -> Response<Body> {
    let mut r = Response::new(Full::new(Bytes::new()));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    r
}

fn html_resp(status: u16, title: &str, text: &str) -> Response<Body> {
    let html = format!(
        "<!DOCTYPE html>\n<html>\n<head><title>{title}</title></head>\n<body>\n<h1>{title}</h1>\n<p>{text}</p>\n</body>\n</html>\n"
    );
    let mut r = Response::new(Full::new(Bytes::from(html)));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    r
}

fn too_many(retry_after: u64) -> Response<Body> {
    let mut r = html_resp(429, "429 Too Many Requests", "Slow down: the rate limit has been exceeded. Retry later.");
    r.headers_mut().insert("retry-after", HeaderValue::from(retry_after));
    r
}

fn invalid_token() -> Response<Body> {
    let mut r = json_resp(
        401,
        &json!({"error": "invalid_token", "error_description": "The access token provided is expired, revoked, malformed or invalid for other reasons."}),
    );
    r.headers_mut().insert(
        "www-authenticate",
        HeaderValue::from_static("Bearer realm=\"Rack::OAuth2 Protected Resources\", error=\"invalid_token\", error_description=\"The access token provided is expired, revoked, malformed or invalid for other reasons.\""),
    );
    r
}

fn not_found_html() -> Response<Body> {
    html_resp(404, "404 Not Found", "The page you were looking for doesn't exist.")
}

fn error_resp(e: ApiError) -> Response<Body> {
    match e {
        ApiError::BadRequest(m) => json_resp(400, &json!({"message": m})),
        ApiError::Unauthorized => invalid_token(),
        ApiError::Forbidden => json_resp(403, &json!({"message": "Not authorized!"})),
        ApiError::NotFound => json_resp(404, &json!({"status": 404, "error": "Not Found"})),
        ApiError::NoRoute => not_found_html(),
        ApiError::Unprocessable(m) => json_resp(422, &json!({"message": m})),
        ApiError::Internal(m) => {
            eprintln!("harvest-sandbox: internal error: {m}");
            json_resp(500, &json!({"message": "Internal server error"}))
        }
    }
}

fn header<'a>(req: &'a Request<Incoming>, name: &str) -> Option<&'a str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

fn add_cors(r: &mut Response<Body>) {
    let h = r.headers_mut();
    h.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    h.insert(
        "access-control-expose-headers",
        HeaderValue::from_static("Retry-After, Location, X-Request-Id, Content-Length"),
    );
}

impl App {
    pub fn new(cfg: Config) -> Result<App, String> {
        let db = crate::db::Pool::open(cfg.db.as_deref()).map_err(|e| format!("cannot open database: {e}"))?;
        let conn = db.writer();
        let fresh: bool = conn
            .query_row("SELECT COUNT(*) = 0 FROM company", [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        if fresh {
            let seed = cfg.seed.unwrap_or(crate::Seed::Demo);
            crate::seed::seed(&conn, seed, ACCOUNT_ID).map_err(|e| format!("seeding failed: {e}"))?;
        }
        if cfg.seed_time_entries > 0 {
            crate::seed::bulk_time_entries(&conn, cfg.seed_time_entries).map_err(|e| format!("seeding failed: {e}"))?;
        }
        drop(conn);
        // two read connections per core (at least 4): reads are CPU-bound, but a few more than the
        // cores keep them running when other processes share the machine
        let readers = (2 * std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)).clamp(4, 8);
        db.open_readers(readers).map_err(|e| format!("cannot open database: {e}"))?;
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1);
        Ok(App {
            db,
            cfg,
            limiter: Mutex::new(HashMap::new()),
            faults: Mutex::new(vec![]),
            fault_seq: AtomicU64::new(1),
            rng: AtomicU64::new(nanos | 1),
            requests: AtomicU64::new(0),
            rate_limited: AtomicU64::new(0),
            request_ids: AtomicU64::new(1),
        })
    }

    pub fn start_info(&self, base_url: &str) -> Result<StartInfo, rusqlite::Error> {
        let conn = self.db.reader();
        let account_id: i64 = conn.query_row("SELECT account_id FROM company WHERE id = 1", [], |r| r.get(0))?;
        let mut stmt = conn.prepare(
            "SELECT u.id, u.email, t.token, u.access_roles FROM users u JOIN tokens t ON t.user_id = u.id AND t.kind = 'pat'
             WHERE u.is_active = 1 ORDER BY u.id",
        )?;
        let users: Vec<UserInfo> = stmt
            .query_map([], |r| {
                let roles: String = r.get(3)?;
                Ok(UserInfo { id: r.get(0)?, email: r.get(1)?, access_token: r.get(2)?, is_admin: roles.contains("administrator") })
            })?
            .collect::<Result<_, _>>()?;
        let admin = users.iter().find(|u| u.is_admin).map(|u| u.access_token.clone()).unwrap_or_default();
        let member = users.iter().find(|u| !u.is_admin).map(|u| u.access_token.clone());
        let (cid, secret) = oauth_client(account_id);
        Ok(StartInfo {
            base_url: base_url.to_string(),
            account_id,
            access_token: admin,
            member_access_token: member,
            oauth_client_id: cid,
            oauth_client_secret: secret,
            users,
        })
    }

    fn random_hex(&self) -> String {
        let x = self.rng.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed);
        api::basic::hexkey(x, x as i64 ^ 0x5bd1e995)
    }

    fn rand_f64(&self) -> f64 {
        let x = self.rng.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }

    fn take_fault(&self, method: &str, path: &str) -> Option<Fault> {
        let mut faults = self.faults.lock().unwrap_or_else(|e| e.into_inner());
        let idx = faults.iter().position(|f| {
            f.method.as_deref().map(|m| m.eq_ignore_ascii_case(method)).unwrap_or(true) && path.starts_with(&f.path)
        })?;
        let f = faults[idx].clone();
        if let Some(p) = f.probability {
            return if self.rand_f64() < p { Some(f) } else { None };
        }
        if let Some(t) = faults[idx].times.as_mut() {
            *t = t.saturating_sub(1);
            if *t == 0 {
                faults.remove(idx);
            }
        }
        Some(f)
    }

    /// Sliding log: no more than N admitted requests in any window. Returns Retry-After seconds when over.
    /// Counts a request that `arrived` then against its token's window, as Harvest does at its
    /// edge: by arrival, not by when a handler got to it (a request may wait for a database
    /// connection; timing it then would squeeze requests together that arrived apart).
    fn rate_check(&self, token: &str, reports: bool, arrived: Instant) -> Option<u64> {
        let limit = if reports { self.cfg.reports_rate_limit.as_ref() } else { self.cfg.rate_limit.as_ref() }?;
        let mut map = self.limiter.lock().unwrap_or_else(|e| e.into_inner());
        let log = map.entry((token.to_string(), reports)).or_default();
        while let Some(&t) = log.front() {
            if arrived.saturating_duration_since(t) >= limit.window {
                log.pop_front();
            } else {
                break;
            }
        }
        if log.len() >= limit.requests {
            let oldest = *log.front()?;
            let wait = limit.window.saturating_sub(arrived.saturating_duration_since(oldest));
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            return Some(secs.max(1));
        }
        // Handlers can run out of arrival order: keep the log sorted.
        let at = log.partition_point(|&t| t <= arrived);
        log.insert(at, arrived);
        None
    }
}

fn now_unix() -> i64 {
    Utc::now().timestamp()
}

enum Auth {
    Ok(User),
    Fail,
}

fn authenticate(conn: &Connection, token: Option<&str>, account: Option<&str>, need_account: bool) -> Result<Auth, rusqlite::Error> {
    let Some(token) = token.filter(|t| !t.is_empty()) else { return Ok(Auth::Fail) };
    if need_account {
        let ok = account.map(|a| a.trim().parse::<i64>().ok() == Some(crate::ACCOUNT_ID)).unwrap_or(false);
        if !ok {
            return Ok(Auth::Fail);
        }
    }
    let row = conn
        .prepare_cached(
            "SELECT t.user_id, t.expires_at, u.access_roles, u.is_active FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token = ?1",
        )?
        .query_row([token], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?, r.get::<_, bool>(3)?))
        });
    match row {
        Ok((uid, exp, roles, active)) => {
            if exp.map(|e| e <= now_unix()).unwrap_or(false) || !active {
                return Ok(Auth::Fail);
            }
            Ok(Auth::Ok(User { id: uid, is_admin: roles.contains("\"administrator\""), is_active: active }))
        }
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(Auth::Fail),
        Err(e) => Err(e),
    }
}

fn bearer(req: &Request<Incoming>) -> Option<String> {
    let h = header(req, "authorization")?;
    let (scheme, tok) = h.trim().split_once(' ')?;
    if scheme.eq_ignore_ascii_case("bearer") {
        Some(tok.trim().to_string())
    } else {
        None
    }
}

/// Parses a request body into a JSON object: JSON (objects only) or form-encoded.
fn parse_body(ct: &str, body: &[u8]) -> Result<serde_json::Map<String, Value>, ApiError> {
    let trimmed = body.iter().skip_while(|b| b.is_ascii_whitespace()).copied().collect::<Vec<u8>>();
    if trimmed.is_empty() {
        return Ok(Default::default());
    }
    let is_json = ct.contains("json") || (!ct.contains("x-www-form-urlencoded") && matches!(trimmed[0], b'{' | b'['));
    if is_json {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(m)) => Ok(m),
            Ok(_) => Err(ApiError::BadRequest("The request body must be a JSON object".into())),
            Err(e) => Err(ApiError::BadRequest(format!("Malformed JSON in the request body: {e}"))),
        }
    } else if ct.contains("x-www-form-urlencoded") || ct.is_empty() || ct.starts_with("text/plain") {
        let s = std::str::from_utf8(body).map_err(|_| ApiError::BadRequest("The request body is not valid UTF-8".into()))?;
        Ok(form_to_map(&parse_pairs(s)))
    } else {
        Err(ApiError::BadRequest(format!("Unsupported Content-Type: {ct}")))
    }
}

struct ReqInfo {
    /// When the request arrived (its time for the rate limits).
    arrived: Instant,
    method: String,
    path: String,
    query: String,
    base: String,
    ct: String,
    user_agent: Option<String>,
    token: Option<String>,
    account: Option<String>,
}

async fn handle(app: Arc<App>, req: Request<Incoming>) -> Result<Response<Body>, std::io::Error> {
    let rid = app.request_ids.fetch_add(1, Ordering::Relaxed);
    let mut resp = handle_inner(&app, req).await?;
    add_cors(&mut resp);
    let h = resp.headers_mut();
    h.insert("x-request-id", HeaderValue::from_str(&format!("sbx-{rid:08}")).unwrap_or(HeaderValue::from_static("sbx")));
    if !h.contains_key("cache-control") {
        h.insert("cache-control", HeaderValue::from_static("no-store"));
    }
    Ok(resp)
}

async fn handle_inner(app: &Arc<App>, req: Request<Incoming>) -> Result<Response<Body>, std::io::Error> {
    let arrived = Instant::now();
    let method = req.method().as_str().to_ascii_uppercase();
    let path = req.uri().path().to_string();
    if method == "OPTIONS" {
        let mut r = empty_resp(204);
        let h = r.headers_mut();
        h.insert("access-control-allow-methods", HeaderValue::from_static("GET, POST, PATCH, DELETE, OPTIONS"));
        h.insert(
            "access-control-allow-headers",
            HeaderValue::from_static("Authorization, Harvest-Account-Id, User-Agent, Content-Type, Accept"),
        );
        h.insert("access-control-max-age", HeaderValue::from_static("86400"));
        return Ok(r);
    }
    if path.starts_with("/_sandbox/") || path == "/_sandbox" {
        if !app.cfg.faults {
            return Ok(not_found_html());
        }
        let body = match read_body(app, req).await {
            Ok(b) => b,
            Err(r) => return Ok(r),
        };
        return Ok(sandbox_admin(app, &method, &path, &body));
    }
    app.requests.fetch_add(1, Ordering::Relaxed);

    let fault = if app.cfg.faults { app.take_fault(&method, &path) } else { None };
    if let Some(f) = &fault {
        match f.kind {
            FaultKind::Status => return Ok(html_resp(f.status, &format!("{} Error", f.status), "Injected fault.")),
            FaultKind::RateLimit => return Ok(too_many(f.retry_after)),
            FaultKind::Stall => tokio::time::sleep(Duration::from_millis(f.ms)).await,
            FaultKind::Drop | FaultKind::Truncate => {}
        }
    }

    let host = header(&req, "host").unwrap_or("127.0.0.1").to_string();
    let info = ReqInfo {
        arrived,
        method: method.clone(),
        path: path.clone(),
        query: req.uri().query().unwrap_or("").to_string(),
        base: format!("http://{host}"),
        ct: header(&req, "content-type").unwrap_or("").to_ascii_lowercase(),
        user_agent: header(&req, "user-agent").map(str::to_string),
        token: bearer(&req),
        account: header(&req, "harvest-account-id").map(str::to_string),
    };
    let body = match read_body(app, req).await {
        Ok(b) => b,
        Err(r) => return Ok(r),
    };
    // SQLite work blocks (CPU, locks, fsync with --db): run it off the async workers
    let app2 = app.clone();
    let resp = match tokio::task::spawn_blocking(move || route(&app2, info, &body)).await {
        Ok(r) => r,
        Err(_) => error_resp(ApiError::Internal("handler panicked".into())),
    };
    match fault.map(|f| f.kind) {
        Some(FaultKind::Drop) => Err(std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "injected drop")),
        Some(FaultKind::Truncate) => {
            let (parts, body) = resp.into_parts();
            let full = body.collect().await.map(|c| c.to_bytes()).unwrap_or_default();
            let half = full.slice(0..full.len() / 2);
            Ok(Response::from_parts(parts, Full::new(half)))
        }
        _ => Ok(resp),
    }
}

async fn read_body(app: &Arc<App>, req: Request<Incoming>) -> Result<Bytes, Response<Body>> {
    let limit = app.cfg.max_body_bytes;
    let too_large = || json_resp(413, &json!({"message": "Request body is too large"}));
    if let Some(len) = req.headers().get("content-length").and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok()) {
        if len > limit {
            return Err(too_large());
        }
    }
    match Limited::new(req.into_body(), limit).collect().await {
        Ok(c) => Ok(c.to_bytes()),
        Err(e) => {
            if e.downcast_ref::<http_body_util::LengthLimitError>().is_some() {
                Err(too_large())
            } else {
                Err(json_resp(400, &json!({"message": "Could not read the request body"})))
            }
        }
    }
}

fn route(app: &Arc<App>, info: ReqInfo, body: &[u8]) -> Response<Body> {
    let path = info.path.clone();
    if path == "/oauth2/authorize" && info.method == "GET" {
        return oauth_authorize(app, &info);
    }
    if path == "/api/v2/oauth2/token" && info.method == "POST" {
        return oauth_token(app, &info, body);
    }
    if path == "/api/v2/accounts" && info.method == "GET" {
        return accounts(app, &info);
    }
    let rest = path.strip_prefix("/api/v2/").or_else(|| path.strip_prefix("/v2/"));
    let Some(rest) = rest else { return not_found_html() };
    let segs: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
    if segs.iter().any(|s| s.is_empty()) {
        return not_found_html();
    }
    if info.user_agent.as_deref().map(str::trim).unwrap_or("").is_empty() {
        return json_resp(400, &json!({"message": "A User-Agent header is required"}));
    }
    let query_pairs = parse_pairs(&info.query);
    let q = |k: &str| query_pairs.iter().rev().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let token = info.token.clone().or_else(|| q("access_token"));
    let account = info.account.clone().or_else(|| q("account_id"));
    let reports = segs.first() == Some(&"reports");

    let write = info.method != "GET";
    // reads run on a pooled read connection inside one read transaction (one snapshot for the
    // count and the rows); writes on the single writer connection, each in its own transaction
    let reader;
    let writer;
    let conn: &Connection = if write {
        writer = app.db.writer();
        &writer
    } else {
        reader = app.db.reader();
        &reader
    };
    let generation = app.db.counts.generation();
    if !write {
        if let Err(e) = conn.prepare_cached("BEGIN").and_then(|mut s| s.execute([])) {
            return error_resp(e.into());
        }
    }
    // the token lookup is the transaction's first read: it fixes the snapshot
    let user = match authenticate(conn, token.as_deref(), account.as_deref(), true) {
        Ok(Auth::Ok(u)) => u,
        Ok(Auth::Fail) => return invalid_token(),
        Err(e) => return error_resp(ApiError::Internal(e.to_string())),
    };
    let counts = if write { None } else { app.db.counts.view(generation, app.db.counts.generation()) };
    if let Some(retry) = app.rate_check(token.as_deref().unwrap_or(""), reports, info.arrived) {
        app.rate_limited.fetch_add(1, Ordering::Relaxed);
        return too_many(retry);
    }
    let mut params = form_to_map(
        &query_pairs.iter().filter(|(k, _)| k != "access_token" && k != "account_id").cloned().collect::<Vec<_>>(),
    );
    if write {
        match parse_body(&info.ct, body) {
            Ok(m) => params.extend(m),
            Err(e) => return error_resp(e),
        }
    }
    let now = Utc::now();
    let ctx = Ctx {
        conn,
        counts,
        user,
        now,
        now_s: fmt_time(&now),
        today: now.date_naive(),
        base: info.base.clone(),
        path: info.path.clone(),
        query: query_pairs.clone(),
        p: Params(params),
        account_id: ACCOUNT_ID,
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> Result<Resp, ApiError> {
        if write {
            conn.execute_batch("BEGIN IMMEDIATE")?;
            let r = api::dispatch(&ctx, &info.method, &segs);
            if r.is_ok() {
                if let Err(e) = app.db.commit(conn) {
                    let _ = conn.execute_batch("ROLLBACK");
                    return Err(e.into());
                }
            } else {
                let _ = conn.execute_batch("ROLLBACK");
            }
            r
        } else {
            let r = api::dispatch(&ctx, &info.method, &segs);
            let _ = conn.prepare_cached("COMMIT").and_then(|mut s| s.execute([]));
            r
        }
    }));
    let result = match result {
        Ok(r) => r,
        Err(_) => {
            if !conn.is_autocommit() {
                let _ = conn.execute_batch("ROLLBACK");
            }
            Err(ApiError::Internal("handler panicked".into()))
        }
    };
    drop(ctx);
    match result {
        Ok(r) => {
            let mut resp = match r.raw {
                Some(raw) => json_bytes(r.status, raw),
                None if r.body.is_null() => empty_resp(r.status),
                None => json_resp(r.status, &r.body),
            };
            if let Some(loc) = r.location {
                if let Ok(v) = HeaderValue::from_str(&loc) {
                    resp.headers_mut().insert("location", v);
                }
            }
            resp
        }
        Err(e) => error_resp(e),
    }
}

// ---------- identity: OAuth2 and accounts ----------

fn oauth_error(status: u16, error: &str, description: &str) -> Response<Body> {
    json_resp(status, &json!({"error": error, "error_description": description}))
}

fn oauth_authorize(app: &Arc<App>, info: &ReqInfo) -> Response<Body> {
    let pairs = parse_pairs(&info.query);
    let q = |k: &str| pairs.iter().rev().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let (cid, _) = oauth_client(ACCOUNT_ID);
    if q("client_id").as_deref() != Some(cid.as_str()) {
        return oauth_error(400, "invalid_client", "Unknown client_id.");
    }
    let response_type = q("response_type").unwrap_or_default();
    if response_type != "code" && response_type != "token" {
        return oauth_error(400, "unsupported_response_type", "response_type must be code or token.");
    }
    let redirect = q("redirect_uri").unwrap_or_else(|| "http://localhost/oauth/callback".into());
    if !(redirect.starts_with("http://") || redirect.starts_with("https://")) {
        return oauth_error(400, "invalid_request", "redirect_uri must be an http or https URL.");
    }
    let conn = app.db.writer();
    // auto-approve as the administrator, or as `user_id` (a sandbox extension)
    let user_id: Option<i64> = match q("user_id").and_then(|u| u.parse::<i64>().ok()) {
        Some(u) => conn.query_row("SELECT id FROM users WHERE id = ?1 AND is_active = 1", [u], |r| r.get(0)).ok(),
        None => conn
            .query_row(
                "SELECT id FROM users WHERE access_roles LIKE '%\"administrator\"%' AND is_active = 1 ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .ok(),
    };
    let Some(user_id) = user_id else { return oauth_error(400, "invalid_request", "No such active user.") };
    let scope = format!("harvest:{ACCOUNT_ID}");
    let state = q("state");
    let enc = |s: &str| percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string();
    let location = if response_type == "code" {
        let code = format!("sbx-code-{}", app.random_hex());
        if let Err(e) = conn.execute(
            "INSERT INTO oauth_codes(code, user_id, client_id, expires_at) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![code, user_id, cid, now_unix() + 600],
        ) {
            return error_resp(ApiError::Internal(e.to_string()));
        }
        let mut qs = format!("code={}&scope={}", enc(&code), enc(&scope));
        if let Some(s) = &state {
            qs.push_str(&format!("&state={}", enc(s)));
        }
        format!("{}{}{}", redirect, if redirect.contains('?') { "&" } else { "?" }, qs)
    } else {
        let token = format!("sbx-oauth-{}", app.random_hex());
        let exp = app.cfg.token_expires_in;
        if let Err(e) = conn.execute(
            "INSERT INTO tokens(token, user_id, kind, expires_at, client_id) VALUES (?1, ?2, 'oauth', ?3, ?4)",
            rusqlite::params![token, user_id, now_unix() + exp as i64, cid],
        ) {
            return error_resp(ApiError::Internal(e.to_string()));
        }
        let mut frag = format!("access_token={}&token_type=bearer&expires_in={exp}&scope={}", enc(&token), enc(&scope));
        if let Some(s) = &state {
            frag.push_str(&format!("&state={}", enc(s)));
        }
        format!("{}#{}", redirect.split('#').next().unwrap_or(&redirect), frag)
    };
    let mut r = empty_resp(302);
    if let Ok(v) = HeaderValue::from_str(&location) {
        r.headers_mut().insert("location", v);
    }
    r
}

fn oauth_token(app: &Arc<App>, info: &ReqInfo, body: &[u8]) -> Response<Body> {
    let mut params = form_to_map(&parse_pairs(&info.query));
    match parse_body(&info.ct, body) {
        Ok(m) => params.extend(m),
        Err(_) => return oauth_error(400, "invalid_request", "The request body could not be parsed."),
    }
    let p = Params(params);
    let s = |k: &str| p.str(k).ok().flatten().unwrap_or_default();
    let (cid, secret) = oauth_client(ACCOUNT_ID);
    if s("client_id") != cid || s("client_secret") != secret {
        return oauth_error(401, "invalid_client", "Client authentication failed.");
    }
    let conn = app.db.writer();
    let now = now_unix();
    let (user_id, refresh) = match s("grant_type").as_str() {
        "authorization_code" => {
            let code = s("code");
            let row: Option<(i64, i64)> = conn
                .query_row("SELECT user_id, expires_at FROM oauth_codes WHERE code = ?1 AND client_id = ?2", [&code, &cid], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .ok();
            let _ = conn.execute("DELETE FROM oauth_codes WHERE code = ?1", [&code]);
            match row {
                Some((uid, exp)) if exp > now => {
                    let refresh = format!("sbx-refresh-{}", app.random_hex());
                    if let Err(e) = conn.execute(
                        "INSERT INTO refresh_tokens(token, user_id, client_id) VALUES (?1, ?2, ?3)",
                        rusqlite::params![refresh, uid, cid],
                    ) {
                        return error_resp(ApiError::Internal(e.to_string()));
                    }
                    (uid, refresh)
                }
                _ => {
                    return oauth_error(400, "invalid_grant", "The provided access grant is invalid, expired, or revoked (e.g. invalid assertion, expired authorization token, bad end-user password credentials, or mismatching authorization code and redirection URI).")
                }
            }
        }
        "refresh_token" => {
            let rt = s("refresh_token");
            let uid: Option<i64> = conn
                .query_row("SELECT user_id FROM refresh_tokens WHERE token = ?1 AND client_id = ?2", [&rt, &cid], |r| r.get(0))
                .ok();
            match uid {
                Some(uid) => (uid, rt),
                None => return oauth_error(400, "invalid_grant", "The provided refresh token is invalid, expired, or revoked."),
            }
        }
        _ => return oauth_error(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token."),
    };
    let token = format!("sbx-oauth-{}", app.random_hex());
    let exp = app.cfg.token_expires_in;
    if let Err(e) = conn.execute(
        "INSERT INTO tokens(token, user_id, kind, expires_at, client_id) VALUES (?1, ?2, 'oauth', ?3, ?4)",
        rusqlite::params![token, user_id, now + exp as i64, cid],
    ) {
        return error_resp(ApiError::Internal(e.to_string()));
    }
    json_resp(200, &json!({"access_token": token, "refresh_token": refresh, "token_type": "bearer", "expires_in": exp}))
}

fn accounts(app: &Arc<App>, info: &ReqInfo) -> Response<Body> {
    if info.user_agent.as_deref().map(str::trim).unwrap_or("").is_empty() {
        return json_resp(400, &json!({"message": "A User-Agent header is required"}));
    }
    let conn = app.db.reader();
    let user = match authenticate(&conn, info.token.as_deref(), None, false) {
        Ok(Auth::Ok(u)) => u,
        Ok(Auth::Fail) => return invalid_token(),
        Err(e) => return error_resp(ApiError::Internal(e.to_string())),
    };
    let r = conn.query_row(
        "SELECT u.id, u.first_name, u.last_name, u.email, c.name FROM users u, company c WHERE u.id = ?1",
        [user.id],
        |r| {
            Ok(json!({
                "user": {"id": r.get::<_, i64>(0)?, "first_name": r.get::<_, String>(1)?, "last_name": r.get::<_, String>(2)?,
                         "email": r.get::<_, String>(3)?},
                "accounts": [{"id": ACCOUNT_ID, "name": r.get::<_, String>(4)?, "product": "harvest"}],
            }))
        },
    );
    match r {
        Ok(v) => json_resp(200, &v),
        Err(e) => error_resp(ApiError::Internal(e.to_string())),
    }
}

// ---------- /_sandbox admin ----------

fn sandbox_admin(app: &Arc<App>, method: &str, path: &str, body: &[u8]) -> Response<Body> {
    match (method, path.trim_end_matches('/')) {
        ("GET", "/_sandbox/stats") => json_resp(
            200,
            &json!({"requests": app.requests.load(Ordering::Relaxed), "rate_limited": app.rate_limited.load(Ordering::Relaxed)}),
        ),
        ("DELETE", "/_sandbox/stats") => {
            app.requests.store(0, Ordering::Relaxed);
            app.rate_limited.store(0, Ordering::Relaxed);
            empty_resp(204)
        }
        ("GET", "/_sandbox/faults") => {
            let f = app.faults.lock().unwrap_or_else(|e| e.into_inner());
            json_resp(200, &json!({"faults": f.iter().map(Fault::json).collect::<Vec<_>>()}))
        }
        ("DELETE", "/_sandbox/faults") => {
            app.faults.lock().unwrap_or_else(|e| e.into_inner()).clear();
            empty_resp(204)
        }
        ("POST", "/_sandbox/faults") => match parse_fault(app, body) {
            Ok(f) => {
                let v = f.json();
                app.faults.lock().unwrap_or_else(|e| e.into_inner()).push(f);
                json_resp(201, &v)
            }
            Err(m) => json_resp(422, &json!({"message": m})),
        },
        _ => not_found_html(),
    }
}

fn parse_fault(app: &Arc<App>, body: &[u8]) -> Result<Fault, String> {
    let v: Value = serde_json::from_slice(body).map_err(|e| format!("invalid JSON: {e}"))?;
    let o = v.as_object().ok_or("the body must be a JSON object")?;
    let kind = match o.get("fault").and_then(Value::as_str) {
        Some("status") => FaultKind::Status,
        Some("rate_limit") => FaultKind::RateLimit,
        Some("stall") => FaultKind::Stall,
        Some("drop") => FaultKind::Drop,
        Some("truncate") => FaultKind::Truncate,
        _ => return Err("fault must be one of status, rate_limit, stall, drop, truncate".into()),
    };
    let method = match o.get("method") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.to_ascii_uppercase()),
        _ => return Err("method must be a string or null".into()),
    };
    let path = match o.get("path") {
        None | Some(Value::Null) => "/".to_string(),
        Some(Value::String(s)) => s.clone(),
        _ => return Err("path must be a string".into()),
    };
    let times = match o.get("times") {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.as_u64().filter(|n| *n > 0).ok_or("times must be a positive integer")?),
    };
    let probability = match o.get("probability") {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.as_f64().filter(|p| (0.0..=1.0).contains(p)).ok_or("probability must be between 0 and 1")?),
    };
    if times.is_some() && probability.is_some() {
        return Err("give times or probability, not both".into());
    }
    let times = if probability.is_none() && times.is_none() { Some(1) } else { times };
    let status = o.get("status").and_then(Value::as_u64).unwrap_or(503);
    if !(100..=599).contains(&status) {
        return Err("status must be an HTTP status code".into());
    }
    let ms = o.get("ms").and_then(Value::as_u64).unwrap_or(2000).min(600_000);
    let retry_after = o.get("retry_after").and_then(Value::as_u64).unwrap_or(1);
    Ok(Fault {
        id: app.fault_seq.fetch_add(1, Ordering::Relaxed),
        method,
        path,
        times,
        probability,
        kind,
        status: status as u16,
        ms,
        retry_after,
    })
}

// ---------- accept loop ----------

pub async fn serve(app: Arc<App>, listener: tokio::net::TcpListener, mut shutdown: tokio::sync::oneshot::Receiver<()>) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            acc = listener.accept() => {
                let (stream, _) = match acc {
                    Ok(x) => x,
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(10)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let app = app.clone();
                let svc = hyper::service::service_fn(move |req| handle(app.clone(), req));
                let conn = hyper::server::conn::http1::Builder::new()
                    .keep_alive(true)
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(Duration::from_secs(30))
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), svc);
                let fut = graceful.watch(conn);
                tokio::spawn(async move {
                    let _ = fut.await;
                });
            }
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(Duration::from_secs(5), graceful.shutdown()).await;
    // make sure the WAL is checkpointed into the main file
    let conn = app.db.writer();
    let _ = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RateLimit;

    /// Requests count by when they arrived, even when their handlers get to the check out of
    /// order (one waited for a database connection).
    #[test]
    fn rate_limits_count_requests_by_arrival() {
        let cfg = Config { seed: Some(crate::Seed::Empty), rate_limit: Some(RateLimit { requests: 2, window: Duration::from_secs(10) }), ..Config::default() };
        let app = App::new(cfg).expect("an in-memory sandbox");
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        // Two arrive 0 ms and 100 ms in; the later one is checked first.
        assert_eq!(app.rate_check("t", false, at(100)), None);
        assert_eq!(app.rate_check("t", false, at(0)), None);
        // The third, 5 s in, is over the limit until the first's window ends (10 s after 0 ms).
        assert_eq!(app.rate_check("t", false, at(5_000)), Some(5));
        assert_eq!(app.rate_check("t", false, at(10_000)), None, "the request of 0 ms has left the window");
        assert_eq!(app.rate_check("t", false, at(10_050)), Some(1), "the one of 100 ms has not");
        // Other tokens and the reports bucket have windows of their own.
        assert_eq!(app.rate_check("other", false, at(10_050)), None);
    }
}
