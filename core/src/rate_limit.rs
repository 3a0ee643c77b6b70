//! Harvest's two rate limits, kept proactively: 100 requests per 15 seconds for the API, and a
//! separate 100 per 15 minutes for `/v2/reports/`. Every call of a client asks the limiter before
//! it sends, so a client that goes through it never provokes a 429, however many calls run at
//! once. A 429 that happens anyway (another program on the same token) pauses the bucket until
//! its `Retry-After`.
//!
//! The limiter keeps a log per bucket (a sliding window, like Harvest's) of when each request
//! counts. Harvest counts a request when it arrives, some time between our send and its answer;
//! the log holds the send time while the request is in flight and the time of its answer after
//! ([`RateLimiter::answered`]), the latest the arrival can have been. A request that reached
//! Harvest late (a cold connection's handshakes) so still counts for as long as Harvest counts
//! it. A small safety margin of 1/60 of the window covers what is in flight. If the clock goes
//! backwards, the log is shifted with it, so no wait ever grows.

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

/// A request the limiter let through; hand it back with [`RateLimiter::answered`] when the request
/// has been answered (or has failed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket(u64);

/// When a request counts, and which request it is.
#[derive(Debug, Clone, Copy)]
struct Stamp {
    at: i64,
    ticket: u64,
}

#[derive(Debug, Clone, Default)]
struct Bucket {
    /// Oldest first.
    sent: VecDeque<Stamp>,
    paused_until: i64,
}

impl Bucket {
    fn shift(&mut self, delta: i64) {
        for stamp in &mut self.sent {
            stamp.at -= delta;
        }
        if self.paused_until != 0 {
            self.paused_until -= delta;
        }
    }

    /// The time from which one more request fits, given `now`.
    fn free_at(&mut self, limit: Limit, now: i64) -> i64 {
        let window = limit.window_ms + limit.window_ms / 60;
        while self.sent.front().is_some_and(|stamp| stamp.at + window <= now) {
            self.sent.pop_front();
        }
        let by_window = if self.sent.len() < limit.requests.max(1) as usize {
            now
        } else {
            let oldest_that_must_expire = self.sent[self.sent.len() - limit.requests.max(1) as usize];
            oldest_that_must_expire.at + window
        };
        by_window.max(self.paused_until).max(now)
    }

    /// Moves the ticket's stamp to `now` if that is later, keeping the log in order.
    fn answered(&mut self, ticket: u64, now: i64) {
        let Some(index) = self.sent.iter().rposition(|stamp| stamp.ticket == ticket) else { return };
        if self.sent[index].at >= now {
            return;
        }
        self.sent.remove(index);
        let at = self.sent.partition_point(|stamp| stamp.at <= now);
        self.sent.insert(at, Stamp { at: now, ticket });
    }
}

/// The shared limiter of one client.
#[derive(Debug, Clone, Default)]
pub struct RateLimiter {
    limits: RateLimits,
    general: Bucket,
    reports: Bucket,
    last_now: Option<i64>,
    tickets: u64,
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

    /// Asks to send a request to `path` at `now`: `Ok(ticket)` records it as sent; `Err(until)`
    /// means wait until then and ask again.
    pub fn acquire(&mut self, path: &str, now: i64) -> Result<Ticket, i64> {
        self.observe(now);
        self.tickets += 1;
        let ticket = self.tickets;
        if !self.limits.enabled {
            return Ok(Ticket(ticket));
        }
        let report = is_reports_path(path);
        let mut free_at = self.general.free_at(self.limits.general, now);
        if report {
            free_at = free_at.max(self.reports.free_at(self.limits.reports, now));
        }
        if free_at > now {
            return Err(free_at);
        }
        self.general.sent.push_back(Stamp { at: now, ticket });
        if report {
            self.reports.sent.push_back(Stamp { at: now, ticket });
        }
        Ok(Ticket(ticket))
    }

    /// The request of `ticket` was answered, or failed, at `now`: from now on it counts from
    /// then, the latest Harvest can have counted it.
    pub fn answered(&mut self, ticket: Ticket, now: i64) {
        self.observe(now);
        self.general.answered(ticket.0, now);
        self.reports.answered(ticket.0, now);
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
            assert!(limiter.acquire("/v2/clients", i).is_ok());
        }
        assert_eq!(limiter.acquire("/v2/clients", 100), Err(15_250));
        assert!(limiter.acquire("/v2/clients", 15_250).is_ok());
    }

    #[test]
    fn reports_have_their_own_window_and_count_in_the_general_one() {
        let mut limiter = RateLimiter::default();
        for i in 0..100 {
            assert!(limiter.acquire("/v2/reports/uninvoiced", i * 200).is_ok());
        }
        let until = limiter.acquire("/v2/reports/uninvoiced", 20_000).unwrap_err();
        assert_eq!(until, 915_000);
        assert!(limiter.acquire("/v2/clients", 20_000).is_ok());
    }

    #[test]
    fn a_pause_holds_the_bucket_and_backwards_time_does_not_grow_waits() {
        let mut limiter = RateLimiter::default();
        limiter.pause("/v2/time_entries", 10_000, 1_000);
        assert_eq!(limiter.acquire("/v2/time_entries", 2_000), Err(10_000));
        // The clock jumps back by 1 000 s: the pause keeps its 8 s length.
        assert_eq!(limiter.acquire("/v2/time_entries", -998_000), Err(-990_000));
    }

    #[test]
    fn a_request_counts_from_its_answer_until_the_window_after_it() {
        let mut limiter = RateLimiter::default();
        // The first request is slow (a cold connection): sent at 0, answered at 400.
        let slow = limiter.acquire("/v2/clients", 0).unwrap();
        let tickets: Vec<Ticket> = (1..100).map(|i| limiter.acquire("/v2/clients", i).unwrap()).collect();
        for (i, ticket) in (1..).zip(tickets) {
            limiter.answered(ticket, 100 + i);
        }
        limiter.answered(slow, 400);
        // The 101st waits for the oldest stamp, now the second request's answer at 101, not the
        // slow one's send at 0.
        assert_eq!(limiter.acquire("/v2/clients", 500), Err(101 + 15_250));
        assert!(limiter.acquire("/v2/clients", 101 + 15_250).is_ok());
        assert_eq!(limiter.acquire("/v2/clients", 101 + 15_250), Err(102 + 15_250));
        // Answers in any order keep the log in order: the slow one's stamp is the youngest of the
        // first hundred, so it is the last of them to expire.
        let log: Vec<i64> = limiter.general.sent.iter().map(|s| s.at).collect();
        assert!(log.windows(2).all(|w| w[0] <= w[1]), "{log:?}");
        assert_eq!(log[log.len() - 2], 400);
    }

    #[test]
    fn an_answer_moves_the_stamp_in_both_buckets_and_unknown_tickets_change_nothing() {
        let mut limiter = RateLimiter::default();
        let ticket = limiter.acquire("/v2/reports/time/clients", 1_000).unwrap();
        limiter.answered(ticket, 1_300);
        assert_eq!((limiter.general.sent[0].at, limiter.reports.sent[0].at), (1_300, 1_300));
        limiter.answered(Ticket(99), 2_000);
        assert_eq!((limiter.general.sent.len(), limiter.general.sent[0].at), (1, 1_300));
        let mut off = RateLimiter::new(RateLimits { enabled: false, ..RateLimits::default() });
        let ticket = off.acquire("/v2/clients", 0).unwrap();
        off.answered(ticket, 10);
        assert!(off.general.sent.is_empty());
    }
}
