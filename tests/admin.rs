//! Integration tests of the admin gateway (`AdminApi`) and the export against the local
//! emulators: every write on its own pool, the read-modify-write of trigger slots, and the
//! JSON-lines and CSV exports of the seeded workshop.
//!
//! ministack lacks UpdateGroup, AdminDeleteUserAttributes and GetCSVHeader; the first two
//! run against moto, the export exercises the GetCSVHeader fallback.

mod support;

use std::sync::OnceLock;

use aws_sdk_cognitoidentityprovider as cip;
use cip::types as t;

use cognito_tui::app::bulk::{Pace, run_paced};
use cognito_tui::cli::emulator::{Emulator, Kind};
use cognito_tui::cli::export::{self, Format};
use cognito_tui::cognito::{AdminApi, CognitoApi, SdkCognito};
use cognito_tui::domain::secret::Secret;
use cognito_tui::domain::{
    DeliveryMedium, ErrorKind, Group, MessageAction, MfaPreference, NewClient, NewPool, NewUser,
    SchemaAttribute, TriggerSlot, UserMfaPreferences, WriteOutcome,
};

fn moto() -> &'static Emulator {
    static EMU: OnceLock<Emulator> = OnceLock::new();
    EMU.get_or_init(|| {
        Emulator::start(Kind::Moto)
            .unwrap_or_else(|e| panic!("the moto emulator must run for this test: {e}"))
    })
}

/// A raw SDK client on the same emulator, to set up and inspect what the gateway does not
/// model (the whole described pool, MFA settings).
fn raw(endpoint: &str) -> cip::Client {
    support::sdk(endpoint)
}

fn new_pool(name: &str) -> NewPool {
    NewPool {
        custom_attributes: vec![SchemaAttribute {
            name: "custom:role".into(),
            data_type: "String".into(),
            mutable: true,
            required: false,
            developer_only: false,
            min_length: Some("0".into()),
            max_length: Some("32".into()),
            min_value: None,
            max_value: None,
        }],
        ..support::new_pool(name)
    }
}

async fn pool(api: &SdkCognito, prefix: &str) -> String {
    api.create_user_pool(&new_pool(&support::unique(prefix)))
        .await
        .expect("CreateUserPool")
}

fn suppressed(username: &str, email: &str) -> NewUser {
    NewUser {
        username: username.into(),
        attributes: vec![
            ("email".into(), email.into()),
            ("email_verified".into(), "true".into()),
        ],
        temporary_password: Some(Secret::new("Temp-Passw0rd!")),
        message_action: Some(MessageAction::Suppress),
        delivery: vec![],
    }
}

fn group(name: &str, precedence: i32, description: &str) -> Group {
    Group {
        name: name.into(),
        precedence: Some(precedence),
        description: Some(description.into()),
        role_arn: None,
        created: None,
    }
}

