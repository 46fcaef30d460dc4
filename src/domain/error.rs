//! `CognitoError`: every failure of a gateway call, classified so the UI can say what went
//! wrong and what to do, keeping the AWS error code, message and request id.

use std::fmt;

use serde::Serialize;

/// The outcome of a gateway call: the value, or the classified failure.
pub type Result<T> = std::result::Result<T, CognitoError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ErrorKind {
    /// Wrong password, expired or revoked token, bad SECRET_HASH (NotAuthorizedException).
    NotAuthorized,
    /// The pool, user, group or client does not exist.
    NotFound,
    /// TooManyRequests / Throttling, after the retries ran out.
    Throttled,
    /// The request was malformed or a parameter is invalid.
    Validation,
    /// IAM refused the call.
    AccessDenied,
    /// The endpoint could not be reached (DNS, refused connection, TLS).
    Network,
    /// The call took longer than the timeout.
    Timeout,
    /// The call would write, and the app runs with --read-only.
    ReadOnly,
    /// A write reached (or may have reached) Cognito and its answer was lost (the connection
    /// dropped, no answer in time, a 5xx): whether it was carried out is not known until a
    /// read checks. Never retried blindly.
    OutcomeUnknown,
    /// The endpoint does not implement the operation (emulators answer 500 or an
    /// unknown-operation code); shown as "not supported by this endpoint", not as a failure.
    Unsupported,
    /// Anything else (5xx, unknown codes, unreadable responses).
    Other,
}

impl ErrorKind {
    pub fn label(self) -> &'static str {
        match self {
            ErrorKind::NotAuthorized => "not authorized",
            ErrorKind::NotFound => "not found",
            ErrorKind::Throttled => "throttled",
            ErrorKind::Validation => "invalid request",
            ErrorKind::AccessDenied => "access denied",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::ReadOnly => "read-only",
            ErrorKind::OutcomeUnknown => "outcome unknown",
            ErrorKind::Unsupported => "not supported by this endpoint",
            ErrorKind::Other => "error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CognitoError {
    pub kind: ErrorKind,
    /// The AWS error code, e.g. `UserNotFoundException`.
    pub code: Option<String>,
    pub message: String,
    pub request_id: Option<String>,
}

impl CognitoError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            code: None,
            message: message.into(),
            request_id: None,
        }
    }

    pub fn timeout(operation: &str, secs: u64) -> Self {
        Self::new(
            ErrorKind::Timeout,
            format!("{operation} did not answer within {secs} s"),
        )
    }

    pub fn read_only(operation: &str) -> Self {
        Self {
            kind: ErrorKind::ReadOnly,
            code: Some("ReadOnlyMode".into()),
            message: format!(
                "{operation} writes to the pool, and cognito-tui runs with --read-only"
            ),
            request_id: None,
        }
    }

    /// A write whose answer was lost: `lost` says how ("the connection dropped after
    /// AdminCreateUser"), `cause` what the transport said.
    pub fn outcome_unknown(lost: impl Into<String>, cause: &str) -> Self {
        let lost = lost.into();
        Self::new(
            ErrorKind::OutcomeUnknown,
            if cause.is_empty() {
                lost
            } else {
                format!("{lost} ({cause})")
            },
        )
    }

    /// Classify an AWS error code (and the HTTP status when known) into a kind.
    pub fn classify(code: Option<&str>, status: Option<u16>) -> ErrorKind {
        match code.unwrap_or("") {
            "NotAuthorizedException" | "UnauthorizedException" | "ExpiredTokenException" => {
                ErrorKind::NotAuthorized
            }
            "UserNotFoundException"
            | "ResourceNotFoundException"
            | "UserPoolNotFoundException"
            | "NoSuchEntity" => ErrorKind::NotFound,
            "TooManyRequestsException"
            | "ThrottlingException"
            | "Throttling"
            | "LimitExceededException"
            | "TooManyFailedAttemptsException" => ErrorKind::Throttled,
            "InvalidParameterException"
            | "ValidationException"
            | "InvalidPasswordException"
            | "InvalidLambdaResponseException"
            | "CodeMismatchException"
            | "ExpiredCodeException"
            | "UsernameExistsException"
            | "GroupExistsException"
            | "AliasExistsException"
            | "SerializationException" => ErrorKind::Validation,
            "AccessDeniedException"
            | "AccessDenied"
            | "UnrecognizedClientException"
            | "InvalidSignatureException"
            | "MissingAuthenticationToken"
            | "InvalidClientTokenId"
            | "SignatureDoesNotMatch" => ErrorKind::AccessDenied,
            _ => match status {
                Some(404) => ErrorKind::NotFound,
                Some(429) => ErrorKind::Throttled,
                Some(403) => ErrorKind::AccessDenied,
                Some(400) => ErrorKind::Validation,
                _ => ErrorKind::Other,
            },
        }
    }

    /// The IAM action an AccessDenied message names, e.g. `cognito-idp:ListUsers`.
    pub fn denied_action(&self) -> Option<&str> {
        if self.kind != ErrorKind::AccessDenied {
            return None;
        }
        let start = self.message.find("cognito-idp:")?;
        let rest = &self.message[start..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '-'))
            .unwrap_or(rest.len());
        Some(&rest[..end])
    }

    /// Reclassify a failure of an operation some endpoints lack (HTTP 5xx without a known
    /// code, or an unknown-operation code) as `Unsupported`.
    pub fn unsupported_if_missing(mut self) -> Self {
        let code = self.code.as_deref().unwrap_or("");
        let missing_code = code.contains("UnknownOperation")
            || code.contains("NotImplemented")
            || code == "InvalidAction"
            || code.contains("UnsupportedOperation");
        if missing_code || (self.kind == ErrorKind::Other && code.is_empty()) {
            self.kind = ErrorKind::Unsupported;
        }
        self
    }

    /// One line for a pane or the flash line: `UserNotFoundException: User does not exist.`
    pub fn headline(&self) -> String {
        let mut s = match &self.code {
            Some(code) => format!("{code}: {}", self.message),
            None => format!("{}: {}", self.kind.label(), self.message),
        };
        if let Some(action) = self.denied_action() {
            s.push_str(&format!(" (missing IAM permission {action})"));
        }
        s
    }
}

