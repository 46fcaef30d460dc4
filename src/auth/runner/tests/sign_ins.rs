//! Sign-ins that reach tokens, one flow at a time: SRP (with the known-answer vectors), passwords,
//! admin, refresh, custom and choice-based flows, new passwords, MFA selection and set-up.

use super::*;

#[test]
fn srp_flow_with_client_secret_matches_the_known_answer_vectors() {
    let case = srp_case();
    let cfg = FlowConfig::new(&case.pool_id, CLIENT, &case.username, Flow::UserSrp)
        .with_client_secret(CLIENT_SECRET);
    let mut r = Runner::new(cfg);
    let w = work(r.start(Inputs {
        password: Some(Secret::new(case.password.clone())),
        ..Inputs::default()
    }));
    assert!(matches!(w.0, SrpJob::NewClient));
    assert_eq!(r.status(), Status::Computing);

    let req = sent(r.srp_done(srp_client(&case.a_hex)));
    assert_eq!(req.operation(), "InitiateAuth");
    assert_eq!(auth_flow(&req), "USER_SRP_AUTH");
    let p = params(&req);
    assert_eq!(p["USERNAME"], case.username);
    assert_eq!(p["SRP_A"], case.expected.srp_a_hex);
    assert_eq!(p["SECRET_HASH"], hash(&case.username));
    assert_eq!(p.len(), 3);
    assert_eq!(r.status(), Status::WaitingForCognito);

    let vp = verifier_params(&case, &case.user_id_for_srp, &case.user_id_for_srp);
    let w = work(r.on_response(reply_of("PASSWORD_VERIFIER", &vp, None)));
    let req = sent(r.srp_done(w.run(datetime!(2026-11-02 01:02:03 UTC), &mut rng())));
    assert_eq!(req.operation(), "RespondToAuthChallenge");
    assert_eq!(challenge_name(&req), "PASSWORD_VERIFIER");
    let p = params_of(&req);
    assert_eq!(p["PASSWORD_CLAIM_SIGNATURE"], case.expected.signature_b64);
    assert_eq!(p["PASSWORD_CLAIM_SECRET_BLOCK"], case.secret_block_b64);
    assert_eq!(p["TIMESTAMP"], case.timestamp);
    assert_eq!(p["USERNAME"], case.user_id_for_srp);
    assert_eq!(p["SECRET_HASH"], hash(&case.user_id_for_srp));
    assert_eq!(session(&req), None);

    let t = done(r.on_response(tokens(true)));
    assert_eq!(t.access_token.expose(), ACCESS_TOKEN);
    assert_eq!(r.status(), Status::SignedIn);
    assert_eq!(r.transcript().len(), 2);
}

