//! [`Call`]: one logical operation, driven by the host until it is done.
//!
//! **The host loop: ask [`Call::next_action`]; on `Send`, send the request and hand the answer
//! to [`Call::handle_response`] (or the failure to [`Call::handle_failure`]); on `Wait`, sleep
//! until `until` and ask again; on `Done`, return the result.** Rate-limit waits, retries,
//! reconciliation of a POST, and the OAuth refresh all happen inside; attempts and total waiting
//! are bounded by the client's [`RetryPolicy`](crate::retry::RetryPolicy), so the loop ends.

use crate::client::{Client, OAuthState, Refresh, Shared};
use crate::config::Secret;
use crate::error::{Error, ErrorCode, Result};
use crate::http::{FailureKind, Method, Request, Response};
use crate::operation::Operation;
use crate::rate_limit::Ticket;
use crate::retry::is_idempotent;
use crate::{api, Decoded, OperationId};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// What the host must do next.
#[derive(Debug)]
pub enum Action<T> {
    /// Send this request verbatim, then call `handle_response` or `handle_failure`.
    Send(Request),
    /// Sleep until `until` (epoch ms), then call `next_action` again.
    Wait {
        /// When to ask again, epoch milliseconds.
        until: i64,
    },
    /// The call is over: its value or its error. Asking again gives a `protocol` error.
    Done(Result<T>),
}

/// A type an operation's answer decodes into: any model (`serde` decoding of the 2xx body), or
/// [`Decoded`] (dispatch on the operation id).
pub trait Output: Sized {
    /// Decodes the response to operation `id`.
    fn decode_response(id: OperationId, response: &Response) -> Result<Self>;

    /// The same, taking the response: an output that keeps the body moves it instead of copying.
    fn decode_owned(id: OperationId, response: Response) -> Result<Self> {
        Self::decode_response(id, &response)
    }
}

impl<T: DeserializeOwned> Output for T {
    fn decode_response(_id: OperationId, response: &Response) -> Result<Self> {
        crate::operation::decode_body(response)
    }
}

