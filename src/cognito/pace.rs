//! Client-side pacing: one token bucket per Cognito quota category ("operation family"), so
//! a long listing (lazy paging, export) stays under the account's request rate instead of
//! provoking TooManyRequestsException. Throttling that still happens is retried with backoff
//! by the SDK's standard retry strategy (see `client::connect`); only an exhausted retry
//! reaches the caller, as `ErrorKind::Throttled`.
//!
//! Part of the gateway; it knows nothing of the UI.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A Cognito quota category. The rates are AWS's default per-account quotas
/// (requests per second), lowered a little to leave room for other clients of the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// ListUsers, ListUsersInGroup (AWS: 30/s).
    UserList,
    /// AdminGetUser, AdminListGroupsForUser, AdminListDevices (AWS: 120/s).
    UserRead,
    /// ListUserPools, DescribeUserPool, ListUserPoolClients, DescribeUserPoolClient,
    /// ListGroups, GetGroup (AWS: 20/s for UserResourceRead).
    ResourceRead,
}

impl Family {
    pub const ALL: [Family; 3] = [Family::UserList, Family::UserRead, Family::ResourceRead];

    /// Requests per second this client allows itself.
    pub fn rate(self) -> f64 {
        match self {
            Family::UserList => 25.0,
            Family::UserRead => 100.0,
            Family::ResourceRead => 15.0,
        }
    }

    /// How many requests may go at once after an idle spell.
    pub fn burst(self) -> f64 {
        match self {
            Family::UserList => 5.0,
            Family::UserRead => 10.0,
            Family::ResourceRead => 5.0,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A token bucket: `rate` tokens a second up to `burst`. A caller that finds it empty
/// reserves a token anyway (the level goes negative) and waits until that token would have
/// arrived, so waiting callers are served in order and the rate holds under concurrency.
#[derive(Debug, Clone)]
pub struct Bucket {
    rate: f64,
    burst: f64,
    tokens: f64,
    last: Instant,
}

impl Bucket {
    pub fn new(rate: f64, burst: f64, now: Instant) -> Self {
        Self {
            rate,
            burst: burst.max(1.0),
            tokens: burst.max(1.0),
            last: now,
        }
    }

    /// Take one token at `now`; returns how long the caller must wait before sending.
    pub fn reserve(&mut self, now: Instant) -> Duration {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.last = self.last.max(now);
        self.tokens = (self.tokens + elapsed * self.rate).min(self.burst);
        self.tokens -= 1.0;
        if self.tokens >= 0.0 {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(-self.tokens / self.rate)
        }
    }
}

/// The buckets of every family; `None` disables pacing (benchmarks of the raw call path).
#[derive(Debug)]
pub struct Pacer {
    buckets: Option<Mutex<[Bucket; 3]>>,
}

impl Pacer {
    pub fn new(enabled: bool) -> Self {
        let now = Instant::now();
        Self {
            buckets: enabled
                .then(|| Mutex::new(Family::ALL.map(|f| Bucket::new(f.rate(), f.burst(), now)))),
        }
    }

    /// Wait for this family's next slot.
    pub async fn pace(&self, family: Family) {
        let Some(buckets) = &self.buckets else {
            return;
        };
        let wait = match buckets.lock() {
            Ok(mut b) => b[family.index()].reserve(Instant::now()),
            Err(_) => Duration::ZERO,
        };
        if !wait.is_zero() {
            tracing::debug!(?family, wait_ms = wait.as_millis() as u64, "pacing");
            tokio::time::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_goes_at_once_then_the_rate_holds() {
        let t0 = Instant::now();
        let mut b = Bucket::new(25.0, 5.0, t0);
        for _ in 0..5 {
            assert_eq!(b.reserve(t0), Duration::ZERO);
        }
        // The sixth and seventh wait one and two token intervals (40 ms each).
        let w6 = b.reserve(t0);
        let w7 = b.reserve(t0);
        assert!((w6.as_secs_f64() - 0.04).abs() < 1e-9, "{w6:?}");
        assert!((w7.as_secs_f64() - 0.08).abs() < 1e-9, "{w7:?}");
    }

    #[test]
    fn a_steady_caller_at_the_rate_never_waits_and_idle_refills_only_to_the_burst() {
        let t0 = Instant::now();
        let mut b = Bucket::new(25.0, 5.0, t0);
        for i in 1..=100 {
            assert_eq!(
                b.reserve(t0 + Duration::from_millis(40 * i)),
                Duration::ZERO
            );
        }
        let later = t0 + Duration::from_secs(60);
        for _ in 0..5 {
            assert_eq!(b.reserve(later), Duration::ZERO);
        }
        assert!(b.reserve(later) > Duration::ZERO);
    }

    #[test]
    fn n_calls_take_about_n_over_rate_seconds() {
        // 105 back-to-back calls: 5 from the burst, then 100 paced at 25/s = 4 s.
        let t0 = Instant::now();
        let mut b = Bucket::new(25.0, 5.0, t0);
        let last = (0..105).map(|_| b.reserve(t0)).max().unwrap();
        assert!((last.as_secs_f64() - 4.0).abs() < 1e-6, "{last:?}");
    }

    #[tokio::test]
    async fn a_disabled_pacer_never_waits() {
        let p = Pacer::new(false);
        let t = Instant::now();
        for _ in 0..1000 {
            p.pace(Family::UserList).await;
        }
        assert!(t.elapsed() < Duration::from_millis(50));
    }
}
