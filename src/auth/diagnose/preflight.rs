//! The checks before a sign-in is sent: from the [`SignInFacts`] that could be read, what
//! this sign-in will meet (the flow allowed or not, SECRET_HASH and over which name, username
//! or alias, the user's status, MFA, USER_AUTH's needs, the triggers that will run), and for
//! each part that could not be read, what was not checked and why. Pure.

use std::fmt;

use super::{SignInFacts, function_name, looks_like};
use crate::auth::flows::{Flow, FlowConfig};

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Fine.
    Ok,
    /// Worth knowing: what comes next.
    Note,
    /// The sign-in will (very likely) fail on this.
    Stop,
    /// Could not be checked.
    Unknown,
}

impl Level {
    /// A mark for the line: `✓`, `·`, `✗`, `?`.
    pub fn mark(self) -> &'static str {
        match self {
            Self::Ok => "✓",
            Self::Note => "·",
            Self::Stop => "✗",
            Self::Unknown => "?",
        }
    }
}

/// One line of the pre-flight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub level: Level,
    pub text: String,
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.level.mark(), self.text)
    }
}

fn check(level: Level, text: impl Into<String>) -> Check {
    Check {
        level,
        text: text.into(),
    }
}

/// What `config`'s sign-in will meet, as far as `facts` tell.
pub fn preflight(config: &FlowConfig, facts: &SignInFacts) -> Vec<Check> {
    let mut out = Vec::new();
    client_checks(config, facts, &mut out);
    name_checks(config, facts, &mut out);
    user_checks(config, facts, &mut out);
    pool_checks(config, facts, &mut out);
    out
}

fn client_checks(config: &FlowConfig, facts: &SignInFacts, out: &mut Vec<Check>) {
    let setting = config.flow.client_setting();
    let Some(client) = facts.client.known() else {
        let why = facts.client.why_unknown().unwrap_or_default();
        out.push(check(
            Level::Unknown,
            format!(
                "not checked whether the app client allows {} or has a secret \
                 (DescribeUserPoolClient: {why})",
                config.flow.auth_flow()
            ),
        ));
        return;
    };
    if client.explicit_auth_flows.iter().any(|f| f == setting) {
        out.push(check(
            Level::Ok,
            format!("app client {} allows {setting}", client.name),
        ));
    } else {
        out.push(check(
            Level::Stop,
            format!(
                "app client {} does not allow {}: its ExplicitAuthFlows are {} — the first \
                 call will be refused (InvalidParameterException: flow not enabled for this \
                 client)",
                client.name,
                config.flow.auth_flow(),
                list_or_none(&client.explicit_auth_flows),
            ),
        ));
    }
    if client.has_secret {
        let given = if config.client_secret.is_some() {
            "the secret is at hand"
        } else {
            "no secret is at hand yet: it will be asked for"
        };
        let over = if config.flow == Flow::RefreshToken {
            format!(
                "over the user's real username ({:?} here; the sub when the pool signs in with \
                 email or phone)",
                config.username
            )
        } else {
            format!(
                "over {:?} as sent to {} and over the real username Cognito returns in every \
                 challenge answer",
                config.username,
                initiate(config.flow)
            )
        };
        out.push(check(
            Level::Note,
            format!(
                "the client has a secret, so every call carries SECRET_HASH = \
                 Base64(HMAC-SHA256(secret, username + client id)) {over}; {given}"
            ),
        ));
    } else {
        out.push(check(Level::Ok, "the client has no secret: no SECRET_HASH"));
    }
    match client.prevent_user_existence_errors.as_deref() {
        Some(v) if v.eq_ignore_ascii_case("ENABLED") => out.push(check(
            Level::Note,
            "PreventUserExistenceErrors is ENABLED: an unknown user is answered like a wrong \
             password (\"Incorrect username or password.\")",
        )),
        Some(_) => out.push(check(
            Level::Note,
            "PreventUserExistenceErrors is off (LEGACY): an unknown user is answered \
             UserNotFoundException",
        )),
        None => out.push(check(
            Level::Unknown,
            "the client does not say whether it hides unknown users \
             (PreventUserExistenceErrors)",
        )),
    }
}

fn initiate(flow: Flow) -> &'static str {
    if flow == Flow::AdminUserPassword {
        "AdminInitiateAuth"
    } else {
        "InitiateAuth"
    }
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

