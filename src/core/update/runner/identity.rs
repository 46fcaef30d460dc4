//! The runner's `c` and `C`: after a sign-in, find the identity pools that trust the app
//! client, then exchange the ID token at one of them (straight away when one pool trusts it
//! and `c` asked; else in the chooser: pool, flow enhanced or basic, Enter, Esc), and keep
//! what the exchange did for the token pane: identity id, access key id, expiry, the caller
//! identity, the prediction beside the role given, every step. Pure: effects out, a view in.

use serde_json::Value;

use crate::core::effect::{CredentialsRequest, Effect, Request};
use crate::core::input::action::Action;
use crate::core::model::pool_choice::{Finding, PoolChoice};
use crate::core::model::runner::Stage;
use crate::core::model::{Level, Model};
use crate::domain::CognitoError;
use crate::domain::identity::{CredentialsView, IdentityPool, flow_word, provider_of};
use crate::domain::secret::Secret;

/// The signed-in user's ID token, app client id and identity-pool provider name (the
/// token's issuer without its scheme); a warning flashed when there is no ID token.
fn signed_in(model: &mut Model) -> Option<(Secret, String, String)> {
    let s = model.auth.as_ref()?;
    if !matches!(s.stage, Stage::SignedIn) {
        return None;
    }
    let id_token = s.tokens.as_ref().and_then(|(t, _)| t.id_token.clone());
    let issuer = s
        .id_token
        .as_ref()
        .and_then(|v| v.decoded.as_ref())
        .and_then(|d| d.claims.get("iss").and_then(Value::as_str));
    let provider = provider_of(issuer, &s.pool.id);
    match (id_token, s.selected_client()) {
        (Some(t), Some(c)) => Some((t, c.id.clone(), provider)),
        _ => {
            model.flash(
                Level::Warn,
                "no ID token to exchange (an identity pool takes the ID token)",
            );
            None
        }
    }
}

/// `c` (`choose` false: straight to the exchange when one pool trusts the client) or `C`
/// (`choose`: the chooser, also for one pool): find the pools that trust the client first.
pub fn find(model: &mut Model, choose: bool) -> Vec<Effect> {
    let Some(s) = model.auth.as_ref() else {
        return vec![];
    };
    if s.exchange.is_some() || s.finding.is_some() {
        return vec![];
    }
    let pool_id = s.pool.id.clone();
    let Some((_, client_id, provider)) = signed_in(model) else {
        return vec![];
    };
    let id = model.fresh_id();
    if let Some(s) = model.auth.as_mut() {
        s.finding = Some(Finding { id, choose });
        s.chooser = None;
    }
    let text = if choose {
        "finding the identity pools that trust this app client, to choose…"
    } else {
        "finding the identity pools that trust this app client… (C: choose the pool or the flow)"
    };
    model.flash(Level::Info, text);
    vec![Effect::Call(
        id,
        Request::TrustingPools {
            pool_id,
            client_id,
            provider,
        },
    )]
}

/// The trusting pools came back: one and no choice asked for, the exchange; several (or
/// `C`), the chooser; none or an error, a note. A stale answer changes nothing.
pub fn on_pools(
    model: &mut Model,
    id: u64,
    result: Result<Vec<IdentityPool>, CognitoError>,
) -> Vec<Effect> {
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    let Some(finding) = s.finding.filter(|f| f.id == id) else {
        return vec![];
    };
    s.finding = None;
    let text = match result {
        Ok(pools) if pools.len() == 1 && !finding.choose => {
            return exchange_at(model, &pools[0], false);
        }
        Ok(pools) if !pools.is_empty() => {
            let found = match pools.len() {
                1 => "1 identity pool trusts".to_owned(),
                n => format!("{n} identity pools trust"),
            };
            s.chooser = Some(PoolChoice::new(pools));
            model.flash(
                Level::Info,
                format!("{found} this client: pick one and the flow, enter to exchange"),
            );
            return vec![];
        }
        Ok(_) => format!(
            "credentials ✗ no identity pool in this region trusts app client {}",
            s.selected_client().map_or("?", |c| c.id.as_str())
        ),
        Err(e) => format!("credentials ✗ {}", e.headline()),
    };
    s.notes.push((Level::Error, text.clone()));
    model.flash(Level::Error, text);
    vec![]
}

