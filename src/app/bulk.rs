//! Paced bulk runs: at most `Pace::per_second` starts a second, one call at a time, and a
//! result per item where one failure never stops the others. The schedule is pure
//! (`schedule`, `next_start`); `run_paced` sleeps on tokio's clock, so it lives in the runtime.
//! `run_adaptive` also slows down when Cognito throttles (`bulk_rate::Rate`), sends a throttled
//! item again (refused, so not carried out), and recovers.

use std::future::Future;
use std::time::Duration;

use crate::app::bulk_rate::Rate;
use crate::domain::CognitoError;

/// How fast a bulk run may call Cognito: at most `per_second` starts per second, one call
/// at a time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    pub per_second: f64,
}

/// Cognito's published default quota for the user writes a bulk run makes (disable, enable,
/// delete, add to group, sign out): the `UserUpdate` category, 25 requests a second per
/// account and Region, not adjustable ("Quotas in Amazon Cognito", the table of user pool API
/// operation categories and request rate quotas, in the Amazon Cognito Developer Guide).
/// The quota is shared with every other client of the account; `run_adaptive` slows down
/// when Cognito says it is exceeded.
pub const USER_UPDATE_QUOTA: f64 = 25.0;

impl Default for Pace {
    fn default() -> Self {
        Self {
            per_second: USER_UPDATE_QUOTA,
        }
    }
}

/// How often one item is sent while Cognito keeps throttling it, before it is reported failed.
pub const THROTTLED_TRIES: usize = 5;

impl Pace {
    /// The time between two starts.
    pub fn interval(self) -> Duration {
        if self.per_second <= 0.0 || !self.per_second.is_finite() {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(1.0 / self.per_second)
        }
    }
}

/// When each of `n` items starts, from the run's start, if every call were instant.
pub fn schedule(n: usize, pace: Pace) -> Vec<Duration> {
    let step = pace.interval();
    (0..n).map(|i| step * i as u32).collect()
}

/// When the next item may start: one interval after the previous start, never before now
/// (a slow call delays the next one; it never causes a burst to catch up).
pub fn next_start(previous_start: Option<Duration>, now: Duration, pace: Pace) -> Duration {
    match previous_start {
        None => now,
        Some(prev) => (prev + pace.interval()).max(now),
    }
}

/// What happened to one item of a bulk run.
#[derive(Debug, Clone)]
pub struct ItemResult<T, R> {
    pub index: usize,
    pub item: T,
    /// When it started, from the run's start.
    pub started: Duration,
    pub result: Result<R, CognitoError>,
}

/// The results of a bulk run, one per item, in item order.
#[derive(Debug, Clone)]
pub struct BulkReport<T, R> {
    pub results: Vec<ItemResult<T, R>>,
}

impl<T, R> BulkReport<T, R> {
    pub fn succeeded(&self) -> usize {
        self.results.iter().filter(|r| r.result.is_ok()).count()
    }

    pub fn failed(&self) -> impl Iterator<Item = &ItemResult<T, R>> {
        self.results.iter().filter(|r| r.result.is_err())
    }
}

/// Run `call` on every item, one at a time, paced; a failed item is recorded and the run
/// goes on. `progress` hears about each item as it finishes. `stop` is asked before each
/// item: once it says so, the rest are not run (and not in the report).
pub async fn run_paced<T, R, F, Fut>(
    items: Vec<T>,
    pace: Pace,
    call: F,
    stop: impl FnMut() -> bool,
    progress: impl FnMut(&ItemResult<T, R>),
) -> BulkReport<T, R>
where
    F: FnMut(&T) -> Fut,
    Fut: Future<Output = Result<R, CognitoError>>,
{
    run_adaptive(items, pace, call, |_| false, stop, progress, |_| {}).await
}

