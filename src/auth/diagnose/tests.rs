//! The table of (error, pool/client/user facts) → diagnosis, and the pre-flight's checks.

use super::*;
use crate::auth::errors::{ErrorKind, FlowError, Retry};
use crate::auth::flows::{FirstFactor, Flow, FlowConfig};
use crate::domain::{AppClient, LambdaConfig, PoolDetail, User};

fn err(kind: ErrorKind, step: &str, code: &str, message: &str) -> FlowError {
    FlowError {
        kind,
        step: step.into(),
        message: "the runner's own words".into(),
        code: Some(code.into()),
        cognito_message: Some(message.into()),
        retry: Retry::No,
        warning: None,
    }
}

fn pool() -> PoolFacts {
    PoolFacts {
        detail: PoolDetail {
            id: "us-east-1_x".into(),
            alias_attributes: vec!["email".into()],
            username_case_sensitive: Some(false),
            mfa_configuration: Some("OFF".into()),
            lambda_config: LambdaConfig {
                pre_authentication: Some(
                    "arn:aws:lambda:us-east-1:000000000000:function:gatekeeper".into(),
                ),
                ..Default::default()
            },
            ..Default::default()
        },
        advanced_security: None,
        first_factors: None,
    }
}

fn client(hides: bool, secret: bool) -> AppClient {
    AppClient {
        id: "c1".into(),
        name: "web".into(),
        has_secret: secret,
        explicit_auth_flows: vec![
            "ALLOW_USER_SRP_AUTH".into(),
            "ALLOW_USER_PASSWORD_AUTH".into(),
        ],
        prevent_user_existence_errors: Some(if hides { "ENABLED" } else { "LEGACY" }.into()),
        ..Default::default()
    }
}

fn alice(status: &str, enabled: bool) -> User {
    User {
        username: "alice".into(),
        status: Some(status.into()),
        enabled,
        attributes: vec![("email".into(), "alice@example.com".into())],
        ..Default::default()
    }
}

fn facts(
    pool: Option<PoolFacts>,
    client: Option<AppClient>,
    user: Option<Option<User>>,
) -> SignInFacts {
    let no = |what: &str| format!("{what}: AccessDeniedException: not allowed");
    SignInFacts {
        pool: pool.map_or_else(|| Fact::Unknown(no("pool")), Fact::Known),
        client: client.map_or_else(|| Fact::Unknown(no("client")), Fact::Known),
        user: user.map_or_else(|| Fact::Unknown(no("user")), Fact::Known),
    }
}

const WRONG: &str = "Incorrect username or password.";

/// (what, error, config, failed passwords, facts, the first cause's certainty, its words,
/// more words anywhere in the diagnosis).
type Row = (
    &'static str,
    FlowError,
    FlowConfig,
    u32,
    SignInFacts,
    Certainty,
    &'static str,
    &'static [&'static str],
);