/// Send the exchange at `pool` by the flow given.
fn exchange_at(model: &mut Model, pool: &IdentityPool, basic: bool) -> Vec<Effect> {
    let Some((id_token, client_id, provider)) = signed_in(model) else {
        return vec![];
    };
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    let request = Request::Credentials(CredentialsRequest {
        pool_id: s.pool.id.clone(),
        client_id,
        provider,
        id_token,
        identity_pool_id: pool.id.clone(),
        identity_pool_name: pool.name.clone(),
        basic,
    });
    let id = model.fresh_id();
    if let Some(s) = model.auth.as_mut() {
        s.exchange = Some(id);
    }
    model.flash(
        Level::Info,
        format!(
            "exchanging the ID token for AWS credentials at {} ({} flow)…",
            pool.name,
            flow_word(basic)
        ),
    );
    vec![Effect::Call(id, request)]
}

/// The runner's keys while the chooser is open, and Esc while a search or an exchange is in
/// flight (it is dropped: its answer, when it comes, changes nothing). `None`: not ours.
pub fn act(model: &mut Model, action: Action) -> Option<Vec<Effect>> {
    let s = model.auth.as_mut()?;
    if !matches!(s.stage, Stage::SignedIn) {
        return None;
    }
    if action == Action::Back && (s.finding.is_some() || s.exchange.is_some()) {
        s.finding = None;
        s.exchange = None;
        model.flash(Level::Info, "credentials exchange cancelled");
        return Some(vec![]);
    }
    let c = s.chooser.as_mut()?;
    let last = c.pools.len().saturating_sub(1);
    match action {
        Action::Down => c.selected = (c.selected + 1).min(last),
        Action::Up => c.selected = c.selected.saturating_sub(1),
        Action::Top => c.selected = 0,
        Action::Bottom => c.selected = last,
        Action::CycleNext | Action::CyclePrev => {
            c.basic = !c.basic;
            if let Some(why) = c.refused() {
                // Refused in place: the flow stays enhanced.
                c.basic = false;
                c.refusal = Some(why);
                return Some(vec![]);
            }
        }
        Action::Submit => {
            if let Some(why) = c.refused() {
                c.refusal = Some(why);
                return Some(vec![]);
            }
            let (pool, basic) = (c.current()?.clone(), c.basic);
            s.chooser = None;
            return Some(exchange_at(model, &pool, basic));
        }
        Action::Back => {
            s.chooser = None;
            model.flash(Level::Info, "no exchange: back to the tokens");
            return Some(vec![]);
        }
        Action::PageUp | Action::PageDown => {}
        _ => return None,
    }
    c.refusal = None;
    Some(vec![])
}

/// The exchange came back (a view also when the exchange itself failed; `Err` when no
/// identity pool could be found or read).
pub fn on_credentials(
    model: &mut Model,
    id: u64,
    result: Result<CredentialsView, CognitoError>,
) -> Vec<Effect> {
    let Some(s) = model.auth.as_mut() else {
        return vec![];
    };
    if s.exchange != Some(id) {
        return vec![];
    }
    s.exchange = None;
    let (level, text) = match result {
        Ok(view) => {
            let text = match (&view.error, view.differs) {
                (Some(e), _) => (Level::Error, format!("credentials ✗ {e}")),
                (None, Some(true)) => (
                    Level::Warn,
                    "credentials ✓ — the role given differs from the mapping's prediction".into(),
                ),
                (None, _) => (Level::Info, "credentials ✓".into()),
            };
            let text = (
                text.0,
                format!(
                    "{} [{}, {}]",
                    text.1,
                    view.identity_pool_name,
                    flow_word(view.basic)
                ),
            );
            super::session::credentials(s, &view, model.now);
            s.credentials = Some(view);
            text
        }
        Err(e) => (Level::Error, format!("credentials ✗ {}", e.headline())),
    };
    s.notes.push((level, text.clone()));
    model.flash(level, text);
    vec![]
}

#[cfg(test)]
#[path = "identity_tests.rs"]
pub(crate) mod tests;