#[tokio::test]
async fn a_user_is_created_disabled_enabled_reset_signed_out_and_deleted() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let pool_id = pool(&api, "adm-user").await;

    let created = api
        .admin_create_user(&pool_id, &suppressed("ana", "ana@example.com"))
        .await
        .expect("AdminCreateUser");
    assert_eq!(created.username, "ana");
    assert_eq!(created.status.as_deref(), Some("FORCE_CHANGE_PASSWORD"));
    assert!(
        created
            .attributes
            .contains(&("email".into(), "ana@example.com".into()))
    );

    // A second invitation for the same user, by email.
    api.admin_create_user(
        &pool_id,
        &NewUser {
            username: "ana".into(),
            message_action: Some(MessageAction::Resend),
            delivery: vec![DeliveryMedium::Email],
            ..Default::default()
        },
    )
    .await
    .expect("AdminCreateUser RESEND");

    // Creating one that exists without RESEND is refused with its code.
    let dup = api
        .admin_create_user(&pool_id, &suppressed("ana", "ana@example.com"))
        .await
        .expect_err("exists");
    assert_eq!(dup.code.as_deref(), Some("UsernameExistsException"));
    assert_eq!(dup.kind, ErrorKind::Validation);

    api.admin_disable_user(&pool_id, "ana").await.unwrap();
    assert!(!api.admin_get_user(&pool_id, "ana").await.unwrap().enabled);
    api.admin_enable_user(&pool_id, "ana").await.unwrap();
    assert!(api.admin_get_user(&pool_id, "ana").await.unwrap().enabled);

    api.admin_set_user_password(&pool_id, "ana", &Secret::new("Perm-Passw0rd!"), true)
        .await
        .unwrap();
    assert_eq!(
        api.admin_get_user(&pool_id, "ana")
            .await
            .unwrap()
            .status
            .as_deref(),
        Some("CONFIRMED")
    );
    api.admin_reset_user_password(&pool_id, "ana")
        .await
        .expect("AdminResetUserPassword");
    assert_eq!(
        api.admin_get_user(&pool_id, "ana")
            .await
            .unwrap()
            .status
            .as_deref(),
        Some("RESET_REQUIRED")
    );
    api.admin_user_global_sign_out(&pool_id, "ana")
        .await
        .expect("AdminUserGlobalSignOut");

    api.admin_delete_user(&pool_id, "ana")
        .await
        .expect("AdminDeleteUser");
    let gone = api
        .admin_get_user(&pool_id, "ana")
        .await
        .expect_err("deleted");
    assert_eq!(gone.kind, ErrorKind::NotFound);
    let again = api
        .admin_delete_user(&pool_id, "ana")
        .await
        .expect_err("already gone");
    assert_eq!(again.kind, ErrorKind::NotFound);
}

#[tokio::test]
async fn a_signed_up_user_is_confirmed_by_the_admin() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let pool_id = pool(&api, "adm-confirm").await;
    let client = api
        .create_user_pool_client(
            &pool_id,
            &NewClient {
                name: "web".into(),
                explicit_auth_flows: vec!["ALLOW_USER_SRP_AUTH".into()],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    api.sign_up(
        &client.id,
        "ben",
        &Secret::new("Passw0rd!ben"),
        &[("email".into(), "ben@example.com".into())],
    )
    .await
    .unwrap();
    let status = |api: SdkCognito, pool_id: String| async move {
        api.admin_get_user(&pool_id, "ben").await.unwrap().status
    };
    assert_eq!(
        status(api.clone(), pool_id.clone()).await.as_deref(),
        Some("UNCONFIRMED")
    );
    api.admin_confirm_sign_up(&pool_id, "ben")
        .await
        .expect("AdminConfirmSignUp");
    assert_eq!(
        status(api.clone(), pool_id.clone()).await.as_deref(),
        Some("CONFIRMED")
    );
}

#[tokio::test]
async fn group_membership_is_added_listed_removed_and_the_group_deleted() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let pool_id = pool(&api, "adm-group").await;
    api.admin_create_user(&pool_id, &suppressed("cy", "cy@example.com"))
        .await
        .unwrap();
    api.create_group(&pool_id, &group("staff", 2, "Staff"))
        .await
        .unwrap();
    api.create_group(&pool_id, &group("ops", 3, "Ops"))
        .await
        .unwrap();
    api.admin_add_user_to_group(&pool_id, "cy", "staff")
        .await
        .unwrap();
    api.admin_add_user_to_group(&pool_id, "cy", "ops")
        .await
        .unwrap();
    let mut groups = api.group_names_of_user(&pool_id, "cy").await.unwrap();
    groups.sort();
    assert_eq!(groups, vec!["ops", "staff"]);

    api.admin_remove_user_from_group(&pool_id, "cy", "staff")
        .await
        .expect("AdminRemoveUserFromGroup");
    assert_eq!(
        api.group_names_of_user(&pool_id, "cy").await.unwrap(),
        vec!["ops"]
    );

    api.delete_group(&pool_id, "ops")
        .await
        .expect("DeleteGroup");
    let left: Vec<String> = api
        .list_groups(&pool_id, None)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|g| g.name)
        .collect();
    assert_eq!(left, vec!["staff"]);
    assert!(
        api.group_names_of_user(&pool_id, "cy")
            .await
            .unwrap()
            .is_empty()
    );
    let missing = api
        .delete_group(&pool_id, "ops")
        .await
        .expect_err("already deleted");
    assert_eq!(missing.kind, ErrorKind::NotFound, "{missing:?}");
}

