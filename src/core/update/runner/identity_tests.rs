//! The runner's `c` / `C`: the trusting pools found first, one pool exchanged straight away,
//! several (or `C`) in the chooser (move, flow, refusal in place, Enter, Esc), stale answers
//! dropped.

use crossterm::event::KeyCode;

use super::super::tests::{key, model, signed_in};
use super::*;
use crate::core::input::keymap::Keymap;
use crate::core::model::Mode;
use crate::core::msg::{Msg, Response};
use crate::core::update::update;

fn pool(n: u8, classic: bool) -> IdentityPool {
    IdentityPool {
        id: format!("us-east-1:0000000{n}"),
        name: format!("ids-{n}"),
        allow_classic_flow: classic,
        allow_unauthenticated: n == 2,
        ..Default::default()
    }
}

/// The one search for the trusting pools `fx` holds: its id (the provider checked).
fn finding(fx: &[Effect]) -> u64 {
    let [
        Effect::Call(
            id,
            Request::TrustingPools {
                pool_id,
                client_id,
                provider,
            },
        ),
    ] = fx
    else {
        panic!("one search for the trusting pools: {fx:?}")
    };
    assert_eq!(pool_id, "us-east-1_AbCdEf123");
    assert_eq!(client_id, "client-1");
    assert_eq!(
        provider,
        "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123"
    );
    *id
}

fn pools(m: &mut Model, id: u64, r: Result<Vec<IdentityPool>, CognitoError>) -> Vec<Effect> {
    let now = m.now;
    update(
        m,
        &Keymap::default(),
        Msg::Api(id, Response::TrustingPools(r), now),
    )
}

/// `c` with one trusting pool: the exchange's effects.
pub(crate) fn c_with_one_pool(m: &mut Model) -> Vec<Effect> {
    let fx = key(m, KeyCode::Char('c'));
    let id = finding(&fx);
    pools(m, id, Ok(vec![pool(1, false)]))
}

fn exchange_of(fx: &[Effect]) -> (u64, CredentialsRequest) {
    let [Effect::Call(id, Request::Credentials(req))] = fx else {
        panic!("one exchange call: {fx:?}")
    };
    (*id, req.clone())
}

