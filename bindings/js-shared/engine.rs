//! The JavaScript engines' shared logic, included by both `bindings/wasm` and `bindings/node`
//! (`#[path]`), so the two crates are thin, symmetric wrappers around one set of conversions.
//!
//! Everything complex crosses the JS boundary as a JSON string (options, ids, params, headers,
//! actions, decoded values, positions, events, tokens) and bodies as bytes: one `JSON.parse` on
//! the JS side builds the objects, which is faster than building them property by property across
//! either boundary (see packages/npm/README.md, "Benchmark"). Every fallible function returns
//! `Err(EngineError)`, whose JSON (`{"code","status","message","retry_at_ms","retry_after_ms"}`)
//! the wrappers throw as the message of a JS `Error`; the TypeScript facade turns it into a
//! `HarvestError`. Nothing here panics on any input: numbers from JS are checked before they
//! become ids or times, and [`guard`] turns an unexpected panic into a `protocol` error where
//! unwinding exists (napi; wasm is built with panic=abort and the facade handles the trap).

use harvest_core::oauth::{self, OAuthApp, ResponseType, Tokens};
use harvest_core::paginator::Position;
use harvest_core::{api, Action, Call, Client, ClientOptions, Decoded, Error, ErrorCode, Event, FailureKind, OperationId, Paginator, RawBody, Request, Response};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

/// An error for JS: a core error, or a panic caught on the way out.
pub struct EngineError(pub Error);

impl From<Error> for EngineError {
    fn from(error: Error) -> Self {
        EngineError(error)
    }
}

impl EngineError {
    /// The error as the JSON object the facade reads.
    pub fn to_json(&self) -> String {
        error_value(&self.0).to_string()
    }
}

/// The result of an engine function.
pub type EngineResult<T> = Result<T, EngineError>;

fn error_value(e: &Error) -> Value {
    serde_json::json!({
        "code": e.code_str(),
        "status": e.status,
        "message": e.message,
        "retry_at_ms": e.retry_at_ms,
        "retry_after_ms": e.retry_after_ms,
    })
}

fn invalid(message: impl Into<String>) -> EngineError {
    EngineError(Error::invalid_input(message))
}

/// Runs `f`, turning a panic (where unwinding exists) into a `protocol` error.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub fn guard<T>(f: impl FnOnce() -> EngineResult<T>) -> EngineResult<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(EngineError(Error::protocol(format!("internal error in the engine: {what}"))))
        }
    }
}

/// A JS number that must be an exact epoch-millisecond time.
fn time_ms(value: f64) -> EngineResult<i64> {
    if value.is_finite() && value.fract() == 0.0 && value.abs() <= 9_007_199_254_740_991.0 {
        Ok(value as i64)
    } else {
        Err(invalid(format!("a time must be whole epoch milliseconds, not {value}")))
    }
}

/// A JS number that must be an exact positive integer id (request ids, Harvest ids).
fn whole(value: f64, what: &str) -> EngineResult<u64> {
    if value.is_finite() && value.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(&value) {
        Ok(value as u64)
    } else {
        Err(invalid(format!("{what} must be a whole number between 0 and 2^53-1, not {value}")))
    }
}

fn parse_json(text: &str, what: &str) -> EngineResult<Value> {
    if text.is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_str(text).map_err(|e| invalid(format!("{what} is not valid JSON: {e}")))
}

fn parse_ids(text: &str) -> EngineResult<Vec<u64>> {
    match parse_json(text, "the path ids")? {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_u64().filter(|&n| n > 0).ok_or_else(|| invalid(format!("a path id must be a positive integer, not {v}"))))
            .collect(),
        other => Err(invalid(format!("the path ids must be an array, not {other}"))),
    }
}

fn parse_headers(text: &str) -> EngineResult<Vec<(String, String)>> {
    match parse_json(text, "the headers")? {
        Value::Null => Ok(Vec::new()),
        Value::Array(pairs) => pairs
            .into_iter()
            .map(|pair| match pair {
                Value::Array(kv) if kv.len() == 2 => match (&kv[0], &kv[1]) {
                    (Value::String(k), Value::String(v)) => Ok((k.clone(), v.clone())),
                    _ => Err(invalid("a header must be a [name, value] pair of strings")),
                },
                _ => Err(invalid("a header must be a [name, value] pair of strings")),
            })
            .collect(),
        Value::Object(map) => Ok(map.into_iter().map(|(k, v)| (k, v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string()))).collect()),
        other => Err(invalid(format!("the headers must be [name, value] pairs, not {other}"))),
    }
}

