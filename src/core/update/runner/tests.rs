//! The runner view's tables: set-up keys, prompts and Cognito's replies in, model and effects out.

use super::*;
use crate::auth::Tokens;
use crate::auth::{AuthRequest, AuthResponse};
use crate::core::input::keymap::Keymap;
use crate::core::model::Context;
use crate::core::msg::{Msg, Response};
use crate::core::update::update;
use base64::Engine;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const NOW: i64 = 1_795_000_000;
const PASSWORD: &str = "Hunter2-Secret!";
const NEW_PASSWORD: &str = "Brand-New-Passw0rd";

pub(crate) fn model() -> Model {
    let mut m = Model::new(Context {
        region: "us-east-1".into(),
        endpoint: Some("http://127.0.0.1:4566".into()),
        ..Default::default()
    });
    m.now = NOW;
    m
}

pub(crate) fn fake_jwt(claims: serde_json::Value) -> String {
    let b = |v: &serde_json::Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
    };
    let header = serde_json::json!({"alg": "RS256", "kid": "test-key"});
    format!("{}.{}.c2lnbmF0dXJl", b(&header), b(&claims))
}

pub(crate) fn key(m: &mut Model, code: KeyCode) -> Vec<Effect> {
    update(
        m,
        &Keymap::default(),
        Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
    )
}

pub(crate) fn typed(m: &mut Model, text: &str) {
    for c in text.chars() {
        key(m, KeyCode::Char(c));
    }
}

fn one_call(fx: &[Effect]) -> (u64, Request) {
    match fx {
        [Effect::Call(id, r)] => (*id, r.clone()),
        other => panic!("expected one call, got {other:?}"),
    }
}

fn client(secret: Option<&str>) -> ClientAuthInfo {
    ClientAuthInfo {
        id: "client-1".into(),
        name: "workshop-web".into(),
        explicit_auth_flows: vec![
            "ALLOW_USER_PASSWORD_AUTH".into(),
            "ALLOW_USER_SRP_AUTH".into(),
            "ALLOW_REFRESH_TOKEN_AUTH".into(),
        ],
        secret: secret.map(Secret::new),
    }
}

/// Open the runner and load one client.
pub(crate) fn opened(m: &mut Model) {
    let pool = PoolRef {
        id: "us-east-1_AbCdEf123".into(),
        name: "workshop".into(),
    };
    let (id, req) = one_call(&open(m, pool, None, None));
    assert_eq!(
        req,
        Request::AuthClients {
            pool_id: "us-east-1_AbCdEf123".into()
        }
    );
    update(
        m,
        &Keymap::default(),
        Msg::Api(id, Response::AuthClients(Ok(vec![client(None)])), NOW),
    );
}

fn reply(m: &mut Model, id: u64, r: AuthResponse) -> Vec<Effect> {
    update(
        m,
        &Keymap::default(),
        Msg::Api(id, Response::Auth(Ok(Box::new(Reply::Auth(r)))), NOW),
    )
}

fn tokens_response() -> AuthResponse {
    let id = fake_jwt(serde_json::json!({
        "sub": "1", "token_use": "id", "custom:role": "instructor",
        "cognito:groups": ["instructor"], "exp": 1_795_003_600, "iat": 1_795_000_000,
        "iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123"
    }));
    let access = fake_jwt(serde_json::json!({
        "sub": "1", "token_use": "access", "username": "emma", "exp": 1_795_003_600
    }));
    AuthResponse {
        tokens: Some(Tokens {
            id_token: Some(Secret::new(id)),
            access_token: Secret::new(access),
            refresh_token: Some(Secret::new("opaque-refresh-token-value")),
            expires_in: 3600,
            token_type: "Bearer".into(),
        }),
        ..Default::default()
    }
}

/// Nothing is sent to sign in: the only calls (if any) read the sign-in's facts for its
/// pre-flight (a run started straight from the username field reads its user then).
pub(crate) fn only_reads_the_facts(fx: &[Effect]) -> bool {
    fx.iter().all(|e| match e {
        Effect::Call(_, r) => matches!(r, Request::SignInFacts { .. }),
        _ => true,
    })
}

