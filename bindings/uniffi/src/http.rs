//! The values that cross between the core and the host's HTTP client.

use harvest_core::{Request, Response};
use std::fmt;

/// One header.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Header {
    /// The name (compare case-insensitively).
    pub name: String,
    /// The value.
    pub value: String,
}

/// A response from the host's HTTP client, handed back to the call that sent the request.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpResponse {
    /// The id of the [`HarvestRequest`] this answers.
    pub request_id: u64,
    /// The HTTP status.
    pub status: u16,
    /// The response headers (`Retry-After` matters).
    pub headers: Vec<Header>,
    /// The body bytes, possibly empty.
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub(crate) fn into_core(self, default_id: u64) -> Response {
        Response {
            request_id: if self.request_id == 0 { default_id } else { self.request_id },
            status: self.status,
            headers: self.headers.into_iter().map(|h| (h.name, h.value)).collect(),
            body: self.body,
        }
    }
}

/// Why a request got no response. Hosts map their HTTP client's exceptions onto these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum FailureKind {
    /// The connection could not be made: the request never reached the server.
    Connect,
    /// The connection failed after the request may have been sent (reset, dropped, truncated).
    Transport,
    /// The host's timeout fired.
    Timeout,
}

impl From<FailureKind> for harvest_core::FailureKind {
    fn from(kind: FailureKind) -> Self {
        match kind {
            FailureKind::Connect => harvest_core::FailureKind::Connect,
            FailureKind::Transport => harvest_core::FailureKind::Transport,
            FailureKind::Timeout => harvest_core::FailureKind::Timeout,
        }
    }
}

/// A request for the host to send verbatim: absolute URL with the query encoded, every header
/// (`Authorization` included), the body. Its string form never shows the token.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct HarvestRequest {
    inner: Request,
}

impl HarvestRequest {
    pub(crate) fn new(inner: Request) -> Self {
        Self { inner }
    }
}

impl fmt::Debug for HarvestRequest {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl fmt::Display for HarvestRequest {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} {}", self.inner.method, harvest_core::redact::url(&self.inner.url))
    }
}

#[uniffi::export]
impl HarvestRequest {
    /// Identifies the request; the response must carry it back.
    pub fn id(&self) -> u64 {
        self.inner.id
    }

    /// `GET`, `POST`, `PATCH` or `DELETE`.
    pub fn method(&self) -> String {
        self.inner.method.as_str().to_owned()
    }

    /// The absolute URL, query encoded.
    pub fn url(&self) -> String {
        self.inner.url.clone()
    }

    /// Every header to send.
    pub fn headers(&self) -> Vec<Header> {
        self.inner.headers.iter().map(|(name, value)| Header { name: name.clone(), value: value.clone() }).collect()
    }

    /// A header's value by case-insensitive name.
    pub fn header(&self, name: String) -> Option<String> {
        self.inner.header(&name).map(str::to_owned)
    }

    /// The body (JSON, or form-encoded for OAuth), if any.
    pub fn body(&self) -> Option<Vec<u8>> {
        self.inner.body.clone()
    }
}
