//! One bound for every gateway call the app makes: a future given up on after the call
//! timeout, as a timeout of its operation. The executor and the managed-login runs use it.

use std::future::Future;
use std::time::Duration;

use crate::cognito;
use crate::domain::CognitoError;

/// `fut`, given up on after `timeout` as a timeout of `op`.
pub(super) async fn timed<T>(
    op: &'static str,
    timeout: Duration,
    fut: impl Future<Output = cognito::Result<T>>,
) -> cognito::Result<T> {
    tokio::time::timeout(timeout, fut)
        .await
        .unwrap_or_else(|_| Err(CognitoError::timeout(op, timeout.as_secs())))
}
