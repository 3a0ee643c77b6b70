//! The one error type of the SDK, with stable snake_case codes shared by every language.
//!
//! Whose fault it is decides the code: the caller's (`invalid_input`), Harvest's answer
//! (`unauthorized` … `server`, `decode`), or the way there (`transport`, `timeout`). Messages are
//! short, lowercase, and never contain a token.

use std::fmt;

/// What went wrong, as a stable code. The same strings are used by every binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The caller passed something Harvest would reject (bad id, per_page, dates, user agent...);
    /// no request was sent. Fix the input.
    InvalidInput,
    /// 400: Harvest refused the request itself (for example no `User-Agent`).
    BadRequest,
    /// 401: the token is missing, expired, revoked, or the account id is wrong. Sign in again.
    Unauthorized,
    /// 403: the user may not do this.
    Forbidden,
    /// 404: no such object (or no such route).
    NotFound,
    /// 422: Harvest's validation or business rules refused the change; `message` says why.
    Validation,
    /// 429: too many requests; retry at `retry_at`.
    RateLimited,
    /// 5xx: Harvest failed.
    Server,
    /// Any other unexpected HTTP status.
    UnexpectedStatus,
    /// The response could not be decoded (HTML where JSON was due, truncated or malformed JSON).
    Decode,
    /// The request never got an answer: connection refused or dropped, DNS, TLS.
    Transport,
    /// The host's timeout fired before an answer arrived.
    Timeout,
    /// The OAuth refresh token was refused; the user must authorize again.
    TokenRefreshFailed,
    /// The call was cancelled by the host.
    Cancelled,
    /// The SDK's own state was misused (a response for a request it never sent, a call driven
    /// after it finished). A bug in the host driver, not in the input.
    Protocol,
}

impl ErrorCode {
    /// Every code, for bindings that mirror them.
    pub const ALL: [ErrorCode; 15] = [
        Self::InvalidInput,
        Self::BadRequest,
        Self::Unauthorized,
        Self::Forbidden,
        Self::NotFound,
        Self::Validation,
        Self::RateLimited,
        Self::Server,
        Self::UnexpectedStatus,
        Self::Decode,
        Self::Transport,
        Self::Timeout,
        Self::TokenRefreshFailed,
        Self::Cancelled,
        Self::Protocol,
    ];

    /// The stable snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidInput => "invalid_input",
            Self::BadRequest => "bad_request",
            Self::Unauthorized => "unauthorized",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::Validation => "validation",
            Self::RateLimited => "rate_limited",
            Self::Server => "server",
            Self::UnexpectedStatus => "unexpected_status",
            Self::Decode => "decode",
            Self::Transport => "transport",
            Self::Timeout => "timeout",
            Self::TokenRefreshFailed => "token_refresh_failed",
            Self::Cancelled => "cancelled",
            Self::Protocol => "protocol",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error from the SDK or from Harvest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The stable code.
    pub code: ErrorCode,
    /// A human-readable message: Harvest's own where it sent one.
    pub message: String,
    /// The HTTP status, when the error came from a response.
    pub status: Option<u16>,
    /// For `rate_limited`: how long Harvest asked to wait, in milliseconds (`Retry-After`).
    pub retry_after_ms: Option<u64>,
    /// For `rate_limited`: when to retry, epoch milliseconds (from an HTTP-date `Retry-After`, or
    /// computed by the `Call` from the response time).
    pub retry_at_ms: Option<i64>,
}

impl Error {
    /// A new error with a code and message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), status: None, retry_after_ms: None, retry_at_ms: None }
    }

    /// `invalid_input`: the caller's mistake, found before any request was built.
    pub fn invalid_input(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }

    /// `decode`: a response that does not parse.
    pub fn decode(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Decode, message)
    }

    /// `protocol`: the host driver misused the state machine.
    pub fn protocol(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Protocol, message)
    }

    /// Attaches the HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// The stable code as a string.
    pub fn code_str(&self) -> &'static str {
        self.code.as_str()
    }

    /// Whether repeating the same request later may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(self.code, ErrorCode::RateLimited | ErrorCode::Server | ErrorCode::Transport | ErrorCode::Timeout)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.status {
            Some(status) => write!(f, "{} ({}): {}", self.code, status, self.message),
            None => write!(f, "{}: {}", self.code, self.message),
        }
    }
}

impl std::error::Error for Error {}

/// The result type of the SDK.
pub type Result<T, E = Error> = std::result::Result<T, E>;
