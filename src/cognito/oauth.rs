//! The SDK-backed `OauthApi`: what managed login depends on (the pool's domain, resource
//! servers, identity providers, an app client's refresh-token rotation), the seed's writes of
//! them, GetTokensFromRefreshToken, and the hosted endpoints' calls (`hosted`). Reads are
//! paced; writes go through the read-only guard like every other write.

use std::collections::BTreeMap;

use async_trait::async_trait;
use aws_sdk_cognitoidentityprovider::types as t;

use super::client::SdkCognito;
use super::error::Result;
use super::pace::Family;
use crate::auth::Tokens;
use crate::auth::oauth::TokenForm;
use crate::domain::oauth::{
    IdentityProvider, NewOauthClient, PoolDomain, ResourceScope, ResourceServer, is_secret_detail,
};
use crate::domain::secret::Secret;
use crate::domain::{ClientSummary, CognitoError, ErrorKind};

pub use super::hosted::HostedReply;

/// Managed login and its settings, one method per operation.
#[async_trait]
pub trait OauthApi: Send + Sync {
    /// DescribeUserPoolDomain of a prefix or custom domain; `None` when it does not exist.
    async fn describe_user_pool_domain(&self, domain: &str) -> Result<Option<PoolDomain>>;
    /// Every resource server of the pool (ListResourceServers, all pages).
    async fn list_resource_servers(&self, pool_id: &str) -> Result<Vec<ResourceServer>>;
    /// Every identity provider of the pool with its details (secrets masked).
    async fn list_identity_providers(&self, pool_id: &str) -> Result<Vec<IdentityProvider>>;
    /// GetTokensFromRefreshToken (clients with rotation: a new refresh token comes back).
    async fn get_tokens_from_refresh_token(
        &self,
        client_id: &str,
        client_secret: Option<&Secret>,
        refresh_token: &Secret,
    ) -> Result<Tokens>;

    // --- writes (the seed) ---
    async fn create_user_pool_domain(&self, pool_id: &str, domain: &str) -> Result<()>;
    async fn create_resource_server(&self, pool_id: &str, server: &ResourceServer) -> Result<()>;
    async fn create_oauth_client(
        &self,
        pool_id: &str,
        client: &NewOauthClient,
    ) -> Result<ClientSummary>;

    // --- the hosted endpoints (outside the SDK) ---
    /// POST a token form to `url` (`…/oauth2/token`): hands out tokens, changes nothing.
    async fn hosted_token(&self, url: &str, form: &TokenForm) -> Result<HostedReply>;
    /// GET `url` (`…/oauth2/userInfo`) with the access token as a Bearer token.
    async fn hosted_user_info(&self, url: &str, access_token: &Secret) -> Result<HostedReply>;
}

fn pairs(m: Option<&std::collections::HashMap<String, String>>) -> BTreeMap<String, String> {
    m.map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default()
}

#[async_trait]
impl OauthApi for SdkCognito {
    async fn describe_user_pool_domain(&self, domain: &str) -> Result<Option<PoolDomain>> {
        let out = self
            .read(Family::ResourceRead, "DescribeUserPoolDomain", |c| {
                c.describe_user_pool_domain().domain(domain).send()
            })
            .await?;
        // An unknown domain answers an empty DomainDescription.
        let Some(d) = out.domain_description().filter(|d| d.domain().is_some()) else {
            return Ok(None);
        };
        Ok(Some(PoolDomain {
            domain: d.domain().unwrap_or_default().to_owned(),
            custom: d
                .custom_domain_config()
                .map(|c| c.certificate_arn())
                .is_some_and(|a| !a.is_empty()),
            status: d.status().map(|s| s.as_str().to_owned()),
            managed_login_version: d.managed_login_version(),
            cloudfront_distribution: d
                .cloud_front_distribution()
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        }))
    }

    async fn list_resource_servers(&self, pool_id: &str) -> Result<Vec<ResourceServer>> {
        let mut out = Vec::new();
        let mut next: Option<String> = None;
        for _ in 0..100 {
            let page = self
                .read(Family::ResourceRead, "ListResourceServers", |c| {
                    c.list_resource_servers()
                        .user_pool_id(pool_id)
                        .max_results(50)
                        .set_next_token(next.clone())
                        .send()
                })
                .await?;
            out.extend(page.resource_servers().iter().map(|r| {
                ResourceServer {
                    identifier: r.identifier().unwrap_or_default().to_owned(),
                    name: r.name().unwrap_or_default().to_owned(),
                    scopes: r
                        .scopes()
                        .iter()
                        .map(|s| ResourceScope {
                            name: s.scope_name().to_owned(),
                            description: s.scope_description().to_owned(),
                        })
                        .collect(),
                }
            }));
            match page.next_token().filter(|t| !t.is_empty()) {
                Some(t) if Some(t) != next.as_deref() => next = Some(t.to_owned()),
                _ => break,
            }
        }
        Ok(out)
    }