#[test]
fn srp_uses_user_id_for_srp_for_the_math_and_username_for_the_answer() {
    // moto: USERNAME is the username, USER_ID_FOR_SRP the sub.
    let case = srp_case();
    let cfg = config(Flow::UserSrp).with_client_secret(CLIENT_SECRET);
    let mut r = Runner::new(cfg);
    work(r.start(with_password()));
    sent(r.srp_done(srp_client("1234abcd")));
    let vp = verifier_params(&case, "alice", SUB);
    let w = work(r.on_response(reply_of("PASSWORD_VERIFIER", &vp, Some("S1"))));
    match &w.0 {
        SrpJob::Claim {
            user_id_for_srp,
            password,
            ..
        } => {
            assert_eq!(user_id_for_srp, SUB);
            assert_eq!(password.expose(), PASSWORD);
        }
        SrpJob::NewClient => panic!("expected the claim"),
    }
    let req = sent(r.srp_done(w.run(datetime!(2026-01-01 00:00:00 UTC), &mut rng())));
    let p = params(&req);
    assert_eq!(p["USERNAME"], "alice");
    assert_eq!(p["SECRET_HASH"], hash("alice"));
    assert_eq!(session(&req).as_deref(), Some("S1"));

    // Without a USERNAME parameter, USER_ID_FOR_SRP is the username from then on.
    let mut r = Runner::new(config(Flow::UserSrp).with_client_secret(CLIENT_SECRET));
    work(r.start(with_password()));
    sent(r.srp_done(srp_client("1234abcd")));
    let mut vp = verifier_params(&case, "", SUB);
    vp.retain(|(k, _)| k != "USERNAME");
    let w = work(r.on_response(reply_of("PASSWORD_VERIFIER", &vp, None)));
    let req = sent(r.srp_done(w.run(datetime!(2026-01-01 00:00:00 UTC), &mut rng())));
    assert_eq!(params_of(&req)["USERNAME"], SUB);
    assert_eq!(params_of(&req)["SECRET_HASH"], hash(SUB));
    // ...including for the MFA answer that follows, whose parameters are empty.
    let p = prompt(r.on_response(challenge("SOFTWARE_TOKEN_MFA", &[], Some("S2"))));
    assert!(matches!(
        p,
        Prompt::Code {
            kind: CodeKind::Totp,
            ..
        }
    ));
    let req = sent(r.provide(Input::Code("123456".into())));
    assert_eq!(params(&req)["USERNAME"], SUB);
    assert_eq!(params(&req)["SECRET_HASH"], hash(SUB));
    assert_eq!(session(&req).as_deref(), Some("S2"));
}

#[test]
fn alias_sign_in_switches_to_the_real_username_for_challenges() {
    let mut cfg = config(Flow::UserPassword).with_client_secret(CLIENT_SECRET);
    cfg.username = "alice@example.com".into();
    let mut r = Runner::new(cfg);
    let req = sent(r.start(with_password()));
    assert_eq!(auth_flow(&req), "USER_PASSWORD_AUTH");
    let p = params(&req);
    assert_eq!(p["USERNAME"], "alice@example.com");
    assert_eq!(p["PASSWORD"], PASSWORD);
    assert_eq!(p["SECRET_HASH"], hash("alice@example.com"));

    let p = prompt(r.on_response(challenge(
        "SOFTWARE_TOKEN_MFA",
        &[("USERNAME", SUB)],
        Some("S1"),
    )));
    assert_eq!(p.question(), "Code from the authenticator app");
    let req = sent(r.provide(Input::Code(" 123 456 ".into())));
    let p = params(&req);
    assert_eq!(challenge_name(&req), "SOFTWARE_TOKEN_MFA");
    assert_eq!(p["SOFTWARE_TOKEN_MFA_CODE"], "123456");
    assert_eq!(p["USERNAME"], SUB);
    assert_eq!(p["SECRET_HASH"], hash(SUB));
    assert_eq!(session(&req).as_deref(), Some("S1"));
    done(r.on_response(tokens(true)));
}

