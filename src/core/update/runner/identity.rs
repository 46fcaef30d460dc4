//! The runner's `c`: after a sign-in, exchange the ID token at an identity pool that trusts
//! the app client (the executor finds it, runs the exchange and explains the role), and keep
//! what it did for the token pane: identity id, access key id, expiry, the caller identity,
//! the prediction beside the role given, every step. Pure: effects out, a view in.

use crate::core::effect::{Effect, Request};
use crate::core::model::runner::Stage;
use crate::core::model::{Level, Model};
use crate::domain::CognitoError;
use crate::domain::identity::CredentialsView;

/// `c`: the exchange request, when signed in with an ID token.
pub fn exchange(model: &mut Model) -> Vec<Effect> {
    let Some(s) = model.auth.as_ref() else {
        return vec![];
    };
    if !matches!(s.stage, Stage::SignedIn) || s.exchange.is_some() {
        return vec![];
    }
    let id_token = s.tokens.as_ref().and_then(|(t, _)| t.id_token.clone());
    let (Some(id_token), Some(client)) = (id_token, s.selected_client()) else {
        model.flash(
            Level::Warn,
            "no ID token to exchange (an identity pool takes the ID token)",
        );
        return vec![];
    };
    let request = Request::Credentials {
        pool_id: s.pool.id.clone(),
        client_id: client.id.clone(),
        id_token,
    };
    let id = model.fresh_id();
    if let Some(s) = model.auth.as_mut() {
        s.exchange = Some(id);
    }
    model.flash(Level::Info, "exchanging the ID token for AWS credentials…");
    vec![Effect::Call(id, request)]
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
            s.credentials = Some(view);
            text
        }
        Err(e) => (Level::Error, format!("credentials ✗ {}", e.headline())),
    };
    s.notes.push((level, text.clone()));
    model.flash(level, text);
    vec![]
}
