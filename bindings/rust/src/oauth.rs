//! OAuth2 with Harvest ID, the authorization-code flow:
//!
//! 1. [`OAuth::authorize_url`] with a fresh [`new_state`]: send the user there;
//! 2. the redirect carries `code`, `state` and `scope`: [`OAuth::exchange_redirect`] checks the
//!    state and trades the code for [`Tokens`] (or [`OAuth::exchange_code`] with a bare code);
//! 3. [`OAuth::client`] builds a client that refreshes the tokens itself; pass
//!    [`crate::ClientBuilder::on_tokens_refreshed`] to persist the new ones.

use crate::client::ClientBuilder;
use crate::runtime::now_ms;
use crate::transport::{ReqwestTransport, Transport};
use harvest_core::model::Id;
use harvest_core::oauth::{self as core_oauth, ResponseType};
use harvest_core::{Config, Error, ErrorCode, FailureKind, OAuthApp, Result, Tokens};
use std::sync::Arc;

pub use harvest_core::oauth::{account_ids_from_scope, code_from_redirect, token_from_redirect};

/// An unguessable `state` for an authorize URL (random SipHash keys from the standard library).
pub fn new_state() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::with_capacity(32);
    for i in 0..2u64 {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(i ^ now_ms() as u64);
        out.push_str(&format!("{:016x}", hasher.finish()));
    }
    out
}

/// A registered OAuth application and where Harvest ID and the API are.
#[derive(Clone)]
pub struct OAuth {
    app: OAuthApp,
    config: Config,
    transport: Option<Arc<dyn Transport>>,
}

impl OAuth {
    /// The flow for this application, against Harvest's own hosts.
    pub fn new(app: OAuthApp, user_agent: impl Into<String>) -> Result<Self> {
        Ok(Self { app, config: Config::without_account("", user_agent)?, transport: None })
    }

    /// Uses another Harvest ID host (the sandbox).
    pub fn with_id_base_url(mut self, url: impl Into<String>) -> Result<Self> {
        self.config = self.config.with_id_base_url(url)?;
        Ok(self)
    }

    /// Uses another API host for the clients it builds (the sandbox).
    pub fn with_base_url(mut self, url: impl Into<String>) -> Result<Self> {
        self.config = self.config.with_base_url(url)?;
        Ok(self)
    }

    /// Sends the code exchange through this transport.
    pub fn with_transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// The URL to send the user to; check that the redirect brings back the same `state`.
    pub fn authorize_url(&self, state: &str) -> Result<String> {
        core_oauth::authorize_url(&self.config, &self.app, ResponseType::Code, state)
    }

    /// Trades an authorization code for tokens. Codes are single-use, so this is not retried.
    pub async fn exchange_code(&self, code: &str) -> Result<Tokens> {
        let request = core_oauth::code_exchange_request(&self.config, &self.app, code, 1)?;
        let transport = match &self.transport {
            Some(t) => t.clone(),
            None => Arc::new(ReqwestTransport::new()?),
        };
        tracing::debug!(url = %request.url, "harvest: exchanging an OAuth code");
        let response = transport.send(request).await.map_err(|failure| {
            let code = if failure.kind == FailureKind::Timeout { ErrorCode::Timeout } else { ErrorCode::Transport };
            Error::new(code, format!("the token exchange got no answer: {}", harvest_core::redact::url(&failure.message)))
        })?;
        core_oauth::parse_token_response(&response, now_ms(), None)
    }

    /// Checks the redirect's `state`, then trades its code for tokens. Harvest names the granted
    /// accounts in the redirect's `scope`, not in the token answer; it is kept in the tokens.
    pub async fn exchange_redirect(&self, redirect_url: &str, expected_state: &str) -> Result<Tokens> {
        let code = code_from_redirect(redirect_url, expected_state)?;
        let mut tokens = self.exchange_code(&code).await?;
        if tokens.scope.is_none() {
            let query = redirect_url.split_once('?').map(|(_, q)| q.split('#').next().unwrap_or(q)).unwrap_or("");
            tokens.scope = harvest_core::query::parse(query).into_iter().find(|(k, _)| k == "scope").map(|(_, v)| v);
        }
        Ok(tokens)
    }

    /// A client builder signed in with these tokens, refreshing them as needed. Without an
    /// account id, the first Harvest account of the tokens' scope is used.
    pub fn client(&self, account_id: Option<Id>, tokens: Tokens) -> Result<ClientBuilder> {
        let account = account_id
            .or_else(|| tokens.account_ids().first().copied())
            .ok_or_else(|| Error::invalid_input("no account id given and none in the tokens' scope"))?;
        let mut config = self.config.clone();
        config.set_account_id(account)?;
        config.set_access_token(tokens.access_token.clone());
        let mut builder = ClientBuilder::new(config).oauth(self.app.clone(), tokens);
        if let Some(t) = &self.transport {
            builder = builder.shared_transport(t.clone());
        }
        Ok(builder)
    }
}