#[test]
fn c_sends_the_id_token_once_and_the_answer_lands_in_the_pane() {
    let mut m = model();
    signed_in(&mut m);
    let now = m.now;
    let fx = c_with_one_pool(&mut m);
    let (id, req) = exchange_of(&fx);
    assert_eq!(req.client_id, "client-1");
    // The provider the search used goes with the exchange.
    assert_eq!(
        req.provider,
        "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123"
    );
    assert!(!req.id_token.is_empty());
    assert!(m.auth.as_ref().unwrap().is_busy());
    assert!(
        key(&mut m, KeyCode::Char('c')).is_empty(),
        "not twice at once"
    );
    let view = CredentialsView {
        identity_pool_name: "ids".into(),
        identity_pool_id: "us-east-1:1".into(),
        access_key_id: Some("ASIAX".into()),
        differs: Some(true),
        ..Default::default()
    };
    update(
        &mut m,
        &Keymap::default(),
        Msg::Api(id, Response::Credentials(Ok(view.clone())), now),
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
    let (id2, _) = exchange_of(&c_with_one_pool(&mut m));
    let e = CognitoError::new(
        crate::domain::ErrorKind::NotFound,
        "no identity pool trusts it",
    );
    update(
        &mut m,
        &Keymap::default(),
        Msg::Api(id, Response::Credentials(Err(e.clone())), now),
    );
    assert!(m.auth.as_ref().unwrap().exchange.is_some());
    update(
        &mut m,
        &Keymap::default(),
        Msg::Api(id2, Response::Credentials(Err(e)), now),
    );
    let s = m.auth.as_ref().unwrap();
    assert!(s.notes.last().unwrap().1.contains("no identity pool"));
    assert_eq!(s.credentials.as_ref(), Some(&view), "the last view stays");
}

#[test]
fn one_pool_is_exchanged_straight_away_by_the_enhanced_flow() {
    let mut m = model();
    signed_in(&mut m);
    let (_, req) = exchange_of(&c_with_one_pool(&mut m));
    assert_eq!(req.identity_pool_id, "us-east-1:00000001");
    assert_eq!(req.identity_pool_name, "ids-1");
    assert!(!req.basic);
    let s = m.auth.as_ref().unwrap();
    assert!(s.chooser.is_none() && s.finding.is_none());
    assert_eq!(m.mode(), Mode::Tokens);
}

#[test]
fn no_trusting_pool_is_a_note_and_nothing_more() {
    let mut m = model();
    signed_in(&mut m);
    let id = finding(&key(&mut m, KeyCode::Char('c')));
    let e = CognitoError::new(
        crate::domain::ErrorKind::NotFound,
        "no identity pool in this region trusts app client client-1 of us-east-1_AbCdEf123",
    );
    assert!(pools(&mut m, id, Err(e)).is_empty());
    let s = m.auth.as_ref().unwrap();
    assert!(s.chooser.is_none() && s.finding.is_none() && s.exchange.is_none());
    let (level, text) = s.notes.last().unwrap();
    assert_eq!(*level, Level::Error);
    assert!(text.contains("no identity pool in this region trusts app client client-1"));
}

#[test]
fn two_pools_open_the_chooser_and_enter_exchanges_the_one_picked_by_the_flow_picked() {
    let mut m = model();
    signed_in(&mut m);
    let id = finding(&key(&mut m, KeyCode::Char('c')));
    assert!(pools(&mut m, id, Ok(vec![pool(1, false), pool(2, true)])).is_empty());
    assert_eq!(m.mode(), Mode::PoolChoice);
    let c = m.auth.as_ref().unwrap().chooser.clone().unwrap();
    assert_eq!((c.selected, c.basic, c.pools.len()), (0, false, 2));
    // Down, then → for the basic flow, which the second pool allows.
    assert!(key(&mut m, KeyCode::Char('j')).is_empty());
    assert!(key(&mut m, KeyCode::Down).is_empty(), "stays on the last");
    assert!(key(&mut m, KeyCode::Right).is_empty());
    let c = m.auth.as_ref().unwrap().chooser.clone().unwrap();
    assert_eq!((c.selected, c.basic, c.refusal), (1, true, None));
    let (_, req) = exchange_of(&key(&mut m, KeyCode::Enter));
    assert_eq!(req.identity_pool_id, "us-east-1:00000002");
    assert_eq!(req.identity_pool_name, "ids-2");
    assert!(req.basic);
    assert_eq!(req.pool_id, "us-east-1_AbCdEf123");
    let s = m.auth.as_ref().unwrap();
    assert!(s.chooser.is_none() && s.exchange.is_some());
    assert_eq!(m.mode(), Mode::Tokens);
}

#[test]
fn capital_c_opens_the_chooser_for_one_pool_and_left_goes_back_to_enhanced() {
    let mut m = model();
    signed_in(&mut m);
    let id = finding(&key(&mut m, KeyCode::Char('C')));
    assert!(pools(&mut m, id, Ok(vec![pool(2, true)])).is_empty());
    assert_eq!(m.mode(), Mode::PoolChoice);
    key(&mut m, KeyCode::Right);
    key(&mut m, KeyCode::Left);
    let (_, req) = exchange_of(&key(&mut m, KeyCode::Enter));
    assert!(!req.basic);
    assert_eq!(req.identity_pool_id, "us-east-1:00000002");
}

#[test]
fn the_basic_flow_on_a_pool_without_the_classic_flow_is_refused_in_place() {
    let mut m = model();
    signed_in(&mut m);
    let id = finding(&key(&mut m, KeyCode::Char('c')));
    pools(&mut m, id, Ok(vec![pool(1, false), pool(2, true)]));
    // → on the first pool: refused, the flow stays enhanced.
    assert!(key(&mut m, KeyCode::Right).is_empty());
    let c = m.auth.as_ref().unwrap().chooser.clone().unwrap();
    assert!(!c.basic);
    let why = c.refusal.expect("a reason in place");
    assert!(
        why.contains("ids-1") && why.contains("AllowClassicFlow off"),
        "{why}"
    );
    // Basic picked on the second pool, then back up to the first: Enter refuses, sends nothing.
    key(&mut m, KeyCode::Down);
    key(&mut m, KeyCode::Right);
    key(&mut m, KeyCode::Up);
    assert!(
        m.auth
            .as_ref()
            .unwrap()
            .chooser
            .as_ref()
            .unwrap()
            .refusal
            .is_none()
    );
    assert!(key(&mut m, KeyCode::Enter).is_empty(), "nothing sent");
    let s = m.auth.as_ref().unwrap();
    let c = s.chooser.as_ref().expect("still choosing");
    assert!(c.refusal.as_deref().unwrap().contains("ids-1"));
    assert!(s.exchange.is_none());
    assert_eq!(m.mode(), Mode::PoolChoice);
}

#[test]
fn esc_goes_back_to_the_tokens_and_a_late_answer_is_dropped() {
    let mut m = model();
    signed_in(&mut m);
    // Esc in the chooser: back to the tokens, nothing sent, the runner still open.
    let id = finding(&key(&mut m, KeyCode::Char('c')));
    pools(&mut m, id, Ok(vec![pool(1, false), pool(2, true)]));
    assert!(key(&mut m, KeyCode::Esc).is_empty());
    assert_eq!(m.mode(), Mode::Tokens);
    assert!(m.auth.as_ref().unwrap().chooser.is_none());
    // The same answer again (late, duplicated): dropped.
    assert!(pools(&mut m, id, Ok(vec![pool(1, false), pool(2, true)])).is_empty());
    assert!(m.auth.as_ref().unwrap().chooser.is_none());
    // Esc while the search is in flight: cancelled; its answer, when it comes, is dropped.
    let id = finding(&key(&mut m, KeyCode::Char('c')));
    assert!(key(&mut m, KeyCode::Esc).is_empty());
    assert_eq!(m.mode(), Mode::Tokens);
    assert!(m.auth.as_ref().unwrap().finding.is_none());
    assert!(
        pools(&mut m, id, Ok(vec![pool(1, false)])).is_empty(),
        "no exchange"
    );
    assert!(m.auth.as_ref().unwrap().exchange.is_none());
    // Esc while the exchange is in flight: its view is dropped too.
    let (id, _) = exchange_of(&c_with_one_pool(&mut m));
    key(&mut m, KeyCode::Esc);
    let now = m.now;
    let view = CredentialsView {
        identity_pool_name: "ids-1".into(),
        identity_pool_id: "us-east-1:00000001".into(),
        ..Default::default()
    };
    update(
        &mut m,
        &Keymap::default(),
        Msg::Api(id, Response::Credentials(Ok(view)), now),
    );
    assert!(m.auth.as_ref().unwrap().credentials.is_none());
    // A newer search replaces nothing while one is in flight; the first answer still counts.
    let id = finding(&key(&mut m, KeyCode::Char('c')));
    assert!(key(&mut m, KeyCode::Char('C')).is_empty());
    pools(&mut m, id, Ok(vec![pool(1, false), pool(2, true)]));
    assert_eq!(m.mode(), Mode::PoolChoice);
}
