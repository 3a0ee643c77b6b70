//! OAuth2 with Harvest ID, as pure functions: the authorize URL, the code exchange and refresh
//! requests, parsing token answers, the browser implicit flow's redirect, and the account ids in a
//! scope. The refresh that keeps a client signed in runs inside [`crate::Call`], single-flight
//! across the client's calls; the host only persists the tokens it is handed in
//! [`crate::Event::TokensRefreshed`]. Personal access tokens need none of this.

use crate::config::{Config, Secret};
use crate::error::{Error, ErrorCode, Result};
use crate::http::{Method, Request, Response};
use crate::model::Id;
use crate::query;

/// The token endpoint path on Harvest ID.
pub const TOKEN_PATH: &str = "/api/v2/oauth2/token";
/// The authorize endpoint path on Harvest ID.
pub const AUTHORIZE_PATH: &str = "/oauth2/authorize";

/// A registered OAuth2 application.
#[derive(Debug, Clone, PartialEq)]
pub struct OAuthApp {
    /// The Client ID.
    pub client_id: String,
    /// The Client Secret (empty for browser apps using the implicit flow).
    pub client_secret: Secret,
    /// The redirect URL, if more than the registered one is used.
    pub redirect_uri: Option<String>,
}

/// OAuth tokens. `Debug` shows no secret.
#[derive(Debug, Clone, PartialEq)]
pub struct Tokens {
    /// The access token sent as `Authorization: Bearer`.
    pub access_token: Secret,
    /// The refresh token, absent in the implicit flow.
    pub refresh_token: Option<Secret>,
    /// When the access token expires, epoch milliseconds.
    pub expires_at_ms: Option<i64>,
    /// The scope Harvest granted (`harvest:123 forecast:456`), when it said.
    pub scope: Option<String>,
}

impl Tokens {
    /// The Harvest account ids in the granted scope.
    pub fn account_ids(&self) -> Vec<Id> {
        self.scope.as_deref().map(account_ids_from_scope).unwrap_or_default()
    }
}

/// What the authorize endpoint should hand back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseType {
    /// An authorization code for the server-side flow.
    Code,
    /// An access token in the redirect (browser implicit flow).
    Token,
}

/// The URL to send the user to. `state` is echoed back and must be checked (CSRF).
pub fn authorize_url(config: &Config, app: &OAuthApp, response_type: ResponseType, state: &str) -> Result<String> {
    if app.client_id.trim().is_empty() {
        return Err(Error::invalid_input("the OAuth client id is empty"));
    }
    if state.is_empty() {
        return Err(Error::invalid_input("an OAuth state is required to protect the redirect"));
    }
    let mut pairs = vec![
        ("client_id".to_owned(), app.client_id.clone()),
        ("response_type".to_owned(), match response_type { ResponseType::Code => "code", ResponseType::Token => "token" }.to_owned()),
        ("state".to_owned(), state.to_owned()),
    ];
    if let Some(uri) = &app.redirect_uri {
        pairs.push(("redirect_uri".to_owned(), uri.clone()));
    }
    Ok(format!("{}{}?{}", config.id_base_url(), AUTHORIZE_PATH, query::join(&pairs)))
}

fn token_request(config: &Config, app: &OAuthApp, grant: Vec<(String, String)>, request_id: u64) -> Request {
    let mut pairs = grant;
    pairs.push(("client_id".to_owned(), app.client_id.clone()));
    pairs.push(("client_secret".to_owned(), app.client_secret.expose().to_owned()));
    Request {
        id: request_id,
        method: Method::Post,
        url: format!("{}{}", config.id_base_url(), TOKEN_PATH),
        headers: vec![
            ("User-Agent".to_owned(), config.user_agent().to_owned()),
            ("Accept".to_owned(), "application/json".to_owned()),
            ("Content-Type".to_owned(), "application/x-www-form-urlencoded".to_owned()),
        ],
        body: Some(query::join(&pairs).into_bytes()),
    }
}

