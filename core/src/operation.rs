//! An [`Operation`] is one Harvest API call, fully described but not yet addressed: the operation
//! id, the path with its ids filled in, the encoded query and the JSON body. Adding the client's
//! configuration turns it into a [`Request`]; its output type decodes the answer.

use crate::config::Config;
use crate::error::{Error, Result};
use crate::http::{Method, Request, Response};
use crate::model::Id;
use crate::query;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::marker::PhantomData;

/// The largest page Harvest serves, and the page size the SDK asks for unless told otherwise.
pub const MAX_PER_PAGE: u32 = 2000;

/// Which host an operation goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    /// `api.harvestapp.com`: needs `Harvest-Account-Id`.
    Api,
    /// `id.getharvest.com`: accounts and OAuth; no account header.
    Identity,
}

/// One Harvest call, ready to be addressed and sent. `T` is the type its answer decodes to.
#[derive(Debug, PartialEq)]
pub struct Operation<T = crate::Decoded> {
    /// Which operation this is.
    pub id: crate::OperationId,
    /// The path (`/v2/time_entries/42`), ids filled in.
    pub path: String,
    /// The query pairs, not yet encoded.
    pub query: Vec<(String, String)>,
    /// The JSON body, for POST and PATCH.
    pub body: Option<Value>,
    output: PhantomData<fn() -> T>,
}

impl<T> Clone for Operation<T> {
    fn clone(&self) -> Self {
        Self { id: self.id, path: self.path.clone(), query: self.query.clone(), body: self.body.clone(), output: PhantomData }
    }
}

impl<T> Operation<T> {
    pub(crate) fn new(id: crate::OperationId, path_ids: &[Id], query: Vec<(String, String)>, body: Option<Value>) -> Result<Self> {
        let path = fill_path(id.path_template(), path_ids)?;
        Ok(Self { id, path, query, body, output: PhantomData })
    }

    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.id.method()
    }

    /// The host the operation goes to.
    pub fn host(&self) -> Host {
        self.id.host()
    }

    /// The same operation with its output erased to [`crate::Decoded`], as the bindings use it.
    pub fn erase(self) -> Operation<crate::Decoded> {
        Operation { id: self.id, path: self.path, query: self.query, body: self.body, output: PhantomData }
    }

    /// The absolute URL under `config`'s base URL for this operation's host.
    pub fn url(&self, config: &Config) -> String {
        let base = match self.host() {
            Host::Api => config.base_url(),
            Host::Identity => config.id_base_url(),
        };
        let mut url = format!("{}{}", base.trim_end_matches('/'), self.path);
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&query::join(&self.query));
        }
        url
    }

    /// The request to send, with every header; `request_id` must be unique per client.
    pub fn request(&self, config: &Config, request_id: u64) -> Request {
        let url = self.url(config);
        let body = self.body.as_ref().map(|b| serde_json::to_vec(b).unwrap_or_default());
        Request { id: request_id, method: self.method(), url, headers: config.headers(self.host(), body.is_some()), body }
    }

    /// Replaces the query (used by pagination to follow `links.next`).
    pub(crate) fn with_query(mut self, query: Vec<(String, String)>) -> Self {
        self.query = query;
        self
    }
}

impl<T: DeserializeOwned> Operation<T> {
    /// Decodes a response to this operation: the typed value, or the typed error.
    pub fn decode(&self, response: &Response) -> Result<T> {
        decode_body(response)
    }
}

/// The typed value of a 2xx response, or the error for any other.
pub(crate) fn decode_body<T: DeserializeOwned>(response: &Response) -> Result<T> {
    decode_body_with(response, std::marker::PhantomData::<T>)
}

/// [`decode_body`] through a seed (which may carry what the decode should know beforehand).
pub(crate) fn decode_body_with<'de, S: serde::de::DeserializeSeed<'de>>(response: &'de Response, seed: S) -> Result<S::Value> {
    if let Some(error) = crate::status::error_for(response) {
        return Err(error);
    }
    let body: &[u8] = if response.body.iter().all(u8::is_ascii_whitespace) { b"null" } else { &response.body };
    // One UTF-8 check of the whole body is cheaper than serde_json's check of every string.
    let text = std::str::from_utf8(body).map_err(|e| {
        let kind = if e.error_len().is_none() { "truncated JSON" } else { "malformed JSON" };
        Error::decode(format!("{kind} in the response to a {} request: {e}", response.status)).with_status(response.status)
    })?;
    let mut de = serde_json::Deserializer::from_str(text);
    seed.deserialize(&mut de).and_then(|value| de.end().map(|()| value)).map_err(|e| {
        let kind = if e.is_eof() { "truncated JSON" } else if body.first() == Some(&b'<') { "HTML instead of JSON" } else { "malformed JSON" };
        Error::decode(format!("{kind} in the response to a {} request: {e}", response.status)).with_status(response.status)
    })
}

fn fill_path(template: &str, ids: &[Id]) -> Result<String> {
    let mut path = String::with_capacity(template.len() + 24);
    let mut ids = ids.iter();
    let mut parts = template.split("{}");
    path.push_str(parts.next().unwrap_or_default());
    for part in parts {
        let id = ids.next().ok_or_else(|| Error::invalid_input(format!("{template} needs more ids")))?;
        if *id == 0 {
            return Err(Error::invalid_input("an id must be a positive integer, not 0"));
        }
        path.push_str(&id.to_string());
        path.push_str(part);
    }
    if ids.next().is_some() {
        return Err(Error::invalid_input(format!("{template} takes fewer ids")));
    }
    Ok(path)
}

/// Checks a serialized query or body for mistakes Harvest would refuse, before anything is sent:
/// zero ids, `per_page` outside 1..=2000, `page` 0, `from` after `to`.
pub(crate) fn check_params(value: &Value) -> Result<()> {
    let Value::Object(map) = value else { return Ok(()) };
    for (key, v) in map {
        if (key == "id" || key.ends_with("_id")) && v.as_u64() == Some(0) {
            return Err(Error::invalid_input(format!("{key} must be a positive integer, not 0")));
        }
        if key.ends_with("_ids") {
            if let Some(items) = v.as_array() {
                if items.iter().any(|i| i.as_u64() == Some(0)) {
                    return Err(Error::invalid_input(format!("{key} must hold positive integers, not 0")));
                }
            }
        }
        if key == "per_page" {
            if let Some(n) = v.as_u64() {
                if !(1..=MAX_PER_PAGE as u64).contains(&n) {
                    return Err(Error::invalid_input(format!("per_page must be between 1 and {MAX_PER_PAGE}, not {n}")));
                }
            }
        }
        if key == "page" && v.as_u64() == Some(0) {
            return Err(Error::invalid_input("page numbers start at 1"));
        }
        if v.is_object() {
            check_params(v)?;
        }
        if let Some(items) = v.as_array() {
            for item in items {
                check_params(item)?;
            }
        }
    }
    if let (Some(from), Some(to)) = (map.get("from").and_then(Value::as_str), map.get("to").and_then(Value::as_str)) {
        if from > to {
            return Err(Error::invalid_input(format!("from ({from}) is after to ({to})")));
        }
    }
    Ok(())
}