#[tokio::test]
async fn mfa_preferences_are_set_per_method() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let raw = raw(&emu.endpoint());
    let pool_id = pool(&api, "adm-mfa").await;
    api.admin_create_user(&pool_id, &suppressed("dee", "dee@example.com"))
        .await
        .unwrap();

    api.admin_set_user_mfa_preference(
        &pool_id,
        "dee",
        &UserMfaPreferences {
            software_token: Some(MfaPreference {
                enabled: true,
                preferred: true,
            }),
            sms: Some(MfaPreference {
                enabled: true,
                preferred: false,
            }),
            email: None,
        },
    )
    .await
    .expect("AdminSetUserMFAPreference");
    let u = raw
        .admin_get_user()
        .user_pool_id(&pool_id)
        .username("dee")
        .send()
        .await
        .unwrap();
    let mut enabled = u.user_mfa_setting_list().to_vec();
    enabled.sort();
    assert_eq!(enabled, vec!["SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
    assert_eq!(u.preferred_mfa_setting(), Some("SOFTWARE_TOKEN_MFA"));

    // Turning one method off leaves the other.
    api.admin_set_user_mfa_preference(
        &pool_id,
        "dee",
        &UserMfaPreferences {
            software_token: Some(MfaPreference::default()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let u = raw
        .admin_get_user()
        .user_pool_id(&pool_id)
        .username("dee")
        .send()
        .await
        .unwrap();
    assert_eq!(u.user_mfa_setting_list(), ["SMS_MFA"]);
}

#[tokio::test]
async fn custom_attributes_are_added_to_the_schema() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let pool_id = pool(&api, "adm-attr").await;
    let tier = SchemaAttribute {
        name: "tier".into(),
        data_type: "String".into(),
        mutable: true,
        required: false,
        developer_only: false,
        min_length: Some("1".into()),
        max_length: Some("20".into()),
        min_value: None,
        max_value: None,
    };
    let score = SchemaAttribute {
        name: "custom:score".into(),
        data_type: "Number".into(),
        mutable: false,
        min_length: None,
        max_length: None,
        min_value: Some("0".into()),
        max_value: Some("100".into()),
        ..tier.clone()
    };
    api.add_custom_attributes(&pool_id, &[tier, score])
        .await
        .expect("AddCustomAttributes");
    let schema = api.describe_user_pool(&pool_id).await.unwrap().schema;
    let find = |n: &str| schema.iter().find(|a| a.name == n).cloned();
    let tier = find("custom:tier").expect("custom:tier");
    assert_eq!(tier.data_type, "String");
    assert!(tier.mutable);
    assert_eq!(tier.max_length.as_deref(), Some("20"));
    let score = find("custom:score").expect("custom:score");
    assert_eq!(score.data_type, "Number");
    assert!(!score.mutable);
    assert_eq!(score.max_value.as_deref(), Some("100"));

    let again = api
        .add_custom_attributes(&pool_id, &[find("custom:tier").unwrap()])
        .await
        .expect_err("exists");
    assert_eq!(again.kind, ErrorKind::Validation);
    assert!(api.add_custom_attributes(&pool_id, &[]).await.is_err());
}

#[tokio::test]
async fn attribute_updates_and_deletes() {
    // ministack for updates; AdminDeleteUserAttributes exists only in moto.
    for endpoint in [support::ministack().endpoint(), moto().endpoint()] {
        let api = support::gateway(&endpoint, false).await;
        let pool_id = pool(&api, "adm-attrs").await;
        let mut u = suppressed("eve", "eve@example.com");
        u.attributes.push(("name".into(), "Eve".into()));
        u.attributes.push(("custom:role".into(), "student".into()));
        api.admin_create_user(&pool_id, &u).await.unwrap();
        api.admin_update_user_attributes(
            &pool_id,
            "eve",
            &[("custom:role".into(), "teacher".into())],
        )
        .await
        .unwrap();
        let attrs = api
            .admin_get_user(&pool_id, "eve")
            .await
            .unwrap()
            .attributes;
        assert!(attrs.contains(&("custom:role".into(), "teacher".into())));
        if endpoint == moto().endpoint() {
            api.admin_delete_user_attributes(
                &pool_id,
                "eve",
                &["name".to_string(), "custom:role".to_string()],
            )
            .await
            .expect("AdminDeleteUserAttributes");
            let attrs = api
                .admin_get_user(&pool_id, "eve")
                .await
                .unwrap()
                .attributes;
            assert!(!attrs.iter().any(|(k, _)| k == "name" || k == "custom:role"));
            assert!(attrs.iter().any(|(k, _)| k == "email"), "{attrs:?}");
        }
    }
}

#[tokio::test]
async fn a_group_is_updated() {
    // UpdateGroup exists only in moto.
    let api = support::gateway(&moto().endpoint(), false).await;
    let pool_id = pool(&api, "adm-upd-group").await;
    api.create_group(&pool_id, &group("crew", 5, "Crew"))
        .await
        .unwrap();
    let role = "arn:aws:iam::123456789012:role/crew";
    api.update_group(
        &pool_id,
        &Group {
            role_arn: Some(role.into()),
            ..group("crew", 1, "The crew")
        },
    )
    .await
    .expect("UpdateGroup");
    let g = api
        .list_groups(&pool_id, None)
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|g| g.name == "crew")
        .unwrap();
    assert_eq!(g.precedence, Some(1));
    assert_eq!(g.description.as_deref(), Some("The crew"));
    assert_eq!(g.role_arn.as_deref(), Some(role));
}

const ARN: &str = "arn:aws:lambda:us-east-1:000000000000:function:";

fn arn(name: &str) -> String {
    format!("{ARN}{name}")
}

/// A pool with every setting away from its default, made with the raw SDK.
async fn configured_pool(raw: &cip::Client, name: &str) -> String {
    let out = raw
        .create_user_pool()
        .pool_name(name)
        .policies(
            t::UserPoolPolicyType::builder()
                .password_policy(
                    t::PasswordPolicyType::builder()
                        .minimum_length(14)
                        .require_uppercase(true)
                        .require_lowercase(false)
                        .require_numbers(true)
                        .require_symbols(true)
                        .temporary_password_validity_days(3)
                        .build(),
                )
                .build(),
        )
        .deletion_protection(t::DeletionProtectionType::Active)
        .lambda_config(
            t::LambdaConfigType::builder()
                .pre_sign_up(arn("pre-sign-up"))
                .custom_message(arn("custom-message"))
                .post_confirmation(arn("post-confirmation"))
                .define_auth_challenge(arn("define"))
                .create_auth_challenge(arn("create"))
                .verify_auth_challenge_response(arn("verify"))
                .pre_token_generation(arn("pre-token"))
                .pre_token_generation_config(
                    t::PreTokenGenerationVersionConfigType::builder()
                        .lambda_version(t::PreTokenGenerationLambdaVersionType::V20)
                        .lambda_arn(arn("pre-token"))
                        .build()
                        .unwrap(),
                )
                .build(),
        )
        .auto_verified_attributes(t::VerifiedAttributeType::Email)
        .alias_attributes(t::AliasAttributeType::Email)
        .sms_verification_message("Your code: {####}")
        .email_verification_message("Verify with {####}")
        .email_verification_subject("Please verify")
        .verification_message_template(
            t::VerificationMessageTemplateType::builder()
                .sms_message("Your code: {####}")
                .email_message("Verify with {####}")
                .email_subject("Please verify")
                .default_email_option(t::DefaultEmailOptionType::ConfirmWithCode)
                .build(),
        )
        .sms_authentication_message("Sign-in code {####}")
        .user_attribute_update_settings(
            t::UserAttributeUpdateSettingsType::builder()
                .attributes_require_verification_before_update(t::VerifiedAttributeType::Email)
                .build(),
        )
        .mfa_configuration(t::UserPoolMfaType::Optional)
        .device_configuration(
            t::DeviceConfigurationType::builder()
                .challenge_required_on_new_device(true)
                .device_only_remembered_on_user_prompt(true)
                .build(),
        )
        .email_configuration(
            t::EmailConfigurationType::builder()
                .email_sending_account(t::EmailSendingAccountType::CognitoDefault)
                .reply_to_email_address("help@example.com")
                .build(),
        )
        .sms_configuration(
            t::SmsConfigurationType::builder()
                .sns_caller_arn("arn:aws:iam::000000000000:role/sns")
                .external_id("workshop")
                .sns_region("us-east-1")
                .build(),
        )
        .user_pool_tags("team", "identity")
        .user_pool_tags("cost-centre", "42")
        .admin_create_user_config(
            t::AdminCreateUserConfigType::builder()
                .allow_admin_create_user_only(true)
                .invite_message_template(
                    t::MessageTemplateType::builder()
                        .email_subject("Welcome")
                        .email_message("Hi {username}, your password is {####}")
                        .sms_message("Hi {username}: {####}")
                        .build(),
                )
                .build(),
        )
        .account_recovery_setting(
            t::AccountRecoverySettingType::builder()
                .recovery_mechanisms(
                    t::RecoveryOptionType::builder()
                        .priority(1)
                        .name(t::RecoveryOptionNameType::VerifiedEmail)
                        .build()
                        .unwrap(),
                )
                .build(),
        )
        .user_pool_tier(t::UserPoolTierType::Essentials)
        .send()
        .await
        .expect("CreateUserPool with every setting");
    out.user_pool().unwrap().id().unwrap().to_string()
}

async fn described(raw: &cip::Client, pool_id: &str) -> t::UserPoolType {
    raw.describe_user_pool()
        .user_pool_id(pool_id)
        .send()
        .await
        .unwrap()
        .user_pool()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn changing_one_trigger_leaves_every_other_setting_as_it_was() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let raw = raw(&emu.endpoint());
    let pool_id = configured_pool(&raw, &support::unique("adm-rmw")).await;
    let before = described(&raw, &pool_id).await;
    // The fixture really is away from the defaults.
    let pp = before.policies().unwrap().password_policy().unwrap();
    assert_eq!(pp.minimum_length(), Some(14));
    assert_eq!(
        before.mfa_configuration(),
        Some(&t::UserPoolMfaType::Optional)
    );
    assert_eq!(
        before.sms_authentication_message(),
        Some("Sign-in code {####}")
    );
    assert!(before.verification_message_template().is_some());
    assert!(before.user_attribute_update_settings().is_some());
    assert!(before.device_configuration().is_some());
    assert!(before.sms_configuration().is_some());
    assert!(before.email_configuration().is_some());
    assert_eq!(before.user_pool_tags().map(|t| t.len()), Some(2));
    assert!(
        before
            .admin_create_user_config()
            .unwrap()
            .allow_admin_create_user_only()
    );
    assert!(before.account_recovery_setting().is_some());
    assert_eq!(
        before.deletion_protection(),
        Some(&t::DeletionProtectionType::Active)
    );
    assert_eq!(
        before.user_pool_tier(),
        Some(&t::UserPoolTierType::Essentials)
    );

    // Replace one trigger.
    api.set_trigger(
        &pool_id,
        TriggerSlot::PostConfirmation,
        Some(&arn("welcome")),
    )
    .await
    .expect("UpdateUserPool");
    let after = described(&raw, &pool_id).await;
    let lc = after.lambda_config().unwrap();
    assert_eq!(lc.post_confirmation(), Some(arn("welcome").as_str()));
    // Field by field, everything else is unchanged: put the slot and the modification
    // date back and the two descriptions are equal.
    let mut expected = after.clone();
    expected.last_modified_date = before.last_modified_date;
    expected.lambda_config.as_mut().unwrap().post_confirmation = before
        .lambda_config()
        .unwrap()
        .post_confirmation()
        .map(str::to_string);
    assert_eq!(expected, before);

    // Clear another one: the same holds.
    api.set_trigger(&pool_id, TriggerSlot::CustomMessage, None)
        .await
        .unwrap();
    let cleared = described(&raw, &pool_id).await;
    assert_eq!(cleared.lambda_config().unwrap().custom_message(), None);
    let mut expected = cleared.clone();
    expected.last_modified_date = after.last_modified_date;
    expected.lambda_config.as_mut().unwrap().custom_message = Some(arn("custom-message"));
    assert_eq!(expected, after);

    // The pre-token trigger moves its legacy field and its versioned config together.
    api.set_trigger(&pool_id, TriggerSlot::PreTokenGeneration, Some(&arn("v2")))
        .await
        .unwrap();
    let d = api.describe_user_pool(&pool_id).await.unwrap();
    assert_eq!(d.lambda_config.pre_token_generation, Some(arn("v2")));
    assert_eq!(
        d.lambda_config.pre_token_generation_version.as_deref(),
        Some("V2_0")
    );
    let raw_lc = described(&raw, &pool_id).await.lambda_config.unwrap();
    assert_eq!(
        raw_lc.pre_token_generation_config.unwrap().lambda_arn,
        arn("v2")
    );
    // And the other slots are still there.
    assert_eq!(
        d.lambda_config.set_slots(),
        vec![
            "PreSignUp",
            "PostConfirmation",
            "DefineAuthChallenge",
            "CreateAuthChallenge",
            "VerifyAuthChallengeResponse",
            "PreTokenGeneration",
        ]
    );

    let missing = api
        .set_trigger("us-east-1_Missing1", TriggerSlot::PreSignUp, None)
        .await
        .expect_err("no such pool");
    assert_eq!(missing.kind, ErrorKind::NotFound);
}

#[tokio::test]
async fn a_paced_bulk_run_reports_each_item_and_goes_on_after_a_failure() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let pool_id = pool(&api, "adm-bulk").await;
    api.admin_create_user(&pool_id, &suppressed("u2", "u2@example.com"))
        .await
        .unwrap();
    let names: Vec<String> = (0..5).map(|i| format!("u{i}")).collect();
    let report = run_paced(
        names,
        Pace { per_second: 50.0 },
        |name| {
            let api = api.clone();
            let pool_id = pool_id.clone();
            let user = suppressed(name, &format!("{name}@example.com"));
            async move { api.admin_create_user(&pool_id, &user).await }
        },
        || false,
        |_| {},
    )
    .await;
    assert_eq!(report.succeeded(), 4);
    let failed: Vec<&str> = report.failed().map(|r| r.item.as_str()).collect();
    assert_eq!(failed, vec!["u2"]);
    let page = api.list_users_page(&pool_id, None).await.unwrap();
    assert_eq!(page.items.len(), 5);
}

#[tokio::test]
async fn users_are_listed_page_by_page() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let pool_id = pool(&api, "adm-pages").await;
    for i in 0..65 {
        api.admin_create_user(&pool_id, &suppressed(&format!("p{i:02}"), "p@example.com"))
            .await
            .unwrap();
    }
    let first = api.list_users_page(&pool_id, None).await.unwrap();
    assert_eq!(first.items.len(), 60);
    let second = api
        .list_users_page(&pool_id, first.next_token.clone())
        .await
        .unwrap();
    assert_eq!(second.items.len(), 5);
    assert_eq!(second.next_token, None);

    // The export walks both pages.
    let mut out = Vec::new();
    let mut progress = Vec::new();
    let summary = export::export_users(
        &api,
        &pool_id,
        Format::Jsonl,
        false,
        &mut out,
        &mut progress,
    )
    .await
    .unwrap();
    assert_eq!((summary.users, summary.pages), (65, 2));
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 65);
    let progress = String::from_utf8(progress).unwrap();
    assert!(
        progress.contains("exported 60 users (1 pages)"),
        "{progress}"
    );
    assert!(
        progress.contains("exported 65 users (2 pages)"),
        "{progress}"
    );
}

