//! The runner's managed-login runs as tables: keys and answers in, model and effects out.

use crossterm::event::KeyCode;

use super::super::tests::{ctrl, fake_jwt, key, model, opened};
use crate::auth::MASK;
use crate::core::effect::{Effect, Request};
use crate::core::hosted::{HostedKind, HostedRequest, HostedResponse};
use crate::core::input::keymap::Keymap;
use crate::core::model::Model;
use crate::core::model::hosted::HostedStep;
use crate::core::model::runner::{FLOWS, SetupField, Stage, TokenTab};
use crate::core::msg::{Msg, Response};
use crate::core::update::update;
use crate::domain::{AppClient, PoolDetail};

/// RFC 7636 Appendix B's octets: the verifier dBjftJ… and the challenge E9Melhoa….
const OCTETS: [u8; 32] = [
    116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77,
    105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
];

fn answer(m: &mut Model, id: u64, r: HostedResponse) -> Vec<Effect> {
    update(m, &Keymap::default(), Msg::Api(id, Response::Hosted(r), 0))
}

fn hosted_call(fx: &[Effect]) -> (u64, HostedRequest) {
    match fx {
        [Effect::Call(id, Request::Hosted(h))] => (*id, h.clone()),
        other => panic!("expected one hosted call, got {other:?}"),
    }
}

fn spa() -> AppClient {
    AppClient {
        id: "client-1".into(),
        name: "spa".into(),
        allowed_oauth_flows_user_pool_client: true,
        allowed_oauth_flows: vec!["code".into()],
        allowed_oauth_scopes: vec!["openid".into()],
        callback_urls: vec!["http://localhost:8765/callback".into()],
        supported_identity_providers: vec!["COGNITO".into()],
        ..Default::default()
    }
}

fn pool(domain: Option<&str>) -> Box<PoolDetail> {
    Box::new(PoolDetail {
        domain: domain.map(str::to_owned),
        ..Default::default()
    })
}

/// Pick the managed-login flow `kind` and press Enter: the Prepare call.
fn started(m: &mut Model, kind: HostedKind) -> u64 {
    opened(m);
    let s = m.auth.as_mut().unwrap();
    s.focus = SetupField::Flow;
    let i = HostedKind::ALL.iter().position(|k| *k == kind).unwrap();
    s.flow = FLOWS.len() + i;
    assert_eq!(s.selected_hosted(), Some(kind));
    let (id, req) = hosted_call(&key(m, KeyCode::Enter));
    assert!(matches!(req, HostedRequest::Prepare { .. }), "{req:?}");
    id
}

fn prepared(m: &mut Model, id: u64, client: AppClient, domain: Option<&str>) -> Vec<Effect> {
    answer(
        m,
        id,
        HostedResponse::Prepared {
            client: Box::new(client),
            pool: pool(domain),
            verifier_bytes: OCTETS,
            state_bytes: [7; 16],
        },
    )
}

