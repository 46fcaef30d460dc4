//! UpdateUserPool's read-modify-write, as pure functions over the SDK's shapes: `carry_over`
//! sends back every updatable setting of the described pool (UpdateUserPool resets whatever
//! it is not given), and `with_slot` changes one trigger slot and keeps every other. No call
//! is sent from here; `writes` sends them.

use aws_sdk_cognitoidentityprovider::operation::update_user_pool::builders::UpdateUserPoolFluentBuilder;
use aws_sdk_cognitoidentityprovider::types as t;

use super::error::{Result, build_err};
use crate::domain::TriggerSlot;

/// The pool's LambdaConfig with one slot set or cleared and every other slot (including
/// ones this app does not model, like InboundFederation) as it was.
pub(super) fn with_slot(
    current: Option<&t::LambdaConfigType>,
    slot: TriggerSlot,
    arn: Option<&str>,
) -> Result<t::LambdaConfigType> {
    let mut c = current
        .cloned()
        .unwrap_or_else(|| t::LambdaConfigType::builder().build());
    let v = arn.map(str::to_string);
    match slot {
        TriggerSlot::PreSignUp => c.pre_sign_up = v,
        TriggerSlot::CustomMessage => c.custom_message = v,
        TriggerSlot::PostConfirmation => c.post_confirmation = v,
        TriggerSlot::PreAuthentication => c.pre_authentication = v,
        TriggerSlot::PostAuthentication => c.post_authentication = v,
        TriggerSlot::DefineAuthChallenge => c.define_auth_challenge = v,
        TriggerSlot::CreateAuthChallenge => c.create_auth_challenge = v,
        TriggerSlot::VerifyAuthChallengeResponse => c.verify_auth_challenge_response = v,
        TriggerSlot::UserMigration => c.user_migration = v,
        TriggerSlot::KmsKeyId => c.kms_key_id = v,
        TriggerSlot::PreTokenGeneration => {
            // The legacy field and the versioned config must name the same function; the
            // version the pool had is kept.
            c.pre_token_generation_config = match &v {
                Some(a) => c.pre_token_generation_config.take().map(|mut cfg| {
                    cfg.lambda_arn = a.clone();
                    cfg
                }),
                None => None,
            };
            c.pre_token_generation = v;
        }
        TriggerSlot::CustomSmsSender => {
            c.custom_sms_sender = match v {
                None => None,
                Some(a) => Some(match c.custom_sms_sender.take() {
                    Some(mut s) => {
                        s.lambda_arn = a;
                        s
                    }
                    None => t::CustomSmsLambdaVersionConfigType::builder()
                        .lambda_version(t::CustomSmsSenderLambdaVersionType::V10)
                        .lambda_arn(a)
                        .build()
                        .map_err(build_err)?,
                }),
            }
        }
        TriggerSlot::CustomEmailSender => {
            c.custom_email_sender = match v {
                None => None,
                Some(a) => Some(match c.custom_email_sender.take() {
                    Some(mut s) => {
                        s.lambda_arn = a;
                        s
                    }
                    None => t::CustomEmailLambdaVersionConfigType::builder()
                        .lambda_version(t::CustomEmailSenderLambdaVersionType::V10)
                        .lambda_arn(a)
                        .build()
                        .map_err(build_err)?,
                }),
            }
        }
    }
    Ok(c)
}

