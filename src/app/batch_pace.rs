//! The pace of a one-shot batch of reads (the export's ListUsers and ListUsersInGroup pages):
//! as fast as Cognito answers until it throttles, then adaptive like a bulk run
//! ([`bulk_rate::Rate`](crate::app::bulk_rate::Rate)): from Cognito's UserList quota, halved
//! on each further throttle (not below 1 a second), climbing back to the quota as pages go
//! through (it stays paced for the rest of the batch). A throttled page (refused, not served)
//! is asked for again, the same page, up to [`PAGE_TRIES`] times in all. Several listings
//! may share one pace at once: starts are spaced in the order they were reserved, and a
//! throttle of a call sent before the latest slow-down does not halve the rate again.
//! Runtime: it sleeps on tokio's clock; it knows nothing of the SDK or the screen.

use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use crate::app::bulk::{Pace, next_start};
use crate::app::bulk_rate::Rate;
use crate::domain::format::rate;
use crate::domain::{CognitoError, ErrorKind};

/// How often one page is asked for while Cognito keeps throttling it, before the batch fails.
/// More than a bulk item's 5 (`bulk::THROTTLED_TRIES`): a page given up ends the whole batch,
/// and a read is harmless to ask again. From 25/s, halving, one listing alone waits 40 + 80 +
/// 160 + 320 + 640 + 1,000 + 1,000 ms (3.2 s) over its 8 tries, well past the one-second
/// window of a request-rate quota.
pub const PAGE_TRIES: usize = 8;

/// One batch's pace, shared by every listing of the batch.
pub struct BatchPace {
    /// Calls a second once throttled: the quota of the calls' category.
    quota: f64,
    state: Mutex<State>,
}

struct State {
    /// `None` until the first throttle: unpaced.
    rate: Option<Rate>,
    /// How often the batch slowed down; a call remembers the count it was sent under.
    slowdowns: u64,
    /// The last start reserved, from `start`.
    previous: Option<Duration>,
    start: Instant,
    /// Throttled answers heard, re-sent or not.
    throttled: usize,
    /// The slowest the batch went (calls a second), once throttled.
    slowest: Option<f64>,
    /// The first slow-down, not yet said.
    notice: Option<String>,
}

