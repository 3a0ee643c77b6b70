//! # harvest-sdk
//!
//! A Harvest API v2 client for Rust: [`Client`] (async, tokio) and [`blocking::Client`], both thin
//! drivers of the sans-IO [`harvest_core`], which decides every request, retry, rate-limit wait
//! and OAuth refresh. The default transport is reqwest (rustls on native targets, `fetch` on
//! `wasm32`); implement [`Transport`] to bring your own.
//!
//! **In scope:** every Harvest operation as a namespace method named after the Harvest docs
//! (`client.time_entries().list(&params)` is a lazy, resumable `Stream`), the multi-step jobs as
//! one call ([`Client::invoice_from_tracked_time`], [`Client::mark_invoice_sent`],
//! [`Client::record_payment`], [`Client::log_time`], [`Client::stop_running_timer`],
//! [`Client::accounts`]), and OAuth ([`oauth::OAuth`]). **Not in scope:** storing credentials
//! (the `harvest` CLI does that), Forecast.
//!
//! ```no_run
//! use futures_util::StreamExt;
//! use harvest_sdk::{api::ListTimeEntriesParams, Client};
//!
//! # async fn run() -> harvest_sdk::Result<()> {
//! let client = Client::new(1234567, "personal-access-token", "MyApp (me@example.com)")?;
//! let mut entries = client.time_entries().list(&ListTimeEntriesParams { is_running: Some(true), ..Default::default() });
//! while let Some(entry) = entries.next().await {
//!     let entry = entry?;
//!     println!("{} {}h {}", entry.spent_date, entry.hours, entry.project.name.unwrap_or_default());
//! }
//! # Ok(()) }
//! ```
//!
//! Requests are logged with `tracing` at debug level (method, redacted URL, status, waits);
//! tokens never appear in logs, `Debug` output or errors.
#![deny(unsafe_code)]
#![warn(missing_docs)]

#[cfg(all(feature = "blocking", not(target_arch = "wasm32")))]
pub mod blocking;
mod client;
#[cfg(not(target_arch = "wasm32"))]
mod decoder;
mod driver;
pub mod oauth;
pub mod resources;
mod runtime;
mod stream;
mod transport;
mod workflows;

pub use client::{Client, ClientBuilder, TokenSink};
pub use stream::{Item, Items, Pages};
#[cfg(not(target_arch = "wasm32"))]
pub use transport::install_crypto_provider;
pub use transport::{BoxFuture, MaybeSend, MaybeSync, ReqwestTransport, Transport, TransportError, DEFAULT_TIMEOUT};
pub use workflows::UninvoicedPreview;

pub use harvest_core;
pub use harvest_core::{
    api, model, redact, Config, Decoded, Error, ErrorCode, FailureKind, Limit, Method, OAuthApp, Operation, OperationId, Position, RateLimits,
    Request, Response, RetryPolicy, Secret, Tokens,
};

/// The result of every fallible call: the value or a [`harvest_core::Error`] with a stable code.
pub type Result<T> = std::result::Result<T, Error>;

use harvest_core::model::ListPage;
use harvest_core::Output;
use resources::{namespace_accessors, Backend};

namespace_accessors!(Client);

impl Backend for Client {
    type Output<T: MaybeSend + 'static> = BoxFuture<'static, Result<T>>;
    type Items<M: Item> = Items<M>;
    type Pages<M: Item> = Pages<M>;

    fn run<T: Output + MaybeSend + 'static>(&self, operation: Result<Operation<T>>) -> Self::Output<T> {
        let client = self.clone();
        Box::pin(async move { client.send_built(operation).await })
    }

    fn list_items<M: Item>(&self, operation: Result<Operation<ListPage<M>>>) -> Items<M> {
        self.items(operation)
    }

    fn list_pages<M: Item>(&self, operation: Result<Operation<ListPage<M>>>) -> Pages<M> {
        self.pages(operation)
    }
}