/// USER_PASSWORD_AUTH → NEW_PASSWORD_REQUIRED → tokens, driven by keys and replies.
pub(crate) fn signed_in(m: &mut Model) {
    opened(m);
    // Pick USER_PASSWORD_AUTH: focus Flow, then → once.
    let s = m.auth.as_mut().unwrap();
    s.focus = SetupField::Flow;
    key(m, KeyCode::Right);
    assert_eq!(m.auth.as_ref().unwrap().selected_flow(), Flow::UserPassword);
    m.auth.as_mut().unwrap().focus = SetupField::Username;
    typed(m, "emma");
    assert!(
        only_reads_the_facts(&key(m, KeyCode::Enter)),
        "asks for the password first"
    );
    assert!(matches!(
        m.auth.as_ref().unwrap().stage,
        Stage::Prompt(Prompt::Password { .. })
    ));
    typed(m, PASSWORD);
    let (id, req) = one_call(&key(m, KeyCode::Enter));
    // Under way, the keys are the run's (retry, new run, export, back).
    assert_eq!(m.mode(), crate::core::model::Mode::Auth);
    let Request::Auth(AuthRequest::InitiateAuth {
        auth_flow, params, ..
    }) = &req
    else {
        panic!("{req:?}")
    };
    assert_eq!(*auth_flow, "USER_PASSWORD_AUTH");
    assert_eq!(params["PASSWORD"].expose(), PASSWORD);
    let fx = reply(
        m,
        id,
        AuthResponse {
            challenge_name: Some("NEW_PASSWORD_REQUIRED".into()),
            challenge_parameters: [
                ("USER_ID_FOR_SRP".to_string(), "emma".to_string()),
                ("requiredAttributes".to_string(), "[]".to_string()),
                (
                    "userAttributes".to_string(),
                    "{\"email\":\"emma@example.com\"}".to_string(),
                ),
            ]
            .into_iter()
            .collect(),
            session: Some(Secret::new("session-abc")),
            ..Default::default()
        },
    );
    assert!(fx.is_empty());
    typed(m, NEW_PASSWORD);
    let (id, req) = one_call(&key(m, KeyCode::Enter));
    let Request::Auth(AuthRequest::RespondToAuthChallenge {
        challenge_name,
        responses,
        session,
        ..
    }) = &req
    else {
        panic!("{req:?}")
    };
    assert_eq!(challenge_name, "NEW_PASSWORD_REQUIRED");
    assert_eq!(responses["NEW_PASSWORD"].expose(), NEW_PASSWORD);
    assert_eq!(session.as_ref().unwrap().expose(), "session-abc");
    let (jwks_id, jwks) = one_call(&reply(m, id, tokens_response()));
    assert_eq!(
        jwks,
        Request::Jwks {
            pool_id: "us-east-1_AbCdEf123".into()
        }
    );
    assert!(m.auth.as_ref().unwrap().jwks.is_current(jwks_id));
}

#[test]
fn a_demo_code_from_a_passed_window_is_renewed_when_sent() {
    use crate::auth::AssociateSoftwareTokenResponse;
    let mut m = model();
    opened(&mut m);
    let s = m.auth.as_mut().unwrap();
    s.focus = SetupField::Flow;
    key(&mut m, KeyCode::Right);
    m.auth.as_mut().unwrap().focus = SetupField::Username;
    typed(&mut m, "mia");
    key(&mut m, KeyCode::Enter);
    typed(&mut m, PASSWORD);
    let (id, _) = one_call(&key(&mut m, KeyCode::Enter));
    let (id, req) = one_call(&reply(
        &mut m,
        id,
        AuthResponse {
            challenge_name: Some("MFA_SETUP".into()),
            challenge_parameters: BTreeMap::from([(
                "MFAS_CAN_SETUP".into(),
                r#"["SOFTWARE_TOKEN_MFA"]"#.into(),
            )]),
            session: Some(Secret::new("session-1")),
            ..Default::default()
        },
    ));
    assert!(matches!(
        req,
        Request::Auth(AuthRequest::AssociateSoftwareToken { .. })
    ));
    let secret = "JBSWY3DPEHPK3PXP";
    update(
        &mut m,
        &Keymap::default(),
        Msg::Api(
            id,
            Response::Auth(Ok(Box::new(Reply::AssociateSoftwareToken(
                AssociateSoftwareTokenResponse {
                    secret_code: Secret::new(secret),
                    session: Some(Secret::new("session-2")),
                },
            )))),
            NOW,
        ),
    );
    assert!(matches!(
        m.auth.as_ref().unwrap().stage,
        Stage::Prompt(Prompt::MfaSetup { .. })
    ));
    update(
        &mut m,
        &Keymap::default(),
        Msg::Key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL)),
    );
    let then = totp::code(secret, NOW as u64).unwrap();
    let form = m.auth.as_ref().unwrap().form.as_ref().unwrap();
    assert!(form.generated);
    assert_eq!(form.fields[0].value.value(), then);
    // The presenter talks for 40 s, then presses Enter: the code sent is the current one.
    m.now = NOW + 40;
    let (_, req) = one_call(&key(&mut m, KeyCode::Enter));
    let Request::Auth(AuthRequest::VerifySoftwareToken { user_code, .. }) = &req else {
        panic!("{req:?}")
    };
    let current = totp::code(secret, (NOW + 40) as u64).unwrap();
    assert_ne!(then, current);
    assert_eq!(user_code.expose(), current);
}

