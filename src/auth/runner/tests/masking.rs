//! What the runner shows: explanations for every step, masked requests, no secret anywhere in
//! debug output, requests or the transcript, and Markdown escaping.

use super::*;

#[test]
fn every_step_has_explanations() {
    let flows = [
        Flow::UserSrp,
        Flow::UserPassword,
        Flow::AdminUserPassword,
        Flow::RefreshToken,
        Flow::CustomAuth,
        Flow::CustomAuthWithSrp,
        Flow::UserAuth { preferred: None },
    ];
    for f in flows {
        assert!(request_explanation(f.name()).is_some(), "{}", f.name());
    }
    let challenges = [
        "PASSWORD_VERIFIER",
        "NEW_PASSWORD_REQUIRED",
        "SOFTWARE_TOKEN_MFA",
        "SMS_MFA",
        "EMAIL_OTP",
        "SMS_OTP",
        "SELECT_MFA_TYPE",
        "SELECT_CHALLENGE",
        "MFA_SETUP",
        "CUSTOM_CHALLENGE",
    ];
    for c in challenges {
        assert!(request_explanation(c).is_some(), "request {c}");
        assert!(response_explanation(c).is_some(), "response {c}");
    }
    for op in ["AssociateSoftwareToken", "VerifySoftwareToken"] {
        assert!(request_explanation(op).is_some(), "{op}");
        assert!(response_explanation(op).is_some(), "{op}");
    }
    assert!(response_explanation("TOKENS").is_some());
}

#[test]
fn masked_requests_show_names_and_hide_secrets() {
    let mut r = Runner::new(config(Flow::UserSrp).with_client_secret(CLIENT_SECRET));
    work(r.start(with_password()));
    let req = sent(r.srp_done(srp_client("1234abcd")));
    let m = req.masked();
    assert_eq!(m.operation, "InitiateAuth");
    assert_eq!(m.subject.as_deref(), Some("USER_SRP_AUTH"));
    let shown: BTreeMap<_, _> = m.params.iter().cloned().collect();
    assert_eq!(shown["USERNAME"], "alice");
    assert_eq!(shown["SECRET_HASH"], MASK);
    assert!(shown["SRP_A"].ends_with(" chars)"), "{}", shown["SRP_A"]);
    let line = m.to_string();
    assert!(
        line.starts_with("InitiateAuth USER_SRP_AUTH SECRET_HASH=•••••• SRP_A="),
        "{line}"
    );
    let dbg = format!("{req:?}");
    assert!(!dbg.contains(&hash("alice")), "{dbg}");

    let verify = AuthRequest::VerifySoftwareToken {
        session: "S".into(),
        user_code: "123456".into(),
        friendly_device_name: Some("cognito-tui".into()),
    };
    assert_eq!(
        verify.masked().to_string(),
        "VerifySoftwareToken UserCode=•••••• FriendlyDeviceName=cognito-tui Session=••••••"
    );
}

