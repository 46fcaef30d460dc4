//! Failures and retries: wrong passwords and lockouts, codes, sessions, client settings and
//! secrets, Cognito's error codes, unsupported challenges, misuse, bad configurations.

use super::*;

#[test]
fn wrong_passwords_are_counted_and_warned_about() {
    let mut r = Runner::new(config(Flow::UserPassword));
    sent(r.start(with_password()));
    for n in 1..=4u32 {
        let e = failed(r.on_error("NotAuthorizedException", "Incorrect username or password."));
        assert_eq!(e.kind, ErrorKind::WrongPassword);
        assert_eq!(e.retry, Retry::Restart);
        assert_eq!(e.step, "InitiateAuth USER_PASSWORD_AUTH");
        assert_eq!(e.code.as_deref(), Some("NotAuthorizedException"));
        assert_eq!(r.failed_password_attempts(), n);
        if n >= 3 {
            let w = e.warning.as_deref().unwrap();
            assert!(w.contains("locks the user out"), "{w}");
            assert!(e.to_string().contains("5 failed attempts"), "{e}");
        } else {
            assert_eq!(e.warning, None);
        }
        // The wrong password is forgotten: asked for again.
        assert_eq!(
            prompt(r.retry()),
            Prompt::Password {
                username: "alice".into(),
                failed_attempts: n
            }
        );
        sent(r.provide(Input::Password(format!("guess-{n}").into())));
    }
    done(r.on_response(tokens(true)));
    assert_eq!(r.failed_password_attempts(), 0);
}

#[test]
fn lockout_is_not_retryable() {
    let mut r = Runner::new(config(Flow::UserPassword));
    sent(r.start(with_password()));
    let e = failed(r.on_error("NotAuthorizedException", "Password attempts exceeded"));
    assert_eq!(e.kind, ErrorKind::LockedOut);
    assert_eq!(e.retry, Retry::No);
    assert_eq!(failed(r.retry()).kind, ErrorKind::Misuse);
}

#[test]
fn code_mismatch_retries_the_same_step_in_the_same_session() {
    let mut r = Runner::new(config(Flow::UserPassword));
    sent(r.start(with_password()));
    let p = prompt(r.on_response(challenge("SOFTWARE_TOKEN_MFA", &[], Some("S1"))));
    sent(r.provide(Input::Code("111111".into())));
    let e = failed(r.on_error("CodeMismatchException", "Invalid code received for user"));
    assert_eq!(e.kind, ErrorKind::CodeMismatch);
    assert_eq!(e.retry, Retry::SameStep);
    assert!(e.message.contains("clock"), "{e}");
    assert_eq!(e.step, "RespondToAuthChallenge SOFTWARE_TOKEN_MFA");
    assert_eq!(prompt(r.retry()), p);
    let req = sent(r.provide(Input::Code("222222".into())));
    assert_eq!(session(&req).as_deref(), Some("S1"));
    assert_eq!(params(&req)["SOFTWARE_TOKEN_MFA_CODE"], "222222");
}

#[test]
fn expired_session_restarts_keeping_the_password() {
    let mut r = Runner::new(config(Flow::UserPassword));
    sent(r.start(with_password()));
    prompt(r.on_response(challenge("SOFTWARE_TOKEN_MFA", &[], Some("S1"))));
    sent(r.provide(Input::Code("111111".into())));
    let e = failed(r.on_error(
        "NotAuthorizedException",
        "Invalid session for the user, session is expired.",
    ));
    assert_eq!(e.kind, ErrorKind::SessionExpired);
    assert_eq!(e.retry, Retry::Restart);
    let req = sent(r.retry());
    assert_eq!(auth_flow(&req), "USER_PASSWORD_AUTH");
    assert_eq!(params(&req)["PASSWORD"], PASSWORD);
    assert_eq!(r.session, None);
}

#[test]
fn disabled_flow_names_the_client_setting() {
    let mut r = Runner::new(config(Flow::UserPassword));
    sent(r.start(with_password()));
    let e = failed(r.on_error(
        "InvalidParameterException",
        "USER_PASSWORD_AUTH flow not enabled for this client",
    ));
    assert_eq!(e.kind, ErrorKind::FlowNotEnabled);
    assert_eq!(e.retry, Retry::No);
    assert!(e.message.contains("ALLOW_USER_PASSWORD_AUTH"), "{e}");
    assert!(e.message.contains(CLIENT), "{e}");
}