fn name_checks(config: &FlowConfig, facts: &SignInFacts, out: &mut Vec<Check>) {
    if config.flow == Flow::RefreshToken {
        return;
    }
    let name = config.username.as_str();
    if name.trim().is_empty() {
        return;
    }
    let Some(pool) = facts.pool.known() else {
        let why = facts.pool.why_unknown().unwrap_or_default();
        out.push(check(
            Level::Unknown,
            format!(
                "not checked whether {name:?} is a username or an alias, nor case \
                 sensitivity, MFA or triggers (DescribeUserPool: {why})"
            ),
        ));
        return;
    };
    let p = &pool.detail;
    let kind = looks_like(name);
    if !p.username_attributes.is_empty() {
        let attrs = p.username_attributes.join(" or ");
        match kind {
            Some(k) if p.username_attributes.iter().any(|a| a == k) => out.push(check(
                Level::Ok,
                format!(
                    "the pool signs in with {attrs} as the username: {name:?} is one; the real \
                     username is the user's sub"
                ),
            )),
            _ => out.push(check(
                Level::Note,
                format!(
                    "the pool signs in with {attrs} as the username, and {name:?} looks like \
                     neither: it works only if it is the user's sub"
                ),
            )),
        }
    } else if let Some(k) = kind {
        if p.alias_attributes.iter().any(|a| a == k) {
            out.push(check(
                Level::Note,
                format!(
                    "{name:?} looks like an {k}, which this pool accepts as an alias (only a \
                     verified one)"
                ),
            ));
        } else {
            out.push(check(
                Level::Stop,
                format!(
                    "{name:?} looks like an {k}, but the pool accepts no {k} alias (aliases: \
                     {}): it must be the username itself",
                    list_or_none(&p.alias_attributes)
                ),
            ));
        }
    }
    match p.username_case_sensitive {
        Some(true) => out.push(check(
            Level::Note,
            format!("usernames are case-sensitive: {name:?} must match exactly"),
        )),
        Some(false) => out.push(check(Level::Ok, "usernames are not case-sensitive")),
        None => {}
    }
}

fn user_checks(config: &FlowConfig, facts: &SignInFacts, out: &mut Vec<Check>) {
    if config.flow == Flow::RefreshToken {
        return;
    }
    let name = config.username.as_str();
    if name.trim().is_empty() {
        out.push(check(
            Level::Unknown,
            "no username yet: the user is not checked",
        ));
        return;
    }
    let user = match &facts.user {
        super::Fact::Unknown(why) => {
            out.push(check(
                Level::Unknown,
                format!("not checked whether {name:?} exists or its status (AdminGetUser: {why})"),
            ));
            return;
        }
        super::Fact::Known(None) => {
            let answer = match facts.hides_unknown_users() {
                Some(true) => {
                    "\"Incorrect username or password.\" (the client hides unknown users)"
                }
                Some(false) => "UserNotFoundException",
                None => {
                    "UserNotFoundException, or \"Incorrect username or password.\" if the client hides unknown users"
                }
            };
            out.push(check(
                Level::Stop,
                format!("AdminGetUser finds no user {name:?}: the sign-in will fail with {answer}"),
            ));
            return;
        }
        super::Fact::Known(Some(u)) => u,
    };
    if user.username != name {
        out.push(check(
            Level::Ok,
            format!("{name:?} is user {:?} (its real username)", user.username),
        ));
    }
    if !user.enabled {
        out.push(check(
            Level::Stop,
            format!(
                "user {} is disabled: the sign-in will fail with \"User is disabled.\" \
                 (AdminEnableUser first)",
                user.username
            ),
        ));
    }
    let status = user.status.as_deref().unwrap_or("unknown");
    let (level, text) = match status {
        "CONFIRMED" if !user.enabled => (Level::Note, "CONFIRMED (but disabled)".to_owned()),
        "CONFIRMED" => (Level::Ok, "CONFIRMED".to_owned()),
        "UNCONFIRMED" => (
            Level::Stop,
            "UNCONFIRMED: confirm the sign-up first (ConfirmSignUp with the code, or \
             AdminConfirmSignUp); the sign-in will fail with UserNotConfirmedException"
                .to_owned(),
        ),
        "FORCE_CHANGE_PASSWORD" => (
            Level::Note,
            "FORCE_CHANGE_PASSWORD: the temporary password signs in, then \
             NEW_PASSWORD_REQUIRED asks for a new one"
                .to_owned(),
        ),
        "RESET_REQUIRED" => (
            Level::Stop,
            "RESET_REQUIRED: a password reset is needed (ForgotPassword, or \
             AdminSetUserPassword); the sign-in will fail with PasswordResetRequiredException"
                .to_owned(),
        ),
        "EXTERNAL_PROVIDER" => (
            Level::Stop,
            "EXTERNAL_PROVIDER: a federated user signs in through its identity provider, \
             not with a password"
                .to_owned(),
        ),
        other => (Level::Note, other.to_owned()),
    };
    out.push(check(level, format!("user {} is {text}", user.username)));
    let pool_mfa = facts
        .pool
        .known()
        .and_then(|p| p.detail.mfa_configuration.clone());
    let has_mfa = !user.mfa_settings.is_empty() || !user.mfa_options.is_empty();
    match (pool_mfa.as_deref(), has_mfa) {
        (Some("ON"), false) => out.push(check(
            Level::Note,
            "MFA is required (ON) and the user has no MFA set up: MFA_SETUP comes after the \
             password",
        )),
        (Some("ON" | "OPTIONAL"), true) => out.push(check(
            Level::Note,
            format!(
                "MFA: the user has {} set up{}: a code is asked after the password",
                user.mfa_settings.join(", "),
                user.preferred_mfa
                    .as_deref()
                    .map(|p| format!(" (preferred {p})"))
                    .unwrap_or_default()
            ),
        )),
        _ => {}
    }
}

