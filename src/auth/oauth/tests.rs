//! The hosted flows' pure parts: PKCE against RFC 7636 Appendix B, the pre-flight checks,
//! the redirect (state, error=), the token forms (masked) and replies, the refresh choice.

use super::*;
use crate::domain::AppClient;
use crate::domain::secret::Secret;

#[test]
fn pkce_matches_rfc_7636_appendix_b() {
    // Appendix B: the 32 octets, the verifier they encode to, and its S256 challenge.
    let octets: [u8; 32] = [
        116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37,
        77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
    ];
    let p = Pkce::from_random(&octets);
    assert_eq!(
        p.verifier.expose(),
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    );
    assert_eq!(p.challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    assert_eq!(p.method(), "S256");
    assert!(
        !format!("{p:?}").contains("dBjftJ"),
        "the verifier is redacted"
    );
}

#[test]
fn state_is_unpadded_base64url() {
    let s = state_from(&[0xff; 16]);
    assert_eq!(s.len(), 22);
    assert!(
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    );
    assert_ne!(s, state_from(&[0xfe; 16]));
}

fn code_client() -> AppClient {
    AppClient {
        id: "c1".into(),
        name: "spa".into(),
        allowed_oauth_flows_user_pool_client: true,
        allowed_oauth_flows: vec!["code".into()],
        allowed_oauth_scopes: vec!["openid".into(), "email".into(), "api/read".into()],
        callback_urls: vec![
            "https://app.example.com/cb".into(),
            "http://localhost:8765/callback".into(),
        ],
        supported_identity_providers: vec!["COGNITO".into()],
        ..Default::default()
    }
}

#[test]
fn preflight_takes_the_first_loopback_callback_and_all_allowed_scopes() {
    let plan = preflight_code(&code_client(), None, None, None).unwrap();
    assert_eq!(plan.redirect_uri, "http://localhost:8765/callback");
    assert_eq!((plan.port, plan.path.as_str()), (8765, "/callback"));
    assert_eq!(plan.scopes, ["openid", "email", "api/read"]);
    let plan = preflight_code(&code_client(), None, Some(" openid  email "), None).unwrap();
    assert_eq!(plan.scopes, ["openid", "email"]);
}

#[test]
fn preflight_names_each_problem_with_its_fix() {
    let c = code_client();
    let e = preflight_code(&c, Some("http://localhost:9999/cb"), None, None).unwrap_err();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("http://localhost:9999/cb is not one of"),
        "{e:?}"
    );
    assert!(e[0].contains("http://localhost:8765/callback"), "{e:?}");

    let e = preflight_code(&c, None, Some("openid api/write"), None).unwrap_err();
    assert!(e[0].contains("scope api/write is not allowed"), "{e:?}");

    let e = preflight_code(&c, Some("https://app.example.com/cb"), None, None).unwrap_err();
    assert!(e[0].contains("not on this machine"), "{e:?}");

    let e = preflight_code(&c, None, None, Some("Google")).unwrap_err();
    assert!(
        e[0].contains("identity provider Google is not enabled"),
        "{e:?}"
    );

    let bare = AppClient {
        name: "bare".into(),
        ..Default::default()
    };
    let e = preflight_code(&bare, None, None, None).unwrap_err();
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(e[0].contains("AllowedOAuthFlowsUserPoolClient is false"));
    assert!(e[1].contains("add http://localhost:8765/callback to its CallbackURLs"));
    assert!(e[2].contains("add COGNITO"));

    let implicit = AppClient {
        allowed_oauth_flows: vec!["implicit".into()],
        ..code_client()
    };
    let e = preflight_code(&implicit, None, None, None).unwrap_err();
    assert!(e[0].contains("does not allow the code grant"), "{e:?}");
}

