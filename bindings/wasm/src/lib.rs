//! harvest-sdk's WebAssembly engine: thin wasm-bindgen wrappers over
//! `bindings/js-shared/engine.rs`, symmetric with `bindings/node`. Built with panic=abort: every
//! input is checked by the shared engine, so bad input comes back as an error rather than a
//! panic; a trap that happens anyway is turned into a `protocol` `HarvestError` by the facade,
//! which then instantiates the module afresh.

#![deny(clippy::unwrap_used)]

#[path = "../../js-shared/engine.rs"]
mod engine;

use engine::{EngineError, EngineResult};
use engine::{AnyCall, AnyPaginator};
use harvest_core::Client;
use wasm_bindgen::prelude::*;

fn js<T>(result: EngineResult<T>) -> Result<T, JsError> {
    result.map_err(|e: EngineError| JsError::new(&e.to_json()))
}

/// A client: configuration plus the state its calls share (rate limiter, OAuth tokens, events).
#[wasm_bindgen]
pub struct EngineClient {
    inner: Client,
}

#[wasm_bindgen]
impl EngineClient {
    /// A client from `ClientOptions` JSON.
    #[wasm_bindgen(constructor)]
    pub fn new(options_json: &str) -> Result<EngineClient, JsError> {
        js(engine::client_new(options_json)).map(|inner| EngineClient { inner })
    }

    /// Starts a call: operation id, path ids JSON, params JSON; `strict`: typed decode in Rust,
    /// else the body is checked and handed over as received.
    pub fn call(&self, operation_id: &str, path_ids_json: &str, params_json: &str, strict: bool) -> Result<EngineCall, JsError> {
        js(engine::call_new(&self.inner, operation_id, path_ids_json, params_json, strict)).map(|inner| EngineCall { inner })
    }

    /// Starts paginating a list operation.
    pub fn paginate(&self, operation_id: &str, path_ids_json: &str, params_json: &str, strict: bool) -> Result<EnginePaginator, JsError> {
        js(engine::paginator_new(&self.inner, operation_id, path_ids_json, params_json, strict)).map(|inner| EnginePaginator { inner })
    }

    /// Resumes a paginator from a saved position (JSON).
    pub fn resume(&self, position_json: &str, strict: bool) -> Result<EnginePaginator, JsError> {
        js(engine::paginator_resume(&self.inner, position_json, strict)).map(|inner| EnginePaginator { inner })
    }

    /// The events since the last call, as a JSON array.
    #[wasm_bindgen(js_name = takeEvents)]
    pub fn take_events(&self) -> String {
        engine::take_events(&self.inner)
    }

    /// The current OAuth tokens as JSON (`null` with a personal access token).
    pub fn tokens(&self) -> String {
        engine::client_tokens(&self.inner)
    }

    /// Replaces the OAuth tokens (JSON).
    #[wasm_bindgen(js_name = setTokens)]
    pub fn set_tokens(&self, tokens_json: &str) -> Result<(), JsError> {
        js(engine::client_set_tokens(&self.inner, tokens_json))
    }

    /// Sets the account id (after account discovery).
    #[wasm_bindgen(js_name = setAccountId)]
    pub fn set_account_id(&self, account_id: f64) -> Result<(), JsError> {
        js(engine::client_set_account_id(&self.inner, account_id))
    }

    /// A request id unique within this client, for requests the host builds (code exchange).
    #[wasm_bindgen(js_name = nextRequestId)]
    pub fn next_request_id(&self) -> f64 {
        self.inner.next_request_id() as f64
    }
}

/// One logical operation, driven by the host loop.
#[wasm_bindgen]
pub struct EngineCall {
    inner: AnyCall,
}

#[wasm_bindgen]
impl EngineCall {
    /// The next action as JSON, at `now_ms`.
    #[wasm_bindgen(js_name = nextAction)]
    pub fn next_action(&mut self, now_ms: f64) -> Result<String, JsError> {
        js(engine::call_next_action(&mut self.inner, now_ms))
    }

    /// Hands over the response to the request last sent.
    #[wasm_bindgen(js_name = handleResponse)]
    pub fn handle_response(&mut self, request_id: f64, status: u32, headers_json: &str, body: &[u8], now_ms: f64) -> Result<(), JsError> {
        js(engine::handle_response(&mut self.inner, request_id, status, headers_json, body, now_ms))
    }

    /// Reports that the request last sent got no response (`connect`, `transport`, `timeout`).
    #[wasm_bindgen(js_name = handleFailure)]
    pub fn handle_failure(&mut self, request_id: f64, kind: &str, message: &str, now_ms: f64) -> Result<(), JsError> {
        js(engine::handle_failure(&mut self.inner, request_id, kind, message, now_ms))
    }

