//! harvest-sdk's native Node engine: thin napi-rs wrappers over `bindings/js-shared/engine.rs`,
//! symmetric with `bindings/wasm`. Every export is `catch_unwind`-guarded twice over (napi's own
//! `catch_unwind` and [`engine::guard`]), so a panic reaches JS as an `Error` whose message is the
//! JSON of a `protocol` error, never as a crash.

#![deny(clippy::unwrap_used)]

#[path = "../../js-shared/engine.rs"]
mod engine;

use engine::{EngineError, EngineResult};
use engine::{AnyCall, AnyPaginator};
use harvest_core::Client;
use napi::{Error, Result};
use napi_derive::napi;

fn js<T>(result: EngineResult<T>) -> Result<T> {
    result.map_err(|e: EngineError| Error::from_reason(e.to_json()))
}

fn guarded<T>(f: impl FnOnce() -> EngineResult<T>) -> Result<T> {
    js(engine::guard(f))
}

/// A client: configuration plus the state its calls share (rate limiter, OAuth tokens, events).
#[napi]
pub struct EngineClient {
    inner: Client,
}

#[napi]
impl EngineClient {
    /// A client from `ClientOptions` JSON.
    #[napi(constructor, catch_unwind)]
    pub fn new(options_json: String) -> Result<Self> {
        guarded(|| engine::client_new(&options_json)).map(|inner| EngineClient { inner })
    }

    /// Starts a call: operation id, path ids JSON, params JSON; `strict`: typed decode in Rust,
    /// else the body is checked and handed over as received.
    #[napi(catch_unwind)]
    pub fn call(&self, operation_id: String, path_ids_json: String, params_json: String, strict: bool) -> Result<EngineCall> {
        guarded(|| engine::call_new(&self.inner, &operation_id, &path_ids_json, &params_json, strict)).map(|inner| EngineCall { inner })
    }

    /// Starts paginating a list operation.
    #[napi(catch_unwind)]
    pub fn paginate(&self, operation_id: String, path_ids_json: String, params_json: String, strict: bool) -> Result<EnginePaginator> {
        guarded(|| engine::paginator_new(&self.inner, &operation_id, &path_ids_json, &params_json, strict)).map(|inner| EnginePaginator { inner })
    }

    /// Resumes a paginator from a saved position (JSON).
    #[napi(catch_unwind)]
    pub fn resume(&self, position_json: String, strict: bool) -> Result<EnginePaginator> {
        guarded(|| engine::paginator_resume(&self.inner, &position_json, strict)).map(|inner| EnginePaginator { inner })
    }

    /// The events since the last call, as a JSON array.
    #[napi(catch_unwind)]
    pub fn take_events(&self) -> Result<String> {
        guarded(|| Ok(engine::take_events(&self.inner)))
    }

    /// The current OAuth tokens as JSON (`null` with a personal access token).
    #[napi(catch_unwind)]
    pub fn tokens(&self) -> Result<String> {
        guarded(|| Ok(engine::client_tokens(&self.inner)))
    }

    /// Replaces the OAuth tokens (JSON).
    #[napi(catch_unwind)]
    pub fn set_tokens(&self, tokens_json: String) -> Result<()> {
        guarded(|| engine::client_set_tokens(&self.inner, &tokens_json))
    }

    /// Sets the account id (after account discovery).
    #[napi(catch_unwind)]
    pub fn set_account_id(&self, account_id: f64) -> Result<()> {
        guarded(|| engine::client_set_account_id(&self.inner, account_id))
    }

    /// A request id unique within this client, for requests the host builds (code exchange).
    #[napi(catch_unwind)]
    pub fn next_request_id(&self) -> Result<f64> {
        guarded(|| Ok(self.inner.next_request_id() as f64))
    }
}

/// One logical operation, driven by the host loop.
#[napi]
pub struct EngineCall {
    inner: AnyCall,
}

#[napi]
impl EngineCall {
    /// The next action as JSON, at `now_ms`.
    #[napi(catch_unwind)]
    pub fn next_action(&mut self, now_ms: f64) -> Result<String> {
        guarded(|| engine::call_next_action(&mut self.inner, now_ms))
    }

    /// Hands over the response to the request last sent.
    #[napi(catch_unwind)]
    pub fn handle_response(&mut self, request_id: f64, status: u32, headers_json: String, body: &[u8], now_ms: f64) -> Result<()> {
        guarded(|| engine::handle_response(&mut self.inner, request_id, status, &headers_json, body, now_ms))
    }

