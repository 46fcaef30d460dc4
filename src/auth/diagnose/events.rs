//! A user's auth events (AdminListUserAuthEvents, recorded when the pool has threat
//! protection) as plain data, and in lines for the user detail and the runner. Pure.

use serde::Serialize;

/// One challenge of an event and how it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChallengeResult {
    /// `Password`, `Mfa`, …
    pub name: String,
    /// `Success` or `Failure`.
    pub response: String,
}

/// One auth event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuthEvent {
    pub id: String,
    /// `SignIn`, `SignUp`, `ForgotPassword`, …
    pub event_type: String,
    /// Seconds since the Unix epoch.
    pub created: Option<i64>,
    /// `Pass`, `Fail`, `InProgress`.
    pub response: Option<String>,
    pub risk_level: Option<String>,
    /// `NoRisk`, `AccountTakeover`, `Block`.
    pub risk_decision: Option<String>,
    pub compromised_credentials: Option<bool>,
    pub challenges: Vec<ChallengeResult>,
    pub ip_address: Option<String>,
    /// The operator's feedback so far (`Valid`, `Invalid`), when given.
    pub feedback: Option<String>,
}

/// One line per event, newest first as Cognito lists them; `time` formats a timestamp.
pub fn event_lines(events: &[AuthEvent], time: &dyn Fn(i64) -> String) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            let mut s = format!(
                "{} {} {}",
                e.created.map(time).unwrap_or_else(|| "—".to_owned()),
                e.event_type,
                e.response.as_deref().unwrap_or("?")
            );
            let risk = [e.risk_level.as_deref(), e.risk_decision.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>();
            if !risk.is_empty() {
                s.push_str(&format!(" risk {}", risk.join("/")));
            }
            if e.compromised_credentials == Some(true) {
                s.push_str(" COMPROMISED CREDENTIALS");
            }
            if !e.challenges.is_empty() {
                let c: Vec<String> = e
                    .challenges
                    .iter()
                    .map(|c| format!("{}:{}", c.name, c.response))
                    .collect();
                s.push_str(&format!(" [{}]", c.join(" ")));
            }
            if let Some(ip) = &e.ip_address {
                s.push_str(&format!(" from {ip}"));
            }
            if let Some(f) = &e.feedback {
                s.push_str(&format!(" feedback {f}"));
            }
            s.push_str(&format!(" (id {})", e.id));
            s
        })
        .collect()
}
