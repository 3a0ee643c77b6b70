//! The values that cross between the core and a host's HTTP client.
//!
//! The core builds a [`Request`] with an absolute URL and every header; the host sends it verbatim
//! and hands back a [`Response`] carrying the request's id. Bodies are bytes. `Debug` never shows a
//! token: the `Authorization` header is redacted.

use std::fmt;

/// An HTTP method Harvest uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Method {
    /// The method as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Parses `GET`, `post`, ...
    pub fn parse(text: &str) -> Option<Method> {
        match text.to_ascii_uppercase().as_str() {
            "GET" => Some(Method::Get),
            "POST" => Some(Method::Post),
            "PATCH" => Some(Method::Patch),
            "DELETE" => Some(Method::Delete),
            _ => None,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Header names and values, in order. Names compare case-insensitively.
pub type Headers = Vec<(String, String)>;

/// Finds a header's value by case-insensitive name.
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// A request for the host to send, verbatim.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Request {
    /// Identifies the request; the matching [`Response`] must carry it back.
    pub id: u64,
    /// The method.
    pub method: Method,
    /// The absolute URL, query already encoded.
    pub url: String,
    /// Every header to send, `Authorization` included.
    pub headers: Headers,
    /// The body, JSON or form-encoded as `Content-Type` says.
    pub body: Option<Vec<u8>>,
}

impl Request {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// The body as text (lossy), for tests and logs.
    pub fn body_text(&self) -> Option<String> {
        self.body.as_ref().map(|b| String::from_utf8_lossy(b).into_owned())
    }
}

/// Headers whose values are secrets and never printed.
pub(crate) fn is_secret_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("authorization")
}

struct RedactedHeaders<'a>(&'a [(String, String)]);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(k, v)| {
                if is_secret_header(k) {
                    (k.as_str(), "[redacted]")
                } else {
                    (k.as_str(), v.as_str())
                }
            }))
            .finish()
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_struct("Request")
            .field("id", &self.id)
            .field("method", &self.method)
            .field("url", &crate::redact::url(&self.url))
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &self.body.as_ref().map(|b| crate::redact::body(&String::from_utf8_lossy(b))))
            .finish()
    }
}

/// A response from the host's HTTP client.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Response {
    /// The id of the [`Request`] this answers.
    pub request_id: u64,
    /// The HTTP status.
    pub status: u16,
    /// The response headers.
    pub headers: Headers,
    /// The body bytes (possibly empty).
    #[serde(default)]
    pub body: Vec<u8>,
}

impl Response {
    /// A response with a status and body and no headers, mostly for tests.
    pub fn new(request_id: u64, status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self { request_id, status, headers: Vec::new(), body: body.into() }
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

/// Why a request got no response. Hosts map their HTTP client's errors onto these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// The connection could not be made: the request certainly never reached the server.
    Connect,
    /// The connection failed after the request may have been sent (reset, dropped, truncated).
    Transport,
    /// The host's timeout fired.
    Timeout,
}

impl FailureKind {
    /// Parses `connect`, `transport` or `timeout`.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "connect" => Some(Self::Connect),
            "transport" => Some(Self::Transport),
            "timeout" => Some(Self::Timeout),
            _ => None,
        }
    }
}