#[test]
fn new_password_required_asks_for_every_required_attribute() {
    let mut r = Runner::new(config(Flow::UserPassword));
    sent(r.start(with_password()));
    let p = prompt(r.on_response(challenge(
        "NEW_PASSWORD_REQUIRED",
        &[
            ("USERNAME", "alice"),
            (
                "userAttributes",
                r#"{"email":"a@example.com","email_verified":"true"}"#,
            ),
            (
                "requiredAttributes",
                r#"["userAttributes.name","userAttributes.family_name"]"#,
            ),
        ],
        Some("S1"),
    )));
    let Prompt::NewPassword {
        required_attributes,
        current_attributes,
        ..
    } = &p
    else {
        panic!("{p:?}")
    };
    assert_eq!(required_attributes, &["name", "family_name"]);
    assert_eq!(current_attributes["email"], "a@example.com");
    assert!(p.hide_input());
    assert_eq!(
        p.question(),
        "New password for alice, and a value for: name, family_name"
    );

    let mut attributes = BTreeMap::from([("name".to_owned(), "Alice".to_owned())]);
    let e = failed(r.provide(Input::NewPassword {
        password: "N3w-Passw0rd!".into(),
        attributes: attributes.clone(),
    }));
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    assert_eq!(e.retry, Retry::SameStep);
    assert!(e.message.contains("family_name"), "{e}");
    assert_eq!(prompt(r.retry()), p);

    attributes.insert("family_name".into(), "Liddell".into());
    let req = sent(r.provide(Input::NewPassword {
        password: "N3w-Passw0rd!".into(),
        attributes,
    }));
    assert_eq!(challenge_name(&req), "NEW_PASSWORD_REQUIRED");
    let p = params(&req);
    assert_eq!(p["NEW_PASSWORD"], "N3w-Passw0rd!");
    assert_eq!(p["userAttributes.name"], "Alice");
    assert_eq!(p["userAttributes.family_name"], "Liddell");
    assert_eq!(p["USERNAME"], "alice");
    assert!(!p.contains_key("SECRET_HASH"));
    assert_eq!(session(&req).as_deref(), Some("S1"));
    done(r.on_response(tokens(true)));
    // The new password is the password from now on (e.g. for a restart).
    assert_eq!(r.password.as_ref().unwrap().expose(), "N3w-Passw0rd!");
}

#[test]
fn admin_flow_uses_the_admin_operations() {
    let mut r = Runner::new(config(Flow::AdminUserPassword));
    let req = sent(r.start(with_password()));
    match &req {
        AuthRequest::AdminInitiateAuth {
            pool_id,
            client_id,
            auth_flow,
            ..
        } => {
            assert_eq!(pool_id, POOL);
            assert_eq!(client_id, CLIENT);
            assert_eq!(*auth_flow, "ADMIN_USER_PASSWORD_AUTH");
        }
        other => panic!("{other:?}"),
    }
    let p = prompt(r.on_response(challenge(
        "SMS_MFA",
        &[
            ("CODE_DELIVERY_DESTINATION", "+*******1234"),
            ("CODE_DELIVERY_DELIVERY_MEDIUM", "SMS"),
        ],
        Some("S1"),
    )));
    assert_eq!(p.question(), "Code sent by SMS to +*******1234");
    let req = sent(r.provide(Input::Code("654321".into())));
    assert!(
        matches!(&req, AuthRequest::AdminRespondToAuthChallenge { pool_id, .. } if pool_id == POOL)
    );
    assert_eq!(params(&req)["SMS_MFA_CODE"], "654321");
    done(r.on_response(tokens(true)));
}

#[test]
fn refresh_token_flow_hashes_the_configured_real_username() {
    let mut cfg = config(Flow::RefreshToken).with_client_secret(CLIENT_SECRET);
    cfg.username = SUB.into();
    let mut r = Runner::new(cfg);
    assert_eq!(prompt(r.start(Inputs::default())), Prompt::RefreshToken);
    let req = sent(r.provide(Input::RefreshToken(REFRESH_TOKEN.into())));
    assert_eq!(auth_flow(&req), "REFRESH_TOKEN_AUTH");
    let p = params(&req);
    assert_eq!(p["REFRESH_TOKEN"], REFRESH_TOKEN);
    assert_eq!(p["SECRET_HASH"], hash(SUB));
    assert!(!p.contains_key("USERNAME"));
    let t = done(r.on_response(tokens(false)));
    assert!(t.refresh_token.is_none());

    // Without a client secret no username is needed.
    let mut cfg = config(Flow::RefreshToken);
    cfg.username.clear();
    let mut r = Runner::new(cfg);
    let req = sent(r.start(Inputs {
        refresh_token: Some(REFRESH_TOKEN.into()),
        ..Inputs::default()
    }));
    assert_eq!(params(&req).len(), 1);

    // With one, it is.
    let mut cfg = config(Flow::RefreshToken).with_client_secret(CLIENT_SECRET);
    cfg.username.clear();
    let e = failed(Runner::new(cfg).start(Inputs::default()));
    assert_eq!(e.kind, ErrorKind::Config);
    assert!(e.message.contains("username"), "{e}");
}