/// Builds a client from `ClientOptions` JSON (the shape of the conformance cases' `config`).
pub fn client_new(options_json: &str) -> EngineResult<Client> {
    let options = ClientOptions::from_json(parse_json(options_json, "the client options")?)?;
    Ok(options.build()?)
}

fn operation(operation_id: &str, path_ids_json: &str, params_json: &str) -> EngineResult<harvest_core::Operation<Decoded>> {
    let id = OperationId::parse(operation_id)?;
    let ids = parse_ids(path_ids_json)?;
    if ids.len() != id.path_params().len() {
        return Err(invalid(format!("{id} takes {} path id(s) ({}), not {}", id.path_params().len(), id.path_params().join(", "), ids.len())));
    }
    Ok(api::build(id, &ids, parse_json(params_json, "the parameters")?)?)
}

/// A call whose answer is decoded strictly into the typed models (`Decoded`, then written as JSON),
/// or only checked and handed over as the bytes Harvest sent ([`RawBody`], the fast path: JS's
/// `JSON.parse` builds the objects). Both run the core's same state machine.
#[allow(clippy::large_enum_variant)] // one per JS object; a Box would only add an allocation
pub enum AnyCall {
    /// Typed decode in Rust.
    #[cfg(feature = "strict")]
    Typed(Call<Decoded>),
    /// Checked in Rust, parsed by JS.
    Raw(Call<RawBody>),
}

/// A paginator, typed or raw as [`AnyCall`].
#[allow(clippy::large_enum_variant)] // one per JS object; a Box would only add an allocation
pub enum AnyPaginator {
    /// Typed decode in Rust.
    #[cfg(feature = "strict")]
    Typed(Paginator<Decoded>),
    /// Checked in Rust, parsed by JS.
    Raw(Paginator<RawBody>),
}

/// Starts a call of one operation (`strict`: typed decode in Rust).
pub fn call_new(client: &Client, operation_id: &str, path_ids_json: &str, params_json: &str, strict: bool) -> EngineResult<AnyCall> {
    let operation = operation(operation_id, path_ids_json, params_json)?;
    #[cfg(feature = "strict")]
    if strict {
        return Ok(AnyCall::Typed(client.call(operation)));
    }
    no_strict(strict)?;
    Ok(AnyCall::Raw(client.call(operation.raw())))
}

/// Starts paginating a list operation (`strict`: typed decode in Rust).
pub fn paginator_new(client: &Client, operation_id: &str, path_ids_json: &str, params_json: &str, strict: bool) -> EngineResult<AnyPaginator> {
    let operation = operation(operation_id, path_ids_json, params_json)?;
    #[cfg(feature = "strict")]
    if strict {
        return Ok(AnyPaginator::Typed(client.paginate(operation)?));
    }
    no_strict(strict)?;
    Ok(AnyPaginator::Raw(client.paginate(operation.raw())?))
}

/// Resumes a paginator from a position saved with [`paginator_position`].
pub fn paginator_resume(client: &Client, position_json: &str, strict: bool) -> EngineResult<AnyPaginator> {
    let position = Position::from_json(position_json)?;
    #[cfg(feature = "strict")]
    if strict {
        return Ok(AnyPaginator::Typed(Paginator::resume(client, &position)?));
    }
    no_strict(strict)?;
    Ok(AnyPaginator::Raw(Paginator::resume(client, &position)?))
}

/// Refuses a strict decode in an engine built without it (the small WebAssembly module: the
/// facade loads the full one for `validate: true`).
fn no_strict(strict: bool) -> EngineResult<()> {
    if strict && !cfg!(feature = "strict") {
        return Err(invalid("this engine was built without the strict decode; the facade loads the engine that has it for `validate: true`"));
    }
    Ok(())
}

/// The paginator's position, as JSON.
pub fn paginator_position(paginator: &AnyPaginator) -> String {
    match paginator {
        #[cfg(feature = "strict")]
        AnyPaginator::Typed(p) => p.position().to_json(),
        AnyPaginator::Raw(p) => p.position().to_json(),
    }
}

/// Ends a call as cancelled.
pub fn call_cancel(call: &mut AnyCall) {
    match call {
        #[cfg(feature = "strict")]
        AnyCall::Typed(c) => c.cancel(),
        AnyCall::Raw(c) => c.cancel(),
    }
}

struct RequestJson<'a>(&'a Request);

impl Serialize for RequestJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut map = s.serialize_map(Some(5))?;
        map.serialize_entry("id", &r.id)?;
        map.serialize_entry("method", r.method.as_str())?;
        map.serialize_entry("url", &r.url)?;
        map.serialize_entry("headers", &r.headers)?;
        map.serialize_entry("body", &r.body.as_ref().map(|b| String::from_utf8_lossy(b)))?;
        map.end()
    }
}

