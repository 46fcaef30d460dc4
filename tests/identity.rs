//! Identity pools against the emulator: the seeded identity pool as the workshop file
//! describes it, the exchange (GetId → GetCredentialsForIdentity → GetCallerIdentity names
//! the role; the basic flow; a guest), the role explainer beside what the emulator vends, the
//! `credentials` binary (and boto3 using it as `credential_process`), and bad input.

mod support;

use std::io::Write as _;
use std::process::Command;

use cognito_tui::app::identity::{for_runner, runner_pools};
use cognito_tui::auth::{Flow, FlowConfig, Inputs, Runner};
use cognito_tui::cli::auth::{self as cli_auth, DriveOptions, Lines};
use cognito_tui::cli::credentials::{self, Exchange, SignedIn};
use cognito_tui::cognito::{CognitoApi, IdentityApi, SdkCognito};
use cognito_tui::core::effect::CredentialsRequest;
use cognito_tui::domain::ErrorKind;
use cognito_tui::domain::identity::{
    IdentityPool, MappingKind, TrustedProvider, role_name, user_pool_provider,
};
use cognito_tui::domain::roles::{self, Comparison, Question};
use cognito_tui::domain::secret::Secret;

#[derive(Clone)]
struct Workshop {
    endpoint: String,
    pool: String,
    web: String,
    server: String,
    identity_pool: String,
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
            let (name, identity_pool) = report.identity_pool.clone().expect("identity pool");
            assert_eq!(name, "cognito-workshop-identities");
            Workshop {
                endpoint: endpoint.clone(),
                pool: report.pool_id.clone(),
                web: client("workshop-web"),
                server: client("workshop-server"),
                identity_pool,
            }
        })
        .await
        .clone();
    (api, w)
}

async fn id_token(api: &SdkCognito, w: &Workshop, user: &str, password: &str) -> Secret {
    let mut runner = Runner::new(FlowConfig::new(&w.pool, &w.web, user, Flow::UserPassword));
    let mut log = Vec::new();
    let tokens = cli_auth::drive(
        api,
        &mut runner,
        Inputs::default(),
        &mut Lines::new([password]),
        &mut log,
        DriveOptions::default(),
    )
    .await
    .unwrap_or_else(|e| panic!("{user} signs in: {e:?}"));
    tokens.id_token.expect("an ID token")
}

fn provider(w: &Workshop) -> String {
    user_pool_provider(support::REGION, &w.pool)
}

