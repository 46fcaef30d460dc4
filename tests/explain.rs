//! `--explain` against the emulator: for each failure ministack can produce, the pre-flight
//! and the diagnosis the headless driver writes, from what the emulator really answers
//! (wrong password, unknown user with PreventUserExistenceErrors on and off, unconfirmed,
//! disabled, flow not allowed, missing and wrong SECRET_HASH, a trigger that refuses), and
//! the auth events it records under threat protection.

mod support;

use std::path::Path;

use aws_sdk_cognitoidentityprovider::types as t;
use cognito_tui::auth::{Flow, FlowConfig, FlowError, Inputs, Runner, Tokens};
use cognito_tui::cli::auth::{self as cli_auth, DriveOptions, Lines};
use cognito_tui::cli::{explain, seed};
use cognito_tui::cognito::{AuthApi, SdkCognito};
use cognito_tui::domain::secret::Secret;

/// A pool of this binary's own: the sandbox's pre-authentication trigger, a pre-token
/// trigger that refuses `mallory`, an email alias, threat protection (AUDIT), and one app
/// client per case.
#[derive(Clone)]
struct Rig {
    pool: String,
    /// PreventUserExistenceErrors ENABLED (ministack's default), password flows.
    on: String,
    /// PreventUserExistenceErrors LEGACY.
    off: String,
    /// With a client secret.
    secret: String,
    /// SRP only.
    srp_only: String,
}

const REFUSING: &str = r#"
def handler(event, context):
    if event.get("userName") == "mallory":
        raise Exception("mallory gets no tokens today")
    return event
"#;

const PASSWORD: &str = "Workshop2024";

static RIG: tokio::sync::OnceCell<Rig> = tokio::sync::OnceCell::const_new();