#[test]
fn client_credentials_preflight() {
    let m2m = AppClient {
        name: "m2m".into(),
        has_secret: true,
        allowed_oauth_flows_user_pool_client: true,
        allowed_oauth_flows: vec!["client_credentials".into()],
        allowed_oauth_scopes: vec!["api/read".into()],
        ..Default::default()
    };
    assert_eq!(
        preflight_client_credentials(&m2m, None).unwrap(),
        ["api/read"]
    );
    assert!(preflight_client_credentials(&m2m, Some("api/write")).is_err());
    let e = preflight_client_credentials(&code_client(), None).unwrap_err();
    assert!(
        e[0].contains("does not allow the client_credentials grant"),
        "{e:?}"
    );
    assert!(e[1].contains("has no client secret"), "{e:?}");
}

#[test]
fn endpoints_follow_the_override_the_emulator_then_the_domain() {
    let base = |u, e, d, c| hosted_base(u, e, d, c, "eu-west-1").map(|x| x.base);
    assert_eq!(
        base(None, None, Some("shop"), None).unwrap(),
        "https://shop.auth.eu-west-1.amazoncognito.com"
    );
    assert_eq!(
        base(None, None, Some("shop"), Some("auth.example.com")).unwrap(),
        "https://auth.example.com"
    );
    assert_eq!(
        base(None, Some("http://127.0.0.1:4566/"), Some("shop"), None).unwrap(),
        "http://127.0.0.1:4566"
    );
    assert_eq!(
        base(
            Some("https://login.example.com"),
            Some("http://x"),
            None,
            None
        )
        .unwrap(),
        "https://login.example.com"
    );
    assert!(
        base(None, None, None, None)
            .unwrap_err()
            .contains("has no domain")
    );
    assert!(
        base(None, Some("http://127.0.0.1:4566"), None, None)
            .unwrap_err()
            .contains("has no domain"),
        "the emulator serves managed login only for a pool with a domain"
    );
    assert!(base(Some("ftp://x"), None, None, None).is_err());
    let e = Endpoints {
        base: "http://h".into(),
    };
    assert_eq!(e.token(), "http://h/oauth2/token");
    assert_eq!(
        e.logout("c1", Some("http://localhost:8765/")),
        "http://h/logout?client_id=c1&logout_uri=http%3A%2F%2Flocalhost%3A8765%2F"
    );
}

#[test]
fn authorize_url_carries_the_challenge_and_state() {
    let r = AuthorizeRequest {
        client_id: "c1".into(),
        redirect_uri: "http://localhost:8765/callback".into(),
        scopes: vec!["openid".into(), "email".into()],
        state: "st4te".into(),
        code_challenge: "E9Mel".into(),
        identity_provider: Some("COGNITO".into()),
    };
    let url = r.url(&Endpoints {
        base: "http://h".into(),
    });
    assert_eq!(
        url,
        "http://h/oauth2/authorize?response_type=code&client_id=c1&redirect_uri=http%3A%2F%2Flocalhost%3A8765%2Fcallback&scope=openid+email&state=st4te&code_challenge=E9Mel&code_challenge_method=S256&identity_provider=COGNITO"
    );
}

#[test]
fn the_redirect_is_checked() {
    let ok = parse_redirect("/callback?code=abc&state=s1", "s1").unwrap();
    assert_eq!(ok.code.expose(), "abc");
    assert!(matches!(
        parse_redirect("/callback?code=abc&state=s2", "s1"),
        Err(RedirectError::StateMismatch { got: Some(g) }) if g == "s2"
    ));
    assert!(matches!(
        parse_redirect("/callback?code=abc", "s1"),
        Err(RedirectError::StateMismatch { got: None })
    ));
    let denied = parse_redirect(
        "/callback?error=access_denied&error_description=User%20said%20no%1b&state=s1",
        "s1",
    )
    .unwrap_err();
    assert_eq!(
        denied.to_string(),
        "Cognito redirected back with error=access_denied error_description=User said no"
    );
    assert_eq!(
        parse_redirect("/callback?state=s1", "s1").unwrap_err(),
        RedirectError::NoCode
    );
}

