//! The read-only guard at the one place every request leaves: an SDK interceptor on each of
//! the gateway's clients (Cognito, Lambda, IAM, Cognito Identity, STS). With `--read-only` it lets through only the
//! operations on [`READS`] and the answers to sign-in challenges that change nothing
//! ([`HARMLESS_CHALLENGES`]); everything else is refused before it is serialized, so nothing
//! is sent, with a sentence saying what the call would have done ("read-only: answering
//! NEW_PASSWORD_REQUIRED would set emma's password"). Deny by default: an operation the
//! gateway starts to call is refused until it is named here as a read. `clients` is the only
//! place the gateway's SDK clients are built.

use aws_sdk_cognitoidentity as ci;
use aws_sdk_cognitoidentityprovider as cip;
use aws_sdk_iam as iam;
use aws_sdk_lambda as lambda;
use aws_sdk_sts as sts;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeSerializationInterceptorContextRef, Input,
};
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use cip::config::ConfigBag;
use cip::operation::admin_respond_to_auth_challenge::AdminRespondToAuthChallengeInput;
use cip::operation::respond_to_auth_challenge::RespondToAuthChallengeInput;

use super::error::ReadOnlyRefusal;
use super::retry::ResendGuard;

/// The service names the SDKs give their operations.
pub(super) use super::operations::{COGNITO, READS};

/// RespondToAuthChallenge and AdminRespondToAuthChallenge: allowed for these challenges
/// only, whose answers prove who the user is and change nothing.
pub(super) const HARMLESS_CHALLENGES: &[&str] = &[
    "PASSWORD_VERIFIER",
    "SOFTWARE_TOKEN_MFA",
    "SMS_MFA",
    "EMAIL_OTP",
    "SMS_OTP",
    "SELECT_MFA_TYPE",
    "SELECT_CHALLENGE",
    "CUSTOM_CHALLENGE",
    "DEVICE_SRP_AUTH",
    "DEVICE_PASSWORD_VERIFIER",
    "PASSWORD",
    "PASSWORD_SRP",
];

/// The challenge a RespondToAuthChallenge input answers, and for whom.
fn challenge_of(input: &Input) -> Option<(Option<&str>, Option<&str>)> {
    if let Some(i) = input.downcast_ref::<RespondToAuthChallengeInput>() {
        return Some((
            i.challenge_name().map(|c| c.as_str()),
            i.challenge_responses()
                .and_then(|r| r.get("USERNAME"))
                .map(String::as_str),
        ));
    }
    let i = input.downcast_ref::<AdminRespondToAuthChallengeInput>()?;
    Some((
        i.challenge_name().map(|c| c.as_str()),
        i.challenge_responses()
            .and_then(|r| r.get("USERNAME"))
            .map(String::as_str),
    ))
}

/// The user an admin call names, when it names one.
fn username_of(input: &Input) -> Option<&str> {
    use cip::operation as op;
    macro_rules! first {
        ($($ty:ty),*) => {
            $(if let Some(i) = input.downcast_ref::<$ty>() {
                return i.username();
            })*
        };
    }
    first!(
        op::admin_user_global_sign_out::AdminUserGlobalSignOutInput,
        op::admin_set_user_mfa_preference::AdminSetUserMfaPreferenceInput,
        op::admin_confirm_sign_up::AdminConfirmSignUpInput,
        op::admin_forget_device::AdminForgetDeviceInput,
        op::confirm_sign_up::ConfirmSignUpInput
    );
    None
}