fn pool_checks(config: &FlowConfig, facts: &SignInFacts, out: &mut Vec<Check>) {
    let Some(pool) = facts.pool.known() else {
        return;
    };
    let p = &pool.detail;
    if let Flow::UserAuth { preferred } = config.flow {
        match &pool.first_factors {
            None => out.push(check(
                Level::Unknown,
                "USER_AUTH needs the pool's allowed first factors (SignInPolicy), and \
                 DescribeUserPool lists none",
            )),
            Some(factors) => {
                let wanted = preferred.map(|f| f.as_str());
                match wanted {
                    Some(w) if !factors.iter().any(|f| f == w) => out.push(check(
                        Level::Stop,
                        format!(
                            "the preferred first factor {w} is not among the pool's allowed \
                             first factors ({})",
                            list_or_none(factors)
                        ),
                    )),
                    _ => out.push(check(
                        Level::Ok,
                        format!("allowed first factors: {}", list_or_none(factors)),
                    )),
                }
            }
        }
        if p.tier.as_deref() == Some("LITE") {
            out.push(check(
                Level::Stop,
                "USER_AUTH's passwordless factors need the Essentials or Plus plan; this pool \
                 is on Lite",
            ));
        }
    }
    let custom = matches!(config.flow, Flow::CustomAuth | Flow::CustomAuthWithSrp);
    let l = &p.lambda_config;
    let mut runs: Vec<(&str, Option<&String>)> =
        vec![("PreAuthentication", l.pre_authentication.as_ref())];
    if matches!(config.flow, Flow::UserPassword | Flow::AdminUserPassword) {
        runs.push((
            "UserMigration (when the user is unknown)",
            l.user_migration.as_ref(),
        ));
    }
    if custom {
        runs.push(("DefineAuthChallenge", l.define_auth_challenge.as_ref()));
        runs.push(("CreateAuthChallenge", l.create_auth_challenge.as_ref()));
        runs.push((
            "VerifyAuthChallengeResponse",
            l.verify_auth_challenge_response.as_ref(),
        ));
    }
    runs.push(("PostAuthentication", l.post_authentication.as_ref()));
    runs.push(("PreTokenGeneration", l.pre_token_generation.as_ref()));
    let set: Vec<String> = runs
        .iter()
        .filter_map(|(slot, arn)| arn.map(|a| format!("{slot} ({})", function_name(a))))
        .collect();
    if set.is_empty() {
        out.push(check(Level::Ok, "no Lambda trigger runs in this sign-in"));
    } else {
        out.push(check(
            Level::Note,
            format!("triggers that will run: {}", set.join(", ")),
        ));
    }
    if custom && l.define_auth_challenge.is_none() {
        out.push(check(
            Level::Stop,
            "CUSTOM_AUTH needs a DefineAuthChallenge trigger, and the pool has none",
        ));
    }
    if let Some(mode @ ("AUDIT" | "ENFORCED")) = pool.advanced_security.as_deref() {
        out.push(check(
            Level::Note,
            format!(
                "threat protection is {mode}: the sign-in is recorded as an auth event \
                 (AdminListUserAuthEvents){}",
                if mode == "ENFORCED" {
                    "; a risky one can be blocked or asked for MFA"
                } else {
                    ""
                }
            ),
        ));
    }
}
