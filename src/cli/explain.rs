//! `cognito-tui auth --explain`: the pre-flight written before the first request and the
//! diagnosis after each failed step, on the progress writer (stderr), with the user's recent
//! auth events beside a failure when the pool has threat protection. It never writes a
//! secret: the checks and the diagnosis name the secret's presence, never its value.

use std::io::Write;

use crate::auth::diagnose::{self, Fact, SignInFacts, event_lines};
use crate::auth::{FlowConfig, FlowError, Runner};
use crate::cognito::AuthApi;
use crate::domain::format;
use crate::domain::untrusted::printable;

/// How many auth events are shown beside a failure.
const EVENTS_SHOWN: usize = 3;

/// Reads the facts for `config`'s sign-in (the username is not looked up for a refresh).
pub async fn facts(api: &dyn AuthApi, config: &FlowConfig) -> SignInFacts {
    let username =
        (config.flow != crate::auth::Flow::RefreshToken).then_some(config.username.as_str());
    api.sign_in_facts(&config.pool_id, &config.client_id, username)
        .await
}

/// The pre-flight, one check a line.
pub fn write_preflight(
    progress: &mut (dyn Write + Send),
    config: &FlowConfig,
    facts: &SignInFacts,
) {
    let _ = writeln!(progress, "pre-flight:");
    for c in diagnose::preflight(config, facts) {
        let _ = writeln!(progress, "  {}", printable(&c.to_string()));
    }
}

/// The diagnosis of `error` (when Cognito answered it), and the user's recent auth events
/// when the pool records them.
pub async fn write_diagnosis(
    api: &dyn AuthApi,
    progress: &mut (dyn Write + Send),
    runner: &Runner,
    error: &FlowError,
    facts: &SignInFacts,
) {
    if error.code.is_none() {
        return;
    }
    let config = runner.config();
    let d = diagnose::diagnose(error, config, runner.failed_password_attempts(), facts);
    for (i, line) in d.lines().iter().enumerate() {
        let lead = if i == 0 { "diagnosis: " } else { "  " };
        let _ = writeln!(progress, "{lead}{}", printable(line));
    }
    for line in events_beside(api, &config.pool_id, facts).await {
        let _ = writeln!(progress, "  {}", printable(&line));
    }
}

/// The lines about the user's auth events beside a failure: the latest few, or why there
/// are none to show. Nothing when the pool could not be read or the user is not known.
pub async fn events_beside(api: &dyn AuthApi, pool_id: &str, facts: &SignInFacts) -> Vec<String> {
    let (Some(pool), Fact::Known(Some(user))) = (facts.pool.known(), &facts.user) else {
        return Vec::new();
    };
    match pool.advanced_security.as_deref() {
        Some("AUDIT" | "ENFORCED") => {}
        _ => {
            return vec![
                "auth events: none recorded (the pool has no threat protection)".to_owned(),
            ];
        }
    }
    match api
        .admin_list_user_auth_events(pool_id, &user.username, None)
        .await
    {
        Ok(page) if page.items.is_empty() => vec!["auth events: none yet".to_owned()],
        Ok(page) => {
            let shown = &page.items[..page.items.len().min(EVENTS_SHOWN)];
            let mut out = vec![format!("auth events of {} (latest first):", user.username)];
            out.extend(
                event_lines(shown, &|t| format::date(Some(t)))
                    .into_iter()
                    .map(|l| format!("  {l}")),
            );
            out
        }
        Err(e) => vec![format!(
            "auth events: not available here ({})",
            e.headline()
        )],
    }
}