/// Whether a read-only gateway may send `operation` of `service` with this input; else the
/// sentence saying what it would do.
pub(super) fn verdict(service: &str, operation: &str, input: &Input) -> Result<(), String> {
    if READS.contains(&(service, operation)) {
        return Ok(());
    }
    let possessive = |user: Option<&str>| match user {
        Some(u) if !u.is_empty() => format!("{u}'s"),
        _ => "the user's".to_owned(),
    };
    let sentence = match (service, operation) {
        (COGNITO, "RespondToAuthChallenge" | "AdminRespondToAuthChallenge") => {
            match challenge_of(input) {
                Some((Some(name), _)) if HARMLESS_CHALLENGES.contains(&name) => return Ok(()),
                Some((Some("NEW_PASSWORD_REQUIRED"), user)) => format!(
                    "answering NEW_PASSWORD_REQUIRED would set {} password",
                    possessive(user)
                ),
                Some((Some("MFA_SETUP"), user)) => format!(
                    "answering MFA_SETUP would register an authenticator app as {} MFA",
                    possessive(user)
                ),
                Some((name, user)) => format!(
                    "answering {} may change {} account, so it is not sent",
                    name.unwrap_or("a challenge"),
                    possessive(user)
                ),
                None => format!("{operation} is not a read, so it is not sent"),
            }
        }
        (COGNITO, "AssociateSoftwareToken") => {
            "AssociateSoftwareToken would start adding an authenticator app to the user's MFA"
                .to_owned()
        }
        (COGNITO, "VerifySoftwareToken") => {
            "VerifySoftwareToken would register an authenticator app as the user's MFA".to_owned()
        }
        (COGNITO, "GlobalSignOut") => {
            "GlobalSignOut would sign the user out everywhere (every refresh token revoked)"
                .to_owned()
        }
        (COGNITO, "AdminUserGlobalSignOut") => format!(
            "AdminUserGlobalSignOut would sign {} out everywhere",
            username_of(input).unwrap_or("the user")
        ),
        (COGNITO, "RevokeToken") => {
            "RevokeToken would revoke the refresh token and the access tokens issued from it"
                .to_owned()
        }
        (COGNITO, "SetUserMFAPreference" | "AdminSetUserMFAPreference") => format!(
            "{operation} would change {} MFA preference",
            possessive(username_of(input))
        ),
        (COGNITO, "ConfirmSignUp" | "AdminConfirmSignUp") => format!(
            "{operation} would confirm {} sign-up",
            possessive(username_of(input))
        ),
        (COGNITO, "ForgetDevice" | "AdminForgetDevice") => format!(
            "{operation} would forget a remembered device of {}",
            username_of(input).unwrap_or("the user")
        ),
        _ => format!("{operation} is not a read, so it is not sent"),
    };
    Err(format!("read-only: {sentence}"))
}

/// The interceptor: [`verdict`] on every request, after the operation's configuration is
/// known and before it is serialized.
#[derive(Debug)]
struct ReadOnlyGuard;

impl Intercept for ReadOnlyGuard {
    fn name(&self) -> &'static str {
        "cognito-tui read-only guard"
    }

    fn read_before_serialization(
        &self,
        context: &BeforeSerializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(meta) = cfg.load::<Metadata>() else {
            return Err(Box::new(ReadOnlyRefusal(
                "read-only: a call without an operation name is not sent".into(),
            )));
        };
        verdict(meta.service(), meta.name(), context.input()).map_err(|sentence| {
            tracing::info!(
                operation = meta.name(),
                service = meta.service(),
                "refused in read-only mode"
            );
            Box::new(ReadOnlyRefusal(sentence)) as BoxError
        })
    }
}

/// The gateway's clients; in read-only mode each carries the guard.
pub(super) struct Clients {
    pub cognito: cip::Client,
    pub lambda: lambda::Client,
    pub iam: iam::Client,
    pub identity: ci::Client,
    pub sts: sts::Client,
}

// Every client gets the resend guard (no blind resend of a write that may have reached the
// service); in read-only mode also the read-only guard.
macro_rules! client {
    ($sdk:ident, $conf:expr, $read_only:expr) => {{
        let mut b = $sdk::config::Builder::from($conf).interceptor(ResendGuard);
        if $read_only {
            b = b.interceptor(ReadOnlyGuard);
        }
        b
    }};
}

pub(super) fn clients(conf: &aws_config::SdkConfig, read_only: bool) -> Clients {
    Clients {
        cognito: cip::Client::from_conf(client!(cip, conf, read_only).build()),
        lambda: lambda::Client::from_conf(client!(lambda, conf, read_only).build()),
        iam: iam::Client::from_conf(client!(iam, conf, read_only).build()),
        identity: ci::Client::from_conf(client!(ci, conf, read_only).build()),
        sts: sts::Client::from_conf(client!(sts, conf, read_only).build()),
    }
}

/// An STS client that signs with `credentials` (the ones an identity pool vended), guarded
/// like the others: it proves them with GetCallerIdentity.
pub(super) fn sts_as(
    conf: &aws_config::SdkConfig,
    read_only: bool,
    credentials: sts::config::Credentials,
) -> sts::Client {
    sts::Client::from_conf(
        client!(sts, conf, read_only)
            .credentials_provider(credentials)
            .build(),
    )
}

#[cfg(test)]
#[path = "guard_tests.rs"]
mod tests;
