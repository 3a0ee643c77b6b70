//! Builds the client from flags, environment and the stored login; prints results.

use crate::credentials::{self, Credentials};
use crate::Global;
use harvest_sdk::model::Id;
use harvest_sdk::{Client, Config, Error, ErrorCode, OAuthApp, Result, Secret, Tokens};
use serde::Serialize;
use std::io::IsTerminal;

/// A token and account from flags or environment, else from the stored login.
pub struct Resolved {
    pub token: String,
    pub account_id: Option<Id>,
    pub base_url: Option<String>,
    pub id_base_url: Option<String>,
    /// Set when the token is the stored one and came from OAuth: refresh it and save.
    pub oauth: Option<Credentials>,
}

pub fn resolve(global: &Global) -> Result<Resolved> {
    let stored = credentials::load();
    let base_url = global.base_url.clone().or_else(|| stored.as_ref().and_then(|s| s.base_url.clone()));
    // The sandbox serves Harvest ID on the API's host: a custom base URL stands for both.
    let id_base_url = global.id_base_url.clone().or_else(|| stored.as_ref().and_then(|s| s.id_base_url.clone())).or_else(|| base_url.clone());
    if let Some(token) = global.token.clone().filter(|t| !t.is_empty()) {
        let account_id = global.account_id.or_else(|| stored.as_ref().and_then(|s| s.account_id));
        return Ok(Resolved { token, account_id, base_url, id_base_url, oauth: None });
    }
    let Some(stored) = stored else {
        return Err(Error::new(ErrorCode::Unauthorized, "not logged in: run `harvest login` or set HARVEST_ACCESS_TOKEN and HARVEST_ACCOUNT_ID"));
    };
    Ok(Resolved {
        token: stored.access_token.clone(),
        account_id: global.account_id.or(stored.account_id),
        base_url,
        id_base_url,
        oauth: stored.oauth.is_some().then_some(stored),
    })
}

fn base_config(global: &Global, resolved: &Resolved, account_id: Option<Id>) -> Result<Config> {
    let mut config = match account_id {
        Some(id) => Config::new(id, resolved.token.as_str(), global.user_agent.clone())?,
        None => Config::without_account(resolved.token.as_str(), global.user_agent.clone())?,
    };
    if let Some(url) = &resolved.base_url {
        config = config.with_base_url(url.clone())?;
    }
    if let Some(url) = &resolved.id_base_url {
        config = config.with_id_base_url(url.clone())?;
    }
    Ok(config)
}

/// A client for the account (required).
pub fn client(global: &Global) -> Result<Client> {
    let resolved = resolve(global)?;
    let account_id = resolved
        .account_id
        .ok_or_else(|| Error::invalid_input("no account id: pass --account-id, set HARVEST_ACCOUNT_ID, or run `harvest login`"))?;
    build(global, &resolved, Some(account_id))
}

/// A client that may have no account (account discovery).
pub fn identity_client(global: &Global) -> Result<Client> {
    let resolved = resolve(global)?;
    build(global, &resolved, resolved.account_id)
}

fn build(global: &Global, resolved: &Resolved, account_id: Option<Id>) -> Result<Client> {
    let mut builder = Client::builder(base_config(global, resolved, account_id)?);
    if let Some(stored) = &resolved.oauth {
        if let Some(oauth) = &stored.oauth {
            let app = OAuthApp { client_id: oauth.client_id.clone(), client_secret: Secret::new(oauth.client_secret.clone()), redirect_uri: None };
            let tokens = Tokens {
                access_token: Secret::new(stored.access_token.clone()),
                refresh_token: oauth.refresh_token.clone().map(Secret::new),
                expires_at_ms: oauth.expires_at_ms,
                scope: oauth.scope.clone(),
            };
            let template = stored.clone();
            builder = builder.oauth(app, tokens).on_tokens_refreshed(move |tokens: &Tokens| {
                let mut updated = template.clone();
                updated.access_token = tokens.access_token.expose().to_owned();
                if let Some(o) = updated.oauth.as_mut() {
                    o.refresh_token = tokens.refresh_token.as_ref().map(|t| t.expose().to_owned());
                    o.expires_at_ms = tokens.expires_at_ms;
                    o.scope = tokens.scope.clone().or(o.scope.take());
                }
                if let Err(e) = credentials::save(&updated) {
                    eprintln!("warning: could not save the refreshed tokens: {e}");
                }
            });
        }
    }
    builder.build()
}

/// Prints a value as pretty JSON.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::new(ErrorCode::Decode, format!("cannot print JSON: {e}")))?;
    println!("{text}");
    Ok(())
}

/// Whether to show progress (stderr is a terminal).
pub fn interactive() -> bool {
    std::io::stderr().is_terminal()
}
