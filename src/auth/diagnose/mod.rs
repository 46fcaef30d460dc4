//! Why a sign-in will fail or did fail, pure: what is known about the pool, the app client
//! and the user ([`SignInFacts`], each part possibly unknown, with the reason), the checks
//! before the first request ([`preflight`]) and the likely cause of a failed step
//! ([`diagnose`]). No I/O: the caller reads the facts (DescribeUserPool,
//! DescribeUserPoolClient, AdminGetUser) and hands them in. Never more certain than the
//! evidence: a cause is "certain" only when Cognito's own message names it.
//!
//! - `preflight`: the checks before a sign-in. `diagnosis`: the cause of a failure.
//! - `events`: AdminListUserAuthEvents' events, in lines.

mod diagnosis;
mod events;
mod preflight;
#[cfg(test)]
mod tests;

pub use diagnosis::{Cause, Certainty, Diagnosis, diagnose};
pub use events::{AuthEvent, ChallengeResult, event_lines};
pub use preflight::{Check, Level, preflight};

use crate::domain::{AppClient, PoolDetail, User};

/// Something read from Cognito, or why it could not be.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact<T> {
    Known(T),
    /// Not read: the reason (e.g. `DescribeUserPool: AccessDeniedException: …`).
    Unknown(String),
}

impl<T> Fact<T> {
    /// The value, when it was read.
    pub fn known(&self) -> Option<&T> {
        match self {
            Self::Known(v) => Some(v),
            Self::Unknown(_) => None,
        }
    }

    /// Why it was not read.
    pub fn why_unknown(&self) -> Option<&str> {
        match self {
            Self::Known(_) => None,
            Self::Unknown(why) => Some(why),
        }
    }
}

/// DescribeUserPool, with what a sign-in depends on beyond [`PoolDetail`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PoolFacts {
    pub detail: PoolDetail,
    /// `UserPoolAddOns.AdvancedSecurityMode` (threat protection): `OFF`, `AUDIT`, `ENFORCED`.
    pub advanced_security: Option<String>,
    /// `SignInPolicy.AllowedFirstAuthFactors` (choice-based sign-in), when the pool has one.
    pub first_factors: Option<Vec<String>>,
}

/// What could be read about a sign-in before (or after) it was tried.
#[derive(Debug, Clone, PartialEq)]
pub struct SignInFacts {
    pub pool: Fact<PoolFacts>,
    pub client: Fact<AppClient>,
    /// `Known(None)`: AdminGetUser answered that there is no such user.
    pub user: Fact<Option<User>>,
}

impl SignInFacts {
    /// Nothing known, for one reason.
    pub fn unknown(why: &str) -> Self {
        Self {
            pool: Fact::Unknown(why.to_owned()),
            client: Fact::Unknown(why.to_owned()),
            user: Fact::Unknown(why.to_owned()),
        }
    }

    /// The client's `PreventUserExistenceErrors`: `Some(true)` when it hides unknown users.
    pub(crate) fn hides_unknown_users(&self) -> Option<bool> {
        self.client
            .known()
            .and_then(|c| c.prevent_user_existence_errors.as_deref())
            .map(|v| v.eq_ignore_ascii_case("ENABLED"))
    }

    /// What was read and what was not, one line each.
    pub(crate) fn sources(&self) -> (Vec<String>, Vec<String>) {
        let mut checked = Vec::new();
        let mut unchecked = Vec::new();
        for (name, why) in [
            ("DescribeUserPool", self.pool.why_unknown()),
            ("DescribeUserPoolClient", self.client.why_unknown()),
            ("AdminGetUser", self.user.why_unknown()),
        ] {
            match why {
                None => checked.push(name.to_owned()),
                Some(why) => unchecked.push(format!("{name}: {why}")),
            }
        }
        (checked, unchecked)
    }
}

/// The function name of a Lambda ARN (`arn:aws:lambda:…:function:NAME[:alias]`), else the
/// ARN as given.
pub(crate) fn function_name(arn: &str) -> &str {
    match arn.split_once(":function:") {
        Some((_, rest)) => rest.split(':').next().unwrap_or(rest),
        None => arn,
    }
}

/// Whether `name` looks like an email address or a phone number (`+` and digits).
pub(crate) fn looks_like(name: &str) -> Option<&'static str> {
    let n = name.trim();
    if n.contains('@') {
        Some("email")
    } else if n.starts_with('+') && n.len() > 4 && n[1..].chars().all(|c| c.is_ascii_digit()) {
        Some("phone_number")
    } else {
        None
    }
}
