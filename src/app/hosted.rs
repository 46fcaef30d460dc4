//! The runtime half of the runner's managed-login runs (`core::hosted`): reads the client and
//! pool with fresh random bytes for PKCE and state, runs the loopback listener, POSTs token
//! forms through the gateway, and opens the browser. Each answers one `HostedResponse`.

use std::time::Duration;

use rand::RngCore;

use super::timed::timed;
use crate::cognito::CognitoApi;
use crate::core::hosted::{HostedRequest, HostedResponse};
use crate::domain::CognitoError;

pub async fn execute(
    request: HostedRequest,
    api: &dyn CognitoApi,
    timeout: Duration,
) -> HostedResponse {
    match request {
        HostedRequest::Prepare { pool_id, client_id } => {
            let both = async {
                let client = api.describe_user_pool_client(&pool_id, &client_id).await?;
                let pool = api.describe_user_pool(&pool_id).await?;
                Ok::<_, CognitoError>((client, pool))
            };
            match timed("DescribeUserPoolClient", timeout, both).await {
                Ok((client, pool)) => {
                    let (mut verifier_bytes, mut state_bytes) = ([0u8; 32], [0u8; 16]);
                    rand::rngs::OsRng.fill_bytes(&mut verifier_bytes);
                    rand::rngs::OsRng.fill_bytes(&mut state_bytes);
                    HostedResponse::Prepared {
                        client: Box::new(client),
                        pool: Box::new(pool),
                        verifier_bytes,
                        state_bytes,
                    }
                }
                Err(e) => HostedResponse::Failed(e),
            }
        }
        HostedRequest::Listen {
            port,
            path,
            timeout_secs,
        } => HostedResponse::Redirect(match super::loopback::bind(port, &path).await {
            Ok(l) => l.wait(Duration::from_secs(timeout_secs)).await,
            Err(e) => Err(e),
        }),
        HostedRequest::Token { url, form } => {
            match timed("the token request", timeout, api.hosted_token(&url, &form)).await {
                Ok(r) => HostedResponse::Token {
                    status: r.status,
                    body: r.body,
                },
                Err(e) => HostedResponse::Failed(e),
            }
        }
        HostedRequest::ManagedLogin { pool_id } => {
            match timed("ListResourceServers", timeout, managed_login(api, &pool_id)).await {
                Ok(m) => HostedResponse::ManagedLogin(Box::new(m)),
                Err(e) => HostedResponse::Failed(e),
            }
        }
        HostedRequest::OpenBrowser { url } => HostedResponse::Opened(
            tokio::task::spawn_blocking(move || webbrowser::open(&url).map_err(|e| e.to_string()))
                .await
                .unwrap_or_else(|e| Err(e.to_string())),
        ),
    }
}

/// DescribeUserPool (for the domain's name), DescribeUserPoolDomain, ListResourceServers,
/// ListIdentityProviders (+ DescribeIdentityProvider each).
async fn managed_login(
    api: &dyn CognitoApi,
    pool_id: &str,
) -> crate::domain::Result<crate::domain::oauth::ManagedLogin> {
    let pool = api.describe_user_pool(pool_id).await?;
    let name = pool.custom_domain.or(pool.domain).filter(|d| !d.is_empty());
    let domain = match name {
        Some(d) => api.describe_user_pool_domain(&d).await?,
        None => None,
    };
    Ok(crate::domain::oauth::ManagedLogin {
        domain,
        resource_servers: api.list_resource_servers(pool_id).await?,
        identity_providers: api.list_identity_providers(pool_id).await?,
    })
}