/// A new identity pool `name` that trusts the workshop's app client `client_id` only; its id.
async fn trusting_pool(
    api: &SdkCognito,
    w: &Workshop,
    name: &str,
    client_id: &str,
    classic: bool,
) -> String {
    api.create_identity_pool(&IdentityPool {
        name: name.to_owned(),
        allow_classic_flow: classic,
        cognito_providers: vec![TrustedProvider {
            provider_name: provider(w),
            client_id: Some(client_id.to_owned()),
            server_side_token_check: false,
        }],
        ..Default::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn the_seed_builds_the_identity_pool_the_workshop_file_describes() {
    let (api, w) = workshop().await;
    let p = api.describe_identity_pool(&w.identity_pool).await.unwrap();
    assert!(!p.allow_unauthenticated);
    assert!(p.allow_classic_flow);
    assert!(p.trusts(&provider(&w), &w.web).is_some(), "{p:?}");
    assert!(p.trusts(&provider(&w), &w.server).is_some(), "{p:?}");
    let roles = api.get_identity_pool_roles(&w.identity_pool).await.unwrap();
    assert_eq!(
        roles.authenticated.as_deref().map(role_name),
        Some("cognito-workshop-signed-in")
    );
    assert_eq!(
        roles.unauthenticated.as_deref().map(role_name),
        Some("cognito-workshop-guest")
    );
    let web = roles
        .mapping_for(&format!("{}:{}", provider(&w), w.web))
        .expect("the web client's mapping");
    assert_eq!(web.kind, MappingKind::Token);
    let server = roles
        .mapping_for(&format!("{}:{}", provider(&w), w.server))
        .expect("the server client's mapping");
    assert_eq!(server.kind, MappingKind::Rules);
    let order: Vec<(&str, &str)> = server
        .rules
        .iter()
        .map(|r| (r.value.as_str(), role_name(&r.role_arn)))
        .collect();
    assert_eq!(
        order,
        [
            ("admin", "cognito-workshop-admin"),
            ("instructor", "cognito-workshop-instructor"),
            ("student", "cognito-workshop-student"),
        ]
    );
    // The groups carry their roles, precedence as seeded.
    let groups = api.list_groups(&w.pool, None).await.unwrap().items;
    for (name, precedence) in [("admin", 1), ("instructor", 10), ("student", 100)] {
        let g = groups.iter().find(|g| g.name == name).expect(name);
        assert_eq!(g.precedence, Some(precedence));
        assert_eq!(
            g.role_arn.as_deref().map(role_name),
            Some(format!("cognito-workshop-{name}").as_str())
        );
    }
    // Seeding again creates nothing new.
    let again = support::seed_workshop(&api).await;
    assert_eq!(
        again.identity_pool.map(|(_, id)| id),
        Some(w.identity_pool.clone())
    );
    assert!(again.created.is_empty(), "{:?}", again.created);
}

#[tokio::test]
async fn get_id_then_credentials_then_get_caller_identity_names_the_role() {
    let (api, w) = workshop().await;
    let token = id_token(&api, &w, "carmen", "CarmenLearn2024").await;
    let provider = provider(&w);
    let login = Some((provider.as_str(), &token));
    let identity = api.get_id(&w.identity_pool, login).await.unwrap();
    assert!(identity.starts_with("us-east-1:"), "{identity}");
    let again = api.get_id(&w.identity_pool, login).await.unwrap();
    assert_eq!(identity, again, "one identity per user");
    let creds = api
        .get_credentials_for_identity(&identity, login, None)
        .await
        .unwrap();
    assert!(creds.access_key_id.starts_with("ASIA"), "{creds:?}");
    assert!(!creds.secret_access_key.is_empty() && !creds.session_token.is_empty());
    assert!(creds.expiration.is_some());
    let me = api.caller_identity(&creds).await.unwrap();
    // The emulator vends the authenticated role, whatever the mapping says.
    assert_eq!(
        me.assumed_role(),
        Some("cognito-workshop-signed-in"),
        "{me:?}"
    );

    // The explainer predicts the student role (Token mapping; the token lacks
    // cognito:preferred_role, so it comes from carmen's group) and flags the difference.
    let roles = api.get_identity_pool_roles(&w.identity_pool).await.unwrap();
    let groups = api.list_groups(&w.pool, None).await.unwrap().items;
    let claims = cognito_tui::domain::jwt::decode(token.expose())
        .unwrap()
        .claims;
    let key = format!("{provider}:{}", w.web);
    let e = roles::explain(&Question {
        roles: &roles,
        provider_key: &key,
        claims: &claims,
        custom_role_arn: None,
        groups: Some(&groups),
        guest: false,
    });
    assert_eq!(
        e.predicted.role_arn().map(role_name),
        Some("cognito-workshop-student"),
        "{e:?}"
    );
    assert!(matches!(
        roles::compare(&e.predicted, me.assumed_role()),
        Comparison::Differs(_)
    ));

    // The basic flow: an OpenID token, then STS with the role of our choosing.
    let oidc = api.get_open_id_token(&identity, login).await.unwrap();
    let student = groups
        .iter()
        .find(|g| g.name == "student")
        .and_then(|g| g.role_arn.clone())
        .unwrap();
    let (basic, arn) = api
        .assume_role_with_web_identity(&student, "cognito-tui-test", &oidc)
        .await
        .unwrap();
    assert!(
        arn.as_deref()
            .is_some_and(|a| a.contains("assumed-role/cognito-workshop-student/")),
        "{arn:?}"
    );
    let me = api.caller_identity(&basic).await.unwrap();
    assert_eq!(me.assumed_role(), Some("cognito-workshop-student"));
}

#[tokio::test]
async fn a_guest_of_a_pool_that_allows_guests_gets_the_unauthenticated_role() {
    let (api, _w) = workshop().await;
    let name = support::unique("guests");
    let id = api
        .create_identity_pool(&IdentityPool {
            name: name.clone(),
            allow_unauthenticated: true,
            ..Default::default()
        })
        .await
        .unwrap();
    let guest = api.ensure_identity_role(&name, &id, false).await.unwrap();
    api.set_identity_pool_roles(
        &id,
        &cognito_tui::domain::identity::PoolRoles {
            unauthenticated: Some(guest),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut log = Vec::new();
    let creds = credentials::exchange(
        &api,
        &Exchange {
            identity_pool_id: id.clone(),
            login: None,
            custom_role_arn: None,
            basic: false,
        },
        &mut log,
        now(),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}\n{}", String::from_utf8_lossy(&log)));
    let log = String::from_utf8(log).unwrap();
    assert!(log.contains("→ GetId "), "{log}");
    assert!(log.contains(&format!("assumed-role/{name}/")), "{log}");
    assert!(log.contains("✓ the service agrees"), "{log}");
    assert!(
        !log.contains(creds.credentials.secret_access_key.expose()),
        "{log}"
    );
    assert_eq!(
        creds.caller.as_ref().and_then(|c| c.assumed_role()),
        Some(name.as_str())
    );
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn bin(endpoint: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cognito-tui"));
    for (k, v) in support::binary_env(endpoint) {
        c.env(k, v);
    }
    let log = std::env::temp_dir().join(format!("cognito-tui-idp-{}.log", std::process::id()));
    c.arg("--log-file").arg(log);
    c
}

fn credentials_args(w: &Workshop, user: &str) -> Vec<String> {
    [
        "credentials",
        "--identity-pool-id",
        &w.identity_pool,
        "--pool-id",
        &w.pool,
        "--client-id",
        &w.web,
        "--username",
        user,
    ]
    .map(str::to_owned)
    .to_vec()
}

async fn run(c: Command, stdin: &str) -> (i32, String, String) {
    let stdin = stdin.to_owned();
    tokio::task::spawn_blocking(move || support::run_with_stdin(c, &stdin))
        .await
        .unwrap()
}

#[tokio::test]
async fn the_credentials_command_for_a_student_and_an_instructor() {
    let (_api, w) = workshop().await;
    for (user, password, group_role) in [
        ("carmen", "CarmenLearn2024", "cognito-workshop-student"),
        ("bao", "BaoTeach2024", "cognito-workshop-instructor"),
    ] {
        let mut c = bin(&w.endpoint);
        c.args(credentials_args(&w, user));
        let (code, stdout, stderr) = run(c, &format!("{password}\n")).await;
        assert_eq!(code, 0, "{stderr}");
        let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON on stdout");
        assert_eq!(v["Version"], 1);
        let key = v["AccessKeyId"].as_str().unwrap();
        let secret = v["SecretAccessKey"].as_str().unwrap();
        let session = v["SessionToken"].as_str().unwrap();
        let expiration = v["Expiration"].as_str().unwrap();
        assert!(
            time::OffsetDateTime::parse(expiration, &time::format_description::well_known::Rfc3339)
                .is_ok(),
            "{expiration}"
        );
        assert!(stderr.contains(&format!("AccessKeyId {key}")), "{stderr}");
        for secret in [secret, session, password] {
            assert!(!stderr.contains(secret), "a secret on stderr: {stderr}");
        }
        assert!(stderr.contains("→ GetId "), "{stderr}");
        assert!(stderr.contains("→ GetCredentialsForIdentity"), "{stderr}");
        assert!(
            stderr.contains("assumed-role/cognito-workshop-signed-in/"),
            "{stderr}"
        );
        assert!(
            stderr.contains(&format!("predicted: {group_role}")),
            "{stderr}"
        );
        assert!(
            stderr.contains("returned:  cognito-workshop-signed-in"),
            "{stderr}"
        );
        assert!(stderr.contains("✗ DIFFERENT"), "{stderr}");
    }
}

#[tokio::test]
async fn boto3_uses_the_binary_as_its_credential_process() {
    let (_api, w) = workshop().await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let log = dir.path().join("cli.log");
    let mut line = format!(
        "credential_process = {} --log-file {} --region us-east-1 --endpoint-url {}",
        env!("CARGO_BIN_EXE_cognito-tui"),
        log.display(),
        w.endpoint
    );
    for a in credentials_args(&w, "bao") {
        line.push(' ');
        line.push_str(&a);
    }
    let mut f = std::fs::File::create(&config).unwrap();
    writeln!(f, "[profile workshop]\nregion = us-east-1\n{line}").unwrap();
    drop(f);
    let script = format!(
        "import boto3\n\
         s = boto3.Session(profile_name='workshop')\n\
         print(s.client('sts', endpoint_url='{}').get_caller_identity()['Arn'])\n",
        w.endpoint
    );
    let python = cognito_tui::cli::emulator::python().expect("the virtualenv's python");
    let mut c = Command::new(python);
    c.arg("-c")
        .arg(script)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("AWS_CONFIG_FILE", &config)
        .env("AWS_SHARED_CREDENTIALS_FILE", dir.path().join("none"))
        .env("AWS_EC2_METADATA_DISABLED", "true");
    // botocore runs the process with this stdin: the password for the sign-in.
    let (code, stdout, stderr) = run(c, "BaoTeach2024\n").await;
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout
            .trim()
            .contains(":assumed-role/cognito-workshop-signed-in/CognitoIdentityCredentials"),
        "{stdout}"
    );
}

#[tokio::test]
async fn bad_input_is_refused_with_a_reason() {
    let (api, w) = workshop().await;
    // A pool that trusts another client of the same user pool only.
    let other = trusting_pool(&api, &w, &support::unique("other-client"), &w.server, false).await;
    let mut c = bin(&w.endpoint);
    let mut args = credentials_args(&w, "carmen");
    args[2] = other.clone();
    c.args(args);
    let (code, stdout, stderr) = run(c, "CarmenLearn2024\n").await;
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains(&format!("does not trust app client {}", w.web)),
        "{stderr}"
    );
    assert!(
        !stderr.contains("→ GetId "),
        "refused before the exchange: {stderr}"
    );
    // The emulator refuses it too, when asked.
    let token = id_token(&api, &w, "carmen", "CarmenLearn2024").await;
    let p = provider(&w);
    let e = api.get_id(&other, Some((&p, &token))).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotAuthorized, "{e:?}");

    // Guests where guests are off (the emulator would vend them anyway).
    let mut c = bin(&w.endpoint);
    c.args([
        "credentials",
        "--identity-pool-id",
        &w.identity_pool,
        "--guest",
    ]);
    let (code, _, stderr) = run(c, "").await;
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("does not allow guest"), "{stderr}");

    // An expired ID token: refused before GetId.
    let header = "eyJhbGciOiJSUzI1NiJ9";
    use base64::Engine as _;
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(
        serde_json::json!({"token_use": "id", "exp": now() - 600, "aud": w.web}).to_string(),
    );
    let mut log = Vec::new();
    let err = credentials::exchange(
        &api,
        &Exchange {
            identity_pool_id: w.identity_pool.clone(),
            login: Some(SignedIn {
                pool_id: w.pool.clone(),
                client_id: w.web.clone(),
                provider: provider(&w),
                id_token: Secret::new(format!("{header}.{payload}.c2ln")),
            }),
            custom_role_arn: None,
            basic: false,
        },
        &mut log,
        now(),
    )
    .await
    .unwrap_err();
    let log = String::from_utf8(log).unwrap();
    assert!(
        err.contains("expired") && err.contains("10 min ago"),
        "{err}"
    );
    assert!(!log.contains("→ GetId "), "{log}");

    // Flags: exit 2 before any call; an identity pool that does not exist: exit 1.
    let mut c = bin(&w.endpoint);
    c.args(["credentials", "--identity-pool-id", "nope", "--guest"]);
    let (code, _, stderr) = run(c, "").await;
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("REGION:UUID"), "{stderr}");
    let mut c = bin(&w.endpoint);
    c.args([
        "credentials",
        "--identity-pool-id",
        "us-east-1:00000000-0000-0000-0000-000000000000",
        "--guest",
    ]);
    let (code, _, stderr) = run(c, "").await;
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("does not exist"), "{stderr}");
}

