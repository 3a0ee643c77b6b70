//! The core's state machines for the Python drivers. **The host loop: `next_action(now_ms)`; on
//! `("send", request_id, method, url, headers, body)` send it and hand back `handle_response` or
//! `handle_failure`; on `("wait", until_ms)` sleep until then and ask again; on `("done", value)`
//! stop** (a paginator's value is one `Page`, then `None` at the end). A failed call raises its
//! `HarvestError` from `next_action`.

use crate::convert::py_to_json;
use crate::errors::{core_err, guard, invalid_input};
use crate::model::decoded_to_py;
use harvest_core::paginator::Position;
use harvest_core::{api, Action, Call, Client, ClientOptions, Decoded, Event, FailureKind, OperationId, Paginator, Response, Secret, Tokens};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};
use serde_json::Value;

/// Tokens as `(access_token, refresh_token, expires_at_ms, scope)`; Python wraps them in
/// `harvest_sdk.Tokens`, whose repr hides the secrets.
pub type TokenTuple = (String, Option<String>, Option<i64>, Option<String>);

pub fn token_tuple(tokens: &Tokens) -> TokenTuple {
    (
        tokens.access_token.expose().to_owned(),
        tokens.refresh_token.as_ref().map(|t| t.expose().to_owned()),
        tokens.expires_at_ms,
        tokens.scope.clone(),
    )
}

/// The shared state of one client: configuration, rate limiter, OAuth tokens, events.
#[pyclass(module = "harvest_sdk._core", frozen)]
pub struct CoreClient {
    client: Client,
}

fn ids_of(py: Python<'_>, path_ids: &Bound<'_, PyAny>) -> PyResult<Vec<u64>> {
    let mut ids = Vec::new();
    for item in path_ids.try_iter()? {
        let item = item?;
        match item.extract::<u64>() {
            Ok(id) if !item.is_instance_of::<pyo3::types::PyBool>() => ids.push(id),
            _ => return Err(invalid_input(py, format!("an id is a positive integer, not {}", item.repr()?))),
        }
    }
    Ok(ids)
}

fn params_of(py: Python<'_>, params: Option<&Bound<'_, PyAny>>) -> PyResult<Value> {
    match params {
        None => Ok(Value::Null),
        Some(p) => py_to_json(p).map_err(|message| invalid_input(py, message)),
    }
}

