//! The adaptive rate of a bulk run: it starts at Cognito's published quota for the category,
//! halves when Cognito answers TooManyRequestsException (the account is busier than this run
//! alone: other clients share the quota), and climbs back a step at a time once calls go
//! through again. Pure: the runtime (`bulk::run_adaptive`) feeds it outcomes and asks it for
//! the pace and the time left.

use std::time::Duration;

/// Successes in a row before the rate climbs one step.
const CALM: u32 = 5;

/// Steps from the floor back to the target: each step adds `target / STEPS`.
const STEPS: f64 = 10.0;

/// The slowest the run goes, however often it is throttled (calls a second).
const FLOOR: f64 = 1.0;

/// How fast a bulk run goes now, and how fast it may go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    target: f64,
    now: f64,
    calm: u32,
}

impl Rate {
    /// Starts at `target` calls a second (the quota).
    pub fn new(target: f64) -> Self {
        let target = if target.is_finite() && target > 0.0 {
            target
        } else {
            f64::INFINITY
        };
        Self {
            target,
            now: target,
            calm: 0,
        }
    }

    /// Calls a second the run allows itself now.
    pub fn per_second(&self) -> f64 {
        self.now
    }

    /// Whether a throttle slowed the run below its target (and it has not yet recovered).
    pub fn slowed(&self) -> bool {
        self.now < self.target
    }

    /// Cognito refused a call for throttling: halve the rate (not below one a second).
    pub fn throttled(&mut self) {
        self.now = (self.now / 2.0).max(FLOOR.min(self.target));
        self.calm = 0;
    }

    /// A call went through: after `CALM` in a row, climb one step towards the target.
    pub fn went_through(&mut self) {
        self.calm += 1;
        if self.calm >= CALM && self.now < self.target {
            self.now = (self.now + self.target / STEPS).min(self.target);
            self.calm = 0;
        }
    }

    /// The time `remaining` more calls take at the current rate.
    pub fn eta(&self, remaining: usize) -> Duration {
        if self.now.is_finite() {
            Duration::from_secs_f64(remaining as f64 / self.now)
        } else {
            Duration::ZERO
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_throttle_halves_the_rate_and_calm_brings_it_back() {
        let mut r = Rate::new(25.0);
        assert_eq!(r.per_second(), 25.0);
        assert!(!r.slowed());
        r.throttled();
        assert_eq!(r.per_second(), 12.5);
        r.throttled();
        assert_eq!(r.per_second(), 6.25);
        assert!(r.slowed());
        // Four successes change nothing; the fifth climbs one step (2.5 a second).
        for _ in 0..4 {
            r.went_through();
        }
        assert_eq!(r.per_second(), 6.25);
        r.went_through();
        assert_eq!(r.per_second(), 8.75);
        // Back at the target after enough calm, and never above it.
        for _ in 0..100 {
            r.went_through();
        }
        assert_eq!(r.per_second(), 25.0);
        assert!(!r.slowed());
    }

    #[test]
    fn the_rate_never_falls_below_one_a_second() {
        let mut r = Rate::new(25.0);
        for _ in 0..20 {
            r.throttled();
        }
        assert_eq!(r.per_second(), 1.0);
    }

    #[test]
    fn the_eta_is_the_remaining_calls_at_the_current_rate() {
        let mut r = Rate::new(25.0);
        assert_eq!(r.eta(10_000), Duration::from_secs(400));
        r.throttled();
        assert_eq!(r.eta(10_000), Duration::from_secs(800));
        assert_eq!(r.eta(0), Duration::ZERO);
        assert_eq!(Rate::new(0.0).eta(5), Duration::ZERO, "unpaced");
    }
}
