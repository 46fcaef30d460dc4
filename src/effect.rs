//! `Effect`: what `update` asks the loop to do — call Cognito, or quit. `Request` is the whole
//! contract between the UI and the network: one variant per call, run by `execute`.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::auth::flow::{AuthRequest, SrpWork};
use crate::cognito::{self, CognitoApi, CognitoError};
use crate::model::RequestId;
use crate::msg::Response;
use crate::secret::Secret;

/// A one-shot job handed to the executor (e.g. SRP work, which is neither `Clone` nor
/// comparable): clones share it, equality is identity.
pub struct Job<T>(Arc<Mutex<Option<T>>>);

impl<T> Job<T> {
    pub fn new(t: T) -> Self {
        Self(Arc::new(Mutex::new(Some(t))))
    }

    pub fn take(&self) -> Option<T> {
        self.0.lock().ok()?.take()
    }
}

impl<T> Clone for Job<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Job<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Job<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.lock() {
            Ok(g) => write!(f, "Job({:?})", *g),
            Err(_) => f.write_str("Job(poisoned)"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Call(RequestId, Request),
    Quit,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    ListUserPools {
        next_token: Option<String>,
    },
    DescribeUserPool {
        pool_id: String,
    },
    ListUserPoolClients {
        pool_id: String,
        next_token: Option<String>,
    },
    DescribeUserPoolClient {
        pool_id: String,
        client_id: String,
    },
    RevealClientSecret {
        pool_id: String,
        client_id: String,
    },
    ListUsers {
        pool_id: String,
        /// A ListUsers filter expression, built by `filter::UserFilter::expression`.
        filter: Option<String>,
        pagination_token: Option<String>,
    },
    AdminGetUser {
        pool_id: String,
        username: String,
    },
    AdminListGroupsForUser {
        pool_id: String,
        username: String,
    },
    AdminListDevices {
        pool_id: String,
        username: String,
    },
    ListGroups {
        pool_id: String,
        next_token: Option<String>,
    },
    ListUsersInGroup {
        pool_id: String,
        group: String,
        next_token: Option<String>,
    },
    /// The pool's app clients with their flows and secrets, for the sign-in runner.
    AuthClients {
        pool_id: String,
    },
    /// One request of the sign-in state machine.
    Auth(AuthRequest),
    /// SRP big-number work, run on a blocking thread.
    Srp(Job<SrpWork>),
    Jwks {
        pool_id: String,
    },
    GetUser {
        access_token: Secret,
    },
    GlobalSignOut {
        access_token: Secret,
    },
    RevokeToken {
        client_id: String,
        client_secret: Option<Secret>,
        refresh_token: Secret,
    },
    /// Write the sign-in transcript (Markdown, no secrets) to a file.
    Export {
        path: String,
        markdown: String,
    },
}

impl Request {
    pub fn operation(&self) -> &'static str {
        match self {
            Request::ListUserPools { .. } => "ListUserPools",
            Request::DescribeUserPool { .. } => "DescribeUserPool",
            Request::ListUserPoolClients { .. } => "ListUserPoolClients",
            Request::DescribeUserPoolClient { .. } => "DescribeUserPoolClient",
            Request::RevealClientSecret { .. } => "DescribeUserPoolClient",
            Request::ListUsers { .. } => "ListUsers",
            Request::AdminGetUser { .. } => "AdminGetUser",
            Request::AdminListGroupsForUser { .. } => "AdminListGroupsForUser",
            Request::AdminListDevices { .. } => "AdminListDevices",
            Request::ListGroups { .. } => "ListGroups",
            Request::ListUsersInGroup { .. } => "ListUsersInGroup",
            Request::AuthClients { .. } => "DescribeUserPoolClient",
            Request::Auth(r) => r.operation(),
            Request::Srp(_) => "SRP",
            Request::Jwks { .. } => "JWKS",
            Request::GetUser { .. } => "GetUser",
            Request::GlobalSignOut { .. } => "GlobalSignOut",
            Request::RevokeToken { .. } => "RevokeToken",
            Request::Export { .. } => "Export",
        }
    }