// ---------------------------------------------------------------------------------------
// Export of the seeded workshop
// ---------------------------------------------------------------------------------------

/// The sandbox passwords (README), none of which may appear in an export.
const PASSWORDS: &[&str] = &[
    "AliceAdmin2024",
    "BaoTeach2024",
    "CarmenLearn2024",
    "DavidLearn2024",
    "Welcome2Workshop",
    "GraceLearn2024",
    "HiroLearn2024",
];

/// RFC 4180 records (quoted fields may hold commas, quotes and newlines).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the file ends with a newline"
    );
    rows
}

/// The workshop pool, seeded once for the whole binary (concurrent seeds would race).
async fn seeded(api: &SdkCognito) -> String {
    static POOL: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    POOL.get_or_init(|| async { support::seed_workshop(api).await.pool_id })
        .await
        .clone()
}

#[tokio::test]
async fn the_workshop_exports_to_json_lines_with_groups() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let pool_id = seeded(&api).await;
    let mut out = Vec::new();
    let mut progress = Vec::new();
    export::export_users(&api, &pool_id, Format::Jsonl, true, &mut out, &mut progress)
        .await
        .expect("export");
    let text = String::from_utf8(out).unwrap();
    for pw in PASSWORDS {
        assert!(!text.contains(pw), "{pw} leaked into the export");
    }
    let users: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(users.len(), 8);
    let by = |name: &str| {
        users
            .iter()
            .find(|u| u["username"] == name)
            .unwrap_or_else(|| panic!("{name}"))
            .clone()
    };
    let alice = by("alice");
    let mut groups: Vec<&str> = alice["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    groups.sort();
    assert_eq!(groups, vec!["admin", "instructor"]);
    assert_eq!(alice["attributes"]["custom:role"], "admin");
    assert_eq!(alice["status"], "CONFIRMED");
    assert_eq!(by("grace")["enabled"], false);
    assert_eq!(by("emma")["status"], "FORCE_CHANGE_PASSWORD");
    assert_eq!(by("hiro")["groups"], serde_json::json!([]));
    assert!(!String::from_utf8(progress).unwrap().is_empty());

    // Round trip: every attribute ListUsers reports is in the export, unchanged.
    let page = api.list_users_page(&pool_id, None).await.unwrap();
    for u in page.items {
        let e = by(&u.username);
        for (k, v) in &u.attributes {
            assert_eq!(e["attributes"][k], v.as_str(), "{} {k}", u.username);
        }
        assert_eq!(
            e["attributes"].as_object().unwrap().len(),
            u.attributes.len()
        );
    }
}