/// The request exchanging an authorization code for tokens.
pub fn code_exchange_request(config: &Config, app: &OAuthApp, code: &str, request_id: u64) -> Result<Request> {
    if code.trim().is_empty() {
        return Err(Error::invalid_input("the authorization code is empty"));
    }
    let grant = vec![("code".to_owned(), code.to_owned()), ("grant_type".to_owned(), "authorization_code".to_owned())];
    Ok(token_request(config, app, grant, request_id))
}

/// The request trading a refresh token for a new access token.
pub fn refresh_request(config: &Config, app: &OAuthApp, refresh_token: &Secret, request_id: u64) -> Request {
    let grant = vec![
        ("refresh_token".to_owned(), refresh_token.expose().to_owned()),
        ("grant_type".to_owned(), "refresh_token".to_owned()),
    ];
    token_request(config, app, grant, request_id)
}

#[derive(serde::Deserialize)]
struct TokenBody {
    access_token: String,
    refresh_token: Option<String>,
    expires_in: Option<i64>,
    scope: Option<String>,
}

/// Parses the token endpoint's answer received at `now_ms`. A refresh that returns no new
/// refresh token keeps `previous_refresh`. Failures are `token_refresh_failed` (Harvest's
/// `error_description` in the message, never a token).
pub fn parse_token_response(response: &Response, now_ms: i64, previous_refresh: Option<&Secret>) -> Result<Tokens> {
    if let Some(mut error) = crate::status::error_for(response) {
        if matches!(response.status, 400 | 401 | 403) {
            error.code = ErrorCode::TokenRefreshFailed;
        }
        return Err(error);
    }
    let body: TokenBody = serde_json::from_slice(&response.body)
        .map_err(|e| Error::decode(format!("the token endpoint's answer is not a token: {e}")).with_status(response.status))?;
    if body.access_token.is_empty() {
        return Err(Error::decode("the token endpoint returned an empty access token"));
    }
    Ok(Tokens {
        access_token: Secret::new(body.access_token),
        refresh_token: body.refresh_token.filter(|t| !t.is_empty()).map(Secret::new).or_else(|| previous_refresh.cloned()),
        expires_at_ms: body.expires_in.map(|s| now_ms.saturating_add(s.saturating_mul(1000))),
        scope: body.scope,
    })
}

/// The authorization code from the redirect of the code flow, after checking `state`.
pub fn code_from_redirect(url: &str, expected_state: &str) -> Result<String> {
    let params = redirect_params(url);
    let get = |k: &str| params.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    if let Some(error) = get("error") {
        return Err(Error::new(ErrorCode::Unauthorized, format!("authorization refused: {error}")));
    }
    if get("state").as_deref() != Some(expected_state) {
        return Err(Error::invalid_input("the redirect's state does not match: possible forgery"));
    }
    get("code").filter(|c| !c.is_empty()).ok_or_else(|| Error::invalid_input("the redirect carries no code"))
}

/// The token from the redirect of the browser implicit flow, found in the URL's fragment or query
/// (Harvest's own samples use both), after checking `state`.
pub fn token_from_redirect(url: &str, expected_state: &str, now_ms: i64) -> Result<Tokens> {
    let params = redirect_params(url);
    let get = |k: &str| params.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    if let Some(error) = get("error") {
        return Err(Error::new(ErrorCode::Unauthorized, format!("authorization refused: {error}")));
    }
    if get("state").as_deref() != Some(expected_state) {
        return Err(Error::invalid_input("the redirect's state does not match: possible forgery"));
    }
    let access_token = get("access_token").filter(|t| !t.is_empty()).ok_or_else(|| Error::invalid_input("the redirect carries no access token"))?;
    let expires_in = get("expires_in").and_then(|s| s.parse::<i64>().ok());
    Ok(Tokens {
        access_token: Secret::new(access_token),
        refresh_token: None,
        expires_at_ms: expires_in.map(|s| now_ms.saturating_add(s.saturating_mul(1000))),
        scope: get("scope"),
    })
}

