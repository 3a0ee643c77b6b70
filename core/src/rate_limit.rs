//! Harvest's two rate limits, kept proactively: 100 requests per 15 seconds for the API, and a
//! separate 100 per 15 minutes for `/v2/reports/`. Every call of a client asks the limiter before
//! it sends, so a client that goes through it never provokes a 429, however many calls run at
//! once. A 429 that happens anyway (another program on the same token) pauses the bucket until
//! its `Retry-After`.
//!
//! The limiter keeps a log of send times per bucket (a sliding window, like Harvest's) and a small
//! safety margin of 1/60 of the window for the latency between our send and Harvest's arrival.
//! If the clock goes backwards, the log is shifted with it, so no wait ever grows.

use std::collections::VecDeque;

/// One limit: at most `requests` in any `window_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Limit {
    /// Requests allowed per window.
    pub requests: u32,
    /// The window in milliseconds.
    pub window_ms: i64,
}

/// Both limits, configurable because Harvest may change them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RateLimits {
    /// Every API request: 100 per 15 s at Harvest.
    pub general: Limit,
    /// Requests under `/v2/reports/`: 100 per 15 min at Harvest.
    pub reports: Limit,
    /// Whether the limiter is on. Off, requests go out at once (a 429 is still handled).
    pub enabled: bool,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            general: Limit { requests: 100, window_ms: 15_000 },
            reports: Limit { requests: 100, window_ms: 15 * 60_000 },
            enabled: true,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Bucket {
    sent: VecDeque<i64>,
    paused_until: i64,
}

impl Bucket {
    fn shift(&mut self, delta: i64) {
        for t in &mut self.sent {
            *t -= delta;
        }
        if self.paused_until != 0 {
            self.paused_until -= delta;
        }
    }

    /// The time from which one more request fits, given `now`.
    fn free_at(&mut self, limit: Limit, now: i64) -> i64 {
        let window = limit.window_ms + limit.window_ms / 60;
        while self.sent.front().is_some_and(|&t| t + window <= now) {
            self.sent.pop_front();
        }
        let by_window = if self.sent.len() < limit.requests.max(1) as usize {
            now
        } else {
            let oldest_that_must_expire = self.sent[self.sent.len() - limit.requests.max(1) as usize];
            oldest_that_must_expire + window
        };
        by_window.max(self.paused_until).max(now)
    }
}

/// The shared limiter of one client.
#[derive(Debug, Clone, Default)]
pub struct RateLimiter {
    limits: RateLimits,
    general: Bucket,
    reports: Bucket,
    last_now: Option<i64>,
}

/// Whether a path counts against the reports limit.
pub fn is_reports_path(path: &str) -> bool {
    path.starts_with("/v2/reports/") || path.starts_with("/api/v2/reports/")
}

impl RateLimiter {
    /// A limiter with these limits.
    pub fn new(limits: RateLimits) -> Self {
        Self { limits, ..Self::default() }
    }

    /// The limits in force.
    pub fn limits(&self) -> RateLimits {
        self.limits
    }

    fn observe(&mut self, now: i64) {
        if let Some(last) = self.last_now {
            if now < last {
                let delta = last - now;
                self.general.shift(delta);
                self.reports.shift(delta);
            }
        }
        self.last_now = Some(now);
    }

    /// Asks to send a request to `path` at `now`: `Ok(())` records it as sent; `Err(until)`
    /// means wait until then and ask again.
    pub fn acquire(&mut self, path: &str, now: i64) -> Result<(), i64> {
        self.observe(now);
        if !self.limits.enabled {
            return Ok(());
        }
        let report = is_reports_path(path);
        let mut free_at = self.general.free_at(self.limits.general, now);
        if report {
            free_at = free_at.max(self.reports.free_at(self.limits.reports, now));
        }
        if free_at > now {
            return Err(free_at);
        }
        self.general.sent.push_back(now);
        if report {
            self.reports.sent.push_back(now);
        }
        Ok(())
    }

    /// Records a 429: nothing more goes to that bucket until `until`.
    pub fn pause(&mut self, path: &str, until: i64, now: i64) {
        self.observe(now);
        let bucket = if is_reports_path(path) { &mut self.reports } else { &mut self.general };
        bucket.paused_until = bucket.paused_until.max(until);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_101st_request_waits_for_the_window_plus_margin() {
        let mut limiter = RateLimiter::default();
        for i in 0..100 {
            assert_eq!(limiter.acquire("/v2/clients", i), Ok(()));
        }
        assert_eq!(limiter.acquire("/v2/clients", 100), Err(15_250));
        assert_eq!(limiter.acquire("/v2/clients", 15_250), Ok(()));
    }

    #[test]
    fn reports_have_their_own_window_and_count_in_the_general_one() {
        let mut limiter = RateLimiter::default();
        for i in 0..100 {
            assert_eq!(limiter.acquire("/v2/reports/uninvoiced", i * 200), Ok(()));
        }
        let until = limiter.acquire("/v2/reports/uninvoiced", 20_000).unwrap_err();
        assert_eq!(until, 915_000);
        assert_eq!(limiter.acquire("/v2/clients", 20_000), Ok(()));
    }

    #[test]
    fn a_pause_holds_the_bucket_and_backwards_time_does_not_grow_waits() {
        let mut limiter = RateLimiter::default();
        limiter.pause("/v2/time_entries", 10_000, 1_000);
        assert_eq!(limiter.acquire("/v2/time_entries", 2_000), Err(10_000));
        // The clock jumps back by 1 000 s: the pause keeps its 8 s length.
        assert_eq!(limiter.acquire("/v2/time_entries", -998_000), Err(-990_000));
    }
}
