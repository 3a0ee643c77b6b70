//! Every `harvest` command, run as a process against the sandbox: outputs and exit codes.

#[path = "../../bindings/rust/tests/common/mod.rs"]
mod common;

use common::Sandbox;
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

fn sandbox() -> &'static Sandbox {
    static SANDBOX: OnceLock<Sandbox> = OnceLock::new();
    SANDBOX.get_or_init(|| Sandbox::start(&["--seed", "demo", "--no-rate-limit", "--faults"]))
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", self.stdout, self.stderr))
    }
    fn ok(self) -> Self {
        assert_eq!(self.code, 0, "stdout: {}\nstderr: {}", self.stdout, self.stderr);
        self
    }
}

/// A fresh config dir per test, so stored logins never leak between tests.
fn config_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("harvest-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn command(config: &PathBuf) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_harvest"));
    for (key, _) in std::env::vars() {
        if key.starts_with("HARVEST_") {
            cmd.env_remove(key);
        }
    }
    cmd.env("XDG_CONFIG_HOME", config).stdin(Stdio::null());
    cmd
}

fn run_with(config: &PathBuf, env: bool, args: &[&str]) -> Run {
    let sbx = sandbox();
    let mut cmd = command(config);
    if env {
        cmd.env("HARVEST_BASE_URL", &sbx.base_url).env("HARVEST_ACCESS_TOKEN", &sbx.token).env("HARVEST_ACCOUNT_ID", sbx.account_id.to_string());
    }
    let out = cmd.args(args).output().expect("harvest runs");
    Run { code: out.status.code().unwrap_or(-1), stdout: String::from_utf8_lossy(&out.stdout).into(), stderr: String::from_utf8_lossy(&out.stderr).into() }
}

fn run(args: &[&str]) -> Run {
    run_with(&config_dir("env"), true, args)
}

#[test]
fn lists_print_tables_and_json() {
    let projects = run(&["projects", "list"]).ok();
    assert!(projects.stdout.lines().next().unwrap().starts_with("      ID  CODE  NAME"), "{}", projects.stdout);
    assert!(projects.stdout.contains("Marketing Website"));
    let json = run(&["projects", "list", "--json"]).ok().json();
    assert!(json.as_array().unwrap().iter().all(|p| p["is_active"] == true));
    assert!(run(&["projects", "list", "--all", "--json"]).ok().json().as_array().unwrap().len() > json.as_array().unwrap().len());
    assert!(run(&["clients", "list"]).ok().stdout.contains("ABC Corp"));
    assert!(run(&["tasks", "list"]).ok().stdout.contains("Design"));
    let tasks = run(&["tasks", "list", "--project", "Marketing Website", "--json"]).ok().json();
    assert!(!tasks.as_array().unwrap().is_empty());
    assert!(run(&["accounts"]).ok().stdout.contains("Sandbox Studio"));
}

#[test]
fn time_log_start_stop_list() {
    let logged = run(&["time", "log", "--project", "IT", "--task", "Programming", "--hours", "1.25", "--notes", "cli test", "--json"]).ok().json();
    assert_eq!(logged["hours"], 1.25);
    assert_eq!(logged["notes"], "cli test");
    let started = run(&["time", "start", "--project", "Internal Tools", "--task", "Programming", "--json"]).ok().json();
    assert_eq!(started["is_running"], true);
    let running = run(&["time", "list", "--running", "--json"]).ok().json();
    assert!(running.as_array().unwrap().iter().any(|e| e["id"] == started["id"]));
    let stopped = run(&["time", "stop", "--json"]).ok().json();
    assert_eq!(stopped["id"], started["id"]);
    assert_eq!(stopped["is_running"], false);
    assert!(run(&["time", "stop"]).ok().stderr.contains("no timer is running"));
    let listed = run(&["time", "list", "--limit", "3"]).ok();
    assert_eq!(listed.stdout.lines().count(), 4, "header and three rows:\n{}", listed.stdout);
    let by_ref = run(&["time", "log", "--project", "IT", "--task", "Programming", "--hours", "0.5", "--external-ref", "cli-ref-1", "--json"]).ok().json();
    let found = run(&["time", "list", "--external-ref", "cli-ref-1", "--json"]).ok().json();
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["id"], by_ref["id"]);
}

