//! `:domain`, `:scopes`, `:providers`: open the current pool's detail and load what its
//! managed login depends on (the domain, resource servers with their scopes, identity
//! providers), shown on top of the detail. Pure.

use super::navigation::{current_pool, goto_pool_view, no_pool};
use crate::core::effect::{Effect, Request};
use crate::core::hosted::{HostedRequest, HostedResponse};
use crate::core::model::{Level, Loadable, Model, View};

pub(super) fn open(model: &mut Model) -> Vec<Effect> {
    let Some(pool) = current_pool(model) else {
        return no_pool(model);
    };
    let mut fx = goto_pool_view(
        model,
        |p| View::PoolDetail {
            pool_id: p.id,
            name: p.name,
        },
        false,
    );
    let id = model.fresh_id();
    let mut slot = Loadable::default();
    slot.start(id);
    model.managed_login = Some((pool.id.clone(), slot));
    if let Some(d) = model.detail.as_mut() {
        d.scroll = 0;
    }
    fx.push(Effect::Call(
        id,
        Request::Hosted(HostedRequest::ManagedLogin { pool_id: pool.id }),
    ));
    fx
}

/// Whether `id` is the managed-login load in flight.
pub(super) fn owns(model: &Model, id: u64) -> bool {
    model
        .managed_login
        .as_ref()
        .is_some_and(|(_, l)| l.is_current(id))
}

pub(super) fn on_response(model: &mut Model, _id: u64, response: HostedResponse) -> Vec<Effect> {
    let Some((_, slot)) = model.managed_login.as_mut() else {
        return vec![];
    };
    match response {
        HostedResponse::ManagedLogin(m) => slot.loaded(*m),
        HostedResponse::Failed(e) => {
            let text = format!("managed login: {e}");
            slot.failed(e);
            model.flash(Level::Error, text);
        }
        _ => {}
    }
    vec![]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::input::keymap::Keymap;
    use crate::core::model::{Context, PoolRef};
    use crate::core::msg::{Msg, Response};
    use crate::core::update::update;
    use crate::domain::oauth::{ManagedLogin, PoolDomain};

    #[test]
    fn the_command_opens_the_pool_detail_and_loads_the_managed_login() {
        let mut m = Model::new(Context::default());
        m.stack.push(View::Users(PoolRef {
            id: "us-east-1_X".into(),
            name: "shop".into(),
        }));
        let fx = open(&mut m);
        assert!(matches!(m.view(), View::PoolDetail { pool_id, .. } if pool_id == "us-east-1_X"));
        let Some(Effect::Call(id, Request::Hosted(HostedRequest::ManagedLogin { pool_id }))) =
            fx.last()
        else {
            panic!("{fx:?}")
        };
        assert_eq!(pool_id, "us-east-1_X");
        let loaded = ManagedLogin {
            domain: Some(PoolDomain {
                domain: "shop".into(),
                ..Default::default()
            }),
            ..Default::default()
        };
        let msg = Msg::Api(
            *id,
            Response::Hosted(HostedResponse::ManagedLogin(Box::new(loaded.clone()))),
            0,
        );
        update(&mut m, &Keymap::default(), msg);
        let (pool, slot) = m.managed_login.as_ref().unwrap();
        assert_eq!(
            (pool.as_str(), slot.data.as_ref()),
            ("us-east-1_X", Some(&loaded))
        );
    }

    #[test]
    fn without_a_pool_it_says_so() {
        let mut m = Model::new(Context::default());
        assert!(open(&mut m).is_empty());
        assert!(m.managed_login.is_none());
    }
}