#[tokio::test]
async fn the_runner_exchange_finds_the_trusting_pool_and_keeps_no_secret() {
    let (api, w) = workshop().await;
    let token = id_token(&api, &w, "bao", "BaoTeach2024").await;
    // Other tests here add pools that trust this client too.
    let pools = runner_pools(&api, &w.pool, &w.web, &provider(&w))
        .await
        .unwrap();
    let ids = pools
        .iter()
        .find(|p| p.id == w.identity_pool)
        .expect("the workshop's identity pool trusts the web client");
    let view = for_runner(&api, runner_request(&w, token, ids, false)).await;
    assert!(!view.basic);
    assert!(
        view.pool_label()
            .starts_with("cognito-workshop-identities ("),
        "{view:?}"
    );
    assert!(view.error.is_none(), "{view:?}");
    assert!(view.identity_id.is_some());
    assert!(
        view.caller_arn
            .as_deref()
            .is_some_and(|a| a.contains("assumed-role/cognito-workshop-signed-in/")),
        "{view:?}"
    );
    assert_eq!(
        view.predicted.as_deref(),
        Some("cognito-workshop-instructor")
    );
    assert_eq!(view.differs, Some(true));
    assert!(
        view.lines
            .iter()
            .any(|l| l.starts_with("→ GetCredentialsForIdentity"))
    );
    let e = runner_pools(&api, &w.pool, "no-such-client", &provider(&w))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound, "{e:?}");
    assert!(e.message.contains("no identity pool"), "{e:?}");
}

