//! The SDK-backed `IdentityApi`: identity pools (Cognito Identity) and STS. Browsing reads
//! (ListIdentityPools, DescribeIdentityPool, GetIdentityPoolRoles), the token exchange (GetId,
//! GetCredentialsForIdentity, GetOpenIdToken, AssumeRoleWithWebIdentity) and the proof
//! (GetCallerIdentity, signed with the vended credentials on a guarded client from `guard`).
//! Vended secrets become `Secret`s at once; nothing here logs a token or a key.

use async_trait::async_trait;
use aws_sdk_cognitoidentity as ci;
use aws_sdk_sts as sts;

use super::api::IdentityApi;
use super::client::SdkCognito;
use super::convert::page_token;
use super::error::{Result, classify};
use crate::domain::identity::{
    Ambiguous, AwsCredentials, CallerIdentity, IdentityPool, IdentityPoolSummary, MappingKind,
    MappingRule, MatchType, PoolRoles, RoleMapping, TrustedProvider,
};
use crate::domain::secret::Secret;
use crate::domain::{CognitoError, ErrorKind, Page};

/// Identity pools per ListIdentityPools page (its maximum).
const POOLS_PAGE: i32 = 60;

impl SdkCognito {
    fn identity(&self) -> &ci::Client {
        &self.identity
    }

    fn sts(&self) -> &sts::Client {
        &self.sts
    }
}

/// The STS client signed with vended credentials.
struct Vended(sts::Client);

impl Vended {
    fn sts(&self) -> &sts::Client {
        &self.0
    }
}

fn missing(operation: &str, what: &str) -> CognitoError {
    CognitoError::new(
        ErrorKind::Other,
        format!("{operation} answered without {what}"),
    )
}

fn pool(p: &ci::operation::describe_identity_pool::DescribeIdentityPoolOutput) -> IdentityPool {
    let mut login_providers: Vec<(String, String)> = p
        .supported_login_providers()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    login_providers.sort();
    IdentityPool {
        id: p.identity_pool_id().to_owned(),
        name: p.identity_pool_name().to_owned(),
        allow_unauthenticated: p.allow_unauthenticated_identities(),
        allow_classic_flow: p.allow_classic_flow().unwrap_or(false),
        cognito_providers: p
            .cognito_identity_providers()
            .iter()
            .map(|c| TrustedProvider {
                provider_name: c.provider_name().unwrap_or_default().to_owned(),
                client_id: c.client_id().map(str::to_owned),
                server_side_token_check: c.server_side_token_check().unwrap_or(false),
            })
            .collect(),
        login_providers,
        open_id_connect_provider_arns: p.open_id_connect_provider_arns().to_vec(),
        saml_provider_arns: p.saml_provider_arns().to_vec(),
        developer_provider_name: p
            .developer_provider_name()
            .filter(|s| !s.is_empty())
            .map(str::to_owned),
    }
}

fn mapping(provider: &str, m: &ci::types::RoleMapping) -> RoleMapping {
    use ci::types::{
        AmbiguousRoleResolutionType as A, MappingRuleMatchType as M, RoleMappingType as T,
    };
    RoleMapping {
        provider: provider.to_owned(),
        kind: match m.r#type() {
            T::Token => MappingKind::Token,
            T::Rules => MappingKind::Rules,
            other => MappingKind::Other(other.as_str().to_owned()),
        },
        ambiguous: m.ambiguous_role_resolution().map(|a| match a {
            A::AuthenticatedRole => Ambiguous::AuthenticatedRole,
            A::Deny => Ambiguous::Deny,
            other => Ambiguous::Other(other.as_str().to_owned()),
        }),
        rules: m
            .rules_configuration()
            .map(|r| r.rules())
            .unwrap_or_default()
            .iter()
            .map(|r| MappingRule {
                claim: r.claim().to_owned(),
                match_type: match r.match_type() {
                    M::Equals => MatchType::Equals,
                    M::Contains => MatchType::Contains,
                    M::StartsWith => MatchType::StartsWith,
                    M::NotEqual => MatchType::NotEqual,
                    other => MatchType::Other(other.as_str().to_owned()),
                },
                value: r.value().to_owned(),
                role_arn: r.role_arn().to_owned(),
            })
            .collect(),
    }
}

