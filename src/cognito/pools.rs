//! The SDK-backed `CognitoApi`: the pool listing and detail, and the writes the seeder needs
//! (pool, client, group, password, membership, sign-up, attributes, and the Lambda and IAM
//! provisioning of trigger functions). Every write goes through the read-only guard
//! (`SdkCognito::write`/`writer`); every read here is paced.

use async_trait::async_trait;
use aws_sdk_cognitoidentityprovider::types as t;
use aws_sdk_lambda as lambda;

use super::api::CognitoApi;
use super::client::SdkCognito;
use super::convert::{
    attrs, client_summary, described_pool, group, page_token, pool_detail, pool_summary,
    schema_type, to_lambda_config, user_detail,
};
use super::error::{Result, build_err, classify};
use super::pace::Family;
use crate::domain::secret::Secret;
use crate::domain::{
    ClientSummary, CognitoError, ErrorKind, Group, LambdaDeployment, NewClient, NewPool, Page,
    PoolDetail, PoolSummary, User,
};

#[async_trait]
impl CognitoApi for SdkCognito {
    fn read_only(&self) -> bool {
        self.is_read_only()
    }

    async fn list_user_pools(&self, next_token: Option<String>) -> Result<Page<PoolSummary>> {
        let out = self
            .read(Family::ResourceRead, "ListUserPools", |c| {
                c.list_user_pools()
                    .max_results(60)
                    .set_next_token(next_token)
                    .send()
            })
            .await?;
        Ok(Page {
            items: out.user_pools().iter().map(pool_summary).collect(),
            next_token: page_token(out.next_token()),
        })
    }

    async fn describe_user_pool(&self, pool_id: &str) -> Result<PoolDetail> {
        let out = self
            .read(Family::ResourceRead, "DescribeUserPool", |c| {
                c.describe_user_pool().user_pool_id(pool_id).send()
            })
            .await?;
        described_pool(&out).map(pool_detail)
    }

    async fn list_user_pool_clients(
        &self,
        pool_id: &str,
        next_token: Option<String>,
    ) -> Result<Page<ClientSummary>> {
        let out = self
            .read(Family::ResourceRead, "ListUserPoolClients", |c| {
                c.list_user_pool_clients()
                    .user_pool_id(pool_id)
                    .max_results(60)
                    .set_next_token(next_token)
                    .send()
            })
            .await?;
        Ok(Page {
            items: out.user_pool_clients().iter().map(client_summary).collect(),
            next_token: page_token(out.next_token()),
        })
    }

    async fn list_groups(&self, pool_id: &str, next_token: Option<String>) -> Result<Page<Group>> {
        let out = self
            .read(Family::ResourceRead, "ListGroups", |c| {
                c.list_groups()
                    .user_pool_id(pool_id)
                    .limit(60)
                    .set_next_token(next_token)
                    .send()
            })
            .await?;
        Ok(Page {
            items: out.groups().iter().map(group).collect(),
            next_token: page_token(out.next_token()),
        })
    }

    async fn admin_get_user(&self, pool_id: &str, username: &str) -> Result<User> {
        let out = self
            .read(Family::UserRead, "AdminGetUser", |c| {
                c.admin_get_user()
                    .user_pool_id(pool_id)
                    .username(username)
                    .send()
            })
            .await?;
        Ok(user_detail(&out))
    }

