//! Integration tests of the browse reads (`BrowseApi`) against a real local Cognito emulator.
//! Each test makes its own uniquely named pool.

mod support;

use cognito_tui::cognito::{AdminApi, BrowseApi, CognitoApi, SdkCognito};
use cognito_tui::domain::secret::Secret;
use cognito_tui::domain::{ErrorKind, Group, MessageAction, NewClient, NewUser};

async fn pool_with_users(api: &SdkCognito, prefix: &str, n: usize) -> String {
    let pool = api
        .create_user_pool(&support::new_pool(&support::unique(prefix)))
        .await
        .expect("CreateUserPool");
    for i in 0..n {
        let name = format!("user-{i:03}");
        api.admin_create_user(
            &pool,
            &NewUser {
                username: name.clone(),
                attributes: vec![
                    ("email".into(), format!("{name}@example.com")),
                    ("name".into(), format!("Person {i:03}")),
                ],
                temporary_password: Some(Secret::new("Temp-Passw0rd!")),
                message_action: Some(MessageAction::Suppress),
                delivery: vec![],
            },
        )
        .await
        .expect("AdminCreateUser");
    }
    pool
}

#[tokio::test]
async fn describes_app_clients_with_units_and_reveals_the_secret_only_on_request() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let pool = api
        .create_user_pool(&support::new_pool(&support::unique("browse-clients")))
        .await
        .unwrap();
    let public = api
        .create_user_pool_client(
            &pool,
            &NewClient {
                name: "web".into(),
                generate_secret: false,
                explicit_auth_flows: vec![
                    "ALLOW_USER_SRP_AUTH".into(),
                    "ALLOW_REFRESH_TOKEN_AUTH".into(),
                ],
                access_token_validity_minutes: Some(60),
                id_token_validity_minutes: Some(30),
                refresh_token_validity_days: Some(30),
                read_attributes: vec!["email".into(), "name".into()],
                write_attributes: vec!["name".into()],
            },
        )
        .await
        .unwrap();
    let private = api
        .create_user_pool_client(
            &pool,
            &NewClient {
                name: "server".into(),
                generate_secret: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();

    let listed = api.list_user_pool_clients(&pool, None).await.unwrap().items;
    assert_eq!(listed.len(), 2);

    let c = api
        .describe_user_pool_client(&pool, &public.id)
        .await
        .unwrap();
    assert_eq!(c.name, "web");
    assert_eq!(c.pool_id, pool);
    assert!(!c.has_secret);
    assert!(
        c.explicit_auth_flows
            .contains(&"ALLOW_USER_SRP_AUTH".to_string())
    );
    let at = c.access_token_validity.expect("access token validity");
    assert_eq!((at.value, at.unit.as_str()), (60, "minutes"));
    let it = c.id_token_validity.expect("id token validity");
    assert_eq!((it.value, it.unit.as_str()), (30, "minutes"));
    let rt = c.refresh_token_validity.expect("refresh token validity");
    assert_eq!((rt.value, rt.unit.as_str()), (30, "days"));
    assert_eq!(c.read_attributes, vec!["email", "name"]);
    assert_eq!(c.write_attributes, vec!["name"]);
    assert_eq!(c.prevent_user_existence_errors.as_deref(), Some("ENABLED"));
    assert_eq!(c.enable_token_revocation, Some(true));
    assert_eq!(
        api.reveal_client_secret(&pool, &public.id).await.unwrap(),
        None
    );

    let s = api
        .describe_user_pool_client(&pool, &private.id)
        .await
        .unwrap();
    assert!(s.has_secret);
    let json = serde_json::to_string(&s).unwrap();
    let secret = api
        .reveal_client_secret(&pool, &private.id)
        .await
        .unwrap()
        .expect("a secret");
    assert!(!secret.is_empty());
    assert!(
        !json.contains(secret.expose()),
        "the describe never carries the secret"
    );
    assert!(!format!("{secret:?}").contains(secret.expose()));

    let missing = api
        .describe_user_pool_client(&pool, "nonexistentclient")
        .await
        .unwrap_err();
    assert_eq!(missing.kind, ErrorKind::NotFound, "{missing}");
}

#[tokio::test]
async fn list_users_pages_by_sixty_and_filters_on_the_server() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let pool = pool_with_users(&api, "browse-users", 130).await;

    let first = api.list_users(&pool, None, None).await.unwrap();
    assert_eq!(first.items.len(), 60);
    let t1 = first.next_token.clone().expect("a second page");
    let second = api.list_users(&pool, None, Some(t1)).await.unwrap();
    assert_eq!(second.items.len(), 60);
    let third = api
        .list_users(&pool, None, second.next_token.clone())
        .await
        .unwrap();
    assert_eq!(third.items.len(), 10);
    assert_eq!(third.next_token, None);
    let mut names: Vec<String> = first
        .items
        .iter()
        .chain(&second.items)
        .chain(&third.items)
        .map(|u| u.username.clone())
        .collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 130, "no user twice, none missing");
    let u = &first.items[0];
    assert!(
        u.attribute("email").is_some(),
        "attributes come with the row"
    );
    assert_eq!(u.status.as_deref(), Some("FORCE_CHANGE_PASSWORD"));

    let one = api
        .list_users(&pool, Some(r#"username = "user-007""#.into()), None)
        .await
        .unwrap();
    assert_eq!(one.items.len(), 1);
    assert_eq!(one.items[0].username, "user-007");

    let prefix = api
        .list_users(&pool, Some(r#"email ^= "user-01""#.into()), None)
        .await
        .unwrap();
    assert_eq!(prefix.items.len(), 10);

    let named = api
        .list_users(&pool, Some(r#"name ^= "Person 12""#.into()), None)
        .await
        .unwrap();
    assert_eq!(named.items.len(), 10);

    api.admin_disable_user(&pool, "user-042").await.unwrap();
    let disabled = api
        .list_users(&pool, Some(r#"status = "Disabled""#.into()), None)
        .await
        .unwrap();
    assert_eq!(disabled.items.len(), 1);
    assert_eq!(disabled.items[0].username, "user-042");
    assert!(!disabled.items[0].enabled);
}

#[tokio::test]
async fn a_user_has_groups_mfa_and_devices_or_a_clear_unsupported() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let pool = pool_with_users(&api, "browse-detail", 1).await;
    for (name, precedence) in [("admins", 1), ("staff", 5)] {
        api.create_group(
            &pool,
            &Group {
                name: name.into(),
                precedence: Some(precedence),
                description: Some(format!("the {name}")),
                role_arn: None,
                created: None,
            },
        )
        .await
        .unwrap();
        api.admin_add_user_to_group(&pool, "user-000", name)
            .await
            .unwrap();
    }

    let user = api.admin_get_user(&pool, "user-000").await.unwrap();
    assert_eq!(user.username, "user-000");
    assert!(user.enabled);
    assert!(user.mfa_settings.is_empty());
    assert_eq!(user.preferred_mfa, None);

    let groups = api
        .admin_list_groups_for_user(&pool, "user-000", None)
        .await
        .unwrap();
    let mut names: Vec<_> = groups.items.iter().map(|g| g.name.as_str()).collect();
    names.sort();
    assert_eq!(names, vec!["admins", "staff"]);

    match api.admin_list_devices(&pool, "user-000", None).await {
        Ok(page) => assert!(page.items.is_empty(), "no device was remembered"),
        Err(e) => assert_eq!(e.kind, ErrorKind::Unsupported, "{e}"),
    }

    let missing = api.admin_get_user(&pool, "nobody").await.unwrap_err();
    assert_eq!(missing.kind, ErrorKind::NotFound);
}

#[tokio::test]
async fn groups_describe_and_their_members_page() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let pool = pool_with_users(&api, "browse-groups", 65).await;
    api.create_group(
        &pool,
        &Group {
            name: "everyone".into(),
            precedence: Some(3),
            description: Some("all of them".into()),
            role_arn: None,
            created: None,
        },
    )
    .await
    .unwrap();
    for i in 0..65 {
        api.admin_add_user_to_group(&pool, &format!("user-{i:03}"), "everyone")
            .await
            .unwrap();
    }

    let g = api.get_group(&pool, "everyone").await.unwrap();
    assert_eq!(g.precedence, Some(3));
    assert_eq!(g.description.as_deref(), Some("all of them"));
    let listed = api.list_groups(&pool, None).await.unwrap().items;
    assert_eq!(listed.len(), 1);

    let mut members = Vec::new();
    let mut next = None;
    let mut pages = 0;
    loop {
        let page = api
            .list_users_in_group(&pool, "everyone", next)
            .await
            .unwrap();
        assert!(page.items.len() <= 60);
        pages += 1;
        members.extend(page.items);
        match page.next_token {
            Some(t) => next = Some(t),
            None => break,
        }
    }
    assert_eq!(members.len(), 65);
    assert!(pages >= 2, "65 members take more than one page");

    let missing = api.get_group(&pool, "nope").await.unwrap_err();
    assert_eq!(missing.kind, ErrorKind::NotFound, "{missing}");
}