    /// Run the call against the gateway, bounded by `timeout`.
    pub async fn execute(self, api: &dyn CognitoApi, timeout: Duration) -> Response {
        let op = self.operation();
        async fn timed<T>(
            op: &'static str,
            timeout: Duration,
            fut: impl Future<Output = cognito::Result<T>>,
        ) -> cognito::Result<T> {
            tokio::time::timeout(timeout, fut)
                .await
                .unwrap_or_else(|_| Err(CognitoError::timeout(op, timeout.as_secs())))
        }
        match self {
            Request::ListUserPools { next_token } => {
                Response::Pools(timed(op, timeout, api.list_user_pools(next_token)).await)
            }
            Request::DescribeUserPool { pool_id } => Response::PoolDetail(
                timed(op, timeout, api.describe_user_pool(&pool_id))
                    .await
                    .map(Box::new),
            ),
            Request::ListUserPoolClients {
                pool_id,
                next_token,
            } => Response::Clients(
                timed(
                    op,
                    timeout,
                    api.list_user_pool_clients(&pool_id, next_token),
                )
                .await,
            ),
            Request::DescribeUserPoolClient { pool_id, client_id } => Response::Client(
                timed(
                    op,
                    timeout,
                    api.describe_user_pool_client(&pool_id, &client_id),
                )
                .await
                .map(Box::new),
            ),
            Request::RevealClientSecret { pool_id, client_id } => Response::ClientSecret(
                timed(op, timeout, api.reveal_client_secret(&pool_id, &client_id)).await,
            ),
            Request::ListUsers {
                pool_id,
                filter,
                pagination_token,
            } => Response::Users(
                timed(
                    op,
                    timeout,
                    api.list_users(&pool_id, filter, pagination_token),
                )
                .await,
            ),
            Request::AdminGetUser { pool_id, username } => Response::User(
                timed(op, timeout, api.admin_get_user(&pool_id, &username))
                    .await
                    .map(Box::new),
            ),
            Request::AdminListGroupsForUser { pool_id, username } => Response::UserGroups(
                timed(
                    op,
                    timeout,
                    api.admin_list_groups_for_user(&pool_id, &username, None),
                )
                .await,
            ),
            Request::AdminListDevices { pool_id, username } => Response::UserDevices(
                timed(
                    op,
                    timeout,
                    api.admin_list_devices(&pool_id, &username, None),
                )
                .await,
            ),
            Request::ListGroups {
                pool_id,
                next_token,
            } => Response::Groups(timed(op, timeout, api.list_groups(&pool_id, next_token)).await),
            Request::ListUsersInGroup {
                pool_id,
                group,
                next_token,
            } => Response::Members(
                timed(
                    op,
                    timeout,
                    api.list_users_in_group(&pool_id, &group, next_token),
                )
                .await,
            ),
            Request::AuthClients { pool_id } => {
                Response::AuthClients(timed(op, timeout, auth_clients(api, &pool_id)).await)
            }
            Request::Auth(r) => {
                Response::Auth(timed(op, timeout, api.send_auth(&r)).await.map(Box::new))
            }
            Request::Srp(job) => Response::Srp(
                tokio::task::spawn_blocking(move || {
                    job.take().map(|w| w.run(time::OffsetDateTime::now_utc()))
                })
                .await
                .ok()
                .flatten(),
            ),
            Request::Jwks { pool_id } => {
                Response::Jwks(timed(op, timeout, api.fetch_jwks(&pool_id)).await)
            }
            Request::GetUser { access_token } => Response::AuthAction(
                timed(op, timeout, api.get_user(&access_token))
                    .await
                    .map(|u| format!("the token belongs to {}", u.username)),
            ),
            Request::GlobalSignOut { access_token } => Response::AuthAction(
                timed(op, timeout, api.global_sign_out(&access_token))
                    .await
                    .map(|()| "signed out".to_string()),
            ),
            Request::RevokeToken {
                client_id,
                client_secret,
                refresh_token,
            } => Response::AuthAction(
                timed(
                    op,
                    timeout,
                    api.revoke_token(&client_id, client_secret.as_ref(), &refresh_token),
                )
                .await
                .map(|()| "revoked".to_string()),
            ),
            Request::Export { path, markdown } => Response::AuthAction(
                tokio::fs::write(&path, markdown)
                    .await
                    .map(|()| path.clone())
                    .map_err(|e| {
                        CognitoError::new(
                            cognito::ErrorKind::Other,
                            format!("cannot write {path}: {e}"),
                        )
                    }),
            ),
        }
    }
}

/// Every app client of a pool, described (flows and secret), for the sign-in runner.
async fn auth_clients(
    api: &dyn CognitoApi,
    pool_id: &str,
) -> cognito::Result<Vec<cognito::ClientAuthInfo>> {
    let mut out = Vec::new();
    let mut next = None;
    loop {
        let page = api.list_user_pool_clients(pool_id, next).await?;
        for c in page.items {
            out.push(api.client_auth_info(pool_id, &c.id).await?);
        }
        match page.next_token {
            Some(t) => next = Some(t),
            None => return Ok(out),
        }
    }
}
