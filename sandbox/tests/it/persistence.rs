use crate::common::*;
use harvest_sandbox::Config;
use serde_json::json;
use std::io::BufRead;
use std::process::{Command, Stdio};

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("harvest-sandbox-test-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

#[tokio::test]
async fn state_survives_a_restart() {
    let db = tmp("sandbox.db");
    let t = start_with(Config { db: Some(db.clone()), ..cfg() }).await;
    let token = t.admin.clone();
    let c = t.ok("POST", "/v2/clients", json!({"name": "Persistent Client"})).await;
    t.sb.shutdown().await;
    let t2 = start_with(Config { db: Some(db.clone()), ..cfg() }).await;
    assert_eq!(t2.admin, token, "tokens are stable");
    let r = t2.get(&format!("/v2/clients/{}", c["id"])).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["name"], "Persistent Client");
    // not re-seeded: still exactly one "ABC Corp"
    let all = t2.get("/v2/clients").await.body;
    assert_eq!(all["clients"].as_array().unwrap().iter().filter(|x| x["name"] == "ABC Corp").count(), 1);
    t2.sb.shutdown().await;
}

fn spawn(db: &std::path::Path) -> (std::process::Child, serde_json::Value) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_harvest-sandbox"))
        .args(["--json", "--seed", "empty", "--no-rate-limit", "--db"])
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    (child, serde_json::from_str(&line).expect("one JSON start line"))
}

#[tokio::test]
async fn kill_9_loses_no_committed_write() {
    let db = tmp("kill9.db");
    let (mut child, info) = spawn(&db);
    assert_eq!(info["account_id"], 1000001);
    assert!(info["users"].as_array().unwrap().len() == 1, "empty seed: just the administrator");
    let base = info["base_url"].as_str().unwrap().to_string();
    let token = info["access_token"].as_str().unwrap().to_string();
    let http = http_client(reqwest::Client::builder());
    let mut ids = vec![];
    for i in 0..10 {
        let r: serde_json::Value = http
            .post(format!("{base}/v2/clients"))
            .header("User-Agent", "x")
            .header("Harvest-Account-Id", "1000001")
            .bearer_auth(&token)
            .json(&json!({"name": format!("Durable {i}")}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        ids.push(r["id"].as_i64().unwrap());
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let (mut child, info) = spawn(&db);
    let base = info["base_url"].as_str().unwrap();
    assert_eq!(info["access_token"].as_str().unwrap(), token);
    let r: serde_json::Value = http
        .get(format!("{base}/v2/clients?per_page=100"))
        .header("User-Agent", "x")
        .header("Harvest-Account-Id", "1000001")
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["total_entries"], 10);
    child.kill().unwrap();
    child.wait().unwrap();
}

#[tokio::test]
async fn graceful_shutdown_on_sigterm() {
    let db = tmp("term.db");
    let (child, _) = spawn(&db);
    let pid = child.id();
    let status = Command::new("kill").args(["-TERM", &pid.to_string()]).status().unwrap();
    assert!(status.success());
    let mut child = child;
    let code = child.wait().unwrap();
    assert!(code.success(), "exit status {code:?}");
}
