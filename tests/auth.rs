//! The auth-flow runner against the emulators: every sign-in flow they support, driven by the
//! headless driver (and the `cognito-tui auth` binary), with token checks against the JWKS.
//! What the emulators really answer is asserted, not assumed.

mod support;

use std::process::Command;
use std::sync::{Arc, Mutex};

use cognito_tui::auth::totp;
use cognito_tui::auth::{
    ErrorKind as FlowErrorKind, Flow, FlowConfig, FlowError, Input, Inputs, Prompt, Runner, Tokens,
};
use cognito_tui::cli::auth::{self as cli_auth, Answers, DriveOptions, Lines};
use cognito_tui::cli::emulator::{Emulator, Kind};
use cognito_tui::cognito::{AdminApi, AuthApi, CognitoApi, SdkCognito};
use cognito_tui::domain::jwt::{self, Expected, TokenUse, Verdict};
use cognito_tui::domain::secret::Secret;
use cognito_tui::domain::{
    ClientSummary, ErrorKind, MfaPreference, NewClient, NewPool, UserMfaPreferences,
};

/// The seeded workshop pool, seeded once per test binary.
#[derive(Clone)]
struct Workshop {
    endpoint: String,
    pool: String,
    web: String,
    server: String,
}

static WORKSHOP: tokio::sync::OnceCell<Workshop> = tokio::sync::OnceCell::const_new();

async fn workshop() -> (SdkCognito, Workshop) {
    let endpoint = support::ministack().endpoint();
    let api = support::gateway(&endpoint, false).await;
    let w = WORKSHOP
        .get_or_init(|| async {
            let api = support::gateway(&endpoint, false).await;
            let report = support::seed_workshop(&api).await;
            let client = |name: &str| support::seeded_client(&report, name);
            Workshop {
                endpoint: endpoint.clone(),
                pool: report.pool_id.clone(),
                web: client("workshop-web"),
                server: client("workshop-server"),
            }
        })
        .await
        .clone();
    (api, w)
}

use support::Log;

struct Run {
    result: Result<Tokens, FlowError>,
    runner: Runner,
    log: String,
}

async fn sign_in(
    api: &dyn AuthApi,
    config: FlowConfig,
    inputs: Inputs,
    mut answers: impl Answers,
    max_failures: u32,
) -> Run {
    let mut runner = Runner::new(config);
    let mut log = Log::default();
    let result = cli_auth::drive(
        api,
        &mut runner,
        inputs,
        &mut answers,
        &mut log,
        DriveOptions { max_failures },
    )
    .await;
    let log = log.text();
    eprintln!("{log}");
    Run {
        result,
        runner,
        log,
    }
}

fn tokens(run: &Run) -> &Tokens {
    match &run.result {
        Ok(t) => t,
        Err(e) => panic!("expected tokens, got {e:?}\n{}", run.log),
    }
}

fn error(run: &Run) -> &FlowError {
    match &run.result {
        Ok(_) => panic!("expected a failure\n{}", run.log),
        Err(e) => e,
    }
}

/// The requests a run sent, as "Operation SUBJECT" (just "Operation" when there is none).
fn steps(run: &Run) -> Vec<String> {
    run.runner
        .transcript()
        .iter()
        .map(|e| match &e.request.subject {
            Some(subject) => format!("{} {subject}", e.request.operation),
            None => e.request.operation.to_string(),
        })
        .collect()
}

