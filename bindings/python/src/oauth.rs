//! OAuth2 with Harvest ID as pure functions; `harvest_sdk.OAuth` sends the code exchange with the
//! host's transport. The refresh that keeps a client signed in runs inside the core's calls.

use crate::errors::{core_err, guard};
use crate::machine::{token_tuple, TokenTuple};
use harvest_core::oauth::{self, ResponseType};
use harvest_core::{Config, OAuthApp, Response, Secret};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};

fn config(py: Python<'_>, id_base_url: Option<&str>, user_agent: &str) -> PyResult<Config> {
    let config = Config::without_account("", user_agent).map_err(|e| core_err(py, &e))?;
    match id_base_url {
        Some(url) => config.with_id_base_url(url).map_err(|e| core_err(py, &e)),
        None => Ok(config),
    }
}

fn app(client_id: &str, client_secret: &str, redirect_uri: Option<&str>) -> OAuthApp {
    OAuthApp { client_id: client_id.to_owned(), client_secret: Secret::new(client_secret), redirect_uri: redirect_uri.map(str::to_owned) }
}

/// The URL to send the user to; `response_type` is `code` (server apps) or `token` (browser apps).
#[pyfunction]
#[pyo3(signature = (client_id, state, redirect_uri=None, id_base_url=None, response_type="code"))]
fn oauth_authorize_url(py: Python<'_>, client_id: &str, state: &str, redirect_uri: Option<&str>, id_base_url: Option<&str>, response_type: &str) -> PyResult<String> {
    guard(py, || {
        let kind = match response_type {
            "code" => ResponseType::Code,
            "token" => ResponseType::Token,
            other => return Err(crate::errors::invalid_input(py, format!("response_type is code or token, not {other:?}"))),
        };
        let config = config(py, id_base_url, "harvest-sdk")?;
        oauth::authorize_url(&config, &app(client_id, "", redirect_uri), kind, state).map_err(|e| core_err(py, &e))
    })
}

/// The code exchange request, as a send tuple `("send", id, method, url, headers, body)`.
#[pyfunction]
#[pyo3(signature = (user_agent, client_id, client_secret, code, redirect_uri=None, id_base_url=None, request_id=1))]
#[allow(clippy::too_many_arguments)]
fn oauth_code_exchange_request<'py>(
    py: Python<'py>,
    user_agent: &str,
    client_id: &str,
    client_secret: &str,
    code: &str,
    redirect_uri: Option<&str>,
    id_base_url: Option<&str>,
    request_id: u64,
) -> PyResult<Bound<'py, PyTuple>> {
    guard(py, || {
        let config = config(py, id_base_url, user_agent)?;
        let request = oauth::code_exchange_request(&config, &app(client_id, client_secret, redirect_uri), code, request_id).map_err(|e| core_err(py, &e))?;
        let body = request.body.as_ref().map(|b| PyBytes::new(py, b));
        ("send", request.id, request.method.as_str(), request.url, request.headers, body).into_pyobject(py)
    })
}

/// Tokens from the token endpoint's answer received at `now_ms`, or a raised `HarvestError`.
#[pyfunction]
#[pyo3(signature = (status, headers, body, now_ms, previous_refresh_token=None))]
fn oauth_parse_token_response(py: Python<'_>, status: u16, headers: Vec<(String, String)>, body: &[u8], now_ms: i64, previous_refresh_token: Option<String>) -> PyResult<TokenTuple> {
    guard(py, || {
        let response = Response { request_id: 0, status, headers, body: body.to_vec() };
        let previous = previous_refresh_token.map(Secret::new);
        oauth::parse_token_response(&response, now_ms, previous.as_ref()).map(|t| token_tuple(&t)).map_err(|e| core_err(py, &e))
    })
}

/// The authorization code in the redirect of the code flow, after checking `state`.
#[pyfunction]
fn oauth_code_from_redirect(py: Python<'_>, url: &str, state: &str) -> PyResult<String> {
    guard(py, || oauth::code_from_redirect(url, state).map_err(|e| core_err(py, &e)))
}

/// The token in the redirect of the browser implicit flow, after checking `state`.
#[pyfunction]
fn oauth_token_from_redirect(py: Python<'_>, url: &str, state: &str, now_ms: i64) -> PyResult<TokenTuple> {
    guard(py, || oauth::token_from_redirect(url, state, now_ms).map(|t| token_tuple(&t)).map_err(|e| core_err(py, &e)))
}

/// The Harvest account ids in a scope such as `harvest:123 forecast:456`.
#[pyfunction]
fn account_ids_from_scope(scope: &str) -> Vec<u64> {
    oauth::account_ids_from_scope(scope)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(oauth_authorize_url, m)?)?;
    m.add_function(wrap_pyfunction!(oauth_code_exchange_request, m)?)?;
    m.add_function(wrap_pyfunction!(oauth_parse_token_response, m)?)?;
    m.add_function(wrap_pyfunction!(oauth_code_from_redirect, m)?)?;
    m.add_function(wrap_pyfunction!(oauth_token_from_redirect, m)?)?;
    m.add_function(wrap_pyfunction!(account_ids_from_scope, m)?)?;
    Ok(())
}
