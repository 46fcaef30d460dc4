//! `Effect`: what `update` asks the loop to do — call Cognito, or quit. `Request` is the whole
//! contract between the UI and the network: one variant per call, run by `execute`.

use std::future::Future;
use std::time::Duration;

use crate::cognito::{self, CognitoApi, CognitoError};
use crate::model::RequestId;
use crate::msg::Response;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Call(RequestId, Request),
    /// Rebuild the gateway for another region and/or profile, off the UI loop; the loop
    /// answers with `Msg::Switched`.
    Switch(RequestId, Switch),
    Quit,
}

/// What to switch to; `None` keeps the current value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Switch {
    pub region: Option<String>,
    pub profile: Option<String>,
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
        }
    }
}
