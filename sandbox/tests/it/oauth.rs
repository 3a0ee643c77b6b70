use crate::common::*;
use harvest_sandbox::Config;
use serde_json::{json, Value};
use std::collections::HashMap;

fn query_of(url: &str) -> HashMap<String, String> {
    let q = url.split_once('?').map(|x| x.1).unwrap_or("");
    let q = q.split('#').next().unwrap_or("");
    pairs(q)
}

fn pairs(q: &str) -> HashMap<String, String> {
    q.split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_string(), percent_encoding::percent_decode_str(v).decode_utf8_lossy().into_owned()))
        .collect()
}

async fn authorize(t: &T, extra: &str) -> reqwest::Response {
    t.http
        .get(format!("{}/oauth2/authorize?client_id={}&{extra}", t.base, t.sb.info.oauth_client_id))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn code_flow_refresh_accounts_and_implicit() {
    let t = start_with(Config { token_expires_in: 2, ..cfg() }).await;
    let r = authorize(&t, "response_type=code&state=xyz&redirect_uri=http%3A%2F%2Flocalhost%3A9999%2Fcb").await;
    assert_eq!(r.status(), 302);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    assert!(loc.starts_with("http://localhost:9999/cb?"), "{loc}");
    let q = query_of(&loc);
    assert_eq!(q["state"], "xyz");
    assert_eq!(q["scope"], "harvest:1000001");
    // exchange the code (form-encoded)
    let tok: Value = t
        .http
        .post(t.url("/api/v2/oauth2/token"))
        .header("User-Agent", "x")
        .form(&[
            ("code", q["code"].as_str()),
            ("client_id", &t.sb.info.oauth_client_id),
            ("client_secret", &t.sb.info.oauth_client_secret),
            ("grant_type", "authorization_code"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(tok["token_type"], "bearer");
    assert_eq!(tok["expires_in"], 2);
    let access = tok["access_token"].as_str().unwrap().to_string();
    let refresh = tok["refresh_token"].as_str().unwrap().to_string();
    let me = t.send("GET", "/v2/users/me", &access, None).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["email"], "alice@example.com");
    // the code is single-use
    let again = t
        .http
        .post(t.url("/api/v2/oauth2/token"))
        .header("User-Agent", "x")
        .json(&json!({"code": q["code"], "client_id": t.sb.info.oauth_client_id, "client_secret": t.sb.info.oauth_client_secret, "grant_type": "authorization_code"}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 400);
    let b: Value = again.json().await.unwrap();
    assert_eq!(b["error"], "invalid_grant");
    // a wrong secret
    let bad = t
        .http
        .post(t.url("/api/v2/oauth2/token"))
        .json(&json!({"refresh_token": refresh, "client_id": t.sb.info.oauth_client_id, "client_secret": "wrong", "grant_type": "refresh_token"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 401);
    // accounts (Bearer only, no account header)
    let acc: Value = t
        .http
        .get(t.url("/api/v2/accounts"))
        .header("User-Agent", "x")
        .bearer_auth(&access)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(acc["user"]["email"], "alice@example.com");
    assert_eq!(acc["accounts"][0]["id"], 1000001);
    assert_eq!(acc["accounts"][0]["product"], "harvest");
    let r = t.http.get(t.url("/api/v2/accounts")).header("User-Agent", "x").bearer_auth("nope").send().await.unwrap();
    assert_eq!(r.status(), 401);
    // expiry → 401 invalid_token, refresh (JSON) → a working token
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let expired = t.send("GET", "/v2/users/me", &access, None).await;
    assert_eq!(expired.status, 401);
    assert_eq!(expired.body["error"], "invalid_token");
    let tok2: Value = t
        .http
        .post(t.url("/api/v2/oauth2/token"))
        .header("User-Agent", "x")
        .json(&json!({"refresh_token": refresh, "client_id": t.sb.info.oauth_client_id, "client_secret": t.sb.info.oauth_client_secret, "grant_type": "refresh_token"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let access2 = tok2["access_token"].as_str().unwrap();
    assert_ne!(access2, access);
    assert_eq!(t.send("GET", "/v2/users/me", access2, None).await.status, 200);
    // implicit grant: token in the fragment, no refresh token
    let r = authorize(&t, "response_type=token&state=s1&redirect_uri=https%3A%2F%2Fapp.example%2Fcb").await;
    assert_eq!(r.status(), 302);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    let frag = pairs(loc.split_once('#').unwrap().1);
    assert_eq!(frag["token_type"], "bearer");
    assert_eq!(frag["state"], "s1");
    assert_eq!(frag["expires_in"], "2");
    assert_eq!(frag["scope"], "harvest:1000001");
    assert_eq!(t.send("GET", "/v2/company", &frag["access_token"], None).await.status, 200);
    // bad client / response type
    assert_eq!(t.http.get(t.url("/oauth2/authorize?client_id=x&response_type=code")).send().await.unwrap().status(), 400);
    assert_eq!(authorize(&t, "response_type=magic").await.status(), 400);
    // authorize as a chosen user (sandbox extension)
    let member = t.member_id().await;
    let r = authorize(&t, &format!("response_type=token&user_id={member}")).await;
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    let frag = pairs(loc.split_once('#').unwrap().1);
    assert_eq!(t.send("GET", "/v2/users/me", &frag["access_token"], None).await.body["id"], member);
    t.sb.shutdown().await;
}
