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
mod tests {
    use crossterm::event::KeyCode;

    use super::super::tests::{key, model, signed_in};
    use super::*;
    use crate::core::input::keymap::Keymap;
    use crate::core::msg::{Msg, Response};
    use crate::core::update::update;

    #[test]
    fn c_sends_the_id_token_once_and_the_answer_lands_in_the_pane() {
        let mut m = model();
        signed_in(&mut m);
        let now = m.now;
        let fx = key(&mut m, KeyCode::Char('c'));
        let [
            Effect::Call(
                id,
                Request::Credentials {
                    client_id,
                    id_token,
                    ..
                },
            ),
        ] = fx.as_slice()
        else {
            panic!("one exchange call: {fx:?}")
        };
        assert_eq!(client_id, "client-1");
        assert!(!id_token.is_empty());
        assert!(m.auth.as_ref().unwrap().is_busy());
        assert!(
            key(&mut m, KeyCode::Char('c')).is_empty(),
            "not twice at once"
        );
        let view = CredentialsView {
            identity_pool: "ids (us-east-1:1)".into(),
            access_key_id: Some("ASIAX".into()),
            differs: Some(true),
            ..Default::default()
        };
        update(
            &mut m,
            &Keymap::default(),
            Msg::Api(*id, Response::Credentials(Ok(view.clone())), now),
        );
        let s = m.auth.as_ref().unwrap();
        assert_eq!(s.credentials.as_ref(), Some(&view));
        assert!(s.exchange.is_none());
        assert!(
            s.notes
                .iter()
                .any(|(l, t)| *l == Level::Warn && t.contains("differs")),
            "{:?}",
            s.notes
        );
        // A stale answer changes nothing; a failure is a note.
        let fx = key(&mut m, KeyCode::Char('c'));
        let [Effect::Call(id2, _)] = fx.as_slice() else {
            panic!("{fx:?}")
        };
        let e = CognitoError::new(
            crate::domain::ErrorKind::NotFound,
            "no identity pool trusts it",
        );
        update(
            &mut m,
            &Keymap::default(),
            Msg::Api(*id, Response::Credentials(Err(e.clone())), now),
        );
        assert!(m.auth.as_ref().unwrap().exchange.is_some());
        update(
            &mut m,
            &Keymap::default(),
            Msg::Api(*id2, Response::Credentials(Err(e)), now),
        );
        let s = m.auth.as_ref().unwrap();
        assert!(s.notes.last().unwrap().1.contains("no identity pool"));
        assert_eq!(s.credentials.as_ref(), Some(&view), "the last view stays");
    }
}