fn password(p: &str) -> Inputs {
    Inputs {
        password: Some(Secret::new(p)),
        refresh_token: None,
    }
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

fn client(name: &str, secret: bool, flows: &[&str]) -> NewClient {
    NewClient {
        name: name.into(),
        generate_secret: secret,
        explicit_auth_flows: flows.iter().map(|f| f.to_string()).collect(),
        access_token_validity_minutes: None,
        id_token_validity_minutes: None,
        refresh_token_validity_days: None,
        read_attributes: vec![],
        write_attributes: vec![],
    }
}

fn no_more_input(_: &Prompt) -> Option<Input> {
    None
}

fn verify(token: &Secret, jwks: &str, pool: &str, client_id: &str, use_: TokenUse) -> Verdict {
    let issuer = jwt::expected_issuer(support::REGION, pool);
    jwt::verify(
        token.expose(),
        jwks,
        &Expected {
            issuer: &issuer,
            token_use: Some(use_),
            client_id: Some(client_id),
        },
        now(),
    )
}

#[tokio::test]
async fn srp_sign_in_gives_tokens_with_the_trigger_claims_that_verify_against_the_jwks() {
    let (api, w) = workshop().await;
    let config = FlowConfig::new(&w.pool, &w.web, "alice", Flow::UserSrp);
    let run = sign_in(
        &api,
        config,
        Inputs::default(),
        Lines::new(["AliceAdmin2024"]),
        1,
    )
    .await;
    let t = tokens(&run);
    // InitiateAuth → PASSWORD_VERIFIER → tokens.
    assert_eq!(run.runner.transcript().len(), 2, "{}", run.log);
    assert!(
        run.log.contains("← challenge PASSWORD_VERIFIER"),
        "{}",
        run.log
    );
    let id = t.id_token.as_ref().expect("an ID token");
    let claims = jwt::decode(id.expose()).unwrap().claims;
    assert_eq!(claims["custom:role"], "admin");
    assert_eq!(
        claims["role"], "admin",
        "the pre token generation trigger ran"
    );
    assert_eq!(claims["cognito:username"], "alice");

    let jwks = api.fetch_jwks(&w.pool).await.expect("JWKS");
    assert_eq!(
        verify(id, &jwks, &w.pool, &w.web, TokenUse::Id),
        Verdict::Verified
    );
    assert_eq!(
        verify(&t.access_token, &jwks, &w.pool, &w.web, TokenUse::Access),
        Verdict::Verified
    );
    // The timeline never shows the password.
    assert!(!run.log.contains("AliceAdmin2024"));
}

#[tokio::test]
async fn wrong_srp_passwords_are_rejected_and_warn_of_the_lockout_from_the_third() {
    let (api, w) = workshop().await;
    let user = support::fresh_user(&api, &w.pool, "lockout", "RightPass2024").await;
    let config = FlowConfig::new(&w.pool, &w.web, &user, Flow::UserSrp);
    let run = sign_in(
        &api,
        config,
        Inputs::default(),
        Lines::new(["Wrong1Pass", "Wrong2Pass", "Wrong3Pass"]),
        10,
    )
    .await;
    let e = error(&run);
    assert_eq!(e.kind, FlowErrorKind::WrongPassword, "{e:?}");
    assert_eq!(e.code.as_deref(), Some("NotAuthorizedException"));
    assert_eq!(run.runner.failed_password_attempts(), 3);
    assert!(
        e.warning.as_deref().unwrap_or("").contains("3 failed"),
        "{e:?}"
    );
    // Three rejections, and only the third carries the warning.
    assert_eq!(run.log.matches("✗ ").count(), 3, "{}", run.log);
    assert_eq!(run.log.matches("Warning:").count(), 1, "{}", run.log);
    let third = run
        .log
        .lines()
        .filter(|l| l.starts_with("✗ "))
        .nth(2)
        .unwrap();
    assert!(third.contains("Warning:"), "{third}");
}

#[tokio::test]
async fn password_flows_with_a_client_secret_read_from_describe_user_pool_client() {
    let (api, w) = workshop().await;
    let mut log = Log::default();
    let secret = cli_auth::resolve_client_secret(&api, &w.pool, &w.server, None, &mut log)
        .await
        .expect("the workshop-server client has a secret");

    // ADMIN_USER_PASSWORD_AUTH on workshop-server, with SECRET_HASH.
    let config = FlowConfig::new(&w.pool, &w.server, "bao", Flow::AdminUserPassword)
        .with_client_secret(secret.clone());
    let run = sign_in(&api, config, password("BaoTeach2024"), no_more_input, 1).await;
    let t = tokens(&run).clone();
    assert!(
        run.log
            .contains("→ AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH")
    );
    assert!(run.log.contains("SECRET_HASH=••••••"), "{}", run.log);

    // workshop-server does not allow USER_PASSWORD_AUTH, and ministack enforces that.
    let config = FlowConfig::new(&w.pool, &w.server, "bao", Flow::UserPassword)
        .with_client_secret(secret.clone());
    let run = sign_in(&api, config, password("BaoTeach2024"), no_more_input, 1).await;
    assert_eq!(
        error(&run).kind,
        FlowErrorKind::FlowNotEnabled,
        "{}",
        run.log
    );

    // USER_PASSWORD_AUTH with SECRET_HASH on a client of our own that allows it.
    let own = api
        .create_user_pool_client(
            &w.pool,
            &client(
                &support::unique("secret-client"),
                true,
                &["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            ),
        )
        .await
        .expect("CreateUserPoolClient");
    let own_secret = api
        .client_auth_info(&w.pool, &own.id)
        .await
        .unwrap()
        .secret
        .expect("generated secret");
    let config = FlowConfig::new(&w.pool, &own.id, "bao", Flow::UserPassword)
        .with_client_secret(own_secret.clone());
    let run = sign_in(&api, config, password("BaoTeach2024"), no_more_input, 1).await;
    tokens(&run);

    // A wrong client secret: rejected, with the SECRET_HASH explanation.
    for (client_id, flow) in [
        (&w.server, Flow::AdminUserPassword),
        (&own.id, Flow::UserPassword),
    ] {
        let config =
            FlowConfig::new(&w.pool, client_id, "bao", flow).with_client_secret("not-the-secret");
        let run = sign_in(&api, config, password("BaoTeach2024"), no_more_input, 1).await;
        let e = error(&run);
        assert_eq!(e.kind, FlowErrorKind::SecretHash, "{e:?}");
        assert!(e.message.contains("SECRET_HASH"), "{e}");
        assert_eq!(e.code.as_deref(), Some("NotAuthorizedException"));
        assert!(
            e.cognito_message
                .as_deref()
                .unwrap()
                .contains("Unable to verify secret hash"),
            "{e:?}"
        );
    }

    // REFRESH_TOKEN_AUTH with the refresh token of the admin sign-in, SECRET_HASH made with
    // the username.
    let config =
        FlowConfig::new(&w.pool, &w.server, "bao", Flow::RefreshToken).with_client_secret(secret);
    let refresh = t.refresh_token.clone().expect("a refresh token");
    let run = sign_in(
        &api,
        config,
        Inputs {
            password: None,
            refresh_token: None,
        },
        Lines::new([refresh.expose()]),
        1,
    )
    .await;
    let fresh = tokens(&run);
    assert_ne!(fresh.access_token, t.access_token);
    let claims = jwt::decode(fresh.id_token.as_ref().unwrap().expose())
        .unwrap()
        .claims;
    assert_eq!(claims["role"], "instructor");
    assert!(!run.log.contains(refresh.expose()));
}

#[tokio::test]
async fn custom_auth_quiz_alone_and_after_srp() {
    let (api, w) = workshop().await;
    // CUSTOM_AUTH: a wrong answer gets the question again (attempt 2), the right one tokens.
    let config = FlowConfig::new(&w.pool, &w.web, "carmen", Flow::CustomAuth);
    let seen: Arc<Mutex<Vec<Prompt>>> = Arc::default();
    let seen2 = seen.clone();
    let mut answers = vec!["role", "paris"];
    let run = sign_in(
        &api,
        config,
        Inputs::default(),
        move |p: &Prompt| {
            seen2.lock().unwrap().push(p.clone());
            answers.pop().map(|a| Input::Answer(a.into()))
        },
        1,
    )
    .await;
    tokens(&run);
    let prompts = seen.lock().unwrap().clone();
    assert_eq!(prompts.len(), 2);
    let Prompt::CustomChallenge { parameters } = &prompts[1] else {
        panic!("{prompts:?}")
    };
    assert_eq!(parameters["attempt"], "2");
    assert!(parameters["question"].contains("custom attribute"));

    // CUSTOM_AUTH with SRP first: password, then the quiz. Here ministack does not ask again
    // after a wrong answer: it ends the sign-in (NotAuthorizedException "Max authentication
    // attempts exceeded"), so the right answer needs a new sign-in.
    let config = FlowConfig::new(&w.pool, &w.web, "carmen", Flow::CustomAuthWithSrp);
    let run = sign_in(
        &api,
        config.clone(),
        Inputs::default(),
        Lines::new(["CarmenLearn2024", "paris"]),
        1,
    )
    .await;
    let e = error(&run);
    assert_eq!(e.step, "RespondToAuthChallenge CUSTOM_CHALLENGE");
    assert_eq!(e.code.as_deref(), Some("NotAuthorizedException"));
    assert_eq!(
        e.cognito_message.as_deref(),
        Some("Max authentication attempts exceeded")
    );
    let run = sign_in(
        &api,
        config,
        Inputs::default(),
        Lines::new(["CarmenLearn2024", "role"]),
        1,
    )
    .await;
    tokens(&run);
    let sent = steps(&run);
    assert_eq!(
        sent,
        [
            "InitiateAuth CUSTOM_AUTH",
            "RespondToAuthChallenge PASSWORD_VERIFIER",
            "RespondToAuthChallenge CUSTOM_CHALLENGE",
        ]
    );
    assert!(run.log.contains("CHALLENGE_NAME=SRP_A"), "{}", run.log);
}

#[tokio::test]
async fn new_password_required_for_a_user_with_a_temporary_password() {
    let (api, w) = workshop().await;
    let config = FlowConfig::new(&w.pool, &w.web, "farid", Flow::UserPassword);
    let run = sign_in(
        &api,
        config,
        Inputs::default(),
        |p: &Prompt| match p {
            Prompt::Password { .. } => Some(Input::Password("Welcome2Workshop".into())),
            Prompt::NewPassword {
                required_attributes,
                ..
            } => Some(Input::NewPassword {
                password: "FaridNew2024x".into(),
                attributes: required_attributes
                    .iter()
                    .map(|a| (a.clone(), "Farid".to_owned()))
                    .collect(),
            }),
            _ => None,
        },
        1,
    )
    .await;
    tokens(&run);
    assert!(
        run.log.contains("← challenge NEW_PASSWORD_REQUIRED"),
        "{}",
        run.log
    );
    let user = api.admin_get_user(&w.pool, "farid").await.unwrap();
    assert_eq!(user.status.as_deref(), Some("CONFIRMED"));
    // The new password works.
    let config = FlowConfig::new(&w.pool, &w.web, "farid", Flow::UserSrp);
    tokens(&sign_in(&api, config, password("FaridNew2024x"), no_more_input, 1).await);
}

#[tokio::test]
async fn totp_mfa_set_up_with_an_access_token_then_asked_at_sign_in() {
    let (api, _) = workshop().await;
    let pool = mfa_pool(&api, &support::unique("totp"), "OPTIONAL", false).await;
    let app = api
        .create_user_pool_client(
            &pool,
            &client(
                "totp-app",
                false,
                &[
                    "ALLOW_USER_PASSWORD_AUTH",
                    "ALLOW_USER_SRP_AUTH",
                    "ALLOW_REFRESH_TOKEN_AUTH",
                ],
            ),
        )
        .await
        .unwrap();
    let user = support::fresh_user(&api, &pool, "totp", "TotpPass2024").await;
    let config = FlowConfig::new(&pool, &app.id, &user, Flow::UserPassword);
    let run = sign_in(&api, config, password("TotpPass2024"), no_more_input, 1).await;
    let access = tokens(&run).access_token.clone();

    let secret = api
        .associate_software_token_for_user(&access)
        .await
        .expect("AssociateSoftwareToken");
    let unix = || u64::try_from(now()).unwrap();
    let right = || totp::code(secret.expose(), unix()).unwrap();
    let wrong = || {
        if right() == "123456" {
            "654321"
        } else {
            "123456"
        }
        .to_owned()
    };
    let e = api
        .verify_software_token_for_user(&access, &Secret::new(wrong()), Some("t"))
        .await
        .expect_err("a wrong code");
    assert_eq!(e.code.as_deref(), Some("EnableSoftwareTokenMFAException"));
    let status = api
        .verify_software_token_for_user(&access, &Secret::new(right()), Some("t"))
        .await
        .expect("VerifySoftwareToken");
    assert_eq!(status, "SUCCESS");
    let on = MfaPreference {
        enabled: true,
        preferred: true,
    };
    api.admin_set_user_mfa_preference(
        &pool,
        &user,
        &UserMfaPreferences {
            software_token: Some(on),
            ..Default::default()
        },
    )
    .await
    .expect("AdminSetUserMFAPreference");

    // SRP, then SOFTWARE_TOKEN_MFA: a wrong code (retry the same step), then the right one.
    let mut codes = vec![Input::Code(Secret::new(wrong()))];
    let config = FlowConfig::new(&pool, &app.id, &user, Flow::UserSrp);
    let run = sign_in(
        &api,
        config,
        password("TotpPass2024"),
        move |p: &Prompt| match p {
            Prompt::Code { challenge, .. } if challenge == "SOFTWARE_TOKEN_MFA" => Some(
                codes
                    .pop()
                    .unwrap_or_else(|| Input::Code(Secret::new(right()))),
            ),
            _ => None,
        },
        3,
    )
    .await;
    tokens(&run);
    assert!(
        run.log.contains("← challenge SOFTWARE_TOKEN_MFA"),
        "{}",
        run.log
    );
    assert!(run.log.contains("[CodeMismatchException"), "{}", run.log);
    // Same step: one InitiateAuth, one PASSWORD_VERIFIER, two SOFTWARE_TOKEN_MFA answers.
    assert_eq!(run.runner.transcript().len(), 4, "{}", run.log);
}

#[tokio::test]
async fn get_user_then_sign_out_and_revoke_end_the_tokens() {
    let (api, w) = workshop().await;
    let user = support::fresh_user(&api, &w.pool, "signout", "SignOut2024").await;
    let signed_in = |api: &SdkCognito| {
        let config = FlowConfig::new(&w.pool, &w.web, &user, Flow::UserPassword);
        let api = api.clone();
        async move {
            let run = sign_in(&api, config, password("SignOut2024"), no_more_input, 1).await;
            tokens(&run).clone()
        }
    };
    let refresh_with = |token: Secret| {
        let config = FlowConfig::new(&w.pool, &w.web, &user, Flow::RefreshToken);
        let api = api.clone();
        async move {
            sign_in(
                &api,
                config,
                Inputs {
                    password: None,
                    refresh_token: Some(token),
                },
                no_more_input,
                1,
            )
            .await
        }
    };

    // GlobalSignOut.
    let t = signed_in(&api).await;
    let me = api.get_user(&t.access_token).await.expect("GetUser");
    assert_eq!(me.username, user);
    api.global_sign_out(&t.access_token)
        .await
        .expect("GlobalSignOut");
    let e = api.get_user(&t.access_token).await.expect_err("signed out");
    assert_eq!(e.kind, ErrorKind::NotAuthorized, "{e:?}");
    let run = refresh_with(t.refresh_token.clone().unwrap()).await;
    let e = error(&run);
    assert_eq!(e.kind, FlowErrorKind::InvalidRefreshToken, "{e:?}");
    assert_eq!(e.code.as_deref(), Some("NotAuthorizedException"));

    // RevokeToken on a fresh sign-in.
    let t = signed_in(&api).await;
    api.get_user(&t.access_token).await.expect("GetUser");
    api.revoke_token(&w.web, None, t.refresh_token.as_ref().unwrap())
        .await
        .expect("RevokeToken");
    let e = api.get_user(&t.access_token).await.expect_err("revoked");
    assert_eq!(e.kind, ErrorKind::NotAuthorized, "{e:?}");
    let run = refresh_with(t.refresh_token.clone().unwrap()).await;
    assert_eq!(error(&run).kind, FlowErrorKind::InvalidRefreshToken);
}

/// A pool with the given MFA setting (`OFF`, `OPTIONAL`, `ON`), authenticator apps offered
/// or not, and a password policy of 8 characters: its id.
async fn mfa_pool(
    api: &SdkCognito,
    name: &str,
    mfa_configuration: &str,
    software_token_mfa: bool,
) -> String {
    api.create_user_pool(&NewPool {
        mfa_configuration: mfa_configuration.into(),
        software_token_mfa,
        ..support::new_pool(name)
    })
    .await
    .expect("CreateUserPool")
}

/// A pool with MFA required (authenticator apps offered or not), an SRP client and a
/// confirmed user with the password `MotoPass2024`: (pool id, client, username).
async fn moto_mfa_pool(
    api: &SdkCognito,
    name: &str,
    software_token_mfa: bool,
) -> (String, ClientSummary, String) {
    let pool = mfa_pool(api, name, "ON", software_token_mfa).await;
    let app = api
        .create_user_pool_client(&pool, &client("app", false, &["ALLOW_USER_SRP_AUTH"]))
        .await
        .unwrap();
    let user = support::fresh_user(api, &pool, "moto", "MotoPass2024").await;
    (pool, app, user)
}

#[tokio::test]
async fn moto_srp_with_mfa_on_sets_up_an_authenticator_and_signs_in() {
    let emu = tokio::task::spawn_blocking(|| Emulator::start(Kind::Moto))
        .await
        .unwrap()
        .expect("moto must run for this test (scripts/setup-emulators.sh installs it)");
    let api = support::gateway(&emu.endpoint(), false).await;
    let (pool, app, user) = moto_mfa_pool(&api, "moto-mfa", true).await;

    // The authenticator's first code: wrong once (moto checks it), then right.
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen2 = seen.clone();
    let totp_secret: Arc<Mutex<Option<Secret>>> = Arc::default();
    let totp_secret2 = totp_secret.clone();
    let config = FlowConfig::new(&pool, &app.id, &user, Flow::UserSrp);
    let run = sign_in(
        &api,
        config,
        password("MotoPass2024"),
        move |p: &Prompt| {
            let unix = u64::try_from(now()).unwrap();
            match p {
                Prompt::MfaSetup { secret_code, .. } => {
                    *totp_secret2.lock().unwrap() = Some(secret_code.clone());
                    let mut seen = seen2.lock().unwrap();
                    let code = totp::code(secret_code.expose(), unix).unwrap();
                    let first = !seen.iter().any(|s| s == "MfaSetup");
                    seen.push("MfaSetup".into());
                    let code = if first {
                        let n: u32 = code.parse().unwrap();
                        format!("{:06}", (n + 500_000) % 1_000_000)
                    } else {
                        code
                    };
                    Some(Input::Code(code.into()))
                }
                other => {
                    seen2.lock().unwrap().push(format!("{other:?}"));
                    None
                }
            }
        },
        2,
    )
    .await;
    let steps = steps(&run);
    eprintln!("moto steps: {steps:?}; prompts: {:?}", seen.lock().unwrap());
    let t = tokens(&run);
    assert_eq!(
        steps,
        [
            "InitiateAuth USER_SRP_AUTH",
            "RespondToAuthChallenge PASSWORD_VERIFIER",
            "AssociateSoftwareToken",
            "VerifySoftwareToken",
            "VerifySoftwareToken",
            "RespondToAuthChallenge MFA_SETUP",
        ]
    );
    assert_eq!(*seen.lock().unwrap(), ["MfaSetup", "MfaSetup"]);
    // moto's PASSWORD_VERIFIER: a 128-bit SRP_B and a UUID SECRET_BLOCK, which the SRP client
    // accepts (the claim is made and sent). Its MFA_SETUP lists the methods as a Python
    // repr, which the runner reads like Cognito's JSON list.
    let verifier = &run.runner.transcript()[1];
    let reply = verifier
        .response
        .as_ref()
        .expect("a reply to PASSWORD_VERIFIER");
    assert_eq!(reply.kind, "challenge MFA_SETUP", "{reply:?}");
    assert!(
        reply
            .params
            .iter()
            .any(|(k, v)| k == "MFAS_CAN_SETUP" && v == "['SOFTWARE_TOKEN_MFA']"),
        "{reply:?}"
    );
    assert!(run.log.contains("CodeMismatchException"), "{}", run.log);
    assert!(
        run.log.contains("PASSWORD_CLAIM_SIGNATURE=••••••"),
        "{}",
        run.log
    );
    // The tokens are moto's: the access token works for GetUser.
    let me = api.get_user(&t.access_token).await.expect("GetUser");
    assert_eq!(me.username, user);
    // The TOTP secret moto hands out never reaches the log.
    let secret = totp_secret
        .lock()
        .unwrap()
        .clone()
        .expect("a secret was shown");
    assert!(!run.log.contains(secret.expose()), "{}", run.log);

    // MFA on, but no method enabled in the pool: moto offers nothing to set up, and writes
    // that empty list as a JSON array, which the SDK cannot read as Cognito's string map.
    // The gateway reads that reply leniently, so the runner can say what is wrong.
    let (bare, app, user) = moto_mfa_pool(&api, "moto-mfa-none", false).await;
    let config = FlowConfig::new(&bare, &app.id, &user, Flow::UserSrp);
    let run = sign_in(&api, config, password("MotoPass2024"), no_more_input, 1).await;
    let e = error(&run);
    assert_eq!(e.kind, FlowErrorKind::Unsupported, "{e:?}");
    assert_eq!(e.step, "MFA_SETUP", "{e:?}");
    assert!(e.message.contains("offers to set up nothing"), "{e:?}");
    assert!(
        run.log.contains("← challenge MFA_SETUP MFAS_CAN_SETUP=[]"),
        "{}",
        run.log
    );
}

fn bin(endpoint: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cognito-tui"));
    for (k, v) in support::binary_env(endpoint) {
        c.env(k, v);
    }
    let log = std::env::temp_dir().join(format!("cognito-tui-auth-{}.log", std::process::id()));
    c.arg("--log-file").arg(log);
    c
}

#[tokio::test]
async fn the_auth_command_prints_decoded_tokens_and_fails_cleanly() {
    let (_api, w) = workshop().await;
    let args = |c: &mut Command, flow: &str| {
        // The endpoint comes from AWS_ENDPOINT_URL (support::binary_env), also for the JWKS.
        c.args(["auth", "--pool-id", &w.pool, "--client-id", &w.web])
            .args(["--flow", flow, "--username", "alice", "--decode"]);
    };
    let mut c = bin(&w.endpoint);
    args(&mut c, "user_srp_auth");
    let (code, stdout, stderr) =
        tokio::task::spawn_blocking(move || support::run_with_stdin(c, "AliceAdmin2024\n"))
            .await
            .unwrap();
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    let result = &v["AuthenticationResult"];
    let decoded = &v["Decoded"];
    assert_eq!(decoded["IdToken"]["claims"]["custom:role"], "admin");
    assert_eq!(decoded["IdToken"]["claims"]["role"], "admin");
    assert_eq!(decoded["IdToken"]["header"]["alg"], "RS256");
    assert_eq!(decoded["IdToken"]["verified"], true, "{decoded}");
    assert_eq!(decoded["AccessToken"]["verified"], true, "{decoded}");
    assert!(stderr.contains("→ InitiateAuth USER_SRP_AUTH"), "{stderr}");
    assert!(!stderr.contains("AliceAdmin2024"), "{stderr}");
    for t in ["AccessToken", "IdToken", "RefreshToken"] {
        let token = result[t].as_str().unwrap();
        assert!(!stderr.contains(token), "{t} on stderr");
    }

    let mut c = bin(&w.endpoint);
    args(&mut c, "USER_SRP_AUTH");
    let (code, stdout, stderr) =
        tokio::task::spawn_blocking(move || support::run_with_stdin(c, "NotAlicesPassword1\n"))
            .await
            .unwrap();
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("NotAuthorizedException: Incorrect username or password."),
        "{stderr}"
    );
    assert!(stderr.contains("sign-in failed"), "{stderr}");
    assert!(!stderr.contains("NotAlicesPassword1"), "{stderr}");

    // Bad flags: exit 2 before any call.
    let mut c = bin(&w.endpoint);
    args(&mut c, "PASSKEY_AUTH");
    let (code, _, stderr) = tokio::task::spawn_blocking(move || support::run_with_stdin(c, ""))
        .await
        .unwrap();
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("unknown flow"), "{stderr}");
}