/// A value a call is done with, written as the JSON of the `done` action's `value`.
trait DoneValue {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), String>;
}

#[cfg(feature = "strict")]
impl DoneValue for Decoded {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), String> {
        serde_json::to_writer(out, self).map_err(|e| e.to_string())
    }
}

impl DoneValue for RawBody {
    /// The body verbatim: the core checked that it is well-formed UTF-8 JSON.
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), String> {
        out.extend_from_slice(&self.body);
        Ok(())
    }
}

impl<T: DoneValue> DoneValue for Option<T> {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), String> {
        match self {
            Some(value) => value.write_json(out),
            None => {
                out.extend_from_slice(b"null");
                Ok(())
            }
        }
    }
}

fn send_json(request: &Request) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::with_capacity(512);
    let mut ser = serde_json::Serializer::new(&mut out);
    let mut map = ser.serialize_map(Some(2))?;
    map.serialize_entry("kind", "send")?;
    map.serialize_entry("request", &RequestJson(request))?;
    map.end()?;
    Ok(out)
}

/// One step of a host loop as JSON: `{"kind":"send","request":{...}}`, `{"kind":"wait","until":t}`,
/// `{"kind":"done","value":v}` or `{"kind":"done","error":{...}}`.
fn action_json<T: DoneValue>(action: Action<T>) -> String {
    let error_json = |e: &Error| format!(r#"{{"kind":"done","error":{}}}"#, error_value(e));
    let written: Result<Vec<u8>, String> = match &action {
        Action::Send(request) => send_json(request).map_err(|e| e.to_string()),
        Action::Wait { until } => Ok(format!(r#"{{"kind":"wait","until":{until}}}"#).into_bytes()),
        Action::Done(Ok(value)) => {
            let mut out = Vec::with_capacity(256);
            out.extend_from_slice(br#"{"kind":"done","value":"#);
            value.write_json(&mut out).map(|()| {
                out.push(b'}');
                out
            })
        }
        Action::Done(Err(error)) => Ok(error_json(error).into_bytes()),
    };
    match written.and_then(|out| String::from_utf8(out).map_err(|e| e.to_string())) {
        Ok(text) => text,
        Err(e) => error_json(&Error::new(ErrorCode::Decode, format!("the value could not be written as JSON: {e}"))),
    }
}

/// The next action of a call, as JSON.
pub fn call_next_action(call: &mut AnyCall, now_ms: f64) -> EngineResult<String> {
    let now = time_ms(now_ms)?;
    Ok(match call {
        #[cfg(feature = "strict")]
        AnyCall::Typed(c) => action_json(c.next_action(now)),
        AnyCall::Raw(c) => action_json(c.next_action(now)),
    })
}

/// The next action of a paginator, as JSON (`value` is the page, or `null` at the end).
pub fn paginator_next_action(paginator: &mut AnyPaginator, now_ms: f64) -> EngineResult<String> {
    let now = time_ms(now_ms)?;
    Ok(match paginator {
        #[cfg(feature = "strict")]
        AnyPaginator::Typed(p) => action_json(p.next_action(now)),
        AnyPaginator::Raw(p) => action_json(p.next_action(now)),
    })
}

/// A response handed back by the host.
fn response(request_id: f64, status: u32, headers_json: &str, body: &[u8]) -> EngineResult<Response> {
    let status = u16::try_from(status).ok().filter(|s| (100..=999).contains(s)).ok_or_else(|| invalid(format!("not an HTTP status: {status}")))?;
    Ok(Response { request_id: whole(request_id, "a request id")?, status, headers: parse_headers(headers_json)?, body: body.to_vec() })
}

/// Why a request failed, from its name (`connect`, `transport`, `timeout`).
fn failure_kind(kind: &str) -> EngineResult<FailureKind> {
    FailureKind::parse(kind).ok_or_else(|| invalid(format!("a failure is connect, transport or timeout, not {kind}")))
}

/// A call or a paginator: what a host loop hands answers to.
pub trait Stepper {
    /// The core's `handle_response`.
    fn take_response(&mut self, response: Response, now_ms: i64) -> harvest_core::Result<()>;
    /// The core's `handle_failure`.
    fn take_failure(&mut self, request_id: u64, kind: FailureKind, message: &str, now_ms: i64) -> harvest_core::Result<()>;
}

macro_rules! stepper {
    ($any:ident) => {
        impl Stepper for $any {
            fn take_response(&mut self, response: Response, now_ms: i64) -> harvest_core::Result<()> {
                match self {
                    #[cfg(feature = "strict")]
                    $any::Typed(s) => s.handle_response(response, now_ms),
                    $any::Raw(s) => s.handle_response(response, now_ms),
                }
            }
            fn take_failure(&mut self, request_id: u64, kind: FailureKind, message: &str, now_ms: i64) -> harvest_core::Result<()> {
                match self {
                    #[cfg(feature = "strict")]
                    $any::Typed(s) => s.handle_failure(request_id, kind, message, now_ms),
                    $any::Raw(s) => s.handle_failure(request_id, kind, message, now_ms),
                }
            }
        }
    };
}

stepper!(AnyCall);
stepper!(AnyPaginator);

/// Hands a response from JS to a call or paginator.
pub fn handle_response(stepper: &mut impl Stepper, request_id: f64, status: u32, headers_json: &str, body: &[u8], now_ms: f64) -> EngineResult<()> {
    let response = response(request_id, status, headers_json, body)?;
    Ok(stepper.take_response(response, time_ms(now_ms)?)?)
}

/// Hands a failure from JS (`connect`, `transport`, `timeout`) to a call or paginator.
pub fn handle_failure(stepper: &mut impl Stepper, request_id: f64, kind: &str, message: &str, now_ms: f64) -> EngineResult<()> {
    let kind = failure_kind(kind)?;
    let id = whole(request_id, "a request id")?;
    Ok(stepper.take_failure(id, kind, message, time_ms(now_ms)?)?)
}

/// Checks a raw response to an operation as the fast path does (statuses become the typed errors;
/// a 2xx must be well-formed JSON of the operation's shape) without copying the body: the caller
/// parses the body itself (an empty body is `null`).
pub fn decode_check(operation_id: &str, status: u32, headers_json: &str, body: &[u8]) -> EngineResult<()> {
    let id = OperationId::parse(operation_id)?;
    match u16::try_from(status) {
        Ok(ok) if (200..300).contains(&ok) => {
            RawBody::check(id, ok, body)?;
            Ok(())
        }
        _ => {
            let response = response(0.0, status, headers_json, body)?;
            Err(EngineError(harvest_core::status::error_for(&response).unwrap_or_else(|| Error::protocol("a non-2xx status without an error"))))
        }
    }
}

/// Decodes a raw response to an operation strictly (typed models): the value as JSON, or the
/// typed error.
#[cfg(feature = "strict")]
pub fn decode(operation_id: &str, status: u32, headers_json: &str, body: &[u8]) -> EngineResult<String> {
    let response = response(0.0, status, headers_json, body)?;
    let decoded = harvest_core::decode(operation_id, &response)?;
    serde_json::to_string(&decoded).map_err(|e| EngineError(Error::decode(e.to_string())))
}

/// Without the strict decode: refused (see [`no_strict`]).
#[cfg(not(feature = "strict"))]
pub fn decode(_operation_id: &str, _status: u32, _headers_json: &str, _body: &[u8]) -> EngineResult<String> {
    no_strict(true).map(|()| String::new())
}

fn tokens_value(t: &Tokens) -> Value {
    serde_json::json!({
        "access_token": t.access_token.expose(),
        "refresh_token": t.refresh_token.as_ref().map(|s| s.expose()),
        "expires_at_ms": t.expires_at_ms,
        "scope": t.scope,
        "account_ids": t.account_ids(),
    })
}

/// The client's events since the last call, as a JSON array: `[{"kind":"tokens_refreshed","tokens":{...}}]`.
pub fn take_events(client: &Client) -> String {
    let events: Vec<Value> = client
        .take_events()
        .iter()
        .map(|e| match e {
            Event::TokensRefreshed(t) => serde_json::json!({"kind": "tokens_refreshed", "tokens": tokens_value(t)}),
        })
        .collect();
    Value::Array(events).to_string()
}

/// The client's current OAuth tokens as JSON (`null` with a personal access token).
pub fn client_tokens(client: &Client) -> String {
    client.tokens().as_ref().map(tokens_value).unwrap_or(Value::Null).to_string()
}

/// Replaces a client's OAuth tokens (`access_token`, `refresh_token`, `expires_at_ms`).
pub fn client_set_tokens(client: &Client, tokens_json: &str) -> EngineResult<()> {
    let v = parse_json(tokens_json, "the tokens")?;
    let access = v["access_token"].as_str().filter(|s| !s.is_empty()).ok_or_else(|| invalid("tokens need an access_token"))?;
    client.set_tokens(Tokens {
        access_token: access.into(),
        refresh_token: v["refresh_token"].as_str().map(Into::into),
        expires_at_ms: v["expires_at_ms"].as_i64(),
        scope: v["scope"].as_str().map(str::to_owned),
    });
    Ok(())
}

/// Sets the account id (after account discovery).
pub fn client_set_account_id(client: &Client, account_id: f64) -> EngineResult<()> {
    Ok(client.set_account_id(whole(account_id, "an account id")?)?)
}

/// The OAuth settings of a set of client options: the config (id base URL, user agent) and app.
fn oauth_parts(options_json: &str) -> EngineResult<(harvest_core::Config, OAuthApp, Option<harvest_core::Secret>)> {
    let options = ClientOptions::from_json(parse_json(options_json, "the OAuth options")?)?;
    let oauth = options.oauth.clone().ok_or_else(|| invalid("the options carry no `oauth` settings (client_id, ...)"))?;
    let app = OAuthApp { client_id: oauth.client_id, client_secret: oauth.client_secret, redirect_uri: oauth.redirect_uri };
    let config = options.build()?.config();
    Ok((config, app, oauth.refresh_token))
}

/// The URL to send the user to; `response_type` is `code` or `token` (implicit browser flow).
pub fn oauth_authorize_url(options_json: &str, response_type: &str, state: &str) -> EngineResult<String> {
    let (config, app, _) = oauth_parts(options_json)?;
    let kind = match response_type {
        "code" => ResponseType::Code,
        "token" => ResponseType::Token,
        other => return Err(invalid(format!("the response type is code or token, not {other}"))),
    };
    Ok(oauth::authorize_url(&config, &app, kind, state)?)
}

/// The request exchanging an authorization code for tokens, as the `request` JSON of a send action.
pub fn oauth_code_exchange_request(options_json: &str, code: &str, request_id: f64) -> EngineResult<String> {
    let (config, app, _) = oauth_parts(options_json)?;
    let request = oauth::code_exchange_request(&config, &app, code, whole(request_id, "a request id")?)?;
    serde_json::to_string(&RequestJson(&request)).map_err(|e| EngineError(Error::decode(e.to_string())))
}

/// The tokens in the token endpoint's answer (received at `now_ms`), as JSON.
pub fn oauth_parse_token_response(options_json: &str, status: u32, headers_json: &str, body: &[u8], now_ms: f64) -> EngineResult<String> {
    let (_, _, previous_refresh) = oauth_parts(options_json)?;
    let response = response(0.0, status, headers_json, body)?;
    let tokens = oauth::parse_token_response(&response, time_ms(now_ms)?, previous_refresh.as_ref())?;
    Ok(tokens_value(&tokens).to_string())
}

/// The token of the browser implicit flow, read from the redirect URL's fragment or query.
pub fn oauth_token_from_redirect(url: &str, expected_state: &str, now_ms: f64) -> EngineResult<String> {
    let tokens = oauth::token_from_redirect(url, expected_state, time_ms(now_ms)?)?;
    Ok(tokens_value(&tokens).to_string())
}

/// The authorization code of the code flow's redirect.
pub fn oauth_code_from_redirect(url: &str, expected_state: &str) -> EngineResult<String> {
    Ok(oauth::code_from_redirect(url, expected_state)?)
}

/// Every model and string enum with its fields (Rust types) and values, for the TypeScript
/// generator; and every operation with its method, path, path ids and whether it lists.
pub fn schema() -> String {
    let models: Vec<Value> = harvest_core::model::schema::models()
        .iter()
        .map(|m| serde_json::json!({"name": m.name, "fields": m.fields.iter().map(|(n, t)| serde_json::json!([n, t])).collect::<Vec<_>>()}))
        .collect();
    let enums: Vec<Value> = harvest_core::model::schema::enums().iter().map(|e| serde_json::json!({"name": e.name, "values": e.values})).collect();
    let operations: Vec<Value> = OperationId::ALL
        .iter()
        .map(|op| {
            serde_json::json!({
                "id": op.as_str(), "method": op.method().as_str(), "path": op.path_template(),
                "path_params": op.path_params(), "is_list": op.is_list(),
            })
        })
        .collect();
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    serde_json::json!({"models": models, "enums": enums, "operations": operations, "error_codes": codes}).to_string()
}

/// A panic on purpose, so the tests can prove that no panic (napi) or trap (wasm) escapes the
/// facade as anything but a `HarvestError` with code `protocol`.
pub fn debug_panic() -> EngineResult<()> {
    panic!("debug_panic was called")
}
