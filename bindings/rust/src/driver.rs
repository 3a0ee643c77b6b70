//! The host loop, written once. **Ask the core what to do; send, sleep or return; hand the answer
//! back; repeat.** Every retry, rate-limit wait and OAuth refresh is decided by the core's
//! [`Call`]/[`Paginator`]; this file only performs I/O, logs it, and passes refreshed tokens to the
//! application. The blocking client runs this same loop on a small runtime.

use crate::client::Inner;
use crate::runtime::{now_ms, sleep_ms};
use harvest_core::paginator::Paged;
use harvest_core::{redact, Action, Call, FailureKind, Output, Paginator, Response, Result};
use tracing::Instrument;

/// A core state machine the loop can drive: a [`Call`] (one result) or a [`Paginator`] (one page).
pub(crate) trait Machine {
    type Out;
    fn next_action(&mut self, now_ms: i64) -> Action<Self::Out>;
    fn handle_response(&mut self, response: Response, now_ms: i64) -> Result<()>;
    fn handle_failure(&mut self, request_id: u64, kind: FailureKind, message: &str, now_ms: i64) -> Result<()>;
}

impl<T: Output> Machine for Call<T> {
    type Out = T;
    fn next_action(&mut self, now_ms: i64) -> Action<T> {
        Call::next_action(self, now_ms)
    }
    fn handle_response(&mut self, response: Response, now_ms: i64) -> Result<()> {
        Call::handle_response(self, response, now_ms)
    }
    fn handle_failure(&mut self, request_id: u64, kind: FailureKind, message: &str, now_ms: i64) -> Result<()> {
        Call::handle_failure(self, request_id, kind, message, now_ms)
    }
}

impl<T: Output + Paged> Machine for Paginator<T> {
    type Out = Option<T>;
    fn next_action(&mut self, now_ms: i64) -> Action<Option<T>> {
        Paginator::next_action(self, now_ms)
    }
    fn handle_response(&mut self, response: Response, now_ms: i64) -> Result<()> {
        Paginator::handle_response(self, response, now_ms)
    }
    fn handle_failure(&mut self, request_id: u64, kind: FailureKind, message: &str, now_ms: i64) -> Result<()> {
        Paginator::handle_failure(self, request_id, kind, message, now_ms)
    }
}

/// Drives `machine` until it is done.
pub(crate) async fn drive<M: Machine>(inner: &Inner, machine: &mut M) -> Result<M::Out> {
    loop {
        let action = machine.next_action(now_ms());
        inner.deliver_events();
        match action {
            Action::Done(result) => return result,
            Action::Wait { until } => {
                let ms = until - now_ms();
                tracing::debug!(wait_ms = ms, "harvest: waiting (rate limit or retry backoff)");
                sleep_ms(ms).await;
            }
            Action::Send(request) => {
                let id = request.id;
                let span = tracing::debug_span!(
                    "harvest.request",
                    id,
                    method = %request.method,
                    url = %redact::url(&request.url),
                    status = tracing::field::Empty,
                    elapsed_ms = tracing::field::Empty,
                );
                let started = now_ms();
                let outcome = inner.transport.send(request).instrument(span.clone()).await;
                let now = now_ms();
                span.record("elapsed_ms", now - started);
                match outcome {
                    Ok(response) => {
                        span.record("status", response.status);
                        span.in_scope(|| tracing::debug!(status = response.status, "harvest: response"));
                        machine.handle_response(response, now)?;
                    }
                    Err(failure) => {
                        let message = redact::url(&failure.message);
                        span.in_scope(|| tracing::debug!(kind = ?failure.kind, error = %message, "harvest: no response"));
                        machine.handle_failure(id, failure.kind, &message, now)?;
                    }
                }
                inner.deliver_events();
            }
        }
    }
}
