//! Values derived from the Model that both `update` and `ui` need, so neither calls the
//! other: the error log in list order, the ARN in a trigger slot, a token's time left.
//! Pure reads: no mutation, no clock (the caller hands in `now`).

use crate::auth::flow::Tokens;
use crate::core::model::{ErrorEntry, Model};

/// The error log, newest first, as the errors view lists it.
pub fn error_at(model: &Model, i: usize) -> Option<&ErrorEntry> {
    model.errors.iter().rev().nth(i)
}

/// The ARN set in a trigger slot of the pool on screen.
pub fn trigger_arn(model: &Model, slot: &str) -> Option<String> {
    let d = model.detail.as_ref()?.detail.data.as_ref()?;
    d.lambda_config.arn(slot).map(str::to_string)
}

/// Seconds until tokens issued at `issued_at` expire (negative once expired), for the
/// countdown.
pub fn seconds_left(tokens: &Tokens, issued_at: i64, now: i64) -> i64 {
    issued_at + i64::from(tokens.expires_in) - now
}
