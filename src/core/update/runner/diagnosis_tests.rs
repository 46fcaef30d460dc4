//! The runner's pre-flight and diagnosis through `update`: facts read for the set-up, a
//! failure diagnosed (after reading the facts it lacks), auth events beside it; the user
//! detail's auth events and feedback (a write, refused read-only).

use crossterm::event::KeyCode;

use super::super::tests::{key, model, opened, typed};
use crate::auth::diagnose::{AuthEvent, Fact, PoolFacts, SignInFacts};
use crate::core::effect::{Effect, Request, Write};
use crate::core::input::keymap::Keymap;
use crate::core::model::diagnosis::Events;
use crate::core::model::preflight::setup_preflight;
use crate::core::model::runner::{SetupField, Stage};
use crate::core::model::{Model, PoolRef, View};
use crate::core::msg::{Msg, Response};
use crate::core::update::update;
use crate::domain::{AppClient, CognitoError, ErrorKind, Page, PoolDetail, User};

const NOW: i64 = 1_795_000_000;

fn calls(fx: &[Effect]) -> Vec<(u64, Request)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Call(id, r) => Some((*id, r.clone())),
            _ => None,
        })
        .collect()
}

fn answer(m: &mut Model, id: u64, r: Response) -> Vec<Effect> {
    update(m, &Keymap::default(), Msg::Api(id, r, NOW))
}

fn facts(user: Option<&str>, threat_protection: bool) -> SignInFacts {
    SignInFacts {
        pool: Fact::Known(PoolFacts {
            detail: PoolDetail {
                alias_attributes: vec!["email".into()],
                ..Default::default()
            },
            advanced_security: threat_protection.then(|| "AUDIT".to_owned()),
            first_factors: None,
        }),
        client: Fact::Known(AppClient {
            id: "client-1".into(),
            name: "workshop-web".into(),
            explicit_auth_flows: vec!["ALLOW_USER_PASSWORD_AUTH".into()],
            prevent_user_existence_errors: Some("ENABLED".into()),
            ..Default::default()
        }),
        user: Fact::Known(user.map(|u| User {
            username: u.into(),
            status: Some("CONFIRMED".into()),
            enabled: true,
            ..Default::default()
        })),
    }
}

fn the_read(fx: &[Effect]) -> (u64, Option<String>) {
    match calls(fx).as_slice() {
        [(id, Request::SignInFacts { username, .. })] => (*id, username.clone()),
        other => panic!("expected one SignInFacts read, got {other:?}"),
    }
}

/// The runner opened on one client: the clients' arrival asked for the facts (no username).
fn ready() -> (Model, u64) {
    let mut m = model();
    opened(&mut m);
    let (id, key) = m
        .auth
        .as_ref()
        .unwrap()
        .diag
        .reading
        .clone()
        .expect("a read on its way");
    assert_eq!(key, ("client-1".into(), None));
    (m, id)
}

#[test]
fn the_set_up_shows_the_pre_flight_and_reads_the_user_when_the_focus_moves_on() {
    let (mut m, id) = ready();
    assert!(
        setup_preflight(m.auth.as_ref().unwrap()).is_none(),
        "nothing before the read"
    );
    answer(
        &mut m,
        id,
        Response::SignInFacts(Box::new(facts(None, false))),
    );
    let checks = setup_preflight(m.auth.as_ref().unwrap()).expect("a pre-flight");
    let text: Vec<String> = checks.iter().map(|c| c.to_string()).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("PreventUserExistenceErrors is ENABLED")),
        "{text:?}"
    );
    // Type a name and Tab past the field.
    typed(&mut m, "emma");
    let (_, username) = the_read(&key(&mut m, KeyCode::Tab));
    assert_eq!(username.as_deref(), Some("emma"));
    assert_eq!(m.auth.as_ref().unwrap().focus, SetupField::StepThrough);
    // Moving again asks nothing more: that read is on its way.
    assert!(calls(&key(&mut m, KeyCode::Tab)).is_empty());
}

fn failed_sign_in(m: &mut Model) -> Vec<Effect> {
    m.auth.as_mut().unwrap().flow = 1; // USER_PASSWORD_AUTH
    m.auth.as_mut().unwrap().focus = SetupField::Username;
    typed(m, "emma");
    let started = key(m, KeyCode::Enter);
    typed(m, "wrong");
    let fx = key(m, KeyCode::Enter);
    let (id, _) = calls(&fx)
        .into_iter()
        .find(|(_, r)| matches!(r, Request::Auth(_)))
        .expect("InitiateAuth");
    let failed = answer(
        m,
        id,
        Response::Auth(Err(CognitoError {
            kind: ErrorKind::NotAuthorized,
            code: Some("NotAuthorizedException".into()),
            message: "Incorrect username or password.".into(),
            request_id: None,
        })),
    );
    // The effects of the run's start (a read of its facts, when they were not at hand) and
    // of its failure.
    started.into_iter().chain(failed).collect()
}

#[test]
fn a_failure_waits_for_its_facts_then_is_diagnosed_with_the_auth_events_beside_it() {
    diagnosed();
}

