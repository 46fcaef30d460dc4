//! `:identity-pools` and `I` (from a user pool: the identity pools that trust it): ask the
//! executor for the pools as text (`domain::identity_report`) and show them in the text
//! overlay, scrollable. Pure.

use crate::core::effect::{Effect, Request};
use crate::core::model::{Level, Model, Overlay, PoolRef};
use crate::core::msg::RequestId;
use crate::domain::CognitoError;

/// Ask for the identity pools; for `user_pool`, those that trust it.
pub(super) fn open(model: &mut Model, user_pool: Option<PoolRef>) -> Vec<Effect> {
    let id = model.fresh_id();
    let what = match &user_pool {
        Some(p) => format!("reading the identity pools that trust {}…", p.name),
        None => "reading the identity pools…".to_owned(),
    };
    model.flash(Level::Info, what);
    model.identity_pools_request = Some(id);
    vec![Effect::Call(
        id,
        Request::IdentityPools {
            user_pool: user_pool.map(|p| p.id),
        },
    )]
}

/// The text arrived: the overlay; or why not, as a flash. An answer to an earlier read,
/// overtaken by a later one, is dropped.
pub(super) fn on_report(
    model: &mut Model,
    id: RequestId,
    result: Result<(String, Vec<String>), CognitoError>,
) -> Vec<Effect> {
    if model
        .identity_pools_request
        .take_if(|want| *want == id)
        .is_none()
    {
        return vec![];
    }
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

    /// The app started and listed one user pool, "shop" (us-east-1_abc).
    fn one_pool(km: &Keymap) -> Model {
        let mut m = Model::new(Context::default());
        let (id, _) = one_call(&init(&mut m));
        let pools = Page {
            items: vec![PoolSummary {
                id: "us-east-1_abc".into(),
                name: "shop".into(),
                created: None,
                modified: None,
                triggers_set: Some(0),
            }],
            next_token: None,
        };
        update(&mut m, km, Msg::Api(id, Response::Pools(Ok(pools)), 0));
        m
    }

    #[test]
    fn capital_i_and_the_command_ask_for_the_pools_and_show_them() {
        let km = Keymap::default();
        let mut m = one_pool(&km);
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

    #[test]
    fn an_answer_overtaken_by_a_later_read_is_dropped() {
        let km = Keymap::default();
        let mut m = one_pool(&km);
        let (first, _) = one_call(&update(&mut m, &km, key(KeyCode::Char('I'))));
        let (second, _) = one_call(&update(&mut m, &km, key(KeyCode::Char('I'))));
        let text = |title: &str| Ok((title.to_owned(), vec![]));
        let late = Response::IdentityPools(text("the later read"));
        let early = Response::IdentityPools(text("the earlier read"));
        update(&mut m, &km, Msg::Api(first, early, 0));
        assert!(m.overlay.is_none(), "the earlier read's answer is dropped");
        update(&mut m, &km, Msg::Api(second, late, 0));
        assert_eq!(m.overlay.as_ref().unwrap().title, "the later read");
        // A second copy of the same answer changes nothing either.
        update(&mut m, &km, key(KeyCode::Esc));
        let again = Response::IdentityPools(text("the later read"));
        update(&mut m, &km, Msg::Api(second, again, 0));
        assert!(m.overlay.is_none());
    }
}