fn redirect_params(url: &str) -> Vec<(String, String)> {
    let (before_fragment, fragment) = url.split_once('#').unwrap_or((url, ""));
    let query = before_fragment.split_once('?').map(|(_, q)| q).unwrap_or("");
    let mut params = query::parse(fragment);
    params.extend(query::parse(query));
    params
}

/// The Harvest account ids in a scope such as `harvest:123 forecast:456` (`+` or space separated).
pub fn account_ids_from_scope(scope: &str) -> Vec<Id> {
    scope
        .split([' ', '+'])
        .filter_map(|part| part.strip_prefix("harvest:"))
        .filter_map(|id| id.parse().ok())
        .filter(|&id| id != 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::without_account("t", "Test (t@example.com)").unwrap()
    }

    fn app() -> OAuthApp {
        OAuthApp { client_id: "cid".into(), client_secret: Secret::new("csecret"), redirect_uri: Some("http://127.0.0.1:9/cb".into()) }
    }

    #[test]
    fn authorize_url_carries_state_and_redirect() {
        let url = authorize_url(&config(), &app(), ResponseType::Code, "xyz").unwrap();
        assert_eq!(url, "https://id.getharvest.com/oauth2/authorize?client_id=cid&response_type=code&state=xyz&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb");
        assert_eq!(authorize_url(&config(), &app(), ResponseType::Token, "").unwrap_err().code, ErrorCode::InvalidInput);
    }

    #[test]
    fn token_requests_are_form_encoded_and_debug_hides_secrets() {
        let r = code_exchange_request(&config(), &app(), "the-code", 3).unwrap();
        assert_eq!(r.url, "https://id.getharvest.com/api/v2/oauth2/token");
        assert_eq!(r.body_text().unwrap(), "code=the-code&grant_type=authorization_code&client_id=cid&client_secret=csecret");
        let debug = format!("{r:?}");
        assert!(!debug.contains("csecret") && !debug.contains("the-code"), "{debug}");
        let r = refresh_request(&config(), &app(), &Secret::new("rt"), 4);
        assert_eq!(r.body_text().unwrap(), "refresh_token=rt&grant_type=refresh_token&client_id=cid&client_secret=csecret");
    }

    #[test]
    fn token_answers_and_failures() {
        let ok = Response::new(1, 200, r#"{"access_token":"a","token_type":"bearer","expires_in":1209600}"#);
        let t = parse_token_response(&ok, 1_000, Some(&Secret::new("old"))).unwrap();
        assert_eq!(t.expires_at_ms, Some(1_209_601_000));
        assert_eq!(t.refresh_token.unwrap().expose(), "old");
        let bad = Response::new(1, 400, r#"{"error":"invalid_grant","error_description":"The provided access grant is invalid"}"#);
        let e = parse_token_response(&bad, 0, None).unwrap_err();
        assert_eq!(e.code, ErrorCode::TokenRefreshFailed);
        assert!(e.message.contains("invalid_grant"));
        assert_eq!(parse_token_response(&Response::new(1, 200, "<html>"), 0, None).unwrap_err().code, ErrorCode::Decode);
    }

    #[test]
    fn redirects_from_query_or_fragment() {
        let t = token_from_redirect("http://app/cb#access_token=tok&token_type=bearer&expires_in=10&scope=harvest%3A42&state=s", "s", 0).unwrap();
        assert_eq!((t.access_token.expose(), t.expires_at_ms, t.account_ids()), ("tok", Some(10_000), vec![42]));
        let t = token_from_redirect("http://app/cb?access_token=tok2&scope=harvest:7+forecast:8&state=s", "s", 0).unwrap();
        assert_eq!(t.account_ids(), vec![7]);
        assert_eq!(token_from_redirect("http://app/cb#access_token=t&state=evil", "s", 0).unwrap_err().code, ErrorCode::InvalidInput);
        assert_eq!(code_from_redirect("http://x/cb?code=c1&scope=harvest:1&state=s", "s").unwrap(), "c1");
        assert_eq!(code_from_redirect("http://x/cb?error=access_denied&state=s", "s").unwrap_err().code, ErrorCode::Unauthorized);
    }
}
