//! [`HarvestCall`] and [`HarvestPaginator`]: the core's state machines behind a lock, so the host
//! can drive them from any thread or coroutine.

use crate::error::HarvestError;
use crate::http::{FailureKind, HarvestRequest, HttpResponse};
use crate::value::{decoded, HarvestDecoded};
use harvest_core::{Action, Call, Decoded, Paginator};
use std::sync::{Arc, Mutex, MutexGuard};

/// What the host must do next with a [`HarvestCall`].
#[derive(uniffi::Enum)]
pub enum CallAction {
    /// Send this request verbatim, then call `handle_response` or `handle_failure`.
    Send { request: Arc<HarvestRequest> },
    /// Sleep until `until_ms` (epoch milliseconds), then ask again.
    Wait { until_ms: i64 },
    /// The call is over; this is its value. (A failed call throws from `next_action` instead.)
    Done { value: Arc<HarvestDecoded> },
}

/// What the host must do next with a [`HarvestPaginator`].
#[derive(uniffi::Enum)]
pub enum PageAction {
    /// Send this request verbatim, then call `handle_response` or `handle_failure`.
    Send { request: Arc<HarvestRequest> },
    /// Sleep until `until_ms` (epoch milliseconds), then ask again.
    Wait { until_ms: i64 },
    /// The next page; ask again for the one after.
    Page { page: Arc<HarvestDecoded> },
    /// Every page was handed out.
    Finished,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A poisoned lock only means a panic elsewhere mid-update; panicking here would cross FFI.
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One logical operation. Loop: `next_action(now)`; on `Send` send it and hand back the answer;
/// on `Wait` sleep until `until_ms`; on `Done` return the value. A failed call throws the
/// [`HarvestError`] from `next_action`. Retries, rate-limit waits and the OAuth refresh happen
/// inside, bounded by the client's retry policy.
#[derive(uniffi::Object)]
pub struct HarvestCall {
    inner: Mutex<Call<Decoded>>,
}

impl HarvestCall {
    pub(crate) fn new(call: Call<Decoded>) -> Self {
        Self { inner: Mutex::new(call) }
    }
}

#[uniffi::export]
impl HarvestCall {
    /// What to do next, at `now_ms` (epoch milliseconds).
    pub fn next_action(&self, now_ms: i64) -> Result<CallAction, HarvestError> {
        match lock(&self.inner).next_action(now_ms) {
            Action::Send(request) => Ok(CallAction::Send { request: Arc::new(HarvestRequest::new(request)) }),
            Action::Wait { until } => Ok(CallAction::Wait { until_ms: until }),
            Action::Done(Ok(value)) => Ok(CallAction::Done { value: decoded(value) }),
            Action::Done(Err(error)) => Err(error.into()),
        }
    }

    /// Hands over the answer to the request last sent.
    pub fn handle_response(&self, response: HttpResponse, now_ms: i64) -> Result<(), HarvestError> {
        Ok(lock(&self.inner).handle_response(response.into_core(0), now_ms)?)
    }

    /// Reports that the request last sent got no answer.
    pub fn handle_failure(&self, request_id: u64, kind: FailureKind, message: String, now_ms: i64) -> Result<(), HarvestError> {
        Ok(lock(&self.inner).handle_failure(request_id, kind.into(), &message, now_ms)?)
    }

    /// Ends the call as cancelled (the coroutine or task was cancelled); it gives up any OAuth
    /// refresh it owned so the client's other calls go on.
    pub fn cancel(&self) {
        lock(&self.inner).cancel();
    }

    /// Whether the call has finished.
    pub fn is_done(&self) -> bool {
        lock(&self.inner).is_done()
    }

    /// The call's OpenAPI `operationId`.
    pub fn operation_id(&self) -> String {
        lock(&self.inner).operation().id.as_str().to_owned()
    }
}

/// Walks a list page by page, lazily, following `links.next`. Driven like [`HarvestCall`], with
/// `Page` per page and `Finished` at the end. After an error, asking again retries the failed
/// page; `position_json` saves where it stands for `HarvestClient.resume`.
#[derive(uniffi::Object)]
pub struct HarvestPaginator {
    inner: Mutex<Paginator<Decoded>>,
}

impl HarvestPaginator {
    pub(crate) fn new(paginator: Paginator<Decoded>) -> Self {
        Self { inner: Mutex::new(paginator) }
    }
}

#[uniffi::export]
impl HarvestPaginator {
    /// What to do next, at `now_ms` (epoch milliseconds). A failed page throws.
    pub fn next_action(&self, now_ms: i64) -> Result<PageAction, HarvestError> {
        match lock(&self.inner).next_action(now_ms) {
            Action::Send(request) => Ok(PageAction::Send { request: Arc::new(HarvestRequest::new(request)) }),
            Action::Wait { until } => Ok(PageAction::Wait { until_ms: until }),
            Action::Done(Ok(Some(page))) => Ok(PageAction::Page { page: decoded(page) }),
            Action::Done(Ok(None)) => Ok(PageAction::Finished),
            Action::Done(Err(error)) => Err(error.into()),
        }
    }

    /// Hands over the answer to the current page's request.
    pub fn handle_response(&self, response: HttpResponse, now_ms: i64) -> Result<(), HarvestError> {
        Ok(lock(&self.inner).handle_response(response.into_core(0), now_ms)?)
    }

    /// Reports that the current page's request got no answer.
    pub fn handle_failure(&self, request_id: u64, kind: FailureKind, message: String, now_ms: i64) -> Result<(), HarvestError> {
        Ok(lock(&self.inner).handle_failure(request_id, kind.into(), &message, now_ms)?)
    }

    /// Where the pagination stands, as JSON to save and pass to `HarvestClient.resume` later.
    pub fn position_json(&self) -> String {
        lock(&self.inner).position().to_json()
    }

    /// Pages handed out so far.
    pub fn pages(&self) -> u64 {
        lock(&self.inner).pages()
    }

    /// Whether the last page was handed out.
    pub fn is_finished(&self) -> bool {
        lock(&self.inner).is_finished()
    }
}