/// A wrong password, diagnosed once the facts of its user arrived, with one auth event
/// beside it.
pub(crate) fn diagnosed() -> Model {
    let (mut m, id) = ready();
    answer(
        &mut m,
        id,
        Response::SignInFacts(Box::new(facts(None, true))),
    );
    // Enter straight from the username: its user was not read yet, so the run's start reads
    // it, and its pre-flight says so until the answer.
    let fx = failed_sign_in(&mut m);
    let s = m.auth.as_ref().unwrap();
    assert!(matches!(s.stage, Stage::Failed(_)));
    assert!(s.diag.waiting && s.diag.diagnoses.is_empty());
    let user_line = |m: &Model| {
        m.auth
            .as_ref()
            .unwrap()
            .diag
            .preflight
            .iter()
            .any(|c| c.to_string().contains("user emma is CONFIRMED"))
    };
    assert!(!user_line(&m), "{:?}", s.diag.preflight);
    let (read, username) = the_read(&fx);
    assert_eq!(username.as_deref(), Some("emma"));
    let fx = answer(
        &mut m,
        read,
        Response::SignInFacts(Box::new(facts(Some("emma"), true))),
    );
    assert!(user_line(&m), "the run's pre-flight now has its user");
    let s = m.auth.as_ref().unwrap();
    let (at, d) = s.diag.diagnoses.last().expect("diagnosed");
    assert_eq!(*at, 1, "beside the first (failed) step");
    assert_eq!(d.headline(), "likely: the password is wrong for emma");
    let events = match calls(&fx).as_slice() {
        [(id, Request::AuthEvents { username, .. })] if username == "emma" => *id,
        other => panic!("expected the auth events, got {other:?}"),
    };
    let event = AuthEvent {
        id: "e1".into(),
        event_type: "SignIn".into(),
        response: Some("Fail".into()),
        ..Default::default()
    };
    answer(
        &mut m,
        events,
        Response::AuthEvents(Ok(Page {
            items: vec![event.clone()],
            next_token: None,
        })),
    );
    assert_eq!(
        m.auth.as_ref().unwrap().diag.events,
        Some((1, Events::Loaded(vec![event])))
    );
    m
}

#[test]
fn without_threat_protection_the_events_say_so_and_nothing_is_asked() {
    let (mut m, id) = ready();
    let s = m.auth.as_mut().unwrap();
    s.username.set("emma");
    s.flow = 1;
    // The facts already fit the sign-in: it is diagnosed at once.
    s.diag.reading = Some((id, ("client-1".into(), Some("emma".into()))));
    answer(
        &mut m,
        id,
        Response::SignInFacts(Box::new(facts(Some("emma"), false))),
    );
    m.auth.as_mut().unwrap().username.set("");
    let fx = failed_sign_in(&mut m);
    assert!(calls(&fx).is_empty(), "{fx:?}");
    let s = m.auth.as_ref().unwrap();
    assert_eq!(s.diag.diagnoses.len(), 1);
    assert!(
        matches!(&s.diag.events, Some((1, Events::None(why))) if why.contains("no threat protection"))
    );
    // The run kept the pre-flight it started with.
    assert!(
        s.diag
            .preflight
            .iter()
            .any(|c| c.to_string().contains("user emma is CONFIRMED"))
    );
}

fn user_detail(read_only: bool) -> Model {
    let mut m = model();
    m.ctx.read_only = read_only;
    let pool = PoolRef {
        id: "us-east-1_AbCdEf123".into(),
        name: "workshop".into(),
    };
    m.stack.push(View::UserDetail {
        pool,
        username: "emma".into(),
    });
    crate::core::update::navigation::load_user(&mut m, "us-east-1_AbCdEf123".into(), "emma".into());
    m
}

#[test]
fn the_user_detail_shows_auth_events_and_takes_feedback_unless_read_only() {
    for read_only in [false, true] {
        let mut m = user_detail(read_only);
        let fx = update(
            &mut m,
            &Keymap::default(),
            Msg::Key(crossterm::event::KeyEvent::new(
                KeyCode::Char('H'),
                crossterm::event::KeyModifiers::SHIFT,
            )),
        );
        let id = match calls(&fx).as_slice() {
            [(id, Request::AuthEvents { username, .. })] if username == "emma" => *id,
            other => panic!("expected AdminListUserAuthEvents, got {other:?}"),
        };
        let event = AuthEvent {
            id: "ev-9".into(),
            event_type: "SignIn".into(),
            ..Default::default()
        };
        answer(
            &mut m,
            id,
            Response::AuthEvents(Ok(Page {
                items: vec![event],
                next_token: None,
            })),
        );
        assert!(
            matches!(&m.user.as_ref().unwrap().events, Some(Events::Loaded(l)) if l.len() == 1)
        );
        let fx = super::super::super::admin::auth_events::feedback(&mut m, "1 valid");
        if read_only {
            assert!(fx.is_empty(), "nothing is sent read-only");
            assert!(
                m.flash
                    .as_ref()
                    .is_some_and(|f| f.text.contains("read-only"))
            );
        } else {
            match calls(&fx).as_slice() {
                [
                    (
                        _,
                        Request::Write {
                            write:
                                Write::AuthEventFeedback {
                                    event_id, value, ..
                                },
                            ..
                        },
                    ),
                ] => {
                    assert_eq!((event_id.as_str(), value.as_str()), ("ev-9", "Valid"));
                }
                other => panic!("expected the feedback write, got {other:?}"),
            }
            assert!(
                super::super::super::admin::auth_events::feedback(&mut m, "2 valid").is_empty()
            );
            assert!(
                super::super::super::admin::auth_events::feedback(&mut m, "1 maybe").is_empty()
            );
        }
    }
    // An endpoint without the call says so in place.
    let mut m = user_detail(false);
    let fx = super::super::super::admin::auth_events::load(&mut m);
    let id = calls(&fx)[0].0;
    answer(
        &mut m,
        id,
        Response::AuthEvents(Err(CognitoError::new(ErrorKind::Unsupported, "HTTP 500"))),
    );
    assert!(
        matches!(&m.user.as_ref().unwrap().events, Some(Events::None(why)) if why.contains("does not have AdminListUserAuthEvents"))
    );
}
