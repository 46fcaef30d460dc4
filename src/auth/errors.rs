//! How a sign-in step fails: [`FlowError`] (a message meant for the user, Cognito's code and
//! message), its [`ErrorKind`] and whether it can be retried ([`Retry`]). The types only;
//! which Cognito error becomes which kind is decided in `runner/classify.rs`.

use std::fmt;

/// Whether and how a failed step can be tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// The session is still good: [`Runner::retry`](crate::auth::Runner::retry) asks the same question again.
    SameStep,
    /// [`Runner::retry`](crate::auth::Runner::retry) starts the flow over (asking again for what was wrong).
    Restart,
    /// Something outside the flow must change first (pool, client or user settings).
    No,
}

impl Retry {
    /// `SameStep` or `Restart`.
    pub fn is_possible(self) -> bool {
        self != Self::No
    }
}

/// What went wrong, in categories the UI can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// `Incorrect username or password.`
    WrongPassword,
    /// `Password attempts exceeded`: Cognito's temporary lockout.
    LockedOut,
    /// `UserNotFoundException`.
    UserNotFound,
    /// `User is disabled.`
    UserDisabled,
    /// Wrong one-time code.
    CodeMismatch,
    /// The code expired.
    ExpiredCode,
    /// The sign-in session expired or was used up.
    SessionExpired,
    /// The app client does not allow this flow.
    FlowNotEnabled,
    /// `SECRET_HASH` missing or wrong.
    SecretHash,
    /// `PasswordResetRequiredException`.
    PasswordResetRequired,
    /// `UserNotConfirmedException`.
    UserNotConfirmed,
    /// The new password breaks the policy.
    InvalidPassword,
    /// The refresh token is expired, revoked or foreign.
    InvalidRefreshToken,
    /// Throttling.
    Throttled,
    /// A Lambda trigger failed.
    Lambda,
    /// Cognito's SRP values could not be used.
    Srp,
    /// A reply that does not fit the request.
    UnexpectedReply,
    /// A challenge or option this console does not handle.
    Unsupported,
    /// The input does not answer the prompt.
    InvalidInput,
    /// The configuration cannot work.
    Config,
    /// The step would change the user or a token, and the gateway runs read-only: it was
    /// refused before it was sent.
    ReadOnly,
    /// Another Cognito error.
    Cognito,
    /// The runner was driven out of order (a bug in the caller).
    Misuse,
}

/// A failed step, with a message meant for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowError {
    /// The category.
    pub kind: ErrorKind,
    /// Where it happened, e.g. `RespondToAuthChallenge SOFTWARE_TOKEN_MFA`.
    pub step: String,
    /// What happened and what to do, in words.
    pub message: String,
    /// Cognito's error code, when the error came from Cognito.
    pub code: Option<String>,
    /// Cognito's own message (with any secret the runner knows masked).
    pub cognito_message: Option<String>,
    /// Whether and how to try again.
    pub retry: Retry,
    /// E.g. the lockout warning after repeated wrong passwords.
    pub warning: Option<String>,
}

impl FlowError {
    pub(super) fn new(
        kind: ErrorKind,
        step: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            step: step.into(),
            message: message.into(),
            code: None,
            cognito_message: None,
            retry: Retry::No,
            warning: None,
        }
    }
}

impl fmt::Display for FlowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(w) = &self.warning {
            write!(f, " Warning: {w}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FlowError {}