/// Runs a long flow with known secret values and checks that none of them can be seen.
#[test]
fn no_secret_appears_in_debug_output_requests_or_the_transcript() {
    let case = srp_case();
    let session1 = "AYABeSESSION-ONE-abcdefghijklmnopqrstuvwxyz";
    let session2 = "AYABeSESSION-TWO-abcdefghijklmnopqrstuvwxyz";
    let session3 = "AYABeSESSION-THREE-abcdefghijklmnopqrstuvwxy";
    let new_password = "Brand-New-P4ssword!";
    let answer = "the-custom-answer-42";
    let totp_code = totp::code(TOTP_SECRET, 1_800_000_000).unwrap();
    let wrong_code = "987654";

    let cfg = FlowConfig::new(&case.pool_id, CLIENT, "alice", Flow::CustomAuthWithSrp)
        .with_client_secret(CLIENT_SECRET);
    let mut r = Runner::new(cfg);
    let mut shown: Vec<String> = Vec::new();
    let mut requests: Vec<AuthRequest> = Vec::new();
    let mut keep = |step: Step, shown: &mut Vec<String>| -> Step {
        shown.push(format!("{step:?}"));
        if let Step::Send(req) = &step {
            requests.push(req.clone());
        }
        step
    };

    prompt(keep(r.start(Inputs::default()), &mut shown));
    work(keep(
        r.provide(Input::Password(case.password.clone().into())),
        &mut shown,
    ));
    sent(keep(r.srp_done(srp_client(&case.a_hex)), &mut shown));
    let vp = verifier_params(&case, "alice", "alice");
    let w = work(keep(
        r.on_response(reply_of("PASSWORD_VERIFIER", &vp, Some(session1))),
        &mut shown,
    ));
    shown.push(format!("{w:?}"));
    let done_srp = w.run(datetime!(2026-11-02 01:02:03 UTC), &mut rng());
    shown.push(format!("{done_srp:?}"));
    sent(keep(r.srp_done(done_srp), &mut shown));
    prompt(keep(
        r.on_response(challenge("NEW_PASSWORD_REQUIRED", &[], Some(session2))),
        &mut shown,
    ));
    sent(keep(
        r.provide(Input::NewPassword {
            password: new_password.into(),
            attributes: BTreeMap::new(),
        }),
        &mut shown,
    ));
    sent(keep(
        r.on_response(challenge(
            "MFA_SETUP",
            &[("MFAS_CAN_SETUP", r#"["SOFTWARE_TOKEN_MFA"]"#)],
            Some(session3),
        )),
        &mut shown,
    ));
    prompt(keep(
        r.on_response(Reply::AssociateSoftwareToken(
            AssociateSoftwareTokenResponse {
                secret_code: TOTP_SECRET.into(),
                session: Some(session1.into()),
            },
        )),
        &mut shown,
    ));
    sent(keep(r.provide(Input::Code(wrong_code.into())), &mut shown));
    // moto echoes the session it does not like as the error message.
    failed(keep(
        r.on_error(
            "CodeMismatchException",
            &format!("Code mismatch {session1} {wrong_code}"),
        ),
        &mut shown,
    ));
    prompt(keep(r.retry(), &mut shown));
    sent(keep(
        r.provide(Input::Code(totp_code.clone().into())),
        &mut shown,
    ));
    sent(keep(
        r.on_response(Reply::VerifySoftwareToken(VerifySoftwareTokenResponse {
            status: "SUCCESS".into(),
            session: Some(session2.into()),
        })),
        &mut shown,
    ));
    prompt(keep(
        r.on_response(challenge(
            "CUSTOM_CHALLENGE",
            &[("hint", "say it")],
            Some(session3),
        )),
        &mut shown,
    ));
    sent(keep(r.provide(Input::Answer(answer.into())), &mut shown));
    let t = done(keep(r.on_response(tokens(true)), &mut shown));
    shown.push(format!("{t:?}"));
    shown.push(format!("{r:?}"));
    let markdown = r.transcript_markdown();
    shown.push(markdown.clone());
    for req in &requests {
        shown.push(format!("{req:?}"));
        shown.push(req.masked().to_string());
        shown.push(format!("{:?}", req.masked()));
    }

    let secrets = [
        case.password.as_str(),
        CLIENT_SECRET,
        &hash("alice"),
        &case.expected.signature_b64,
        &case.secret_block_b64[..40],
        session1,
        session2,
        session3,
        new_password,
        answer,
        &totp_code,
        wrong_code,
        TOTP_SECRET,
        ID_TOKEN,
        ACCESS_TOKEN,
        REFRESH_TOKEN,
    ];
    for text in &shown {
        for secret in secrets {
            assert!(!text.contains(secret), "{secret:?} leaked in:\n{text}");
        }
    }
    // The sends really carried them (so the test is not vacuous).
    let all_params: Vec<String> = requests
        .iter()
        .filter_map(|q| match q {
            AuthRequest::VerifySoftwareToken { user_code, .. } => {
                Some(user_code.expose().to_owned())
            }
            AuthRequest::InitiateAuth { .. } | AuthRequest::RespondToAuthChallenge { .. } => {
                Some(params(q).values().cloned().collect::<Vec<_>>().join(" "))
            }
            _ => None,
        })
        .collect();
    let wire = all_params.join(" ");
    for secret in [
        new_password,
        answer,
        totp_code.as_str(),
        case.expected.signature_b64.as_str(),
    ] {
        assert!(wire.contains(secret), "{secret} was never sent");
    }

    // The transcript tells the story.
    assert!(markdown.contains("# Sign-in transcript"));
    assert!(markdown.contains("- Result: signed in"));
    assert!(markdown.contains("## 1. InitiateAuth · CUSTOM_AUTH"));
    assert!(markdown.contains("| CHALLENGE_NAME | SRP_A |"));
    assert!(markdown.contains("**Cognito answered:** challenge PASSWORD_VERIFIER"));
    assert!(
        markdown.contains("**Error:** CodeMismatchException: Code mismatch ••••••"),
        "{markdown}"
    );
    assert!(markdown.contains("VerifySoftwareToken"));
    assert!(markdown.contains("| hint | say it |"));
    assert!(markdown.contains("**Cognito answered:** tokens"));
    assert!(markdown.contains(request_explanation("CUSTOM_AUTH_WITH_SRP").unwrap()));
    assert_eq!(r.transcript().len(), 8);
}

#[test]
fn the_driver_can_move_things_across_threads() {
    fn send<T: Send + 'static>() {}
    send::<Runner>();
    send::<Step>();
    send::<SrpWork>();
    send::<SrpDone>();
    send::<AuthRequest>();
}

#[test]
fn non_srp_flows_accept_any_pool_id() {
    let mut r = Runner::new(FlowConfig::new(
        "local-pool",
        CLIENT,
        "alice",
        Flow::UserPassword,
    ));
    sent(r.start(with_password()));
}

#[test]
fn markdown_cells_are_escaped() {
    assert_eq!(cell("a|b\nc"), "a\\|b c");
    assert_eq!(shorten("short"), "short");
    assert_eq!(
        shorten(&"x".repeat(100)),
        format!("{}… (100 chars)", "x".repeat(16))
    );
}
