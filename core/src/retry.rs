//! When a failed request may be repeated, and how long to wait first.
//!
//! Repeating is safe only where it cannot create anything twice: GET, DELETE and PATCH (by id) on
//! 5xx, 429 and transport failures. A POST is repeated only when it certainly never reached
//! Harvest (the connection was refused, or Harvest answered 429, which it does before doing any
//! work), or after reconciliation: a time entry created with an `external_reference` is looked up
//! first, and created again only if it is not there. Backoff is exponential with a jitter derived
//! from the request id and attempt number — deterministic, no random numbers, yet calls that
//! failed together do not retry together.

use crate::http::Method;

/// Bounds on retrying and waiting; every host loop ends within them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct RetryPolicy {
    /// Attempts per call, the first one included (1 = never retry).
    pub max_attempts: u32,
    /// The first backoff, in milliseconds.
    pub base_delay_ms: i64,
    /// The longest single backoff.
    pub max_delay_ms: i64,
    /// The longest total a call may spend waiting (rate limits, backoff, `Retry-After`);
    /// beyond it the call ends with the last error.
    pub max_total_wait_ms: i64,
    /// The wait after a 429 without a usable `Retry-After`.
    pub default_retry_after_ms: i64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            base_delay_ms: 500,
            max_delay_ms: 30_000,
            max_total_wait_ms: 20 * 60_000,
            default_retry_after_ms: 15_000,
        }
    }
}

impl RetryPolicy {
    /// The backoff before attempt `attempt + 1` (`attempt` ≥ 1 failed attempts so far), with a
    /// jitter of 50–100 % derived from `seed` (the call's first request id).
    pub fn backoff_ms(&self, seed: u64, attempt: u32) -> i64 {
        let exp = self.base_delay_ms.saturating_mul(1i64 << attempt.saturating_sub(1).min(20));
        let capped = exp.min(self.max_delay_ms).max(0);
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (attempt as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
        x ^= x >> 31;
        x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x ^= x >> 29;
        let fraction = (x % 1000) as i64; // 0..999
        capped / 2 + capped * fraction / 2000
    }
}

/// Whether repeating `method` cannot create anything twice.
pub fn is_idempotent(method: Method) -> bool {
    matches!(method, Method::Get | Method::Delete | Method::Patch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_capped_and_is_deterministic() {
        let p = RetryPolicy::default();
        for attempt in 1..12 {
            let b = p.backoff_ms(7, attempt);
            let full = (500i64 << (attempt - 1)).min(30_000);
            assert!(b >= full / 2 && b <= full, "{attempt}: {b}");
            assert_eq!(b, p.backoff_ms(7, attempt));
        }
        assert_ne!(p.backoff_ms(1, 3), p.backoff_ms(2, 3));
    }
}