#[test]
fn custom_auth_answers_challenges_until_tokens() {
    let mut r = Runner::new(config(Flow::CustomAuth));
    let req = sent(r.start(Inputs::default()));
    assert_eq!(auth_flow(&req), "CUSTOM_AUTH");
    assert_eq!(params(&req).keys().collect::<Vec<_>>(), ["USERNAME"]);

    let p = prompt(r.on_response(challenge(
        "CUSTOM_CHALLENGE",
        &[("USERNAME", "alice"), ("question", "2 + 2 = ?")],
        Some("S1"),
    )));
    let Prompt::CustomChallenge { parameters } = &p else {
        panic!("{p:?}")
    };
    assert_eq!(parameters["question"], "2 + 2 = ?");
    let req = sent(r.provide(Input::Answer("4".into())));
    assert_eq!(challenge_name(&req), "CUSTOM_CHALLENGE");
    assert_eq!(params(&req)["ANSWER"], "4");
    assert_eq!(session(&req).as_deref(), Some("S1"));

    prompt(r.on_response(challenge(
        "CUSTOM_CHALLENGE",
        &[("question", "capital of France?")],
        Some("S2"),
    )));
    let req = sent(r.provide(Input::Answer("Paris".into())));
    assert_eq!(session(&req).as_deref(), Some("S2"));
    done(r.on_response(tokens(true)));
}

#[test]
fn custom_auth_with_srp_starts_with_a_password_check() {
    let case = srp_case();
    let mut r = Runner::new(config(Flow::CustomAuthWithSrp));
    // No password given: it is asked for first.
    let p = prompt(r.start(Inputs::default()));
    assert_eq!(
        p,
        Prompt::Password {
            username: "alice".into(),
            failed_attempts: 0
        }
    );
    work(r.provide(Input::Password(PASSWORD.into())));
    let req = sent(r.srp_done(srp_client("1234abcd")));
    assert_eq!(auth_flow(&req), "CUSTOM_AUTH");
    let p = params(&req);
    assert_eq!(p["CHALLENGE_NAME"], "SRP_A");
    assert_eq!(
        p["SRP_A"],
        SrpClient::with_secret_a("1234abcd").unwrap().srp_a_hex()
    );
    let vp = verifier_params(&case, "alice", "alice");
    let w = work(r.on_response(reply_of("PASSWORD_VERIFIER", &vp, Some("S1"))));
    let req = sent(r.srp_done(w.run(datetime!(2026-01-01 00:00:00 UTC), &mut rng())));
    assert_eq!(challenge_name(&req), "PASSWORD_VERIFIER");
    prompt(r.on_response(challenge("CUSTOM_CHALLENGE", &[], Some("S2"))));
    let req = sent(r.provide(Input::Answer("x".into())));
    assert_eq!(session(&req).as_deref(), Some("S2"));
}

fn select_challenge(options: &[&str]) -> Reply {
    Reply::Auth(AuthResponse {
        challenge_name: Some("SELECT_CHALLENGE".into()),
        challenge_parameters: BTreeMap::from([("USERNAME".into(), "alice".into())]),
        session: Some("S1".into()),
        available_challenges: options.iter().map(|s| (*s).to_owned()).collect(),
        tokens: None,
    })
}