#[test]
fn a_whole_sign_in_through_keys_and_replies() {
    let mut m = model();
    signed_in(&mut m);
    // Signed in, the keys are the tokens' (`c`, `i`, `f`, …), not the run's.
    assert_eq!(m.mode(), crate::core::model::Mode::Tokens);
    let s = m.auth.as_ref().unwrap();
    assert!(matches!(s.stage, Stage::SignedIn));
    let claims = &s
        .id_token
        .as_ref()
        .unwrap()
        .decoded
        .as_ref()
        .unwrap()
        .claims;
    assert_eq!(claims["custom:role"], "instructor");
    // No secret typed or received shows in the model's Debug output.
    let debug = format!("{m:?}");
    for secret in [
        PASSWORD,
        NEW_PASSWORD,
        "session-abc",
        "opaque-refresh-token-value",
    ] {
        assert!(!debug.contains(secret), "{secret} leaked into Debug");
    }
    // Nor in the exported transcript.
    let md = s.runner.as_ref().unwrap().transcript_markdown();
    for secret in [PASSWORD, NEW_PASSWORD, "session-abc"] {
        assert!(!md.contains(secret));
    }
}

#[test]
fn a_bad_jwks_signature_is_reported_not_hidden() {
    let mut m = model();
    signed_in(&mut m);
    let id = match m.auth.as_ref().unwrap().jwks.state {
        crate::core::model::LoadState::Loading(id) => id,
        ref s => panic!("{s:?}"),
    };
    update(
        &mut m,
        &Keymap::default(),
        Msg::Api(id, Response::Jwks(Ok("{\"keys\": []}".into())), NOW),
    );
    let v = m
        .auth
        .as_ref()
        .unwrap()
        .id_token
        .as_ref()
        .unwrap()
        .verdict
        .clone();
    let why = v.unwrap().unwrap_err();
    assert!(why.contains("test-key"), "{why}");
}

#[test]
fn sign_out_then_probes_the_old_token() {
    let mut m = model();
    signed_in(&mut m);
    let (id, req) = one_call(&key(&mut m, KeyCode::Char('o')));
    assert!(matches!(req, Request::GlobalSignOut { .. }));
    let fx = update(
        &mut m,
        &Keymap::default(),
        Msg::Api(id, Response::AuthAction(Ok("signed out".into())), NOW),
    );
    let (probe, req) = one_call(&fx);
    assert!(matches!(req, Request::GetUser { .. }));
    update(
        &mut m,
        &Keymap::default(),
        Msg::Api(
            probe,
            Response::AuthAction(Err(CognitoError {
                kind: crate::domain::ErrorKind::NotAuthorized,
                code: Some("NotAuthorizedException".into()),
                message: "Access Token has been revoked".into(),
                request_id: None,
            })),
            NOW,
        ),
    );
    let notes = &m.auth.as_ref().unwrap().notes;
    assert!(
        notes
            .iter()
            .any(|(_, t)| t.contains("refused, as expected")),
        "{notes:?}"
    );
}

#[test]
fn a_wrong_password_fails_in_place_and_retries() {
    let mut m = model();
    opened(&mut m);
    m.auth.as_mut().unwrap().flow = 1; // USER_PASSWORD_AUTH
    typed(&mut m, "emma");
    key(&mut m, KeyCode::Enter);
    typed(&mut m, "wrong");
    let (id, _) = one_call(&key(&mut m, KeyCode::Enter));
    update(
        &mut m,
        &Keymap::default(),
        Msg::Api(
            id,
            Response::Auth(Err(CognitoError {
                kind: crate::domain::ErrorKind::NotAuthorized,
                code: Some("NotAuthorizedException".into()),
                message: "Incorrect username or password.".into(),
                request_id: None,
            })),
            NOW,
        ),
    );
    let Stage::Failed(e) = &m.auth.as_ref().unwrap().stage else {
        panic!("failed stage expected")
    };
    assert!(e.retry.is_possible());
    // Enter retries: the password is asked again.
    key(&mut m, KeyCode::Enter);
    assert!(matches!(
        m.auth.as_ref().unwrap().stage,
        Stage::Prompt(Prompt::Password {
            failed_attempts: 1,
            ..
        })
    ));
}

