//! The role explainer: which IAM role an identity pool should give a signed-in user, and why,
//! evaluated locally from the pool's roles and role mappings and the decoded ID token claims.
//! Pure: no I/O, no clock (`now` is passed in).
//!
//! The order Cognito follows (enhanced flow, GetCredentialsForIdentity):
//!
//! 1. A guest gets the unauthenticated role. A provider without a role mapping, the
//!    authenticated role.
//! 2. Token mapping: a CustomRoleArn must be one of `cognito:roles` and then wins; else
//!    `cognito:preferred_role` (the role of the user's group with the lowest precedence; a tie
//!    between groups of different roles sets none).
//! 3. Rules mapping: the rules in order; the first whose claim matches (Equals, Contains,
//!    StartsWith, NotEqual) gives its role. A claim the token lacks matches no rule.
//! 4. Nothing chosen: AmbiguousRoleResolution — the authenticated role, or Deny.
//!
//! A token without `cognito:preferred_role` / `cognito:roles` (a local emulator writes
//! neither) is completed from the user's groups when they are known, and the explanation says
//! so. List claims (`cognito:groups`) are compared element by element: our reading, since AWS
//! documents rules on string claims.

use serde_json::Value;

use super::identity::{Ambiguous, MappingKind, MatchType, PoolRoles, role_name};
use super::types::Group;

/// What the explainer is asked.
#[derive(Debug, Clone, Copy)]
pub struct Question<'a> {
    pub roles: &'a PoolRoles,
    /// `cognito-idp.<region>.amazonaws.com/<pool>:<client>`.
    pub provider_key: &'a str,
    /// The ID token's claims (ignored for a guest).
    pub claims: &'a Value,
    pub custom_role_arn: Option<&'a str>,
    /// The user pool's groups (with precedence and role), when they could be read.
    pub groups: Option<&'a [Group]>,
    pub guest: bool,
}

/// The predicted outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Predicted {
    Role(String),
    /// No credentials: why.
    Deny(String),
}

impl Predicted {
    pub fn role_arn(&self) -> Option<&str> {
        match self {
            Self::Role(r) => Some(r),
            Self::Deny(_) => None,
        }
    }

    /// As said to the user: the role's name, or that there are no credentials and why.
    pub fn describe(&self) -> String {
        match self {
            Self::Role(r) => role_name(r).to_owned(),
            Self::Deny(why) => format!("no credentials ({why})"),
        }
    }
}

/// The prediction and the steps that led to it, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub predicted: Predicted,
    pub reasons: Vec<String>,
}

/// How the service's answer compares with the prediction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Comparison {
    Same,
    /// A sentence naming both.
    Differs(String),
}

/// What AWS writes into an ID token for a member of `member_of`: `cognito:roles` (every
/// role of those groups) and `cognito:preferred_role` (the role of the group with the lowest
/// precedence; none when that precedence is shared by groups with different roles).
pub fn token_roles(groups: &[Group], member_of: &[String]) -> (Option<String>, Vec<String>) {
    let mine: Vec<&Group> = groups
        .iter()
        .filter(|g| member_of.contains(&g.name) && g.role_arn.is_some())
        .collect();
    let mut roles: Vec<String> = mine.iter().filter_map(|g| g.role_arn.clone()).collect();
    roles.sort();
    roles.dedup();
    // A group without a precedence comes after every group with one.
    let rank = |g: &Group| g.precedence.map_or((1, 0), |p| (0, p));
    let Some(best) = mine.iter().map(|g| rank(g)).min() else {
        return (None, roles);
    };
    let mut best_roles: Vec<&str> = mine
        .iter()
        .filter(|g| rank(g) == best)
        .filter_map(|g| g.role_arn.as_deref())
        .collect();
    best_roles.sort();
    best_roles.dedup();
    let preferred = match best_roles.as_slice() {
        [one] => Some((*one).to_owned()),
        _ => None,
    };
    (preferred, roles)
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// Whether `claim` matches `value` by `how`; a list claim element by element.
fn matches(claim: &Value, how: &MatchType, value: &str) -> Option<bool> {
    let texts: Vec<String> = match claim {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_owned))
            .collect(),
        other => vec![other.to_string()],
    };
    let any = |f: &dyn Fn(&str) -> bool| texts.iter().any(|t| f(t));
    Some(match how {
        MatchType::Equals => any(&|t| t == value),
        MatchType::Contains => any(&|t| t.contains(value)),
        MatchType::StartsWith => any(&|t| t.starts_with(value)),
        MatchType::NotEqual => !any(&|t| t == value),
        MatchType::Other(_) => return None,
    })
}

