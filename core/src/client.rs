//! [`Client`]: the configuration and the state every call of one client shares — the rate
//! limiter, the OAuth tokens and their single-flight refresh, the request id counter, and the
//! events for the host. It is a cheap handle (`Clone` shares the state), `Send` and `Sync`, so the
//! calls of an asyncio gather, a `Promise.all` or a coroutine scope coordinate through it.

use crate::call::{Call, Output};
use crate::config::{Config, Secret};
use crate::error::Result;
use crate::oauth::{OAuthApp, Tokens};
use crate::operation::Operation;
use crate::paginator::Paginator;
use crate::rate_limit::{RateLimiter, RateLimits};
use crate::retry::RetryPolicy;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};

/// Something the host should act on, taken with [`Client::take_events`].
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The OAuth tokens were refreshed: persist them so the next run starts signed in.
    TokensRefreshed(Tokens),
}

/// How far ahead of expiry an OAuth access token is refreshed — at most; a token that lives less
/// than twice as long is refreshed halfway through its life instead, so short-lived tokens are not
/// refreshed before every request.
pub const REFRESH_MARGIN_MS: i64 = 60_000;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Refresh {
    Idle,
    InFlight(u64),
    Failed(crate::Error),
}

#[derive(Debug)]
pub(crate) struct OAuthState {
    pub app: OAuthApp,
    pub tokens: Tokens,
    /// When the SDK itself received the current tokens (after a refresh), epoch ms.
    pub received_at_ms: Option<i64>,
    pub refresh: Refresh,
    /// A 401 showed the current access token is no longer good.
    pub stale: bool,
}

impl OAuthState {
    /// Whether the access token should be refreshed before a request at `now_ms`.
    pub fn expiring(&self, now_ms: i64) -> bool {
        let Some(at) = self.tokens.expires_at_ms else { return false };
        let margin = match self.received_at_ms {
            Some(received) => REFRESH_MARGIN_MS.min((at - received).max(0) / 2),
            None => REFRESH_MARGIN_MS,
        };
        at - margin <= now_ms
    }
}

#[derive(Debug)]
pub(crate) struct Shared {
    pub config: Config,
    pub retry: RetryPolicy,
    pub limiter: RateLimiter,
    pub next_request_id: u64,
    pub oauth: Option<OAuthState>,
    pub events: VecDeque<Event>,
}

impl Shared {
    pub fn next_id(&mut self) -> u64 {
        let id = self.next_request_id;
        self.next_request_id += 1;
        id
    }
}

/// The shared state of one Harvest client; see the module docs.
#[derive(Debug, Clone)]
pub struct Client {
    shared: Arc<Mutex<Shared>>,
}

impl Client {
    /// A client with Harvest's default rate limits and retry policy.
    pub fn new(config: Config) -> Self {
        Self {
            shared: Arc::new(Mutex::new(Shared {
                config,
                retry: RetryPolicy::default(),
                limiter: RateLimiter::new(RateLimits::default()),
                next_request_id: 1,
                oauth: None,
                events: VecDeque::new(),
            })),
        }
    }

    /// Replaces the retry policy.
    pub fn with_retry_policy(self, retry: RetryPolicy) -> Self {
        self.lock().retry = retry;
        self
    }

    /// Replaces the rate limits (Harvest may change them; the sandbox can lower them).
    pub fn with_rate_limits(self, limits: RateLimits) -> Self {
        self.lock().limiter = RateLimiter::new(limits);
        self
    }

    /// Signs in with OAuth tokens: the access token is used and refreshed before it expires and
    /// once after a 401, with [`Event::TokensRefreshed`] for the host to persist.
    pub fn with_oauth(self, app: OAuthApp, tokens: Tokens) -> Self {
        {
            let mut shared = self.lock();
            shared.config.set_access_token(tokens.access_token.clone());
            shared.oauth = Some(OAuthState { app, tokens, received_at_ms: None, refresh: Refresh::Idle, stale: false });
        }
        self
    }

    /// Replaces the tokens (after the user signed in again); clears a failed refresh.
    pub fn set_tokens(&self, tokens: Tokens) {
        let mut shared = self.lock();
        shared.config.set_access_token(tokens.access_token.clone());
        if let Some(oauth) = shared.oauth.as_mut() {
            oauth.tokens = tokens;
            oauth.received_at_ms = None;
            oauth.refresh = Refresh::Idle;
            oauth.stale = false;
        }
    }

    /// Replaces a personal access token.
    pub fn set_access_token(&self, token: impl Into<Secret>) {
        self.lock().config.set_access_token(token);
    }

    /// A copy of the configuration.
    pub fn config(&self) -> Config {
        self.lock().config.clone()
    }

    /// Sets the account id (after account discovery).
    pub fn set_account_id(&self, account_id: crate::model::Id) -> Result<()> {
        self.lock().config.set_account_id(account_id)
    }

    /// The retry policy in force.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.lock().retry
    }

    /// The current OAuth tokens, if signed in with OAuth.
    pub fn tokens(&self) -> Option<Tokens> {
        self.lock().oauth.as_ref().map(|o| o.tokens.clone())
    }

    /// Events for the host (refreshed tokens to persist), oldest first.
    pub fn take_events(&self) -> Vec<Event> {
        self.lock().events.drain(..).collect()
    }

    /// A new request id, unique within this client (for requests the host builds itself, such
    /// as the OAuth code exchange).
    pub fn next_request_id(&self) -> u64 {
        self.lock().next_id()
    }

    /// Starts a call of one operation.
    pub fn call<T: Output>(&self, operation: Operation<T>) -> Call<T> {
        Call::new(self.clone(), operation)
    }

    /// Starts paginating a list operation.
    pub fn paginate<T: Output + crate::paginator::Paged>(&self, operation: Operation<T>) -> Result<Paginator<T>> {
        Paginator::new(self.clone(), operation)
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Shared> {
        // A poisoned lock only means another thread panicked mid-update of plain data; the
        // state is still consistent enough to continue, and panicking here would cross FFI.
        self.shared.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
