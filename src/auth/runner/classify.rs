//! Cognito's errors, in words: which error code and message becomes which [`ErrorKind`], what
//! the user is told, and how [`Runner::retry`] goes on (ask the same question again, start
//! over, or not at all). Also the failure bookkeeping shared by the runner (transcript,
//! outcome, retry plan). No I/O.

use super::*;
use crate::auth::flows::Flow;

/// From this many wrong passwords in a row the error carries a lockout warning.
const LOCKOUT_WARNING_FROM: u32 = 3;

impl Runner {
    pub(super) fn classify(
        &mut self,
        code: &str,
        message: &str,
        sent: &Sent,
    ) -> (FlowError, Option<RetryPlan>) {
        let c = &self.config;
        let step = step_title(c, &sent.awaiting);
        let lower = message.to_ascii_lowercase();
        let same_step = || {
            sent.from_prompt
                .clone()
                .map_or(RetryPlan::RESTART, |(w, p)| RetryPlan::Ask(w, p))
        };
        let at_challenge =
            |name: &str| matches!(&sent.awaiting, Awaiting::Challenge(c) if c == name);
        let is_totp = sent.awaiting == Awaiting::Verify || at_challenge("SOFTWARE_TOKEN_MFA");
        let mut warning = None;

        let secret_problem = lower.contains("secret hash")
            || lower.contains("secrethash")
            || lower.contains("configured for secret")
            || lower.contains("configured with secret")
            || lower.contains("secret was not received");
        let flow_off = lower.contains("not enabled for this client")
            || lower.contains("flow not enabled")
            || lower.contains("flow is not enabled")
            || lower.contains("auth flow not supported")
            || lower.contains("auth method not supported");

        let (kind, text, plan): (ErrorKind, String, Option<RetryPlan>) = match code {
            // The read-only gateway refused the step before sending it; its sentence says why.
            "ReadOnlyMode" => (ErrorKind::ReadOnly, message.to_owned(), None),
            _ if secret_problem => {
                let text = if c.client_secret.is_none() {
                    format!(
                        "App client {} has a client secret, so every call needs a SECRET_HASH: \
                         enter the client secret.",
                        c.client_id
                    )
                } else if c.flow == Flow::RefreshToken {
                    format!(
                        "Cognito could not verify SECRET_HASH: either the client secret is wrong, \
                         or {:?} is not the user's real username (for REFRESH_TOKEN_AUTH it must \
                         be the access token's username claim — the sub when the pool signs in \
                         with email or phone).",
                        c.username
                    )
                } else {
                    "Cognito could not verify SECRET_HASH: the client secret is wrong. Enter it \
                     again."
                        .to_owned()
                };
                (
                    ErrorKind::SecretHash,
                    text,
                    Some(RetryPlan::Restart {
                        forget_password: false,
                        forget_refresh_token: false,
                        ask_client_secret: true,
                    }),
                )
            }
            _ if flow_off => (
                ErrorKind::FlowNotEnabled,
                format!(
                    "{} is not enabled for app client {}: add {} to its ExplicitAuthFlows \
                     (or choose another flow).",
                    c.flow.auth_flow(),
                    c.client_id,
                    c.flow.client_setting()
                ),
                None,
            ),
            "NotAuthorizedException" if lower.contains("incorrect username or password") => {
                self.failed_passwords += 1;
                let n = self.failed_passwords;
                if n >= LOCKOUT_WARNING_FROM {
                    warning = Some(format!(
                        "{n} failed attempts in a row: Cognito locks the user out for a while \
                         after 5 failed attempts."
                    ));
                }
                (
                    ErrorKind::WrongPassword,
                    format!(
                        "Wrong password for {} (Cognito says the same for an unknown user when \
                         the pool hides whether users exist).",
                        c.username
                    ),
                    Some(RetryPlan::Restart {
                        forget_password: true,
                        forget_refresh_token: false,
                        ask_client_secret: false,
                    }),
                )
            }
            "NotAuthorizedException" if lower.contains("password attempts exceeded") => (
                ErrorKind::LockedOut,
                format!(
                    "Too many failed sign-ins: Cognito has locked {} out for a while. Wait before \
                     trying again; every further failure makes the lockout longer.",
                    c.username
                ),
                None,
            ),
            "NotAuthorizedException" if lower.contains("session") => (
                ErrorKind::SessionExpired,
                "The sign-in session expired or was already used (a session lasts 3 minutes \
                 by default and answers one challenge): start over."
                    .to_owned(),
                Some(RetryPlan::RESTART),
            ),
            "NotAuthorizedException" if lower.contains("disabled") => (
                ErrorKind::UserDisabled,
                format!(
                    "User {} is disabled: enable it (AdminEnableUser) first.",
                    c.username
                ),
                None,
            ),
            "NotAuthorizedException" if lower.contains("refresh token") => (
                ErrorKind::InvalidRefreshToken,
                "The refresh token is expired, revoked, or from another app client: sign in \
                 again to get a new one, or paste another."
                    .to_owned(),
                Some(RetryPlan::Restart {
                    forget_password: false,
                    forget_refresh_token: true,
                    ask_client_secret: false,
                }),
            ),
            "NotAuthorizedException" if message.trim().is_empty() || message.trim() == MASK => (
                ErrorKind::Cognito,
                "Cognito refused the call without saying why (the local emulator answers so to a \
                 wrong SECRET_HASH or an unknown session): start over."
                    .to_owned(),
                Some(RetryPlan::RESTART),
            ),
            "UserNotFoundException" => (
                ErrorKind::UserNotFound,
                format!(
                    "No user {} in pool {} (a username is matched exactly; an email or phone \
                     works only if the pool allows it as an alias or username).",
                    c.username, c.pool_id
                ),
                None,
            ),
            "CodeMismatchException" | "EnableSoftwareTokenMFAException" => {
                let hint = if is_totp {
                    " Check the authenticator app's clock: codes change every 30 s."
                } else {
                    ""
                };
                (
                    ErrorKind::CodeMismatch,
                    format!("Wrong code: enter it again.{hint}"),
                    Some(same_step()),
                )
            }
            "ExpiredCodeException" if is_totp => (
                ErrorKind::ExpiredCode,
                "The code expired: enter the current one.".to_owned(),
                Some(same_step()),
            ),
            "ExpiredCodeException" => (
                ErrorKind::ExpiredCode,
                "The code expired: start over to get a new one.".to_owned(),
                Some(RetryPlan::RESTART),
            ),
            "PasswordResetRequiredException" => (
                ErrorKind::PasswordResetRequired,
                format!(
                    "{} must reset the password first (an admin reset it): use ForgotPassword and \
                     ConfirmForgotPassword, or set one as an admin (AdminSetUserPassword).",
                    c.username
                ),
                None,
            ),
            "UserNotConfirmedException" => (
                ErrorKind::UserNotConfirmed,
                format!(
                    "{} has not confirmed the sign-up: confirm with the emailed or texted code \
                     (ConfirmSignUp) or as an admin (AdminConfirmSignUp).",
                    c.username
                ),
                None,
            ),
            "InvalidPasswordException" => {
                let plan = at_challenge("NEW_PASSWORD_REQUIRED").then(same_step);
                (
                    ErrorKind::InvalidPassword,
                    format!("The new password does not meet the pool's password policy: {message}"),
                    plan,
                )
            }
            "InvalidParameterException" if at_challenge("NEW_PASSWORD_REQUIRED") => (
                ErrorKind::InvalidInput,
                format!("Cognito rejected the new password or attributes: {message}"),
                Some(same_step()),
            ),
            "TooManyRequestsException" | "LimitExceededException" => (
                ErrorKind::Throttled,
                format!(
                    "Cognito is throttling these calls ({code}): wait a moment, then start over."
                ),
                Some(RetryPlan::RESTART),
            ),
            "TooManyFailedAttemptsException" => (
                ErrorKind::LockedOut,
                "Too many failed attempts: Cognito blocks this for a while. Wait, then try again."
                    .to_owned(),
                None,
            ),
            "UserLambdaValidationException"
            | "InvalidLambdaResponseException"
            | "UnexpectedLambdaException" => (
                ErrorKind::Lambda,
                format!("A Lambda trigger of the pool failed ({code}): {message}"),
                Some(RetryPlan::RESTART),
            ),
            "ResourceNotFoundException" if sent.awaiting == Awaiting::Initiate => (
                ErrorKind::Config,
                format!("Cognito does not know this pool or app client: {message}"),
                None,
            ),
            "ResourceNotFoundException" => (
                ErrorKind::SessionExpired,
                "Cognito no longer knows this sign-in session: start over.".to_owned(),
                Some(RetryPlan::RESTART),
            ),
            // Unknown (including the gateway's own timeouts and network errors): starting over
            // is harmless and often enough.
            _ => (
                ErrorKind::Cognito,
                format!("{code}: {message}"),
                Some(RetryPlan::RESTART),
            ),
        };
        let mut err = FlowError::new(kind, step, text);
        err.warning = warning;
        (err, plan)
    }

