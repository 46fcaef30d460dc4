//! The likely cause of a failed sign-in step: from the [`FlowError`] (its kind, Cognito's
//! code and message) and the [`SignInFacts`], the causes with how sure they are, the
//! evidence, what was checked and what could not be, and what to do. Pure.
//!
//! Cognito's answers are opaque by design ("Incorrect username or password." covers a wrong
//! password and, when the client hides unknown users, a missing user), so a cause is
//! [`Certainty::Certain`] only when Cognito's message itself names it; the facts can make a
//! cause likely, never certain.

use std::fmt;

use super::{SignInFacts, function_name, looks_like};
use crate::auth::errors::{ErrorKind, FlowError};
use crate::auth::flows::{Flow, FlowConfig};
use crate::domain::User;

/// How sure a cause is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Certainty {
    /// Cognito's message says so.
    Certain,
    /// The facts point to it.
    Likely,
    /// It fits the error, and nothing read rules it out.
    Possible,
}

impl Certainty {
    pub fn label(self) -> &'static str {
        match self {
            Self::Certain => "Cognito says",
            Self::Likely => "likely",
            Self::Possible => "possibly",
        }
    }
}

/// One cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause {
    pub certainty: Certainty,
    pub text: String,
}

/// Why a step failed, as far as the evidence goes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnosis {
    /// Most likely first; never empty.
    pub causes: Vec<Cause>,
    pub evidence: Vec<String>,
    /// The reads the diagnosis rests on.
    pub checked: Vec<String>,
    /// What could not be read, and why.
    pub unchecked: Vec<String>,
    /// What to do.
    pub next: Vec<String>,
}

impl Diagnosis {
    fn cause(&mut self, certainty: Certainty, text: impl Into<String>) {
        self.causes.push(Cause {
            certainty,
            text: text.into(),
        });
    }

    fn evidence(&mut self, text: impl Into<String>) {
        self.evidence.push(text.into());
    }

    fn next(&mut self, text: impl Into<String>) {
        self.next.push(text.into());
    }

    /// The most likely cause.
    pub fn headline(&self) -> String {
        self.causes
            .first()
            .map(|c| format!("{}: {}", c.certainty.label(), c.text))
            .unwrap_or_default()
    }

    /// The whole diagnosis, one line each: the causes, then evidence, checked, not checked, next.
    pub fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .causes
            .iter()
            .map(|c| format!("{}: {}", c.certainty.label(), c.text))
            .collect();
        let sections = [
            ("evidence", &self.evidence),
            ("next", &self.next),
            ("not checked", &self.unchecked),
        ];
        for (label, items) in sections {
            out.extend(items.iter().map(|i| format!("  {label}: {i}")));
        }
        if !self.checked.is_empty() {
            out.push(format!("  checked: {}", self.checked.join(", ")));
        }
        out
    }
}

impl fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

/// The trigger a message names (`PreAuthentication failed with error …` on AWS, `…Lambda …`
/// or `PreTokenGeneration error: …` on the emulator) and the trigger's own words.
fn trigger_in(message: &str) -> Option<(&'static str, String)> {
    const SLOTS: [&str; 9] = [
        "PreAuthentication",
        "PostAuthentication",
        "PreTokenGeneration",
        "DefineAuthChallenge",
        "CreateAuthChallenge",
        "VerifyAuthChallengeResponse",
        "UserMigration",
        "PreSignUp",
        "CustomMessage",
    ];
    let slot = SLOTS.into_iter().find(|s| message.contains(s))?;
    let rest = &message[message.find(slot).map_or(0, |i| i + slot.len())..];
    let words = if let Some(i) = rest.find("'errorMessage': '") {
        let tail = &rest[i + "'errorMessage': '".len()..];
        tail.split('\'').next().unwrap_or(tail).to_owned()
    } else if let Some(i) = rest.find("failed with error") {
        rest[i + "failed with error".len()..]
            .trim()
            .trim_end_matches('.')
            .to_owned()
    } else {
        rest.trim_start_matches([':', ' ']).trim().to_owned()
    };
    Some((slot, words))
}

fn user_line(u: &User) -> String {
    format!(
        "AdminGetUser: {} exists, {}, {}",
        u.username,
        u.status.as_deref().unwrap_or("status unknown"),
        if u.enabled { "enabled" } else { "disabled" }
    )
}

