//! The SDK-backed `CognitoApi`: region, profile, endpoint override, retries with backoff for
//! throttling and 5xx, a timeout on every call, and the read-only guard on every write.

use std::time::Duration;

use async_trait::async_trait;
use aws_config::BehaviorVersion;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_cognitoidentityprovider as cip;
use aws_sdk_cognitoidentityprovider::config::Region;
use aws_sdk_cognitoidentityprovider::config::http::HttpResponse;
use aws_sdk_cognitoidentityprovider::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_cognitoidentityprovider::operation::RequestId;
use aws_sdk_cognitoidentityprovider::types as t;
use aws_sdk_iam as iam;
use aws_sdk_lambda as lambda;

use super::pace::{Family, Pacer};
use super::{
    ClientSummary, CognitoApi, CognitoError, ErrorKind, Group, LambdaConfig, LambdaDeployment,
    NewClient, NewPool, Page, PasswordPolicy, PoolDetail, PoolSummary, Result, SchemaAttribute,
    User,
};
use crate::domain::secret::Secret;

/// How to reach Cognito: the global command-line flags.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub read_only: bool,
    /// Upper bound for one call, retries included.
    pub call_timeout: Duration,
    /// Attempts per call (1 = no retry). Throttling and 5xx are retried with backoff.
    pub max_attempts: u32,
    /// Fixed access key id and secret (the local emulators), instead of the AWS chain.
    pub static_credentials: Option<(String, Secret)>,
    /// Pace calls per quota category (see `pace`); off only to measure the bare call path.
    pub pacing: bool,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            profile: None,
            region: None,
            endpoint_url: None,
            read_only: false,
            call_timeout: Duration::from_secs(20),
            max_attempts: 3,
            static_credentials: None,
            pacing: true,
        }
    }
}

/// Check an endpoint URL before the SDK sees it.
pub fn validate_endpoint(url: &str) -> std::result::Result<(), String> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .ok_or_else(|| format!("--endpoint-url {url:?} must start with http:// or https://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') {
        return Err(format!("--endpoint-url {url:?} has no host"));
    }
    if let Some((_, port)) = host.rsplit_once(':')
        && !host.ends_with(']')
        && port.parse::<u16>().is_err()
    {
        return Err(format!(
            "--endpoint-url {url:?} has an invalid port {port:?}"
        ));
    }
    Ok(())
}

/// Check a region name's shape (`us-east-1`, `eu-central-2`, `local`...).
pub fn validate_region(region: &str) -> std::result::Result<(), String> {
    let ok = !region.is_empty()
        && region.len() <= 32
        && region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !region.starts_with('-')
        && !region.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "region {region:?} is not a region name (expected something like us-east-1)"
        ))
    }
}

