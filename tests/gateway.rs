//! Integration tests of the gateway and the seeder against a real local Cognito emulator.

mod support;

use cognito_tui::cli::emulator::free_port;
use cognito_tui::cli::seed;
use cognito_tui::cognito::{AdminApi, AuthApi, CognitoApi, MUTATING_OPERATIONS};
use cognito_tui::domain::secret::Secret;
use cognito_tui::domain::{
    ErrorKind, Group, LambdaDeployment, NewClient, NewUser, SchemaAttribute, TriggerSlot,
    UserMfaPreferences,
};

async fn all_pools(api: &dyn CognitoApi) -> Vec<cognito_tui::domain::PoolSummary> {
    let mut out = Vec::new();
    let mut next = None;
    loop {
        let page = api.list_user_pools(next).await.expect("ListUserPools");
        out.extend(page.items);
        match page.next_token {
            Some(t) => next = Some(t),
            None => return out,
        }
    }
}

#[tokio::test]
async fn seeding_twice_leaves_one_workshop_pool_with_every_user_state() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;

    let first = seed::seed(&api, &support::workshop_file(), None)
        .await
        .expect("first seed");
    assert!(first.pool_created);
    let second = seed::seed(&api, &support::workshop_file(), None)
        .await
        .expect("second seed");
    assert!(!second.pool_created);
    assert_eq!(first.pool_id, second.pool_id);
    assert!(
        second.created.is_empty(),
        "nothing new the second time: {:?}",
        second.created
    );
    assert_eq!(first.clients, second.clients);

    let pools = all_pools(&api).await;
    let named: Vec<_> = pools
        .iter()
        .filter(|p| p.name == "cognito-workshop")
        .collect();
    assert_eq!(named.len(), 1, "one workshop pool, not two");

    let d = api
        .describe_user_pool(&first.pool_id)
        .await
        .expect("describe");
    assert_eq!(d.name, "cognito-workshop");
    assert_eq!(d.estimated_users, 8);
    assert_eq!(d.password_policy.as_ref().unwrap().minimum_length, Some(8));
    assert!(
        d.schema
            .iter()
            .any(|a| a.name == "custom:role" && a.mutable)
    );
    let set = d.lambda_config.set_slots();
    for slot in [
        "PreTokenGeneration",
        "DefineAuthChallenge",
        "CreateAuthChallenge",
        "VerifyAuthChallengeResponse",
    ] {
        assert!(set.contains(&slot), "{slot} is set: {set:?}");
    }

    let user = |name: &'static str| {
        let api = api.clone();
        let pool = first.pool_id.clone();
        async move { api.admin_get_user(&pool, name).await.expect(name) }
    };
    let alice = user("alice").await;
    assert_eq!(alice.status.as_deref(), Some("CONFIRMED"));
    assert!(alice.enabled);
    assert!(
        alice
            .attributes
            .contains(&("custom:role".into(), "admin".into()))
    );
    assert_eq!(
        user("emma").await.status.as_deref(),
        Some("FORCE_CHANGE_PASSWORD")
    );
    assert!(!user("grace").await.enabled);
    assert_eq!(user("hiro").await.status.as_deref(), Some("UNCONFIRMED"));

    let groups = api.list_groups(&first.pool_id, None).await.unwrap().items;
    let admin = groups
        .iter()
        .find(|g| g.name == "admin")
        .expect("admin group");
    assert_eq!(admin.precedence, Some(1));
}

#[tokio::test]
async fn listing_follows_every_page() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let prefix = support::unique("page");
    for i in 0..65 {
        api.create_user_pool(&support::new_pool(&format!("{prefix}-{i:02}")))
            .await
            .expect("CreateUserPool");
    }
    let first = api.list_user_pools(None).await.unwrap();
    assert_eq!(first.items.len(), 60, "ListUserPools pages hold 60");
    assert!(first.next_token.is_some());
    let all = all_pools(&api).await;
    let mine = all.iter().filter(|p| p.name.starts_with(&prefix)).count();
    assert_eq!(mine, 65);
}

#[tokio::test]
async fn a_missing_pool_is_not_found_with_its_code() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let err = api
        .describe_user_pool("us-east-1_DoesNotExist")
        .await
        .expect_err("no such pool");
    assert_eq!(err.kind, ErrorKind::NotFound, "{err:?}");
    assert_eq!(err.code.as_deref(), Some("ResourceNotFoundException"));
    assert!(!err.message.is_empty());
}

#[tokio::test]
async fn an_unreachable_endpoint_is_a_network_error() {
    let port = free_port().unwrap();
    let api = support::gateway(&format!("http://127.0.0.1:{port}"), false).await;
    let started = std::time::Instant::now();
    let err = api
        .list_user_pools(None)
        .await
        .expect_err("nothing listens");
    assert_eq!(err.kind, ErrorKind::Network, "{err:?}");
    assert!(err.message.contains("cannot reach"), "{}", err.message);
    assert!(started.elapsed().as_secs() < 10);
}