#[pymethods]
impl CoreClient {
    /// Builds the client from a dict shaped like `harvest_core::ClientOptions` (the conformance
    /// cases' `config`).
    #[new]
    fn new(py: Python<'_>, options: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(py, || {
            let json = py_to_json(options).map_err(|message| invalid_input(py, message))?;
            let client = ClientOptions::from_json(json).and_then(ClientOptions::build).map_err(|e| core_err(py, &e))?;
            Ok(Self { client })
        })
    }

    /// One call of an operation, by OpenAPI `operationId`, path ids in order, and parameters.
    #[pyo3(signature = (operation_id, path_ids, params=None))]
    fn call(&self, py: Python<'_>, operation_id: &str, path_ids: &Bound<'_, PyAny>, params: Option<&Bound<'_, PyAny>>) -> PyResult<CoreCall> {
        guard(py, || {
            let id = OperationId::parse(operation_id).map_err(|e| core_err(py, &e))?;
            let operation = api::build(id, &ids_of(py, path_ids)?, params_of(py, params)?).map_err(|e| core_err(py, &e))?;
            Ok(CoreCall { call: self.client.call(operation) })
        })
    }

    /// A paginator over a list operation.
    #[pyo3(signature = (operation_id, path_ids, params=None))]
    fn paginate(&self, py: Python<'_>, operation_id: &str, path_ids: &Bound<'_, PyAny>, params: Option<&Bound<'_, PyAny>>) -> PyResult<CorePaginator> {
        guard(py, || {
            let id = OperationId::parse(operation_id).map_err(|e| core_err(py, &e))?;
            let operation = api::build(id, &ids_of(py, path_ids)?, params_of(py, params)?).map_err(|e| core_err(py, &e))?;
            let paginator = self.client.paginate(operation).map_err(|e| core_err(py, &e))?;
            Ok(CorePaginator { paginator })
        })
    }

    /// A paginator resumed from a position saved with `CorePaginator.position()`.
    fn resume(&self, py: Python<'_>, position: &str) -> PyResult<CorePaginator> {
        guard(py, || {
            let position = Position::from_json(position).map_err(|e| core_err(py, &e))?;
            let paginator = Paginator::resume(&self.client, &position).map_err(|e| core_err(py, &e))?;
            Ok(CorePaginator { paginator })
        })
    }

    /// Events since the last call, oldest first: `("tokens_refreshed", tokens)`.
    fn take_events(&self, py: Python<'_>) -> PyResult<Vec<(&'static str, TokenTuple)>> {
        guard(py, || {
            Ok(self.client.take_events().iter().map(|event| match event {
                Event::TokensRefreshed(tokens) => ("tokens_refreshed", token_tuple(tokens)),
            }).collect())
        })
    }

    /// The current OAuth tokens, `None` with a personal access token.
    fn tokens(&self, py: Python<'_>) -> PyResult<Option<TokenTuple>> {
        guard(py, || Ok(self.client.tokens().as_ref().map(token_tuple)))
    }

    /// Replaces the OAuth tokens (after the user signed in again).
    #[pyo3(signature = (access_token, refresh_token=None, expires_at_ms=None, scope=None))]
    fn set_tokens(&self, py: Python<'_>, access_token: String, refresh_token: Option<String>, expires_at_ms: Option<i64>, scope: Option<String>) -> PyResult<()> {
        guard(py, || {
            self.client.set_tokens(Tokens { access_token: Secret::new(access_token), refresh_token: refresh_token.map(Secret::new), expires_at_ms, scope });
            Ok(())
        })
    }

    /// Sets the account id (after account discovery).
    fn set_account_id(&self, py: Python<'_>, account_id: u64) -> PyResult<()> {
        guard(py, || self.client.set_account_id(account_id).map_err(|e| core_err(py, &e)))
    }

    /// The account id, if set.
    #[getter]
    fn account_id(&self) -> Option<u64> {
        self.client.config().account_id()
    }

    /// The API base URL.
    #[getter]
    fn base_url(&self) -> String {
        self.client.config().base_url().to_owned()
    }

    /// The identity (OAuth, accounts) base URL.
    #[getter]
    fn id_base_url(&self) -> String {
        self.client.config().id_base_url().to_owned()
    }

    /// The `User-Agent` sent with every request.
    #[getter]
    fn user_agent(&self) -> String {
        self.client.config().user_agent().to_owned()
    }

    /// A fresh request id, unique within this client.
    fn next_request_id(&self) -> u64 {
        self.client.next_request_id()
    }

    fn __repr__(&self) -> String {
        let config = self.client.config();
        format!("CoreClient(base_url={:?}, account_id={:?})", config.base_url(), config.account_id())
    }
}

fn action_tuple<'py, T>(py: Python<'py>, action: Action<T>, done: impl FnOnce(T) -> PyResult<Py<PyAny>>) -> PyResult<Bound<'py, PyTuple>> {
    match action {
        Action::Send(request) => {
            let body = request.body.as_ref().map(|b| PyBytes::new(py, b));
            ("send", request.id, request.method.as_str(), request.url, request.headers, body).into_pyobject(py)
        }
        Action::Wait { until } => ("wait", until).into_pyobject(py),
        Action::Done(Ok(value)) => ("done", done(value)?).into_pyobject(py),
        Action::Done(Err(error)) => Err(core_err(py, &error)),
    }
}

/// What `CoreCall` and `CorePaginator` share: they take answers the same way.
trait Answered: Send {
    fn answer(&mut self, response: Response, now_ms: i64) -> harvest_core::Result<()>;
    fn no_answer(&mut self, request_id: u64, kind: FailureKind, message: &str, now_ms: i64) -> harvest_core::Result<()>;
}

impl Answered for Call<Decoded> {
    fn answer(&mut self, response: Response, now_ms: i64) -> harvest_core::Result<()> {
        self.handle_response(response, now_ms)
    }
    fn no_answer(&mut self, request_id: u64, kind: FailureKind, message: &str, now_ms: i64) -> harvest_core::Result<()> {
        self.handle_failure(request_id, kind, message, now_ms)
    }
}

impl Answered for Paginator<Decoded> {
    fn answer(&mut self, response: Response, now_ms: i64) -> harvest_core::Result<()> {
        self.handle_response(response, now_ms)
    }
    fn no_answer(&mut self, request_id: u64, kind: FailureKind, message: &str, now_ms: i64) -> harvest_core::Result<()> {
        self.handle_failure(request_id, kind, message, now_ms)
    }
}

