//! Error classification: any SDK error (Cognito's, Lambda's, IAM's) becomes a
//! [`CognitoError`] with its kind, code, message and request id, logged once here. Also the
//! gateway's `Result`, and the read-only guard's refusal, recognised here. Of `cognito/` it
//! imports only `operations` (which calls are reads); everything else imports it.

use aws_sdk_cognitoidentityprovider::config::http::HttpResponse;
use aws_sdk_cognitoidentityprovider::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_cognitoidentityprovider::operation::RequestId;
use aws_smithy_runtime_api::client::result::ConnectorError;

use super::operations::{NOT_RESENT, READS};
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

/// Whether `operation` may be sent again when its answer is lost: a read on
/// `operations::READS`, the list the read-only guard allows too, other than a sign-in start.
/// Every other operation — a write, a sign-in step (a code sent, a session used) — is sent
/// once unless it was refused for throttling or never left this machine; a name added later
/// is a write until it is listed as a read.
pub(super) fn may_resend(operation: &str) -> bool {
    READS.iter().any(|(_, op)| *op == operation) && !NOT_RESENT.contains(&operation)
}

/// Whether a connector failure happened before the request could leave this machine: the
/// connection was refused, or DNS, the TCP connect or the TLS handshake failed or timed out.
/// Anything else (a reset, a closed connection, a read timeout) may come after Cognito got the
/// request.
pub(super) fn never_sent(err: &ConnectorError) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        if let Some(io) = e.downcast_ref::<std::io::Error>()
            && matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionRefused | std::io::ErrorKind::AddrNotAvailable
            )
        {
            return true;
        }
        let text = e.to_string().to_ascii_lowercase();
        if [
            "dns error",
            "tcp connect",
            "connect timeout",
            "client error (connect)",
            "tls handshake",
        ]
        .iter()
        .any(|s| text.contains(s))
        {
            return true;
        }
        cur = e.source();
    }
    false
}

/// How the answer to a request that may have reached Cognito was lost; `None` when Cognito
/// answered (below 500) or the request never left.
fn lost_answer<E>(operation: &str, err: &SdkError<E, HttpResponse>) -> Option<String> {
    match err {
        SdkError::TimeoutError(_) => Some(format!("{operation} got no answer in time")),
        SdkError::DispatchFailure(d) => match d.as_connector_error() {
            Some(c) if never_sent(c) => None,
            Some(c) if c.is_timeout() => Some(format!("{operation} got no answer in time")),
            _ => Some(format!("the connection dropped after {operation}")),
        },
        SdkError::ResponseError(_) => Some(format!("{operation}'s answer could not be read")),
        SdkError::ServiceError(_) => err
            .raw_response()
            .map(|r| r.status().as_u16())
            .filter(|s| *s >= 500)
            .map(|s| format!("{operation} reached Cognito and failed with HTTP {s}")),
        _ => None,
    }
}

/// Classify any SDK error (Cognito's or Lambda's) into a `CognitoError`.
pub(super) fn classify<E: ServiceError>(
    operation: &str,
    err: SdkError<E, HttpResponse>,
) -> CognitoError {
    if let Some(refusal) = refusal_in(&err) {
        return CognitoError {
            kind: ErrorKind::ReadOnly,
            code: Some("ReadOnlyMode".into()),
            message: refusal.0.clone(),
            request_id: None,
        };
    }
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
    if !may_resend(operation)
        && let Some(lost) = lost_answer(operation, &err)
    {
        let cause = match &out.code {
            Some(code) => format!("{code}: {}", out.message),
            None => root_cause(&err),
        };
        out = CognitoError::outcome_unknown(lost, &cause);
    }
    out.request_id = request_id;
    tracing::warn!(operation, kind = ?out.kind, code = ?out.code, request_id = ?out.request_id, "call failed");
    out
}

/// A request the SDK's builder refused (a required field missing).
pub(super) fn build_err(e: impl std::fmt::Display) -> CognitoError {
    CognitoError::new(ErrorKind::Validation, e.to_string())
}

/// The read-only guard's refusal of a request (see `guard`), carried through the SDK's error
/// to [`classify`]: the sentence saying what the call would have done.
#[derive(Debug)]
pub(super) struct ReadOnlyRefusal(pub String);

impl std::fmt::Display for ReadOnlyRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ReadOnlyRefusal {}

/// The guard's refusal somewhere in an error's chain of causes.
fn refusal_in<'a>(err: &'a (dyn std::error::Error + 'static)) -> Option<&'a ReadOnlyRefusal> {
    let mut cur = Some(err);
    while let Some(e) = cur {
        if let Some(r) = e.downcast_ref::<ReadOnlyRefusal>() {
            return Some(r);
        }
        cur = e.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    #[test]
    fn reads_may_be_resent_writes_and_sign_in_steps_may_not() {
        for op in [
            "ListUsers",
            "DescribeUserPool",
            "AdminGetUser",
            "AdminListGroupsForUser",
            "GetUser",
        ] {
            assert!(may_resend(op), "{op}");
        }
        for op in [
            "AdminCreateUser",
            "AdminResetUserPassword",
            "AdminSetUserPassword",
            "InitiateAuth",
            "RespondToAuthChallenge",
            "SignUp",
            "CreateRole",
            "SomeFutureOperation",
        ] {
            assert!(!may_resend(op), "{op}");
        }
    }

    #[test]
    fn only_a_failure_before_sending_is_known_unsent() {
        let refused =
            ConnectorError::io(Box::new(io::Error::from(io::ErrorKind::ConnectionRefused)));
        assert!(never_sent(&refused));
        let dns = ConnectorError::io("dns error: failed to lookup address".into());
        assert!(never_sent(&dns));
        let reset = ConnectorError::io(Box::new(io::Error::from(io::ErrorKind::ConnectionReset)));
        assert!(!never_sent(&reset));
        let closed = ConnectorError::io("connection closed before message completed".into());
        assert!(!never_sent(&closed));
        let read = ConnectorError::timeout("HTTP read timeout occurred after 2s".into());
        assert!(!never_sent(&read));
    }
}
