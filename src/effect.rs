//! `Effect`: what `update` asks the loop to do — call Cognito, or quit. `Request` is the whole
//! contract between the UI and the network: one variant per call, run by `execute`.

use std::time::Duration;

use crate::cognito::{CognitoApi, CognitoError};
use crate::model::RequestId;
use crate::msg::Response;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Call(RequestId, Request),
    Quit,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    ListUserPools { next_token: Option<String> },
    DescribeUserPool { pool_id: String },
}

impl Request {
    pub fn operation(&self) -> &'static str {
        match self {
            Request::ListUserPools { .. } => "ListUserPools",
            Request::DescribeUserPool { .. } => "DescribeUserPool",
        }
    }

    /// Run the call against the gateway, bounded by `timeout`.
    pub async fn execute(self, api: &dyn CognitoApi, timeout: Duration) -> Response {
        let op = self.operation();
        let timed_out = || CognitoError::timeout(op, timeout.as_secs());
        match self {
            Request::ListUserPools { next_token } => Response::Pools(
                tokio::time::timeout(timeout, api.list_user_pools(next_token))
                    .await
                    .unwrap_or_else(|_| Err(timed_out())),
            ),
            Request::DescribeUserPool { pool_id } => Response::PoolDetail(
                tokio::time::timeout(timeout, api.describe_user_pool(&pool_id))
                    .await
                    .unwrap_or_else(|_| Err(timed_out()))
                    .map(Box::new),
            ),
        }
    }
}