/// The likely cause of `error`, a failed step of `config`'s sign-in, given `facts` and the
/// wrong passwords in a row so far (`failed_passwords`, counting this one).
pub fn diagnose(
    error: &FlowError,
    config: &FlowConfig,
    failed_passwords: u32,
    facts: &SignInFacts,
) -> Diagnosis {
    let mut d = Diagnosis::default();
    let (checked, unchecked) = facts.sources();
    d.checked = checked;
    d.unchecked = unchecked;
    let message = error.cognito_message.as_deref().unwrap_or_default();
    if let Some(code) = &error.code {
        d.evidence(format!("{} answered {code}: {message:?}", error.step));
    }
    let name = config.username.as_str();
    let user = facts.user.known();
    let client = facts.client.known();
    let pool = facts.pool.known();

    if let Some((slot, words)) = trigger_in(message)
        && (error.kind == ErrorKind::Lambda || error.kind == ErrorKind::Cognito)
    {
        let function = pool
            .and_then(|p| p.detail.lambda_config.arn(slot))
            .map(function_name);
        let who = function.map(|f| format!(" ({f})")).unwrap_or_default();
        d.cause(
            Certainty::Likely,
            format!("the pool's {slot} trigger{who} stopped the sign-in (it raised an error or answered what Cognito could not use): {words:?}"),
        );
        match (pool, function) {
            (Some(_), Some(f)) => d.evidence(format!("DescribeUserPool: {slot} runs {f}")),
            (Some(_), None) => d.evidence(format!(
                "DescribeUserPool lists no {slot} trigger now (changed since?)"
            )),
            _ => {}
        }
        d.next("read the function's log for this sign-in (the quoted words are the trigger's own)");
        return d;
    }

    match error.kind {
        ErrorKind::WrongPassword => wrong_password(&mut d, config, failed_passwords, facts),
        ErrorKind::LockedOut => {
            d.cause(
                Certainty::Certain,
                format!("{name} is locked out after repeated failed sign-ins"),
            );
            d.evidence(format!(
                "{failed_passwords} wrong password(s) in a row in this session (earlier \
                 attempts elsewhere count too)"
            ));
            d.next(
                "wait: the lockout starts at about 1 s after the fifth failure and doubles \
                 with each further one, up to about 15 minutes; 15 minutes without a try \
                 always lifts it. Attempts during the lockout make it longer"
                    .to_owned(),
            );
        }
        ErrorKind::UserNotFound => {
            d.cause(
                Certainty::Certain,
                format!("there is no user {name:?} in this pool"),
            );
            if facts.hides_unknown_users() == Some(false) {
                d.evidence("the client shows unknown users (PreventUserExistenceErrors LEGACY)");
            }
            alias_hint(&mut d, name, facts);
        }
        ErrorKind::SecretHash => secret_hash(&mut d, error, config, message, facts),
        ErrorKind::FlowNotEnabled => {
            d.cause(
                Certainty::Certain,
                format!(
                    "the app client does not allow {} ({} is not in its ExplicitAuthFlows)",
                    config.flow.auth_flow(),
                    config.flow.client_setting()
                ),
            );
            if let Some(c) = client {
                d.evidence(format!(
                    "DescribeUserPoolClient: ExplicitAuthFlows {}",
                    c.explicit_auth_flows.join(", ")
                ));
            }
            d.next(format!(
                "add {} to the client, or sign in with a flow it allows",
                config.flow.client_setting()
            ));
        }
        ErrorKind::UserNotConfirmed => {
            d.cause(
                Certainty::Certain,
                format!("{name} has not confirmed the sign-up"),
            );
            if let Some(Some(u)) = user {
                d.evidence(user_line(u));
            }
            d.next("ConfirmSignUp with the code that was sent, or AdminConfirmSignUp as an admin");
        }
        ErrorKind::UserDisabled => {
            d.cause(Certainty::Certain, format!("user {name} is disabled"));
            if let Some(Some(u)) = user {
                d.evidence(user_line(u));
            }
            d.next("AdminEnableUser (Cognito says so whatever the password)");
        }
        ErrorKind::PasswordResetRequired => {
            d.cause(
                Certainty::Certain,
                format!("{name} must reset the password"),
            );
            d.next("ForgotPassword + ConfirmForgotPassword, or AdminSetUserPassword");
        }
        ErrorKind::CodeMismatch => {
            d.cause(
                Certainty::Likely,
                "the code was mistyped or is not the current one",
            );
            if error.step.contains("SOFTWARE_TOKEN") || error.step.contains("Verify") {
                d.cause(
                    Certainty::Possible,
                    "the authenticator's clock is off (TOTP codes change every 30 s)",
                );
            }
            d.next("enter the code again (same session)");
        }
        ErrorKind::ExpiredCode => {
            d.cause(Certainty::Likely, "the code expired before it was entered");
            d.next("use the current code, or start over for a new one");
        }
        ErrorKind::SessionExpired => session(&mut d, message, facts),
        ErrorKind::Config => {
            d.cause(
                Certainty::Certain,
                "Cognito does not know this pool or app client (or the region is another)",
            );
        }
        ErrorKind::ReadOnly => d.cause(
            Certainty::Certain,
            "the console runs read-only, and this step would change the user or a token",
        ),
        ErrorKind::Throttled => d.cause(Certainty::Certain, "Cognito throttled the calls"),
        ErrorKind::Lambda => d.cause(
            Certainty::Likely,
            format!("a Lambda trigger of the pool failed: {message:?}"),
        ),
        _ => d.cause(
            Certainty::Possible,
            format!("no known pattern: {}", error.message),
        ),
    }
    d
}