#[test]
fn invoice_preview_create_mark_sent_pay() {
    run(&["time", "log", "--project", "MA", "--task", "Design", "--hours", "3", "--json"]).ok();
    let preview = run(&["invoice", "preview", "--client", "Globex", "--project", "MA", "--from", "2020-01-01", "--json"]);
    // The uninvoiced report refuses ranges over a year: the error class is validation.
    assert_eq!(preview.code, 5, "{}", preview.stderr);
    assert!(preview.stderr.starts_with("error: validation: "), "{}", preview.stderr);
    let preview = run(&["invoice", "preview", "--client", "Globex", "--project", "MA", "--from", "yesterday"]).ok();
    assert!(preview.stdout.contains("total"), "{}", preview.stdout);
    let invoice = run(&["invoice", "create-from-time", "--client", "Globex", "--project", "MA", "--from", "yesterday", "--json"]).ok().json();
    assert_eq!(invoice["state"], "draft");
    let id = invoice["id"].to_string();
    let marked = run(&["invoice", "mark-sent", &id]).ok();
    assert!(marked.stdout.contains("open"), "{}", marked.stdout);
    let paid = run(&["payment", "record", "--invoice", &id, "--json"]).ok().json();
    assert_eq!(paid["amount"], invoice["amount"]);
    let shown = run(&["invoice", "show", &id, "--json"]).ok().json();
    assert_eq!(shown["state"], "paid");
    let payments = run(&["payment", "list", "--invoice", &id, "--json"]).ok().json();
    assert_eq!(payments.as_array().unwrap().len(), 1);
    let listed = run(&["invoice", "list", "--state", "paid", "--client", "Globex", "--json"]).ok().json();
    assert!(listed.as_array().unwrap().iter().any(|i| i["id"] == invoice["id"]));
}

#[test]
fn invoice_send_emails() {
    run(&["time", "log", "--project", "DM", "--task", "Programming", "--hours", "2", "--json"]).ok();
    let invoice = run(&["invoice", "create-from-time", "--client", "Initech", "--from", "yesterday", "--json"]).ok().json();
    let id = invoice["id"].to_string();
    let sent = run(&["invoice", "send", &id, "--to", "ap@initech.example"]).ok();
    assert!(sent.stdout.contains("open"), "{}", sent.stdout);
}

#[test]
fn reports() {
    let budget = run(&["report", "budget"]).ok();
    assert!(budget.stdout.starts_with("PROJECT ID"), "{}", budget.stdout);
    let uninvoiced = run(&["report", "uninvoiced", "--from", "yesterday", "--json"]).ok().json();
    assert!(uninvoiced.is_array());
    for by in ["project", "client", "task", "team"] {
        run(&["report", "time", "--from", "yesterday", "--by", by, "--json"]).ok().json();
    }
}

#[test]
fn api_passthrough() {
    let me = run(&["api", "GET", "/v2/users/me"]).ok().json();
    assert!(me["email"].is_string());
    let created = run(&["api", "POST", "clients", "-f", "name=Api Client", "-f", "currency=EUR"]).ok().json();
    assert_eq!(created["name"], "Api Client");
    let id = created["id"].to_string();
    let patched = run(&["api", "PATCH", &format!("/v2/clients/{id}"), "-f", "is_active=false"]).ok().json();
    assert_eq!(patched["is_active"], false);
    let page = run(&["api", "GET", "/v2/clients", "-f", "per_page=1"]).ok().json();
    assert_eq!(page["clients"].as_array().unwrap().len(), 1);
    let all = run(&["api", "GET", "/v2/clients?per_page=1", "--paginate"]).ok().json();
    assert!(all["clients"].as_array().unwrap().len() > 1);
    run(&["api", "DELETE", &format!("/v2/clients/{id}")]).ok();
    let gone = run(&["api", "GET", &format!("/v2/clients/{id}")]);
    assert_eq!(gone.code, 4, "{}", gone.stderr);
    assert!(gone.stderr.starts_with("error: not_found: "));
    assert_eq!(run(&["api", "GET", "/v2/nowhere"]).code, 4);
    assert_eq!(run(&["api", "FETCH", "/v2/clients"]).code, 2);
    assert_eq!(run(&["api", "GET", "/v2/clients", "-f", "per_page=5000"]).code, 2, "invalid input never reaches Harvest");
    assert_eq!(run(&["api", "GET", "/api/v2/accounts"]).ok().json()["accounts"][0]["id"], sandbox().account_id);
}