#[tokio::test]
async fn the_workshop_exports_to_the_import_csv() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let pool_id = seeded(&api).await;
    let mut out = Vec::new();
    let mut progress = Vec::new();
    let summary = export::export_users(&api, &pool_id, Format::Csv, true, &mut out, &mut progress)
        .await
        .expect("export");
    // ministack has no GetCSVHeader: the standard header + the pool's custom attribute.
    assert!(!summary.header_from_cognito);
    assert!(
        String::from_utf8(progress)
            .unwrap()
            .contains("GetCSVHeader is unavailable")
    );
    let text = String::from_utf8(out).unwrap();
    for pw in PASSWORDS {
        assert!(!text.contains(pw), "{pw} leaked into the export");
    }
    let rows = parse_csv(&text);
    let header = &rows[0];
    assert_eq!(
        header,
        &export::fallback_csv_header(&["custom:role".into()])
    );
    assert_eq!(rows.len(), 9, "header + 8 users");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for row in &rows[1..] {
        assert_eq!(row.len(), header.len());
    }
    let alice = rows[1..]
        .iter()
        .find(|r| r[col("cognito:username")] == "alice")
        .expect("alice");
    assert_eq!(alice[col("custom:role")], "admin");
    assert_eq!(alice[col("cognito:mfa_enabled")], "false");

    // Round trip: each cell is the attribute ListUsers reports (or empty).
    let page = api.list_users_page(&pool_id, None).await.unwrap();
    for u in page.items {
        let row = rows[1..]
            .iter()
            .find(|r| r[col("cognito:username")] == u.username)
            .unwrap();
        for (i, h) in header.iter().enumerate() {
            if h.starts_with("cognito:") {
                continue;
            }
            let want = u
                .attributes
                .iter()
                .find(|(k, _)| k == h)
                .map(|(_, v)| v.as_str())
                .unwrap_or("");
            assert_eq!(row[i], want, "{} {h}", u.username);
        }
    }
}