    async fn list_identity_providers(&self, pool_id: &str) -> Result<Vec<IdentityProvider>> {
        let page = self
            .read(Family::ResourceRead, "ListIdentityProviders", |c| {
                c.list_identity_providers()
                    .user_pool_id(pool_id)
                    .max_results(60)
                    .send()
            })
            .await?;
        let mut out = Vec::new();
        for p in page.providers() {
            let name = p.provider_name().unwrap_or_default().to_owned();
            let described = self
                .read(Family::ResourceRead, "DescribeIdentityProvider", |c| {
                    c.describe_identity_provider()
                        .user_pool_id(pool_id)
                        .provider_name(&name)
                        .send()
                })
                .await?;
            let idp = described.identity_provider();
            out.push(IdentityProvider {
                provider_type: p
                    .provider_type()
                    .map(|t| t.as_str().to_owned())
                    .unwrap_or_default(),
                attribute_mapping: pairs(idp.and_then(|i| i.attribute_mapping()))
                    .into_iter()
                    .collect(),
                details: pairs(idp.and_then(|i| i.provider_details()))
                    .into_iter()
                    .map(|(k, v)| {
                        let v = if is_secret_detail(&k) {
                            crate::auth::MASK.to_owned()
                        } else {
                            v
                        };
                        (k, v)
                    })
                    .collect(),
                name,
            });
        }
        Ok(out)
    }

    async fn get_tokens_from_refresh_token(
        &self,
        client_id: &str,
        client_secret: Option<&Secret>,
        refresh_token: &Secret,
    ) -> Result<Tokens> {
        let out = self
            .call("GetTokensFromRefreshToken", |c| {
                c.get_tokens_from_refresh_token()
                    .client_id(client_id)
                    .set_client_secret(client_secret.map(|s| s.expose().to_owned()))
                    .refresh_token(refresh_token.expose())
                    .send()
            })
            .await?;
        let r = out.authentication_result().ok_or_else(|| {
            CognitoError::new(
                ErrorKind::Other,
                "GetTokensFromRefreshToken returned no AuthenticationResult",
            )
        })?;
        Ok(Tokens {
            id_token: r.id_token().map(Secret::new),
            access_token: Secret::new(r.access_token().unwrap_or_default()),
            refresh_token: r.refresh_token().map(Secret::new),
            expires_in: r.expires_in(),
            token_type: r.token_type().unwrap_or("Bearer").to_owned(),
        })
    }

    async fn create_user_pool_domain(&self, pool_id: &str, domain: &str) -> Result<()> {
        self.write("CreateUserPoolDomain", |c| {
            c.create_user_pool_domain()
                .user_pool_id(pool_id)
                .domain(domain)
                .send()
        })
        .await
        .map(|_| ())
    }

    async fn create_resource_server(&self, pool_id: &str, server: &ResourceServer) -> Result<()> {
        let mut scopes = Vec::new();
        for s in &server.scopes {
            scopes.push(
                t::ResourceServerScopeType::builder()
                    .scope_name(&s.name)
                    .scope_description(&s.description)
                    .build()
                    .map_err(|e| CognitoError::new(ErrorKind::Other, e.to_string()))?,
            );
        }
        self.write("CreateResourceServer", |c| {
            c.create_resource_server()
                .user_pool_id(pool_id)
                .identifier(&server.identifier)
                .name(&server.name)
                .set_scopes(Some(scopes))
                .send()
        })
        .await
        .map(|_| ())
    }

    async fn create_oauth_client(
        &self,
        pool_id: &str,
        client: &NewOauthClient,
    ) -> Result<ClientSummary> {
        let rotation = client
            .refresh_token_rotation
            .then(|| {
                t::RefreshTokenRotationType::builder()
                    .feature(t::FeatureType::Enabled)
                    .retry_grace_period_seconds(0)
                    .build()
            })
            .transpose()
            .map_err(|e| CognitoError::new(ErrorKind::Other, e.to_string()))?;
        let out = self
            .write("CreateUserPoolClient", |c| {
                let req = c
                    .create_user_pool_client()
                    .user_pool_id(pool_id)
                    .client_name(&client.name)
                    .generate_secret(client.generate_secret)
                    .allowed_o_auth_flows_user_pool_client(true)
                    .set_allowed_o_auth_flows(Some(
                        client
                            .allowed_oauth_flows
                            .iter()
                            .map(|f| t::OAuthFlowType::from(f.as_str()))
                            .collect(),
                    ))
                    .set_allowed_o_auth_scopes(Some(client.allowed_oauth_scopes.clone()))
                    .set_callback_urls(Some(client.callback_urls.clone()))
                    .set_logout_urls(Some(client.logout_urls.clone()))
                    .set_supported_identity_providers(Some(
                        client.supported_identity_providers.clone(),
                    ))
                    .set_explicit_auth_flows(Some(
                        client
                            .explicit_auth_flows
                            .iter()
                            .map(|f| t::ExplicitAuthFlowsType::from(f.as_str()))
                            .collect(),
                    ))
                    .set_refresh_token_rotation(rotation)
                    .prevent_user_existence_errors(t::PreventUserExistenceErrorTypes::Enabled)
                    .enable_token_revocation(true);
                req.send()
            })
            .await?;
        super::convert::created_client(&out)
    }

    async fn hosted_token(&self, url: &str, form: &TokenForm) -> Result<HostedReply> {
        super::hosted::send(url, super::hosted::Request::Token(form)).await
    }

    async fn hosted_user_info(&self, url: &str, access_token: &Secret) -> Result<HostedReply> {
        super::hosted::send(url, super::hosted::Request::UserInfo(access_token)).await
    }
}