impl BatchPace {
    /// Unpaced until throttled, then `quota` calls a second, adaptive.
    pub fn new(quota: f64) -> Self {
        Self {
            quota,
            state: Mutex::new(State {
                rate: None,
                slowdowns: 0,
                previous: None,
                start: Instant::now(),
                throttled: 0,
                slowest: None,
                notice: None,
            }),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // The state stays consistent whatever panicked while holding it.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Send one page read with `call`: at once while unpaced, else in its turn; a throttled
    /// answer slows the batch and sends the same call again, up to [`PAGE_TRIES`] in all,
    /// then fails saying so.
    pub async fn send<T, F, Fut>(&self, mut call: F) -> Result<T, CognitoError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, CognitoError>>,
    {
        let mut tries = 0;
        loop {
            let (at, sent_under) = self.reserve();
            if let Some(at) = at {
                tokio::time::sleep_until(at).await;
            }
            let result = call().await;
            tries += 1;
            match result {
                Err(e) if e.kind == ErrorKind::Throttled => {
                    self.heard_throttle(sent_under);
                    if tries >= PAGE_TRIES {
                        return Err(self.gave_up(e, tries));
                    }
                }
                other => {
                    if other.is_ok() {
                        self.went_through();
                    }
                    return other;
                }
            }
        }
    }

    /// When the next call may start (`None`: now, unpaced), and the slow-downs so far.
    fn reserve(&self) -> (Option<Instant>, u64) {
        let mut s = self.state();
        let Some(r) = s.rate else {
            return (None, s.slowdowns);
        };
        let pace = Pace {
            per_second: r.per_second(),
        };
        let at = next_start(s.previous, s.start.elapsed(), pace);
        s.previous = Some(at);
        (Some(s.start + at), s.slowdowns)
    }

    fn heard_throttle(&self, sent_under: u64) {
        let mut s = self.state();
        s.throttled += 1;
        if sent_under != s.slowdowns {
            // Sent before the latest slow-down: that one already answered it.
            return;
        }
        match &mut s.rate {
            None => {
                s.rate = Some(Rate::new(self.quota));
                // The next call waits its interval, as if one had just started.
                s.previous = Some(s.start.elapsed());
                s.notice = Some(format!(
                    "throttled by Cognito: slowing the export to {}/s",
                    rate(self.quota)
                ));
            }
            Some(r) => r.throttled(),
        }
        s.slowdowns += 1;
        let now = s.rate.map(|r| r.per_second());
        s.slowest = match (s.slowest, now) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }

    fn went_through(&self) {
        if let Some(r) = &mut self.state().rate {
            r.went_through();
        }
    }

    fn gave_up(&self, e: CognitoError, tries: usize) -> CognitoError {
        let at = self.per_second().map(rate).unwrap_or_default();
        CognitoError {
            message: format!(
                "{}; still throttled after {tries} tries of the same page, slowed to {at}/s \
                 (the account's quota is shared with its other clients: try again later)",
                e.message
            ),
            ..e
        }
    }

    /// The slow-down to say, once: `Some` the first time it is asked after the first
    /// throttle, `None` ever after.
    pub fn notice(&self) -> Option<String> {
        self.state().notice.take()
    }

    /// Calls a second now; `None` while unpaced.
    pub fn per_second(&self) -> Option<f64> {
        self.state().rate.map(|r| r.per_second())
    }

    /// The slowest the batch went; `None` if never throttled.
    pub fn slowest(&self) -> Option<f64> {
        self.state().slowest
    }

    /// Throttled answers heard (each one re-sent, or the last of a page's tries).
    pub fn throttled(&self) -> usize {
        self.state().throttled
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn throttle() -> CognitoError {
        CognitoError {
            code: Some("TooManyRequestsException".into()),
            ..CognitoError::new(ErrorKind::Throttled, "Too many requests")
        }
    }

    #[tokio::test]
    async fn unpaced_until_throttled_then_at_the_quota_and_the_same_page_again() {
        let pace = BatchPace::new(200.0);
        let t = Instant::now();
        for _ in 0..200 {
            pace.send(|| async { Ok::<_, CognitoError>(()) })
                .await
                .unwrap();
        }
        assert!(
            t.elapsed() < Duration::from_millis(500),
            "no wait while unpaced"
        );
        assert_eq!(pace.per_second(), None);
        assert_eq!(pace.notice(), None);

        // The page "p7" is throttled once: sent again, the same page, now at 200/s.
        let asked = Mutex::new(Vec::new());
        let got = pace
            .send(|| {
                let mut a = asked.lock().unwrap();
                a.push("p7");
                let n = a.len();
                async move {
                    if n == 1 {
                        Err(throttle())
                    } else {
                        Ok("page 7")
                    }
                }
            })
            .await
            .unwrap();
        assert_eq!(got, "page 7");
        assert_eq!(*asked.lock().unwrap(), vec!["p7", "p7"]);
        assert_eq!(pace.per_second(), Some(200.0));
        assert_eq!(
            pace.notice().as_deref(),
            Some("throttled by Cognito: slowing the export to 200/s")
        );
        assert_eq!(pace.notice(), None, "said once");
        // Paced now: 40 more calls take at least 200 ms.
        let t = Instant::now();
        for _ in 0..40 {
            pace.send(|| async { Ok::<_, CognitoError>(()) })
                .await
                .unwrap();
        }
        let took = t.elapsed();
        assert!(took >= Duration::from_millis(195), "{took:?}");
    }

    #[tokio::test]
    async fn further_throttles_halve_the_rate_then_the_page_fails_saying_why() {
        let pace = BatchPace::new(10_000.0);
        let sent = AtomicUsize::new(0);
        let err = pace
            .send(|| {
                sent.fetch_add(1, Ordering::SeqCst);
                async { Err::<(), _>(throttle()) }
            })
            .await
            .unwrap_err();
        assert_eq!(sent.load(Ordering::SeqCst), PAGE_TRIES);
        assert_eq!(err.kind, ErrorKind::Throttled);
        assert_eq!(err.code.as_deref(), Some("TooManyRequestsException"));
        // The quota, then halved seven times.
        assert_eq!(pace.per_second(), Some(78.125));
        assert_eq!(pace.slowest(), Some(78.125));
        assert_eq!(pace.throttled(), PAGE_TRIES);
        assert!(
            err.message.starts_with(
                "Too many requests; still throttled after 8 tries of the same page, slowed to 78.1/s"
            ),
            "{}",
            err.message
        );
        // Calm brings it back up to the quota, never above.
        for _ in 0..60 {
            pace.send(|| async { Ok::<_, CognitoError>(()) })
                .await
                .unwrap();
        }
        assert_eq!(pace.per_second(), Some(10_000.0));
        assert_eq!(pace.slowest(), Some(78.125));
    }

    #[tokio::test]
    async fn throttles_of_calls_already_in_flight_slow_it_once() {
        // Four listings at once, unpaced, all throttled on their first call: one slow-down
        // (to the quota), not four halvings.
        let pace = BatchPace::new(25.0);
        let first = Mutex::new(std::collections::HashSet::new());
        let gate = tokio::sync::Barrier::new(4);
        let one = |i: usize| {
            let (pace, first, gate) = (&pace, &first, &gate);
            async move {
                pace.send(|| async move {
                    let fresh = first.lock().unwrap().insert(i);
                    if fresh {
                        // Every first call is in flight before any answers.
                        gate.wait().await;
                        Err(throttle())
                    } else {
                        Ok(i)
                    }
                })
                .await
            }
        };
        let got = futures_util::future::join_all((0..4).map(one)).await;
        assert!(got.iter().all(Result::is_ok), "{got:?}");
        assert_eq!(pace.throttled(), 4);
        assert_eq!(pace.per_second(), Some(25.0), "one slow-down for one burst");
    }

    #[tokio::test]
    async fn other_failures_are_not_sent_again() {
        let pace = BatchPace::new(25.0);
        let sent = AtomicUsize::new(0);
        let err = pace
            .send(|| {
                sent.fetch_add(1, Ordering::SeqCst);
                async { Err::<(), _>(CognitoError::new(ErrorKind::NotFound, "no such pool")) }
            })
            .await
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::NotFound);
        assert_eq!(sent.load(Ordering::SeqCst), 1);
        assert_eq!(pace.per_second(), None, "still unpaced");
    }
}
