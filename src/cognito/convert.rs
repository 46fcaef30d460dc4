//! The conversions between the SDK's shapes and the app's domain types, both ways: users,
//! groups, devices, pools, app clients, attributes, trigger configs, schema attributes, dates
//! and page tokens. Pure functions of their input: no call, no guard, no pacing.

use aws_sdk_cognitoidentityprovider as cip;
use aws_sdk_cognitoidentityprovider::operation::admin_get_user::AdminGetUserOutput;
use aws_sdk_cognitoidentityprovider::operation::describe_user_pool::DescribeUserPoolOutput;
use aws_sdk_cognitoidentityprovider::operation::describe_user_pool_client::DescribeUserPoolClientOutput;
use aws_sdk_cognitoidentityprovider::types as t;

use super::error::{Result, build_err};
use crate::domain::{
    AppClient, ClientSummary, CognitoError, Device, ErrorKind, Group, LambdaConfig, PasswordPolicy,
    PoolDetail, PoolSummary, SchemaAttribute, TokenValidity, User,
};

pub(super) fn secs(d: Option<&cip::primitives::DateTime>) -> Option<i64> {
    d.map(|d| d.secs())
}

/// A page token; an empty one means the last page.
pub(super) fn page_token(s: Option<&str>) -> Option<String> {
    s.filter(|s| !s.is_empty()).map(str::to_string)
}

/// The SDK's attribute list from attribute pairs.
pub(super) fn attrs(list: &[(String, String)]) -> Result<Vec<t::AttributeType>> {
    list.iter()
        .map(|(k, v)| {
            t::AttributeType::builder()
                .name(k)
                .value(v)
                .build()
                .map_err(build_err)
        })
        .collect()
}