fn short(arn: &str) -> &str {
    role_name(arn)
}

/// Evaluates the pool's mapping for this token; see the module header for the order.
pub fn explain(q: &Question<'_>) -> Explanation {
    let mut reasons = Vec::new();
    let predicted = decide(q, &mut reasons);
    Explanation { predicted, reasons }
}

fn authenticated(q: &Question<'_>, reasons: &mut Vec<String>) -> Predicted {
    match &q.roles.authenticated {
        Some(r) => {
            reasons.push(format!("the pool's authenticated role: {}", short(r)));
            Predicted::Role(r.clone())
        }
        None => Predicted::Deny("the identity pool has no authenticated role".into()),
    }
}

fn decide(q: &Question<'_>, reasons: &mut Vec<String>) -> Predicted {
    if q.guest {
        return match &q.roles.unauthenticated {
            Some(r) => {
                reasons.push(format!(
                    "a guest (no login) gets the unauthenticated role: {}",
                    short(r)
                ));
                Predicted::Role(r.clone())
            }
            None => Predicted::Deny("the identity pool has no unauthenticated role".into()),
        };
    }
    let Some(mapping) = q.roles.mapping_for(q.provider_key) else {
        reasons.push(format!("no role mapping for {}", q.provider_key));
        if q.custom_role_arn.is_some() {
            reasons.push("a CustomRoleArn only counts with Token mapping".into());
        }
        return authenticated(q, reasons);
    };
    let chosen = match &mapping.kind {
        MappingKind::Token => by_token(q, reasons),
        MappingKind::Rules => by_rules(q, mapping, reasons),
        MappingKind::Other(t) => {
            reasons.push(format!(
                "mapping type {t:?} is not one this explainer knows"
            ));
            None
        }
    };
    match chosen {
        Some(Ok(role)) => Predicted::Role(role),
        Some(Err(deny)) => Predicted::Deny(deny),
        None => match &mapping.ambiguous {
            Some(Ambiguous::AuthenticatedRole) => {
                reasons.push("no role chosen: AmbiguousRoleResolution = AuthenticatedRole".into());
                authenticated(q, reasons)
            }
            Some(Ambiguous::Deny) => {
                Predicted::Deny("no role chosen and AmbiguousRoleResolution = Deny".into())
            }
            Some(Ambiguous::Other(a)) => Predicted::Deny(format!(
                "no role chosen and AmbiguousRoleResolution {a:?} is unknown"
            )),
            None => Predicted::Deny(
                "no role chosen and the mapping sets no AmbiguousRoleResolution".into(),
            ),
        },
    }
}