impl Output for Decoded {
    fn decode_response(id: OperationId, response: &Response) -> Result<Self> {
        api::decode_output(id, response)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Sent {
    /// The operation itself, sent with this access token generation.
    Operation,
    /// The lookup reconciling a POST whose outcome is unknown.
    Lookup,
    /// The OAuth refresh.
    Refresh,
}

#[derive(Debug)]
enum State<T> {
    /// Ready to send the operation (after `not_before`).
    Ready,
    /// Ready to send the reconciliation lookup (after `not_before`).
    Reconcile,
    /// Waiting for the answer to `request_id`; `ticket` is the rate limiter's, handed back with it.
    Awaiting { request_id: u64, sent: Sent, token: Secret, ticket: Option<Ticket> },
    Done(Option<Result<T>>),
}

/// One logical operation; see the module docs for the host loop.
#[derive(Debug)]
pub struct Call<T = Decoded> {
    client: Client,
    operation: Operation<T>,
    state: State<T>,
    /// Times the operation was sent.
    attempts: u32,
    /// Times the reconciliation lookup or refresh was sent.
    side_attempts: u32,
    seed: u64,
    not_before: i64,
    waited_ms: i64,
    last_now: Option<i64>,
    last_error: Option<Error>,
    refreshed_after_401: bool,
}

impl<T: Output> Call<T> {
    pub(crate) fn new(client: Client, operation: Operation<T>) -> Self {
        Self {
            client,
            operation,
            state: State::Ready,
            attempts: 0,
            side_attempts: 0,
            seed: 0,
            not_before: i64::MIN,
            waited_ms: 0,
            last_now: None,
            last_error: None,
            refreshed_after_401: false,
        }
    }

    /// The operation this call performs.
    pub fn operation(&self) -> &Operation<T> {
        &self.operation
    }

    /// Whether the call has finished.
    pub fn is_done(&self) -> bool {
        matches!(self.state, State::Done(_))
    }

    /// Ends the call as cancelled (the host gave up on it); a later `next_action` says so.
    pub fn cancel(&mut self) {
        if !self.is_done() {
            self.release_refresh();
            self.state = State::Done(Some(Err(Error::new(ErrorCode::Cancelled, "the call was cancelled"))));
        }
    }


    fn observe(&mut self, now: i64) {
        if let Some(last) = self.last_now {
            if now < last && self.not_before != i64::MIN {
                self.not_before -= last - now;
            }
        }
        self.last_now = Some(now);
    }

    fn finish(&mut self, result: Result<T>) -> Action<T> {
        self.state = State::Done(None);
        Action::Done(result)
    }

    /// Removes the client's secrets from an error message, should a server echo them.
    fn scrub(&self, mut error: Error) -> Error {
        let shared = self.client.lock();
        let mut secrets = vec![shared.config.access_token().clone()];
        if let Some(oauth) = shared.oauth.as_ref() {
            secrets.extend(oauth.tokens.refresh_token.clone());
            secrets.push(oauth.app.client_secret.clone());
        }
        for secret in secrets.iter().filter(|s| s.expose().len() >= 4) {
            if error.message.contains(secret.expose()) {
                error.message = error.message.replace(secret.expose(), "[redacted]");
            }
        }
        error
    }

    fn wait(&mut self, until: i64, now: i64, max_total_wait_ms: i64) -> Action<T> {
        let more = until.saturating_sub(now);
        if self.waited_ms.saturating_add(more) > max_total_wait_ms {
            let error = self.last_error.clone().unwrap_or_else(|| {
                Error::new(ErrorCode::RateLimited, "the rate limit would make this call wait longer than the retry policy allows")
            });
            return self.finish(Err(error));
        }
        self.waited_ms += more;
        Action::Wait { until }
    }

    /// What to do next, at `now_ms` (epoch milliseconds). See the module docs.
    pub fn next_action(&mut self, now_ms: i64) -> Action<T> {
        // No lock on the client is held here: `step` has returned (scrub takes the lock).
        match self.step(now_ms) {
            Action::Done(result) => Action::Done(result.map_err(|e| self.scrub(e))),
            other => other,
        }
    }

    fn step(&mut self, now_ms: i64) -> Action<T> {
        self.observe(now_ms);
        let reconcile = match &mut self.state {
            State::Done(result) => {
                return Action::Done(result.take().unwrap_or_else(|| Err(Error::protocol("the call has already finished"))));
            }
            State::Awaiting { request_id, .. } => {
                let id = *request_id;
                return self.finish(Err(Error::protocol(format!("next_action was asked before request {id} was answered"))));
            }
            State::Ready => false,
            State::Reconcile => true,
        };
        let client = self.client.clone();
        let mut shared = client.lock();
        let max_wait = shared.retry.max_total_wait_ms;
        if self.not_before > now_ms {
            return self.wait(self.not_before, now_ms, max_wait);
        }
        if let Some(action) = self.refresh_if_needed(&mut shared, now_ms) {
            return action;
        }
        let path = if reconcile { "/v2/time_entries" } else { self.operation.path.as_str() };
        let ticket = match shared.limiter.acquire(path, now_ms) {
            Ok(ticket) => Some(ticket),
            Err(until) => return self.wait(until, now_ms, max_wait),
        };
        let request_id = shared.next_id();
        if self.seed == 0 {
            self.seed = request_id;
        }
        let token = shared.config.access_token().clone();
        let request = if reconcile {
            self.side_attempts += 1;
            let reference = reconcilable_reference(&self.operation).unwrap_or_default();
            let lookup: Operation<Decoded> = Operation::new(
                OperationId::ListTimeEntries,
                &[],
                vec![("external_reference_id".into(), reference), ("per_page".into(), crate::MAX_PER_PAGE.to_string())],
                None,
            )
            .expect("the lookup path takes no ids");
            self.state = State::Awaiting { request_id, sent: Sent::Lookup, token, ticket };
            lookup.request(&shared.config, request_id)
        } else {
            self.attempts += 1;
            self.state = State::Awaiting { request_id, sent: Sent::Operation, token, ticket };
            self.operation.request(&shared.config, request_id)
        };
        Action::Send(request)
    }

    /// Starts or joins an OAuth refresh when the token is about to expire or was refused.
    fn refresh_if_needed(&mut self, shared: &mut Shared, now_ms: i64) -> Option<Action<T>> {
        let max_wait = shared.retry.max_total_wait_ms;
        let oauth: &mut OAuthState = shared.oauth.as_mut()?;
        let expiring = oauth.expiring(now_ms);
        if !(expiring || oauth.stale) {
            return None;
        }
        let Some(refresh_token) = oauth.tokens.refresh_token.clone() else {
            // Nothing to refresh with (implicit flow): send as is if merely expiring; after a 401 fail.
            return oauth.stale.then(|| {
                let error = self.last_error.clone().unwrap_or_else(|| Error::new(ErrorCode::Unauthorized, "the access token expired"));
                self.finish(Err(error))
            });
        };
        match oauth.refresh.clone() {
            Refresh::Failed(error) => Some(self.finish(Err(error))),
            Refresh::InFlight(_) => Some(self.wait(now_ms + 50, now_ms, max_wait)),
            Refresh::Idle => {
                let app = oauth.app.clone();
                let request_id = shared.next_id();
                if let Some(o) = shared.oauth.as_mut() {
                    o.refresh = Refresh::InFlight(request_id);
                }
                self.side_attempts += 1;
                self.state = State::Awaiting { request_id, sent: Sent::Refresh, token: Secret::default(), ticket: None };
                Some(Action::Send(crate::oauth::refresh_request(&shared.config, &app, &refresh_token, request_id)))
            }
        }
    }

    /// The request `request_id` was answered (or failed) at `now_ms`: what was sent, with which
    /// token. The rate limiter now counts it from `now_ms`.
    fn answered(&self, request_id: u64, now_ms: i64) -> Result<(Sent, Secret)> {
        match &self.state {
            State::Awaiting { request_id: id, sent, token, ticket } if *id == request_id => {
                if let Some(ticket) = ticket {
                    self.client.lock().limiter.answered(*ticket, now_ms);
                }
                Ok((*sent, token.clone()))
            }
            State::Awaiting { request_id: id, .. } => {
                Err(Error::protocol(format!("a response to request {request_id}, but this call awaits request {id}")))
            }
            _ => Err(Error::protocol(format!("a response to request {request_id}, which this call is not awaiting"))),
        }
    }

    /// Hands over the response to the request last sent. A response to any other request id is
    /// rejected with a `protocol` error and changes nothing.
    pub fn handle_response(&mut self, response: Response, now_ms: i64) -> Result<()> {
        let (sent, token) = self.answered(response.request_id, now_ms)?;
        self.observe(now_ms);
        match sent {
            Sent::Refresh => self.on_refresh(Ok(&response), now_ms),
            Sent::Lookup => self.on_lookup(&response, now_ms),
            Sent::Operation => self.on_operation(response, &token, now_ms),
        }
        Ok(())
    }

    /// Reports that the request last sent got no response.
    pub fn handle_failure(&mut self, request_id: u64, kind: FailureKind, message: &str, now_ms: i64) -> Result<()> {
        let (sent, _) = self.answered(request_id, now_ms)?;
        self.observe(now_ms);
        let error = failure_error(kind, message);
        match sent {
            Sent::Refresh => self.on_refresh(Err(error), now_ms),
            Sent::Lookup => self.retry(error, now_ms, State::Reconcile, true),
            Sent::Operation => {
                let method = self.operation.method();
                if kind == FailureKind::Connect || is_idempotent(method) {
                    self.retry(error, now_ms, State::Ready, false)
                } else if reconcilable_reference(&self.operation).is_some() {
                    self.retry(error, now_ms, State::Reconcile, false)
                } else {
                    self.state = State::Done(Some(Err(error)));
                }
            }
        }
        Ok(())
    }

    /// Schedules another attempt after a backoff, or ends the call when attempts run out.
    fn retry(&mut self, error: Error, now_ms: i64, next: State<T>, side: bool) {
        let policy = self.client.retry_policy();
        let used = if side { self.side_attempts } else { self.attempts };
        if used >= policy.max_attempts {
            self.state = State::Done(Some(Err(error)));
            return;
        }
        self.not_before = now_ms + policy.backoff_ms(self.seed, used);
        self.last_error = Some(error);
        self.state = next;
    }

    fn on_operation(&mut self, response: Response, token: &Secret, now_ms: i64) {
        let method = self.operation.method();
        let Some(mut error) = crate::status::error_for(&response) else {
            match T::decode_owned(self.operation.id, response) {
                Ok(value) => self.state = State::Done(Some(Ok(value))),
                // A 2xx that does not decode was cut short or mangled on the way: read again, or
                // reconcile a create, as for a dropped connection.
                Err(error) if is_idempotent(method) => self.retry(error, now_ms, State::Ready, false),
                Err(error) if reconcilable_reference(&self.operation).is_some() => self.retry(error, now_ms, State::Reconcile, false),
                Err(error) => self.state = State::Done(Some(Err(error))),
            }
            return;
        };
        match response.status {
            401 => {
                let mut shared = self.client.lock();
                let can_refresh = shared.oauth.as_ref().is_some_and(|o| o.tokens.refresh_token.is_some());
                if can_refresh && !self.refreshed_after_401 {
                    self.refreshed_after_401 = true;
                    if shared.config.access_token() == token {
                        if let Some(o) = shared.oauth.as_mut() {
                            o.stale = true;
                        }
                    }
                    self.last_error = Some(error);
                    self.state = State::Ready;
                } else {
                    self.state = State::Done(Some(Err(error)));
                }
            }
            429 => {
                let policy = self.client.retry_policy();
                let until = match (error.retry_at_ms, error.retry_after_ms) {
                    (Some(at), _) => at.max(now_ms),
                    (None, Some(after)) => now_ms.saturating_add(after as i64),
                    (None, None) => now_ms + policy.default_retry_after_ms,
                };
                error.retry_at_ms = Some(until);
                self.client.lock().limiter.pause(&self.operation.path, until, now_ms);
                // Harvest answers 429 before doing any work, so even a POST may be repeated.
                if self.attempts >= policy.max_attempts {
                    self.state = State::Done(Some(Err(error)));
                } else {
                    self.not_before = until;
                    self.last_error = Some(error);
                    self.state = State::Ready;
                }
            }
            500..=599 if is_idempotent(method) => self.retry(error, now_ms, State::Ready, false),
            500..=599 if reconcilable_reference(&self.operation).is_some() => self.retry(error, now_ms, State::Reconcile, false),
            _ => self.state = State::Done(Some(Err(error))),
        }
    }

    fn on_lookup(&mut self, response: &Response, now_ms: i64) {
        if let Some(error) = crate::status::error_for(response) {
            if error.is_transient() {
                self.retry(error, now_ms, State::Reconcile, true);
            } else {
                self.state = State::Done(Some(Err(error)));
            }
            return;
        }
        let reference = reconcilable_reference(&self.operation).unwrap_or_default();
        let found = serde_json::from_slice::<Value>(&response.body).ok().and_then(|page| {
            page.get("time_entries")?.as_array()?.iter().find(|entry| {
                entry.get("external_reference").and_then(|r| r.get("id")).map(reference_text).as_deref() == Some(reference.as_str())
            }).cloned()
        });
        match found {
            Some(entry) => {
                let synthetic = Response {
                    request_id: response.request_id,
                    status: 201,
                    headers: Vec::new(),
                    body: serde_json::to_vec(&entry).unwrap_or_default(),
                };
                self.state = State::Done(Some(T::decode_response(self.operation.id, &synthetic)));
            }
            None if serde_json::from_slice::<Value>(&response.body).is_err() => {
                self.retry(Error::decode("the reconciliation lookup's answer does not parse"), now_ms, State::Reconcile, true)
            }
            // Not created: creating it again cannot duplicate it.
            None => {
                let error = self.last_error.clone().unwrap_or_else(|| Error::new(ErrorCode::Server, "the create failed"));
                self.retry(error, now_ms, State::Ready, false);
                if let State::Ready = self.state {
                    self.not_before = now_ms;
                }
            }
        }
    }

    fn on_refresh(&mut self, outcome: Result<&Response>, now_ms: i64) {
        let parsed = outcome.and_then(|response| {
            let previous = self.client.lock().oauth.as_ref().and_then(|o| o.tokens.refresh_token.clone());
            crate::oauth::parse_token_response(response, now_ms, previous.as_ref())
        });
        let mut shared = self.client.lock();
        match parsed {
            Ok(tokens) => {
                shared.config.set_access_token(tokens.access_token.clone());
                if let Some(o) = shared.oauth.as_mut() {
                    o.tokens = tokens.clone();
                    o.received_at_ms = Some(now_ms);
                    o.refresh = Refresh::Idle;
                    o.stale = false;
                }
                shared.events.push_back(crate::client::Event::TokensRefreshed(tokens));
                self.state = State::Ready;
            }
            Err(error) if error.is_transient() && self.side_attempts < shared.retry.max_attempts => {
                if let Some(o) = shared.oauth.as_mut() {
                    o.refresh = Refresh::Idle;
                }
                self.not_before = now_ms + shared.retry.backoff_ms(self.seed.max(1), self.side_attempts);
                self.last_error = Some(error);
                self.state = State::Ready;
            }
            Err(mut error) => {
                if error.code != ErrorCode::Decode {
                    error.code = ErrorCode::TokenRefreshFailed;
                }
                if let Some(o) = shared.oauth.as_mut() {
                    o.refresh = Refresh::Failed(error.clone());
                }
                self.state = State::Done(Some(Err(error)));
            }
        }
    }
}

impl<T> Call<T> {
    /// If this call owns the client's in-flight OAuth refresh, lets another call take it over.
    fn release_refresh(&mut self) {
        if let State::Awaiting { request_id, sent: Sent::Refresh, .. } = self.state {
            let mut shared = self.client.lock();
            if let Some(oauth) = shared.oauth.as_mut() {
                if oauth.refresh == Refresh::InFlight(request_id) {
                    oauth.refresh = Refresh::Idle;
                }
            }
        }
    }
}

impl<T> Drop for Call<T> {
    /// A call dropped mid-refresh (its task was cancelled) hands the refresh back, so the other
    /// calls of the client do not wait for an answer that will never come.
    fn drop(&mut self) {
        self.release_refresh();
    }
}

fn failure_error(kind: FailureKind, message: &str) -> Error {
    let (code, what) = match kind {
        FailureKind::Connect => (ErrorCode::Transport, "could not connect"),
        FailureKind::Transport => (ErrorCode::Transport, "the connection failed"),
        FailureKind::Timeout => (ErrorCode::Timeout, "the request timed out"),
    };
    let message = crate::redact::url(message);
    Error::new(code, if message.is_empty() { what.to_owned() } else { format!("{what}: {message}") })
}

fn reference_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The external reference id of a time entry create, which makes a lost POST reconcilable.
fn reconcilable_reference<T>(operation: &Operation<T>) -> Option<String> {
    if operation.id != OperationId::CreateTimeEntry || operation.method() != Method::Post {
        return None;
    }
    let id = operation.body.as_ref()?.get("external_reference")?.get("id")?;
    let text = reference_text(id);
    (!text.is_empty() && !id.is_null()).then_some(text)
}
