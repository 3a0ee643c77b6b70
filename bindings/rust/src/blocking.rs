//! [`Client`], the blocking Harvest client: the async client driven on a small private tokio
//! runtime (one worker thread for connections), so there is one host loop, not two. Lists are
//! `Iterator`s. Do not use it from inside an async runtime: calls there fail with `protocol`.

use crate::resources::{namespace_accessors, Backend};
use crate::stream::Item;
use crate::transport::MaybeSend;
use crate::workflows::UninvoicedPreview;
use futures_util::StreamExt;
use harvest_core::api::RecipientParams;
use harvest_core::model::{Accounts, Date, Decimal, Id, Invoice, InvoiceMessage, InvoicePayment, ListPage, TimeEntry};
use harvest_core::{Config, Error, ErrorCode, Operation, Output, Position, Result, Secret};
use std::future::Future;
use std::sync::Arc;

/// The blocking Harvest client; see the module docs. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Client {
    inner: crate::Client,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl Client {
    /// A client for one account with a personal access token.
    pub fn new(account_id: Id, access_token: impl Into<Secret>, user_agent: impl Into<String>) -> Result<Self> {
        Self::from_async(crate::Client::builder(Config::new(account_id, access_token, user_agent)?).build()?)
    }

    /// Wraps an async client built with [`crate::ClientBuilder`] (transport, limits, OAuth).
    pub fn from_async(client: crate::Client) -> Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("harvest-blocking")
            .enable_all()
            .build()
            .map_err(|e| Error::new(ErrorCode::Transport, format!("cannot start the blocking client's runtime: {e}")))?;
        Ok(Self { inner: client, runtime: Arc::new(runtime) })
    }

    /// The async client underneath (shares limiter, tokens and connections).
    pub fn as_async(&self) -> &crate::Client {
        &self.inner
    }

    fn block_on<T>(&self, future: impl Future<Output = Result<T>>) -> Result<T> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::protocol("the blocking client was called inside an async runtime: use harvest_sdk::Client there"));
        }
        self.runtime.block_on(future)
    }

    /// Sends one operation; see [`crate::Client::send`].
    pub fn send<T: Output + MaybeSend + 'static>(&self, operation: Operation<T>) -> Result<T> {
        self.block_on(self.inner.send(operation))
    }

    /// Resumes a list's items from a saved [`Position`].
    pub fn resume_items<T: Item>(&self, position: &Position) -> Items<T> {
        Items { stream: self.inner.resume_items(position), runtime: self.runtime.clone() }
    }

    /// Resumes a list's pages from a saved [`Position`].
    pub fn resume_pages<T: Item>(&self, position: &Position) -> Pages<T> {
        Pages { stream: self.inner.resume_pages(position), runtime: self.runtime.clone() }
    }

    /// See [`crate::Client::preview_uninvoiced`].
    pub fn preview_uninvoiced(&self, client_id: Id, project_ids: &[Id], from: Date, to: Date) -> Result<UninvoicedPreview> {
        self.block_on(self.inner.preview_uninvoiced(client_id, project_ids, from, to))
    }

    /// See [`crate::Client::invoice_from_tracked_time`].
    pub fn invoice_from_tracked_time(&self, client_id: Id, project_ids: &[Id], from: Date, to: Date) -> Result<Invoice> {
        self.block_on(self.inner.invoice_from_tracked_time(client_id, project_ids, from, to))
    }

    /// See [`crate::Client::mark_invoice_sent`].
    pub fn mark_invoice_sent(&self, invoice_id: Id) -> Result<InvoiceMessage> {
        self.block_on(self.inner.mark_invoice_sent(invoice_id))
    }

    /// See [`crate::Client::send_invoice`].
    pub fn send_invoice(&self, invoice_id: Id, recipients: Vec<RecipientParams>) -> Result<InvoiceMessage> {
        self.block_on(self.inner.send_invoice(invoice_id, recipients))
    }

    /// See [`crate::Client::record_payment`].
    pub fn record_payment(&self, invoice_id: Id, amount: Decimal, paid_date: Date) -> Result<InvoicePayment> {
        self.block_on(self.inner.record_payment(invoice_id, amount, paid_date))
    }

    /// See [`crate::Client::log_time`].
    pub fn log_time(&self, project_id: Id, task_id: Id, spent_date: Date, hours: Decimal) -> Result<TimeEntry> {
        self.block_on(self.inner.log_time(project_id, task_id, spent_date, hours))
    }

    /// See [`crate::Client::start_timer`].
    pub fn start_timer(&self, project_id: Id, task_id: Id, spent_date: Date) -> Result<TimeEntry> {
        self.block_on(self.inner.start_timer(project_id, task_id, spent_date))
    }

    /// See [`crate::Client::stop_running_timer`].
    pub fn stop_running_timer(&self) -> Result<Option<TimeEntry>> {
        self.block_on(self.inner.stop_running_timer())
    }

    /// See [`crate::Client::accounts`].
    pub fn accounts(&self) -> Result<Accounts> {
        self.block_on(self.inner.accounts())
    }
}

namespace_accessors!(Client);

impl Backend for Client {
    type Output<T: MaybeSend + 'static> = Result<T>;
    type Items<M: Item> = Items<M>;
    type Pages<M: Item> = Pages<M>;

    fn run<T: Output + MaybeSend + 'static>(&self, operation: Result<Operation<T>>) -> Result<T> {
        self.block_on(self.inner.send_built(operation))
    }

    fn list_items<M: Item>(&self, operation: Result<Operation<ListPage<M>>>) -> Items<M> {
        Items { stream: self.inner.items(operation), runtime: self.runtime.clone() }
    }

    fn list_pages<M: Item>(&self, operation: Result<Operation<ListPage<M>>>) -> Pages<M> {
        Pages { stream: self.inner.pages(operation), runtime: self.runtime.clone() }
    }
}

/// The items of a list, fetched page by page as the iterator advances.
pub struct Items<T> {
    stream: crate::Items<T>,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl<T: Item> Items<T> {
    /// Where to resume; see [`crate::Items::position`].
    pub fn position(&self) -> Option<Position> {
        self.stream.position()
    }
}

impl<T: Item> Iterator for Items<T> {
    type Item = Result<T>;
    fn next(&mut self) -> Option<Result<T>> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Some(Err(Error::protocol("the blocking client was called inside an async runtime")));
        }
        self.runtime.block_on(self.stream.next())
    }
}

/// The pages of a list, one request per `next`.
pub struct Pages<T> {
    stream: crate::Pages<T>,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl<T: Item> Pages<T> {
    /// Where to resume; see [`crate::Pages::position`].
    pub fn position(&self) -> Option<Position> {
        self.stream.position()
    }
}

impl<T: Item> Iterator for Pages<T> {
    type Item = Result<ListPage<T>>;
    fn next(&mut self) -> Option<Result<ListPage<T>>> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Some(Err(Error::protocol("the blocking client was called inside an async runtime")));
        }
        self.runtime.block_on(self.stream.next())
    }
}
