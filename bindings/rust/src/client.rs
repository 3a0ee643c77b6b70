//! [`Client`], the async Harvest client, and its [`ClientBuilder`].

use crate::driver::drive;
use crate::stream::{Item, Items, Pages};
use crate::transport::{MaybeSend, MaybeSync, ReqwestTransport, Transport};
use harvest_core::model::{Id, ListPage};
use harvest_core::{Config, Event, OAuthApp, Operation, Output, Paginator, Position, RateLimits, Result, RetryPolicy, Secret, Tokens};
use std::fmt;
use std::sync::Arc;

/// A callback handed the new tokens after each OAuth refresh, to persist them.
pub trait TokenSink: Fn(&Tokens) + MaybeSend + MaybeSync + 'static {}
impl<F: Fn(&Tokens) + MaybeSend + MaybeSync + 'static> TokenSink for F {}

pub(crate) struct Inner {
    pub(crate) core: harvest_core::Client,
    pub(crate) transport: Arc<dyn Transport>,
    on_tokens: Option<Arc<dyn TokenSink>>,
}

impl Inner {
    /// Hands the core's events to the application (refreshed tokens to persist).
    pub(crate) fn deliver_events(&self) {
        for event in self.core.take_events() {
            match event {
                Event::TokensRefreshed(tokens) => {
                    tracing::debug!("harvest: OAuth tokens refreshed");
                    if let Some(sink) = &self.on_tokens {
                        sink(&tokens);
                    }
                }
            }
        }
    }
}

/// The async Harvest client. Cheap to clone: clones share the connection pool, the rate limiter
/// and the OAuth tokens, so concurrent calls from many tasks coordinate (and never see a 429).
///
/// Resource namespaces are named as in the Harvest docs (`client.time_entries().list(..)`), and
/// the workflows Harvest makes multi-step are one call each (see the crate docs).
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_struct("Client").field("config", &self.inner.core.config()).finish_non_exhaustive()
    }
}

impl Client {
    /// A client for one account with a personal access token. The user agent is mandatory at
    /// Harvest: your app's name and a contact, `"MyApp (me@example.com)"`.
    pub fn new(account_id: Id, access_token: impl Into<Secret>, user_agent: impl Into<String>) -> Result<Self> {
        ClientBuilder::new(Config::new(account_id, access_token, user_agent)?).build()
    }

    /// A builder starting from a configuration (base URLs, account, token, user agent).
    pub fn builder(config: Config) -> ClientBuilder {
        ClientBuilder::new(config)
    }

    /// The core client: configuration, shared state, current tokens.
    pub fn core(&self) -> &harvest_core::Client {
        &self.inner.core
    }

    /// Sends one operation (built with `harvest_sdk::api::*`, or erased with `api::build`) and
    /// returns its decoded answer, with retries, rate limiting and OAuth refresh.
    pub async fn send<T: Output>(&self, operation: Operation<T>) -> Result<T> {
        let mut call = self.inner.core.call(operation);
        drive(&self.inner, &mut call).await
    }

    pub(crate) async fn send_built<T: Output>(&self, operation: Result<Operation<T>>) -> Result<T> {
        self.send(operation?).await
    }

    /// The pages of a list operation, lazily.
    pub fn pages<T: Item>(&self, operation: Result<Operation<ListPage<T>>>) -> Pages<T> {
        let paginator = operation.and_then(|op| self.inner.core.paginate(op));
        Pages::new(self.inner.clone(), paginator)
    }

    /// The items of a list operation, lazily, page after page.
    pub fn items<T: Item>(&self, operation: Result<Operation<ListPage<T>>>) -> Items<T> {
        self.pages(operation).items()
    }

    /// Resumes a list's pages from a saved [`Position`] (`T` must be the list's model).
    pub fn resume_pages<T: Item>(&self, position: &Position) -> Pages<T> {
        Pages::new(self.inner.clone(), Paginator::resume(&self.inner.core, position))
    }

    /// Resumes a list's items from a saved [`Position`] (`T` must be the list's model).
    pub fn resume_items<T: Item>(&self, position: &Position) -> Items<T> {
        self.resume_pages(position).items()
    }

    /// The pages of any list operation as [`harvest_core::Decoded`] values (for generic tools).
    pub fn decoded_pages(&self, operation: Operation<harvest_core::Decoded>) -> impl futures_core::Stream<Item = Result<harvest_core::Decoded>> + '_ {
        let paginator = self.inner.core.paginate(operation);
        futures_util::stream::unfold((paginator.map_err(Some), self), |(mut state, client)| async move {
            match &mut state {
                Err(error) => error.take().map(|e| (Err(e), (state, client))),
                Ok(paginator) => match drive(&client.inner, paginator).await {
                    Ok(Some(page)) => Some((Ok(page), (state, client))),
                    Ok(None) => None,
                    Err(e) => Some((Err(e), (Err(None), client))),
                },
            }
        })
    }
}

/// Builds a [`Client`]: transport, rate limits, retry policy, OAuth tokens and their callback.
pub struct ClientBuilder {
    config: Config,
    transport: Option<Arc<dyn Transport>>,
    limits: Option<RateLimits>,
    retry: Option<RetryPolicy>,
    oauth: Option<(OAuthApp, Tokens)>,
    on_tokens: Option<Arc<dyn TokenSink>>,
}

impl ClientBuilder {
    /// A builder for this configuration.
    pub fn new(config: Config) -> Self {
        Self { config, transport: None, limits: None, retry: None, oauth: None, on_tokens: None }
    }

    /// Sends requests through this transport instead of the default reqwest one.
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Sends requests through a shared transport.
    pub fn shared_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Replaces Harvest's default rate limits (100 per 15 s; reports 100 per 15 min).
    pub fn rate_limits(mut self, limits: RateLimits) -> Self {
        self.limits = Some(limits);
        self
    }

    /// Replaces the retry policy.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Signs in with OAuth tokens, refreshed before they expire and once after a 401.
    pub fn oauth(mut self, app: OAuthApp, tokens: Tokens) -> Self {
        self.oauth = Some((app, tokens));
        self
    }

    /// Called with the new tokens after every refresh: persist them there.
    pub fn on_tokens_refreshed(mut self, sink: impl TokenSink) -> Self {
        self.on_tokens = Some(Arc::new(sink));
        self
    }

    /// The client.
    pub fn build(self) -> Result<Client> {
        let transport = match self.transport {
            Some(t) => t,
            None => Arc::new(ReqwestTransport::new()?),
        };
        let mut core = harvest_core::Client::new(self.config);
        if let Some(limits) = self.limits {
            core = core.with_rate_limits(limits);
        }
        if let Some(retry) = self.retry {
            core = core.with_retry_policy(retry);
        }
        if let Some((app, tokens)) = self.oauth {
            core = core.with_oauth(app, tokens);
        }
        Ok(Client { inner: Arc::new(Inner { core, transport, on_tokens: self.on_tokens }) })
    }
}