#[tokio::test]
async fn csv_values_with_commas_quotes_and_newlines_survive() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let pool_id = pool(&api, "adm-csv").await;
    let tricky = "Doe, \"JJ\"\nthe second";
    let mut u = suppressed("zed", "zed@example.com");
    u.attributes.push(("name".into(), tricky.into()));
    u.attributes.push(("custom:role".into(), " padded ".into()));
    api.admin_create_user(&pool_id, &u).await.unwrap();
    let mut out = Vec::new();
    export::export_users(
        &api,
        &pool_id,
        Format::Csv,
        false,
        &mut out,
        &mut Vec::new(),
    )
    .await
    .unwrap();
    let rows = parse_csv(&String::from_utf8(out).unwrap());
    assert_eq!(rows.len(), 2);
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    assert_eq!(rows[1][col("name")], tricky);
    assert_eq!(rows[1][col("custom:role")], " padded ");
    assert_eq!(rows[1][col("cognito:username")], "zed");
}

#[test]
fn the_export_command_writes_the_file_and_reports_on_stderr() {
    let emu = support::ministack();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let pool_id = rt.block_on(async {
        let api = support::gateway(&emu.endpoint(), false).await;
        seeded(&api).await
    });
    let dir = std::env::temp_dir().join(support::unique("cognito-tui-export"));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("users.csv");
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_cognito-tui"));
    c.env_remove("AWS_PROFILE")
        .env("AWS_CONFIG_FILE", dir.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", dir.join("credentials"))
        .arg("--log-file")
        .arg(dir.join("log"));
    for (k, v) in support::binary_env(&emu.endpoint()) {
        c.env(k, v);
    }
    let out = c
        .args(["export", "--pool-id", &pool_id, "--format", "csv", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(stderr.contains("exported 8 users to"), "{stderr}");
    let rows = parse_csv(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(rows.len(), 9);
    assert!(!dir.join("users.csv.partial").exists());

    // A pool that does not exist: exit 1, no file left behind.
    let bad = dir.join("bad.jsonl");
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_cognito-tui"));
    c.env_remove("AWS_PROFILE")
        .env("AWS_CONFIG_FILE", dir.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", dir.join("credentials"))
        .arg("--log-file")
        .arg(dir.join("log"));
    for (k, v) in support::binary_env(&emu.endpoint()) {
        c.env(k, v);
    }
    let out = c
        .args(["export", "--pool-id", "us-east-1_Nope1", "--out"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ListUsers failed"));
    assert!(!bad.exists());
    assert!(!dir.join("bad.jsonl.partial").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The UI's bulk run (what the loop executes for `Effect::Bulk`): paced, one at a time, every
/// item reported, a missing user failing alone.
#[tokio::test]
async fn a_bulk_disable_reports_every_user_and_a_failure_stops_nothing() {
    use cognito_tui::core::effect::{BulkOp, BulkRun};
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let pool_id = pool(&api, "bulk-ui").await;
    for name in ["ann", "ben"] {
        api.admin_create_user(&pool_id, &suppressed(name, &format!("{name}@example.com")))
            .await
            .expect("AdminCreateUser");
    }
    let run = BulkRun {
        pool_id: pool_id.clone(),
        op: BulkOp::Disable,
        usernames: vec!["ann".into(), "ghost".into(), "ben".into()],
    };
    let started = std::time::Instant::now();
    let mut seen = vec![];
    cognito_tui::app::executor::execute_bulk(
        run,
        &api,
        std::time::Duration::from_secs(15),
        Pace { per_second: 20.0 },
        || false,
        |index, outcome| {
            seen.push((
                index,
                match outcome {
                    WriteOutcome::Done => Ok(()),
                    other => Err(other.error().map(|e| e.kind)),
                },
            ))
        },
    )
    .await;
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(100),
        "three starts 50 ms apart"
    );
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0], (0, Ok(())));
    assert_eq!(seen[1].0, 1);
    assert!(seen[1].1.is_err(), "{seen:?}");
    assert_eq!(seen[2], (2, Ok(())));
    for name in ["ann", "ben"] {
        let u = api.admin_get_user(&pool_id, name).await.unwrap();
        assert!(!u.enabled, "{name} is disabled");
    }
}
