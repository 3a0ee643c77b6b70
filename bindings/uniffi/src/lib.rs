//! # harvest-uniffi
//!
//! harvest-core for Kotlin and Swift, through uniffi proc-macros. The core stays sans-IO: the
//! Kotlin and Swift drivers (`packages/kotlin`, `packages/swift`) own the HTTP client and the
//! clock, and drive [`HarvestCall`] and [`HarvestPaginator`] with the loop the core documents:
//! ask `next_action(now)`; on `Send` send the request and hand back the answer with
//! `handle_response` (or `handle_failure`); on `Wait` sleep until `until_ms`; on `Done` return.
//!
//! What crosses the boundary:
//! - a client built from [`harvest_core::ClientOptions`] as JSON ([`HarvestClient::new`]);
//! - requests as [`HarvestRequest`] objects (their `toString`/`description` never shows the
//!   token), responses as [`HttpResponse`] records;
//! - answers as [`HarvestDecoded`]: the items or the object as [`ModelValue`] trees built from
//!   the core's own [`harvest_core::model::Model`] view, which the generated typed Kotlin and
//!   Swift models read (see `codegen` and the README for why);
//! - one error enum, [`HarvestError`] (`HarvestException` in Kotlin), one variant per stable code.

uniffi::setup_scaffolding!();

mod call;
mod client;
pub mod codegen;
mod error;
mod http;
mod oauth;
mod value;

pub use call::{CallAction, HarvestCall, HarvestPaginator, PageAction};
pub use client::{ClientEvent, HarvestClient};
pub use error::{HarvestError, ERROR_VARIANTS};
pub use http::{FailureKind, Header, HarvestRequest, HttpResponse};
pub use oauth::{HarvestOAuth, OAuthTokens};
pub use value::{FieldValue, HarvestDecoded, ModelValue};

use std::sync::Arc;

/// Decodes a raw response to the operation named by its OpenAPI `operationId` (for example
/// `listTimeEntries`): the typed value, or the error with its stable code. For cached responses,
/// replay tests and debugging.
#[uniffi::export]
pub fn decode(operation_id: String, response: HttpResponse) -> Result<Arc<HarvestDecoded>, HarvestError> {
    let response = response.into_core(0);
    let decoded = harvest_core::decode(&operation_id, &response)?;
    Ok(Arc::new(HarvestDecoded::new(decoded)))
}

/// Every operation id the SDK knows (the OpenAPI `operationId`s).
#[uniffi::export]
pub fn operation_ids() -> Vec<String> {
    harvest_core::OperationId::ALL.iter().map(|id| id.as_str().to_owned()).collect()
}

/// Whether an operation answers with a page of a list (and so can be paginated).
#[uniffi::export]
pub fn is_list_operation(operation_id: String) -> Result<bool, HarvestError> {
    Ok(harvest_core::OperationId::parse(&operation_id)?.is_list())
}
