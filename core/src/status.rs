//! Turns a non-2xx response into the typed [`Error`], whatever its body: Harvest's three JSON error
//! shapes (`{error, error_description}`, `{message}`, `{status, error}`), HTML pages, or nothing.

use crate::error::{Error, ErrorCode};
use crate::http::Response;

/// The error for a response whose status is not 2xx, or `None` for 2xx.
pub fn error_for(response: &Response) -> Option<Error> {
    let status = response.status;
    if (200..300).contains(&status) {
        return None;
    }
    let code = match status {
        400 => ErrorCode::BadRequest,
        401 => ErrorCode::Unauthorized,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        422 => ErrorCode::Validation,
        429 => ErrorCode::RateLimited,
        500..=599 => ErrorCode::Server,
        _ => ErrorCode::UnexpectedStatus,
    };
    let message = body_message(&response.body).unwrap_or_else(|| default_message(status).to_owned());
    let mut error = Error::new(code, message).with_status(status);
    if status == 429 {
        match response.header("retry-after").map(parse_retry_after) {
            Some(Some(RetryAfter::Seconds(s))) => error.retry_after_ms = Some(s.saturating_mul(1000)),
            Some(Some(RetryAfter::At(ms))) => error.retry_at_ms = Some(ms),
            _ => {}
        }
    }
    Some(error)
}

/// Harvest's message from any of its JSON error shapes.
fn body_message(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let obj = value.as_object()?;
    let text = |key: &str| obj.get(key).and_then(|v| v.as_str()).filter(|s| !s.is_empty());
    if let Some(description) = text("error_description") {
        return Some(match text("error") {
            Some(error) => format!("{error}: {description}"),
            None => description.to_owned(),
        });
    }
    text("message").or_else(|| text("error")).map(str::to_owned)
}

fn default_message(status: u16) -> &'static str {
    match status {
        400 => "bad request",
        401 => "the access token is missing, expired, revoked or not valid for this account",
        403 => "not authorized",
        404 => "not found",
        422 => "the request was refused by validation",
        429 => "rate limited: too many requests",
        500..=599 => "the server failed",
        _ => "unexpected response status",
    }
}

/// A parsed `Retry-After` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAfter {
    /// Wait this many seconds.
    Seconds(u64),
    /// Retry at this epoch time in milliseconds (from an HTTP date).
    At(i64),
}

/// Parses `Retry-After`: delta-seconds or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`).
pub fn parse_retry_after(value: &str) -> Option<RetryAfter> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(RetryAfter::Seconds(seconds));
    }
    if let Ok(seconds) = value.parse::<f64>() {
        if seconds.is_finite() && seconds >= 0.0 {
            return Some(RetryAfter::Seconds(seconds.ceil() as u64));
        }
    }
    chrono::DateTime::parse_from_rfc2822(value).ok().map(|t| RetryAfter::At(t.timestamp_millis()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(status: u16, body: &str) -> Error {
        error_for(&Response::new(1, status, body)).expect("an error")
    }

    #[test]
    fn every_harvest_error_shape_parses() {
        let e = err(401, r#"{"error":"invalid_token","error_description":"The access token provided is expired"}"#);
        assert_eq!((e.code, e.message.as_str()), (ErrorCode::Unauthorized, "invalid_token: The access token provided is expired"));
        let e = err(422, r#"{"message":"Project can't be blank"}"#);
        assert_eq!((e.code, e.message.as_str()), (ErrorCode::Validation, "Project can't be blank"));
        let e = err(404, r#"{"status":404,"error":"Not Found"}"#);
        assert_eq!((e.code, e.message.as_str(), e.status), (ErrorCode::NotFound, "Not Found", Some(404)));
        let e = err(403, r#"{"message":"Not authorized!"}"#);
        assert_eq!(e.code, ErrorCode::Forbidden);
    }

    #[test]
    fn html_and_empty_bodies_get_a_default_message() {
        for (status, code) in [
            (400, ErrorCode::BadRequest),
            (401, ErrorCode::Unauthorized),
            (403, ErrorCode::Forbidden),
            (404, ErrorCode::NotFound),
            (422, ErrorCode::Validation),
            (429, ErrorCode::RateLimited),
            (500, ErrorCode::Server),
            (502, ErrorCode::Server),
            (503, ErrorCode::Server),
            (418, ErrorCode::UnexpectedStatus),
        ] {
            for body in ["", "<html><body><h1>Oops</h1></body></html>", "{\"truncat"] {
                let e = err(status, body);
                assert_eq!(e.code, code, "{status} {body:?}");
                assert_eq!(e.status, Some(status));
                assert!(!e.message.is_empty());
            }
        }
        assert!(error_for(&Response::new(1, 204, "")).is_none());
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let e = error_for(&Response::new(1, 429, "<html></html>").with_header("Retry-After", "15")).unwrap();
        assert_eq!((e.retry_after_ms, e.retry_at_ms), (Some(15_000), None));
        let e = error_for(&Response::new(1, 429, "").with_header("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")).unwrap();
        assert_eq!(e.retry_at_ms, Some(1_445_412_480_000));
        let e = error_for(&Response::new(1, 429, "").with_header("Retry-After", "soon")).unwrap();
        assert_eq!((e.retry_after_ms, e.retry_at_ms), (None, None));
    }
}
