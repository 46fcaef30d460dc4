//! Error classification: any SDK error (Cognito's, Lambda's, IAM's) becomes a
//! [`CognitoError`] with its kind, code, message and request id, logged once here. Also the
//! gateway's `Result`. It imports nothing else of `cognito/`; everything else imports it.

use aws_sdk_cognitoidentityprovider::config::http::HttpResponse;
use aws_sdk_cognitoidentityprovider::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_cognitoidentityprovider::operation::RequestId;

use crate::domain::{CognitoError, ErrorKind};

pub use crate::domain::Result;

/// A service's error as the SDK reports it (Cognito's, Lambda's, IAM's): what
/// [`classify`] reads.
pub(super) trait ServiceError:
    ProvideErrorMetadata + std::error::Error + Send + Sync + 'static
{
}

impl<E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static> ServiceError for E {}

/// What an SDK call answers before classification.
pub(super) type SdkResult<O, E> = std::result::Result<O, SdkError<E, HttpResponse>>;

/// The deepest cause of an error, for a short message ("Connection refused (os error 111)").
fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = err;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// Classify any SDK error (Cognito's or Lambda's) into a `CognitoError`.
pub(super) fn classify<E: ServiceError>(
    operation: &str,
    err: SdkError<E, HttpResponse>,
) -> CognitoError {
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

/// A request the SDK's builder refused (a required field missing).
pub(super) fn build_err(e: impl std::fmt::Display) -> CognitoError {
    CognitoError::new(ErrorKind::Validation, e.to_string())
}
