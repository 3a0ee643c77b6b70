//! The HTTP transport: a [`Transport`] sends one [`Request`] exactly as the core built it and
//! returns the [`Response`], or says why there is none as a [`FailureKind`]. The default is
//! [`ReqwestTransport`] (rustls on native targets, `fetch` on wasm); implement the trait to add a
//! proxy, certificate pinning, or a mock in your own tests.

use harvest_core::{FailureKind, Request, Response};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// `Send` on native targets; nothing on `wasm32`, where futures and JS handles are not `Send`.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSend: Send {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + ?Sized> MaybeSend for T {}
/// `Send` on native targets; nothing on `wasm32`, where futures and JS handles are not `Send`.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSend {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSend for T {}

/// `Sync` on native targets; nothing on `wasm32`.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSync: Sync {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Sync + ?Sized> MaybeSync for T {}
/// `Sync` on native targets; nothing on `wasm32`.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSync {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSync for T {}

/// A boxed future, `Send` on native targets.
#[cfg(not(target_arch = "wasm32"))]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
/// A boxed future (not `Send` on `wasm32`).
#[cfg(target_arch = "wasm32")]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Why a request got no response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    /// `Connect` when the request certainly never reached the server (this lets even a POST be
    /// retried), `Timeout` when the transport's timeout fired, `Transport` for anything else.
    pub kind: FailureKind,
    /// What happened, for the error message. Must not contain a token.
    pub message: String,
}

impl TransportError {
    /// A failure of this kind.
    pub fn new(kind: FailureKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into() }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.message)
    }
}

impl std::error::Error for TransportError {}

/// Sends requests. Implementations must send the request verbatim (method, URL, every header,
/// body) and hand back status, headers and the whole body.
pub trait Transport: MaybeSend + MaybeSync + 'static {
    /// Sends one request.
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>>;
}

/// The default transport: a `reqwest::Client` (rustls with the `ring` provider on native targets,
/// the browser's or Node's `fetch` on wasm). Cheap to clone; connections are pooled.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

/// The per-request timeout of [`ReqwestTransport::new`].
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

impl ReqwestTransport {
    /// A transport with a 60 s per-request timeout.
    pub fn new() -> Result<Self, harvest_core::Error> {
        Self::with_timeout(DEFAULT_TIMEOUT)
    }

    /// A transport whose requests time out after `timeout` (native targets; on wasm `fetch`
    /// has no timeout and this is the same as [`ReqwestTransport::new`]).
    pub fn with_timeout(timeout: Duration) -> Result<Self, harvest_core::Error> {
        #[cfg(not(target_arch = "wasm32"))]
        let builder = {
            install_crypto_provider();
            reqwest::Client::builder().timeout(timeout).connect_timeout(timeout.min(Duration::from_secs(15)))
        };
        #[cfg(target_arch = "wasm32")]
        let builder = {
            let _ = timeout;
            reqwest::Client::builder()
        };
        let client = builder
            .build()
            .map_err(|e| harvest_core::Error::new(harvest_core::ErrorCode::Transport, format!("cannot set up the HTTP client: {e}")))?;
        Ok(Self { client })
    }

    /// Wraps a `reqwest::Client` you configured (proxy, root certificates, timeouts); build it
    /// after [`install_crypto_provider`].
    pub fn from_client(client: reqwest::Client) -> Self {
        Self { client }
    }

    async fn send_request(&self, request: Request) -> Result<Response, TransportError> {
        let method = match request.method {
            harvest_core::Method::Get => reqwest::Method::GET,
            harvest_core::Method::Post => reqwest::Method::POST,
            harvest_core::Method::Patch => reqwest::Method::PATCH,
            harvest_core::Method::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self.client.request(method, &request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(body) = request.body {
            builder = builder.body(body);
        }
        let response = builder.send().await.map_err(failure)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        // A body cut short is a failure after the request was sent: `Transport`, not `Connect`.
        let reading = |e: reqwest::Error| {
            let kind = if e.is_timeout() { FailureKind::Timeout } else { FailureKind::Transport };
            TransportError::new(kind, format!("reading the body: {}", describe(e)))
        };
        // Chunks are copied once, into a buffer of the announced length (a 2 MB page is otherwise
        // gathered, then copied again).
        #[cfg(not(target_arch = "wasm32"))]
        let body = {
            let mut response = response;
            let announced = response.content_length().unwrap_or(0).min(MAX_PREALLOCATED) as usize;
            let mut body = Vec::with_capacity(announced);
            while let Some(chunk) = response.chunk().await.map_err(reading)? {
                body.extend_from_slice(&chunk);
            }
            body
        };
        #[cfg(target_arch = "wasm32")]
        let body = response.bytes().await.map_err(reading)?.to_vec();
        Ok(Response { request_id: request.id, status, headers, body })
    }
}

/// The most a `Content-Length` header makes the transport reserve up front.
#[cfg(not(target_arch = "wasm32"))]
const MAX_PREALLOCATED: u64 = 64 << 20;

impl Transport for ReqwestTransport {
    fn send(&self, request: Request) -> BoxFuture<'_, Result<Response, TransportError>> {
        Box::pin(self.send_request(request))
    }
}

/// reqwest is built without a bundled TLS crypto provider (to avoid compiling aws-lc): this
/// installs rustls' `ring` provider as the process default unless the application installed
/// one. Call it before building your own `reqwest::Client`; the SDK calls it itself.
#[cfg(not(target_arch = "wasm32"))]
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

fn failure(error: reqwest::Error) -> TransportError {
    #[cfg(not(target_arch = "wasm32"))]
    let connect = error.is_connect();
    #[cfg(target_arch = "wasm32")]
    let connect = false;
    let kind = if connect {
        FailureKind::Connect
    } else if error.is_timeout() {
        FailureKind::Timeout
    } else {
        FailureKind::Transport
    };
    TransportError::new(kind, describe(error))
}

/// The error and its causes, without the URL (which the core redacts and logs itself).
fn describe(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut text = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