fn sdk_mapping(m: &RoleMapping) -> Result<ci::types::RoleMapping> {
    use ci::types::{
        AmbiguousRoleResolutionType as A, MappingRuleMatchType as M, RoleMappingType as T,
    };
    let invalid = |what: String| CognitoError::new(ErrorKind::Validation, what);
    let mut b = ci::types::RoleMapping::builder().r#type(match &m.kind {
        MappingKind::Token => T::Token,
        MappingKind::Rules => T::Rules,
        MappingKind::Other(o) => T::from(o.as_str()),
    });
    b = b.set_ambiguous_role_resolution(m.ambiguous.as_ref().map(|a| match a {
        Ambiguous::AuthenticatedRole => A::AuthenticatedRole,
        Ambiguous::Deny => A::Deny,
        Ambiguous::Other(o) => A::from(o.as_str()),
    }));
    if m.kind == MappingKind::Rules {
        let mut rules = Vec::new();
        for r in &m.rules {
            rules.push(
                ci::types::MappingRule::builder()
                    .claim(&r.claim)
                    .match_type(M::from(r.match_type.as_str()))
                    .value(&r.value)
                    .role_arn(&r.role_arn)
                    .build()
                    .map_err(|e| invalid(format!("rule on {}: {e}", r.claim)))?,
            );
        }
        b = b.rules_configuration(
            ci::types::RulesConfigurationType::builder()
                .set_rules(Some(rules))
                .build()
                .map_err(|e| invalid(format!("rules of {}: {e}", m.provider)))?,
        );
    }
    b.build()
        .map_err(|e| invalid(format!("role mapping of {}: {e}", m.provider)))
}

fn providers(p: &IdentityPool) -> Vec<ci::types::CognitoIdentityProvider> {
    p.cognito_providers
        .iter()
        .map(|t| {
            ci::types::CognitoIdentityProvider::builder()
                .provider_name(&t.provider_name)
                .set_client_id(t.client_id.clone())
                .server_side_token_check(t.server_side_token_check)
                .build()
        })
        .collect()
}

fn logins(login: Option<(&str, &Secret)>) -> Option<std::collections::HashMap<String, String>> {
    login.map(|(provider, token)| {
        std::collections::HashMap::from([(provider.to_owned(), token.expose().to_owned())])
    })
}