/// Load the AWS configuration (environment, profiles incl. SSO, AWS_REGION,
/// AWS_ENDPOINT_URL), check that a region and usable credentials exist, and build the
/// gateway. Errors are plain sentences for stderr.
pub async fn connect(opts: &ConnectOptions) -> std::result::Result<SdkCognito, String> {
    if let Some(url) = &opts.endpoint_url {
        validate_endpoint(url)?;
    }
    if let Some(region) = &opts.region {
        validate_region(region)?;
    }
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(opts.max_attempts.max(1))
                .with_initial_backoff(Duration::from_millis(200)),
        )
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(5))
                .operation_timeout(opts.call_timeout)
                .build(),
        );
    if let Some(profile) = &opts.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &opts.region {
        loader = loader.region(Region::new(region.clone()));
    }
    if let Some(url) = &opts.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    if let Some((key, secret)) = &opts.static_credentials {
        loader = loader.credentials_provider(cip::config::Credentials::new(
            key,
            secret.expose(),
            None,
            None,
            "cognito-tui-static",
        ));
    }
    let conf = loader.load().await;
    let region = conf.region().ok_or_else(|| {
        "no AWS region: pass --region, set AWS_REGION, or set `region` in your AWS profile"
            .to_string()
    })?;
    validate_region(region.as_ref())?;
    let provider = conf.credentials_provider().ok_or_else(|| {
        "no AWS credentials provider is configured (set AWS_PROFILE or AWS_ACCESS_KEY_ID)"
            .to_string()
    })?;
    use aws_sdk_cognitoidentityprovider::config::ProvideCredentials;
    match tokio::time::timeout(Duration::from_secs(15), provider.provide_credentials()).await {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => {
            let which = opts
                .profile
                .as_deref()
                .map(|p| format!(" for profile {p:?}"))
                .unwrap_or_default();
            return Err(format!(
                "no usable AWS credentials{which}: {}",
                DisplayErrorContext(&e)
            ));
        }
        Err(_) => return Err("loading AWS credentials took longer than 15 s".into()),
    }
    Ok(SdkCognito {
        client: cip::Client::new(&conf),
        lambda: lambda::Client::new(&conf),
        iam: iam::Client::new(&conf),
        read_only: opts.read_only,
        region: region.to_string(),
        endpoint: opts
            .endpoint_url
            .clone()
            .or_else(|| conf.endpoint_url().map(str::to_string)),
        pacer: std::sync::Arc::new(Pacer::new(opts.pacing)),
    })
}

/// The gateway backed by the AWS SDK.
#[derive(Clone)]
pub struct SdkCognito {
    pub(super) client: cip::Client,
    pub(super) lambda: lambda::Client,
    pub(super) iam: iam::Client,
    pub(super) read_only: bool,
    pub(super) region: String,
    pub(super) endpoint: Option<String>,
    pub(super) pacer: std::sync::Arc<Pacer>,
}

impl SdkCognito {
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The endpoint override, if any.
    pub fn endpoint(&self) -> Option<&str> {
        self.endpoint.as_deref()
    }

    /// Wait for the next slot of `family`'s request rate.
    pub(super) async fn pace(&self, family: Family) {
        self.pacer.pace(family).await;
    }

    /// Refuse `operation` in read-only mode. Every mutating method calls this first.
    pub(super) fn guard(&self, operation: &str) -> Result<()> {
        if self.read_only {
            tracing::info!(operation, "refused in read-only mode");
            Err(CognitoError::read_only(operation))
        } else {
            Ok(())
        }
    }
}

/// The deepest cause of an error, for a short message ("Connection refused (os error 111)").
fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = err;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// Classify any SDK error (Cognito's or Lambda's) into a `CognitoError`.
pub(super) fn classify<E>(operation: &str, err: SdkError<E, HttpResponse>) -> CognitoError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let request_id = err.request_id().map(str::to_string);
    let status = err.raw_response().map(|r| r.status().as_u16());
    let mut out = match &err {
        SdkError::TimeoutError(_) => CognitoError::new(
            ErrorKind::Timeout,
            format!("{operation} did not answer in time"),
        ),
        SdkError::DispatchFailure(d) => {
            let cause = root_cause(&err);
            if d.is_timeout() {
                CognitoError::new(
                    ErrorKind::Timeout,
                    format!("{operation} timed out: {cause}"),
                )
            } else {
                CognitoError::new(
                    ErrorKind::Network,
                    format!("cannot reach the Cognito endpoint: {cause}"),
                )
            }
        }
        SdkError::ConstructionFailure(_) => CognitoError::new(
            ErrorKind::Validation,
            format!("{operation}: {}", DisplayErrorContext(&err)),
        ),
        _ => {
            let code = err.code().map(str::to_string);
            let message = err
                .message()
                .map(str::to_string)
                .unwrap_or_else(|| match status {
                    Some(s) => format!("{operation} failed with HTTP {s}"),
                    None => format!("{operation}: {}", DisplayErrorContext(&err)),
                });
            CognitoError {
                kind: CognitoError::classify(code.as_deref(), status),
                code,
                message,
                request_id: None,
            }
        }
    };
    out.request_id = request_id;
    tracing::warn!(operation, kind = ?out.kind, code = ?out.code, request_id = ?out.request_id, "call failed");
    out
}