/// Token mapping: `Some(Ok(role))`, `Some(Err(deny))`, or `None` (ambiguous).
fn by_token(q: &Question<'_>, reasons: &mut Vec<String>) -> Option<Result<String, String>> {
    reasons.push("Token mapping: the role comes from the ID token".into());
    let mut roles = strings(q.claims.get("cognito:roles"));
    let mut preferred = q
        .claims
        .get("cognito:preferred_role")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if preferred.is_none() && roles.is_empty() {
        let member_of = strings(q.claims.get("cognito:groups"));
        match q.groups {
            Some(groups) if !member_of.is_empty() => {
                let (p, r) = token_roles(groups, &member_of);
                reasons.push(format!(
                    "the token carries no cognito:preferred_role or cognito:roles; AWS would \
                     write them for groups [{}]: preferred {}, roles [{}]",
                    member_of.join(", "),
                    p.as_deref()
                        .map_or("none (a precedence tie or no group role)", short),
                    r.iter().map(|x| short(x)).collect::<Vec<_>>().join(", ")
                ));
                preferred = p;
                roles = r;
            }
            _ => reasons.push(format!(
                "the token carries no cognito:preferred_role or cognito:roles (groups: [{}])",
                member_of.join(", ")
            )),
        }
    }
    if let Some(custom) = q.custom_role_arn {
        if roles.iter().any(|r| r == custom) {
            reasons.push(format!(
                "CustomRoleArn {} is one of cognito:roles, so it is used",
                short(custom)
            ));
            return Some(Ok(custom.to_owned()));
        }
        return Some(Err(format!(
            "CustomRoleArn {} is not one of cognito:roles [{}]",
            short(custom),
            roles
                .iter()
                .map(|x| short(x))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    match preferred {
        Some(p) => {
            reasons.push(format!("cognito:preferred_role = {}", short(&p)));
            Some(Ok(p))
        }
        None => {
            reasons.push("no cognito:preferred_role".into());
            None
        }
    }
}

/// Rules mapping: the first matching rule, else `None` (ambiguous).
fn by_rules(
    q: &Question<'_>,
    mapping: &super::identity::RoleMapping,
    reasons: &mut Vec<String>,
) -> Option<Result<String, String>> {
    reasons.push(format!(
        "Rules mapping: {} rule(s), first match wins",
        mapping.rules.len()
    ));
    for (i, rule) in mapping.rules.iter().enumerate() {
        let n = i + 1;
        let Some(claim) = q.claims.get(&rule.claim) else {
            reasons.push(format!(
                "rule {n}: {} is not in the token — no match",
                rule.claim
            ));
            continue;
        };
        let shown = claim
            .as_str()
            .map_or_else(|| claim.to_string(), str::to_owned);
        match matches(claim, &rule.match_type, &rule.value) {
            Some(true) => {
                reasons.push(format!(
                    "rule {n}: {} = {shown:?} {} {:?} — match: {}",
                    rule.claim,
                    rule.match_type.as_str(),
                    rule.value,
                    short(&rule.role_arn)
                ));
                return Some(Ok(rule.role_arn.clone()));
            }
            Some(false) => reasons.push(format!(
                "rule {n}: {} = {shown:?} does not satisfy {} {:?}",
                rule.claim,
                rule.match_type.as_str(),
                rule.value
            )),
            None => reasons.push(format!(
                "rule {n}: match type {:?} is unknown — no match",
                rule.match_type.as_str()
            )),
        }
    }
    None
}

/// The prediction beside the role the service gave (`returned`: a role ARN or the role name
/// from an `assumed-role/NAME/...` caller identity; `None` when it refused).
pub fn compare(predicted: &Predicted, returned: Option<&str>) -> Comparison {
    match (predicted, returned) {
        (Predicted::Role(p), Some(r)) if short(p) == short(r) => Comparison::Same,
        (Predicted::Role(p), Some(r)) => Comparison::Differs(format!(
            "the service gave {}, the mapping predicts {}",
            short(r),
            short(p)
        )),
        (Predicted::Deny(_), None) => Comparison::Same,
        (Predicted::Deny(why), Some(r)) => Comparison::Differs(format!(
            "the service gave {}, the mapping predicts a refusal ({why})",
            short(r)
        )),
        (Predicted::Role(p), None) => Comparison::Differs(format!(
            "the service refused, the mapping predicts {}",
            short(p)
        )),
    }
}

/// Why this ID token cannot be exchanged, checked before any call: not an ID token, or
/// expired (`now` in Unix seconds).
pub fn check_id_token(claims: &Value, now: i64) -> Result<(), String> {
    match claims.get("token_use").and_then(Value::as_str) {
        Some("id") | None => {}
        Some(other) => {
            return Err(format!(
                "this is an {other} token; an identity pool takes the ID token"
            ));
        }
    }
    if let Some(exp) = claims.get("exp").and_then(Value::as_i64)
        && exp <= now
    {
        return Err(format!(
            "the ID token expired at {} ({}): sign in again",
            super::jwt::utc_string(exp),
            super::jwt::relative(exp, now)
        ));
    }
    Ok(())
}

#[cfg(test)]
#[path = "roles_tests.rs"]
mod tests;
