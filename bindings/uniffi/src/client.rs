//! [`HarvestClient`]: the configuration and the state all calls of one client share (rate
//! limiter, OAuth tokens, request ids). Cheap to share across coroutines and threads.

use crate::call::{HarvestCall, HarvestPaginator};
use crate::error::HarvestError;
use crate::oauth::OAuthTokens;
use harvest_core::paginator::Position;
use harvest_core::{api, Client, ClientOptions, Event, OperationId, Paginator};
use serde_json::Value;
use std::sync::Arc;

/// Something the host should act on, from [`HarvestClient::take_events`].
#[derive(uniffi::Enum)]
pub enum ClientEvent {
    /// The OAuth tokens were refreshed: persist them so the next start is signed in.
    TokensRefreshed { tokens: Arc<OAuthTokens> },
}

/// A Harvest client: build it from `ClientOptions` JSON, start calls and paginators on it.
#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct HarvestClient {
    inner: Client,
}

impl std::fmt::Debug for HarvestClient {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let config = self.inner.config();
        write!(f, "HarvestClient({}, account {:?})", config.base_url(), config.account_id())
    }
}

fn params(params_json: Option<String>) -> Result<Value, HarvestError> {
    match params_json.as_deref().map(str::trim) {
        None | Some("") => Ok(Value::Null),
        Some(text) => serde_json::from_str(text).map_err(|e| HarvestError::invalid_input(format!("parameters are not JSON: {e}"))),
    }
}

#[uniffi::export]
impl HarvestClient {
    /// A client from `ClientOptions` as JSON: `{"account_id": 1, "access_token": "…",
    /// "user_agent": "MyApp (me@example.com)", "base_url": …, "retry": {…}, "rate_limits": {…},
    /// "oauth": {…}}` (the shape of the conformance cases' `config`).
    #[uniffi::constructor]
    pub fn new(options_json: String) -> Result<Arc<Self>, HarvestError> {
        let value: Value = serde_json::from_str(&options_json).map_err(|e| HarvestError::invalid_input(format!("client options are not JSON: {e}")))?;
        let inner = ClientOptions::from_json(value)?.build()?;
        Ok(Arc::new(Self { inner }))
    }

    /// Starts a call of an operation by its OpenAPI `operationId`, with its path ids in order
    /// and its parameters (query filters or body fields) as a JSON object.
    pub fn call(&self, operation_id: String, path_ids: Vec<u64>, params_json: Option<String>) -> Result<Arc<HarvestCall>, HarvestError> {
        let operation = api::build(OperationId::parse(&operation_id)?, &path_ids, params(params_json)?)?;
        Ok(Arc::new(HarvestCall::new(self.inner.call(operation))))
    }

    /// Starts paginating a list operation.
    pub fn paginate(&self, operation_id: String, path_ids: Vec<u64>, params_json: Option<String>) -> Result<Arc<HarvestPaginator>, HarvestError> {
        let operation = api::build(OperationId::parse(&operation_id)?, &path_ids, params(params_json)?)?;
        Ok(Arc::new(HarvestPaginator::new(self.inner.paginate(operation)?)))
    }

    /// Resumes a pagination from `HarvestPaginator.position_json`.
    pub fn resume(&self, position_json: String) -> Result<Arc<HarvestPaginator>, HarvestError> {
        let position = Position::from_json(&position_json)?;
        Ok(Arc::new(HarvestPaginator::new(Paginator::resume(&self.inner, &position)?)))
    }

    /// Events for the host (refreshed tokens to persist), oldest first.
    pub fn take_events(&self) -> Vec<ClientEvent> {
        self.inner
            .take_events()
            .into_iter()
            .map(|event| match event {
                Event::TokensRefreshed(tokens) => ClientEvent::TokensRefreshed { tokens: Arc::new(OAuthTokens::new(tokens)) },
            })
            .collect()
    }

    /// The current OAuth tokens, when signed in with OAuth.
    pub fn tokens(&self) -> Option<Arc<OAuthTokens>> {
        self.inner.tokens().map(|t| Arc::new(OAuthTokens::new(t)))
    }

    /// Replaces the access token (a new personal access token).
    pub fn set_access_token(&self, access_token: String) {
        self.inner.set_access_token(access_token);
    }

    /// Replaces the OAuth tokens after the user signed in again.
    pub fn set_tokens(&self, tokens: Arc<OAuthTokens>) {
        self.inner.set_tokens(tokens.core().clone());
    }

    /// Sets the account id (after account discovery).
    pub fn set_account_id(&self, account_id: u64) -> Result<(), HarvestError> {
        Ok(self.inner.set_account_id(account_id)?)
    }

    /// The account id, if set.
    pub fn account_id(&self) -> Option<u64> {
        self.inner.config().account_id()
    }

    /// The API base URL.
    pub fn base_url(&self) -> String {
        self.inner.config().base_url().to_owned()
    }
}