    /// Ends the call as cancelled.
    pub fn cancel(&mut self) {
        engine::call_cancel(&mut self.inner);
    }
}

/// Walks a list page by page.
#[wasm_bindgen]
pub struct EnginePaginator {
    inner: AnyPaginator,
}

#[wasm_bindgen]
impl EnginePaginator {
    /// The next action as JSON (`done` carries a page, or `null` at the end).
    #[wasm_bindgen(js_name = nextAction)]
    pub fn next_action(&mut self, now_ms: f64) -> Result<String, JsError> {
        js(engine::paginator_next_action(&mut self.inner, now_ms))
    }

    /// Hands over the response for the current page's request.
    #[wasm_bindgen(js_name = handleResponse)]
    pub fn handle_response(&mut self, request_id: f64, status: u32, headers_json: &str, body: &[u8], now_ms: f64) -> Result<(), JsError> {
        js(engine::handle_response(&mut self.inner, request_id, status, headers_json, body, now_ms))
    }

    /// Reports that the current page's request got no response.
    #[wasm_bindgen(js_name = handleFailure)]
    pub fn handle_failure(&mut self, request_id: f64, kind: &str, message: &str, now_ms: f64) -> Result<(), JsError> {
        js(engine::handle_failure(&mut self.inner, request_id, kind, message, now_ms))
    }

    /// Where the walk stands, as JSON (save it to resume later).
    pub fn position(&self) -> String {
        engine::paginator_position(&self.inner)
    }
}

/// Checks a raw response to an operation (the fast path; throws the typed error). The caller
/// parses the body itself.
#[wasm_bindgen(js_name = decodeCheck)]
pub fn decode_check(operation_id: &str, status: u32, headers_json: &str, body: &[u8]) -> Result<(), JsError> {
    js(engine::decode_check(operation_id, status, headers_json, body))
}

/// Decodes a raw response to an operation strictly: the typed value as JSON (throws the typed error).
#[wasm_bindgen]
pub fn decode(operation_id: &str, status: u32, headers_json: &str, body: &[u8]) -> Result<String, JsError> {
    js(engine::decode(operation_id, status, headers_json, body))
}

/// The OAuth authorize URL (`code` or `token` response type).
#[wasm_bindgen(js_name = oauthAuthorizeUrl)]
pub fn oauth_authorize_url(options_json: &str, response_type: &str, state: &str) -> Result<String, JsError> {
    js(engine::oauth_authorize_url(options_json, response_type, state))
}

/// The code exchange request, as JSON.
#[wasm_bindgen(js_name = oauthCodeExchangeRequest)]
pub fn oauth_code_exchange_request(options_json: &str, code: &str, request_id: f64) -> Result<String, JsError> {
    js(engine::oauth_code_exchange_request(options_json, code, request_id))
}

/// The tokens in a token endpoint answer, as JSON.
#[wasm_bindgen(js_name = oauthParseTokenResponse)]
pub fn oauth_parse_token_response(options_json: &str, status: u32, headers_json: &str, body: &[u8], now_ms: f64) -> Result<String, JsError> {
    js(engine::oauth_parse_token_response(options_json, status, headers_json, body, now_ms))
}

/// The implicit flow's token from the redirect URL (fragment or query), as JSON.
#[wasm_bindgen(js_name = oauthTokenFromRedirect)]
pub fn oauth_token_from_redirect(url: &str, expected_state: &str, now_ms: f64) -> Result<String, JsError> {
    js(engine::oauth_token_from_redirect(url, expected_state, now_ms))
}

/// The code flow's authorization code from the redirect URL.
#[wasm_bindgen(js_name = oauthCodeFromRedirect)]
pub fn oauth_code_from_redirect(url: &str, expected_state: &str) -> Result<String, JsError> {
    js(engine::oauth_code_from_redirect(url, expected_state))
}

/// Models, enums, operations and error codes, as JSON.
#[wasm_bindgen]
pub fn schema() -> String {
    engine::schema()
}

/// The engine's name and version.
#[wasm_bindgen(js_name = engineInfo)]
pub fn engine_info() -> String {
    format!("wasm {}", env!("CARGO_PKG_VERSION"))
}

/// Panics on purpose: with panic=abort this traps, and the tests prove the facade turns the trap
/// into a `protocol` error and carries on with a fresh instance.
#[wasm_bindgen(js_name = debugPanic)]
pub fn debug_panic() -> Result<(), JsError> {
    js(engine::debug_panic())
}