async fn rig() -> (SdkCognito, Rig) {
    let endpoint = support::ministack().endpoint();
    let api = support::gateway(&endpoint, false).await;
    let rig = RIG
        .get_or_init(|| async {
            let dir = tempfile::tempdir().unwrap();
            let triggers = dir.path().join("triggers");
            std::fs::create_dir(&triggers).unwrap();
            let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/triggers");
            std::fs::copy(
                assets.join("pre_authentication.py"),
                triggers.join("pre_authentication.py"),
            )
            .unwrap();
            std::fs::write(triggers.join("refuse_mallory.py"), REFUSING).unwrap();
            let user = |name: &str, state: &str| {
                serde_json::json!({
                    "username": name,
                    "attributes": {"email": format!("{name}@example.com"), "email_verified": "true"},
                    "groups": [], "state": state, "password": PASSWORD,
                })
            };
            let pool_name = support::unique("explain");
            let file = serde_json::json!({
                "pool": {
                    "name": pool_name,
                    "alias_attributes": ["email"],
                    "password_policy": {"minimum_length": 8},
                },
                "triggers": [
                    {"slot": "PreAuthentication", "function_name": format!("{pool_name}-pre-auth"),
                     "file": "triggers/pre_authentication.py", "handler": "pre_authentication.handler",
                     "runtime": "python3.12"},
                    {"slot": "PreTokenGeneration", "function_name": format!("{pool_name}-refuse"),
                     "file": "triggers/refuse_mallory.py", "handler": "refuse_mallory.handler",
                     "runtime": "python3.12"},
                ],
                "clients": [
                    {"name": "on", "explicit_auth_flows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]},
                    {"name": "secret", "generate_secret": true, "explicit_auth_flows": ["ALLOW_USER_PASSWORD_AUTH"]},
                    {"name": "srp-only", "explicit_auth_flows": ["ALLOW_USER_SRP_AUTH"]},
                ],
                "users": [
                    user("alice", "CONFIRMED"),
                    user("hiro", "UNCONFIRMED"),
                    user("grace", "DISABLED"),
                    user("mallory", "CONFIRMED"),
                ],
            });
            let path = dir.path().join("workshop.json");
            std::fs::write(&path, file.to_string()).unwrap();
            let report = seed::seed(&api, &path, None).await.expect("seed");
            let client = |name: &str| support::seeded_client(&report, name);
            let raw = support::sdk(&endpoint);
            let off = raw
                .create_user_pool_client()
                .user_pool_id(&report.pool_id)
                .client_name("off")
                .explicit_auth_flows(t::ExplicitAuthFlowsType::AllowUserPasswordAuth)
                .prevent_user_existence_errors(t::PreventUserExistenceErrorTypes::Legacy)
                .send()
                .await
                .expect("CreateUserPoolClient LEGACY");
            // Threat protection (the Plus plan), so the emulator records auth events. UpdateUserPool resets
            // what it is not given: the triggers go along.
            let described = raw
                .describe_user_pool()
                .user_pool_id(&report.pool_id)
                .send()
                .await
                .expect("DescribeUserPool");
            let lambda = described.user_pool().and_then(|p| p.lambda_config()).cloned();
            raw.update_user_pool()
                .user_pool_id(&report.pool_id)
                .set_lambda_config(lambda)
                .user_pool_tier(t::UserPoolTierType::Plus)
                .user_pool_add_ons(
                    t::UserPoolAddOnsType::builder()
                        .advanced_security_mode(t::AdvancedSecurityModeType::Audit)
                        .build()
                        .unwrap(),
                )
                .send()
                .await
                .expect("UpdateUserPool add-ons");
            Rig {
                pool: report.pool_id.clone(),
                on: client("on"),
                off: off
                    .user_pool_client()
                    .and_then(|c| c.client_id())
                    .expect("client id")
                    .to_owned(),
                secret: client("secret"),
                srp_only: client("srp-only"),
            }
        })
        .await
        .clone();
    (api, rig)
}

use support::Log;

/// Pre-flight, then one try with `password`, as `auth --explain` does: (result, stderr).
async fn explained(
    api: &dyn AuthApi,
    config: FlowConfig,
    password: &str,
) -> (Result<Tokens, FlowError>, String) {
    let mut log = Log::default();
    let facts = explain::facts(api, &config).await;
    explain::write_preflight(&mut log, &config, &facts);
    let mut runner = Runner::new(config);
    let inputs = Inputs {
        password: Some(Secret::new(password)),
        ..Default::default()
    };
    let result = cli_auth::drive_explained(
        api,
        &mut runner,
        inputs,
        &mut Lines::new(Vec::<String>::new()),
        &mut log,
        DriveOptions { max_failures: 1 },
        Some(&facts),
    )
    .await;
    let text = log.text();
    eprintln!("{text}");
    assert!(
        !text.contains(password) || password.is_empty(),
        "the password leaked:\n{text}"
    );
    (result, text)
}

fn has(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "lacks {w:?}:\n{text}");
    }
}

fn config(rig: &Rig, client: &str, user: &str, flow: Flow) -> FlowConfig {
    FlowConfig::new(rig.pool.clone(), client, user, flow)
}

#[tokio::test]
async fn a_wrong_password_is_diagnosed_with_the_auth_events_beside_it() {
    let (api, rig) = rig().await;
    let (result, text) = explained(
        &api,
        config(&rig, &rig.on, "alice", Flow::UserPassword),
        "Wrong-pass1",
    )
    .await;
    assert!(result.is_err());
    has(
        &text,
        &[
            "pre-flight:",
            "✓ app client on allows ALLOW_USER_PASSWORD_AUTH",
            "PreventUserExistenceErrors is ENABLED",
            "✓ user alice is CONFIRMED",
            "triggers that will run: PreAuthentication (",
            "threat protection is AUDIT",
            "diagnosis: likely: the password is wrong for alice",
            "evidence: AdminGetUser: alice exists, CONFIRMED, enabled",
            "checked: DescribeUserPool, DescribeUserPoolClient, AdminGetUser",
            "auth events of alice (latest first):",
            "SignIn Fail",
            "[Password:Failure]",
        ],
    );
}