pub(super) fn secs(d: Option<&cip::primitives::DateTime>) -> Option<i64> {
    d.map(|d| d.secs())
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

fn pool_detail(p: &t::UserPoolType) -> PoolDetail {
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

pub(super) fn attrs(list: &[(String, String)]) -> Result<Vec<t::AttributeType>> {
    list.iter()
        .map(|(k, v)| {
            t::AttributeType::builder()
                .name(k)
                .value(v)
                .build()
                .map_err(|e| CognitoError::new(ErrorKind::Validation, e.to_string()))
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

pub(super) fn build_err(e: impl std::fmt::Display) -> CognitoError {
    CognitoError::new(ErrorKind::Validation, e.to_string())
}

fn to_lambda_config(c: &LambdaConfig) -> t::LambdaConfigType {
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

#[async_trait]
impl CognitoApi for SdkCognito {
    fn read_only(&self) -> bool {
        self.read_only
    }

    async fn list_user_pools(&self, next_token: Option<String>) -> Result<Page<PoolSummary>> {
        self.pace(Family::ResourceRead).await;
        let out = self
            .client
            .list_user_pools()
            .max_results(60)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| classify("ListUserPools", e))?;
        Ok(Page {
            items: out
                .user_pools()
                .iter()
                .map(|p| PoolSummary {
                    id: p.id().unwrap_or_default().to_string(),
                    name: p.name().unwrap_or_default().to_string(),
                    created: secs(p.creation_date()),
                    modified: secs(p.last_modified_date()),
                    triggers_set: lambda_config(p.lambda_config()).set_slots().len(),
                })
                .collect(),
            next_token: out
                .next_token()
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        })
    }

    async fn describe_user_pool(&self, pool_id: &str) -> Result<PoolDetail> {
        self.pace(Family::ResourceRead).await;
        let out = self
            .client
            .describe_user_pool()
            .user_pool_id(pool_id)
            .send()
            .await
            .map_err(|e| classify("DescribeUserPool", e))?;
        out.user_pool()
            .map(pool_detail)
            .ok_or_else(|| CognitoError::new(ErrorKind::Other, "DescribeUserPool returned no pool"))
    }

    async fn list_user_pool_clients(
        &self,
        pool_id: &str,
        next_token: Option<String>,
    ) -> Result<Page<ClientSummary>> {
        self.pace(Family::ResourceRead).await;
        let out = self
            .client
            .list_user_pool_clients()
            .user_pool_id(pool_id)
            .max_results(60)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| classify("ListUserPoolClients", e))?;
        Ok(Page {
            items: out
                .user_pool_clients()
                .iter()
                .map(|c| ClientSummary {
                    id: c.client_id().unwrap_or_default().to_string(),
                    name: c.client_name().unwrap_or_default().to_string(),
                })
                .collect(),
            next_token: out
                .next_token()
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        })
    }

    async fn list_groups(&self, pool_id: &str, next_token: Option<String>) -> Result<Page<Group>> {
        self.pace(Family::ResourceRead).await;
        let out = self
            .client
            .list_groups()
            .user_pool_id(pool_id)
            .limit(60)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| classify("ListGroups", e))?;
        Ok(Page {
            items: out
                .groups()
                .iter()
                .map(|g| Group {
                    name: g.group_name().unwrap_or_default().to_string(),
                    precedence: g.precedence(),
                    description: g.description().map(str::to_string),
                    role_arn: g.role_arn().map(str::to_string),
                    created: secs(g.creation_date()),
                })
                .collect(),
            next_token: out
                .next_token()
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        })
    }

    async fn admin_get_user(&self, pool_id: &str, username: &str) -> Result<User> {
        self.pace(Family::UserRead).await;
        let out = self
            .client
            .admin_get_user()
            .user_pool_id(pool_id)
            .username(username)
            .send()
            .await
            .map_err(|e| classify("AdminGetUser", e))?;
        Ok(User {
            username: out.username().to_string(),
            status: out.user_status().map(|s| s.as_str().to_string()),
            enabled: out.enabled(),
            attributes: out
                .user_attributes()
                .iter()
                .map(|a| {
                    (
                        a.name().to_string(),
                        a.value().unwrap_or_default().to_string(),
                    )
                })
                .collect(),
            created: secs(out.user_create_date()),
            modified: secs(out.user_last_modified_date()),
            mfa_options: super::reads::mfa_options(out.mfa_options()),
            preferred_mfa: out
                .preferred_mfa_setting()
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            mfa_settings: out.user_mfa_setting_list().to_vec(),
        })
    }

    async fn create_user_pool(&self, pool: &NewPool) -> Result<String> {
        self.guard("CreateUserPool")?;
        let pp = &pool.password_policy;
        let policy = t::PasswordPolicyType::builder()
            .set_minimum_length(pp.minimum_length)
            .require_uppercase(pp.require_uppercase)
            .require_lowercase(pp.require_lowercase)
            .require_numbers(pp.require_numbers)
            .require_symbols(pp.require_symbols)
            .temporary_password_validity_days(pp.temporary_password_validity_days)
            .build();
        let mut req = self
            .client
            .create_user_pool()
            .pool_name(&pool.name)
            .policies(
                t::UserPoolPolicyType::builder()
                    .password_policy(policy)
                    .build(),
            )
            .username_configuration(
                t::UsernameConfigurationType::builder()
                    .case_sensitive(pool.username_case_sensitive)
                    .build()
                    .map_err(build_err)?,
            )
            .mfa_configuration(t::UserPoolMfaType::from(pool.mfa_configuration.as_str()))
            .deletion_protection(t::DeletionProtectionType::from(
                pool.deletion_protection.as_str(),
            ))
            .lambda_config(to_lambda_config(&pool.lambda_config));
        for a in &pool.username_attributes {
            req = req.username_attributes(t::UsernameAttributeType::from(a.as_str()));
        }
        for a in &pool.alias_attributes {
            req = req.alias_attributes(t::AliasAttributeType::from(a.as_str()));
        }
        for a in &pool.auto_verified_attributes {
            req = req.auto_verified_attributes(t::VerifiedAttributeType::from(a.as_str()));
        }
        for a in &pool.custom_attributes {
            let mut b = t::SchemaAttributeType::builder()
                .name(a.name.trim_start_matches("custom:"))
                .attribute_data_type(t::AttributeDataType::from(a.data_type.as_str()))
                .mutable(a.mutable)
                .required(a.required)
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
            req = req.schema(b.build());
        }
        let out = req
            .send()
            .await
            .map_err(|e| classify("CreateUserPool", e))?;
        let id = out
            .user_pool()
            .and_then(|p| p.id())
            .map(str::to_string)
            .ok_or_else(|| CognitoError::new(ErrorKind::Other, "CreateUserPool returned no id"))?;
        if pool.software_token_mfa {
            self.client
                .set_user_pool_mfa_config()
                .user_pool_id(&id)
                .mfa_configuration(t::UserPoolMfaType::from(pool.mfa_configuration.as_str()))
                .software_token_mfa_configuration(
                    t::SoftwareTokenMfaConfigType::builder()
                        .enabled(true)
                        .build(),
                )
                .send()
                .await
                .map_err(|e| classify("SetUserPoolMfaConfig", e))?;
        }
        Ok(id)
    }

    async fn create_user_pool_client(
        &self,
        pool_id: &str,
        client: &NewClient,
    ) -> Result<ClientSummary> {
        self.guard("CreateUserPoolClient")?;
        let mut req = self
            .client
            .create_user_pool_client()
            .user_pool_id(pool_id)
            .client_name(&client.name)
            .generate_secret(client.generate_secret)
            .set_access_token_validity(client.access_token_validity_minutes)
            .set_id_token_validity(client.id_token_validity_minutes)
            .set_refresh_token_validity(client.refresh_token_validity_days)
            .token_validity_units(
                t::TokenValidityUnitsType::builder()
                    .access_token(t::TimeUnitsType::Minutes)
                    .id_token(t::TimeUnitsType::Minutes)
                    .refresh_token(t::TimeUnitsType::Days)
                    .build(),
            )
            .prevent_user_existence_errors(t::PreventUserExistenceErrorTypes::Enabled)
            .enable_token_revocation(true);
        for f in &client.explicit_auth_flows {
            req = req.explicit_auth_flows(t::ExplicitAuthFlowsType::from(f.as_str()));
        }
        for a in &client.read_attributes {
            req = req.read_attributes(a);
        }
        for a in &client.write_attributes {
            req = req.write_attributes(a);
        }
        let out = req
            .send()
            .await
            .map_err(|e| classify("CreateUserPoolClient", e))?;
        let c = out.user_pool_client().ok_or_else(|| {
            CognitoError::new(ErrorKind::Other, "CreateUserPoolClient returned no client")
        })?;
        Ok(ClientSummary {
            id: c.client_id().unwrap_or_default().to_string(),
            name: c.client_name().unwrap_or_default().to_string(),
        })
    }

    async fn create_group(&self, pool_id: &str, group: &Group) -> Result<()> {
        self.guard("CreateGroup")?;
        self.client
            .create_group()
            .user_pool_id(pool_id)
            .group_name(&group.name)
            .set_precedence(group.precedence)
            .set_description(group.description.clone())
            .set_role_arn(group.role_arn.clone())
            .send()
            .await
            .map_err(|e| classify("CreateGroup", e))?;
        Ok(())
    }

    async fn admin_set_user_password(
        &self,
        pool_id: &str,
        username: &str,
        password: &Secret,
        permanent: bool,
    ) -> Result<()> {
        self.guard("AdminSetUserPassword")?;
        self.client
            .admin_set_user_password()
            .user_pool_id(pool_id)
            .username(username)
            .password(password.expose())
            .permanent(permanent)
            .send()
            .await
            .map_err(|e| classify("AdminSetUserPassword", e))?;
        Ok(())
    }

    async fn admin_add_user_to_group(
        &self,
        pool_id: &str,
        username: &str,
        group: &str,
    ) -> Result<()> {
        self.guard("AdminAddUserToGroup")?;
        self.client
            .admin_add_user_to_group()
            .user_pool_id(pool_id)
            .username(username)
            .group_name(group)
            .send()
            .await
            .map_err(|e| classify("AdminAddUserToGroup", e))?;
        Ok(())
    }

    async fn sign_up(
        &self,
        client_id: &str,
        username: &str,
        password: &Secret,
        attributes: &[(String, String)],
    ) -> Result<()> {
        self.guard("SignUp")?;
        self.client
            .sign_up()
            .client_id(client_id)
            .username(username)
            .password(password.expose())
            .set_user_attributes(Some(attrs(attributes)?))
            .send()
            .await
            .map_err(|e| classify("SignUp", e))?;
        Ok(())
    }

    async fn admin_update_user_attributes(
        &self,
        pool_id: &str,
        username: &str,
        attributes: &[(String, String)],
    ) -> Result<()> {
        self.guard("AdminUpdateUserAttributes")?;
        self.client
            .admin_update_user_attributes()
            .user_pool_id(pool_id)
            .username(username)
            .set_user_attributes(Some(attrs(attributes)?))
            .send()
            .await
            .map_err(|e| classify("AdminUpdateUserAttributes", e))?;
        Ok(())
    }

    async fn ensure_lambda_role(&self, role_name: &str) -> Result<String> {
        self.guard("EnsureLambdaRole")?;
        match self.iam.get_role().role_name(role_name).send().await {
            Ok(out) => {
                return Ok(out.role().map(|r| r.arn().to_string()).unwrap_or_default());
            }
            Err(e) => {
                let err = classify("GetRole", e);
                if err.kind != ErrorKind::NotFound {
                    return Err(err);
                }
            }
        }
        const TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
        let out = self
            .iam
            .create_role()
            .role_name(role_name)
            .assume_role_policy_document(TRUST)
            .description("Runs the Cognito triggers seeded by cognito-tui")
            .send()
            .await
            .map_err(|e| classify("CreateRole", e))?;
        let arn = out.role().map(|r| r.arn().to_string()).unwrap_or_default();
        // Logging for the functions; best effort (an emulator may not know managed policies).
        if let Err(e) = self
            .iam
            .attach_role_policy()
            .role_name(role_name)
            .policy_arn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
            .send()
            .await
        {
            let err = classify("AttachRolePolicy", e);
            tracing::warn!(error = %err, "AttachRolePolicy failed");
        }
        Ok(arn)
    }

    async fn deploy_lambda(&self, d: &LambdaDeployment) -> Result<String> {
        self.guard("DeployLambda")?;
        let blob = || lambda::primitives::Blob::new(d.zip.clone());
        let existing = self
            .lambda
            .get_function()
            .function_name(&d.function_name)
            .send()
            .await;
        let arn = match existing {
            Ok(_) => {
                let out = self
                    .lambda
                    .update_function_code()
                    .function_name(&d.function_name)
                    .zip_file(blob())
                    .send()
                    .await
                    .map_err(|e| classify("UpdateFunctionCode", e))?;
                out.function_arn().unwrap_or_default().to_string()
            }
            Err(e) => {
                let err = classify("GetFunction", e);
                if err.kind != ErrorKind::NotFound {
                    return Err(err);
                }
                let out = self
                    .lambda
                    .create_function()
                    .function_name(&d.function_name)
                    .runtime(lambda::types::Runtime::from(d.runtime.as_str()))
                    .handler(&d.handler)
                    .role(&d.role_arn)
                    .timeout(10)
                    .code(
                        lambda::types::FunctionCode::builder()
                            .zip_file(blob())
                            .build(),
                    )
                    .send()
                    .await
                    .map_err(|e| classify("CreateFunction", e))?;
                let arn = out.function_arn().unwrap_or_default().to_string();
                // Let Cognito invoke it (required on AWS; harmless on an emulator).
                if let Err(e) = self
                    .lambda
                    .add_permission()
                    .function_name(&d.function_name)
                    .statement_id("cognito-tui-cognito-invoke")
                    .action("lambda:InvokeFunction")
                    .principal("cognito-idp.amazonaws.com")
                    .send()
                    .await
                {
                    let err = classify("AddPermission", e);
                    tracing::warn!(error = %err, "AddPermission failed");
                }
                arn
            }
        };
        if arn.is_empty() {
            return Err(CognitoError::new(
                ErrorKind::Other,
                format!("Lambda returned no ARN for {}", d.function_name),
            ));
        }
        Ok(arn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_validation() {
        assert!(validate_endpoint("http://127.0.0.1:4566").is_ok());
        assert!(validate_endpoint("https://cognito-idp.us-east-1.amazonaws.com").is_ok());
        assert!(validate_endpoint("127.0.0.1:4566").is_err());
        assert!(validate_endpoint("http://").is_err());
        assert!(validate_endpoint("http://host:99999").is_err());
        assert!(validate_endpoint("ftp://host").is_err());
    }

    #[test]
    fn region_validation() {
        assert!(validate_region("us-east-1").is_ok());
        assert!(validate_region("US East").is_err());
        assert!(validate_region("").is_err());
        assert!(validate_region("-x").is_err());
    }
}