#[test]
fn a_missing_client_secret_is_asked_for_then_used() {
    let mut r = Runner::new(config(Flow::UserPassword));
    let req = sent(r.start(with_password()));
    assert!(!params(&req).contains_key("SECRET_HASH"));
    let e = failed(r.on_error(
        "NotAuthorizedException",
        &format!("Client {CLIENT} is configured for secret but secret was not received"),
    ));
    assert_eq!(e.kind, ErrorKind::SecretHash);
    assert_eq!(e.retry, Retry::Restart);
    assert!(e.message.contains("enter the client secret"), "{e}");
    assert_eq!(
        prompt(r.retry()),
        Prompt::ClientSecret {
            client_id: CLIENT.into()
        }
    );
    let req = sent(r.provide(Input::ClientSecret(CLIENT_SECRET.into())));
    assert_eq!(params(&req)["SECRET_HASH"], hash("alice"));
    assert_eq!(params(&req)["PASSWORD"], PASSWORD);

    // A wrong one: asked for again.
    let e = failed(r.on_error(
        "NotAuthorizedException",
        &format!("Unable to verify secret hash for client {CLIENT}"),
    ));
    assert!(e.message.contains("client secret is wrong"), "{e}");
    assert!(matches!(prompt(r.retry()), Prompt::ClientSecret { .. }));
}

#[test]
fn refresh_secret_hash_errors_mention_the_username() {
    let mut cfg = config(Flow::RefreshToken).with_client_secret(CLIENT_SECRET);
    cfg.username = "alice@example.com".into();
    let mut r = Runner::new(cfg);
    sent(r.start(Inputs {
        refresh_token: Some(REFRESH_TOKEN.into()),
        ..Inputs::default()
    }));
    let e = failed(r.on_error(
        "NotAuthorizedException",
        &format!("SecretHash does not match for the client: {CLIENT}"),
    ));
    assert!(e.message.contains("sub"), "{e}");

    let mut r = Runner::new(config(Flow::RefreshToken));
    sent(r.start(Inputs {
        refresh_token: Some(REFRESH_TOKEN.into()),
        ..Inputs::default()
    }));
    let e = failed(r.on_error("NotAuthorizedException", "Invalid Refresh Token"));
    assert_eq!(e.kind, ErrorKind::InvalidRefreshToken);
    assert_eq!(prompt(r.retry()), Prompt::RefreshToken);
}

#[test]
fn other_errors_are_mapped_with_the_right_retry() {
    let cases: [(&str, &str, ErrorKind, Retry); 8] = [
        (
            "UserNotFoundException",
            "User does not exist.",
            ErrorKind::UserNotFound,
            Retry::No,
        ),
        (
            "PasswordResetRequiredException",
            "Password reset required for the user",
            ErrorKind::PasswordResetRequired,
            Retry::No,
        ),
        (
            "UserNotConfirmedException",
            "User is not confirmed.",
            ErrorKind::UserNotConfirmed,
            Retry::No,
        ),
        (
            "NotAuthorizedException",
            "User is disabled.",
            ErrorKind::UserDisabled,
            Retry::No,
        ),
        (
            "TooManyRequestsException",
            "Rate exceeded",
            ErrorKind::Throttled,
            Retry::Restart,
        ),
        (
            "UserLambdaValidationException",
            "PreAuthentication failed with error nope.",
            ErrorKind::Lambda,
            Retry::Restart,
        ),
        (
            "ResourceNotFoundException",
            "User pool client x does not exist.",
            ErrorKind::Config,
            Retry::No,
        ),
        (
            "InternalErrorException",
            "boom",
            ErrorKind::Cognito,
            Retry::Restart,
        ),
    ];
    for (code, message, kind, retry) in cases {
        let mut r = Runner::new(config(Flow::UserPassword));
        sent(r.start(with_password()));
        let e = failed(r.on_error(code, message));
        assert_eq!((e.kind, e.retry), (kind, retry), "{code}");
        assert!(!e.message.is_empty());
        assert_eq!(e.cognito_message.as_deref(), Some(message));
    }
    // Messages name what to do.
    let mut r = Runner::new(config(Flow::UserPassword));
    sent(r.start(with_password()));
    let e = failed(r.on_error("UserNotConfirmedException", "User is not confirmed."));
    assert!(e.message.contains("AdminConfirmSignUp"), "{e}");
}

#[test]
fn expired_codes_depend_on_the_kind_of_code() {
    let mut r = Runner::new(config(Flow::UserPassword));
    sent(r.start(with_password()));
    prompt(r.on_response(challenge("SOFTWARE_TOKEN_MFA", &[], Some("S1"))));
    sent(r.provide(Input::Code("111111".into())));
    let e = failed(r.on_error("ExpiredCodeException", "Invalid code provided"));
    assert_eq!(e.retry, Retry::SameStep);

    let mut r = Runner::new(config(Flow::UserPassword));
    sent(r.start(with_password()));
    prompt(r.on_response(challenge("EMAIL_OTP", &[], Some("S1"))));
    sent(r.provide(Input::Code("11111111".into())));
    let e = failed(r.on_error("ExpiredCodeException", "Invalid code provided"));
    assert_eq!(e.retry, Retry::Restart);
}