#[tokio::test]
async fn an_unknown_user_hidden_and_shown() {
    let (api, rig) = rig().await;
    let (_, hidden) = explained(
        &api,
        config(&rig, &rig.on, "nobody", Flow::UserPassword),
        "Some-pass1",
    )
    .await;
    has(
        &hidden,
        &[
            "✗ AdminGetUser finds no user \"nobody\": the sign-in will fail with \"Incorrect username or password.\"",
            "[NotAuthorizedException: Incorrect username or password.]",
            "diagnosis: likely: there is no user \"nobody\"; the app client hides that",
            "evidence: DescribeUserPoolClient: PreventUserExistenceErrors ENABLED",
        ],
    );
    let (_, shown) = explained(
        &api,
        config(&rig, &rig.off, "nobody", Flow::UserPassword),
        "Some-pass1",
    )
    .await;
    has(
        &shown,
        &[
            "PreventUserExistenceErrors is off (LEGACY)",
            "[UserNotFoundException: User does not exist.]",
            "diagnosis: Cognito says: there is no user \"nobody\" in this pool",
        ],
    );
    // An email that is no user's: the alias is possible but not verified or not anyone's.
    let (_, email) = explained(
        &api,
        config(&rig, &rig.off, "nobody@example.com", Flow::UserPassword),
        "Some-pass1",
    )
    .await;
    has(
        &email,
        &[
            "accepts as an alias",
            "possibly: \"nobody@example.com\" is an email alias",
        ],
    );
}

#[tokio::test]
async fn unconfirmed_and_disabled_users() {
    let (api, rig) = rig().await;
    let (_, text) = explained(&api, config(&rig, &rig.on, "hiro", Flow::UserSrp), PASSWORD).await;
    has(
        &text,
        &[
            "✗ user hiro is UNCONFIRMED",
            "[UserNotConfirmedException: User is not confirmed.]",
            "diagnosis: Cognito says: hiro has not confirmed the sign-up",
            "evidence: AdminGetUser: hiro exists, UNCONFIRMED, enabled",
        ],
    );
    let (_, text) = explained(
        &api,
        config(&rig, &rig.on, "grace@example.com", Flow::UserPassword),
        PASSWORD,
    )
    .await;
    has(
        &text,
        &[
            "\"grace@example.com\" is user \"grace\"",
            "✗ user grace is disabled",
            "diagnosis: Cognito says: user grace@example.com is disabled",
            "AdminGetUser: grace exists, CONFIRMED, disabled",
        ],
    );
}

#[tokio::test]
async fn a_flow_the_client_does_not_allow() {
    let (api, rig) = rig().await;
    let (_, text) = explained(
        &api,
        config(&rig, &rig.srp_only, "alice", Flow::UserPassword),
        PASSWORD,
    )
    .await;
    has(
        &text,
        &[
            "✗ app client srp-only does not allow USER_PASSWORD_AUTH: its ExplicitAuthFlows are ALLOW_USER_SRP_AUTH",
            "[InvalidParameterException: USER_PASSWORD_AUTH flow not enabled for this client]",
            "diagnosis: Cognito says: the app client does not allow USER_PASSWORD_AUTH",
            "next: add ALLOW_USER_PASSWORD_AUTH to the client",
        ],
    );
}

#[tokio::test]
async fn missing_and_wrong_secret_hash() {
    let (api, rig) = rig().await;
    let (_, missing) = explained(
        &api,
        config(&rig, &rig.secret, "alice", Flow::UserPassword),
        PASSWORD,
    )
    .await;
    has(
        &missing,
        &[
            "the client has a secret, so every call carries SECRET_HASH",
            "no secret is at hand yet",
            "SECRET_HASH was not received]",
            "diagnosis: Cognito says: SECRET_HASH is missing",
        ],
    );
    let wrong = config(&rig, &rig.secret, "alice@example.com", Flow::UserPassword)
        .with_client_secret("not-the-secret");
    let (_, text) = explained(&api, wrong, PASSWORD).await;
    has(
        &text,
        &[
            "over \"alice@example.com\" as sent to InitiateAuth",
            "[NotAuthorizedException: Unable to verify secret hash for client",
            "diagnosis: likely: the client secret is wrong",
            "\"alice@example.com\" is an alias of \"alice\"",
        ],
    );
    assert!(
        !text.contains("not-the-secret"),
        "the secret leaked:\n{text}"
    );
}