/// Attribute pairs from the SDK's list.
pub(super) fn attrs_out(list: &[t::AttributeType]) -> Vec<(String, String)> {
    list.iter()
        .map(|a| {
            (
                a.name().to_string(),
                a.value().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Legacy SMS MFA options as `SMS to phone_number`.
pub(super) fn mfa_options(list: &[t::MfaOptionType]) -> Vec<String> {
    list.iter()
        .map(|o| {
            format!(
                "{} to {}",
                o.delivery_medium().map(|d| d.as_str()).unwrap_or("?"),
                o.attribute_name().unwrap_or("?")
            )
        })
        .collect()
}

/// A user of a listing (ListUsers, ListUsersInGroup, AdminCreateUser's reply).
pub(super) fn user(u: &t::UserType) -> User {
    User {
        username: u.username().unwrap_or_default().to_string(),
        status: u.user_status().map(|s| s.as_str().to_string()),
        enabled: u.enabled(),
        attributes: attrs_out(u.attributes()),
        created: secs(u.user_create_date()),
        modified: secs(u.user_last_modified_date()),
        mfa_options: mfa_options(u.mfa_options()),
        preferred_mfa: None,
        mfa_settings: Vec::new(),
    }
}

/// The user AdminGetUser describes, with its MFA settings.
pub(super) fn user_detail(out: &AdminGetUserOutput) -> User {
    User {
        username: out.username().to_string(),
        status: out.user_status().map(|s| s.as_str().to_string()),
        enabled: out.enabled(),
        attributes: attrs_out(out.user_attributes()),
        created: secs(out.user_create_date()),
        modified: secs(out.user_last_modified_date()),
        mfa_options: mfa_options(out.mfa_options()),
        preferred_mfa: out
            .preferred_mfa_setting()
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        mfa_settings: out.user_mfa_setting_list().to_vec(),
    }
}

pub(super) fn group(g: &t::GroupType) -> Group {
    Group {
        name: g.group_name().unwrap_or_default().to_string(),
        precedence: g.precedence(),
        description: g.description().map(str::to_string),
        role_arn: g.role_arn().map(str::to_string),
        created: secs(g.creation_date()),
    }
}

/// A remembered device; its name is the `device_name` attribute.
pub(super) fn device(d: &t::DeviceType) -> Device {
    let attributes = attrs_out(d.device_attributes());
    Device {
        key: d.device_key().unwrap_or_default().to_string(),
        name: attributes
            .iter()
            .find(|(k, _)| k == "device_name")
            .map(|(_, v)| v.clone()),
        attributes,
        created: secs(d.device_create_date()),
        modified: secs(d.device_last_modified_date()),
        last_authenticated: secs(d.device_last_authenticated_date()),
    }
}

pub(super) fn pool_summary(p: &t::UserPoolDescriptionType) -> PoolSummary {
    PoolSummary {
        id: p.id().unwrap_or_default().to_string(),
        name: p.name().unwrap_or_default().to_string(),
        created: secs(p.creation_date()),
        modified: secs(p.last_modified_date()),
        triggers_set: p
            .lambda_config()
            .map(|c| lambda_config(Some(c)).set_slots().len()),
    }
}

pub(super) fn client_summary(c: &t::UserPoolClientDescription) -> ClientSummary {
    ClientSummary {
        id: c.client_id().unwrap_or_default().to_string(),
        name: c.client_name().unwrap_or_default().to_string(),
    }
}

/// The pool DescribeUserPool answered.
pub(super) fn described_pool(out: &DescribeUserPoolOutput) -> Result<&t::UserPoolType> {
    out.user_pool()
        .ok_or_else(|| CognitoError::new(ErrorKind::Other, "DescribeUserPool returned no pool"))
}

/// The app client DescribeUserPoolClient answered.
pub(super) fn described_client(
    out: &DescribeUserPoolClientOutput,
) -> Result<&t::UserPoolClientType> {
    out.user_pool_client().ok_or_else(|| {
        CognitoError::new(
            ErrorKind::Other,
            "DescribeUserPoolClient returned no client",
        )
    })
}

fn lambda_config(c: Option<&t::LambdaConfigType>) -> LambdaConfig {
    let Some(c) = c else {
        return LambdaConfig::default();
    };
    let s = |v: Option<&str>| v.map(str::to_string);
    let v2 = c.pre_token_generation_config();
    LambdaConfig {
        pre_sign_up: s(c.pre_sign_up()),
        custom_message: s(c.custom_message()),
        post_confirmation: s(c.post_confirmation()),
        pre_authentication: s(c.pre_authentication()),
        post_authentication: s(c.post_authentication()),
        define_auth_challenge: s(c.define_auth_challenge()),
        create_auth_challenge: s(c.create_auth_challenge()),
        verify_auth_challenge_response: s(c.verify_auth_challenge_response()),
        pre_token_generation: s(c.pre_token_generation())
            .or_else(|| v2.map(|v| v.lambda_arn().to_string())),
        pre_token_generation_version: v2.map(|v| v.lambda_version().as_str().to_string()),
        user_migration: s(c.user_migration()),
        custom_sms_sender: c.custom_sms_sender().map(|v| v.lambda_arn().to_string()),
        custom_email_sender: c.custom_email_sender().map(|v| v.lambda_arn().to_string()),
        kms_key_id: s(c.kms_key_id()),
    }
}

fn schema_attribute(a: &t::SchemaAttributeType) -> SchemaAttribute {
    let strc = a.string_attribute_constraints();
    let numc = a.number_attribute_constraints();
    SchemaAttribute {
        name: a.name().unwrap_or_default().to_string(),
        data_type: a
            .attribute_data_type()
            .map(|d| d.as_str().to_string())
            .unwrap_or_else(|| "String".into()),
        mutable: a.mutable().unwrap_or(true),
        required: a.required().unwrap_or(false),
        developer_only: a.developer_only_attribute().unwrap_or(false),
        min_length: strc.and_then(|c| c.min_length()).map(str::to_string),
        max_length: strc.and_then(|c| c.max_length()).map(str::to_string),
        min_value: numc.and_then(|c| c.min_value()).map(str::to_string),
        max_value: numc.and_then(|c| c.max_value()).map(str::to_string),
    }
}

pub(super) fn pool_detail(p: &t::UserPoolType) -> PoolDetail {
    let pp = p.policies().and_then(|p| p.password_policy());
    PoolDetail {
        id: p.id().unwrap_or_default().to_string(),
        name: p.name().unwrap_or_default().to_string(),
        arn: p.arn().map(str::to_string),
        created: secs(p.creation_date()),
        modified: secs(p.last_modified_date()),
        estimated_users: p.estimated_number_of_users(),
        mfa_configuration: p.mfa_configuration().map(|m| m.as_str().to_string()),
        password_policy: pp.map(|pp| PasswordPolicy {
            minimum_length: pp.minimum_length(),
            require_uppercase: pp.require_uppercase(),
            require_lowercase: pp.require_lowercase(),
            require_numbers: pp.require_numbers(),
            require_symbols: pp.require_symbols(),
            temporary_password_validity_days: pp.temporary_password_validity_days(),
            password_history_size: pp.password_history_size(),
        }),
        username_attributes: p
            .username_attributes()
            .iter()
            .map(|a| a.as_str().to_string())
            .collect(),
        alias_attributes: p
            .alias_attributes()
            .iter()
            .map(|a| a.as_str().to_string())
            .collect(),
        username_case_sensitive: p.username_configuration().map(|u| u.case_sensitive()),
        auto_verified_attributes: p
            .auto_verified_attributes()
            .iter()
            .map(|a| a.as_str().to_string())
            .collect(),
        deletion_protection: p.deletion_protection().map(|d| d.as_str().to_string()),
        domain: p.domain().map(str::to_string),
        custom_domain: p.custom_domain().map(str::to_string),
        tier: p.user_pool_tier().map(|t| t.as_str().to_string()),
        lambda_config: lambda_config(p.lambda_config()),
        schema: p.schema_attributes().iter().map(schema_attribute).collect(),
    }
}

fn unit(u: Option<&t::TimeUnitsType>, default: &str) -> String {
    u.map(|u| u.as_str().to_string())
        .unwrap_or_else(|| default.to_string())
}

/// The app client without its secret. Cognito's default units (when a client stores none)
/// are hours for access and ID tokens and days for refresh tokens.
pub(super) fn app_client(c: &t::UserPoolClientType) -> AppClient {
    let units = c.token_validity_units();
    let validity = |v: Option<i32>, u: Option<&t::TimeUnitsType>, default: &str| {
        v.filter(|v| *v > 0).map(|value| TokenValidity {
            value,
            unit: unit(u, default),
        })
    };
    AppClient {
        id: c.client_id().unwrap_or_default().to_string(),
        name: c.client_name().unwrap_or_default().to_string(),
        pool_id: c.user_pool_id().unwrap_or_default().to_string(),
        has_secret: c.client_secret().is_some_and(|s| !s.is_empty()),
        explicit_auth_flows: c
            .explicit_auth_flows()
            .iter()
            .map(|f| f.as_str().to_string())
            .collect(),
        access_token_validity: validity(
            c.access_token_validity(),
            units.and_then(|u| u.access_token()),
            "hours",
        ),
        id_token_validity: validity(
            c.id_token_validity(),
            units.and_then(|u| u.id_token()),
            "hours",
        ),
        refresh_token_validity: validity(
            Some(c.refresh_token_validity()),
            units.and_then(|u| u.refresh_token()),
            "days",
        ),
        auth_session_validity: c.auth_session_validity(),
        read_attributes: c.read_attributes().to_vec(),
        write_attributes: c.write_attributes().to_vec(),
        allowed_oauth_flows: c
            .allowed_o_auth_flows()
            .iter()
            .map(|f| f.as_str().to_string())
            .collect(),
        allowed_oauth_scopes: c.allowed_o_auth_scopes().to_vec(),
        allowed_oauth_flows_user_pool_client: c
            .allowed_o_auth_flows_user_pool_client()
            .unwrap_or(false),
        callback_urls: c.callback_urls().to_vec(),
        logout_urls: c.logout_urls().to_vec(),
        default_redirect_uri: c.default_redirect_uri().map(str::to_string),
        supported_identity_providers: c.supported_identity_providers().to_vec(),
        prevent_user_existence_errors: c
            .prevent_user_existence_errors()
            .map(|p| p.as_str().to_string()),
        enable_token_revocation: c.enable_token_revocation(),
        refresh_token_rotation: c
            .refresh_token_rotation()
            .is_some_and(|r| r.feature() == &t::FeatureType::Enabled),
        created: secs(c.creation_date()),
        modified: secs(c.last_modified_date()),
    }
}

/// The SDK's trigger config from the app's (the slots a new pool is created with).
pub(super) fn to_lambda_config(c: &LambdaConfig) -> t::LambdaConfigType {
    t::LambdaConfigType::builder()
        .set_pre_sign_up(c.pre_sign_up.clone())
        .set_custom_message(c.custom_message.clone())
        .set_post_confirmation(c.post_confirmation.clone())
        .set_pre_authentication(c.pre_authentication.clone())
        .set_post_authentication(c.post_authentication.clone())
        .set_define_auth_challenge(c.define_auth_challenge.clone())
        .set_create_auth_challenge(c.create_auth_challenge.clone())
        .set_verify_auth_challenge_response(c.verify_auth_challenge_response.clone())
        .set_pre_token_generation(c.pre_token_generation.clone())
        .set_user_migration(c.user_migration.clone())
        .set_kms_key_id(c.kms_key_id.clone())
        .build()
}

/// The SDK's schema attribute (a custom one: the `custom:` prefix is dropped). `required`
/// is sent as given: a new pool may require an attribute, an existing pool cannot add one.
pub(super) fn schema_type(a: &SchemaAttribute, required: bool) -> t::SchemaAttributeType {
    let mut b = t::SchemaAttributeType::builder()
        .name(a.name.trim_start_matches("custom:"))
        .attribute_data_type(t::AttributeDataType::from(a.data_type.as_str()))
        .mutable(a.mutable)
        .required(required)
        .developer_only_attribute(a.developer_only);
    if a.min_length.is_some() || a.max_length.is_some() {
        b = b.string_attribute_constraints(
            t::StringAttributeConstraintsType::builder()
                .set_min_length(a.min_length.clone())
                .set_max_length(a.max_length.clone())
                .build(),
        );
    }
    if a.min_value.is_some() || a.max_value.is_some() {
        b = b.number_attribute_constraints(
            t::NumberAttributeConstraintsType::builder()
                .set_min_value(a.min_value.clone())
                .set_max_value(a.max_value.clone())
                .build(),
        );
    }
    b.build()
}

/// The id and name of the client a CreateUserPoolClient made.
pub(super) fn created_client(
    out: &aws_sdk_cognitoidentityprovider::operation::create_user_pool_client::CreateUserPoolClientOutput,
) -> Result<ClientSummary> {
    let c = out.user_pool_client().ok_or_else(|| {
        CognitoError::new(ErrorKind::Other, "CreateUserPoolClient returned no client")
    })?;
    Ok(ClientSummary {
        id: c.client_id().unwrap_or_default().to_owned(),
        name: c.client_name().unwrap_or_default().to_owned(),
    })
}