/// What became of a write: done, refused (not carried out), or answer lost and then checked
/// with a read.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteOutcome {
    /// Cognito answered: done.
    Done,
    /// Cognito answered with an error: not carried out.
    Failed(CognitoError),
    /// The answer was lost (`lost.kind` is `OutcomeUnknown`); a read found out what it could.
    Checked {
        lost: CognitoError,
        /// `Some(true)`: it was carried out; `Some(false)`: it was not; `None`: the read cannot
        /// tell.
        done: Option<bool>,
        /// What the read found: "zed exists — created".
        finding: String,
    },
}

impl WriteOutcome {
    /// The whole story in one line: "the connection dropped after AdminCreateUser: checking…
    /// zed exists — created"; `None` for `Done`.
    pub fn story(&self) -> Option<String> {
        match self {
            WriteOutcome::Done => None,
            WriteOutcome::Failed(e) => Some(e.headline()),
            WriteOutcome::Checked { lost, finding, .. } => {
                Some(format!("{}: checking… {finding}", lost.message))
            }
        }
    }

    /// Whether the write is known to have been carried out.
    pub fn is_done(&self) -> bool {
        matches!(
            self,
            WriteOutcome::Done
                | WriteOutcome::Checked {
                    done: Some(true),
                    ..
                }
        )
    }

    /// The error to keep in `:errors`, when there is one to keep: a lost answer with what
    /// its check found.
    pub fn error(&self) -> Option<CognitoError> {
        match self {
            WriteOutcome::Done => None,
            WriteOutcome::Failed(e) => Some(e.clone()),
            WriteOutcome::Checked { lost, .. } => Some(CognitoError {
                message: self.story().unwrap_or_default(),
                ..lost.clone()
            }),
        }
    }
}

impl fmt::Display for CognitoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for CognitoError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_codes() {
        assert_eq!(
            CognitoError::classify(Some("UserNotFoundException"), Some(400)),
            ErrorKind::NotFound
        );
        assert_eq!(
            CognitoError::classify(Some("TooManyRequestsException"), Some(400)),
            ErrorKind::Throttled
        );
        assert_eq!(
            CognitoError::classify(Some("NotAuthorizedException"), Some(400)),
            ErrorKind::NotAuthorized
        );
        assert_eq!(
            CognitoError::classify(Some("Weird"), Some(403)),
            ErrorKind::AccessDenied
        );
        assert_eq!(CognitoError::classify(None, Some(500)), ErrorKind::Other);
    }

    #[test]
    fn a_missing_operation_is_unsupported_but_a_real_error_is_not() {
        let e = CognitoError::new(ErrorKind::Other, "AdminListDevices failed with HTTP 500");
        assert_eq!(e.unsupported_if_missing().kind, ErrorKind::Unsupported);
        let mut e = CognitoError::new(ErrorKind::Other, "x");
        e.code = Some("UnknownOperationException".into());
        assert_eq!(e.unsupported_if_missing().kind, ErrorKind::Unsupported);
        let e = CognitoError::new(ErrorKind::NotFound, "no user");
        assert_eq!(e.unsupported_if_missing().kind, ErrorKind::NotFound);
    }

    #[test]
    fn access_denied_names_the_action() {
        let e = CognitoError {
            kind: ErrorKind::AccessDenied,
            code: Some("AccessDeniedException".into()),
            message: "User: arn:aws:iam::1:user/x is not authorized to perform: cognito-idp:ListUsers on resource: arn".into(),
            request_id: Some("abc".into()),
        };
        assert_eq!(e.denied_action(), Some("cognito-idp:ListUsers"));
        assert!(
            e.headline()
                .contains("missing IAM permission cognito-idp:ListUsers")
        );
        assert!(e.to_string().ends_with("[request id abc]"));
    }
}