#[tokio::test]
async fn a_trigger_that_refuses_is_named_with_its_message() {
    let (api, rig) = rig().await;
    let (result, text) = explained(
        &api,
        config(&rig, &rig.on, "mallory", Flow::UserPassword),
        PASSWORD,
    )
    .await;
    assert!(result.is_err(), "{text}");
    has(
        &text,
        &[
            "PreTokenGeneration (explain-",
            "diagnosis: likely: the pool's PreTokenGeneration trigger (explain-",
            "-refuse) stopped the sign-in (it raised an error or answered what Cognito could not use): \"mallory gets no tokens today\"",
            "evidence: DescribeUserPool: PreTokenGeneration runs explain-",
        ],
    );
}

#[tokio::test]
async fn auth_events_take_feedback_and_read_only_refuses_it() {
    let (api, rig) = rig().await;
    let (_, _) = explained(
        &api,
        config(&rig, &rig.on, "alice", Flow::UserPassword),
        "Wrong-pass2",
    )
    .await;
    let events = api
        .admin_list_user_auth_events(&rig.pool, "alice", None)
        .await
        .expect("AdminListUserAuthEvents");
    let failed = events
        .items
        .iter()
        .find(|e| e.response.as_deref() == Some("Fail"))
        .expect("a failed sign-in is recorded");
    assert_eq!(failed.event_type, "SignIn");
    assert_eq!(failed.risk_decision.as_deref(), Some("NoRisk"));
    assert_eq!(failed.compromised_credentials, Some(false));

    let ro = support::gateway(&support::ministack().endpoint(), true).await;
    let refused = ro
        .admin_update_auth_event_feedback(&rig.pool, "alice", &failed.id, "Valid")
        .await
        .expect_err("read-only refuses feedback");
    assert_eq!(refused.kind, cognito_tui::domain::ErrorKind::ReadOnly);
    assert!(
        ro.admin_list_user_auth_events(&rig.pool, "alice", None)
            .await
            .is_ok()
    );

    let given = api
        .admin_update_auth_event_feedback(&rig.pool, "alice", &failed.id, "Valid")
        .await;
    eprintln!("feedback: {given:?}");
    given.expect("AdminUpdateAuthEventFeedback");
}

#[tokio::test]
async fn a_pool_without_threat_protection_says_so_in_place() {
    let endpoint = support::ministack().endpoint();
    let api = support::gateway(&endpoint, false).await;
    let pool = cognito_tui::cognito::CognitoApi::create_user_pool(
        &api,
        &support::new_pool(&support::unique("plain")),
    )
    .await
    .expect("pool");
    let user = support::fresh_user(&api, &pool, "u", "Passw0rd!x").await;
    let events = api.admin_list_user_auth_events(&pool, &user, None).await;
    let e = events.expect_err("no events without threat protection");
    assert_eq!(
        e.code.as_deref(),
        Some("UserPoolAddOnNotEnabledException"),
        "{e:?}"
    );
}

#[test]
fn the_binary_explains_on_stderr_and_keeps_its_exit_codes() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let rig = rt.block_on(async { rig().await.1 });
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_cognito-tui"));
    c.args([
        "auth",
        "--pool-id",
        &rig.pool,
        "--client-id",
        &rig.on,
        "--flow",
        "USER_PASSWORD_AUTH",
        "--username",
        "alice",
        "--explain",
    ]);
    c.env("XDG_STATE_HOME", std::env::temp_dir());
    for (k, v) in support::binary_env(&support::ministack().endpoint()) {
        c.env(k, v);
    }
    let (code, stdout, stderr) = support::run_with_stdin(c, "Wrong-pass3\n");
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    has(
        &stderr,
        &[
            "pre-flight:",
            "✓ user alice is CONFIRMED",
            "diagnosis: likely: the password is wrong for alice",
        ],
    );
    assert!(!stderr.contains("Wrong-pass3"), "{stderr}");
}