#[test]
fn user_auth_offers_the_available_first_factors() {
    let all = [
        "PASSWORD",
        "PASSWORD_SRP",
        "EMAIL_OTP",
        "SMS_OTP",
        "WEB_AUTHN",
    ];
    let mut r = Runner::new(config(Flow::UserAuth { preferred: None }));
    let req = sent(r.start(Inputs::default()));
    assert_eq!(auth_flow(&req), "USER_AUTH");
    assert_eq!(params(&req).keys().collect::<Vec<_>>(), ["USERNAME"]);
    let p = prompt(r.on_response(select_challenge(&all)));
    let Prompt::Choose {
        challenge: menu,
        options,
    } = &p
    else {
        panic!("{p:?}")
    };
    assert_eq!(menu, "SELECT_CHALLENGE");
    let values: Vec<_> = options.iter().map(|o| o.value.as_str()).collect();
    assert_eq!(values, all);
    assert!(!options[4].supported);

    // Passkeys: refused, the same menu again.
    let e = failed(r.provide(Input::Choice("WEB_AUTHN".into())));
    assert_eq!(e.retry, Retry::SameStep);
    assert!(e.message.contains("Passkeys"), "{e}");
    assert_eq!(prompt(r.retry()), p);
    // Not an option at all.
    let e = failed(r.provide(Input::Choice("CARRIER_PIGEON".into())));
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    prompt(r.retry());

    // A one-time code by email.
    let req = sent(r.provide(Input::Choice("email_otp".into())));
    assert_eq!(challenge_name(&req), "SELECT_CHALLENGE");
    let p = params(&req);
    assert_eq!(p["ANSWER"], "EMAIL_OTP");
    assert_eq!(p["USERNAME"], "alice");
    assert_eq!(session(&req).as_deref(), Some("S1"));
    let p = prompt(r.on_response(challenge(
        "EMAIL_OTP",
        &[("CODE_DELIVERY_DESTINATION", "a***@e***")],
        Some("S2"),
    )));
    assert_eq!(p.question(), "Code sent by email to a***@e***");
    let req = sent(r.provide(Input::Code("12345678".into())));
    assert_eq!(params(&req)["EMAIL_OTP_CODE"], "12345678");
    assert_eq!(session(&req).as_deref(), Some("S2"));
    done(r.on_response(tokens(true)));
}

#[test]
fn user_auth_password_choices() {
    // PASSWORD: asked for, then sent with the choice.
    let mut r = Runner::new(config(Flow::UserAuth { preferred: None }));
    sent(r.start(Inputs::default()));
    prompt(r.on_response(select_challenge(&["PASSWORD", "PASSWORD_SRP"])));
    assert!(matches!(
        prompt(r.provide(Input::Choice("PASSWORD".into()))),
        Prompt::Password { .. }
    ));
    let req = sent(r.provide(Input::Password(PASSWORD.into())));
    let p = params(&req);
    assert_eq!(p["ANSWER"], "PASSWORD");
    assert_eq!(p["PASSWORD"], PASSWORD);
    assert_eq!(session(&req).as_deref(), Some("S1"));

    // PASSWORD_SRP with the password given up front: SRP_A goes with the choice.
    let case = srp_case();
    let mut r = Runner::new(config(Flow::UserAuth { preferred: None }));
    sent(r.start(with_password()));
    prompt(r.on_response(select_challenge(&["PASSWORD", "PASSWORD_SRP"])));
    work(r.provide(Input::Choice("PASSWORD_SRP".into())));
    let req = sent(r.srp_done(srp_client("1234abcd")));
    let p = params(&req);
    assert_eq!(p["ANSWER"], "PASSWORD_SRP");
    assert!(p["SRP_A"].len() > 100);
    let vp = verifier_params(&case, "alice", "alice");
    let w = work(r.on_response(reply_of("PASSWORD_VERIFIER", &vp, Some("S2"))));
    let req = sent(r.srp_done(w.run(datetime!(2026-01-01 00:00:00 UTC), &mut rng())));
    assert_eq!(challenge_name(&req), "PASSWORD_VERIFIER");
    assert_eq!(session(&req).as_deref(), Some("S2"));
    done(r.on_response(tokens(true)));
}