#[test]
fn step_through_waits_for_enter() {
    let mut m = model();
    opened(&mut m);
    m.auth.as_mut().unwrap().flow = 1;
    update(
        &mut m,
        &Keymap::default(),
        Msg::Key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL)),
    );
    assert!(m.auth.as_ref().unwrap().step_through);
    typed(&mut m, "emma");
    key(&mut m, KeyCode::Enter);
    typed(&mut m, PASSWORD);
    assert!(key(&mut m, KeyCode::Enter).is_empty(), "queued, not sent");
    assert!(matches!(m.auth.as_ref().unwrap().stage, Stage::Queued(_)));
    let (_, req) = one_call(&key(&mut m, KeyCode::Enter));
    assert!(matches!(
        req,
        Request::Auth(AuthRequest::InitiateAuth { .. })
    ));
}

#[test]
fn srp_work_goes_off_the_loop() {
    let mut m = model();
    opened(&mut m);
    typed(&mut m, "alice");
    key(&mut m, KeyCode::Enter);
    typed(&mut m, PASSWORD);
    let (id, req) = one_call(&key(&mut m, KeyCode::Enter));
    let Request::Srp(job) = req else {
        panic!("{req:?}")
    };
    assert!(matches!(
        m.auth.as_ref().unwrap().stage,
        Stage::Computing(_)
    ));
    let done = job
        .take()
        .map(|w| w.run(time::OffsetDateTime::UNIX_EPOCH, &mut rand::rngs::OsRng))
        .ok_or_else(|| CognitoError::new(crate::domain::ErrorKind::Other, "taken"));
    let (_, next) = one_call(&update(
        &mut m,
        &Keymap::default(),
        Msg::Api(id, Response::Srp(done), NOW),
    ));
    let Request::Auth(AuthRequest::InitiateAuth {
        auth_flow, params, ..
    }) = next
    else {
        panic!()
    };
    assert_eq!(auth_flow, "USER_SRP_AUTH");
    assert!(params["SRP_A"].expose().len() > 700);
    let shown = &m.auth.as_ref().unwrap().srp_values;
    assert!(
        shown
            .iter()
            .any(|v| v.at == 0 && v.name == "A" && v.shown.ends_with("chars)")),
        "{shown:?}"
    );
}

#[test]
fn srp_work_that_failed_off_the_loop_fails_the_run_in_its_pane() {
    let mut m = model();
    opened(&mut m);
    typed(&mut m, "alice");
    key(&mut m, KeyCode::Enter);
    typed(&mut m, PASSWORD);
    let (id, _) = one_call(&key(&mut m, KeyCode::Enter));
    let failed = CognitoError::new(
        crate::domain::ErrorKind::Other,
        "the SRP computation failed: it panicked: injected",
    );
    let fx = update(
        &mut m,
        &Keymap::default(),
        Msg::Api(id, Response::Srp(Err(failed)), NOW),
    );
    assert!(fx.is_empty(), "{fx:?}");
    let Stage::Failed(err) = &m.auth.as_ref().unwrap().stage else {
        panic!("still {:?}", m.auth.as_ref().unwrap().stage)
    };
    assert!(
        err.message
            .contains("the SRP computation failed: it panicked"),
        "{err:?}"
    );
    // Enter starts over.
    let (_, again) = one_call(&key(&mut m, KeyCode::Enter));
    assert!(matches!(again, Request::Srp(_)), "{again:?}");
}

#[test]
fn typing_q_in_the_form_types_it() {
    let mut m = model();
    opened(&mut m);
    typed(&mut m, "quinn");
    assert_eq!(m.auth.as_ref().unwrap().username.value(), "quinn");
    assert!(!m.quit);
    key(&mut m, KeyCode::Backspace);
    assert_eq!(m.auth.as_ref().unwrap().username.value(), "quin");
}

