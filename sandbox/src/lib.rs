//! harvest-sandbox: a Harvest API v2 compatible HTTP server on SQLite.
//!
//! Start it in-process with [`Sandbox::start`] (tests do) or run the `harvest-sandbox` binary.

pub mod api;
pub mod db;
pub mod dec;
pub mod model;
pub mod params;
pub mod seed;
mod server;

#[doc(hidden)]
pub fn server_pat(user_id: i64) -> String {
    server::pat_for(user_id)
}

use serde::Serialize;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub const ACCOUNT_ID: i64 = 1_000_001;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seed {
    Demo,
    Empty,
}

#[derive(Clone, Debug)]
pub struct RateLimit {
    pub requests: usize,
    pub window: Duration,
}

#[derive(Clone, Debug)]
pub struct Config {
    pub host: String,
    /// 0 = pick a free port
    pub port: u16,
    /// None = in-memory
    pub db: Option<PathBuf>,
    /// None = `demo` for a new database, nothing for an existing one
    pub seed: Option<Seed>,
    pub seed_time_entries: usize,
    /// None = no limit
    pub rate_limit: Option<RateLimit>,
    pub reports_rate_limit: Option<RateLimit>,
    pub faults: bool,
    /// lifetime of OAuth access tokens, seconds
    pub token_expires_in: u64,
    /// largest accepted request body
    pub max_body_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 0,
            db: None,
            seed: None,
            seed_time_entries: 0,
            rate_limit: Some(RateLimit { requests: 100, window: Duration::from_secs(15) }),
            reports_rate_limit: Some(RateLimit { requests: 100, window: Duration::from_secs(15 * 60) }),
            faults: false,
            token_expires_in: 1_209_600,
            max_body_bytes: 1 << 20,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct UserInfo {
    pub id: i64,
    pub email: String,
    pub access_token: String,
    pub is_admin: bool,
}

/// What the start line prints (`--json`).
#[derive(Clone, Debug, Serialize)]
pub struct StartInfo {
    pub base_url: String,
    pub account_id: i64,
    pub access_token: String,
    pub member_access_token: Option<String>,
    pub oauth_client_id: String,
    pub oauth_client_secret: String,
    pub users: Vec<UserInfo>,
}

pub struct Sandbox {
    pub info: StartInfo,
    pub addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Sandbox {
    /// Opens (and seeds) the database, binds the port and starts serving on the current tokio runtime.
    pub async fn start(cfg: Config) -> Result<Sandbox, String> {
        let app = server::App::new(cfg.clone())?;
        let listener = tokio::net::TcpListener::bind((cfg.host.as_str(), cfg.port))
            .await
            .map_err(|e| format!("cannot bind {}:{}: {e}", cfg.host, cfg.port))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let host = if addr.ip().is_ipv6() { format!("[{}]", addr.ip()) } else { addr.ip().to_string() };
        let base_url = format!("http://{}:{}", host, addr.port());
        let info = app.start_info(&base_url).map_err(|e| format!("{e:?}"))?;
        let app = Arc::new(app);
        let (tx, rx) = tokio::sync::oneshot::channel();
        let task = tokio::spawn(server::serve(app, listener, rx));
        Ok(Sandbox { info, addr, shutdown: Some(tx), task: Some(task) })
    }

    pub fn base_url(&self) -> &str {
        &self.info.base_url
    }

    /// Stops accepting, lets in-flight requests finish (up to 5 s), closes the database.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.task.take() {
            let _ = t.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