    /// Reports that the request last sent got no response (`connect`, `transport`, `timeout`).
    #[napi(catch_unwind)]
    pub fn handle_failure(&mut self, request_id: f64, kind: String, message: String, now_ms: f64) -> Result<()> {
        guarded(|| engine::handle_failure(&mut self.inner, request_id, &kind, &message, now_ms))
    }

    /// Ends the call as cancelled.
    #[napi(catch_unwind)]
    pub fn cancel(&mut self) -> Result<()> {
        guarded(|| {
            engine::call_cancel(&mut self.inner);
            Ok(())
        })
    }
}

/// Walks a list page by page.
#[napi]
pub struct EnginePaginator {
    inner: AnyPaginator,
}

#[napi]
impl EnginePaginator {
    /// The next action as JSON (`done` carries a page, or `null` at the end).
    #[napi(catch_unwind)]
    pub fn next_action(&mut self, now_ms: f64) -> Result<String> {
        guarded(|| engine::paginator_next_action(&mut self.inner, now_ms))
    }

    /// Hands over the response for the current page's request.
    #[napi(catch_unwind)]
    pub fn handle_response(&mut self, request_id: f64, status: u32, headers_json: String, body: &[u8], now_ms: f64) -> Result<()> {
        guarded(|| engine::handle_response(&mut self.inner, request_id, status, &headers_json, body, now_ms))
    }

    /// Reports that the current page's request got no response.
    #[napi(catch_unwind)]
    pub fn handle_failure(&mut self, request_id: f64, kind: String, message: String, now_ms: f64) -> Result<()> {
        guarded(|| engine::handle_failure(&mut self.inner, request_id, &kind, &message, now_ms))
    }

    /// Where the walk stands, as JSON (save it to resume later).
    #[napi(catch_unwind)]
    pub fn position(&self) -> Result<String> {
        guarded(|| Ok(engine::paginator_position(&self.inner)))
    }
}

/// Checks a raw response to an operation (the fast path; throws the typed error). The caller
/// parses the body itself.
#[napi(catch_unwind)]
pub fn decode_check(operation_id: String, status: u32, headers_json: String, body: &[u8]) -> Result<()> {
    guarded(|| engine::decode_check(&operation_id, status, &headers_json, body))
}

/// Decodes a raw response to an operation strictly: the typed value as JSON (throws the typed error).
#[napi(catch_unwind)]
pub fn decode(operation_id: String, status: u32, headers_json: String, body: &[u8]) -> Result<String> {
    guarded(|| engine::decode(&operation_id, status, &headers_json, body))
}

/// The OAuth authorize URL (`code` or `token` response type).
#[napi(catch_unwind)]
pub fn oauth_authorize_url(options_json: String, response_type: String, state: String) -> Result<String> {
    guarded(|| engine::oauth_authorize_url(&options_json, &response_type, &state))
}

/// The code exchange request, as JSON.
#[napi(catch_unwind)]
pub fn oauth_code_exchange_request(options_json: String, code: String, request_id: f64) -> Result<String> {
    guarded(|| engine::oauth_code_exchange_request(&options_json, &code, request_id))
}

/// The tokens in a token endpoint answer, as JSON.
#[napi(catch_unwind)]
pub fn oauth_parse_token_response(options_json: String, status: u32, headers_json: String, body: &[u8], now_ms: f64) -> Result<String> {
    guarded(|| engine::oauth_parse_token_response(&options_json, status, &headers_json, body, now_ms))
}

/// The implicit flow's token from the redirect URL (fragment or query), as JSON.
#[napi(catch_unwind)]
pub fn oauth_token_from_redirect(url: String, expected_state: String, now_ms: f64) -> Result<String> {
    guarded(|| engine::oauth_token_from_redirect(&url, &expected_state, now_ms))
}

/// The code flow's authorization code from the redirect URL.
#[napi(catch_unwind)]
pub fn oauth_code_from_redirect(url: String, expected_state: String) -> Result<String> {
    guarded(|| engine::oauth_code_from_redirect(&url, &expected_state))
}

/// Models, enums, operations and error codes, as JSON.
#[napi(catch_unwind)]
pub fn schema() -> Result<String> {
    guarded(|| Ok(engine::schema()))
}

/// The engine's name and version.
#[napi]
pub fn engine_info() -> String {
    format!("napi {}", env!("CARGO_PKG_VERSION"))
}

/// Panics on purpose (tests prove a panic surfaces as a `protocol` error).
#[napi(catch_unwind)]
pub fn debug_panic() -> Result<()> {
    guarded(engine::debug_panic)
}