/// The runner's exchange request for `user`'s ID token at `pool`.
fn runner_request(
    w: &Workshop,
    id_token: Secret,
    pool: &IdentityPool,
    basic: bool,
) -> CredentialsRequest {
    CredentialsRequest {
        pool_id: w.pool.clone(),
        client_id: w.web.clone(),
        provider: provider(w),
        id_token,
        identity_pool_id: pool.id.clone(),
        identity_pool_name: pool.name.clone(),
        basic,
    }
}

#[tokio::test]
async fn the_runner_lists_two_trusting_pools_and_runs_the_basic_flow_on_the_second() {
    let (api, w) = workshop().await;
    let name = support::unique("second-ids");
    let second = trusting_pool(&api, &w, &name, &w.web, true).await;
    let role = api
        .ensure_identity_role(&name, &second, true)
        .await
        .unwrap();
    api.set_identity_pool_roles(
        &second,
        &cognito_tui::domain::identity::PoolRoles {
            authenticated: Some(role),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // What the executor calls for `c`: both pools, each with its flags.
    let pools = runner_pools(&api, &w.pool, &w.web, &provider(&w))
        .await
        .unwrap();
    let found = |id: &str| pools.iter().find(|p| p.id == id);
    let workshop_pool = found(&w.identity_pool).expect("the workshop pool is listed");
    let picked = found(&second).expect("the second pool is listed");
    assert_eq!(workshop_pool.name, "cognito-workshop-identities");
    assert_eq!(picked.name, name);
    assert!(picked.allow_classic_flow && !picked.allow_unauthenticated);
    // The exchange on the second pool, basic flow (what Enter in the chooser sends).
    let token = id_token(&api, &w, "carmen", "CarmenLearn2024").await;
    let view = for_runner(&api, runner_request(&w, token.clone(), picked, true)).await;
    assert!(view.error.is_none(), "{view:?}");
    assert!(view.basic);
    assert_eq!(view.pool_label(), format!("{name} ({second})"));
    let text = view.lines.join("\n");
    assert!(text.contains(&format!("→ GetId {second}, ")), "{text}");
    assert!(text.contains("→ GetOpenIdToken "), "{text}");
    assert!(
        text.contains(&format!("→ STS AssumeRoleWithWebIdentity {name}")),
        "{text}"
    );
    assert!(!text.contains("GetCredentialsForIdentity"), "{text}");
    assert!(!text.contains(token.expose()), "no token in the lines");
    // The caller is the second pool's role, and the identity is one of the second pool.
    assert!(
        view.caller_arn
            .as_deref()
            .is_some_and(|a| a.contains(&format!("assumed-role/{name}/"))),
        "{view:?}"
    );
    assert_eq!(view.predicted.as_deref(), Some(name.as_str()));
    let login = Some((provider(&w), &token));
    let login = login.as_ref().map(|(p, t)| (p.as_str(), *t));
    let again = api.get_id(&second, login).await.unwrap();
    assert_eq!(view.identity_id.as_deref(), Some(again.as_str()));
    let at_workshop = api.get_id(&w.identity_pool, login).await.unwrap();
    assert_ne!(at_workshop, again, "one identity per pool");
}

#[tokio::test]
async fn browsing_from_the_user_pool_shows_its_identity_pool_with_the_groups_roles() {
    let (api, w) = workshop().await;
    let (title, lines) = cognito_tui::app::identity::browse(&api, Some(&w.pool))
        .await
        .unwrap();
    // Other tests here add pools that trust this user pool too.
    assert!(
        title.starts_with(&format!("Identity pools trusting {}: ", w.pool)),
        "{title}"
    );
    let text = lines.join("\n");
    for want in [
        "cognito-workshop-identities  us-east-1:".to_owned(),
        "guests off, basic flow allowed".to_owned(),
        format!("mapping for client {}: Token", w.web),
        format!(
            "mapping for client {}: Rules in order, ambiguous → Deny",
            w.server
        ),
        "2. custom:role Equals \"instructor\" → cognito-workshop-instructor".to_owned(),
        format!(
            "student (precedence 100) → cognito-workshop-student: Token (preferred role), rule 3 for client {}",
            w.server
        ),
    ] {
        assert!(text.contains(&want), "{want:?} in\n{text}");
    }
    let (all, _) = cognito_tui::app::identity::browse(&api, None)
        .await
        .unwrap();
    assert!(all.starts_with("Identity pools ("), "{all}");
}
