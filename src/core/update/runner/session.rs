//! The runner's hooks into the session transcript (`auth::session`): a run's end, the tokens
//! it brought (their decoded claims only), each token call, and the Markdown export of it all.

use crate::core::model::runner::{AuthState, TokenAction};
use crate::domain::CognitoError;
use crate::domain::identity::{CredentialsView, flow_name};

/// The run under way ended (or was left): its round trips go into the session.
pub(super) fn finish(s: &mut AuthState, now: i64) {
    if let Some(r) = &s.runner {
        s.session.finish(r, now);
    }
}

/// The managed-login run under way signed in, failed, was left or is being replaced: the
/// lines of its timeline not in the session yet go in (a refresh adds to the same run).
pub(super) fn hosted(s: &mut AuthState, now: i64) {
    if s.runner.is_some() {
        return;
    }
    let Some(h) = s.hosted.as_mut() else {
        return;
    };
    let lines = h.unrecorded();
    h.recorded = h.timeline.len();
    if !lines.is_empty() {
        s.session.record_steps(h.kind.label(), lines, now);
    }
}

/// Signed in: the run (a managed-login one by its timeline), then the decoded claims of the
/// tokens it brought.
pub(super) fn signed_in(s: &mut AuthState, now: i64) {
    finish(s, now);
    hosted(s, now);
    let claims = |v: &Option<crate::core::model::runner::TokenView>| {
        v.as_ref()
            .and_then(|v| v.decoded.as_ref())
            .map(|d| d.claims.clone())
    };
    let (id, access) = (claims(&s.id_token), claims(&s.access_token));
    s.session.tokens(id, access, now);
}

/// The identity-pool credentials exchange answered: its steps, the access key id shortened
/// (the secret key and session token never reach the view).
pub(super) fn credentials(s: &mut AuthState, view: &CredentialsView, now: i64) {
    let mut v = view.clone();
    crate::core::model::workshop::shorten_key_in(&mut v);
    let mut lines = vec![
        format!("identity pool {}", v.pool_label()),
        format!("flow {}", flow_name(v.basic)),
    ];
    lines.extend(v.identity_id.iter().map(|i| format!("identity id {i}")));
    lines.extend(v.access_key_id.iter().map(|k| format!("access key id {k}")));
    lines.extend(v.caller_arn.iter().map(|a| format!("caller {a}")));
    lines.extend(v.lines.iter().cloned());
    lines.extend(v.error.iter().map(|e| format!("✗ {e}")));
    let title = if v.basic {
        "Identity-pool credentials (GetId, GetOpenIdToken, AssumeRoleWithWebIdentity)"
    } else {
        "Identity-pool credentials (GetId, GetCredentialsForIdentity)"
    };
    s.session.record_steps(title, lines, now);
}

/// A token call answered.
pub(super) fn call(
    s: &mut AuthState,
    kind: Option<TokenAction>,
    result: &Result<String, CognitoError>,
    now: i64,
) {
    let operation = match kind {
        Some(TokenAction::GetUser) => "GetUser",
        Some(TokenAction::ProbeOldToken) => "GetUser with the old access token",
        Some(TokenAction::GlobalSignOut) => "GlobalSignOut",
        Some(TokenAction::Revoke) => "RevokeToken",
        Some(TokenAction::Export) | None => return,
    };
    let outcome = match result {
        Ok(text) if text.is_empty() => "✓".to_string(),
        Ok(text) => format!("✓ {text}"),
        Err(e) => format!("✗ {}", e.headline()),
    };
    s.session.call(operation, &outcome, now);
}

/// The session so far as Markdown, the run under way included; `None` when there is
/// nothing to write yet.
pub(super) fn markdown(s: &AuthState, now: i64) -> Option<String> {
    let mut session = s.session.clone();
    if let Some(runner) = &s.runner {
        session.finish(runner, now);
    } else if let Some(h) = &s.hosted {
        // A managed-login run under way: what it has done so far.
        let lines = h.unrecorded();
        if !lines.is_empty() {
            session.record_steps(h.kind.label(), lines, now);
        }
    }
    (!session.events.is_empty()).then(|| session.markdown(&s.pool.id))
}
