//! Starts a `harvest-sandbox` process on a free port for a test file and stops it on drop.
//! Shared by the harvest-sdk and harvest (CLI) test suites.
#![allow(dead_code)]

use harvest_sdk::{Client, Config, RateLimits};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};

/// A running sandbox and what its start line said.
pub struct Sandbox {
    child: Child,
    /// Closing it stops the sandbox: on drop, or when the test process exits (statics are
    /// never dropped, but the kernel closes the pipe).
    lifeline: Option<ChildStdin>,
    pub info: Value,
    pub base_url: String,
    pub account_id: u64,
    pub token: String,
}

/// `target/<profile>/`, found from the test executable (`target/<profile>/deps/<test>`).
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test executable's path");
    exe.parent().and_then(|deps| deps.parent()).expect("target/<profile>/deps").to_path_buf()
}

/// The sandbox binary of the same profile, built with `cargo build -p harvest-sandbox` when
/// missing (`make test` and `make bench-rust` build it first).
pub fn sandbox_binary() -> PathBuf {
    let dir = target_dir();
    let path = dir.join("harvest-sandbox");
    if !path.exists() {
        let mut args = vec!["build", "-q", "-p", "harvest-sandbox"];
        if dir.ends_with("release") {
            args.push("--release");
        }
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(args)
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building harvest-sandbox failed");
    }
    path
}

impl Sandbox {
    /// Starts `harvest-sandbox --port 0 --json` with these extra arguments, under a shell that
    /// stops it when our end of its stdin closes.
    pub fn start(args: &[&str]) -> Sandbox {
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#""$0" "$@" & pid=$!; trap 'kill $pid 2>/dev/null' EXIT; read -r _ || true"#)
            .arg(sandbox_binary())
            .args(["--port", "0", "--json"])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the sandbox starts");
        let lifeline = child.stdin.take();
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("the sandbox prints its start line");
        let info: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("start line {line:?}: {e}"));
        Sandbox {
            child,
            lifeline,
            base_url: info["base_url"].as_str().expect("base_url").to_owned(),
            account_id: info["account_id"].as_u64().expect("account_id"),
            token: info["access_token"].as_str().expect("access_token").to_owned(),
            info,
        }
    }

    /// The sandbox's process id (the child of the shell that watches it), on Linux.
    #[allow(dead_code)]
    pub fn server_pid(&self) -> Option<u32> {
        let shell = self.child.id();
        let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).ok()?;
        children.split_whitespace().next()?.parse().ok()
    }

    /// The configuration for the administrator's token.
    pub fn config(&self) -> Config {
        Config::new(self.account_id, self.token.as_str(), "harvest-sdk tests (tests@example.com)")
            .and_then(|c| c.with_base_url(self.base_url.clone()))
            .and_then(|c| c.with_id_base_url(self.base_url.clone()))
            .expect("a valid config")
    }

    /// An async client, rate limiter off (the sandbox's limit is on only where a test says).
    pub fn client(&self) -> Client {
        Client::builder(self.config()).rate_limits(RateLimits { enabled: false, ..RateLimits::default() }).build().expect("a client")
    }

    fn admin(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base_url);
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
        harvest_sdk::install_crypto_provider();
        runtime.block_on(async move {
            let mut request = reqwest::Client::new().request(method, url);
            if let Some(body) = body {
                request = request.header("content-type", "application/json").body(body.to_string());
            }
            let response = request.send().await.expect("the sandbox answers");
            let status = response.status();
            let text = response.text().await.unwrap_or_default();
            assert!(status.is_success(), "{path}: {status} {text}");
            serde_json::from_str(&text).unwrap_or(Value::Null)
        })
    }

    /// Injects a fault (`/_sandbox/faults`, needs `--faults`).
    pub fn fault(&self, fault: Value) {
        std::thread::scope(|s| s.spawn(|| self.admin(reqwest::Method::POST, "/_sandbox/faults", Some(fault))).join().expect("no panic"));
    }

    /// Clears the faults.
    pub fn clear_faults(&self) {
        std::thread::scope(|s| s.spawn(|| self.admin(reqwest::Method::DELETE, "/_sandbox/faults", None)).join().expect("no panic"));
    }

    /// Zeroes `/_sandbox/stats`.
    pub fn clear_stats(&self) {
        std::thread::scope(|s| s.spawn(|| self.admin(reqwest::Method::DELETE, "/_sandbox/stats", None)).join().expect("no panic"));
    }

    /// `/_sandbox/stats`: `{"requests", "rate_limited"}` (needs `--faults`).
    pub fn stats(&self) -> Value {
        std::thread::scope(|s| s.spawn(|| self.admin(reqwest::Method::GET, "/_sandbox/stats", None)).join().expect("no panic"))
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        drop(self.lifeline.take());
        let _ = self.child.wait();
    }
}
