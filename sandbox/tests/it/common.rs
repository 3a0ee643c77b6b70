//! Shared helpers: start a sandbox in-process on a free port and talk to it over real HTTP.

use harvest_sandbox::{Config, Sandbox};
use serde_json::{json, Value};

pub struct T {
    pub sb: Sandbox,
    pub http: reqwest::Client,
    pub base: String,
    pub admin: String,
    pub member: String,
}

pub fn cfg() -> Config {
    Config { rate_limit: None, reports_rate_limit: None, ..Config::default() }
}

pub async fn start() -> T {
    start_with(cfg()).await
}

pub async fn start_with(cfg: Config) -> T {
    let sb = Sandbox::start(cfg).await.expect("sandbox starts");
    let base = sb.info.base_url.clone();
    let admin = sb.info.access_token.clone();
    let member = sb.info.member_access_token.clone().unwrap_or_default();
    let http = http_client(reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()));
    T { sb, http, base, admin, member }
}

/// Builds a test HTTP client. In `cargo test --workspace`, Cargo unifies reqwest's features with
/// harvest-sdk's (`rustls-no-provider`, with ring installed by harvest-sdk at run time), so a
/// bare reqwest client here would find no rustls crypto provider: install ring first.
pub fn http_client(builder: reqwest::ClientBuilder) -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    builder.build().expect("a test HTTP client")
}

pub struct R {
    pub status: u16,
    pub body: Value,
    pub text: String,
    pub headers: reqwest::header::HeaderMap,
}

impl T {
    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{}", self.base, path)
        }
    }

    pub async fn send(&self, method: &str, path: &str, token: &str, body: Option<Value>) -> R {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut rb = self
            .http
            .request(m, self.url(path))
            .header("User-Agent", "harvest-sandbox tests (dev@example.com)")
            .header("Harvest-Account-Id", "1000001")
            .bearer_auth(token);
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        let resp = rb.send().await.expect("request");
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let text = resp.text().await.unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        R { status, body, text, headers }
    }

    pub async fn get(&self, path: &str) -> R {
        self.send("GET", path, &self.admin.clone(), None).await
    }
    pub async fn post(&self, path: &str, body: Value) -> R {
        self.send("POST", path, &self.admin.clone(), Some(body)).await
    }
    pub async fn patch(&self, path: &str, body: Value) -> R {
        self.send("PATCH", path, &self.admin.clone(), Some(body)).await
    }
    pub async fn delete(&self, path: &str) -> R {
        self.send("DELETE", path, &self.admin.clone(), None).await
    }
    pub async fn ok(&self, method: &str, path: &str, body: Value) -> Value {
        let r = self.send(method, path, &self.admin.clone(), if method == "GET" { None } else { Some(body) }).await;
        assert!(r.status == 200 || r.status == 201, "{method} {path}: {} {}", r.status, r.text);
        r.body
    }

    /// Creates a client, a project with the admin and member assigned, and a billable task: (client, project, task).
    pub async fn fixture(&self, rate: f64) -> (i64, i64, i64) {
        let n = rand_suffix();
        let c = self.ok("POST", "/v2/clients", json!({"name": format!("Fixture Client {n}")})).await;
        let p = self
            .ok(
                "POST",
                "/v2/projects",
                json!({"client_id": c["id"], "name": format!("Fixture Project {n}"), "is_billable": true,
                       "bill_by": "Project", "hourly_rate": rate, "budget_by": "project", "budget": 100}),
            )
            .await;
        let t = self.ok("POST", "/v2/tasks", json!({"name": format!("Fixture Task {n}"), "default_hourly_rate": rate})).await;
        let pid = p["id"].as_i64().unwrap();
        self.ok("POST", &format!("/v2/projects/{pid}/task_assignments"), json!({"task_id": t["id"], "billable": true})).await;
        let member_id = self.member_id().await;
        self.ok("POST", &format!("/v2/projects/{pid}/user_assignments"), json!({"user_id": member_id})).await;
        (c["id"].as_i64().unwrap(), pid, t["id"].as_i64().unwrap())
    }

    pub async fn member_id(&self) -> i64 {
        self.send("GET", "/v2/users/me", &self.member.clone(), None).await.body["id"].as_i64().unwrap()
    }
    pub async fn admin_id(&self) -> i64 {
        self.get("/v2/users/me").await.body["id"].as_i64().unwrap()
    }
}

pub fn rand_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(1);
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("{}-{}", t % 1_000_000_007, N.fetch_add(1, Ordering::Relaxed))
}

/// Follows `links.next` from `path` and returns every item under `key`, checking the envelope on the way.
pub async fn walk(t: &T, path: &str, key: &str) -> (Vec<Value>, Vec<Value>) {
    let mut url = path.to_string();
    let mut items = vec![];
    let mut pages = vec![];
    loop {
        let r = t.get(&url).await;
        assert_eq!(r.status, 200, "{url}: {}", r.text);
        items.extend(r.body[key].as_array().unwrap().iter().cloned());
        let next = r.body["links"]["next"].clone();
        pages.push(r.body.clone());
        assert!(pages.len() < 1000);
        match next {
            Value::String(s) => url = s,
            _ => break,
        }
    }
    (items, pages)
}