fn wrong_password(d: &mut Diagnosis, config: &FlowConfig, failed: u32, facts: &SignInFacts) {
    let name = config.username.as_str();
    match (facts.user.known(), facts.hides_unknown_users()) {
        (Some(None), _) => {
            d.cause(
                Certainty::Likely,
                format!("there is no user {name:?}; the app client hides that behind \"Incorrect username or password.\""),
            );
            d.evidence(format!("AdminGetUser: no user {name:?}"));
            if facts.hides_unknown_users() == Some(true) {
                d.evidence("DescribeUserPoolClient: PreventUserExistenceErrors ENABLED");
            }
            alias_hint(d, name, facts);
            d.next("sign in with an existing username or alias (or create the user)");
        }
        (Some(Some(u)), hides) => {
            d.cause(
                Certainty::Likely,
                format!("the password is wrong for {}", u.username),
            );
            d.evidence(user_line(u));
            if hides == Some(true) {
                d.evidence(
                    "the client hides unknown users, but the user exists, so the password is what Cognito refused",
                );
            }
            case_hint(d, name, u, facts);
            d.next("try again with the right password");
        }
        (None, Some(false)) => {
            d.cause(
                Certainty::Likely,
                format!("the password is wrong for {name}"),
            );
            d.evidence(
                "DescribeUserPoolClient: PreventUserExistenceErrors LEGACY, so an unknown user would have been answered UserNotFoundException",
            );
            d.next("try again with the right password");
        }
        (None, hides) => {
            d.cause(
                Certainty::Possible,
                format!("the password is wrong for {name}"),
            );
            d.cause(
                Certainty::Possible,
                format!("there is no user {name:?} (hidden by PreventUserExistenceErrors)"),
            );
            d.evidence(if hides == Some(true) {
                "DescribeUserPoolClient: PreventUserExistenceErrors ENABLED: the two read the same"
            } else {
                "whether the client hides unknown users is not known"
            });
            d.next("an admin can tell the two apart with AdminGetUser");
        }
    }
    if failed >= 3 {
        d.evidence(format!("{failed} wrong passwords in a row in this session"));
        d.next(
            "after 5 failures Cognito locks the user out (\"Password attempts exceeded\"), \
             from about 1 s, doubling with each further failure, up to about 15 minutes",
        );
    }
}

fn case_hint(d: &mut Diagnosis, name: &str, u: &User, facts: &SignInFacts) {
    if name != u.username
        && name.eq_ignore_ascii_case(&u.username)
        && let Some(p) = facts.pool.known()
        && p.detail.username_case_sensitive == Some(true)
    {
        d.cause(
            Certainty::Possible,
            format!(
                "the pool's usernames are case-sensitive and {name:?} is not {:?}",
                u.username
            ),
        );
    }
}