    /// Fails the step whose reply was just recorded; the message goes into the transcript.
    pub(super) fn fail_after_reply(
        &mut self,
        kind: ErrorKind,
        step: impl Into<String>,
        message: impl Into<String>,
        plan: Option<RetryPlan>,
    ) -> Step {
        let err = FlowError::new(kind, step, message);
        if let Some(entry) = self.transcript.last_mut()
            && entry.error.is_none()
        {
            entry.error = Some(err.to_string());
        }
        self.finish_failed(err, plan)
    }

    /// Fails without touching the transcript (the user's input, not Cognito, was the problem).
    pub(super) fn fail_here(
        &mut self,
        kind: ErrorKind,
        step: impl Into<String>,
        message: impl Into<String>,
        plan: Option<RetryPlan>,
    ) -> Step {
        self.finish_failed(FlowError::new(kind, step, message), plan)
    }

    pub(super) fn finish_failed(&mut self, mut err: FlowError, plan: Option<RetryPlan>) -> Step {
        err.retry = match &plan {
            None => Retry::No,
            Some(RetryPlan::Ask(..)) => Retry::SameStep,
            Some(RetryPlan::Restart { .. }) => Retry::Restart,
        };
        self.carry = None;
        self.retry_plan = plan;
        self.state = State::Failed;
        if err.kind != ErrorKind::InvalidInput {
            self.outcome = Some(format!("failed at {}: {err}", err.step));
        }
        Step::Failed(err)
    }
}