#[test]
fn exit_codes_per_error_class() {
    let sbx = sandbox();
    let dir = config_dir("codes");
    let bad_token = command(&dir)
        .env("HARVEST_BASE_URL", &sbx.base_url)
        .env("HARVEST_ACCESS_TOKEN", "sbx-pat-wrong")
        .env("HARVEST_ACCOUNT_ID", sbx.account_id.to_string())
        .args(["projects", "list"])
        .output()
        .unwrap();
    assert_eq!(bad_token.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&bad_token.stderr).starts_with("error: unauthorized: "));
    let not_logged_in = run_with(&dir, false, &["projects", "list"]);
    assert_eq!(not_logged_in.code, 3);
    assert!(not_logged_in.stderr.contains("harvest login"));
    assert_eq!(run(&["time", "log", "--project", "IT", "--task", "Programming", "--hours", "abc"]).code, 2, "usage error");
    assert_eq!(run(&["time", "log", "--project", "No Such Project", "--task", "x", "--hours", "1"]).code, 4);
    sbx.fault(serde_json::json!({"method": "GET", "path": "/v2/roles", "times": 10, "fault": "status", "status": 502}));
    let server = run(&["api", "GET", "/v2/roles"]);
    sbx.clear_faults();
    assert_eq!(server.code, 7, "{}", server.stderr);
}

#[test]
fn login_with_a_token_stores_it_privately_and_logout_forgets_it() {
    let sbx = sandbox();
    let dir = config_dir("login");
    let login = command(&dir).args(["login", "--base-url", &sbx.base_url, "--token", &sbx.token]).output().unwrap();
    assert!(login.status.success(), "{}", String::from_utf8_lossy(&login.stderr));
    assert!(String::from_utf8_lossy(&login.stderr).contains("alice@example.com"));
    let file = dir.join("harvest").join("credentials.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let stored: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(stored["account_id"], sbx.account_id, "discovered from the token");
    let projects = run_with(&dir, false, &["projects", "list", "--json"]).ok().json();
    assert!(!projects.as_array().unwrap().is_empty(), "the stored login is used");
    // The environment wins over the stored login.
    let wrong = command(&dir).env("HARVEST_ACCESS_TOKEN", "sbx-pat-wrong").args(["projects", "list"]).output().unwrap();
    assert_eq!(wrong.status.code(), Some(3));
    run_with(&dir, false, &["logout"]).ok();
    assert!(!file.exists());
    assert_eq!(run_with(&dir, false, &["projects", "list"]).code, 3);
}

#[test]
fn login_with_oauth_through_the_local_redirect_listener() {
    let sbx = sandbox();
    let dir = config_dir("oauth");
    let mut child = command(&dir)
        .args(["login", "--oauth", "--no-browser", "--base-url", &sbx.base_url])
        .args(["--client-id", sbx.info["oauth_client_id"].as_str().unwrap(), "--client-secret", sbx.info["oauth_client_secret"].as_str().unwrap()])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut url = String::new();
    while !url.starts_with("http") {
        url.clear();
        std::io::BufRead::read_line(&mut stderr, &mut url).unwrap();
        assert!(!url.is_empty(), "the CLI printed no authorize URL");
    }
    // Play the browser: the sandbox approves and redirects to the CLI's listener.
    harvest_sdk::install_crypto_provider();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let no_redirects = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let answer = no_redirects.get(url.trim()).send().await.unwrap();
        let location = answer.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.starts_with("http://127.0.0.1:"), "{location}");
        let page = reqwest::get(location).await.unwrap().text().await.unwrap();
        assert!(page.contains("signed in"), "{page}");
    });
    let status = child.wait().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert!(status.success(), "{rest}");
    let stored: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("harvest").join("credentials.json")).unwrap()).unwrap();
    assert_eq!(stored["account_id"], sbx.account_id);
    assert!(stored["oauth"]["refresh_token"].is_string());
    let me = run_with(&dir, false, &["api", "GET", "/v2/users/me"]).ok().json();
    assert_eq!(me["email"], "alice@example.com");
}

#[test]
fn a_limit_asks_for_pages_that_small_and_reads_no_further() {
    let sbx = sandbox();
    let out = command(&config_dir("limit"))
        .env("HARVEST_BASE_URL", &sbx.base_url)
        .env("HARVEST_ACCESS_TOKEN", &sbx.token)
        .env("HARVEST_ACCOUNT_ID", sbx.account_id.to_string())
        .env("HARVEST_LOG", "harvest_sdk=debug")
        .args(["time", "list", "--limit", "3", "--json"])
        .output()
        .expect("harvest runs");
    let (stdout, log) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{log}");
    assert_eq!(serde_json::from_str::<Value>(&stdout).unwrap().as_array().unwrap().len(), 3);
    let responses: Vec<&str> = log.lines().filter(|l| l.contains("harvest: response")).collect();
    assert_eq!(responses.len(), 1, "one request, though the list has more pages:\n{log}");
    assert!(responses[0].contains("/v2/time_entries?per_page=3"), "{log}");
    assert!(!log.contains(&sbx.token), "the token stays out of the log");
}
