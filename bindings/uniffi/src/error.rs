//! One error enum for Kotlin and Swift, one variant per stable code of the core. Every variant
//! carries the same fields, so a host reads `code`, `status`, `retry_at_ms` whatever the variant.

use harvest_core::ErrorCode;

macro_rules! harvest_error {
    ($( $(#[$doc:meta])* $variant:ident = $code:ident ),* $(,)?) => {
        /// An error from the SDK or from Harvest (`HarvestException` in Kotlin, `HarvestError`
        /// in Swift). The variant is the stable code; the message never contains a token.
        #[derive(Debug, Clone, PartialEq, uniffi::Error, thiserror::Error)]
        pub enum HarvestError {
            $(
                $(#[$doc])*
                #[error("{code}: {detail}")]
                $variant {
                    /// The stable snake_case code, the same in every language.
                    code: String,
                    /// What went wrong, Harvest's own words where it sent some.
                    detail: String,
                    /// The HTTP status, when the error came from a response.
                    status: Option<u16>,
                    /// For `rate_limited`: when to retry, epoch milliseconds.
                    retry_at_ms: Option<i64>,
                    /// For `rate_limited`: how long Harvest asked to wait, milliseconds.
                    retry_after_ms: Option<u64>,
                },
            )*
        }

        /// The variants' names and codes, in order, for the generated host-side accessors.
        pub const ERROR_VARIANTS: &[(&str, ErrorCode)] = &[$( (stringify!($variant), ErrorCode::$code) ),*];

        impl From<harvest_core::Error> for HarvestError {
            fn from(e: harvest_core::Error) -> Self {
                let code = e.code_str().to_owned();
                let (detail, status, retry_at_ms, retry_after_ms) = (e.message, e.status, e.retry_at_ms, e.retry_after_ms);
                match e.code {
                    $( ErrorCode::$code => HarvestError::$variant { code, detail, status, retry_at_ms, retry_after_ms }, )*
                }
            }
        }

        impl HarvestError {
            /// The stable code.
            pub fn code(&self) -> &str {
                match self { $( HarvestError::$variant { code, .. } => code, )* }
            }
        }
    };
}

harvest_error! {
    /// The caller passed something Harvest would reject; nothing was sent.
    InvalidInput = InvalidInput,
    /// 400: Harvest refused the request itself.
    BadRequest = BadRequest,
    /// 401: the token is missing, expired or revoked, or the account id is wrong.
    Unauthorized = Unauthorized,
    /// 403: the user may not do this.
    Forbidden = Forbidden,
    /// 404: no such object.
    NotFound = NotFound,
    /// 422: Harvest's validation refused the change.
    Validation = Validation,
    /// 429: too many requests; retry at `retry_at_ms`.
    RateLimited = RateLimited,
    /// 5xx: Harvest failed.
    Server = Server,
    /// Another unexpected HTTP status.
    UnexpectedStatus = UnexpectedStatus,
    /// The response did not decode (HTML, truncated or malformed JSON).
    Decode = Decode,
    /// The request got no answer (connection refused or dropped).
    Transport = Transport,
    /// The host's timeout fired.
    Timeout = Timeout,
    /// The OAuth refresh token was refused: sign in again.
    TokenRefreshFailed = TokenRefreshFailed,
    /// The call was cancelled by the host.
    Cancelled = Cancelled,
    /// The host driver misused the state machine (a bug in the driver).
    Protocol = Protocol,
}

impl HarvestError {
    pub(crate) fn invalid_input(message: impl Into<String>) -> Self {
        harvest_core::Error::invalid_input(message).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_code_has_a_variant_with_that_code() {
        assert_eq!(ERROR_VARIANTS.len(), ErrorCode::ALL.len());
        for code in ErrorCode::ALL {
            let e: HarvestError = harvest_core::Error::new(code, "m").with_status(500).into();
            assert_eq!(e.code(), code.as_str());
            assert!(ERROR_VARIANTS.iter().any(|(_, c)| *c == code));
        }
    }
}