fn alias_hint(d: &mut Diagnosis, name: &str, facts: &SignInFacts) {
    let (Some(kind), Some(p)) = (looks_like(name), facts.pool.known()) else {
        return;
    };
    let p = &p.detail;
    if p.username_attributes.iter().any(|a| a == kind) {
        return;
    }
    if p.alias_attributes.iter().any(|a| a == kind) {
        d.cause(
            Certainty::Possible,
            format!(
                "{name:?} is an {kind} alias that is not verified, or belongs to no user \
                 (only a verified {kind} signs in)"
            ),
        );
    } else {
        d.cause(
            Certainty::Likely,
            format!(
                "{name:?} is an {kind}, and the pool accepts no {kind} alias: sign in with \
                 the username"
            ),
        );
        d.evidence(format!(
            "DescribeUserPool: aliases {}, username attributes {}",
            if p.alias_attributes.is_empty() {
                "none".to_owned()
            } else {
                p.alias_attributes.join(", ")
            },
            if p.username_attributes.is_empty() {
                "none".to_owned()
            } else {
                p.username_attributes.join(", ")
            }
        ));
    }
}

fn secret_hash(
    d: &mut Diagnosis,
    error: &FlowError,
    config: &FlowConfig,
    message: &str,
    facts: &SignInFacts,
) {
    let lower = message.to_ascii_lowercase();
    let has_secret = facts.client.known().map(|c| c.has_secret);
    if lower.contains("was not received") || config.client_secret.is_none() {
        d.cause(
            Certainty::Certain,
            "SECRET_HASH is missing: the app client has a secret, so every call must carry one",
        );
        d.next("give the client secret (the console asks for it, or set it in the environment)");
        return;
    }
    if has_secret == Some(false) {
        d.cause(
            Certainty::Likely,
            "a SECRET_HASH was sent, but the app client has no secret",
        );
        return;
    }
    let real = facts
        .user
        .known()
        .and_then(|u| u.as_ref())
        .map(|u| u.username.as_str());
    let initiating = error.step.contains("InitiateAuth");
    match (config.flow, real) {
        (Flow::RefreshToken, _) => {
            d.cause(
                Certainty::Likely,
                format!(
                    "the SECRET_HASH was made over {:?}, which is not the user's real username \
                     (for REFRESH_TOKEN_AUTH: the access token's username claim — the sub when \
                     the pool signs in with email or phone)",
                    config.username
                ),
            );
            d.cause(Certainty::Possible, "the client secret is wrong");
        }
        (_, Some(real)) if real != config.username && !initiating => {
            d.cause(
                Certainty::Likely,
                format!(
                    "the SECRET_HASH of the challenge answer was made over {:?}, an alias; \
                     challenge answers need the real username {real:?}",
                    config.username
                ),
            );
            d.cause(Certainty::Possible, "the client secret is wrong");
        }
        _ => {
            d.cause(
                Certainty::Likely,
                "the client secret is wrong (or from another app client)",
            );
            if let Some(real) = real
                && real != config.username
            {
                d.evidence(format!(
                    "{:?} is an alias of {real:?}: at {} the hash goes over the name sent, \
                     as this console does",
                    config.username, error.step
                ));
            }
        }
    }
    d.next("copy the secret again from the app client (DescribeUserPoolClient)");
}

fn session(d: &mut Diagnosis, message: &str, facts: &SignInFacts) {
    let minutes = facts
        .client
        .known()
        .and_then(|c| c.auth_session_validity)
        .unwrap_or(3);
    let source = if facts
        .client
        .known()
        .and_then(|c| c.auth_session_validity)
        .is_some()
    {
        "the client's AuthSessionValidity"
    } else {
        "Cognito's default"
    };
    if message.to_ascii_lowercase().contains("expired") {
        d.cause(
            Certainty::Likely,
            format!("the sign-in session expired: it lasts {minutes} minutes ({source})"),
        );
    } else {
        d.cause(
            Certainty::Likely,
            "the session was already used (a session answers one challenge) or belongs to another sign-in",
        );
        d.cause(
            Certainty::Possible,
            format!("the session expired ({minutes} minutes, {source})"),
        );
    }
    d.next("start over: a new InitiateAuth gives a new session");
}