fn timeline(m: &Model) -> String {
    let h = m.auth.as_ref().unwrap().hosted.as_ref().unwrap();
    h.timeline
        .iter()
        .map(|(_, l, x)| format!("{l}\n{x}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_flow_cycle_reaches_the_hosted_flows() {
    let mut m = model();
    opened(&mut m);
    m.auth.as_mut().unwrap().focus = SetupField::Flow;
    key(&mut m, KeyCode::Left);
    assert_eq!(
        m.auth.as_ref().unwrap().selected_hosted(),
        Some(HostedKind::ClientCredentials)
    );
    key(&mut m, KeyCode::Left);
    assert_eq!(
        m.auth.as_ref().unwrap().selected_hosted(),
        Some(HostedKind::AuthorizationCode)
    );
    key(&mut m, KeyCode::Left);
    assert_eq!(m.auth.as_ref().unwrap().selected_hosted(), None);
}

#[test]
fn a_code_run_shows_the_url_listens_checks_the_state_and_exchanges() {
    let mut m = model();
    let id = started(&mut m, HostedKind::AuthorizationCode);
    let (listen, req) = hosted_call(&prepared(&mut m, id, spa(), Some("shop")));
    assert_eq!(
        req,
        HostedRequest::Listen {
            port: 8765,
            path: "/callback".into(),
            timeout_secs: 180
        }
    );
    let h = m.auth.as_ref().unwrap().hosted.as_ref().unwrap();
    assert_eq!(h.step, HostedStep::WaitingForBrowser);
    let url = h.url.clone().unwrap();
    // The emulator's endpoint is where managed login is, with the RFC vector's challenge.
    assert!(
        url.starts_with("http://127.0.0.1:4566/oauth2/authorize?"),
        "{url}"
    );
    assert!(url.contains("code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    let state = h.state.clone().unwrap();

    // b opens the browser at that URL.
    let (_, open) = hosted_call(&key(&mut m, KeyCode::Char('b')));
    assert_eq!(open, HostedRequest::OpenBrowser { url });

    let target = format!("/callback?code=the-code&state={state}");
    let (token, req) = hosted_call(&answer(
        &mut m,
        listen,
        HostedResponse::Redirect(Ok(target)),
    ));
    let HostedRequest::Token { url, form } = req else {
        panic!("{req:?}")
    };
    assert_eq!(url, "http://127.0.0.1:4566/oauth2/token");
    assert!(
        form.body()
            .contains("code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
    );
    let shown = timeline(&m);
    assert!(shown.contains(&format!("code={MASK}")), "{shown}");
    assert!(
        !shown.contains("the-code") && !shown.contains("dBjftJ"),
        "{shown}"
    );

    let access = fake_jwt(serde_json::json!({"token_use": "access", "exp": 1_795_003_600}));
    let body = serde_json::json!({"access_token": access, "expires_in": 3600}).to_string();
    let fx = answer(&mut m, token, HostedResponse::Token { status: 200, body });
    assert!(
        matches!(fx.as_slice(), [Effect::Call(_, Request::Jwks { .. })]),
        "{fx:?}"
    );
    let s = m.auth.as_ref().unwrap();
    assert!(matches!(s.stage, Stage::SignedIn));
    assert_eq!(
        s.tab,
        TokenTab::Access,
        "no ID token: the access token is shown"
    );

    // The session transcript holds the managed-login run, masked, and the token's claims.
    let fx = key(&mut m, KeyCode::Char('x'));
    let [Effect::Call(_, Request::Export { markdown, .. })] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert!(
        markdown.contains("AUTHORIZATION_CODE (managed login, PKCE)"),
        "{markdown}"
    );
    assert!(markdown.contains("\"token_use\": \"access\""), "{markdown}");
    for secret in ["the-code", "dBjftJ", access.as_str()] {
        assert!(!markdown.contains(secret), "{secret} in:\n{markdown}");
    }
}

#[test]
fn a_forged_state_and_a_refusal_end_the_run() {
    let mut m = model();
    let id = started(&mut m, HostedKind::AuthorizationCode);
    let (listen, _) = hosted_call(&prepared(&mut m, id, spa(), Some("shop")));
    let fx = answer(
        &mut m,
        listen,
        HostedResponse::Redirect(Ok("/callback?code=c&state=forged".into())),
    );
    assert!(fx.is_empty(), "no token request: {fx:?}");
    let Stage::Failed(e) = &m.auth.as_ref().unwrap().stage else {
        panic!("failed expected")
    };
    assert!(
        e.message
            .contains("\"forged\" is not the one this sign-in sent"),
        "{e:?}"
    );

    let mut m = model();
    let id = started(&mut m, HostedKind::AuthorizationCode);
    let (listen, _) = hosted_call(&prepared(&mut m, id, spa(), Some("shop")));
    answer(
        &mut m,
        listen,
        HostedResponse::Redirect(Ok("/callback?error=access_denied".into())),
    );
    assert!(timeline(&m).contains("error=access_denied"));
}

#[test]
fn pre_flight_failures_are_listed_and_nothing_is_sent() {
    let mut m = model();
    let id = started(&mut m, HostedKind::AuthorizationCode);
    let bare = AppClient {
        name: "bare".into(),
        supported_identity_providers: vec!["COGNITO".into()],
        ..Default::default()
    };
    assert!(prepared(&mut m, id, bare, None).is_empty());
    let shown = timeline(&m);
    assert!(
        shown.contains("✗ pre-flight: the pool has no domain"),
        "{shown}"
    );
    assert!(
        shown.contains("AllowedOAuthFlowsUserPoolClient is false"),
        "{shown}"
    );
    assert!(matches!(m.auth.as_ref().unwrap().stage, Stage::Failed(_)));
}

#[test]
fn client_credentials_need_the_secret_and_a_stale_answer_is_dropped() {
    let mut m = model();
    let id = started(&mut m, HostedKind::ClientCredentials);
    let m2m = AppClient {
        name: "m2m".into(),
        has_secret: true,
        allowed_oauth_flows_user_pool_client: true,
        allowed_oauth_flows: vec!["client_credentials".into()],
        allowed_oauth_scopes: vec!["api/read".into()],
        ..Default::default()
    };
    // The runner's client came without a secret (DescribeUserPoolClient refused it).
    assert!(prepared(&mut m, id, m2m, Some("shop")).is_empty());
    let Stage::Failed(e) = &m.auth.as_ref().unwrap().stage else {
        panic!("failed expected")
    };
    assert!(
        e.message.contains("client secret could not be read"),
        "{e:?}"
    );
    assert!(answer(&mut m, id, HostedResponse::Redirect(Ok("/x".into()))).is_empty());

    // Esc leaves the run.
    key(&mut m, KeyCode::Esc);
    let s = m.auth.as_ref().unwrap();
    assert!(matches!(s.stage, Stage::Setup) && s.hosted.is_none());
}

#[test]
fn y_copies_the_authorize_url_while_waiting_and_never_the_verifier() {
    let mut m = model();
    let id = started(&mut m, HostedKind::AuthorizationCode);
    prepared(&mut m, id, spa(), Some("shop"));
    let url = m
        .auth
        .as_ref()
        .unwrap()
        .hosted
        .as_ref()
        .unwrap()
        .url
        .clone();
    let fx = key(&mut m, KeyCode::Char('Y'));
    assert_eq!(fx, vec![Effect::Copy(url.clone().unwrap())]);
    // RFC 7636's verifier for these octets; only its challenge travels in the URL.
    assert!(
        !url.unwrap()
            .contains("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
    );
    let flash = m.flash.as_ref().map(|f| f.text.clone()).unwrap_or_default();
    assert!(flash.contains("copied the authorize URL"), "{flash}");
}

#[test]
fn refused_and_left_runs_reach_the_transcript_once_each() {
    let mut m = model();
    let refused = |m: &mut Model, id: u64| {
        let (listen, _) = hosted_call(&prepared(m, id, spa(), Some("shop")));
        answer(
            m,
            listen,
            HostedResponse::Redirect(Ok("/callback?error=access_denied".into())),
        );
        assert!(matches!(m.auth.as_ref().unwrap().stage, Stage::Failed(_)));
    };
    let id = started(&mut m, HostedKind::AuthorizationCode);
    refused(&mut m, id);
    // Enter on the failed run starts it again: a second run as long as the first.
    let (id, _) = hosted_call(&key(&mut m, KeyCode::Enter));
    refused(&mut m, id);
    // A third, left while it waits for the browser.
    let (id, _) = hosted_call(&key(&mut m, KeyCode::Enter));
    hosted_call(&prepared(&mut m, id, spa(), Some("shop")));
    key(&mut m, KeyCode::Esc);
    assert!(matches!(m.auth.as_ref().unwrap().stage, Stage::Setup));

    let fx = ctrl(&mut m, 'x'); // the set-up form's export key
    let [Effect::Call(_, Request::Export { markdown, .. })] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    let count = |needle: &str| markdown.matches(needle).count();
    assert_eq!(
        count("AUTHORIZATION_CODE (managed login, PKCE)"),
        3,
        "{markdown}"
    );
    assert_eq!(count("✗ redirect"), 2, "{markdown}");
    assert_eq!(count("left before the browser came back"), 1, "{markdown}");
}