#[async_trait]
impl IdentityApi for SdkCognito {
    async fn list_identity_pools(
        &self,
        next_token: Option<String>,
    ) -> Result<Page<IdentityPoolSummary>> {
        let op = "ListIdentityPools";
        let out = self
            .identity()
            .list_identity_pools()
            .max_results(POOLS_PAGE)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| classify(op, e))?;
        Ok(Page {
            items: out
                .identity_pools()
                .iter()
                .map(|p| IdentityPoolSummary {
                    id: p.identity_pool_id().unwrap_or_default().to_owned(),
                    name: p.identity_pool_name().unwrap_or_default().to_owned(),
                })
                .collect(),
            next_token: page_token(out.next_token()),
        })
    }

    async fn describe_identity_pool(&self, identity_pool_id: &str) -> Result<IdentityPool> {
        let op = "DescribeIdentityPool";
        let out = self
            .identity()
            .describe_identity_pool()
            .identity_pool_id(identity_pool_id)
            .send()
            .await
            .map_err(|e| classify(op, e))?;
        Ok(pool(&out))
    }

    async fn get_identity_pool_roles(&self, identity_pool_id: &str) -> Result<PoolRoles> {
        let op = "GetIdentityPoolRoles";
        let out = self
            .identity()
            .get_identity_pool_roles()
            .identity_pool_id(identity_pool_id)
            .send()
            .await
            .map_err(|e| classify(op, e))?;
        let roles = out.roles();
        let mut mappings: Vec<RoleMapping> = out
            .role_mappings()
            .map(|m| m.iter().map(|(k, v)| mapping(k, v)).collect())
            .unwrap_or_default();
        mappings.sort_by(|a, b| a.provider.cmp(&b.provider));
        Ok(PoolRoles {
            authenticated: roles.and_then(|r| r.get("authenticated")).cloned(),
            unauthenticated: roles.and_then(|r| r.get("unauthenticated")).cloned(),
            mappings,
        })
    }

    async fn get_id(
        &self,
        identity_pool_id: &str,
        login: Option<(&str, &Secret)>,
    ) -> Result<String> {
        let op = "GetId";
        let out = self
            .identity()
            .get_id()
            .identity_pool_id(identity_pool_id)
            .set_logins(logins(login))
            .send()
            .await
            .map_err(|e| classify(op, e))?;
        out.identity_id()
            .map(str::to_owned)
            .ok_or_else(|| missing(op, "an identity id"))
    }

    async fn get_credentials_for_identity(
        &self,
        identity_id: &str,
        login: Option<(&str, &Secret)>,
        custom_role_arn: Option<&str>,
    ) -> Result<AwsCredentials> {
        let op = "GetCredentialsForIdentity";
        let out = self
            .identity()
            .get_credentials_for_identity()
            .identity_id(identity_id)
            .set_logins(logins(login))
            .set_custom_role_arn(custom_role_arn.map(str::to_owned))
            .send()
            .await
            .map_err(|e| classify(op, e))?;
        let c = out
            .credentials()
            .ok_or_else(|| missing(op, "credentials"))?;
        Ok(AwsCredentials {
            access_key_id: c.access_key_id().unwrap_or_default().to_owned(),
            secret_access_key: Secret::new(c.secret_key().unwrap_or_default()),
            session_token: Secret::new(c.session_token().unwrap_or_default()),
            expiration: c.expiration().map(|t| t.secs()),
        })
    }

    async fn get_open_id_token(
        &self,
        identity_id: &str,
        login: Option<(&str, &Secret)>,
    ) -> Result<Secret> {
        let op = "GetOpenIdToken";
        let out = self
            .identity()
            .get_open_id_token()
            .identity_id(identity_id)
            .set_logins(logins(login))
            .send()
            .await
            .map_err(|e| classify(op, e))?;
        out.token()
            .map(Secret::new)
            .ok_or_else(|| missing(op, "a token"))
    }

    async fn assume_role_with_web_identity(
        &self,
        role_arn: &str,
        session_name: &str,
        token: &Secret,
    ) -> Result<(AwsCredentials, Option<String>)> {
        let op = "AssumeRoleWithWebIdentity";
        let out = self
            .sts()
            .assume_role_with_web_identity()
            .role_arn(role_arn)
            .role_session_name(session_name)
            .web_identity_token(token.expose())
            .send()
            .await
            .map_err(|e| classify(op, e))?;
        let c = out
            .credentials()
            .ok_or_else(|| missing(op, "credentials"))?;
        Ok((
            AwsCredentials {
                access_key_id: c.access_key_id().to_owned(),
                secret_access_key: Secret::new(c.secret_access_key()),
                session_token: Secret::new(c.session_token()),
                expiration: Some(c.expiration().secs()),
            },
            out.assumed_role_user().map(|u| u.arn().to_owned()),
        ))
    }

    async fn caller_identity(&self, credentials: &AwsCredentials) -> Result<CallerIdentity> {
        let op = "GetCallerIdentity";
        let signed = sts::config::Credentials::new(
            credentials.access_key_id.clone(),
            credentials.secret_access_key.expose(),
            Some(credentials.session_token.expose().to_owned()),
            None,
            "cognito-identity-vended",
        );
        let vended = Vended(super::guard::sts_as(
            &self.conf,
            self.is_read_only(),
            signed,
        ));
        let out = vended
            .sts()
            .get_caller_identity()
            .send()
            .await
            .map_err(|e| classify(op, e))?;
        Ok(CallerIdentity {
            account: out.account().map(str::to_owned),
            arn: out.arn().map(str::to_owned),
            user_id: out.user_id().map(str::to_owned),
        })
    }

    async fn create_identity_pool(&self, p: &IdentityPool) -> Result<String> {
        let w = self.writer("CreateIdentityPool")?;
        let req = w
            .identity()
            .create_identity_pool()
            .identity_pool_name(&p.name)
            .allow_unauthenticated_identities(p.allow_unauthenticated)
            .allow_classic_flow(p.allow_classic_flow)
            .set_cognito_identity_providers(Some(providers(p)));
        let out = w.send("CreateIdentityPool", req.send()).await?;
        Ok(out.identity_pool_id().to_owned())
    }

    async fn update_identity_pool(&self, p: &IdentityPool) -> Result<()> {
        let w = self.writer("UpdateIdentityPool")?;
        let req = w
            .identity()
            .update_identity_pool()
            .identity_pool_id(&p.id)
            .identity_pool_name(&p.name)
            .allow_unauthenticated_identities(p.allow_unauthenticated)
            .allow_classic_flow(p.allow_classic_flow)
            .set_cognito_identity_providers(Some(providers(p)));
        w.send("UpdateIdentityPool", req.send()).await?;
        Ok(())
    }

    async fn set_identity_pool_roles(
        &self,
        identity_pool_id: &str,
        roles: &PoolRoles,
    ) -> Result<()> {
        let w = self.writer("SetIdentityPoolRoles")?;
        let mut names = std::collections::HashMap::new();
        if let Some(r) = &roles.authenticated {
            names.insert("authenticated".to_owned(), r.clone());
        }
        if let Some(r) = &roles.unauthenticated {
            names.insert("unauthenticated".to_owned(), r.clone());
        }
        let mut mappings = std::collections::HashMap::new();
        for m in &roles.mappings {
            mappings.insert(m.provider.clone(), sdk_mapping(m)?);
        }
        let req = w
            .identity()
            .set_identity_pool_roles()
            .identity_pool_id(identity_pool_id)
            .set_roles(Some(names))
            .set_role_mappings((!mappings.is_empty()).then_some(mappings));
        w.send("SetIdentityPoolRoles", req.send()).await?;
        Ok(())
    }

    async fn ensure_identity_role(
        &self,
        role_name: &str,
        identity_pool_id: &str,
        authenticated: bool,
    ) -> Result<String> {
        let w = self.writer("EnsureIdentityRole")?;
        match w.iam().get_role().role_name(role_name).send().await {
            Ok(out) => return Ok(out.role().map(|r| r.arn().to_owned()).unwrap_or_default()),
            Err(e) => {
                let err = classify("GetRole", e);
                if err.kind != ErrorKind::NotFound {
                    return Err(err);
                }
            }
        }
        let amr = if authenticated {
            "authenticated"
        } else {
            "unauthenticated"
        };
        let trust = serde_json::json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {"cognito-identity.amazonaws.com:aud": identity_pool_id},
                    "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": amr}
                }
            }]
        });
        let req = w
            .iam()
            .create_role()
            .role_name(role_name)
            .assume_role_policy_document(trust.to_string())
            .description("Assumed by identities of a Cognito identity pool seeded by cognito-tui");
        let out = w.send("CreateRole", req.send()).await?;
        Ok(out.role().map(|r| r.arn().to_owned()).unwrap_or_default())
    }
}