/// Copy every setting UpdateUserPool accepts from the described pool into the request, so
/// that the update changes nothing but what the caller sets afterwards. The one adjustment:
/// the legacy `AdminCreateUserConfig.UnusedAccountValidityDays` is sent as 0 (unset) when
/// the password policy carries `TemporaryPasswordValidityDays`, which supersedes it (AWS
/// refuses a value for the legacy field once the new one is set).
pub(super) fn carry_over(
    req: UpdateUserPoolFluentBuilder,
    p: &t::UserPoolType,
) -> UpdateUserPoolFluentBuilder {
    let temp_days_set = p
        .policies
        .as_ref()
        .and_then(|p| p.password_policy.as_ref())
        .is_some_and(|pp| pp.temporary_password_validity_days > 0);
    let admin_create_user_config = p.admin_create_user_config.clone().map(|mut c| {
        if temp_days_set {
            c.unused_account_validity_days = 0;
        }
        c
    });
    req.set_policies(p.policies.clone())
        .set_deletion_protection(p.deletion_protection.clone())
        .set_lambda_config(p.lambda_config.clone())
        .set_auto_verified_attributes(p.auto_verified_attributes.clone())
        .set_sms_verification_message(p.sms_verification_message.clone())
        .set_email_verification_message(p.email_verification_message.clone())
        .set_email_verification_subject(p.email_verification_subject.clone())
        .set_verification_message_template(p.verification_message_template.clone())
        .set_sms_authentication_message(p.sms_authentication_message.clone())
        .set_user_attribute_update_settings(p.user_attribute_update_settings.clone())
        .set_mfa_configuration(p.mfa_configuration.clone())
        .set_device_configuration(p.device_configuration.clone())
        .set_email_configuration(p.email_configuration.clone())
        .set_sms_configuration(p.sms_configuration.clone())
        .set_user_pool_tags(p.user_pool_tags.clone())
        .set_admin_create_user_config(admin_create_user_config)
        .set_user_pool_add_ons(p.user_pool_add_ons.clone())
        .set_account_recovery_setting(p.account_recovery_setting.clone())
        .set_pool_name(p.name.clone())
        .set_user_pool_tier(p.user_pool_tier.clone())
        .set_key_configuration(p.key_configuration.clone())
        .set_issuer_configuration(p.issuer_configuration.clone())
        .set_acr_configuration(p.acr_configuration.clone())
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashMap};

    use aws_sdk_cognitoidentityprovider as cip;
    use cip::primitives::DateTime;

    use super::*;

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    /// A described pool with every field set (and every nested field the update carries).
    #[allow(deprecated)] // `status`: still in the shape, no longer reported
    fn full_pool() -> t::UserPoolType {
        let lambda = t::LambdaConfigType::builder()
            .pre_sign_up("arn:fn:pre-sign-up")
            .custom_message("arn:fn:custom-message")
            .post_confirmation("arn:fn:post-confirmation")
            .pre_authentication("arn:fn:pre-auth")
            .post_authentication("arn:fn:post-auth")
            .define_auth_challenge("arn:fn:define")
            .create_auth_challenge("arn:fn:create")
            .verify_auth_challenge_response("arn:fn:verify")
            .pre_token_generation("arn:fn:pre-token")
            .user_migration("arn:fn:migrate")
            .pre_token_generation_config(
                t::PreTokenGenerationVersionConfigType::builder()
                    .lambda_version(t::PreTokenGenerationLambdaVersionType::V20)
                    .lambda_arn("arn:fn:pre-token")
                    .build()
                    .unwrap(),
            )
            .custom_sms_sender(
                t::CustomSmsLambdaVersionConfigType::builder()
                    .lambda_version(t::CustomSmsSenderLambdaVersionType::V10)
                    .lambda_arn("arn:fn:sms")
                    .build()
                    .unwrap(),
            )
            .custom_email_sender(
                t::CustomEmailLambdaVersionConfigType::builder()
                    .lambda_version(t::CustomEmailSenderLambdaVersionType::V10)
                    .lambda_arn("arn:fn:email")
                    .build()
                    .unwrap(),
            )
            .kms_key_id("arn:kms:key")
            .inbound_federation(
                t::InboundFederationLambdaType::builder()
                    .lambda_version(t::InboundFederationLambdaVersionType::V10)
                    .lambda_arn("arn:fn:federation")
                    .build()
                    .unwrap(),
            )
            .build();
        t::UserPoolType::builder()
            .id("us-east-1_Full")
            .name("full")
            .policies(
                t::UserPoolPolicyType::builder()
                    .password_policy(
                        t::PasswordPolicyType::builder()
                            .minimum_length(14)
                            .require_uppercase(true)
                            .require_lowercase(true)
                            .require_numbers(true)
                            .require_symbols(true)
                            .password_history_size(5)
                            .temporary_password_validity_days(3)
                            .build(),
                    )
                    .sign_in_policy(
                        t::SignInPolicyType::builder()
                            .allowed_first_auth_factors(t::AuthFactorType::Password)
                            .allowed_first_auth_factors(t::AuthFactorType::EmailOtp)
                            .build(),
                    )
                    .build(),
            )
            .deletion_protection(t::DeletionProtectionType::Active)
            .lambda_config(lambda)
            .status(t::StatusType::Enabled)
            .last_modified_date(DateTime::from_secs(1_700_000_100))
            .creation_date(DateTime::from_secs(1_700_000_000))
            .schema_attributes(t::SchemaAttributeType::builder().name("email").build())
            .auto_verified_attributes(t::VerifiedAttributeType::Email)
            .alias_attributes(t::AliasAttributeType::PreferredUsername)
            .username_attributes(t::UsernameAttributeType::Email)
            .sms_verification_message("sms {####}")
            .email_verification_message("email {####}")
            .email_verification_subject("verify")
            .verification_message_template(
                t::VerificationMessageTemplateType::builder()
                    .sms_message("tpl sms {####}")
                    .email_message("tpl email {####}")
                    .email_subject("tpl subject")
                    .email_message_by_link("click {##here##}")
                    .email_subject_by_link("link subject")
                    .default_email_option(t::DefaultEmailOptionType::ConfirmWithLink)
                    .build(),
            )
            .sms_authentication_message("auth {####}")
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
            .estimated_number_of_users(42)
            .email_configuration(
                t::EmailConfigurationType::builder()
                    .source_arn("arn:ses:identity")
                    .reply_to_email_address("reply@example.com")
                    .email_sending_account(t::EmailSendingAccountType::Developer)
                    .from("Workshop <no-reply@example.com>")
                    .configuration_set("set")
                    .build(),
            )
            .sms_configuration(
                t::SmsConfigurationType::builder()
                    .sns_caller_arn("arn:iam:sns-role")
                    .external_id("ext")
                    .sns_region("us-east-1")
                    .build(),
            )
            .user_pool_tags("team", "identity")
            .sms_configuration_failure("none")
            .email_configuration_failure("none")
            .domain("full-domain")
            .custom_domain("auth.example.com")
            .admin_create_user_config(
                t::AdminCreateUserConfigType::builder()
                    .allow_admin_create_user_only(true)
                    .unused_account_validity_days(3)
                    .invite_message_template(
                        t::MessageTemplateType::builder()
                            .sms_message("hi {username} {####}")
                            .email_message("hello {username} {####}")
                            .email_subject("welcome")
                            .build(),
                    )
                    .build(),
            )
            .user_pool_add_ons(
                t::UserPoolAddOnsType::builder()
                    .advanced_security_mode(t::AdvancedSecurityModeType::Audit)
                    .advanced_security_additional_flows(
                        t::AdvancedSecurityAdditionalFlowsType::builder()
                            .custom_auth_mode(t::AdvancedSecurityEnabledModeType::Audit)
                            .build(),
                    )
                    .build()
                    .unwrap(),
            )
            .username_configuration(
                t::UsernameConfigurationType::builder()
                    .case_sensitive(false)
                    .build()
                    .unwrap(),
            )
            .arn("arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_Full")
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
            .user_pool_tier(t::UserPoolTierType::Plus)
            .key_configuration(
                t::KeyConfigurationType::builder()
                    .key_type(t::EncryptionKeyType::CustomerManagedKey)
                    .kms_key_arn("arn:kms:pool-key")
                    .build(),
            )
            .issuer_configuration(
                t::IssuerConfigurationType::builder()
                    .r#type(t::IssuerType::Updated)
                    .build(),
            )
            .acr_configuration(
                "urn:acr:gold",
                t::AcrLevelConfigType::builder()
                    .acr_value("gold")
                    .build()
                    .unwrap(),
            )
            .build()
    }

    /// The top-level field names of a struct, from its pretty Debug output, with whether
    /// each is `None`.
    fn top_fields(debug: &str) -> HashMap<String, bool> {
        debug
            .lines()
            .filter_map(|l| {
                let rest = l.strip_prefix("    ")?;
                if rest.starts_with(' ') {
                    return None;
                }
                let (name, value) = rest.split_once(": ")?;
                Some((name.to_string(), value.trim_end_matches(',') == "None"))
            })
            .collect()
    }

    fn offline_client() -> cip::Client {
        cip::Client::from_conf(
            cip::Config::builder()
                .behavior_version(cip::config::BehaviorVersion::latest())
                .region(cip::config::Region::new("us-east-1"))
                .build(),
        )
    }

    /// Settings DescribeUserPool reports that UpdateUserPool cannot change (set at creation,
    /// computed, or changed by other operations).
    const NOT_UPDATABLE: &[&str] = &[
        "id",
        "status",
        "last_modified_date",
        "creation_date",
        "schema_attributes",
        "alias_attributes",
        "username_attributes",
        "estimated_number_of_users",
        "sms_configuration_failure",
        "email_configuration_failure",
        "domain",
        "custom_domain",
        "username_configuration",
        "arn",
    ];

    #[test]
    fn every_updatable_setting_of_the_described_pool_is_sent_back() {
        let pool = full_pool();
        // The fixture really is full: no top-level field of the described pool is empty.
        let described = top_fields(&format!("{pool:#?}"));
        let empty: Vec<_> = described.iter().filter(|(_, none)| **none).collect();
        assert!(empty.is_empty(), "fixture leaves fields empty: {empty:?}");

        let req = carry_over(
            offline_client()
                .update_user_pool()
                .user_pool_id("us-east-1_Full"),
            &pool,
        );
        let input = req.as_input().clone();

        // Every field of the request is set: nothing is left for Cognito to reset.
        let sent = top_fields(&format!("{input:#?}"));
        let unset: Vec<_> = sent.iter().filter(|(_, none)| **none).collect();
        assert!(
            unset.is_empty(),
            "UpdateUserPool fields left unset: {unset:?}"
        );

        // Every field of the described pool is either sent back or not updatable; a field a
        // newer SDK adds to either side fails here until it is accounted for.
        let sent_names: BTreeSet<String> = sent
            .keys()
            .map(|k| match k.as_str() {
                "pool_name" => "name".to_string(),
                "user_pool_id" => "id".to_string(),
                _ => k.clone(),
            })
            .collect();
        let described_names: BTreeSet<String> = described.keys().cloned().collect();
        let accounted: BTreeSet<String> = sent_names
            .iter()
            .cloned()
            .chain(NOT_UPDATABLE.iter().map(|s| s.to_string()))
            .collect();
        assert_eq!(described_names, accounted);

        // And each value is the described one.
        let input = input.build().unwrap();
        assert_eq!(input.user_pool_id.as_deref(), Some("us-east-1_Full"));
        assert_eq!(input.pool_name, pool.name);
        assert_eq!(input.policies, pool.policies);
        assert_eq!(input.deletion_protection, pool.deletion_protection);
        assert_eq!(input.lambda_config, pool.lambda_config);
        assert_eq!(
            input.auto_verified_attributes,
            pool.auto_verified_attributes
        );
        assert_eq!(
            input.sms_verification_message,
            pool.sms_verification_message
        );
        assert_eq!(
            input.email_verification_message,
            pool.email_verification_message
        );
        assert_eq!(
            input.email_verification_subject,
            pool.email_verification_subject
        );
        assert_eq!(
            input.verification_message_template,
            pool.verification_message_template
        );
        assert_eq!(
            input.sms_authentication_message,
            pool.sms_authentication_message
        );
        assert_eq!(
            input.user_attribute_update_settings,
            pool.user_attribute_update_settings
        );
        assert_eq!(input.mfa_configuration, pool.mfa_configuration);
        assert_eq!(input.device_configuration, pool.device_configuration);
        assert_eq!(input.email_configuration, pool.email_configuration);
        assert_eq!(input.sms_configuration, pool.sms_configuration);
        assert_eq!(input.user_pool_tags, pool.user_pool_tags);
        assert_eq!(input.user_pool_add_ons, pool.user_pool_add_ons);
        assert_eq!(
            input.account_recovery_setting,
            pool.account_recovery_setting
        );
        assert_eq!(input.user_pool_tier, pool.user_pool_tier);
        assert_eq!(input.key_configuration, pool.key_configuration);
        assert_eq!(input.issuer_configuration, pool.issuer_configuration);
        assert_eq!(input.acr_configuration, pool.acr_configuration);
        // The admin-create-user config goes back whole, except the legacy validity days
        // that the password policy's TemporaryPasswordValidityDays supersedes.
        let mut expected = pool.admin_create_user_config.clone().unwrap();
        expected.unused_account_validity_days = 0;
        assert_eq!(input.admin_create_user_config, Some(expected));
    }

    #[test]
    fn legacy_validity_days_are_kept_without_a_temporary_password_policy() {
        let mut pool = full_pool();
        pool.policies = None;
        let input = carry_over(offline_client().update_user_pool(), &pool)
            .as_input()
            .clone()
            .build()
            .unwrap();
        assert_eq!(
            input.admin_create_user_config,
            pool.admin_create_user_config
        );
    }

    #[test]
    fn changing_one_slot_keeps_every_other_slot() {
        let pool = full_pool();
        let before = pool.lambda_config.clone().unwrap();
        for slot in TriggerSlot::ALL {
            let after = with_slot(Some(&before), slot, Some("arn:fn:new")).unwrap();
            let cleared = with_slot(Some(&before), slot, None).unwrap();
            // Put the changed slot back: the rest must be identical.
            let mut restored = after.clone();
            let mut restored_cleared = cleared.clone();
            match slot {
                TriggerSlot::PreSignUp => {
                    assert_eq!(after.pre_sign_up, s("arn:fn:new"));
                    assert_eq!(cleared.pre_sign_up, None);
                    restored.pre_sign_up = before.pre_sign_up.clone();
                    restored_cleared.pre_sign_up = before.pre_sign_up.clone();
                }
                TriggerSlot::CustomMessage => {
                    assert_eq!(after.custom_message, s("arn:fn:new"));
                    assert_eq!(cleared.custom_message, None);
                    restored.custom_message = before.custom_message.clone();
                    restored_cleared.custom_message = before.custom_message.clone();
                }
                TriggerSlot::PostConfirmation => {
                    assert_eq!(after.post_confirmation, s("arn:fn:new"));
                    assert_eq!(cleared.post_confirmation, None);
                    restored.post_confirmation = before.post_confirmation.clone();
                    restored_cleared.post_confirmation = before.post_confirmation.clone();
                }
                TriggerSlot::PreAuthentication => {
                    assert_eq!(after.pre_authentication, s("arn:fn:new"));
                    assert_eq!(cleared.pre_authentication, None);
                    restored.pre_authentication = before.pre_authentication.clone();
                    restored_cleared.pre_authentication = before.pre_authentication.clone();
                }
                TriggerSlot::PostAuthentication => {
                    assert_eq!(after.post_authentication, s("arn:fn:new"));
                    assert_eq!(cleared.post_authentication, None);
                    restored.post_authentication = before.post_authentication.clone();
                    restored_cleared.post_authentication = before.post_authentication.clone();
                }
                TriggerSlot::DefineAuthChallenge => {
                    assert_eq!(after.define_auth_challenge, s("arn:fn:new"));
                    assert_eq!(cleared.define_auth_challenge, None);
                    restored.define_auth_challenge = before.define_auth_challenge.clone();
                    restored_cleared.define_auth_challenge = before.define_auth_challenge.clone();
                }
                TriggerSlot::CreateAuthChallenge => {
                    assert_eq!(after.create_auth_challenge, s("arn:fn:new"));
                    assert_eq!(cleared.create_auth_challenge, None);
                    restored.create_auth_challenge = before.create_auth_challenge.clone();
                    restored_cleared.create_auth_challenge = before.create_auth_challenge.clone();
                }
                TriggerSlot::VerifyAuthChallengeResponse => {
                    assert_eq!(after.verify_auth_challenge_response, s("arn:fn:new"));
                    assert_eq!(cleared.verify_auth_challenge_response, None);
                    restored.verify_auth_challenge_response =
                        before.verify_auth_challenge_response.clone();
                    restored_cleared.verify_auth_challenge_response =
                        before.verify_auth_challenge_response.clone();
                }
                TriggerSlot::UserMigration => {
                    assert_eq!(after.user_migration, s("arn:fn:new"));
                    assert_eq!(cleared.user_migration, None);
                    restored.user_migration = before.user_migration.clone();
                    restored_cleared.user_migration = before.user_migration.clone();
                }
                TriggerSlot::KmsKeyId => {
                    assert_eq!(after.kms_key_id, s("arn:fn:new"));
                    assert_eq!(cleared.kms_key_id, None);
                    restored.kms_key_id = before.kms_key_id.clone();
                    restored_cleared.kms_key_id = before.kms_key_id.clone();
                }
                TriggerSlot::PreTokenGeneration => {
                    // Both the legacy field and the versioned config move, keeping V2_0.
                    assert_eq!(after.pre_token_generation, s("arn:fn:new"));
                    let cfg = after.pre_token_generation_config.as_ref().unwrap();
                    assert_eq!(cfg.lambda_arn, "arn:fn:new");
                    assert_eq!(
                        cfg.lambda_version,
                        t::PreTokenGenerationLambdaVersionType::V20
                    );
                    assert_eq!(cleared.pre_token_generation, None);
                    assert_eq!(cleared.pre_token_generation_config, None);
                    for r in [&mut restored, &mut restored_cleared] {
                        r.pre_token_generation = before.pre_token_generation.clone();
                        r.pre_token_generation_config = before.pre_token_generation_config.clone();
                    }
                }
                TriggerSlot::CustomSmsSender => {
                    let c = after.custom_sms_sender.as_ref().unwrap();
                    assert_eq!(c.lambda_arn, "arn:fn:new");
                    assert_eq!(cleared.custom_sms_sender, None);
                    restored.custom_sms_sender = before.custom_sms_sender.clone();
                    restored_cleared.custom_sms_sender = before.custom_sms_sender.clone();
                }
                TriggerSlot::CustomEmailSender => {
                    let c = after.custom_email_sender.as_ref().unwrap();
                    assert_eq!(c.lambda_arn, "arn:fn:new");
                    assert_eq!(cleared.custom_email_sender, None);
                    restored.custom_email_sender = before.custom_email_sender.clone();
                    restored_cleared.custom_email_sender = before.custom_email_sender.clone();
                }
            }
            assert_eq!(restored, before, "{slot:?} changed another slot");
            assert_eq!(restored_cleared, before, "{slot:?} cleared another slot");
        }
    }

    #[test]
    fn a_new_custom_sender_gets_version_one_and_an_empty_config_is_fine() {
        let c = with_slot(None, TriggerSlot::CustomEmailSender, Some("arn:fn:e")).unwrap();
        let e = c.custom_email_sender.unwrap();
        assert_eq!(e.lambda_version, t::CustomEmailSenderLambdaVersionType::V10);
        assert_eq!(c.pre_sign_up, None);
        let c = with_slot(None, TriggerSlot::PreTokenGeneration, Some("arn:fn:p")).unwrap();
        assert_eq!(c.pre_token_generation, s("arn:fn:p"));
        assert_eq!(c.pre_token_generation_config, None);
    }

    #[test]
    fn slot_names_round_trip_and_match_the_lambda_config_listing() {
        let listed: Vec<&str> = crate::domain::LambdaConfig::default()
            .slots()
            .iter()
            .map(|(n, _)| *n)
            .collect();
        let ours: Vec<&str> = TriggerSlot::ALL.iter().map(|s| s.name()).collect();
        assert_eq!(listed, ours);
        for slot in TriggerSlot::ALL {
            assert_eq!(TriggerSlot::from_name(slot.name()), Some(slot));
            assert_eq!(
                TriggerSlot::from_name(&slot.name().to_lowercase()),
                Some(slot)
            );
        }
        assert_eq!(TriggerSlot::from_name("Nope"), None);
    }
}