#[test]
fn invalid_new_password_can_be_retried_in_the_session() {
    let mut r = Runner::new(config(Flow::UserPassword));
    sent(r.start(with_password()));
    let p = prompt(r.on_response(challenge("NEW_PASSWORD_REQUIRED", &[], Some("S1"))));
    sent(r.provide(Input::NewPassword {
        password: "short".into(),
        attributes: BTreeMap::new(),
    }));
    let e = failed(r.on_error(
        "InvalidPasswordException",
        "Password does not conform to policy: Password not long enough",
    ));
    assert_eq!(e.kind, ErrorKind::InvalidPassword);
    assert_eq!(e.retry, Retry::SameStep);
    assert_eq!(prompt(r.retry()), p);
    // The rejected password was not adopted.
    assert_eq!(r.password.as_ref().unwrap().expose(), PASSWORD);
}

#[test]
fn a_reply_without_session_clears_the_old_one() {
    let mut r = Runner::new(config(Flow::CustomAuth));
    sent(r.start(Inputs::default()));
    prompt(r.on_response(challenge("CUSTOM_CHALLENGE", &[], Some("S1"))));
    sent(r.provide(Input::Answer("a".into())));
    prompt(r.on_response(challenge("CUSTOM_CHALLENGE", &[], None)));
    let req = sent(r.provide(Input::Answer("b".into())));
    assert_eq!(session(&req), None);
}

#[test]
fn unsupported_challenges_and_empty_replies_fail_clearly() {
    let mut r = Runner::new(config(Flow::UserPassword));
    sent(r.start(with_password()));
    let e = failed(r.on_response(challenge("DEVICE_SRP_AUTH", &[], None)));
    assert_eq!(e.kind, ErrorKind::Unsupported);
    assert!(e.message.contains("remembered devices"), "{e}");

    let mut r = Runner::new(config(Flow::UserPassword));
    sent(r.start(with_password()));
    let e = failed(r.on_response(Reply::Auth(AuthResponse::default())));
    assert_eq!(e.kind, ErrorKind::UnexpectedReply);

    // PASSWORD_VERIFIER without an SRP start.
    let mut r = Runner::new(config(Flow::UserPassword));
    sent(r.start(with_password()));
    let e = failed(r.on_response(challenge("PASSWORD_VERIFIER", &[], None)));
    assert_eq!(e.kind, ErrorKind::UnexpectedReply);

    // Bad SRP values from the server: restart.
    let mut r = Runner::new(config(Flow::UserSrp));
    work(r.start(with_password()));
    sent(r.srp_done(srp_client("1234abcd")));
    let w = work(r.on_response(challenge(
        "PASSWORD_VERIFIER",
        &[
            ("USER_ID_FOR_SRP", "alice"),
            ("SRP_B", "abc"),
            ("SALT", "abc"),
            // Nothing of the base64 alphabet, not even leniently.
            ("SECRET_BLOCK", "!!!!"),
        ],
        None,
    )));
    let e = failed(r.srp_done(w.run(datetime!(2026-01-01 00:00:00 UTC), &mut rng())));
    assert_eq!(e.kind, ErrorKind::Srp);
    assert_eq!(e.retry, Retry::Restart);
    assert!(e.message.contains("SECRET_BLOCK"), "{e}");
}

#[test]
fn out_of_order_calls_do_not_disturb_the_flow() {
    let mut r = Runner::new(config(Flow::UserPassword));
    assert_eq!(r.status(), Status::NotStarted);
    assert_eq!(failed(r.on_response(tokens(true))).kind, ErrorKind::Misuse);
    assert_eq!(
        failed(r.provide(Input::Code("1".into()))).kind,
        ErrorKind::Misuse
    );
    let p = prompt(r.start(Inputs::default()));
    assert_eq!(failed(r.on_error("X", "y")).kind, ErrorKind::Misuse);
    assert_eq!(
        failed(r.srp_done(srp_client("1234"))).kind,
        ErrorKind::Misuse
    );
    assert_eq!(r.status(), Status::WaitingForInput);
    // The wrong kind of input: the same question again.
    let e = failed(r.provide(Input::Code("123456".into())));
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    assert_eq!(prompt(r.retry()), p);
    let req = sent(r.provide(Input::Password(PASSWORD.into())));
    // A reply of the wrong shape.
    assert_eq!(req.operation(), "InitiateAuth");
    let e = failed(
        r.on_response(Reply::VerifySoftwareToken(VerifySoftwareTokenResponse {
            status: "SUCCESS".into(),
            session: None,
        })),
    );
    assert_eq!(e.kind, ErrorKind::UnexpectedReply);
}

#[test]
fn bad_configurations_fail_at_start() {
    let e = failed(
        Runner::new(FlowConfig::new("nope", CLIENT, "alice", Flow::UserSrp)).start(with_password()),
    );
    assert_eq!(e.kind, ErrorKind::Config);
    assert!(e.message.contains("us-east-1_AbCdEf123"), "{e}");
    let e = failed(
        Runner::new(FlowConfig::new(POOL, "", "alice", Flow::UserSrp)).start(with_password()),
    );
    assert_eq!(e.kind, ErrorKind::Config);
    let e = failed(
        Runner::new(FlowConfig::new(POOL, CLIENT, " ", Flow::UserSrp)).start(with_password()),
    );
    assert_eq!(e.kind, ErrorKind::Config);
    assert_eq!(e.retry, Retry::No);
}
