//! `:identity-pools` and `I` (from a user pool: the identity pools that trust it): ask the
//! executor for the pools as text (`domain::identity_report`) and show them in the text
//! overlay, scrollable. Pure.

use crate::core::effect::{Effect, Request};
use crate::core::model::{Level, Model, Overlay, PoolRef};
use crate::domain::CognitoError;

/// Ask for the identity pools; for `user_pool`, those that trust it.
pub(super) fn open(model: &mut Model, user_pool: Option<PoolRef>) -> Vec<Effect> {
    let id = model.fresh_id();
    let what = match &user_pool {
        Some(p) => format!("reading the identity pools that trust {}…", p.name),
        None => "reading the identity pools…".to_owned(),
    };
    model.flash(Level::Info, what);
    vec![Effect::Call(
        id,
        Request::IdentityPools {
            user_pool: user_pool.map(|p| p.id),
        },
    )]
}

/// The text arrived: the overlay; or why not, as a flash.
pub(super) fn on_report(
    model: &mut Model,
    result: Result<(String, Vec<String>), CognitoError>,
) -> Vec<Effect> {
    match result {
        Ok((title, lines)) => {
            model.overlay = Some(Overlay {
                title,
                lines,
                scroll: 0,
            });
        }
        Err(e) => model.flash(Level::Error, format!("identity pools: {}", e.headline())),
    }
    vec![]
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use crate::core::effect::{Effect, Request};
    use crate::core::input::keymap::Keymap;
    use crate::core::model::{Context, Model};
    use crate::core::msg::{Msg, Response};
    use crate::core::update::{init, update};
    use crate::domain::{Page, PoolSummary};

    fn key(c: KeyCode) -> Msg {
        Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
    }

    fn one_call(fx: &[Effect]) -> (u64, Request) {
        match fx {
            [Effect::Call(id, r)] => (*id, r.clone()),
            other => panic!("one call expected: {other:?}"),
        }
    }

    #[test]
    fn capital_i_and_the_command_ask_for_the_pools_and_show_them() {
        let mut m = Model::new(Context::default());
        let km = Keymap::default();
        let (id, _) = one_call(&init(&mut m));
        let pools = Page {
            items: vec![PoolSummary {
                id: "us-east-1_abc".into(),
                name: "shop".into(),
                created: None,
                modified: None,
                triggers_set: 0,
            }],
            next_token: None,
        };
        update(&mut m, &km, Msg::Api(id, Response::Pools(Ok(pools)), 0));
        let (id, req) = one_call(&update(&mut m, &km, key(KeyCode::Char('I'))));
        assert_eq!(
            req,
            Request::IdentityPools {
                user_pool: Some("us-east-1_abc".into())
            }
        );
        let text = (
            "Identity pools trusting us-east-1_abc: 1 of 2".to_owned(),
            vec!["ids  us-east-1:1".to_owned()],
        );
        update(
            &mut m,
            &km,
            Msg::Api(id, Response::IdentityPools(Ok(text)), 0),
        );
        let o = m.overlay.as_ref().expect("the overlay");
        assert!(o.title.contains("trusting us-east-1_abc"));
        assert_eq!(o.lines, ["ids  us-east-1:1"]);
        update(&mut m, &km, key(KeyCode::Esc));
        assert!(m.overlay.is_none());
        update(&mut m, &km, key(KeyCode::Char(':')));
        for c in "identity-pools".chars() {
            update(&mut m, &km, key(KeyCode::Char(c)));
        }
        let (_, req) = one_call(&update(&mut m, &km, key(KeyCode::Enter)));
        assert_eq!(req, Request::IdentityPools { user_pool: None });
    }
}
