//! The seed's managed-login part (the workshop file's `oauth` key): the pool's domain, its
//! resource servers with their scopes, and app clients with OAuth settings (a public client
//! for code + PKCE, an M2M client with a secret). Idempotent like the rest of the seed:
//! whatever exists by name is left as it is.

use serde::Deserialize;

use crate::cognito::CognitoApi;
use crate::domain::oauth::{NewOauthClient, ResourceScope, ResourceServer};
use crate::domain::{ClientSummary, CognitoError};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OauthSpec {
    /// The domain prefix (`https://PREFIX.auth.REGION.amazoncognito.com` on AWS).
    pub domain: Option<String>,
    #[serde(default)]
    pub resource_servers: Vec<ResourceServerSpec>,
    #[serde(default)]
    pub clients: Vec<OauthClientSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceServerSpec {
    pub identifier: String,
    pub name: String,
    #[serde(default)]
    pub scopes: Vec<ScopeSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeSpec {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OauthClientSpec {
    pub name: String,
    #[serde(default)]
    pub generate_secret: bool,
    pub allowed_oauth_flows: Vec<String>,
    #[serde(default)]
    pub allowed_oauth_scopes: Vec<String>,
    #[serde(default)]
    pub callback_urls: Vec<String>,
    #[serde(default)]
    pub logout_urls: Vec<String>,
    #[serde(default)]
    pub supported_identity_providers: Vec<String>,
    #[serde(default)]
    pub explicit_auth_flows: Vec<String>,
    #[serde(default)]
    pub refresh_token_rotation: bool,
}

/// What [`seed`] did, for the seed's report.
#[derive(Debug, Default)]
pub struct OauthReport {
    pub clients: Vec<(String, String)>,
    pub created: Vec<String>,
    pub existing: Vec<String>,
    pub warnings: Vec<String>,
}

/// A failed step: what was being done, and Cognito's error.
pub type Failed = (String, CognitoError);

fn api_err(step: String) -> impl FnOnce(CognitoError) -> Failed {
    move |source| (step, source)
}

/// Seed `spec` into the pool `pool_id` (already created); `have` is the pool's app clients
/// as the seed listed them.
pub async fn seed(
    api: &dyn CognitoApi,
    pool_id: &str,
    spec: &OauthSpec,
    have: &[ClientSummary],
) -> Result<OauthReport, Failed> {
    let mut report = OauthReport::default();
    let report = &mut report;
    if let Some(domain) = &spec.domain {
        let have = api
            .describe_user_pool(pool_id)
            .await
            .map_err(api_err("DescribeUserPool".into()))?
            .domain;
        match have {
            Some(d) if d == *domain => report.existing.push(format!("domain {domain}")),
            Some(d) if !d.is_empty() => report.warnings.push(format!(
                "the pool already has the domain {d}; {domain} was not added"
            )),
            _ => {
                api.create_user_pool_domain(pool_id, domain)
                    .await
                    .map_err(api_err(format!("creating domain {domain}")))?;
                report.created.push(format!("domain {domain}"));
            }
        }
    }
    let servers = api
        .list_resource_servers(pool_id)
        .await
        .map_err(api_err("ListResourceServers".into()))?;
    for rs in &spec.resource_servers {
        if servers.iter().any(|s| s.identifier == rs.identifier) {
            report
                .existing
                .push(format!("resource server {}", rs.identifier));
            continue;
        }
        let server = ResourceServer {
            identifier: rs.identifier.clone(),
            name: rs.name.clone(),
            scopes: rs
                .scopes
                .iter()
                .map(|s| ResourceScope {
                    name: s.name.clone(),
                    description: s.description.clone(),
                })
                .collect(),
        };
        api.create_resource_server(pool_id, &server)
            .await
            .map_err(api_err(format!(
                "creating resource server {}",
                rs.identifier
            )))?;
        report
            .created
            .push(format!("resource server {}", rs.identifier));
    }
    for c in &spec.clients {
        let summary = match have.iter().find(|h| h.name == c.name) {
            Some(h) => {
                report.existing.push(format!("client {}", c.name));
                h.clone()
            }
            None => {
                let new = NewOauthClient {
                    name: c.name.clone(),
                    generate_secret: c.generate_secret,
                    allowed_oauth_flows: c.allowed_oauth_flows.clone(),
                    allowed_oauth_scopes: c.allowed_oauth_scopes.clone(),
                    callback_urls: c.callback_urls.clone(),
                    logout_urls: c.logout_urls.clone(),
                    supported_identity_providers: c.supported_identity_providers.clone(),
                    explicit_auth_flows: c.explicit_auth_flows.clone(),
                    refresh_token_rotation: c.refresh_token_rotation,
                };
                let s = api
                    .create_oauth_client(pool_id, &new)
                    .await
                    .map_err(api_err(format!("creating client {}", c.name)))?;
                report.created.push(format!("client {}", c.name));
                s
            }
        };
        report.clients.push((summary.name, summary.id));
    }
    Ok(std::mem::take(report))
}
