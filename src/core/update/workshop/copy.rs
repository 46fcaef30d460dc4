//! `Y`: what is copied from each view — the selected pool, client, user, group, attribute or
//! trigger's id, ARN or name, or in the runner the decoded claims of the token shown (in
//! presenter mode without the token's own identifiers), or a managed-login run's authorize
//! URL while it waits for the browser. Never a token, secret, verifier or password.

use super::*;
use crate::core::model::runner::TokenTab;

/// Claims left out of a copy in presenter mode: the token's own identifiers.
const TOKEN_IDS: &[&str] = &["jti", "origin_jti", "event_id", "at_hash"];

pub(super) fn copy(model: &mut Model) -> Vec<Effect> {
    let picked = match what(model) {
        Ok(p) => p,
        Err(why) => {
            model.flash(Level::Warn, why);
            return vec![];
        }
    };
    let (label, text) = picked;
    let shown = if text.contains('\n') || text.chars().count() > 48 {
        format!("{} characters", text.chars().count())
    } else {
        text.clone()
    };
    model.flash(
        Level::Info,
        format!("copied {label} ({shown}) to the clipboard (OSC 52)"),
    );
    vec![Effect::Copy(text)]
}

/// (what it is, the text) of the view's selection, or why nothing can be copied.
fn what(model: &Model) -> Result<(String, String), String> {
    let nothing = || "nothing selected to copy".to_string();
    let some = |label: &str, text: &str| Ok((label.to_string(), text.to_string()));
    match model.view() {
        View::Pools => {
            let p = model
                .pools
                .list
                .data
                .as_ref()
                .and_then(|r| r.get(model.pools.selected))
                .ok_or_else(nothing)?;
            some("the pool id", &p.id)
        }
        View::PoolDetail { pool_id, .. } => {
            match model.detail.as_ref().and_then(|d| d.detail.data.as_ref()) {
                Some(d) if d.arn.is_some() => some("the pool ARN", d.arn.as_deref().unwrap_or("")),
                _ => some("the pool id", pool_id),
            }
        }
        View::Clients(_) => {
            let c = model
                .clients
                .as_ref()
                .and_then(|c| c.selected_row())
                .ok_or_else(nothing)?;
            some("the client id", &c.id)
        }
        View::ClientDetail { client_id, .. } => some("the client id", client_id),
        View::Users(_) | View::Members { .. } | View::UserDetail { .. } => {
            let name = crate::core::update::admin::selected_user(model).ok_or_else(nothing)?;
            Ok(("the username".into(), name))
        }
        View::Groups(_) => {
            let g = model
                .groups
                .as_ref()
                .and_then(|g| g.selected_row())
                .ok_or_else(nothing)?;
            some("the group name", &g.name)
        }
        View::Attributes { .. } => {
            let a = model
                .detail
                .as_ref()
                .and_then(|d| d.detail.data.as_ref())
                .and_then(|d| d.schema.get(model.attributes_selected))
                .ok_or_else(nothing)?;
            some("the attribute name", &a.name)
        }
        View::Triggers(_) => {
            let t = TRIGGERS.get(model.triggers_selected).ok_or_else(nothing)?;
            match crate::core::model::derive::trigger_arn(model, t.slot) {
                Some(arn) => Ok(("the function ARN".into(), arn)),
                None => some("the trigger slot", t.slot),
            }
        }
        View::Auth(pool) => authorize_url(model)
            .map(|url| some("the authorize URL", url))
            .or_else(|| claims(model))
            .unwrap_or_else(|| some("the pool id", &pool.id)),
        View::Errors => Err("nothing to copy here".into()),
    }
}

/// The authorize URL of a managed-login run waiting for the browser (it holds the PKCE
/// challenge and the state, both meant to travel through the browser; never the verifier).
fn authorize_url(model: &Model) -> Option<&str> {
    let h = model.auth.as_ref()?.hosted.as_ref()?;
    (h.step == crate::core::model::hosted::HostedStep::WaitingForBrowser)
        .then_some(h.url.as_deref())
        .flatten()
}

/// The decoded claims of the token on screen, as JSON.
fn claims(model: &Model) -> Option<Result<(String, String), String>> {
    let s = model.auth.as_ref()?;
    s.tokens.as_ref()?;
    let (name, view) = match s.tab {
        TokenTab::Id => ("ID", s.id_token.as_ref()),
        TokenTab::Access => ("access", s.access_token.as_ref()),
        TokenTab::Refresh => {
            return Some(Err(
                "the refresh token is never copied (it signs in as the user)".into(),
            ));
        }
    };
    let mut claims = view?.decoded.as_ref()?.claims.clone();
    if model.workshop.presenter
        && let Some(map) = claims.as_object_mut()
    {
        for k in TOKEN_IDS {
            map.remove(*k);
        }
    }
    let text = serde_json::to_string_pretty(&claims).ok()?;
    Some(Ok((format!("the {name} token's decoded claims"), text)))
}