#[test]
fn user_auth_with_a_preferred_challenge() {
    let preferred = |f| Flow::UserAuth { preferred: Some(f) };
    let mut r = Runner::new(config(preferred(FirstFactor::Password)));
    let p = params(&sent(r.start(with_password())));
    assert_eq!(p["PREFERRED_CHALLENGE"], "PASSWORD");
    assert_eq!(p["PASSWORD"], PASSWORD);

    let mut r = Runner::new(config(preferred(FirstFactor::PasswordSrp)));
    work(r.start(with_password()));
    let p = params(&sent(r.srp_done(srp_client("1234abcd"))));
    assert_eq!(p["PREFERRED_CHALLENGE"], "PASSWORD_SRP");
    assert!(p.contains_key("SRP_A"));
    assert!(!p.contains_key("PASSWORD"));

    let mut r = Runner::new(config(preferred(FirstFactor::SmsOtp)));
    let p = params(&sent(r.start(Inputs::default())));
    assert_eq!(p["PREFERRED_CHALLENGE"], "SMS_OTP");
    let p = prompt(r.on_response(challenge("SMS_OTP", &[], Some("S1"))));
    assert!(matches!(
        p,
        Prompt::Code {
            kind: CodeKind::SmsOtp,
            ..
        }
    ));
    let req = sent(r.provide(Input::Code("111222".into())));
    assert_eq!(params(&req)["SMS_OTP_CODE"], "111222");

    let e = failed(Runner::new(config(preferred(FirstFactor::WebAuthn))).start(with_password()));
    assert_eq!(e.kind, ErrorKind::Unsupported);
    assert_eq!(e.retry, Retry::No);
}