/// [`run_paced`], adaptive: starting at `pace`, a result that `throttled` calls a throttle
/// halves the rate ([`Rate`]) and the same item is sent again, up to [`THROTTLED_TRIES`] times
/// in all (a throttled call was refused, not carried out); calls that go through bring the
/// rate back. `rate` hears the rate at the start and whenever it changes.
pub async fn run_adaptive<T, R, F, Fut>(
    items: Vec<T>,
    pace: Pace,
    mut call: F,
    throttled: impl Fn(&Result<R, CognitoError>) -> bool,
    mut stop: impl FnMut() -> bool,
    mut progress: impl FnMut(&ItemResult<T, R>),
    mut on_rate: impl FnMut(&Rate),
) -> BulkReport<T, R>
where
    F: FnMut(&T) -> Fut,
    Fut: Future<Output = Result<R, CognitoError>>,
{
    let start = tokio::time::Instant::now();
    let mut rate = Rate::new(pace.per_second);
    on_rate(&rate);
    let mut previous = None;
    let mut results = Vec::with_capacity(items.len());
    'items: for (index, item) in items.into_iter().enumerate() {
        let mut tries = 0;
        loop {
            let now_pace = Pace {
                per_second: rate.per_second(),
            };
            let at = next_start(previous, start.elapsed(), now_pace);
            tokio::time::sleep_until(start + at).await;
            if stop() {
                break 'items;
            }
            let started = start.elapsed();
            previous = Some(started);
            let result = call(&item).await;
            tries += 1;
            let before = rate;
            let again = throttled(&result);
            if again {
                rate.throttled();
            } else {
                rate.went_through();
            }
            if rate.per_second() != before.per_second() {
                on_rate(&rate);
            }
            if again && tries < THROTTLED_TRIES {
                continue;
            }
            let r = ItemResult {
                index,
                item,
                started,
                result,
            };
            progress(&r);
            results.push(r);
            break;
        }
    }
    BulkReport { results }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ErrorKind;

    #[test]
    fn the_schedule_spaces_starts_by_the_rate() {
        let pace = Pace { per_second: 4.0 };
        assert_eq!(
            schedule(5, pace),
            vec![
                Duration::ZERO,
                Duration::from_millis(250),
                Duration::from_millis(500),
                Duration::from_millis(750),
                Duration::from_millis(1000),
            ]
        );
        assert!(schedule(0, pace).is_empty());
        assert_eq!(
            schedule(3, Pace { per_second: 0.0 }),
            vec![Duration::ZERO; 3]
        );
    }

    #[test]
    fn a_slow_call_delays_the_next_start_without_a_catch_up_burst() {
        let pace = Pace { per_second: 10.0 };
        let ms = Duration::from_millis;
        assert_eq!(next_start(None, ms(3), pace), ms(3));
        // Fast call: wait for the interval.
        assert_eq!(next_start(Some(ms(0)), ms(20), pace), ms(100));
        // Slow call (took 350 ms): start now, and the one after waits a full interval.
        assert_eq!(next_start(Some(ms(0)), ms(350), pace), ms(350));
        assert_eq!(next_start(Some(ms(350)), ms(360), pace), ms(450));
    }

    #[tokio::test]
    async fn a_stop_runs_no_further_item() {
        let mut asked = 0;
        let report = run_paced(
            (0..5).collect::<Vec<u32>>(),
            Pace { per_second: 1000.0 },
            |&i| async move { Ok::<u32, CognitoError>(i) },
            || {
                asked += 1;
                asked > 2
            },
            |_| {},
        )
        .await;
        let run: Vec<u32> = report.results.iter().map(|r| r.item).collect();
        assert_eq!(run, vec![0, 1], "stopped before the third item");
    }

    #[tokio::test]
    async fn a_throttled_item_is_sent_again_slower_and_the_rate_recovers() {
        // Item 1 is throttled twice, item 3 more often than the run tries.
        let tries = std::cell::RefCell::new(vec![0usize; 12]);
        let mut rates = Vec::new();
        let report = run_adaptive(
            (0..12).collect::<Vec<usize>>(),
            Pace { per_second: 400.0 },
            |&i| {
                let n = {
                    let mut t = tries.borrow_mut();
                    t[i] += 1;
                    t[i]
                };
                async move {
                    if (i == 1 && n <= 2) || i == 3 {
                        Err(CognitoError::new(ErrorKind::Throttled, "slow down"))
                    } else {
                        Ok(i)
                    }
                }
            },
            |r| matches!(r, Err(e) if e.kind == ErrorKind::Throttled),
            || false,
            |_| {},
            |r| rates.push(r.per_second()),
        )
        .await;
        let tries = tries.into_inner();
        assert_eq!(tries[1], 3, "sent again until it went through");
        assert_eq!(tries[3], THROTTLED_TRIES, "then given up on");
        assert!(
            tries
                .iter()
                .enumerate()
                .all(|(i, &n)| i == 1 || i == 3 || n == 1)
        );
        assert_eq!(report.results.len(), 12, "one result per item");
        assert_eq!(report.results[1].result.as_ref().ok(), Some(&1));
        assert_eq!(
            report.results[3].result.as_ref().unwrap_err().kind,
            ErrorKind::Throttled
        );
        // 400, halved twice for item 1, then five times for item 3 (to 400/128 = 3.125), then
        // climbing 40 a second per five calls that went through.
        assert_eq!(&rates[..3], &[400.0, 200.0, 100.0]);
        let lowest = rates.iter().copied().fold(f64::INFINITY, f64::min);
        assert_eq!(lowest, 3.125);
        assert!(rates.last().unwrap() > &lowest, "recovering: {rates:?}");
    }

    #[tokio::test]
    async fn one_failure_never_stops_the_others() {
        let items: Vec<u32> = (0..6).collect();
        let mut seen = Vec::new();
        let report = run_paced(
            items,
            Pace { per_second: 200.0 },
            |&i| async move {
                if i % 3 == 1 {
                    Err(CognitoError::new(
                        ErrorKind::Validation,
                        format!("item {i}"),
                    ))
                } else {
                    Ok(i * 10)
                }
            },
            || false,
            |r| seen.push(r.index),
        )
        .await;
        assert_eq!(seen, vec![0, 1, 2, 3, 4, 5]);
        assert_eq!(report.results.len(), 6);
        assert_eq!(report.succeeded(), 4);
        let failed: Vec<u32> = report.failed().map(|r| r.item).collect();
        assert_eq!(failed, vec![1, 4]);
        assert_eq!(report.results[5].result.as_ref().ok(), Some(&50));
        // Paced: the last start is at least 5 intervals (25 ms) after the first.
        let last = report.results[5].started;
        assert!(last >= Duration::from_millis(25), "{last:?}");
        for w in report.results.windows(2) {
            assert!(
                w[1].started
                    >= w[0].started + Duration::from_millis(5) - Duration::from_micros(100)
            );
        }
    }
}