    async fn create_user_pool(&self, pool: &NewPool) -> Result<String> {
        let w = self.writer("CreateUserPool")?;
        let pp = &pool.password_policy;
        let policy = t::PasswordPolicyType::builder()
            .set_minimum_length(pp.minimum_length)
            .require_uppercase(pp.require_uppercase)
            .require_lowercase(pp.require_lowercase)
            .require_numbers(pp.require_numbers)
            .require_symbols(pp.require_symbols)
            .temporary_password_validity_days(pp.temporary_password_validity_days)
            .build();
        let mut req = w
            .cognito()
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
            req = req.schema(schema_type(a, a.required));
        }
        let out = w.send("CreateUserPool", req.send()).await?;
        let id = out
            .user_pool()
            .and_then(|p| p.id())
            .map(str::to_string)
            .ok_or_else(|| CognitoError::new(ErrorKind::Other, "CreateUserPool returned no id"))?;
        if pool.software_token_mfa {
            let req = w
                .cognito()
                .set_user_pool_mfa_config()
                .user_pool_id(&id)
                .mfa_configuration(t::UserPoolMfaType::from(pool.mfa_configuration.as_str()))
                .software_token_mfa_configuration(
                    t::SoftwareTokenMfaConfigType::builder()
                        .enabled(true)
                        .build(),
                );
            w.send("SetUserPoolMfaConfig", req.send()).await?;
        }
        Ok(id)
    }

    async fn create_user_pool_client(
        &self,
        pool_id: &str,
        client: &NewClient,
    ) -> Result<ClientSummary> {
        let out = self
            .write("CreateUserPoolClient", |c| {
                let mut req = c
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
                req.send()
            })
            .await?;
        super::convert::created_client(&out)
    }

    async fn create_group(&self, pool_id: &str, group: &Group) -> Result<()> {
        self.write("CreateGroup", |c| {
            c.create_group()
                .user_pool_id(pool_id)
                .group_name(&group.name)
                .set_precedence(group.precedence)
                .set_description(group.description.clone())
                .set_role_arn(group.role_arn.clone())
                .send()
        })
        .await?;
        Ok(())
    }

    async fn admin_set_user_password(
        &self,
        pool_id: &str,
        username: &str,
        password: &Secret,
        permanent: bool,
    ) -> Result<()> {
        self.write("AdminSetUserPassword", |c| {
            c.admin_set_user_password()
                .user_pool_id(pool_id)
                .username(username)
                .password(password.expose())
                .permanent(permanent)
                .send()
        })
        .await?;
        Ok(())
    }

    async fn admin_add_user_to_group(
        &self,
        pool_id: &str,
        username: &str,
        group: &str,
    ) -> Result<()> {
        self.write("AdminAddUserToGroup", |c| {
            c.admin_add_user_to_group()
                .user_pool_id(pool_id)
                .username(username)
                .group_name(group)
                .send()
        })
        .await?;
        Ok(())
    }

    async fn sign_up(
        &self,
        client_id: &str,
        username: &str,
        password: &Secret,
        attributes: &[(String, String)],
    ) -> Result<()> {
        let w = self.writer("SignUp")?;
        let req = w
            .cognito()
            .sign_up()
            .client_id(client_id)
            .username(username)
            .password(password.expose())
            .set_user_attributes(Some(attrs(attributes)?));
        w.send("SignUp", req.send()).await?;
        Ok(())
    }

    async fn admin_update_user_attributes(
        &self,
        pool_id: &str,
        username: &str,
        attributes: &[(String, String)],
    ) -> Result<()> {
        let w = self.writer("AdminUpdateUserAttributes")?;
        let req = w
            .cognito()
            .admin_update_user_attributes()
            .user_pool_id(pool_id)
            .username(username)
            .set_user_attributes(Some(attrs(attributes)?));
        w.send("AdminUpdateUserAttributes", req.send()).await?;
        Ok(())
    }

    async fn ensure_lambda_role(&self, role_name: &str) -> Result<String> {
        let w = self.writer("EnsureLambdaRole")?;
        match w.iam().get_role().role_name(role_name).send().await {
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
        let req = w
            .iam()
            .create_role()
            .role_name(role_name)
            .assume_role_policy_document(TRUST)
            .description("Runs the Cognito triggers seeded by cognito-tui");
        let out = w.send("CreateRole", req.send()).await?;
        let arn = out.role().map(|r| r.arn().to_string()).unwrap_or_default();
        // Logging for the functions; best effort (an emulator may not know managed policies).
        let attach = w
            .iam()
            .attach_role_policy()
            .role_name(role_name)
            .policy_arn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
        if let Err(err) = w.send("AttachRolePolicy", attach.send()).await {
            tracing::warn!(error = %err, "AttachRolePolicy failed");
        }
        Ok(arn)
    }

    async fn deploy_lambda(&self, d: &LambdaDeployment) -> Result<String> {
        let w = self.writer("DeployLambda")?;
        let blob = || lambda::primitives::Blob::new(d.zip.clone());
        let existing = w
            .lambda()
            .get_function()
            .function_name(&d.function_name)
            .send()
            .await;
        let arn = match existing {
            // The same code already deployed: leave it. Updating would also restart the
            // function's warm workers on an emulator, failing sign-ins running meanwhile.
            Ok(found)
                if found.configuration().and_then(|c| c.code_sha256())
                    == Some(code_sha256(&d.zip).as_str()) =>
            {
                (found.configuration())
                    .and_then(|c| c.function_arn())
                    .unwrap_or_default()
                    .to_string()
            }
            Ok(_) => {
                let req = w
                    .lambda()
                    .update_function_code()
                    .function_name(&d.function_name)
                    .zip_file(blob());
                let out = w.send("UpdateFunctionCode", req.send()).await?;
                out.function_arn().unwrap_or_default().to_string()
            }
            Err(e) => {
                let err = classify("GetFunction", e);
                if err.kind != ErrorKind::NotFound {
                    return Err(err);
                }
                let req = w
                    .lambda()
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
                    );
                let out = w.send("CreateFunction", req.send()).await?;
                let arn = out.function_arn().unwrap_or_default().to_string();
                // Let Cognito invoke it (required on AWS; harmless on an emulator).
                let permit = w
                    .lambda()
                    .add_permission()
                    .function_name(&d.function_name)
                    .statement_id("cognito-tui-cognito-invoke")
                    .action("lambda:InvokeFunction")
                    .principal("cognito-idp.amazonaws.com");
                if let Err(err) = w.send("AddPermission", permit.send()).await {
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

/// Lambda's CodeSha256 of a deployment package: base64 of its SHA-256.
fn code_sha256(zip: &[u8]) -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(zip))
}