#[test]
fn the_table() {
    let cfg = |name: &str| FlowConfig::new("us-east-1_x", "c1", name, Flow::UserPassword);
    let secret_cfg = |name: &str| cfg(name).with_client_secret("s3cr3t");
    let ia = "InitiateAuth USER_PASSWORD_AUTH";
    use Certainty::*;
    // (what, error, config, failed passwords, facts, expected first cause, its words, more words anywhere)
    let rows: Vec<Row> = vec![
        (
            "wrong password, user exists",
            err(
                ErrorKind::WrongPassword,
                ia,
                "NotAuthorizedException",
                WRONG,
            ),
            cfg("alice"),
            1,
            facts(
                Some(pool()),
                Some(client(true, false)),
                Some(Some(alice("CONFIRMED", true))),
            ),
            Likely,
            "the password is wrong for alice",
            &["AdminGetUser: alice exists, CONFIRMED, enabled"],
        ),
        (
            "no such user, hidden by PreventUserExistenceErrors",
            err(
                ErrorKind::WrongPassword,
                ia,
                "NotAuthorizedException",
                WRONG,
            ),
            cfg("zed"),
            1,
            facts(Some(pool()), Some(client(true, false)), Some(None)),
            Likely,
            "there is no user \"zed\"",
            &[
                "PreventUserExistenceErrors ENABLED",
                "AdminGetUser: no user \"zed\"",
                "next: sign in with an existing username",
            ],
        ),
        (
            "wrong password or no user: AdminGetUser not allowed, client hides",
            err(
                ErrorKind::WrongPassword,
                ia,
                "NotAuthorizedException",
                WRONG,
            ),
            cfg("zed"),
            1,
            facts(Some(pool()), Some(client(true, false)), None),
            Possible,
            "the password is wrong for zed",
            &[
                "there is no user \"zed\" (hidden",
                "AdminGetUser: user: AccessDeniedException",
            ],
        ),
        (
            "wrong password, LEGACY client: an unknown user would say so",
            err(
                ErrorKind::WrongPassword,
                ia,
                "NotAuthorizedException",
                WRONG,
            ),
            cfg("alice"),
            1,
            facts(None, Some(client(false, false)), None),
            Likely,
            "the password is wrong for alice",
            &[
                "PreventUserExistenceErrors LEGACY",
                "DescribeUserPool: pool: AccessDenied",
            ],
        ),
        (
            "third wrong password warns of the lockout",
            err(
                ErrorKind::WrongPassword,
                ia,
                "NotAuthorizedException",
                WRONG,
            ),
            cfg("alice"),
            3,
            facts(
                Some(pool()),
                Some(client(true, false)),
                Some(Some(alice("CONFIRMED", true))),
            ),
            Likely,
            "the password is wrong for alice",
            &["3 wrong passwords in a row", "up to about 15 minutes"],
        ),
        (
            "lockout",
            err(
                ErrorKind::LockedOut,
                ia,
                "NotAuthorizedException",
                "Password attempts exceeded",
            ),
            cfg("alice"),
            6,
            facts(None, None, None),
            Certain,
            "alice is locked out",
            &["doubles", "15 minutes"],
        ),
        (
            "unknown user shown (LEGACY), email without an email alias",
            err(
                ErrorKind::UserNotFound,
                ia,
                "UserNotFoundException",
                "User does not exist.",
            ),
            cfg("zed@example.com"),
            0,
            facts(
                Some(PoolFacts {
                    detail: PoolDetail {
                        alias_attributes: vec![],
                        ..pool().detail
                    },
                    ..pool()
                }),
                Some(client(false, false)),
                Some(None),
            ),
            Certain,
            "there is no user \"zed@example.com\"",
            &["the pool accepts no email alias"],
        ),
        (
            "missing SECRET_HASH",
            err(
                ErrorKind::SecretHash,
                ia,
                "NotAuthorizedException",
                "Client c1 is configured with secret but SECRET_HASH was not received",
            ),
            cfg("alice"),
            0,
            facts(None, Some(client(false, true)), None),
            Certain,
            "SECRET_HASH is missing",
            &[],
        ),
        (
            "wrong SECRET_HASH at InitiateAuth: the secret",
            err(
                ErrorKind::SecretHash,
                ia,
                "NotAuthorizedException",
                "Unable to verify secret hash for client c1",
            ),
            secret_cfg("alice@example.com"),
            0,
            facts(
                Some(pool()),
                Some(client(false, true)),
                Some(Some(alice("CONFIRMED", true))),
            ),
            Likely,
            "the client secret is wrong",
            &["is an alias of \"alice\""],
        ),
        (
            "wrong SECRET_HASH in a challenge answer over the alias",
            err(
                ErrorKind::SecretHash,
                "RespondToAuthChallenge NEW_PASSWORD_REQUIRED",
                "NotAuthorizedException",
                "Unable to verify secret hash for client c1",
            ),
            secret_cfg("alice@example.com"),
            0,
            facts(
                Some(pool()),
                Some(client(false, true)),
                Some(Some(alice("CONFIRMED", true))),
            ),
            Likely,
            "challenge answers need the real username \"alice\"",
            &["possibly: the client secret is wrong"],
        ),
        (
            "wrong SECRET_HASH on refresh",
            err(
                ErrorKind::SecretHash,
                "InitiateAuth REFRESH_TOKEN_AUTH",
                "NotAuthorizedException",
                "Unable to verify secret hash for client c1",
            ),
            FlowConfig::new("us-east-1_x", "c1", "alice@example.com", Flow::RefreshToken)
                .with_client_secret("s"),
            0,
            facts(None, None, None),
            Likely,
            "not the user's real username",
            &[],
        ),
        (
            "flow not enabled",
            err(
                ErrorKind::FlowNotEnabled,
                "InitiateAuth ADMIN_USER_PASSWORD_AUTH",
                "InvalidParameterException",
                "ADMIN_USER_PASSWORD_AUTH flow not enabled for this client",
            ),
            FlowConfig::new("us-east-1_x", "c1", "alice", Flow::AdminUserPassword),
            0,
            facts(None, Some(client(true, false)), None),
            Certain,
            "does not allow ADMIN_USER_PASSWORD_AUTH",
            &["ExplicitAuthFlows ALLOW_USER_SRP_AUTH, ALLOW_USER_PASSWORD_AUTH"],
        ),
        (
            "unconfirmed",
            err(
                ErrorKind::UserNotConfirmed,
                ia,
                "UserNotConfirmedException",
                "User is not confirmed.",
            ),
            cfg("alice"),
            0,
            facts(None, None, Some(Some(alice("UNCONFIRMED", true)))),
            Certain,
            "has not confirmed the sign-up",
            &["UNCONFIRMED", "AdminConfirmSignUp"],
        ),
        (
            "disabled",
            err(
                ErrorKind::UserDisabled,
                ia,
                "NotAuthorizedException",
                "User is disabled.",
            ),
            cfg("alice"),
            0,
            facts(None, None, Some(Some(alice("CONFIRMED", false)))),
            Certain,
            "user alice is disabled",
            &["AdminEnableUser"],
        ),
        (
            "a pre-authentication trigger refused (AWS's wording)",
            err(
                ErrorKind::Lambda,
                ia,
                "UserLambdaValidationException",
                "PreAuthentication failed with error mallory may not sign in.",
            ),
            cfg("mallory"),
            0,
            facts(Some(pool()), None, None),
            Likely,
            "PreAuthentication trigger (gatekeeper) stopped the sign-in (it raised an error or answered what Cognito could not use): \"mallory may not sign in\"",
            &["DescribeUserPool: PreAuthentication runs gatekeeper"],
        ),
        (
            "a pre-token trigger failed (the emulator's wording, an InternalError)",
            err(
                ErrorKind::Cognito,
                ia,
                "InternalError",
                "PreTokenGeneration error: {'errorMessage': 'no tokens for mallory', 'errorType': 'Runtime.HandlerError'}",
            ),
            cfg("mallory"),
            0,
            facts(None, None, None),
            Likely,
            "PreTokenGeneration trigger stopped the sign-in (it raised an error or answered what Cognito could not use): \"no tokens for mallory\"",
            &[],
        ),
        (
            "wrong code",
            err(
                ErrorKind::CodeMismatch,
                "RespondToAuthChallenge SOFTWARE_TOKEN_MFA",
                "CodeMismatchException",
                "Invalid code received for user",
            ),
            cfg("alice"),
            0,
            facts(None, None, None),
            Likely,
            "mistyped",
            &["clock"],
        ),
        (
            "expired code",
            err(
                ErrorKind::ExpiredCode,
                "RespondToAuthChallenge EMAIL_OTP",
                "ExpiredCodeException",
                "Invalid code provided, please request a code again.",
            ),
            cfg("alice"),
            0,
            facts(None, None, None),
            Likely,
            "the code expired",
            &[],
        ),
        (
            "session expired",
            err(
                ErrorKind::SessionExpired,
                "RespondToAuthChallenge SOFTWARE_TOKEN_MFA",
                "NotAuthorizedException",
                "Invalid session for the user, session is expired.",
            ),
            cfg("alice"),
            0,
            facts(None, None, None),
            Likely,
            "the sign-in session expired: it lasts 3 minutes (Cognito's default)",
            &[],
        ),
        (
            "session used twice",
            err(
                ErrorKind::SessionExpired,
                "RespondToAuthChallenge SOFTWARE_TOKEN_MFA",
                "NotAuthorizedException",
                "Invalid session for the user.",
            ),
            cfg("alice"),
            0,
            facts(
                None,
                Some(AppClient {
                    auth_session_validity: Some(5),
                    ..client(true, false)
                }),
                None,
            ),
            Likely,
            "already used",
            &["possibly: the session expired (5 minutes, the client's AuthSessionValidity)"],
        ),
    ];
    for (what, error, config, failed, facts, certainty, words, more) in rows {
        let d = diagnose(&error, &config, failed, &facts);
        let first = d
            .causes
            .first()
            .unwrap_or_else(|| panic!("{what}: no cause"));
        assert_eq!(first.certainty, certainty, "{what}: {d}");
        assert!(
            first.text.contains(words),
            "{what}: {:?} lacks {words:?}\n{d}",
            first.text
        );
        let all = d.to_string();
        for m in more {
            assert!(all.contains(m), "{what}: lacks {m:?}\n{all}");
        }
        // Never more certain than Cognito's own words: a fact alone never makes "certain".
        if error.kind == ErrorKind::WrongPassword {
            assert!(d.causes.iter().all(|c| c.certainty != Certain), "{what}");
        }
        assert!(!all.contains("s3cr3t"), "{what}: the secret leaked");
    }
}