#[test]
fn select_mfa_type_answers_with_the_choice() {
    let mut r = Runner::new(config(Flow::UserPassword));
    sent(r.start(with_password()));
    let p = prompt(r.on_response(challenge(
        "SELECT_MFA_TYPE",
        &[("MFAS_CAN_CHOOSE", r#"["SMS_MFA","SOFTWARE_TOKEN_MFA"]"#)],
        Some("S1"),
    )));
    assert_eq!(
        p.question(),
        "Choose the second factor: SMS_MFA, SOFTWARE_TOKEN_MFA"
    );
    let req = sent(r.provide(Input::Choice("SOFTWARE_TOKEN_MFA".into())));
    assert_eq!(challenge_name(&req), "SELECT_MFA_TYPE");
    assert_eq!(params(&req)["ANSWER"], "SOFTWARE_TOKEN_MFA");
    // A choice is not a secret: the timeline shows it.
    assert!(
        req.masked()
            .to_string()
            .contains("ANSWER=SOFTWARE_TOKEN_MFA")
    );
    prompt(r.on_response(challenge("SOFTWARE_TOKEN_MFA", &[], Some("S2"))));
    let req = sent(r.provide(Input::Code("000000".into())));
    assert_eq!(session(&req).as_deref(), Some("S2"));
}

#[test]
fn mfa_setup_associates_verifies_and_answers() {
    let mut cfg = config(Flow::UserPassword).with_client_secret(CLIENT_SECRET);
    cfg.totp_issuer = Some("Workshop".into());
    let mut r = Runner::new(cfg);
    sent(r.start(with_password()));
    // moto writes the list as a Python repr.
    let req = sent(r.on_response(challenge(
        "MFA_SETUP",
        &[("MFAS_CAN_SETUP", "['SOFTWARE_TOKEN_MFA']")],
        Some("S1"),
    )));
    assert_eq!(
        req,
        AuthRequest::AssociateSoftwareToken {
            session: "S1".into()
        }
    );

    let p = prompt(r.on_response(Reply::AssociateSoftwareToken(
        AssociateSoftwareTokenResponse {
            secret_code: TOTP_SECRET.into(),
            session: Some("S2".into()),
        },
    )));
    let Prompt::MfaSetup {
        secret_code,
        otpauth_uri,
        account,
        issuer,
    } = &p
    else {
        panic!("{p:?}")
    };
    assert_eq!(secret_code.expose(), TOTP_SECRET);
    assert_eq!(
        otpauth_uri.expose(),
        format!("otpauth://totp/Workshop:alice?secret={TOTP_SECRET}&issuer=Workshop")
    );
    assert_eq!((account.as_str(), issuer.as_str()), ("alice", "Workshop"));

    // A code that is not 6 digits never leaves.
    let e = failed(r.provide(Input::Code("12345".into())));
    assert_eq!(e.retry, Retry::SameStep);
    assert_eq!(prompt(r.retry()), p);

    let code = totp::code(TOTP_SECRET, 1_800_000_000).unwrap();
    let req = sent(r.provide(Input::Code(code.clone().into())));
    assert_eq!(
        req,
        AuthRequest::VerifySoftwareToken {
            session: "S2".into(),
            user_code: code.clone().into(),
            friendly_device_name: Some("cognito-tui".into()),
        }
    );
    // Cognito says no: the same step again, with the same secret.
    let e = failed(
        r.on_response(Reply::VerifySoftwareToken(VerifySoftwareTokenResponse {
            status: "ERROR".into(),
            session: None,
        })),
    );
    assert_eq!(e.kind, ErrorKind::CodeMismatch);
    assert_eq!(e.retry, Retry::SameStep);
    assert_eq!(prompt(r.retry()), p);

    let req = sent(r.provide(Input::Code(code.into())));
    assert_eq!(session(&req).as_deref(), Some("S2"));
    let req = sent(
        r.on_response(Reply::VerifySoftwareToken(VerifySoftwareTokenResponse {
            status: "SUCCESS".into(),
            session: Some("S3".into()),
        })),
    );
    assert_eq!(challenge_name(&req), "MFA_SETUP");
    let p = params(&req);
    assert_eq!(p["USERNAME"], "alice");
    assert_eq!(p["SECRET_HASH"], hash("alice"));
    assert_eq!(session(&req).as_deref(), Some("S3"));
    done(r.on_response(tokens(true)));
}

#[test]
fn mfa_setup_without_totp_is_explained() {
    let mut r = Runner::new(config(Flow::UserPassword));
    sent(r.start(with_password()));
    let e = failed(r.on_response(challenge(
        "MFA_SETUP",
        &[("MFAS_CAN_SETUP", r#"["SMS_MFA"]"#)],
        Some("S1"),
    )));
    assert_eq!(e.kind, ErrorKind::Unsupported);
    assert!(e.message.contains("SMS_MFA"), "{e}");
    assert!(r.transcript()[0].error.is_some());
}

#[test]
fn lists_are_parsed_leniently() {
    assert_eq!(
        parse_list(r#"["SOFTWARE_TOKEN_MFA"]"#),
        ["SOFTWARE_TOKEN_MFA"]
    );
    assert_eq!(parse_list("['SOFTWARE_TOKEN_MFA']"), ["SOFTWARE_TOKEN_MFA"]);
    assert_eq!(
        parse_list("['SOFTWARE_TOKEN_MFA', 'SMS_MFA']"),
        ["SOFTWARE_TOKEN_MFA", "SMS_MFA"]
    );
    assert_eq!(parse_list(r#"[ "A" , "B" ]"#), ["A", "B"]);
    assert_eq!(parse_list("A,B"), ["A", "B"]);
    assert!(parse_list("[]").is_empty());
    assert!(parse_list("").is_empty());
    assert_eq!(
        parse_list(r#"["userAttributes.name"]"#),
        ["userAttributes.name"]
    );
    assert_eq!(
        parse_attributes(r#"{"email":"a@b","n":1}"#),
        BTreeMap::from([("email".into(), "a@b".into()), ("n".into(), "1".into())])
    );
    assert!(parse_attributes("nope").is_empty());
}