pub(crate) fn ctrl(m: &mut Model, c: char) -> Vec<Effect> {
    update(
        m,
        &Keymap::default(),
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
}

fn paste(m: &mut Model, text: &str) -> Vec<Effect> {
    update(m, &Keymap::default(), Msg::Paste(text.into()))
}

#[test]
fn the_username_edits_at_the_cursor_while_the_choices_keep_left_and_right() {
    let mut m = model();
    opened(&mut m);
    typed(&mut m, "mma");
    key(&mut m, KeyCode::Home);
    typed(&mut m, "e");
    let u = |m: &Model| m.auth.as_ref().unwrap().username.clone();
    assert_eq!(
        (u(&m).value().to_string(), u(&m).cursor()),
        ("emma".into(), 1)
    );
    key(&mut m, KeyCode::Right);
    key(&mut m, KeyCode::Right);
    key(&mut m, KeyCode::Delete);
    key(&mut m, KeyCode::Left);
    assert_eq!(
        (u(&m).value().to_string(), u(&m).cursor()),
        ("emm".into(), 2)
    );
    ctrl(&mut m, 'e');
    typed(&mut m, " x");
    ctrl(&mut m, 'w');
    key(&mut m, KeyCode::Backspace);
    assert_eq!(u(&m).value(), "emm");
    ctrl(&mut m, 'a');
    ctrl(&mut m, 'k');
    assert_eq!(u(&m).value(), "");
    paste(&mut m, "emma@example.com");
    ctrl(&mut m, 'u');
    paste(&mut m, "emma");
    assert_eq!(
        (u(&m).value().to_string(), u(&m).cursor()),
        ("emma".into(), 4)
    );
    // On the flow, → still changes it; the username is left alone.
    m.auth.as_mut().unwrap().focus = SetupField::Flow;
    key(&mut m, KeyCode::Right);
    paste(&mut m, "zzz");
    assert_eq!(m.auth.as_ref().unwrap().selected_flow(), Flow::UserPassword);
    assert_eq!(u(&m).value(), "emma");
}

#[test]
fn a_pasted_password_signs_in_on_enter_and_a_typed_one_edits_at_the_cursor() {
    for how in ["paste", "edit"] {
        let mut m = model();
        opened(&mut m);
        m.auth.as_mut().unwrap().focus = SetupField::Flow;
        key(&mut m, KeyCode::Right);
        m.auth.as_mut().unwrap().focus = SetupField::Username;
        paste(&mut m, "emma");
        assert!(
            only_reads_the_facts(&key(&mut m, KeyCode::Enter)),
            "asks for the password"
        );
        match how {
            "paste" => {
                paste(&mut m, &format!("{PASSWORD}\n"));
            }
            _ => {
                typed(&mut m, "unter2-Secret");
                key(&mut m, KeyCode::Home);
                typed(&mut m, "H");
                ctrl(&mut m, 'e');
                typed(&mut m, "!");
            }
        }
        let debug = format!("{:?}", m.auth);
        assert!(
            !debug.contains(PASSWORD),
            "{how}: the password leaked into Debug"
        );
        let (_, req) = one_call(&key(&mut m, KeyCode::Enter));
        let Request::Auth(AuthRequest::InitiateAuth { params, .. }) = &req else {
            panic!("{req:?}")
        };
        assert_eq!(params["PASSWORD"].expose(), PASSWORD, "{how}");
        assert_eq!(params["USERNAME"].expose(), "emma", "{how}");
    }
}

#[test]
fn the_tui_masks_every_answer_headless_hides() {
    let prompts = [
        Prompt::Password {
            username: "emma".into(),
            failed_attempts: 0,
        },
        Prompt::NewPassword {
            username: "emma".into(),
            required_attributes: vec!["name".into()],
            current_attributes: Default::default(),
        },
        Prompt::Code {
            challenge: "SMS_MFA".into(),
            kind: crate::auth::CodeKind::SmsMfa,
            destination: None,
            medium: None,
        },
        Prompt::CustomChallenge {
            parameters: [("question".to_string(), "2+2".to_string())].into(),
        },
        Prompt::ClientSecret {
            client_id: "c".into(),
        },
        Prompt::RefreshToken,
    ];
    for p in prompts {
        let form = form_for(&p);
        assert_eq!(form.fields[0].hidden, p.hide_input(), "{p:?}");
    }
}

#[test]
fn no_debug_of_the_runner_shows_a_typed_password() {
    let mut m = model();
    opened(&mut m);
    m.auth.as_mut().unwrap().flow = 1; // USER_PASSWORD_AUTH
    typed(&mut m, "emma");
    key(&mut m, KeyCode::Enter);
    typed(&mut m, PASSWORD);
    let shown = format!("{:?}", m.auth);
    assert!(shown.contains("emma"), "the form is in the Debug output");
    assert!(!shown.contains(PASSWORD), "{shown}");
}