#[test]
fn what_could_not_be_read_is_said_with_the_reason() {
    let d = diagnose(
        &err(
            ErrorKind::WrongPassword,
            "InitiateAuth",
            "NotAuthorizedException",
            WRONG,
        ),
        &FlowConfig::new("p", "c", "alice", Flow::UserSrp),
        1,
        &SignInFacts::unknown("read-only credentials lack cognito-idp:Describe*"),
    );
    assert!(d.checked.is_empty());
    assert_eq!(d.unchecked.len(), 3);
    assert!(d.unchecked[0].starts_with("DescribeUserPool: read-only credentials"));
}

fn levels(checks: &[Check], level: Level) -> Vec<String> {
    checks
        .iter()
        .filter(|c| c.level == level)
        .map(|c| c.text.clone())
        .collect()
}

#[test]
fn preflight_says_what_the_sign_in_will_meet() {
    let cfg = FlowConfig::new("p", "c1", "alice@example.com", Flow::UserSrp);
    let f = facts(
        Some(pool()),
        Some(client(true, true)),
        Some(Some(alice("FORCE_CHANGE_PASSWORD", true))),
    );
    let checks = preflight(&cfg, &f);
    let all: Vec<String> = checks.iter().map(|c| c.to_string()).collect();
    let all = all.join("\n");
    assert!(levels(&checks, Level::Stop).is_empty(), "{all}");
    for want in [
        "✓ app client web allows ALLOW_USER_SRP_AUTH",
        "SECRET_HASH",
        "over \"alice@example.com\" as sent to InitiateAuth",
        "no secret is at hand yet",
        "PreventUserExistenceErrors is ENABLED",
        "accepts as an alias",
        "\"alice@example.com\" is user \"alice\"",
        "NEW_PASSWORD_REQUIRED",
        "triggers that will run: PreAuthentication (gatekeeper)",
    ] {
        assert!(all.contains(want), "lacks {want:?}:\n{all}");
    }
}

