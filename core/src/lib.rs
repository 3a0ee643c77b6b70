//! # harvest-core
//!
//! The sans-IO core of harvest-sdk: it knows the whole Harvest API v2 and never touches a socket
//! or a clock. Hosts (Rust, Python, JavaScript, Kotlin, Swift) plug in their own HTTP transport.
//!
//! **What is in scope.** Every one of Harvest's 113 operations (plus account discovery on
//! id.getharvest.com): typed parameters, the exact [`Request`] (absolute URL, encoded query,
//! `Authorization`, `Harvest-Account-Id`, `User-Agent`, JSON body), and decoding of the
//! [`Response`] into typed [`model`](mod@model)s or one typed [`Error`] with a stable code.
//!
//! **What is not.** Sending requests, sleeping, reading the clock, randomness, logging: the host
//! does those. Time enters only as `now_ms` arguments (epoch milliseconds).
//!
//! ```
//! use harvest_core::{api, Config, Response};
//!
//! let config = Config::new(1000001, "token", "MyApp (me@example.com)")?;
//! let op = api::retrieve_time_entry(636708723)?;
//! let request = op.request(&config, 1);
//! assert_eq!(request.url, "https://api.harvestapp.com/v2/time_entries/636708723");
//! // ... the host sends `request` and gets an answer ...
//! let response = Response::new(1, 404, r#"{"status":404,"error":"Not Found"}"#);
//! assert_eq!(op.decode(&response).unwrap_err().code_str(), "not_found");
//! # Ok::<(), harvest_core::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub mod call;
mod client;
mod config;
mod decoded;
mod error;
pub mod http;
pub mod model;
pub mod oauth;
mod operation;
pub mod options;
pub mod paginator;
pub mod query;
pub mod rate_limit;
pub mod raw;
pub mod redact;
pub mod retry;
pub mod status;

pub use api::OperationId;
pub use call::{Action, Call, Output};
pub use client::{Client, Event, REFRESH_MARGIN_MS};
pub use config::{Config, Secret, DEFAULT_BASE_URL, DEFAULT_ID_BASE_URL};
pub use decoded::Decoded;
pub use error::{Error, ErrorCode, Result};
pub use http::{FailureKind, Method, Request, Response};
pub use oauth::{OAuthApp, Tokens};
pub use operation::{Host, Operation, MAX_PER_PAGE};
pub use options::ClientOptions;
pub use paginator::{Paginator, Position};
pub use rate_limit::{Limit, RateLimits};
pub use raw::RawBody;
pub use retry::RetryPolicy;

/// Decodes a raw response to the operation named by its OpenAPI `operationId` (for example
/// `listTimeEntries`): the typed value, or the typed error (non-2xx statuses, HTML, truncated
/// JSON). Serves cached responses, replay tests and debugging; every binding exposes it.
pub fn decode(operation_id: &str, response: &Response) -> Result<Decoded> {
    let id = OperationId::parse(operation_id)?;
    api::decode_output(id, response)
}
