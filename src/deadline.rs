//! When to give up and when to resend: the timing rules, free of I/O.
//!
//! Like chronyc, a request unanswered after 1 s is sent again (with a fresh
//! sequence number, so a late reply to the old one is ignored), then after
//! 2 s more, 4 s more, ...; the whole call ends at its deadline.

use std::time::{Duration, Instant};

pub const FIRST_RESEND: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    start: Instant,
    end: Instant,
}

impl Deadline {
    pub fn after(timeout: Duration) -> Deadline {
        let start = Instant::now();
        Deadline {
            start,
            end: start + timeout,
        }
    }

    pub fn timeout(&self) -> Duration {
        self.end - self.start
    }

    pub fn remaining(&self, now: Instant) -> Duration {
        self.end.saturating_duration_since(now)
    }

    pub fn expired(&self, now: Instant) -> bool {
        now >= self.end
    }
}

/// The resend timer of one request.
#[derive(Debug, Clone, Copy)]
pub struct Resend {
    next: Instant,
    interval: Duration,
    pub count: u32,
}

impl Resend {
    pub fn starting(now: Instant) -> Resend {
        Resend {
            next: now + FIRST_RESEND,
            interval: FIRST_RESEND,
            count: 0,
        }
    }

    pub fn due(&self, now: Instant) -> bool {
        now >= self.next
    }

    /// Record a resend made at `now` and double the wait before the next.
    pub fn sent(&mut self, now: Instant) {
        self.interval *= 2;
        self.next = now + self.interval;
        self.count += 1;
    }

    /// How long to wait for a reply from `now`: until the next resend or the
    /// deadline, whichever comes first.
    pub fn wait(&self, now: Instant, deadline: &Deadline) -> Duration {
        self.next
            .saturating_duration_since(now)
            .min(deadline.remaining(now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resends_at_one_then_three_seconds_like_chronyc() {
        let t0 = Instant::now();
        let deadline = Deadline {
            start: t0,
            end: t0 + Duration::from_secs(5),
        };
        let mut r = Resend::starting(t0);
        assert!(!r.due(t0 + Duration::from_millis(999)));
        assert!(r.due(t0 + Duration::from_secs(1)));
        assert_eq!(r.wait(t0, &deadline), Duration::from_secs(1));
        r.sent(t0 + Duration::from_secs(1));
        assert!(!r.due(t0 + Duration::from_millis(2999)));
        assert!(r.due(t0 + Duration::from_secs(3)));
        r.sent(t0 + Duration::from_secs(3));
        assert_eq!(r.count, 2);
        // The next resend (at 7 s) is past the deadline: wait only until 5 s.
        assert_eq!(
            r.wait(t0 + Duration::from_secs(3), &deadline),
            Duration::from_secs(2)
        );
    }

    #[test]
    fn deadline_expiry() {
        let d = Deadline::after(Duration::from_millis(0));
        assert!(d.expired(Instant::now()));
        assert_eq!(d.remaining(Instant::now()), Duration::ZERO);
        let d = Deadline::after(Duration::from_secs(60));
        assert!(!d.expired(Instant::now()));
        assert_eq!(d.timeout(), Duration::from_secs(60));
    }
}
