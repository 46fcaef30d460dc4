//! Workshop mode's tables: presenter refusals and the timed reveal, the tour's keys and
//! follow-ups, copy, and the session transcript after a sign-in and a token call.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::core::effect::{Effect, Request};
use crate::core::input::keymap::Keymap;
use crate::core::model::workshop::{REVEAL_TICKS, Revealable};
use crate::core::model::{Mode, View};
use crate::core::msg::{Msg, Response};
use crate::core::update::runner::tests::{key, model, signed_in, typed};
use crate::core::update::update;
use crate::domain::PoolSummary;

fn ctrl(m: &mut crate::core::model::Model, c: char) -> Vec<Effect> {
    update(
        m,
        &Keymap::default(),
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
}

fn command(m: &mut crate::core::model::Model, line: &str) -> Vec<Effect> {
    key(m, KeyCode::Char(':'));
    typed(m, line);
    key(m, KeyCode::Enter)
}

fn flash(m: &crate::core::model::Model) -> String {
    m.flash.as_ref().map(|f| f.text.clone()).unwrap_or_default()
}

#[test]
fn presenter_toggles_and_refuses_the_client_secret_and_unmasking() {
    let mut m = model();
    command(&mut m, "presenter");
    assert!(m.workshop.presenter);
    assert!(flash(&m).contains("presenter mode on"));
    let fx = crate::core::update::act(&mut m, crate::core::input::action::Action::Reveal);
    assert!(fx.is_empty(), "no DescribeUserPoolClient call: {fx:?}");
    assert!(
        flash(&m).contains("client secret is not shown"),
        "{}",
        flash(&m)
    );
    crate::core::update::act(&mut m, crate::core::input::action::Action::ToggleMask);
    assert!(flash(&m).contains("passwords stay masked"));
    command(&mut m, "presenter");
    assert!(!m.workshop.presenter);
}

#[test]
fn a_reveal_masks_again_after_its_ticks() {
    let mut m = model();
    m.workshop.presenter = true;
    // Nothing to reveal outside a code prompt.
    ctrl(&mut m, 'r');
    assert!(m.workshop.revealed.is_none());
    m.auth = Some(crate::core::model::runner::AuthState::new(
        crate::core::model::PoolRef {
            id: "p".into(),
            name: "p".into(),
        },
        None,
    ));
    if let Some(a) = &mut m.auth {
        a.stage = crate::core::model::runner::Stage::Prompt(crate::auth::Prompt::Code {
            challenge: "SOFTWARE_TOKEN_MFA".into(),
            kind: crate::auth::CodeKind::Totp,
            destination: None,
            medium: None,
        });
    }
    m.stack
        .push(View::Auth(m.auth.as_ref().unwrap().pool.clone()));
    assert!(!m.workshop.shows(Revealable::Code, m.ticks));
    crate::core::update::act(&mut m, crate::core::input::action::Action::RevealBriefly);
    assert!(m.workshop.shows(Revealable::Code, m.ticks));
    assert!(
        !m.workshop.shows(Revealable::TotpSecret, m.ticks),
        "per item"
    );
    assert!(m.needs_tick(), "the loop ticks while something is revealed");
    for _ in 0..REVEAL_TICKS - 1 {
        update(&mut m, &Keymap::default(), Msg::Tick);
    }
    assert!(m.workshop.shows(Revealable::Code, m.ticks));
    update(&mut m, &Keymap::default(), Msg::Tick);
    assert!(!m.workshop.shows(Revealable::Code, m.ticks), "masked again");
    assert!(m.workshop.revealed.is_none());
}

fn pool(id: &str, name: &str) -> PoolSummary {
    PoolSummary {
        id: id.into(),
        name: name.into(),
        created: None,
        modified: None,
        triggers_set: Some(0),
    }
}

fn with_pools(m: &mut crate::core::model::Model) {
    m.pools.list.loaded(vec![
        pool("us-east-1_other", "other"),
        pool("us-east-1_work", "cognito-workshop"),
    ]);
}

#[test]
fn the_tour_opens_chapters_moves_and_keeps_its_place() {
    let mut m = model();
    with_pools(&mut m);
    command(&mut m, "workshop");
    assert_eq!(m.mode(), Mode::Chapters);
    key(&mut m, KeyCode::Char('j'));
    let fx = key(&mut m, KeyCode::Enter);
    assert_eq!(m.mode(), Mode::Tour);
    let t = m.workshop.tour.as_ref().unwrap();
    assert_eq!(t.position(), "chapter 2 of 12");
    // The clients of the tour's pool, selected on workshop-server once they load.
    assert!(matches!(m.view(), View::Clients(p) if p.id == "us-east-1_work"));
    assert_eq!(m.pools.selected, 1);
    let Some(Effect::Call(id, Request::ListUserPoolClients { .. })) = fx.first() else {
        panic!("{fx:?}")
    };
    let rows = ["workshop-web", "workshop-server"].map(|n| crate::domain::ClientSummary {
        id: format!("id-{n}"),
        name: n.into(),
    });
    update(
        &mut m,
        &Keymap::default(),
        Msg::Api(
            *id,
            Response::Clients(Ok(crate::domain::Page {
                items: rows.to_vec(),
                next_token: None,
            })),
            0,
        ),
    );
    assert_eq!(m.clients.as_ref().unwrap().selected, 1);
    // Keys the panel does not take go to the pane below.
    key(&mut m, KeyCode::Char('k'));
    assert_eq!(m.clients.as_ref().unwrap().selected, 0);
    // Enter performs the step (open the selected client) once, then goes to the pane.
    key(&mut m, KeyCode::Char('j'));
    key(&mut m, KeyCode::Enter);
    assert!(matches!(m.view(), View::ClientDetail { name, .. } if name == "workshop-server"));
    assert!(m.workshop.tour.as_ref().unwrap().performed);
    key(&mut m, KeyCode::Char('['));
    assert_eq!(
        m.workshop.tour.as_ref().unwrap().position(),
        "chapter 1 of 12"
    );
    key(&mut m, KeyCode::Char('['));
    assert!(flash(&m).contains("first chapter"));
    key(&mut m, KeyCode::Esc);
    assert_eq!(m.mode(), m.view_mode(), "the panel is hidden");
    assert!(flash(&m).contains("left the tour at chapter 1 of 12"));
    command(&mut m, "workshop");
    assert_eq!(
        m.workshop.tour.as_ref().unwrap().list,
        Some(0),
        "on its place"
    );
}

#[test]
fn a_chapter_on_a_pool_that_is_not_there_says_so() {
    let mut m = model();
    command(&mut m, "workshop");
    key(&mut m, KeyCode::Enter);
    assert!(
        flash(&m).contains("needs the pool cognito-workshop"),
        "{}",
        flash(&m)
    );
    assert_eq!(m.stack, vec![View::Pools]);
    // Enter does nothing live on it (no runner on another pool).
    assert!(key(&mut m, KeyCode::Enter).is_empty());
    assert!(m.auth.is_none());
}

#[test]
fn copy_names_what_it_copied_and_never_the_refresh_token() {
    let mut m = model();
    with_pools(&mut m);
    m.pools.selected = 1;
    let fx = key(&mut m, KeyCode::Char('Y'));
    assert_eq!(fx, vec![Effect::Copy("us-east-1_work".into())]);
    assert!(flash(&m).contains("copied the pool id (us-east-1_work)"));

    let mut m = model();
    signed_in(&mut m);
    m.workshop.presenter = true;
    let fx = key(&mut m, KeyCode::Char('Y'));
    let [Effect::Copy(text)] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert!(text.contains("\"custom:role\": \"instructor\""), "{text}");
    key(&mut m, KeyCode::Tab);
    key(&mut m, KeyCode::Tab);
    assert!(key(&mut m, KeyCode::Char('Y')).is_empty());
    assert!(flash(&m).contains("refresh token is never copied"));
}

#[test]
fn the_session_transcript_holds_the_run_its_claims_and_token_calls() {
    let mut m = model();
    signed_in(&mut m);
    let fx = key(&mut m, KeyCode::Char('i'));
    let [Effect::Call(id, Request::GetUser { .. })] = &fx[..] else {
        panic!("{fx:?}")
    };
    update(
        &mut m,
        &Keymap::default(),
        Msg::Api(*id, Response::AuthAction(Ok("emma".into())), 1_795_000_060),
    );
    let fx = key(&mut m, KeyCode::Char('x'));
    let [Effect::Call(_, Request::Export { markdown, .. })] = &fx[..] else {
        panic!("{fx:?}")
    };
    for want in [
        "# Sign-in session transcript",
        "USER_PASSWORD_AUTH · emma · signed in",
        "NEW_PASSWORD_REQUIRED",
        "Tokens issued",
        "\"custom:role\": \"instructor\"",
        "GetUser",
        "✓ emma",
    ] {
        assert!(markdown.contains(want), "{want:?} in:\n{markdown}");
    }
    assert!(!markdown.contains("opaque-refresh-token-value"));
    assert!(!markdown.contains("Hunter2-Secret!"));
    assert!(!markdown.contains("c2lnbmF0dXJl"), "no raw token");
}

#[test]
fn presenter_mode_shortens_access_key_ids() {
    let mut m = model();
    assert_eq!(m.workshop.key_id("ASIAEXAMPLEKEY12"), "ASIAEXAMPLEKEY12");
    m.workshop.presenter = true;
    assert_eq!(m.workshop.key_id("ASIAEXAMPLEKEY12"), "ASIA…12");
    assert_eq!(m.workshop.key_id("ASIA"), "ASIA");
}

#[test]
fn a_click_on_the_tour_panel_picks_no_row_below_it() {
    let mut m = model();
    with_pools(&mut m);
    update(&mut m, &Keymap::default(), Msg::Resize(100, 30));
    command(&mut m, "workshop");
    key(&mut m, KeyCode::Enter);
    let click = |row| {
        Msg::Mouse(crossterm::event::MouseEvent {
            kind: crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
            column: 5,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    assert!(super::on_panel(&m, 26));
    assert!(!super::on_panel(&m, 5));
    let before = m.attributes_selected;
    update(&mut m, &Keymap::default(), click(26));
    assert_eq!(m.attributes_selected, before);
}

#[test]
fn the_credentials_exchange_goes_into_the_transcript_and_presenter_mode_shortens_its_key() {
    let mut m = model();
    signed_in(&mut m);
    let fx = crate::core::update::runner::identity::tests::c_with_one_pool(&mut m);
    let [Effect::Call(id, Request::Credentials(_))] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    let view = crate::domain::identity::CredentialsView {
        identity_pool_name: "ids".into(),
        identity_pool_id: "us-east-1:1".into(),
        access_key_id: Some("ASIAEXAMPLEKEY12".into()),
        caller_arn: Some("arn:aws:sts::1:assumed-role/Auth/CognitoIdentityCredentials".into()),
        lines: vec!["AccessKeyId ASIAEXAMPLEKEY12, SecretKey ****".into()],
        ..Default::default()
    };
    let now = m.now;
    update(
        &mut m,
        &Keymap::default(),
        Msg::Api(*id, Response::Credentials(Ok(view)), now),
    );
    let fx = key(&mut m, KeyCode::Char('x'));
    let [Effect::Call(_, Request::Export { markdown, .. })] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert!(markdown.contains("Identity-pool credentials"), "{markdown}");
    assert!(markdown.contains("ASIA…12"), "{markdown}");
    assert!(markdown.contains("assumed-role/Auth"), "{markdown}");
    assert!(!markdown.contains("ASIAEXAMPLEKEY12"), "{markdown}");

    let stored = m.auth.as_ref().unwrap().credentials.clone().unwrap();
    assert_eq!(
        m.workshop.credentials(&stored),
        stored,
        "unchanged outside presenter mode"
    );
    m.workshop.presenter = true;
    let shown = m.workshop.credentials(&stored);
    assert_eq!(shown.access_key_id.as_deref(), Some("ASIA…12"));
    assert!(shown.lines.iter().all(|l| !l.contains("ASIAEXAMPLEKEY12")));
}