#[test]
fn token_forms_mask_their_secrets() {
    let secret = Secret::new("s3cret");
    let f = TokenForm::authorization_code(
        "c1",
        Some(&secret),
        &Secret::new("the-code"),
        "http://localhost:8765/callback",
        &Secret::new("the-verifier"),
    );
    let body = f.body();
    assert!(body.contains("grant_type=authorization_code"), "{body}");
    assert!(body.contains("code=the-code") && body.contains("code_verifier=the-verifier"));
    assert_eq!(f.authorization().unwrap(), "Basic YzE6czNjcmV0");
    let shown = f.masked();
    for s in ["s3cret", "the-code", "the-verifier", "YzE6"] {
        assert!(!shown.contains(s), "{shown}");
    }
    assert!(
        shown.contains("redirect_uri=http://localhost:8765/callback"),
        "{shown}"
    );
    assert!(shown.contains("Authorization: Basic"), "{shown}");

    let cc = TokenForm::client_credentials("c1", &secret, &["api/read".into()]);
    assert_eq!(
        cc.body(),
        "grant_type=client_credentials&client_id=c1&scope=api%2Fread"
    );
    let r = TokenForm::refresh("c1", None, &Secret::new("rt"));
    assert!(r.authorization().is_none());
    assert!(!r.masked().contains("=rt"));
}

#[test]
fn token_replies_parse() {
    let t = parse_token_reply(
        200,
        r#"{"access_token":"a","id_token":"i","refresh_token":"r","expires_in":3600,"token_type":"Bearer"}"#,
    )
    .unwrap();
    assert_eq!(t.access_token.expose(), "a");
    assert_eq!(t.id_token.unwrap().expose(), "i");
    assert_eq!(t.expires_in, 3600);
    let cc = parse_token_reply(200, r#"{"access_token":"a","expires_in":3600}"#).unwrap();
    assert!(cc.id_token.is_none() && cc.refresh_token.is_none());
    assert_eq!(
        parse_token_reply(
            400,
            r#"{"error":"invalid_grant","error_description":"Invalid code."}"#
        )
        .unwrap_err(),
        "HTTP 400 invalid_grant: Invalid code."
    );
    assert!(
        parse_token_reply(502, "<html>")
            .unwrap_err()
            .contains("HTTP 502")
    );
}

#[test]
fn the_refresh_way_follows_the_client() {
    let c = code_client();
    assert_eq!(refresh_way(&c, true), RefreshWay::GetTokensFromRefreshToken);
    assert_eq!(refresh_way(&c, false), RefreshWay::TokenEndpoint);
    let api_only = AppClient {
        explicit_auth_flows: vec!["ALLOW_REFRESH_TOKEN_AUTH".into()],
        ..Default::default()
    };
    assert_eq!(refresh_way(&api_only, false), RefreshWay::InitiateAuth);
    let m2m = AppClient {
        allowed_oauth_flows_user_pool_client: true,
        allowed_oauth_flows: vec!["client_credentials".into()],
        ..Default::default()
    };
    assert_eq!(refresh_way(&m2m, false), RefreshWay::InitiateAuth);
    for w in [
        RefreshWay::InitiateAuth,
        RefreshWay::GetTokensFromRefreshToken,
        RefreshWay::TokenEndpoint,
    ] {
        assert!(!explain(w.step()).is_empty(), "{w:?}");
    }
}

#[test]
fn every_step_text_is_there() {
    for k in [
        "authorize",
        "listen",
        "redirect",
        "redirect_error",
        "token_code",
        "tokens_code",
        "token_client_credentials",
        "tokens_client_credentials",
        "token_refresh",
        "userinfo",
        "logout",
    ] {
        assert!(!explain(k).is_empty(), "{k}");
    }
    assert_eq!(explain("nope"), "");
}
