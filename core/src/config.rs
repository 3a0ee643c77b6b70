//! Client configuration: where to send requests, as whom, and with which user agent.

use crate::error::{Error, Result};
use crate::http::Headers;
use crate::model::Id;
use crate::operation::Host;
use std::fmt;

/// Harvest's API base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.harvestapp.com";
/// Harvest ID's base URL (accounts, OAuth).
pub const DEFAULT_ID_BASE_URL: &str = "https://id.getharvest.com";

/// A secret string (token, client secret). Its `Debug` and `Display` never show the value.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value, for putting on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

/// Where and as whom to talk to Harvest. Build it with [`Config::new`], then adjust.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    base_url: String,
    id_base_url: String,
    account_id: Option<Id>,
    access_token: Secret,
    user_agent: String,
}

impl Config {
    /// A configuration for a personal access token (or an OAuth access token) on one account.
    /// The user agent is mandatory at Harvest: name your app and a contact, `MyApp (me@example.com)`.
    pub fn new(account_id: Id, access_token: impl Into<Secret>, user_agent: impl Into<String>) -> Result<Self> {
        let config = Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            id_base_url: DEFAULT_ID_BASE_URL.to_owned(),
            account_id: Some(account_id),
            access_token: access_token.into(),
            user_agent: user_agent.into(),
        };
        config.check()?;
        Ok(config)
    }

    /// A configuration with no account yet (for account discovery, or OAuth before a token).
    pub fn without_account(access_token: impl Into<Secret>, user_agent: impl Into<String>) -> Result<Self> {
        let config = Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            id_base_url: DEFAULT_ID_BASE_URL.to_owned(),
            account_id: None,
            access_token: access_token.into(),
            user_agent: user_agent.into(),
        };
        config.check()?;
        Ok(config)
    }

    fn check(&self) -> Result<()> {
        if self.user_agent.trim().is_empty() {
            return Err(Error::invalid_input("a user agent is required by Harvest, e.g. \"MyApp (me@example.com)\""));
        }
        if self.user_agent.chars().any(char::is_control) {
            return Err(Error::invalid_input("the user agent must not contain control characters"));
        }
        if self.account_id == Some(0) {
            return Err(Error::invalid_input("the account id must be a positive integer, not 0"));
        }
        if self.access_token.expose().chars().any(|c| c.is_control() || c == ' ') {
            return Err(Error::invalid_input("the access token must not contain spaces or control characters"));
        }
        Ok(())
    }

    /// Sends API requests to another base URL (the sandbox, a proxy), e.g. `http://127.0.0.1:8080`.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Result<Self> {
        self.base_url = checked_url(base_url.into())?;
        Ok(self)
    }

    /// Sends identity requests (accounts, OAuth) to another base URL.
    pub fn with_id_base_url(mut self, id_base_url: impl Into<String>) -> Result<Self> {
        self.id_base_url = checked_url(id_base_url.into())?;
        Ok(self)
    }

    /// The API base URL.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The identity base URL.
    pub fn id_base_url(&self) -> &str {
        &self.id_base_url
    }

    /// The account id, if set.
    pub fn account_id(&self) -> Option<Id> {
        self.account_id
    }

    /// Sets the account id (after account discovery).
    pub fn set_account_id(&mut self, account_id: Id) -> Result<()> {
        if account_id == 0 {
            return Err(Error::invalid_input("the account id must be a positive integer, not 0"));
        }
        self.account_id = Some(account_id);
        Ok(())
    }

    /// The user agent.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    /// The current access token.
    pub fn access_token(&self) -> &Secret {
        &self.access_token
    }

    /// Replaces the access token (after an OAuth refresh).
    pub fn set_access_token(&mut self, token: impl Into<Secret>) {
        self.access_token = token.into();
    }

    /// The headers of a request to `host`.
    pub fn headers(&self, host: Host, has_body: bool) -> Headers {
        let mut headers = Vec::with_capacity(5);
        headers.push(("Authorization".to_owned(), format!("Bearer {}", self.access_token.expose())));
        if let (Host::Api, Some(account)) = (host, self.account_id) {
            headers.push(("Harvest-Account-Id".to_owned(), account.to_string()));
        }
        headers.push(("User-Agent".to_owned(), self.user_agent.clone()));
        headers.push(("Accept".to_owned(), "application/json".to_owned()));
        if has_body {
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        }
        headers
    }
}

fn checked_url(url: String) -> Result<String> {
    let trimmed = url.trim_end_matches('/');
    let rest = trimmed.strip_prefix("https://").or_else(|| trimmed.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(['?', '#', ' ']) => Ok(trimmed.to_owned()),
        _ => Err(Error::invalid_input(format!("not an http(s) base URL: {url:?}"))),
    }
}