/// Hands a response over; decoding runs without the GIL.
fn respond(py: Python<'_>, machine: &mut impl Answered, response: Response, now_ms: i64) -> PyResult<()> {
    guard(py, || py.detach(|| machine.answer(response, now_ms)).map_err(|e| core_err(py, &e)))
}

/// Reports a request that got no response (`connect`, `transport` or `timeout`).
fn fail(py: Python<'_>, machine: &mut impl Answered, request_id: u64, kind: &str, message: &str, now_ms: i64) -> PyResult<()> {
    guard(py, || {
        let kind = FailureKind::parse(kind).ok_or_else(|| invalid_input(py, format!("a failure is connect, transport or timeout, not {kind:?}")))?;
        machine.no_answer(request_id, kind, message, now_ms).map_err(|e| core_err(py, &e))
    })
}

/// One call of an operation; see the module docs for the loop.
#[pyclass(module = "harvest_sdk._core")]
pub struct CoreCall {
    call: Call<Decoded>,
}

#[pymethods]
impl CoreCall {
    /// What to do next at `now_ms`: a send, wait or done tuple; raises the call's error.
    fn next_action<'py>(&mut self, py: Python<'py>, now_ms: i64) -> PyResult<Bound<'py, PyTuple>> {
        guard(py, || {
            let action = self.call.next_action(now_ms);
            action_tuple(py, action, |decoded| decoded_to_py(py, decoded))
        })
    }

    /// Hands over the response to the request last sent (decoding runs without the GIL).
    fn handle_response(&mut self, py: Python<'_>, request_id: u64, status: u16, headers: Vec<(String, String)>, body: &[u8], now_ms: i64) -> PyResult<()> {
        respond(py, &mut self.call, Response { request_id, status, headers, body: body.to_vec() }, now_ms)
    }

    /// Reports that the request last sent got no response: `kind` is `connect`, `transport` or
    /// `timeout`; `message` is kept (without secrets) in the error if the call gives up.
    fn handle_failure(&mut self, py: Python<'_>, request_id: u64, kind: &str, message: &str, now_ms: i64) -> PyResult<()> {
        fail(py, &mut self.call, request_id, kind, message, now_ms)
    }

    /// Ends the call as cancelled.
    fn cancel(&mut self) {
        self.call.cancel();
    }

    /// Whether the call has finished.
    #[getter]
    fn is_done(&self) -> bool {
        self.call.is_done()
    }
}

/// Walks a list page by page; see the module docs for the loop.
#[pyclass(module = "harvest_sdk._core")]
pub struct CorePaginator {
    paginator: Paginator<Decoded>,
}

#[pymethods]
impl CorePaginator {
    /// What to do next at `now_ms`: send, wait, or `("done", page)` / `("done", None)` at the end.
    fn next_action<'py>(&mut self, py: Python<'py>, now_ms: i64) -> PyResult<Bound<'py, PyTuple>> {
        guard(py, || {
            let action = self.paginator.next_action(now_ms);
            action_tuple(py, action, |page| match page {
                Some(page) => decoded_to_py(py, page),
                None => Ok(py.None()),
            })
        })
    }

    /// Hands over the response for the current page's request.
    fn handle_response(&mut self, py: Python<'_>, request_id: u64, status: u16, headers: Vec<(String, String)>, body: &[u8], now_ms: i64) -> PyResult<()> {
        respond(py, &mut self.paginator, Response { request_id, status, headers, body: body.to_vec() }, now_ms)
    }

    /// Reports that the current page's request got no response.
    fn handle_failure(&mut self, py: Python<'_>, request_id: u64, kind: &str, message: &str, now_ms: i64) -> PyResult<()> {
        fail(py, &mut self.paginator, request_id, kind, message, now_ms)
    }

    /// Where the walk stands, as JSON text to resume from (`CoreClient.resume`).
    fn position(&self) -> String {
        self.paginator.position().to_json()
    }

    /// Pages handed out so far.
    #[getter]
    fn pages(&self) -> u64 {
        self.paginator.pages()
    }

    /// Whether the last page was handed out.
    #[getter]
    fn is_finished(&self) -> bool {
        self.paginator.is_finished()
    }
}
