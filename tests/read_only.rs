//! `--read-only` against the emulator: signing in to read tokens works, but the steps that
//! would change a user or a token are refused by the gateway before they are sent, and the
//! emulator's state shows nothing changed.

mod support;

use std::process::Command;

use cognito_tui::auth::{ErrorKind as FlowErrorKind, Flow, FlowConfig, Inputs, Runner};
use cognito_tui::cli::auth::{self as cli_auth, DriveOptions, Lines};
use cognito_tui::cognito::{AuthApi, CognitoApi};
use cognito_tui::domain::ErrorKind;
use cognito_tui::domain::secret::Secret;

struct Workshop {
    pool: String,
    web: String,
}

async fn workshop(endpoint: &str) -> Workshop {
    static WORKSHOP: tokio::sync::OnceCell<(String, String)> = tokio::sync::OnceCell::const_new();
    let (pool, web) = WORKSHOP
        .get_or_init(|| async {
            let api = support::gateway(endpoint, false).await;
            let report = support::seed_workshop(&api).await;
            let web = support::seeded_client(&report, "workshop-web");
            (report.pool_id, web)
        })
        .await
        .clone();
    Workshop { pool, web }
}

#[tokio::test]
async fn read_only_auth_does_not_set_a_force_change_users_password() {
    let endpoint = support::ministack().endpoint();
    let w = workshop(&endpoint).await;
    let api = support::gateway(&endpoint, false).await;
    let status = |api: cognito_tui::cognito::SdkCognito, pool: String| async move {
        api.admin_get_user(&pool, "emma").await.unwrap().status
    };
    assert_eq!(
        status(api.clone(), w.pool.clone()).await.as_deref(),
        Some("FORCE_CHANGE_PASSWORD")
    );

    let mut c = Command::new(env!("CARGO_BIN_EXE_cognito-tui"));
    for (k, v) in support::binary_env(&endpoint) {
        c.env(k, v);
    }
    let log = std::env::temp_dir().join(format!("cognito-tui-ro-{}.log", std::process::id()));
    c.arg("--log-file").arg(log).arg("--read-only");
    c.args(["auth", "--pool-id", &w.pool, "--client-id", &w.web])
        .args(["--flow", "USER_PASSWORD_AUTH", "--username", "emma"]);
    // The temporary password, then a new one and the name it may ask for.
    let (code, stdout, stderr) = tokio::task::spawn_blocking(move || {
        support::run_with_stdin(c, "Welcome2Workshop\nEmmaNew2024xyz\nEmma\nEmma\n")
    })
    .await
    .unwrap();
    assert_eq!(code, 1, "the service refused: {stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("read-only: answering NEW_PASSWORD_REQUIRED would set emma's password"),
        "{stderr}"
    );
    assert!(
        stderr.contains("← challenge NEW_PASSWORD_REQUIRED"),
        "{stderr}"
    );
    assert!(!stderr.contains("EmmaNew2024xyz"), "{stderr}");
    assert_eq!(
        status(api.clone(), w.pool.clone()).await.as_deref(),
        Some("FORCE_CHANGE_PASSWORD"),
        "emma's password is unchanged"
    );

    // Driven directly: the step fails as ReadOnly, cannot be retried, and nothing changed.
    let ro = support::gateway(&endpoint, true).await;
    let mut runner = Runner::new(FlowConfig::new(&w.pool, &w.web, "emma", Flow::UserPassword));
    let mut answers = Lines::new(["Welcome2Workshop", "EmmaNew2024xyz", "Emma", "Emma"]);
    let mut progress = Vec::new();
    let e = cli_auth::drive(
        &ro,
        &mut runner,
        Inputs::default(),
        &mut answers,
        &mut progress,
        DriveOptions::default(),
    )
    .await
    .expect_err("refused");
    assert_eq!(e.kind, FlowErrorKind::ReadOnly, "{e:?}");
    assert!(!e.retry.is_possible());
    assert_eq!(
        e.message,
        "read-only: answering NEW_PASSWORD_REQUIRED would set emma's password"
    );
    let last = runner.transcript().last().expect("a transcript");
    assert_eq!(last.error.as_deref(), Some(e.message.as_str()));
    assert_eq!(
        status(api, w.pool.clone()).await.as_deref(),
        Some("FORCE_CHANGE_PASSWORD")
    );
}

#[tokio::test]
async fn read_only_signs_in_but_refuses_sign_out_revoke_and_authenticator_setup() {
    let endpoint = support::ministack().endpoint();
    let w = workshop(&endpoint).await;
    let rw = support::gateway(&endpoint, false).await;
    let ro = support::gateway(&endpoint, true).await;
    assert!(ro.read_only());
    let username = support::fresh_user(&rw, &w.pool, "ro-signout", "ReadOnly2024").await;

    // Signing in (SRP: InitiateAuth, then PASSWORD_VERIFIER) works read-only.
    let mut runner = Runner::new(FlowConfig::new(&w.pool, &w.web, &username, Flow::UserSrp));
    let tokens = cli_auth::drive(
        &ro,
        &mut runner,
        Inputs {
            password: Some(Secret::new("ReadOnly2024")),
            refresh_token: None,
        },
        &mut Lines::new(Vec::<String>::new()),
        &mut Vec::new(),
        DriveOptions::default(),
    )
    .await
    .expect("a read-only sign-in gives tokens");
    let me = ro.get_user(&tokens.access_token).await.expect("GetUser");
    assert_eq!(me.username, username);

    let e = ro
        .global_sign_out(&tokens.access_token)
        .await
        .expect_err("GlobalSignOut refused");
    assert_eq!(e.kind, ErrorKind::ReadOnly, "{e:?}");
    assert!(
        e.message.contains("GlobalSignOut would sign"),
        "{}",
        e.message
    );
    let refresh = tokens.refresh_token.clone().expect("a refresh token");
    let e = ro
        .revoke_token(&w.web, None, &refresh)
        .await
        .expect_err("RevokeToken refused");
    assert_eq!(e.kind, ErrorKind::ReadOnly, "{e:?}");
    assert!(
        e.message.contains("RevokeToken would revoke"),
        "{}",
        e.message
    );
    let e = ro
        .associate_software_token_for_user(&tokens.access_token)
        .await
        .expect_err("AssociateSoftwareToken refused");
    assert_eq!(e.kind, ErrorKind::ReadOnly, "{e:?}");
    let e = ro
        .verify_software_token_for_user(&tokens.access_token, &Secret::new("123456"), None)
        .await
        .expect_err("VerifySoftwareToken refused");
    assert_eq!(e.kind, ErrorKind::ReadOnly, "{e:?}");

    // The tokens still work: nothing was signed out or revoked.
    let me = rw
        .get_user(&tokens.access_token)
        .await
        .expect("the access token still works");
    assert_eq!(me.username, username);
    let mut runner = Runner::new(FlowConfig::new(
        &w.pool,
        &w.web,
        &username,
        Flow::RefreshToken,
    ));
    cli_auth::drive(
        &ro,
        &mut runner,
        Inputs {
            password: None,
            refresh_token: Some(refresh),
        },
        &mut Lines::new(Vec::<String>::new()),
        &mut Vec::new(),
        DriveOptions::default(),
    )
    .await
    .expect("the refresh token still works, read-only too");
}
