//! OAuth2 with Harvest ID for apps: the authorize URL, the redirect, the code exchange. The
//! refresh that keeps a client signed in runs inside the calls; the host persists the tokens it
//! gets from `HarvestClient.take_events`.

use crate::error::HarvestError;
use crate::http::{HarvestRequest, HttpResponse};
use harvest_core::oauth::{self as core_oauth, ResponseType};
use harvest_core::{Config, OAuthApp, Secret, Tokens};
use std::sync::Arc;

/// OAuth tokens. Their string form never shows a token.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct OAuthTokens {
    inner: Tokens,
}

impl OAuthTokens {
    pub(crate) fn new(inner: Tokens) -> Self {
        Self { inner }
    }

    pub(crate) fn core(&self) -> &Tokens {
        &self.inner
    }
}

impl std::fmt::Debug for OAuthTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        self.inner.fmt(f)
    }
}

impl std::fmt::Display for OAuthTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "OAuthTokens(expires_at_ms: {:?}, refresh token: {})", self.inner.expires_at_ms, self.inner.refresh_token.is_some())
    }
}

#[uniffi::export]
impl OAuthTokens {
    /// Tokens saved earlier (to sign a client in at start-up).
    #[uniffi::constructor]
    pub fn new_saved(access_token: String, refresh_token: Option<String>, expires_at_ms: Option<i64>) -> Arc<Self> {
        Arc::new(Self::new(Tokens { access_token: Secret::new(access_token), refresh_token: refresh_token.map(Secret::new), expires_at_ms, scope: None }))
    }

    /// The access token (store it in the platform's secure storage).
    pub fn access_token(&self) -> String {
        self.inner.access_token.expose().to_owned()
    }

    /// The refresh token, absent in the implicit flow.
    pub fn refresh_token(&self) -> Option<String> {
        self.inner.refresh_token.as_ref().map(|s| s.expose().to_owned())
    }

    /// When the access token expires, epoch milliseconds.
    pub fn expires_at_ms(&self) -> Option<i64> {
        self.inner.expires_at_ms
    }

    /// The Harvest account ids the grant covers.
    pub fn account_ids(&self) -> Vec<u64> {
        self.inner.account_ids()
    }
}

/// A registered OAuth application, for the authorization-code flow.
#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct HarvestOAuth {
    app: OAuthApp,
    config: Config,
}

impl std::fmt::Debug for HarvestOAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "HarvestOAuth(client_id: {}, {})", self.app.client_id, self.config.id_base_url())
    }
}

#[uniffi::export]
impl HarvestOAuth {
    /// The flow of an app; `id_base_url` defaults to Harvest ID (the sandbox's URL in tests).
    #[uniffi::constructor]
    pub fn new(
        client_id: String,
        client_secret: String,
        redirect_uri: Option<String>,
        user_agent: String,
        id_base_url: Option<String>,
    ) -> Result<Arc<Self>, HarvestError> {
        let mut config = Config::without_account("", user_agent)?;
        if let Some(url) = id_base_url {
            config = config.with_id_base_url(url)?;
        }
        Ok(Arc::new(Self { app: OAuthApp { client_id, client_secret: Secret::new(client_secret), redirect_uri }, config }))
    }

    /// The URL to send the user to; `state` must be unguessable and come back in the redirect.
    pub fn authorize_url(&self, state: String) -> Result<String, HarvestError> {
        Ok(core_oauth::authorize_url(&self.config, &self.app, ResponseType::Code, &state)?)
    }

    /// The authorization code in the redirect, after checking `state`.
    pub fn code_from_redirect(&self, redirect_url: String, expected_state: String) -> Result<String, HarvestError> {
        Ok(core_oauth::code_from_redirect(&redirect_url, &expected_state)?)
    }

    /// The request trading the code for tokens (send it once: codes are single-use).
    pub fn code_exchange_request(&self, code: String) -> Result<Arc<HarvestRequest>, HarvestError> {
        Ok(Arc::new(HarvestRequest::new(core_oauth::code_exchange_request(&self.config, &self.app, &code, 1)?)))
    }

    /// The tokens in the token endpoint's answer, received at `now_ms`.
    pub fn parse_token_response(&self, response: HttpResponse, now_ms: i64) -> Result<Arc<OAuthTokens>, HarvestError> {
        let tokens = core_oauth::parse_token_response(&response.into_core(1), now_ms, None)?;
        Ok(Arc::new(OAuthTokens::new(tokens)))
    }
}