#[test]
fn preflight_stops_and_unknowns() {
    let cfg = FlowConfig::new("p", "c1", "hiro", Flow::AdminUserPassword);
    let f = facts(
        Some(PoolFacts {
            detail: PoolDetail {
                mfa_configuration: Some("ON".into()),
                ..pool().detail
            },
            ..pool()
        }),
        Some(client(false, false)),
        Some(Some(User {
            username: "hiro".into(),
            ..alice("UNCONFIRMED", false)
        })),
    );
    let checks = preflight(&cfg, &f);
    let stops = levels(&checks, Level::Stop).join("\n");
    assert!(
        stops.contains("does not allow ADMIN_USER_PASSWORD_AUTH"),
        "{stops}"
    );
    assert!(stops.contains("disabled"), "{stops}");
    assert!(stops.contains("UNCONFIRMED"), "{stops}");
    let notes = levels(&checks, Level::Note).join("\n");
    assert!(notes.contains("MFA_SETUP"), "{notes}");

    let nothing = preflight(&cfg, &SignInFacts::unknown("no credentials"));
    assert_eq!(levels(&nothing, Level::Unknown).len(), 3, "{nothing:?}");
    assert!(nothing.iter().all(|c| c.text.contains("no credentials")));

    let unknown_user = preflight(&cfg, &facts(None, Some(client(true, false)), Some(None)));
    let stops = levels(&unknown_user, Level::Stop).join("\n");
    assert!(stops.contains("finds no user \"hiro\""), "{stops}");
    assert!(stops.contains("the client hides unknown users"), "{stops}");
}

#[test]
fn preflight_of_user_auth_checks_first_factors_and_plan() {
    let cfg = FlowConfig::new(
        "p",
        "c1",
        "alice",
        Flow::UserAuth {
            preferred: Some(FirstFactor::EmailOtp),
        },
    );
    let p = PoolFacts {
        detail: PoolDetail {
            tier: Some("LITE".into()),
            ..pool().detail
        },
        first_factors: Some(vec!["PASSWORD".into()]),
        ..pool()
    };
    let checks = preflight(&cfg, &facts(Some(p), Some(client(true, false)), None));
    let stops = levels(&checks, Level::Stop).join("\n");
    assert!(
        stops.contains("ALLOW_USER_AUTH") || stops.contains("does not allow USER_AUTH"),
        "{stops}"
    );
    assert!(stops.contains("EMAIL_OTP is not among"), "{stops}");
    assert!(stops.contains("Lite"), "{stops}");
}

#[test]
fn events_read_as_lines() {
    let e = AuthEvent {
        id: "e1".into(),
        event_type: "SignIn".into(),
        created: Some(0),
        response: Some("Fail".into()),
        risk_decision: Some("NoRisk".into()),
        compromised_credentials: Some(true),
        challenges: vec![ChallengeResult {
            name: "Password".into(),
            response: "Failure".into(),
        }],
        ..Default::default()
    };
    let lines = event_lines(&[e], &|t| format!("t{t}"));
    assert_eq!(
        lines,
        vec!["t0 SignIn Fail risk NoRisk COMPROMISED CREDENTIALS [Password:Failure] (id e1)"]
    );
}
