//! [`ClientOptions`]: a client described as plain data (JSON, a Python dict, a JS object), so
//! every binding builds its client the same way, and the conformance cases' `config` means the
//! same thing in every language.

use crate::client::Client;
use crate::config::{Config, Secret};
use crate::error::{Error, Result};
use crate::model::Id;
use crate::oauth::{OAuthApp, Tokens};
use crate::rate_limit::{Limit, RateLimits};
use crate::retry::RetryPolicy;
use serde::Deserialize;

/// Everything needed to build a [`Client`]. `Debug` shows no secret.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientOptions {
    /// The Harvest account id (`Harvest-Account-Id`); may be left out for account discovery.
    pub account_id: Option<Id>,
    /// A personal access token, or the current OAuth access token.
    pub access_token: Secret,
    /// Your app's name and a contact, e.g. `MyApp (me@example.com)`. Mandatory at Harvest.
    pub user_agent: String,
    /// The API base URL (default `https://api.harvestapp.com`; the sandbox's URL in tests).
    pub base_url: Option<String>,
    /// The identity base URL (default `https://id.getharvest.com`).
    pub id_base_url: Option<String>,
    /// The retry policy (fields left out keep their defaults).
    pub retry: Option<RetryPolicy>,
    /// The rate limits (fields left out keep Harvest's).
    pub rate_limits: Option<RateLimitOptions>,
    /// OAuth: refresh the access token with these.
    pub oauth: Option<OAuthOptions>,
}

/// Partial rate limits.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimitOptions {
    /// The general limit (100 per 15 s at Harvest).
    pub general: Option<Limit>,
    /// The reports limit (100 per 15 min at Harvest).
    pub reports: Option<Limit>,
    /// Whether the proactive limiter is on (default on).
    pub enabled: Option<bool>,
}

/// OAuth settings of a client.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OAuthOptions {
    /// The app's Client ID.
    pub client_id: String,
    /// The app's Client Secret.
    #[serde(default)]
    pub client_secret: Secret,
    /// The redirect URL.
    pub redirect_uri: Option<String>,
    /// The refresh token (absent in the implicit flow).
    pub refresh_token: Option<Secret>,
    /// When the access token expires, epoch milliseconds.
    pub expires_at_ms: Option<i64>,
}

impl ClientOptions {
    /// Reads options from JSON.
    pub fn from_json(value: serde_json::Value) -> Result<Self> {
        serde_json::from_value(value).map_err(|e| Error::invalid_input(format!("invalid client options: {e}")))
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client> {
        let mut config = match self.account_id {
            Some(id) => Config::new(id, self.access_token.clone(), self.user_agent)?,
            None => Config::without_account(self.access_token.clone(), self.user_agent)?,
        };
        if let Some(url) = self.base_url {
            config = config.with_base_url(url)?;
        }
        if let Some(url) = self.id_base_url {
            config = config.with_id_base_url(url)?;
        }
        let mut client = Client::new(config);
        if let Some(retry) = self.retry {
            if retry.max_attempts == 0 {
                return Err(Error::invalid_input("retry.max_attempts must be at least 1"));
            }
            client = client.with_retry_policy(retry);
        }
        if let Some(r) = self.rate_limits {
            let mut limits = RateLimits::default();
            limits.general = r.general.unwrap_or(limits.general);
            limits.reports = r.reports.unwrap_or(limits.reports);
            limits.enabled = r.enabled.unwrap_or(limits.enabled);
            for limit in [limits.general, limits.reports] {
                if limit.requests == 0 || limit.window_ms <= 0 {
                    return Err(Error::invalid_input("a rate limit needs at least one request per positive window"));
                }
            }
            client = client.with_rate_limits(limits);
        }
        if let Some(o) = self.oauth {
            let app = OAuthApp { client_id: o.client_id, client_secret: o.client_secret, redirect_uri: o.redirect_uri };
            let tokens = Tokens { access_token: self.access_token, refresh_token: o.refresh_token, expires_at_ms: o.expires_at_ms, scope: None };
            client = client.with_oauth(app, tokens);
        }
        Ok(client)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn options_build_a_client_and_never_show_the_token() {
        let options = ClientOptions::from_json(json!({
            "account_id": 42, "access_token": "s3cret-token", "user_agent": "T (t@example.com)",
            "base_url": "http://127.0.0.1:1", "rate_limits": {"general": {"requests": 5, "window_ms": 1000}},
            "oauth": {"client_id": "c", "client_secret": "cs3cret", "refresh_token": "r3fresh"}
        }))
        .unwrap();
        let debug = format!("{options:?}");
        assert!(!debug.contains("s3cret") && !debug.contains("r3fresh"), "{debug}");
        let client = options.build().unwrap();
        assert_eq!(client.config().base_url(), "http://127.0.0.1:1");
        assert!(client.tokens().is_some());
        let bad = ClientOptions::from_json(json!({"access_token": "t", "user_agent": "", "account_id": 1})).unwrap();
        assert_eq!(bad.build().unwrap_err().code, crate::ErrorCode::InvalidInput);
        assert!(ClientOptions::from_json(json!({"access_token": "t", "user_agent": "u", "typo": 1})).is_err());
    }
}