#[tokio::test]
async fn read_only_refuses_every_write_before_it_is_sent() {
    let emu = support::ministack();
    let ro = support::gateway(&emu.endpoint(), true).await;
    assert!(ro.read_only());
    let pw = Secret::new("Passw0rd!x");
    let attrs = vec![("email".to_string(), "x@example.com".to_string())];
    let group = Group {
        name: "g".into(),
        precedence: None,
        description: None,
        role_arn: None,
        created: None,
    };
    let results = [
        (
            "CreateUserPool",
            ro.create_user_pool(&support::new_pool("ro-pool"))
                .await
                .err(),
        ),
        (
            "CreateUserPoolClient",
            ro.create_user_pool_client("us-east-1_x", &NewClient::default())
                .await
                .err(),
        ),
        (
            "CreateGroup",
            ro.create_group("us-east-1_x", &group).await.err(),
        ),
        (
            "AdminCreateUser",
            ro.admin_create_user(
                "us-east-1_x",
                &NewUser {
                    username: "u".into(),
                    attributes: attrs.clone(),
                    temporary_password: Some(pw.clone()),
                    ..Default::default()
                },
            )
            .await
            .err(),
        ),
        (
            "AdminSetUserPassword",
            ro.admin_set_user_password("us-east-1_x", "u", &pw, true)
                .await
                .err(),
        ),
        (
            "AdminDisableUser",
            ro.admin_disable_user("us-east-1_x", "u").await.err(),
        ),
        (
            "AdminAddUserToGroup",
            ro.admin_add_user_to_group("us-east-1_x", "u", "g")
                .await
                .err(),
        ),
        ("SignUp", ro.sign_up("client", "u", &pw, &attrs).await.err()),
        (
            "AdminUpdateUserAttributes",
            ro.admin_update_user_attributes("us-east-1_x", "u", &attrs)
                .await
                .err(),
        ),
        ("EnsureLambdaRole", ro.ensure_lambda_role("r").await.err()),
        (
            "DeployLambda",
            ro.deploy_lambda(&LambdaDeployment {
                function_name: "f".into(),
                runtime: "python3.12".into(),
                handler: "f.handler".into(),
                role_arn: "arn:aws:iam::000000000000:role/r".into(),
                zip: vec![],
            })
            .await
            .err(),
        ),
        (
            "AdminDeleteUser",
            ro.admin_delete_user("us-east-1_x", "u").await.err(),
        ),
        (
            "AdminEnableUser",
            ro.admin_enable_user("us-east-1_x", "u").await.err(),
        ),
        (
            "AdminConfirmSignUp",
            ro.admin_confirm_sign_up("us-east-1_x", "u").await.err(),
        ),
        (
            "AdminResetUserPassword",
            ro.admin_reset_user_password("us-east-1_x", "u").await.err(),
        ),
        (
            "AdminDeleteUserAttributes",
            ro.admin_delete_user_attributes("us-east-1_x", "u", &["email".to_string()])
                .await
                .err(),
        ),
        (
            "AdminUserGlobalSignOut",
            ro.admin_user_global_sign_out("us-east-1_x", "u")
                .await
                .err(),
        ),
        (
            "AdminRemoveUserFromGroup",
            ro.admin_remove_user_from_group("us-east-1_x", "u", "g")
                .await
                .err(),
        ),
        (
            "AdminSetUserMFAPreference",
            ro.admin_set_user_mfa_preference("us-east-1_x", "u", &UserMfaPreferences::default())
                .await
                .err(),
        ),
        (
            "UpdateGroup",
            ro.update_group("us-east-1_x", &group).await.err(),
        ),
        (
            "DeleteGroup",
            ro.delete_group("us-east-1_x", "g").await.err(),
        ),
        (
            "AddCustomAttributes",
            ro.add_custom_attributes(
                "us-east-1_x",
                &[SchemaAttribute {
                    name: "custom:x".into(),
                    data_type: "String".into(),
                    mutable: true,
                    required: false,
                    developer_only: false,
                    min_length: None,
                    max_length: None,
                    min_value: None,
                    max_value: None,
                }],
            )
            .await
            .err(),
        ),
        (
            "UpdateUserPool",
            ro.set_trigger("us-east-1_x", TriggerSlot::PreSignUp, Some("arn:x"))
                .await
                .err(),
        ),
        (
            "AdminUpdateAuthEventFeedback",
            ro.admin_update_auth_event_feedback("us-east-1_x", "u", "e", "Valid")
                .await
                .err(),
        ),
    ];
    let names: Vec<&str> = results.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names, MUTATING_OPERATIONS,
        "every mutating operation is exercised"
    );
    for (name, err) in results {
        let err = err.unwrap_or_else(|| panic!("{name} must be refused"));
        assert_eq!(err.kind, ErrorKind::ReadOnly, "{name}: {err:?}");
        assert!(err.message.contains(name), "{name}: {}", err.message);
    }
    assert!(
        !all_pools(&ro).await.iter().any(|p| p.name == "ro-pool"),
        "nothing was created"
    );
}
