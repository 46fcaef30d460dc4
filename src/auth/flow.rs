//! The sign-in state machine of the auth runner: an event comes in (start, Cognito's reply or
//! error, the user's input, a finished SRP computation) and the next step goes out.
//! It must do no I/O: no network, no clock, no terminal, no AWS SDK. The gateway sends the
//! [`AuthRequest`]s, the app runs [`SrpWork`] off the UI loop (passing it the time) and asks
//! the user the [`Prompt`]s.
//!
//! # Driving it
//!
//! ```text
//! let mut step = runner.start(inputs);
//! loop {
//!     step = match step {
//!         Step::Send(req) => match gateway.send(&req).await {
//!             Ok(reply) => runner.on_response(reply),
//!             Err(e) => runner.on_error(&e.code, &e.message),
//!         },
//!         Step::NeedInput(prompt) => runner.provide(ask_user(&prompt)),
//!         Step::Compute(work) => runner.srp_done(spawn_blocking(move || work.run(now_utc())).await),
//!         Step::Done(tokens) => break Ok(tokens),
//!         Step::Failed(e) if e.retry.is_possible() && interactive => { show(&e); runner.retry() }
//!         Step::Failed(e) => break Err(e),
//!     }
//! }
//! ```
//!
//! # Which username goes where
//!
//! - `InitiateAuth` / `AdminInitiateAuth`: `USERNAME` and the `SECRET_HASH` use what the user
//!   typed ([`FlowConfig::username`]), which may be an alias (email, phone).
//! - Every challenge answer: `USERNAME` and `SECRET_HASH` use the user's real username as
//!   Cognito returned it: the challenge parameter `USERNAME` when present, else
//!   `USER_ID_FOR_SRP`, else the last such value seen, else the typed name. (On AWS the two
//!   parameters are equal; moto puts the user's sub in `USER_ID_FOR_SRP` and the username in
//!   `USERNAME`, and checks `USERNAME`. pycognito does the same.)
//! - The SRP math (`x` and the claim signature) always uses `USER_ID_FOR_SRP`.
//! - `REFRESH_TOKEN_AUTH`: there is no `USERNAME` parameter, but the `SECRET_HASH` must be made
//!   with the user's real username — the `username` claim of the access token, which is the
//!   `sub` in pools that sign in with email or phone. Put that in [`FlowConfig::username`].
//!
//! Whenever Cognito returns a `Session`, the next call passes it back; a reply without one
//! clears it.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::LazyLock;

use serde::Deserialize;
use time::OffsetDateTime;

use crate::auth::secret_hash::secret_hash;
use crate::auth::srp::{self, PasswordClaim, SrpClient, SrpError};
use crate::auth::totp;
use crate::domain::secret::Secret;

/// How secrets are shown.
pub const MASK: &str = "••••••";

/// From this many wrong passwords in a row the error carries a lockout warning.
const LOCKOUT_WARNING_FROM: u32 = 3;

/// `FriendlyDeviceName` sent with `VerifySoftwareToken`.
const FRIENDLY_DEVICE_NAME: &str = "cognito-tui";

/// Values longer than this are shortened in masked views.
const SHOW_MAX_CHARS: usize = 48;

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

/// A first factor of choice-based sign-in (`USER_AUTH`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FirstFactor {
    /// `PASSWORD`: the password is sent to Cognito.
    Password,
    /// `PASSWORD_SRP`: the password is proven by SRP, never sent.
    PasswordSrp,
    /// `EMAIL_OTP`: a one-time code by email.
    EmailOtp,
    /// `SMS_OTP`: a one-time code by SMS.
    SmsOtp,
    /// `WEB_AUTHN`: a passkey. Needs a browser or a platform authenticator: not supported here.
    WebAuthn,
}

impl FirstFactor {
    /// All of them, in Cognito's documentation order.
    pub const ALL: [FirstFactor; 5] = [
        Self::Password,
        Self::PasswordSrp,
        Self::EmailOtp,
        Self::SmsOtp,
        Self::WebAuthn,
    ];

    /// Cognito's name, as in `PREFERRED_CHALLENGE` and `AvailableChallenges`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Password => "PASSWORD",
            Self::PasswordSrp => "PASSWORD_SRP",
            Self::EmailOtp => "EMAIL_OTP",
            Self::SmsOtp => "SMS_OTP",
            Self::WebAuthn => "WEB_AUTHN",
        }
    }

    /// The factor named `s` (Cognito's spelling, any case).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// The sign-in flows the runner can drive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// `USER_SRP_AUTH`: SRP, the password never leaves the machine.
    UserSrp,
    /// `USER_PASSWORD_AUTH`: the password is sent over TLS.
    UserPassword,
    /// `ADMIN_USER_PASSWORD_AUTH`: `AdminInitiateAuth` / `AdminRespondToAuthChallenge` (IAM).
    AdminUserPassword,
    /// `REFRESH_TOKEN_AUTH`: new tokens for a refresh token.
    RefreshToken,
    /// `CUSTOM_AUTH`: the pool's auth-challenge Lambdas decide.
    CustomAuth,
    /// `CUSTOM_AUTH` starting with an SRP password check (`CHALLENGE_NAME=SRP_A`).
    CustomAuthWithSrp,
    /// `USER_AUTH`: choice-based; with `preferred`, `PREFERRED_CHALLENGE` skips the menu.
    UserAuth {
        /// The first factor to ask for directly.
        preferred: Option<FirstFactor>,
    },
}

impl Flow {
    /// The `AuthFlow` value sent to Cognito.
    pub fn auth_flow(self) -> &'static str {
        match self {
            Self::UserSrp => "USER_SRP_AUTH",
            Self::UserPassword => "USER_PASSWORD_AUTH",
            Self::AdminUserPassword => "ADMIN_USER_PASSWORD_AUTH",
            Self::RefreshToken => "REFRESH_TOKEN_AUTH",
            Self::CustomAuth | Self::CustomAuthWithSrp => "CUSTOM_AUTH",
            Self::UserAuth { .. } => "USER_AUTH",
        }
    }

    /// A name for the timeline and the explanations (`CUSTOM_AUTH_WITH_SRP` for the SRP variant).
    pub fn name(self) -> &'static str {
        match self {
            Self::CustomAuthWithSrp => "CUSTOM_AUTH_WITH_SRP",
            other => other.auth_flow(),
        }
    }

    /// The app client's `ExplicitAuthFlows` entry that allows this flow.
    pub fn client_setting(self) -> &'static str {
        match self {
            Self::UserSrp => "ALLOW_USER_SRP_AUTH",
            Self::UserPassword => "ALLOW_USER_PASSWORD_AUTH",
            Self::AdminUserPassword => "ALLOW_ADMIN_USER_PASSWORD_AUTH",
            Self::RefreshToken => "ALLOW_REFRESH_TOKEN_AUTH",
            Self::CustomAuth | Self::CustomAuthWithSrp => "ALLOW_CUSTOM_AUTH",
            Self::UserAuth { .. } => "ALLOW_USER_AUTH",
        }
    }

    fn is_admin(self) -> bool {
        self == Self::AdminUserPassword
    }

    /// The password is needed before `InitiateAuth`.
    fn password_first(self) -> bool {
        matches!(
            self,
            Self::UserSrp
                | Self::UserPassword
                | Self::AdminUserPassword
                | Self::CustomAuthWithSrp
                | Self::UserAuth {
                    preferred: Some(FirstFactor::Password | FirstFactor::PasswordSrp)
                }
        )
    }

    /// `InitiateAuth` carries `SRP_A`.
    fn srp_first(self) -> bool {
        matches!(
            self,
            Self::UserSrp
                | Self::CustomAuthWithSrp
                | Self::UserAuth {
                    preferred: Some(FirstFactor::PasswordSrp)
                }
        )
    }
}

/// What the runner signs in to, and as whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowConfig {
    /// `<region>_<name>`.
    pub pool_id: String,
    /// The app client id.
    pub client_id: String,
    /// The app client's secret, when it has one: every call then carries `SECRET_HASH`.
    /// When it is missing but needed, the runner asks for it ([`Prompt::ClientSecret`]).
    pub client_secret: Option<Secret>,
    /// What the user signs in with (a username or an alias). For `REFRESH_TOKEN_AUTH` with a
    /// client secret: the user's real username (see the module documentation).
    pub username: String,
    /// The flow.
    pub flow: Flow,
    /// The issuer shown by authenticator apps for an MFA set up here; default `Cognito <pool id>`.
    pub totp_issuer: Option<String>,
}

impl FlowConfig {
    /// A configuration without client secret and with the default TOTP issuer.
    pub fn new(
        pool_id: impl Into<String>,
        client_id: impl Into<String>,
        username: impl Into<String>,
        flow: Flow,
    ) -> Self {
        Self {
            pool_id: pool_id.into(),
            client_id: client_id.into(),
            client_secret: None,
            username: username.into(),
            flow,
            totp_issuer: None,
        }
    }

    /// The same with a client secret.
    pub fn with_client_secret(mut self, secret: impl Into<Secret>) -> Self {
        self.client_secret = Some(secret.into());
        self
    }

    fn issuer(&self) -> String {
        self.totp_issuer
            .clone()
            .unwrap_or_else(|| format!("Cognito {}", self.pool_id))
    }
}

/// What the user may hand over up front; whatever is missing is asked for when needed.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// The password, for the flows that need one.
    pub password: Option<Secret>,
    /// The refresh token, for `REFRESH_TOKEN_AUTH`.
    pub refresh_token: Option<Secret>,
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/// One `AuthParameters` / `ChallengeResponses` value.
#[derive(Clone, PartialEq, Eq)]
pub enum Param {
    /// Shown as is.
    Plain(String),
    /// Never shown: passwords, codes, answers, hashes, tokens.
    Secret(Secret),
}

impl Param {
    /// The value to send. Only the gateway calls this.
    pub fn expose(&self) -> &str {
        match self {
            Self::Plain(s) => s,
            Self::Secret(s) => s.expose(),
        }
    }

    /// Whether the value is a secret.
    pub fn is_secret(&self) -> bool {
        matches!(self, Self::Secret(_))
    }

    /// The value for a screen or a transcript: secrets as [`MASK`], long values shortened.
    pub fn masked(&self) -> String {
        match self {
            Self::Plain(s) => shorten(s),
            Self::Secret(_) => MASK.to_owned(),
        }
    }
}

impl fmt::Debug for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Plain(s) => write!(f, "{s:?}"),
            Self::Secret(_) => f.write_str(MASK),
        }
    }
}

/// `AuthParameters` or `ChallengeResponses`.
pub type Params = BTreeMap<String, Param>;

/// The plain map the SDK wants. Only the gateway calls this.
pub fn expose_params(params: &Params) -> HashMap<String, String> {
    params
        .iter()
        .map(|(k, v)| (k.clone(), v.expose().to_owned()))
        .collect()
}

/// A call for the gateway to make. `Debug` never shows a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthRequest {
    /// `InitiateAuth`.
    InitiateAuth {
        /// App client id.
        client_id: String,
        /// `AuthFlow`, e.g. `USER_SRP_AUTH`.
        auth_flow: &'static str,
        /// `AuthParameters`.
        params: Params,
    },
    /// `AdminInitiateAuth` (IAM-signed).
    AdminInitiateAuth {
        /// User pool id.
        pool_id: String,
        /// App client id.
        client_id: String,
        /// `AuthFlow`.
        auth_flow: &'static str,
        /// `AuthParameters`.
        params: Params,
    },
    /// `RespondToAuthChallenge`.
    RespondToAuthChallenge {
        /// App client id.
        client_id: String,
        /// `ChallengeName`.
        challenge_name: String,
        /// `ChallengeResponses`.
        responses: Params,
        /// `Session`, when Cognito gave one.
        session: Option<Secret>,
    },
    /// `AdminRespondToAuthChallenge` (IAM-signed).
    AdminRespondToAuthChallenge {
        /// User pool id.
        pool_id: String,
        /// App client id.
        client_id: String,
        /// `ChallengeName`.
        challenge_name: String,
        /// `ChallengeResponses`.
        responses: Params,
        /// `Session`.
        session: Option<Secret>,
    },
    /// `AssociateSoftwareToken` with the sign-in `Session` (no access token yet).
    AssociateSoftwareToken {
        /// `Session`.
        session: Secret,
    },
    /// `VerifySoftwareToken` with the `Session`.
    VerifySoftwareToken {
        /// `Session`.
        session: Secret,
        /// `UserCode`: the authenticator's code.
        user_code: Secret,
        /// `FriendlyDeviceName`.
        friendly_device_name: Option<String>,
    },
}

impl AuthRequest {
    /// The Cognito operation name.
    pub fn operation(&self) -> &'static str {
        match self {
            Self::InitiateAuth { .. } => "InitiateAuth",
            Self::AdminInitiateAuth { .. } => "AdminInitiateAuth",
            Self::RespondToAuthChallenge { .. } => "RespondToAuthChallenge",
            Self::AdminRespondToAuthChallenge { .. } => "AdminRespondToAuthChallenge",
            Self::AssociateSoftwareToken { .. } => "AssociateSoftwareToken",
            Self::VerifySoftwareToken { .. } => "VerifySoftwareToken",
        }
    }

    /// The request as the timeline shows it: names and values, secrets as [`MASK`].
    pub fn masked(&self) -> MaskedRequest {
        let from_params = |params: &Params| -> Vec<(String, String)> {
            params
                .iter()
                .map(|(k, v)| (k.clone(), v.masked()))
                .collect()
        };
        let (subject, params, session) = match self {
            Self::InitiateAuth {
                auth_flow, params, ..
            }
            | Self::AdminInitiateAuth {
                auth_flow, params, ..
            } => (Some(auth_flow.to_string()), from_params(params), false),
            Self::RespondToAuthChallenge {
                challenge_name,
                responses,
                session,
                ..
            }
            | Self::AdminRespondToAuthChallenge {
                challenge_name,
                responses,
                session,
                ..
            } => (
                Some(challenge_name.clone()),
                from_params(responses),
                session.is_some(),
            ),
            Self::AssociateSoftwareToken { .. } => (None, Vec::new(), true),
            Self::VerifySoftwareToken {
                friendly_device_name,
                ..
            } => {
                let mut params = vec![("UserCode".to_owned(), MASK.to_owned())];
                if let Some(name) = friendly_device_name {
                    params.push(("FriendlyDeviceName".to_owned(), name.clone()));
                }
                (None, params, true)
            }
        };
        MaskedRequest {
            operation: self.operation(),
            subject,
            params,
            session,
        }
    }

    /// Every secret in the request.
    fn secrets(&self) -> Vec<&Secret> {
        fn of_params(p: &Params) -> Vec<&Secret> {
            p.values()
                .filter_map(|v| match v {
                    Param::Secret(s) => Some(s),
                    Param::Plain(_) => None,
                })
                .collect()
        }
        match self {
            Self::InitiateAuth { params, .. } | Self::AdminInitiateAuth { params, .. } => {
                of_params(params)
            }
            Self::RespondToAuthChallenge {
                responses, session, ..
            }
            | Self::AdminRespondToAuthChallenge {
                responses, session, ..
            } => {
                let mut v = of_params(responses);
                v.extend(session.iter());
                v
            }
            Self::AssociateSoftwareToken { session } => vec![session],
            Self::VerifySoftwareToken {
                session, user_code, ..
            } => vec![session, user_code],
        }
    }
}

/// A request as shown on screen: no secret in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaskedRequest {
    /// E.g. `InitiateAuth`.
    pub operation: &'static str,
    /// The auth flow or the challenge answered.
    pub subject: Option<String>,
    /// Parameter names and masked values, sorted by name.
    pub params: Vec<(String, String)>,
    /// Whether a `Session` is passed.
    pub session: bool,
}

impl fmt::Display for MaskedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.operation)?;
        if let Some(subject) = &self.subject {
            write!(f, " {subject}")?;
        }
        for (k, v) in &self.params {
            write!(f, " {k}={v}")?;
        }
        if self.session {
            write!(f, " Session={MASK}")?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Replies
// ---------------------------------------------------------------------------------------------

/// Cognito's `AuthenticationResult`. `Debug` never shows a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokens {
    /// `IdToken`.
    pub id_token: Option<Secret>,
    /// `AccessToken`.
    pub access_token: Secret,
    /// `RefreshToken`: absent after `REFRESH_TOKEN_AUTH` (unless the pool rotates them).
    pub refresh_token: Option<Secret>,
    /// `ExpiresIn`, seconds.
    pub expires_in: i32,
    /// `TokenType`, normally `Bearer`.
    pub token_type: String,
}

/// The output of `InitiateAuth` / `RespondToAuthChallenge` (and their admin twins).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthResponse {
    /// `ChallengeName`.
    pub challenge_name: Option<String>,
    /// `ChallengeParameters`.
    pub challenge_parameters: BTreeMap<String, String>,
    /// `Session`.
    pub session: Option<Secret>,
    /// `AuthenticationResult`.
    pub tokens: Option<Tokens>,
    /// `AvailableChallenges` (`USER_AUTH` without a preferred challenge).
    pub available_challenges: Vec<String>,
}

/// The output of `AssociateSoftwareToken`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssociateSoftwareTokenResponse {
    /// `SecretCode`: the TOTP secret, base32.
    pub secret_code: Secret,
    /// `Session`.
    pub session: Option<Secret>,
}

/// The output of `VerifySoftwareToken`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifySoftwareTokenResponse {
    /// `Status`: `SUCCESS` or `ERROR`.
    pub status: String,
    /// `Session`.
    pub session: Option<Secret>,
}

/// What the gateway got back for an [`AuthRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// For the four (Admin)InitiateAuth / (Admin)RespondToAuthChallenge requests.
    Auth(AuthResponse),
    /// For [`AuthRequest::AssociateSoftwareToken`].
    AssociateSoftwareToken(AssociateSoftwareTokenResponse),
    /// For [`AuthRequest::VerifySoftwareToken`].
    VerifySoftwareToken(VerifySoftwareTokenResponse),
}

impl From<AuthResponse> for Reply {
    fn from(r: AuthResponse) -> Self {
        Self::Auth(r)
    }
}

impl From<AssociateSoftwareTokenResponse> for Reply {
    fn from(r: AssociateSoftwareTokenResponse) -> Self {
        Self::AssociateSoftwareToken(r)
    }
}

impl From<VerifySoftwareTokenResponse> for Reply {
    fn from(r: VerifySoftwareTokenResponse) -> Self {
        Self::VerifySoftwareToken(r)
    }
}

// ---------------------------------------------------------------------------------------------
// Prompts and inputs
// ---------------------------------------------------------------------------------------------

/// Which one-time code is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// `SOFTWARE_TOKEN_MFA`: the authenticator app's 6 digits.
    Totp,
    /// `SMS_MFA`: texted second factor.
    SmsMfa,
    /// `EMAIL_OTP`: emailed code (second factor, or first factor of `USER_AUTH`).
    EmailOtp,
    /// `SMS_OTP`: texted code (first factor of `USER_AUTH`).
    SmsOtp,
}

impl CodeKind {
    fn for_challenge(challenge: &str) -> Option<Self> {
        match challenge {
            "SOFTWARE_TOKEN_MFA" => Some(Self::Totp),
            "SMS_MFA" => Some(Self::SmsMfa),
            "EMAIL_OTP" => Some(Self::EmailOtp),
            "SMS_OTP" => Some(Self::SmsOtp),
            _ => None,
        }
    }

    /// The `ChallengeResponses` key of the code.
    fn response_key(self) -> &'static str {
        match self {
            Self::Totp => "SOFTWARE_TOKEN_MFA_CODE",
            Self::SmsMfa => "SMS_MFA_CODE",
            Self::EmailOtp => "EMAIL_OTP_CODE",
            Self::SmsOtp => "SMS_OTP_CODE",
        }
    }
}

/// One option of a `SELECT_MFA_TYPE` / `SELECT_CHALLENGE` menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Cognito's name, what [`Input::Choice`] must carry.
    pub value: String,
    /// Words for the menu.
    pub label: String,
    /// False for what this console cannot do (passkeys).
    pub supported: bool,
}

impl Choice {
    fn new(value: &str) -> Self {
        let (label, supported) = match value {
            "SOFTWARE_TOKEN_MFA" => ("code from an authenticator app", true),
            "SMS_MFA" => ("code by SMS", true),
            "EMAIL_OTP" => ("one-time code by email", true),
            "SMS_OTP" => ("one-time code by SMS", true),
            "PASSWORD" => ("password (sent to Cognito)", true),
            "PASSWORD_SRP" => ("password, proven by SRP (never sent)", true),
            "WEB_AUTHN" => ("passkey (not supported in a terminal)", false),
            _ => ("not supported by this console", false),
        };
        Self {
            value: value.to_owned(),
            label: label.to_owned(),
            supported,
        }
    }
}

/// What to ask the user. `Debug` never shows a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// The password; `failed_attempts` wrong ones so far.
    Password {
        /// Who signs in.
        username: String,
        /// Wrong passwords so far in this runner.
        failed_attempts: u32,
    },
    /// `NEW_PASSWORD_REQUIRED`: a new password and a value for every required attribute.
    NewPassword {
        /// The user's real username.
        username: String,
        /// Attribute names (without `userAttributes.`) that need a value.
        required_attributes: Vec<String>,
        /// The attributes the user has (from `userAttributes`), for context.
        current_attributes: BTreeMap<String, String>,
    },
    /// A one-time code.
    Code {
        /// The challenge, e.g. `SMS_MFA`.
        challenge: String,
        /// Which code.
        kind: CodeKind,
        /// `CODE_DELIVERY_DESTINATION`, e.g. `+*******1234`.
        destination: Option<String>,
        /// `CODE_DELIVERY_DELIVERY_MEDIUM`, e.g. `SMS`.
        medium: Option<String>,
    },
    /// `CUSTOM_CHALLENGE`: the answer, with the challenge's public parameters.
    CustomChallenge {
        /// `ChallengeParameters` as the Create Auth Challenge Lambda set them.
        parameters: BTreeMap<String, String>,
    },
    /// `SELECT_MFA_TYPE` or `SELECT_CHALLENGE`: pick one option.
    Choose {
        /// The challenge.
        challenge: String,
        /// The options, in Cognito's order.
        options: Vec<Choice>,
    },
    /// `MFA_SETUP`: add the secret to an authenticator app, then enter its code.
    MfaSetup {
        /// `SecretCode`, base32. Shown to the user, never logged.
        secret_code: Secret,
        /// `otpauth://totp/...` for a QR code (contains the secret).
        otpauth_uri: Secret,
        /// The account name in the URI.
        account: String,
        /// The issuer in the URI.
        issuer: String,
    },
    /// The app client's secret, needed for `SECRET_HASH`.
    ClientSecret {
        /// The app client.
        client_id: String,
    },
    /// The refresh token for `REFRESH_TOKEN_AUTH`.
    RefreshToken,
}

impl Prompt {
    /// One line saying what to enter.
    pub fn question(&self) -> String {
        match self {
            Self::Password {
                username,
                failed_attempts,
            } => match failed_attempts {
                0 => format!("Password for {username}"),
                n => format!("Password for {username} ({n} wrong so far)"),
            },
            Self::NewPassword {
                username,
                required_attributes,
                ..
            } if required_attributes.is_empty() => format!("New password for {username}"),
            Self::NewPassword {
                username,
                required_attributes,
                ..
            } => format!(
                "New password for {username}, and a value for: {}",
                required_attributes.join(", ")
            ),
            Self::Code {
                kind, destination, ..
            } => {
                let what = match kind {
                    CodeKind::Totp => "Code from the authenticator app",
                    CodeKind::SmsMfa | CodeKind::SmsOtp => "Code sent by SMS",
                    CodeKind::EmailOtp => "Code sent by email",
                };
                match destination {
                    Some(d) => format!("{what} to {d}"),
                    None => what.to_owned(),
                }
            }
            Self::CustomChallenge { .. } => "Answer to the custom challenge".to_owned(),
            Self::Choose { challenge, options } => {
                let what = if challenge == "SELECT_MFA_TYPE" {
                    "Choose the second factor"
                } else {
                    "Choose how to sign in"
                };
                let names: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
                format!("{what}: {}", names.join(", "))
            }
            Self::MfaSetup { .. } => {
                "Add the secret to an authenticator app, then enter the code it shows".to_owned()
            }
            Self::ClientSecret { client_id } => format!("Client secret of app client {client_id}"),
            Self::RefreshToken => "Refresh token".to_owned(),
        }
    }

    /// Whether what the user types should be hidden (passwords, secrets, tokens, answers).
    pub fn hide_input(&self) -> bool {
        matches!(
            self,
            Self::Password { .. }
                | Self::NewPassword { .. }
                | Self::CustomChallenge { .. }
                | Self::ClientSecret { .. }
                | Self::RefreshToken
        )
    }
}

/// The user's answer to a [`Prompt`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// For [`Prompt::Password`].
    Password(Secret),
    /// For [`Prompt::NewPassword`]: attribute names without the `userAttributes.` prefix.
    /// Extra writable attributes may be included.
    NewPassword {
        /// The new password.
        password: Secret,
        /// Attribute values.
        attributes: BTreeMap<String, String>,
    },
    /// For [`Prompt::Code`] and [`Prompt::MfaSetup`] (also accepted for a custom challenge).
    Code(Secret),
    /// For [`Prompt::CustomChallenge`] (also accepted for a code).
    Answer(Secret),
    /// For [`Prompt::Choose`]: a [`Choice::value`].
    Choice(String),
    /// For [`Prompt::ClientSecret`].
    ClientSecret(Secret),
    /// For [`Prompt::RefreshToken`].
    RefreshToken(Secret),
}

// ---------------------------------------------------------------------------------------------
// SRP work
// ---------------------------------------------------------------------------------------------

/// Big-number SRP work to run off the UI loop; hand the result to [`Runner::srp_done`].
/// `Debug` never shows the password or the secret `a`.
pub struct SrpWork(SrpJob);

enum SrpJob {
    /// Pick a random `a` and compute `A = g^a mod N`.
    NewClient,
    /// Answer `PASSWORD_VERIFIER`.
    Claim {
        client: SrpClient,
        pool_id: String,
        user_id_for_srp: String,
        password: Secret,
        srp_b: String,
        salt: String,
        secret_block: String,
    },
}

impl SrpWork {
    /// Runs the computation. `now` becomes the claim's `TIMESTAMP` (pass the current UTC time).
    pub fn run(self, now: OffsetDateTime) -> SrpDone {
        SrpDone(match self.0 {
            SrpJob::NewClient => SrpOutcome::Client(SrpClient::new()),
            SrpJob::Claim {
                client,
                pool_id,
                user_id_for_srp,
                password,
                srp_b,
                salt,
                secret_block,
            } => SrpOutcome::Claim(client.password_claim(
                &pool_id,
                &user_id_for_srp,
                password.expose(),
                &srp_b,
                &salt,
                &secret_block,
                &srp::cognito_timestamp(now),
            )),
        })
    }

    /// What is being computed, for a status line.
    pub fn describe(&self) -> &'static str {
        match self.0 {
            SrpJob::NewClient => "computing SRP_A = g^a mod N",
            SrpJob::Claim { .. } => "computing the SRP password claim",
        }
    }
}

impl fmt::Debug for SrpWork {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SrpWork({})", self.describe())
    }
}

/// The result of [`SrpWork::run`].
pub struct SrpDone(SrpOutcome);

enum SrpOutcome {
    Client(SrpClient),
    Claim(Result<PasswordClaim, SrpError>),
}

impl SrpDone {
    /// The public values of this SRP step, for the step view: `A`; or `B`, `u` and the
    /// signature (a one-time proof, useless once sent). Never the secret `a`, `x` or the key.
    pub fn public_values(&self) -> Vec<(&'static str, String)> {
        match &self.0 {
            SrpOutcome::Client(c) => vec![("A", c.srp_a_hex())],
            SrpOutcome::Claim(Ok(c)) => vec![
                ("B", c.srp_b_hex.clone()),
                ("u", c.u_hex.clone()),
                ("PASSWORD_CLAIM_SIGNATURE", c.signature_b64.clone()),
            ],
            SrpOutcome::Claim(Err(_)) => vec![],
        }
    }
}

impl fmt::Debug for SrpDone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            SrpOutcome::Client(_) => "SrpDone(SRP_A ready)",
            SrpOutcome::Claim(Ok(_)) => "SrpDone(password claim ready)",
            SrpOutcome::Claim(Err(_)) => "SrpDone(failed)",
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Steps and errors
// ---------------------------------------------------------------------------------------------

/// What the driver does next.
#[derive(Debug)]
pub enum Step {
    /// Make this call, then [`Runner::on_response`] or [`Runner::on_error`].
    Send(AuthRequest),
    /// Ask the user, then [`Runner::provide`].
    NeedInput(Prompt),
    /// Run this off the UI loop, then [`Runner::srp_done`].
    Compute(SrpWork),
    /// Signed in.
    Done(Tokens),
    /// Stopped; see [`FlowError::retry`] and [`Runner::retry`].
    Failed(FlowError),
}

/// Whether and how a failed step can be tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// The session is still good: [`Runner::retry`] asks the same question again.
    SameStep,
    /// [`Runner::retry`] starts the flow over (asking again for what was wrong).
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
    fn new(kind: ErrorKind, step: impl Into<String>, message: impl Into<String>) -> Self {
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

/// Where the runner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Not started.
    NotStarted,
    /// A request is out.
    WaitingForCognito,
    /// A prompt is out.
    WaitingForInput,
    /// SRP work is out.
    Computing,
    /// Done: tokens were returned.
    SignedIn,
    /// Stopped on an error.
    Failed,
}

// ---------------------------------------------------------------------------------------------
// Transcript and explanations
// ---------------------------------------------------------------------------------------------

/// What came back for a request, without secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseSummary {
    /// E.g. `challenge PASSWORD_VERIFIER`, `tokens`, `SecretCode`, `Status SUCCESS`.
    pub kind: String,
    /// Returned values, masked and shortened.
    pub params: Vec<(String, String)>,
    /// Whether a `Session` came back.
    pub session_returned: bool,
    /// What Cognito did and why.
    pub explanation: Option<&'static str>,
}

/// One round trip to Cognito.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranscriptEntry {
    /// What was sent.
    pub request: MaskedRequest,
    /// What the request does.
    pub request_explanation: Option<&'static str>,
    /// What came back, if a reply did.
    pub response: Option<ResponseSummary>,
    /// The error, if one came back (code, Cognito's message, and the runner's explanation).
    pub error: Option<String>,
}

#[derive(Deserialize)]
struct Explanations {
    request: BTreeMap<String, String>,
    response: BTreeMap<String, String>,
}

static EXPLANATIONS: LazyLock<Explanations> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../assets/auth-steps.json"))
        .expect("assets/auth-steps.json is valid (checked by a unit test)")
});

/// What a request does: keyed by [`Flow::name`], challenge name, or operation name.
pub fn request_explanation(key: &str) -> Option<&'static str> {
    EXPLANATIONS.request.get(key).map(String::as_str)
}

/// What Cognito did: keyed by the challenge returned, `TOKENS`, or operation name.
pub fn response_explanation(key: &str) -> Option<&'static str> {
    EXPLANATIONS.response.get(key).map(String::as_str)
}

// ---------------------------------------------------------------------------------------------
// The runner
// ---------------------------------------------------------------------------------------------

#[derive(Debug)]
enum State {
    Idle,
    Input(Want, Prompt),
    Computing(AfterSrp),
    Sent(Sent),
    Done,
    Failed,
}

/// What a pending prompt is for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Want {
    Password(AfterPassword),
    RefreshToken,
    ClientSecret,
    NewPassword {
        required: Vec<String>,
    },
    Code {
        challenge: String,
        kind: CodeKind,
    },
    CustomAnswer,
    Choice {
        challenge: String,
        options: Vec<String>,
    },
    MfaSetupCode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AfterPassword {
    Initiate,
    SelectPassword,
    SelectPasswordSrp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AfterSrp {
    InitiateWithA,
    SelectWithA,
    Claim,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Awaiting {
    Initiate,
    Challenge(String),
    Associate,
    Verify,
}

#[derive(Debug)]
struct Sent {
    awaiting: Awaiting,
    /// The prompt whose answer this request carries (for a same-step retry).
    from_prompt: Option<(Want, Prompt)>,
}

#[derive(Debug, Clone)]
enum RetryPlan {
    Ask(Want, Prompt),
    Restart {
        forget_password: bool,
        forget_refresh_token: bool,
        ask_client_secret: bool,
    },
}

impl RetryPlan {
    const RESTART: Self = Self::Restart {
        forget_password: false,
        forget_refresh_token: false,
        ask_client_secret: false,
    };
}

/// The sign-in state machine. Holds secrets only as [`Secret`], so `Debug` is safe.
#[derive(Debug)]
pub struct Runner {
    config: FlowConfig,
    state: State,
    password: Option<Secret>,
    /// A new password sent with NEW_PASSWORD_REQUIRED, adopted once Cognito accepts it.
    new_password: Option<Secret>,
    refresh_token: Option<Secret>,
    session: Option<Secret>,
    /// The real username Cognito returned in challenge parameters.
    challenge_username: Option<String>,
    srp: Option<SrpClient>,
    /// The prompt being answered, carried to the request it produces.
    carry: Option<(Want, Prompt)>,
    retry_plan: Option<RetryPlan>,
    failed_passwords: u32,
    transcript: Vec<TranscriptEntry>,
    /// Every secret sent or received, to mask them in Cognito's messages.
    known_secrets: Vec<Secret>,
    outcome: Option<String>,
}

impl Runner {
    /// A runner for `config`; nothing happens until [`Runner::start`].
    pub fn new(config: FlowConfig) -> Self {
        Self {
            config,
            state: State::Idle,
            password: None,
            new_password: None,
            refresh_token: None,
            session: None,
            challenge_username: None,
            srp: None,
            carry: None,
            retry_plan: None,
            failed_passwords: 0,
            transcript: Vec::new(),
            known_secrets: Vec::new(),
            outcome: None,
        }
    }

    /// The configuration (the client secret included once the user entered it).
    pub fn config(&self) -> &FlowConfig {
        &self.config
    }

    /// Where the runner is.
    pub fn status(&self) -> Status {
        match self.state {
            State::Idle => Status::NotStarted,
            State::Input(..) => Status::WaitingForInput,
            State::Computing(_) => Status::Computing,
            State::Sent(_) => Status::WaitingForCognito,
            State::Done => Status::SignedIn,
            State::Failed => Status::Failed,
        }
    }

    /// Wrong passwords so far (reset by a successful sign-in).
    pub fn failed_password_attempts(&self) -> u32 {
        self.failed_passwords
    }

    /// The round trips so far, without secrets.
    pub fn transcript(&self) -> &[TranscriptEntry] {
        &self.transcript
    }

    /// Starts (or starts over) the flow. Returns [`Step::Failed`] (with [`Retry::No`]) at once
    /// when the configuration cannot work.
    pub fn start(&mut self, inputs: Inputs) -> Step {
        if let Some(err) = self.check_config() {
            return self.finish_failed(err, None);
        }
        let Inputs {
            password,
            refresh_token,
        } = inputs;
        self.password = password.filter(|p| !p.is_empty());
        self.refresh_token = refresh_token.filter(|t| !t.is_empty());
        self.transcript.clear();
        self.outcome = None;
        let known: Vec<Secret> = [
            &self.password,
            &self.refresh_token,
            &self.config.client_secret,
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
        for s in &known {
            self.remember(s);
        }
        self.begin()
    }

    /// Answers the pending [`Prompt`].
    pub fn provide(&mut self, input: Input) -> Step {
        let (want, prompt) = match std::mem::replace(&mut self.state, State::Idle) {
            State::Input(want, prompt) => (want, prompt),
            other => {
                self.state = other;
                return misuse("an input arrived but no question is pending");
            }
        };
        self.carry = Some((want.clone(), prompt.clone()));
        let again = |message: &str| (want.clone(), prompt.clone(), message.to_owned());
        let outcome: Result<Step, (Want, Prompt, String)> = match (&want, input) {
            (Want::Password(after), Input::Password(p)) => {
                if p.is_empty() {
                    Err(again("The password is empty."))
                } else {
                    self.remember(&p);
                    self.password = Some(p);
                    Ok(self.after_password(*after))
                }
            }
            (Want::RefreshToken, Input::RefreshToken(t)) => {
                if t.is_empty() {
                    Err(again("The refresh token is empty."))
                } else {
                    self.remember(&t);
                    self.refresh_token = Some(t);
                    Ok(self.send_initiate())
                }
            }
            (Want::ClientSecret, Input::ClientSecret(s)) => {
                if s.is_empty() {
                    Err(again("The client secret is empty."))
                } else {
                    self.remember(&s);
                    self.config.client_secret = Some(s);
                    Ok(self.begin())
                }
            }
            (
                Want::NewPassword { required },
                Input::NewPassword {
                    password,
                    attributes,
                },
            ) => {
                let missing: Vec<&str> = required
                    .iter()
                    .filter(|name| {
                        attributes
                            .get(name.as_str())
                            .is_none_or(|v| v.trim().is_empty())
                    })
                    .map(String::as_str)
                    .collect();
                if password.is_empty() {
                    Err(again("The new password is empty."))
                } else if !missing.is_empty() {
                    Err(again(&format!(
                        "The pool requires a value for: {}.",
                        missing.join(", ")
                    )))
                } else {
                    self.remember(&password);
                    let mut responses = Params::new();
                    responses.insert("NEW_PASSWORD".into(), Param::Secret(password.clone()));
                    for (name, value) in attributes {
                        let key = format!("userAttributes.{}", attr_name(&name));
                        responses.insert(key, Param::Plain(value));
                    }
                    self.new_password = Some(password);
                    Ok(self.respond("NEW_PASSWORD_REQUIRED", responses))
                }
            }
            (Want::Code { challenge, kind }, Input::Code(code) | Input::Answer(code)) => {
                match normalise_code(&code, *kind == CodeKind::Totp) {
                    Err(problem) => Err(again(problem)),
                    Ok(code) => {
                        self.remember(&code);
                        let mut responses = Params::new();
                        responses.insert(kind.response_key().into(), Param::Secret(code));
                        let challenge = challenge.clone();
                        Ok(self.respond(&challenge, responses))
                    }
                }
            }
            (Want::CustomAnswer, Input::Answer(answer) | Input::Code(answer)) => {
                self.remember(&answer);
                let mut responses = Params::new();
                responses.insert("ANSWER".into(), Param::Secret(answer));
                Ok(self.respond("CUSTOM_CHALLENGE", responses))
            }
            (Want::Choice { challenge, options }, Input::Choice(choice)) => {
                match options
                    .iter()
                    .find(|o| o.eq_ignore_ascii_case(choice.trim()))
                {
                    None => Err(again(&format!(
                        "{:?} is not one of the options ({}).",
                        choice.trim(),
                        options.join(", ")
                    ))),
                    Some(choice) => {
                        let (challenge, choice) = (challenge.clone(), choice.clone());
                        self.choose(&challenge, &choice)
                            .map_err(|message| (want.clone(), prompt.clone(), message))
                    }
                }
            }
            (Want::MfaSetupCode, Input::Code(code) | Input::Answer(code)) => {
                match (normalise_code(&code, true), self.session.clone()) {
                    (Err(problem), _) => Err(again(problem)),
                    (Ok(_), None) => Ok(self.fail_here(
                        ErrorKind::UnexpectedReply,
                        "VerifySoftwareToken",
                        "Cognito gave no Session to verify the authenticator with: start over.",
                        Some(RetryPlan::RESTART),
                    )),
                    (Ok(code), Some(session)) => {
                        self.remember(&code);
                        Ok(self.send(
                            AuthRequest::VerifySoftwareToken {
                                session,
                                user_code: code,
                                friendly_device_name: Some(FRIENDLY_DEVICE_NAME.to_owned()),
                            },
                            Awaiting::Verify,
                        ))
                    }
                }
            }
            (_, other) => Err(again(&format!(
                "{} does not answer the question ({}).",
                input_name(&other),
                prompt.question()
            ))),
        };
        match outcome {
            Ok(step) => step,
            Err((want, prompt, message)) => {
                let step = prompt_step_name(&want);
                self.fail_here(
                    ErrorKind::InvalidInput,
                    step,
                    message,
                    Some(RetryPlan::Ask(want, prompt)),
                )
            }
        }
    }

    /// Hands over the result of a [`Step::Compute`].
    pub fn srp_done(&mut self, done: SrpDone) -> Step {
        let after = match std::mem::replace(&mut self.state, State::Idle) {
            State::Computing(after) => after,
            other => {
                self.state = other;
                return misuse("an SRP result arrived but no SRP work is out");
            }
        };
        match (after, done.0) {
            (AfterSrp::InitiateWithA, SrpOutcome::Client(client)) => {
                self.srp = Some(client);
                self.send_initiate()
            }
            (AfterSrp::SelectWithA, SrpOutcome::Client(client)) => {
                let srp_a = client.srp_a_hex();
                self.srp = Some(client);
                let mut responses = Params::new();
                responses.insert("ANSWER".into(), Param::Plain("PASSWORD_SRP".into()));
                responses.insert("SRP_A".into(), Param::Plain(srp_a));
                self.respond("SELECT_CHALLENGE", responses)
            }
            (AfterSrp::Claim, SrpOutcome::Claim(Ok(claim))) => {
                let mut responses = Params::new();
                responses.insert(
                    "PASSWORD_CLAIM_SIGNATURE".into(),
                    Param::Secret(Secret::new(claim.signature_b64.clone())),
                );
                responses.insert(
                    "PASSWORD_CLAIM_SECRET_BLOCK".into(),
                    Param::Secret(Secret::new(claim.secret_block_b64.clone())),
                );
                responses.insert("TIMESTAMP".into(), Param::Plain(claim.timestamp.clone()));
                self.respond("PASSWORD_VERIFIER", responses)
            }
            (AfterSrp::Claim, SrpOutcome::Claim(Err(e))) => self.fail_after_reply(
                ErrorKind::Srp,
                "PASSWORD_VERIFIER",
                format!("Cognito's PASSWORD_VERIFIER values cannot be used: {e}. Start over."),
                Some(RetryPlan::RESTART),
            ),
            (after, _) => {
                self.state = State::Computing(after);
                misuse("the SRP result does not match the SRP work that is out")
            }
        }
    }

    /// Hands over Cognito's reply to the last [`Step::Send`].
    pub fn on_response(&mut self, reply: Reply) -> Step {
        let sent = match std::mem::replace(&mut self.state, State::Idle) {
            State::Sent(sent) => sent,
            other => {
                self.state = other;
                return misuse("a reply arrived but no request is out");
            }
        };
        match (&sent.awaiting, reply) {
            (Awaiting::Initiate | Awaiting::Challenge(_), Reply::Auth(r)) => {
                self.on_auth(&sent.awaiting, r)
            }
            (Awaiting::Associate, Reply::AssociateSoftwareToken(r)) => self.on_associated(r),
            (Awaiting::Verify, Reply::VerifySoftwareToken(r)) => self.on_verified(r, sent),
            (awaiting, _) => {
                let step = step_title(&self.config, awaiting);
                self.fail_after_reply(
                    ErrorKind::UnexpectedReply,
                    step,
                    "The reply does not answer the request that was sent.",
                    None,
                )
            }
        }
    }

    /// Hands over the error Cognito (or the gateway) answered the last [`Step::Send`] with.
    pub fn on_error(&mut self, code: &str, message: &str) -> Step {
        let sent = match std::mem::replace(&mut self.state, State::Idle) {
            State::Sent(sent) => sent,
            other => {
                self.state = other;
                return misuse("an error arrived but no request is out");
            }
        };
        let cognito_message = self.scrub(message);
        let (mut err, plan) = self.classify(code, &cognito_message, &sent);
        err.code = Some(code.to_owned());
        err.cognito_message = Some(cognito_message.clone());
        if let Some(entry) = self.transcript.last_mut() {
            entry.error = Some(format!("{code}: {cognito_message} — {err}"));
        }
        self.finish_failed(err, plan)
    }

    /// Tries again after a [`Step::Failed`] whose [`FlowError::retry`] allows it.
    pub fn retry(&mut self) -> Step {
        if !matches!(self.state, State::Failed) {
            return misuse("retry() is only possible after a failure");
        }
        match self.retry_plan.take() {
            None => {
                self.state = State::Failed;
                Step::Failed(FlowError::new(
                    ErrorKind::Misuse,
                    "retry",
                    "This failure cannot be retried: fix the cause and start a new sign-in.",
                ))
            }
            Some(RetryPlan::Ask(want, prompt)) => self.ask(want, prompt),
            Some(RetryPlan::Restart {
                forget_password,
                forget_refresh_token,
                ask_client_secret,
            }) => {
                if forget_password {
                    self.password = None;
                }
                if forget_refresh_token {
                    self.refresh_token = None;
                }
                self.outcome = None;
                if ask_client_secret {
                    let client_id = self.config.client_id.clone();
                    self.ask(Want::ClientSecret, Prompt::ClientSecret { client_id })
                } else {
                    self.begin()
                }
            }
        }
    }

    // -- flow ----------------------------------------------------------------------------------

    fn check_config(&self) -> Option<FlowError> {
        let c = &self.config;
        let bad = |m: String| Some(FlowError::new(ErrorKind::Config, "start", m));
        if c.client_id.trim().is_empty() {
            return bad("No app client id.".into());
        }
        if c.pool_id.trim().is_empty() {
            return bad("No user pool id.".into());
        }
        // SRP mixes the pool name into the proof, so it needs a well-formed pool id.
        let may_use_srp = c.flow.srp_first() || matches!(c.flow, Flow::UserAuth { .. });
        if may_use_srp && let Err(e) = srp::pool_name(&c.pool_id) {
            return bad(e.to_string());
        }
        if c.flow == Flow::RefreshToken {
            if c.client_secret.is_some() && c.username.trim().is_empty() {
                return bad(
                    "With a client secret, REFRESH_TOKEN_AUTH needs the user's real \
                            username for SECRET_HASH (the access token's username claim)."
                        .into(),
                );
            }
        } else if c.username.trim().is_empty() {
            return bad("No username.".into());
        }
        if c.flow
            == (Flow::UserAuth {
                preferred: Some(FirstFactor::WebAuthn),
            })
        {
            let e = FlowError::new(
                ErrorKind::Unsupported,
                "start",
                "Passkeys (WEB_AUTHN) need a browser or a platform authenticator; \
                 choose another first factor.",
            );
            return Some(e);
        }
        None
    }

    /// (Re)starts from InitiateAuth, keeping what the user already entered.
    fn begin(&mut self) -> Step {
        self.session = None;
        self.challenge_username = None;
        self.srp = None;
        self.new_password = None;
        self.retry_plan = None;
        let flow = self.config.flow;
        if flow == Flow::RefreshToken {
            if self.refresh_token.is_some() {
                self.send_initiate()
            } else {
                self.ask(Want::RefreshToken, Prompt::RefreshToken)
            }
        } else if flow.password_first() {
            self.with_password(AfterPassword::Initiate)
        } else {
            self.send_initiate()
        }
    }

    fn with_password(&mut self, after: AfterPassword) -> Step {
        if self.password.is_some() {
            self.after_password(after)
        } else {
            let prompt = Prompt::Password {
                username: self.config.username.clone(),
                failed_attempts: self.failed_passwords,
            };
            self.ask(Want::Password(after), prompt)
        }
    }

    fn after_password(&mut self, after: AfterPassword) -> Step {
        match after {
            AfterPassword::Initiate if self.config.flow.srp_first() => {
                self.compute(AfterSrp::InitiateWithA, SrpJob::NewClient)
            }
            AfterPassword::Initiate => self.send_initiate(),
            AfterPassword::SelectPassword => {
                let mut responses = Params::new();
                responses.insert("ANSWER".into(), Param::Plain("PASSWORD".into()));
                if let Some(p) = &self.password {
                    responses.insert("PASSWORD".into(), Param::Secret(p.clone()));
                }
                self.respond("SELECT_CHALLENGE", responses)
            }
            AfterPassword::SelectPasswordSrp => {
                self.compute(AfterSrp::SelectWithA, SrpJob::NewClient)
            }
        }
    }

    /// Answers a SELECT_MFA_TYPE / SELECT_CHALLENGE menu; `Err` re-asks with the message.
    fn choose(&mut self, challenge: &str, choice: &str) -> Result<Step, String> {
        if challenge == "SELECT_MFA_TYPE" {
            let mut responses = Params::new();
            responses.insert("ANSWER".into(), Param::Plain(choice.to_owned()));
            return Ok(self.respond(challenge, responses));
        }
        match FirstFactor::parse(choice) {
            Some(FirstFactor::Password) => Ok(self.with_password(AfterPassword::SelectPassword)),
            Some(FirstFactor::PasswordSrp) => {
                Ok(self.with_password(AfterPassword::SelectPasswordSrp))
            }
            Some(FirstFactor::EmailOtp | FirstFactor::SmsOtp) => {
                let mut responses = Params::new();
                responses.insert("ANSWER".into(), Param::Plain(choice.to_owned()));
                Ok(self.respond(challenge, responses))
            }
            Some(FirstFactor::WebAuthn) => Err("Passkeys (WEB_AUTHN) need a browser or a \
                                                platform authenticator: choose another option."
                .to_owned()),
            None => Err(format!(
                "{choice} is not supported by this console: choose another."
            )),
        }
    }

    fn ask(&mut self, want: Want, prompt: Prompt) -> Step {
        self.carry = None;
        self.state = State::Input(want, prompt.clone());
        Step::NeedInput(prompt)
    }

    fn compute(&mut self, after: AfterSrp, job: SrpJob) -> Step {
        self.state = State::Computing(after);
        Step::Compute(SrpWork(job))
    }

    fn send_initiate(&mut self) -> Step {
        let flow = self.config.flow;
        let username = self.config.username.clone();
        let srp_a = self.srp.as_ref().map(SrpClient::srp_a_hex);
        let plain = |s: &str| Param::Plain(s.to_owned());
        let mut params = Params::new();
        if flow != Flow::RefreshToken {
            params.insert("USERNAME".into(), plain(&username));
        }
        let password = self.password.clone().map(Param::Secret);
        match flow {
            Flow::UserSrp => {
                params.extend(srp_a.map(|a| ("SRP_A".to_owned(), Param::Plain(a))));
            }
            Flow::UserPassword | Flow::AdminUserPassword => {
                params.extend(password.map(|p| ("PASSWORD".to_owned(), p)));
            }
            Flow::RefreshToken => {
                let token = self.refresh_token.clone().map(Param::Secret);
                params.extend(token.map(|t| ("REFRESH_TOKEN".to_owned(), t)));
            }
            Flow::CustomAuth => {}
            Flow::CustomAuthWithSrp => {
                params.insert("CHALLENGE_NAME".into(), plain("SRP_A"));
                params.extend(srp_a.map(|a| ("SRP_A".to_owned(), Param::Plain(a))));
            }
            Flow::UserAuth { preferred } => {
                if let Some(factor) = preferred {
                    params.insert("PREFERRED_CHALLENGE".into(), plain(factor.as_str()));
                }
                match preferred {
                    Some(FirstFactor::Password) => {
                        params.extend(password.map(|p| ("PASSWORD".to_owned(), p)));
                    }
                    Some(FirstFactor::PasswordSrp) => {
                        params.extend(srp_a.map(|a| ("SRP_A".to_owned(), Param::Plain(a))));
                    }
                    _ => {}
                }
            }
        }
        if let Some(hash) = self.secret_hash_for(&username) {
            params.insert("SECRET_HASH".into(), Param::Secret(hash));
        }
        let c = &self.config;
        let request = if flow.is_admin() {
            AuthRequest::AdminInitiateAuth {
                pool_id: c.pool_id.clone(),
                client_id: c.client_id.clone(),
                auth_flow: flow.auth_flow(),
                params,
            }
        } else {
            AuthRequest::InitiateAuth {
                client_id: c.client_id.clone(),
                auth_flow: flow.auth_flow(),
                params,
            }
        };
        self.send(request, Awaiting::Initiate)
    }

    /// A challenge answer: adds USERNAME, SECRET_HASH and the Session.
    fn respond(&mut self, challenge: &str, mut responses: Params) -> Step {
        let username = self.challenge_user().to_owned();
        if let Some(hash) = self.secret_hash_for(&username) {
            responses.insert("SECRET_HASH".into(), Param::Secret(hash));
        }
        responses.insert("USERNAME".into(), Param::Plain(username));
        let c = &self.config;
        let request = if c.flow.is_admin() {
            AuthRequest::AdminRespondToAuthChallenge {
                pool_id: c.pool_id.clone(),
                client_id: c.client_id.clone(),
                challenge_name: challenge.to_owned(),
                responses,
                session: self.session.clone(),
            }
        } else {
            AuthRequest::RespondToAuthChallenge {
                client_id: c.client_id.clone(),
                challenge_name: challenge.to_owned(),
                responses,
                session: self.session.clone(),
            }
        };
        self.send(request, Awaiting::Challenge(challenge.to_owned()))
    }

    fn send(&mut self, request: AuthRequest, awaiting: Awaiting) -> Step {
        let secrets: Vec<Secret> = request.secrets().into_iter().cloned().collect();
        for s in &secrets {
            self.remember(s);
        }
        let key = match &awaiting {
            Awaiting::Initiate => self.config.flow.name().to_owned(),
            Awaiting::Challenge(c) => c.clone(),
            Awaiting::Associate => "AssociateSoftwareToken".to_owned(),
            Awaiting::Verify => "VerifySoftwareToken".to_owned(),
        };
        self.transcript.push(TranscriptEntry {
            request: request.masked(),
            request_explanation: request_explanation(&key),
            response: None,
            error: None,
        });
        self.state = State::Sent(Sent {
            awaiting,
            from_prompt: self.carry.take(),
        });
        Step::Send(request)
    }

    fn on_auth(&mut self, awaiting: &Awaiting, r: AuthResponse) -> Step {
        self.remember_reply(&r);
        self.record_response(summarise_auth(&r));
        if matches!(awaiting, Awaiting::Challenge(c) if c == "NEW_PASSWORD_REQUIRED")
            && let Some(p) = self.new_password.take()
        {
            self.password = Some(p);
        }
        let AuthResponse {
            challenge_name,
            challenge_parameters: params,
            session,
            tokens,
            available_challenges,
        } = r;
        self.session = session;
        if let Some(u) = params.get("USERNAME").filter(|u| !u.is_empty()) {
            self.challenge_username = Some(u.clone());
        }
        if let Some(tokens) = tokens {
            self.state = State::Done;
            self.failed_passwords = 0;
            self.outcome = Some("signed in".to_owned());
            return Step::Done(tokens);
        }
        let Some(challenge) = challenge_name else {
            return self.fail_after_reply(
                ErrorKind::UnexpectedReply,
                step_title(&self.config, awaiting),
                "Cognito answered with neither tokens nor a challenge.",
                None,
            );
        };
        match challenge.as_str() {
            "PASSWORD_VERIFIER" => self.on_password_verifier(&params),
            "NEW_PASSWORD_REQUIRED" => {
                let required: Vec<String> = params
                    .get("requiredAttributes")
                    .map(|s| {
                        parse_list(s)
                            .iter()
                            .map(|a| attr_name(a).to_owned())
                            .collect()
                    })
                    .unwrap_or_default();
                let current = params
                    .get("userAttributes")
                    .map(|s| parse_attributes(s))
                    .unwrap_or_default();
                let prompt = Prompt::NewPassword {
                    username: self.challenge_user().to_owned(),
                    required_attributes: required.clone(),
                    current_attributes: current,
                };
                self.ask(Want::NewPassword { required }, prompt)
            }
            "SOFTWARE_TOKEN_MFA" | "SMS_MFA" | "EMAIL_OTP" | "SMS_OTP" => {
                let kind = CodeKind::for_challenge(&challenge).expect("matched above");
                let prompt = Prompt::Code {
                    challenge: challenge.clone(),
                    kind,
                    destination: params.get("CODE_DELIVERY_DESTINATION").cloned(),
                    medium: params.get("CODE_DELIVERY_DELIVERY_MEDIUM").cloned(),
                };
                self.ask(Want::Code { challenge, kind }, prompt)
            }
            "SELECT_MFA_TYPE" | "SELECT_CHALLENGE" => {
                let options = if challenge == "SELECT_MFA_TYPE" {
                    params
                        .get("MFAS_CAN_CHOOSE")
                        .map(|s| parse_list(s))
                        .unwrap_or_default()
                } else if available_challenges.is_empty() {
                    params
                        .get("AvailableChallenges")
                        .map(|s| parse_list(s))
                        .unwrap_or_default()
                } else {
                    available_challenges
                };
                if options.is_empty() {
                    return self.fail_after_reply(
                        ErrorKind::UnexpectedReply,
                        format!("{challenge} (no options)"),
                        format!("Cognito asked to choose ({challenge}) but listed no options."),
                        None,
                    );
                }
                let prompt = Prompt::Choose {
                    challenge: challenge.clone(),
                    options: options.iter().map(|o| Choice::new(o)).collect(),
                };
                self.ask(Want::Choice { challenge, options }, prompt)
            }
            "MFA_SETUP" => {
                let can = params
                    .get("MFAS_CAN_SETUP")
                    .map(|s| parse_list(s))
                    .unwrap_or_default();
                if !can.iter().any(|m| m == "SOFTWARE_TOKEN_MFA") {
                    let offered = if can.is_empty() {
                        "nothing".to_owned()
                    } else {
                        can.join(", ")
                    };
                    return self.fail_after_reply(
                        ErrorKind::Unsupported,
                        "MFA_SETUP",
                        format!(
                            "The pool requires MFA and this user has none; Cognito offers to set \
                             up {offered}, but this console sets up authenticator apps \
                             (SOFTWARE_TOKEN_MFA) only. Enable TOTP MFA in the pool, or set the \
                             user's MFA as an admin (AdminSetUserMFAPreference)."
                        ),
                        None,
                    );
                }
                match self.session.clone() {
                    Some(session) => self.send(
                        AuthRequest::AssociateSoftwareToken { session },
                        Awaiting::Associate,
                    ),
                    None => self.fail_after_reply(
                        ErrorKind::UnexpectedReply,
                        "MFA_SETUP",
                        "Cognito asked for MFA_SETUP without a Session to set it up with.",
                        Some(RetryPlan::RESTART),
                    ),
                }
            }
            "CUSTOM_CHALLENGE" => self.ask(
                Want::CustomAnswer,
                Prompt::CustomChallenge { parameters: params },
            ),
            other => {
                let hint = match other {
                    "DEVICE_SRP_AUTH" | "DEVICE_PASSWORD_VERIFIER" => {
                        " (remembered devices are not supported)"
                    }
                    "WEB_AUTHN" => " (passkeys need a browser or a platform authenticator)",
                    _ => "",
                };
                self.fail_after_reply(
                    ErrorKind::Unsupported,
                    other.to_owned(),
                    format!("Cognito asked for the {other} challenge, which this console does not handle{hint}."),
                    None,
                )
            }
        }
    }

    fn on_password_verifier(&mut self, params: &BTreeMap<String, String>) -> Step {
        let get = |k: &str| params.get(k).filter(|v| !v.is_empty()).cloned();
        let (Some(client), Some(password)) = (self.srp.take(), self.password.clone()) else {
            return self.fail_after_reply(
                ErrorKind::UnexpectedReply,
                "PASSWORD_VERIFIER",
                "Cognito asked for PASSWORD_VERIFIER, but no SRP exchange was started.",
                None,
            );
        };
        let user_id_for_srp = get("USER_ID_FOR_SRP")
            .or_else(|| get("USERNAME"))
            .unwrap_or_else(|| self.challenge_user().to_owned());
        if get("USERNAME").is_none() {
            self.challenge_username = Some(user_id_for_srp.clone());
        }
        let missing: Vec<&str> = ["SRP_B", "SALT", "SECRET_BLOCK"]
            .into_iter()
            .filter(|k| get(k).is_none())
            .collect();
        if !missing.is_empty() {
            return self.fail_after_reply(
                ErrorKind::Srp,
                "PASSWORD_VERIFIER",
                format!("PASSWORD_VERIFIER came without {}.", missing.join(", ")),
                Some(RetryPlan::RESTART),
            );
        }
        let job = SrpJob::Claim {
            client,
            pool_id: self.config.pool_id.clone(),
            user_id_for_srp,
            password,
            srp_b: get("SRP_B").unwrap_or_default(),
            salt: get("SALT").unwrap_or_default(),
            secret_block: get("SECRET_BLOCK").unwrap_or_default(),
        };
        self.compute(AfterSrp::Claim, job)
    }

    fn on_associated(&mut self, r: AssociateSoftwareTokenResponse) -> Step {
        self.remember(&r.secret_code);
        if let Some(s) = &r.session {
            self.remember(s);
        }
        self.record_response(ResponseSummary {
            kind: "SecretCode".to_owned(),
            params: vec![("SecretCode".to_owned(), MASK.to_owned())],
            session_returned: r.session.is_some(),
            explanation: response_explanation("AssociateSoftwareToken"),
        });
        if r.session.is_some() {
            self.session = r.session;
        }
        let account = self.config.username.clone();
        let issuer = self.config.issuer();
        match totp::otpauth_uri(r.secret_code.expose(), &account, &issuer) {
            Ok(uri) => {
                let uri = Secret::new(uri);
                self.remember(&uri);
                let prompt = Prompt::MfaSetup {
                    secret_code: r.secret_code,
                    otpauth_uri: uri,
                    account,
                    issuer,
                };
                self.ask(Want::MfaSetupCode, prompt)
            }
            Err(e) => self.fail_after_reply(
                ErrorKind::UnexpectedReply,
                "AssociateSoftwareToken",
                format!("Cognito's SecretCode cannot be used: {e}."),
                None,
            ),
        }
    }

    fn on_verified(&mut self, r: VerifySoftwareTokenResponse, sent: Sent) -> Step {
        if let Some(s) = &r.session {
            self.remember(s);
        }
        self.record_response(ResponseSummary {
            kind: format!("Status {}", r.status),
            params: vec![("Status".to_owned(), r.status.clone())],
            session_returned: r.session.is_some(),
            explanation: (r.status == "SUCCESS")
                .then(|| response_explanation("VerifySoftwareToken"))
                .flatten(),
        });
        if r.session.is_some() {
            self.session = r.session;
        }
        if r.status == "SUCCESS" {
            return self.respond("MFA_SETUP", Params::new());
        }
        let plan = sent
            .from_prompt
            .map_or(RetryPlan::RESTART, |(w, p)| RetryPlan::Ask(w, p));
        self.fail_after_reply(
            ErrorKind::CodeMismatch,
            "VerifySoftwareToken",
            format!(
                "Cognito did not accept the authenticator's code (Status {}): check the app's \
                 clock and enter the current code.",
                r.status
            ),
            Some(plan),
        )
    }

    // -- errors --------------------------------------------------------------------------------

    fn classify(
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
    fn fail_after_reply(
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
    fn fail_here(
        &mut self,
        kind: ErrorKind,
        step: impl Into<String>,
        message: impl Into<String>,
        plan: Option<RetryPlan>,
    ) -> Step {
        self.finish_failed(FlowError::new(kind, step, message), plan)
    }

    fn finish_failed(&mut self, mut err: FlowError, plan: Option<RetryPlan>) -> Step {
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

    // -- helpers -------------------------------------------------------------------------------

    /// The username Cognito expects in challenge answers (see the module documentation).
    fn challenge_user(&self) -> &str {
        self.challenge_username
            .as_deref()
            .unwrap_or(&self.config.username)
    }

    fn secret_hash_for(&self, username: &str) -> Option<Secret> {
        let c = &self.config;
        c.client_secret
            .as_ref()
            .map(|s| Secret::new(secret_hash(username, &c.client_id, s.expose())))
    }

    fn remember(&mut self, s: &Secret) {
        if s.len() >= 4 && !self.known_secrets.contains(s) {
            self.known_secrets.push(s.clone());
        }
    }

    fn remember_reply(&mut self, r: &AuthResponse) {
        let mut found: Vec<Secret> = r.session.iter().cloned().collect();
        if let Some(t) = &r.tokens {
            found.push(t.access_token.clone());
            found.extend(t.id_token.iter().cloned());
            found.extend(t.refresh_token.iter().cloned());
        }
        if let Some(b) = r.challenge_parameters.get("SECRET_BLOCK") {
            found.push(Secret::new(b.clone()));
        }
        for s in &found {
            self.remember(s);
        }
    }

    /// Masks every secret the runner knows of in a server message.
    fn scrub(&self, text: &str) -> String {
        let mut secrets: Vec<&str> = self.known_secrets.iter().map(Secret::expose).collect();
        secrets.sort_by_key(|s| Reverse(s.len()));
        secrets
            .into_iter()
            .fold(text.to_owned(), |acc, s| acc.replace(s, MASK))
    }

    fn record_response(&mut self, summary: ResponseSummary) {
        if let Some(entry) = self.transcript.last_mut() {
            entry.response = Some(summary);
        }
    }

    /// The transcript as Markdown, with no secret in it.
    pub fn transcript_markdown(&self) -> String {
        use fmt::Write as _;
        let c = &self.config;
        let mut md = String::new();
        let _ = writeln!(md, "# Sign-in transcript\n");
        let _ = writeln!(md, "- Flow: {}", c.flow.name());
        let _ = writeln!(md, "- User pool: {}", cell(&c.pool_id));
        let _ = writeln!(
            md,
            "- App client: {}{}",
            cell(&c.client_id),
            if c.client_secret.is_some() {
                " (with a client secret: calls carry SECRET_HASH)"
            } else {
                ""
            }
        );
        let _ = writeln!(md, "- Username: {}", cell(&c.username));
        let outcome = self.outcome.as_deref().unwrap_or("in progress");
        let _ = writeln!(md, "- Result: {}", cell(outcome));
        for (i, e) in self.transcript.iter().enumerate() {
            let r = &e.request;
            let _ = write!(md, "\n## {}. {}", i + 1, r.operation);
            if let Some(s) = &r.subject {
                let _ = write!(md, " · {}", cell(s));
            }
            md.push_str("\n\n");
            if let Some(x) = e.request_explanation {
                let _ = writeln!(md, "{x}\n");
            }
            let mut rows = r.params.clone();
            if r.session {
                rows.push(("Session".to_owned(), MASK.to_owned()));
            }
            table(&mut md, &rows);
            if let Some(resp) = &e.response {
                let _ = writeln!(
                    md,
                    "**Cognito answered:** {} · session returned: {}\n",
                    cell(&resp.kind),
                    if resp.session_returned { "yes" } else { "no" }
                );
                table(&mut md, &resp.params);
                if let Some(x) = resp.explanation {
                    let _ = writeln!(md, "{x}\n");
                }
            }
            if let Some(err) = &e.error {
                let _ = writeln!(md, "**Error:** {}\n", cell(err));
            }
        }
        md
    }
}

// ---------------------------------------------------------------------------------------------
// Free helpers
// ---------------------------------------------------------------------------------------------

fn misuse(what: &str) -> Step {
    Step::Failed(FlowError::new(
        ErrorKind::Misuse,
        "runner",
        format!("Internal error: {what}."),
    ))
}

fn step_title(c: &FlowConfig, awaiting: &Awaiting) -> String {
    let admin = c.flow.is_admin();
    match awaiting {
        Awaiting::Initiate if admin => format!("AdminInitiateAuth {}", c.flow.auth_flow()),
        Awaiting::Initiate => format!("InitiateAuth {}", c.flow.auth_flow()),
        Awaiting::Challenge(ch) if admin => format!("AdminRespondToAuthChallenge {ch}"),
        Awaiting::Challenge(ch) => format!("RespondToAuthChallenge {ch}"),
        Awaiting::Associate => "AssociateSoftwareToken".to_owned(),
        Awaiting::Verify => "VerifySoftwareToken".to_owned(),
    }
}

fn prompt_step_name(want: &Want) -> String {
    match want {
        Want::Password(_) => "password".to_owned(),
        Want::RefreshToken => "refresh token".to_owned(),
        Want::ClientSecret => "client secret".to_owned(),
        Want::NewPassword { .. } => "NEW_PASSWORD_REQUIRED".to_owned(),
        Want::Code { challenge, .. } | Want::Choice { challenge, .. } => challenge.clone(),
        Want::CustomAnswer => "CUSTOM_CHALLENGE".to_owned(),
        Want::MfaSetupCode => "MFA_SETUP".to_owned(),
    }
}

fn input_name(input: &Input) -> &'static str {
    match input {
        Input::Password(_) => "A password",
        Input::NewPassword { .. } => "A new password",
        Input::Code(_) => "A code",
        Input::Answer(_) => "An answer",
        Input::Choice(_) => "A choice",
        Input::ClientSecret(_) => "A client secret",
        Input::RefreshToken(_) => "A refresh token",
    }
}

/// Removes spaces; a TOTP code must be 6 digits.
fn normalise_code(code: &Secret, totp: bool) -> Result<Secret, &'static str> {
    let cleaned: String = code
        .expose()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if cleaned.is_empty() {
        return Err("The code is empty.");
    }
    if totp && (cleaned.len() != 6 || !cleaned.bytes().all(|b| b.is_ascii_digit())) {
        return Err("An authenticator code has 6 digits.");
    }
    Ok(Secret::new(cleaned))
}

/// `userAttributes.name` → `name`.
fn attr_name(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix("userAttributes.").unwrap_or(s)
}

/// A list as Cognito writes it in challenge parameters: a JSON array (`["A","B"]`), or
/// leniently the Python repr moto writes (`['A', 'B']`), or bare `A,B`.
fn parse_list(s: &str) -> Vec<String> {
    if let Ok(list) = serde_json::from_str::<Vec<String>>(s) {
        return list;
    }
    s.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|item| item.trim().trim_matches(|c| c == '"' || c == '\'').trim())
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The `userAttributes` JSON object of NEW_PASSWORD_REQUIRED, values as text.
fn parse_attributes(s: &str) -> BTreeMap<String, String> {
    match serde_json::from_str::<serde_json::Value>(s) {
        Ok(serde_json::Value::Object(map)) => map
            .into_iter()
            .map(|(k, v)| {
                let v = match v {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                (k, v)
            })
            .collect(),
        _ => BTreeMap::new(),
    }
}

/// Challenge parameters that are secret-like and never shown.
fn secret_param(name: &str) -> bool {
    matches!(name, "SECRET_BLOCK" | "PASSWORD_CLAIM_SECRET_BLOCK")
}

fn summarise_auth(r: &AuthResponse) -> ResponseSummary {
    if let Some(t) = &r.tokens {
        let mut params = Vec::new();
        if t.id_token.is_some() {
            params.push(("IdToken".to_owned(), MASK.to_owned()));
        }
        params.push(("AccessToken".to_owned(), MASK.to_owned()));
        if t.refresh_token.is_some() {
            params.push(("RefreshToken".to_owned(), MASK.to_owned()));
        }
        params.push(("ExpiresIn".to_owned(), t.expires_in.to_string()));
        params.push(("TokenType".to_owned(), t.token_type.clone()));
        return ResponseSummary {
            kind: "tokens".to_owned(),
            params,
            session_returned: r.session.is_some(),
            explanation: response_explanation("TOKENS"),
        };
    }
    let name = r.challenge_name.clone().unwrap_or_default();
    let mut params: Vec<(String, String)> = r
        .challenge_parameters
        .iter()
        .map(|(k, v)| {
            let shown = if secret_param(k) {
                MASK.to_owned()
            } else {
                shorten(v)
            };
            (k.clone(), shown)
        })
        .collect();
    if !r.available_challenges.is_empty() {
        params.push((
            "AvailableChallenges".to_owned(),
            r.available_challenges.join(", "),
        ));
    }
    ResponseSummary {
        kind: if name.is_empty() {
            "nothing".to_owned()
        } else {
            format!("challenge {name}")
        },
        params,
        session_returned: r.session.is_some(),
        explanation: response_explanation(&name),
    }
}

/// Long values as `first16…(N chars)`.
fn shorten(v: &str) -> String {
    let n = v.chars().count();
    if n <= SHOW_MAX_CHARS {
        v.to_owned()
    } else {
        let head: String = v.chars().take(16).collect();
        format!("{head}… ({n} chars)")
    }
}

/// Text safe inside a Markdown table cell or line.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

fn table(md: &mut String, rows: &[(String, String)]) {
    use fmt::Write as _;
    if rows.is_empty() {
        return;
    }
    md.push_str("| Parameter | Value |\n|---|---|\n");
    for (k, v) in rows {
        let _ = writeln!(md, "| {} | {} |", cell(k), cell(v));
    }
    md.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const POOL: &str = "us-east-1_AbCdEf123";
    const CLIENT: &str = "4bmsrr65ah3oas5d4sd54st11k";
    const CLIENT_SECRET: &str = "client-secret-XYZ-1234567890";
    const PASSWORD: &str = "Tr0ub4dor&3-secret";
    const SUB: &str = "8f1c2d3e-0000-4000-8000-000000000001";

    #[derive(serde::Deserialize)]
    struct Fixture {
        cases: Vec<Case>,
    }

    #[derive(serde::Deserialize)]
    struct Case {
        pool_id: String,
        username: String,
        user_id_for_srp: String,
        password: String,
        a_hex: String,
        salt_hex: String,
        srp_b_hex: String,
        secret_block_b64: String,
        timestamp: String,
        expected: Expected,
    }

    #[derive(serde::Deserialize)]
    struct Expected {
        srp_a_hex: String,
        signature_b64: String,
    }

    fn srp_case() -> Case {
        let f: Fixture =
            serde_json::from_str(include_str!("../../tests/fixtures/srp/pycognito.json")).unwrap();
        f.cases.into_iter().next().unwrap()
    }

    fn config(flow: Flow) -> FlowConfig {
        FlowConfig::new(POOL, CLIENT, "alice", flow)
    }

    fn with_password() -> Inputs {
        Inputs {
            password: Some(Secret::new(PASSWORD)),
            ..Inputs::default()
        }
    }

    fn sent(step: Step) -> AuthRequest {
        match step {
            Step::Send(r) => r,
            other => panic!("expected Send, got {other:?}"),
        }
    }

    fn prompt(step: Step) -> Prompt {
        match step {
            Step::NeedInput(p) => p,
            other => panic!("expected NeedInput, got {other:?}"),
        }
    }

    fn work(step: Step) -> SrpWork {
        match step {
            Step::Compute(w) => w,
            other => panic!("expected Compute, got {other:?}"),
        }
    }

    fn failed(step: Step) -> FlowError {
        match step {
            Step::Failed(e) => e,
            other => panic!("expected Failed, got {other:?}"),
        }
    }

    fn done(step: Step) -> Tokens {
        match step {
            Step::Done(t) => t,
            other => panic!("expected Done, got {other:?}"),
        }
    }

    /// The parameters as they would go on the wire.
    fn params(req: &AuthRequest) -> BTreeMap<String, String> {
        let p = match req {
            AuthRequest::InitiateAuth { params, .. }
            | AuthRequest::AdminInitiateAuth { params, .. } => params,
            AuthRequest::RespondToAuthChallenge { responses, .. }
            | AuthRequest::AdminRespondToAuthChallenge { responses, .. } => responses,
            other => panic!("no parameters in {other:?}"),
        };
        expose_params(p).into_iter().collect()
    }

    fn session(req: &AuthRequest) -> Option<String> {
        match req {
            AuthRequest::RespondToAuthChallenge { session, .. }
            | AuthRequest::AdminRespondToAuthChallenge { session, .. } => {
                session.as_ref().map(|s| s.expose().to_owned())
            }
            AuthRequest::AssociateSoftwareToken { session }
            | AuthRequest::VerifySoftwareToken { session, .. } => Some(session.expose().to_owned()),
            _ => None,
        }
    }

    fn challenge_name(req: &AuthRequest) -> &str {
        match req {
            AuthRequest::RespondToAuthChallenge { challenge_name, .. }
            | AuthRequest::AdminRespondToAuthChallenge { challenge_name, .. } => challenge_name,
            other => panic!("not a challenge answer: {other:?}"),
        }
    }

    fn auth_flow(req: &AuthRequest) -> &'static str {
        match req {
            AuthRequest::InitiateAuth { auth_flow, .. }
            | AuthRequest::AdminInitiateAuth { auth_flow, .. } => auth_flow,
            other => panic!("not an initiate: {other:?}"),
        }
    }

    fn challenge(name: &str, params: &[(&str, &str)], session: Option<&str>) -> Reply {
        Reply::Auth(AuthResponse {
            challenge_name: Some(name.to_owned()),
            challenge_parameters: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            session: session.map(Secret::from),
            ..AuthResponse::default()
        })
    }

    const ID_TOKEN: &str = "eyJraWQiOiJpZC10b2tlbi12YWx1ZSJ9.id-payload.id-signature";
    const ACCESS_TOKEN: &str = "eyJraWQiOiJhY2Nlc3MifQ.access-payload.access-signature";
    const REFRESH_TOKEN: &str = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.refresh-token-value";

    fn tokens(refresh: bool) -> Reply {
        Reply::Auth(AuthResponse {
            tokens: Some(Tokens {
                id_token: Some(Secret::new(ID_TOKEN)),
                access_token: Secret::new(ACCESS_TOKEN),
                refresh_token: refresh.then(|| Secret::new(REFRESH_TOKEN)),
                expires_in: 3600,
                token_type: "Bearer".to_owned(),
            }),
            ..AuthResponse::default()
        })
    }

    fn srp_client(a_hex: &str) -> SrpDone {
        SrpDone(SrpOutcome::Client(SrpClient::with_secret_a(a_hex).unwrap()))
    }

    fn verifier_params(case: &Case, username: &str, user_id: &str) -> Vec<(String, String)> {
        vec![
            ("USERNAME".into(), username.into()),
            ("USER_ID_FOR_SRP".into(), user_id.into()),
            ("SRP_B".into(), case.srp_b_hex.clone()),
            ("SALT".into(), case.salt_hex.clone()),
            ("SECRET_BLOCK".into(), case.secret_block_b64.clone()),
        ]
    }

    fn reply_of(name: &str, params: &[(String, String)], session: Option<&str>) -> Reply {
        let refs: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        challenge(name, &refs, session)
    }

    fn hash(username: &str) -> String {
        secret_hash(username, CLIENT, CLIENT_SECRET)
    }

    #[test]
    fn srp_flow_with_client_secret_matches_the_known_answer_vectors() {
        let case = srp_case();
        let cfg = FlowConfig::new(&case.pool_id, CLIENT, &case.username, Flow::UserSrp)
            .with_client_secret(CLIENT_SECRET);
        let mut r = Runner::new(cfg);
        let w = work(r.start(Inputs {
            password: Some(Secret::new(case.password.clone())),
            ..Inputs::default()
        }));
        assert!(matches!(w.0, SrpJob::NewClient));
        assert_eq!(r.status(), Status::Computing);

        let req = sent(r.srp_done(srp_client(&case.a_hex)));
        assert_eq!(req.operation(), "InitiateAuth");
        assert_eq!(auth_flow(&req), "USER_SRP_AUTH");
        let p = params(&req);
        assert_eq!(p["USERNAME"], case.username);
        assert_eq!(p["SRP_A"], case.expected.srp_a_hex);
        assert_eq!(p["SECRET_HASH"], hash(&case.username));
        assert_eq!(p.len(), 3);
        assert_eq!(r.status(), Status::WaitingForCognito);

        let vp = verifier_params(&case, &case.user_id_for_srp, &case.user_id_for_srp);
        let w = work(r.on_response(reply_of("PASSWORD_VERIFIER", &vp, None)));
        let req = sent(r.srp_done(w.run(datetime!(2026-11-02 01:02:03 UTC))));
        assert_eq!(req.operation(), "RespondToAuthChallenge");
        assert_eq!(challenge_name(&req), "PASSWORD_VERIFIER");
        let p = params_of(&req);
        assert_eq!(p["PASSWORD_CLAIM_SIGNATURE"], case.expected.signature_b64);
        assert_eq!(p["PASSWORD_CLAIM_SECRET_BLOCK"], case.secret_block_b64);
        assert_eq!(p["TIMESTAMP"], case.timestamp);
        assert_eq!(p["USERNAME"], case.user_id_for_srp);
        assert_eq!(p["SECRET_HASH"], hash(&case.user_id_for_srp));
        assert_eq!(session(&req), None);

        let t = done(r.on_response(tokens(true)));
        assert_eq!(t.access_token.expose(), ACCESS_TOKEN);
        assert_eq!(r.status(), Status::SignedIn);
        assert_eq!(r.transcript().len(), 2);
    }

    fn params_of(req: &AuthRequest) -> BTreeMap<String, String> {
        params(req)
    }

    #[test]
    fn srp_uses_user_id_for_srp_for_the_math_and_username_for_the_answer() {
        // moto: USERNAME is the username, USER_ID_FOR_SRP the sub.
        let case = srp_case();
        let cfg = config(Flow::UserSrp).with_client_secret(CLIENT_SECRET);
        let mut r = Runner::new(cfg);
        work(r.start(with_password()));
        sent(r.srp_done(srp_client("1234abcd")));
        let vp = verifier_params(&case, "alice", SUB);
        let w = work(r.on_response(reply_of("PASSWORD_VERIFIER", &vp, Some("S1"))));
        match &w.0 {
            SrpJob::Claim {
                user_id_for_srp,
                password,
                ..
            } => {
                assert_eq!(user_id_for_srp, SUB);
                assert_eq!(password.expose(), PASSWORD);
            }
            SrpJob::NewClient => panic!("expected the claim"),
        }
        let req = sent(r.srp_done(w.run(datetime!(2026-01-01 00:00:00 UTC))));
        let p = params(&req);
        assert_eq!(p["USERNAME"], "alice");
        assert_eq!(p["SECRET_HASH"], hash("alice"));
        assert_eq!(session(&req).as_deref(), Some("S1"));

        // Without a USERNAME parameter, USER_ID_FOR_SRP is the username from then on.
        let mut r = Runner::new(config(Flow::UserSrp).with_client_secret(CLIENT_SECRET));
        work(r.start(with_password()));
        sent(r.srp_done(srp_client("1234abcd")));
        let mut vp = verifier_params(&case, "", SUB);
        vp.retain(|(k, _)| k != "USERNAME");
        let w = work(r.on_response(reply_of("PASSWORD_VERIFIER", &vp, None)));
        let req = sent(r.srp_done(w.run(datetime!(2026-01-01 00:00:00 UTC))));
        assert_eq!(params_of(&req)["USERNAME"], SUB);
        assert_eq!(params_of(&req)["SECRET_HASH"], hash(SUB));
        // ...including for the MFA answer that follows, whose parameters are empty.
        let p = prompt(r.on_response(challenge("SOFTWARE_TOKEN_MFA", &[], Some("S2"))));
        assert!(matches!(
            p,
            Prompt::Code {
                kind: CodeKind::Totp,
                ..
            }
        ));
        let req = sent(r.provide(Input::Code("123456".into())));
        assert_eq!(params(&req)["USERNAME"], SUB);
        assert_eq!(params(&req)["SECRET_HASH"], hash(SUB));
        assert_eq!(session(&req).as_deref(), Some("S2"));
    }

    #[test]
    fn alias_sign_in_switches_to_the_real_username_for_challenges() {
        let mut cfg = config(Flow::UserPassword).with_client_secret(CLIENT_SECRET);
        cfg.username = "alice@example.com".into();
        let mut r = Runner::new(cfg);
        let req = sent(r.start(with_password()));
        assert_eq!(auth_flow(&req), "USER_PASSWORD_AUTH");
        let p = params(&req);
        assert_eq!(p["USERNAME"], "alice@example.com");
        assert_eq!(p["PASSWORD"], PASSWORD);
        assert_eq!(p["SECRET_HASH"], hash("alice@example.com"));

        let p = prompt(r.on_response(challenge(
            "SOFTWARE_TOKEN_MFA",
            &[("USERNAME", SUB)],
            Some("S1"),
        )));
        assert_eq!(p.question(), "Code from the authenticator app");
        let req = sent(r.provide(Input::Code(" 123 456 ".into())));
        let p = params(&req);
        assert_eq!(challenge_name(&req), "SOFTWARE_TOKEN_MFA");
        assert_eq!(p["SOFTWARE_TOKEN_MFA_CODE"], "123456");
        assert_eq!(p["USERNAME"], SUB);
        assert_eq!(p["SECRET_HASH"], hash(SUB));
        assert_eq!(session(&req).as_deref(), Some("S1"));
        done(r.on_response(tokens(true)));
    }

    #[test]
    fn new_password_required_asks_for_every_required_attribute() {
        let mut r = Runner::new(config(Flow::UserPassword));
        sent(r.start(with_password()));
        let p = prompt(r.on_response(challenge(
            "NEW_PASSWORD_REQUIRED",
            &[
                ("USERNAME", "alice"),
                (
                    "userAttributes",
                    r#"{"email":"a@example.com","email_verified":"true"}"#,
                ),
                (
                    "requiredAttributes",
                    r#"["userAttributes.name","userAttributes.family_name"]"#,
                ),
            ],
            Some("S1"),
        )));
        let Prompt::NewPassword {
            required_attributes,
            current_attributes,
            ..
        } = &p
        else {
            panic!("{p:?}")
        };
        assert_eq!(required_attributes, &["name", "family_name"]);
        assert_eq!(current_attributes["email"], "a@example.com");
        assert!(p.hide_input());
        assert_eq!(
            p.question(),
            "New password for alice, and a value for: name, family_name"
        );

        let mut attributes = BTreeMap::from([("name".to_owned(), "Alice".to_owned())]);
        let e = failed(r.provide(Input::NewPassword {
            password: "N3w-Passw0rd!".into(),
            attributes: attributes.clone(),
        }));
        assert_eq!(e.kind, ErrorKind::InvalidInput);
        assert_eq!(e.retry, Retry::SameStep);
        assert!(e.message.contains("family_name"), "{e}");
        assert_eq!(prompt(r.retry()), p);

        attributes.insert("family_name".into(), "Liddell".into());
        let req = sent(r.provide(Input::NewPassword {
            password: "N3w-Passw0rd!".into(),
            attributes,
        }));
        assert_eq!(challenge_name(&req), "NEW_PASSWORD_REQUIRED");
        let p = params(&req);
        assert_eq!(p["NEW_PASSWORD"], "N3w-Passw0rd!");
        assert_eq!(p["userAttributes.name"], "Alice");
        assert_eq!(p["userAttributes.family_name"], "Liddell");
        assert_eq!(p["USERNAME"], "alice");
        assert!(!p.contains_key("SECRET_HASH"));
        assert_eq!(session(&req).as_deref(), Some("S1"));
        done(r.on_response(tokens(true)));
        // The new password is the password from now on (e.g. for a restart).
        assert_eq!(r.password.as_ref().unwrap().expose(), "N3w-Passw0rd!");
    }

    #[test]
    fn admin_flow_uses_the_admin_operations() {
        let mut r = Runner::new(config(Flow::AdminUserPassword));
        let req = sent(r.start(with_password()));
        match &req {
            AuthRequest::AdminInitiateAuth {
                pool_id,
                client_id,
                auth_flow,
                ..
            } => {
                assert_eq!(pool_id, POOL);
                assert_eq!(client_id, CLIENT);
                assert_eq!(*auth_flow, "ADMIN_USER_PASSWORD_AUTH");
            }
            other => panic!("{other:?}"),
        }
        let p = prompt(r.on_response(challenge(
            "SMS_MFA",
            &[
                ("CODE_DELIVERY_DESTINATION", "+*******1234"),
                ("CODE_DELIVERY_DELIVERY_MEDIUM", "SMS"),
            ],
            Some("S1"),
        )));
        assert_eq!(p.question(), "Code sent by SMS to +*******1234");
        let req = sent(r.provide(Input::Code("654321".into())));
        assert!(
            matches!(&req, AuthRequest::AdminRespondToAuthChallenge { pool_id, .. } if pool_id == POOL)
        );
        assert_eq!(params(&req)["SMS_MFA_CODE"], "654321");
        done(r.on_response(tokens(true)));
    }

    #[test]
    fn refresh_token_flow_hashes_the_configured_real_username() {
        let mut cfg = config(Flow::RefreshToken).with_client_secret(CLIENT_SECRET);
        cfg.username = SUB.into();
        let mut r = Runner::new(cfg);
        assert_eq!(prompt(r.start(Inputs::default())), Prompt::RefreshToken);
        let req = sent(r.provide(Input::RefreshToken(REFRESH_TOKEN.into())));
        assert_eq!(auth_flow(&req), "REFRESH_TOKEN_AUTH");
        let p = params(&req);
        assert_eq!(p["REFRESH_TOKEN"], REFRESH_TOKEN);
        assert_eq!(p["SECRET_HASH"], hash(SUB));
        assert!(!p.contains_key("USERNAME"));
        let t = done(r.on_response(tokens(false)));
        assert!(t.refresh_token.is_none());

        // Without a client secret no username is needed.
        let mut cfg = config(Flow::RefreshToken);
        cfg.username.clear();
        let mut r = Runner::new(cfg);
        let req = sent(r.start(Inputs {
            refresh_token: Some(REFRESH_TOKEN.into()),
            ..Inputs::default()
        }));
        assert_eq!(params(&req).len(), 1);

        // With one, it is.
        let mut cfg = config(Flow::RefreshToken).with_client_secret(CLIENT_SECRET);
        cfg.username.clear();
        let e = failed(Runner::new(cfg).start(Inputs::default()));
        assert_eq!(e.kind, ErrorKind::Config);
        assert!(e.message.contains("username"), "{e}");
    }

    #[test]
    fn custom_auth_answers_challenges_until_tokens() {
        let mut r = Runner::new(config(Flow::CustomAuth));
        let req = sent(r.start(Inputs::default()));
        assert_eq!(auth_flow(&req), "CUSTOM_AUTH");
        assert_eq!(params(&req).keys().collect::<Vec<_>>(), ["USERNAME"]);

        let p = prompt(r.on_response(challenge(
            "CUSTOM_CHALLENGE",
            &[("USERNAME", "alice"), ("question", "2 + 2 = ?")],
            Some("S1"),
        )));
        let Prompt::CustomChallenge { parameters } = &p else {
            panic!("{p:?}")
        };
        assert_eq!(parameters["question"], "2 + 2 = ?");
        let req = sent(r.provide(Input::Answer("4".into())));
        assert_eq!(challenge_name(&req), "CUSTOM_CHALLENGE");
        assert_eq!(params(&req)["ANSWER"], "4");
        assert_eq!(session(&req).as_deref(), Some("S1"));

        prompt(r.on_response(challenge(
            "CUSTOM_CHALLENGE",
            &[("question", "capital of France?")],
            Some("S2"),
        )));
        let req = sent(r.provide(Input::Answer("Paris".into())));
        assert_eq!(session(&req).as_deref(), Some("S2"));
        done(r.on_response(tokens(true)));
    }

    #[test]
    fn custom_auth_with_srp_starts_with_a_password_check() {
        let case = srp_case();
        let mut r = Runner::new(config(Flow::CustomAuthWithSrp));
        // No password given: it is asked for first.
        let p = prompt(r.start(Inputs::default()));
        assert_eq!(
            p,
            Prompt::Password {
                username: "alice".into(),
                failed_attempts: 0
            }
        );
        work(r.provide(Input::Password(PASSWORD.into())));
        let req = sent(r.srp_done(srp_client("1234abcd")));
        assert_eq!(auth_flow(&req), "CUSTOM_AUTH");
        let p = params(&req);
        assert_eq!(p["CHALLENGE_NAME"], "SRP_A");
        assert_eq!(
            p["SRP_A"],
            SrpClient::with_secret_a("1234abcd").unwrap().srp_a_hex()
        );
        let vp = verifier_params(&case, "alice", "alice");
        let w = work(r.on_response(reply_of("PASSWORD_VERIFIER", &vp, Some("S1"))));
        let req = sent(r.srp_done(w.run(datetime!(2026-01-01 00:00:00 UTC))));
        assert_eq!(challenge_name(&req), "PASSWORD_VERIFIER");
        prompt(r.on_response(challenge("CUSTOM_CHALLENGE", &[], Some("S2"))));
        let req = sent(r.provide(Input::Answer("x".into())));
        assert_eq!(session(&req).as_deref(), Some("S2"));
    }

    fn select_challenge(options: &[&str]) -> Reply {
        Reply::Auth(AuthResponse {
            challenge_name: Some("SELECT_CHALLENGE".into()),
            challenge_parameters: BTreeMap::from([("USERNAME".into(), "alice".into())]),
            session: Some("S1".into()),
            available_challenges: options.iter().map(|s| (*s).to_owned()).collect(),
            tokens: None,
        })
    }

    #[test]
    fn user_auth_offers_the_available_first_factors() {
        let all = [
            "PASSWORD",
            "PASSWORD_SRP",
            "EMAIL_OTP",
            "SMS_OTP",
            "WEB_AUTHN",
        ];
        let mut r = Runner::new(config(Flow::UserAuth { preferred: None }));
        let req = sent(r.start(Inputs::default()));
        assert_eq!(auth_flow(&req), "USER_AUTH");
        assert_eq!(params(&req).keys().collect::<Vec<_>>(), ["USERNAME"]);
        let p = prompt(r.on_response(select_challenge(&all)));
        let Prompt::Choose {
            challenge: menu,
            options,
        } = &p
        else {
            panic!("{p:?}")
        };
        assert_eq!(menu, "SELECT_CHALLENGE");
        let values: Vec<_> = options.iter().map(|o| o.value.as_str()).collect();
        assert_eq!(values, all);
        assert!(!options[4].supported);

        // Passkeys: refused, the same menu again.
        let e = failed(r.provide(Input::Choice("WEB_AUTHN".into())));
        assert_eq!(e.retry, Retry::SameStep);
        assert!(e.message.contains("Passkeys"), "{e}");
        assert_eq!(prompt(r.retry()), p);
        // Not an option at all.
        let e = failed(r.provide(Input::Choice("CARRIER_PIGEON".into())));
        assert_eq!(e.kind, ErrorKind::InvalidInput);
        prompt(r.retry());

        // A one-time code by email.
        let req = sent(r.provide(Input::Choice("email_otp".into())));
        assert_eq!(challenge_name(&req), "SELECT_CHALLENGE");
        let p = params(&req);
        assert_eq!(p["ANSWER"], "EMAIL_OTP");
        assert_eq!(p["USERNAME"], "alice");
        assert_eq!(session(&req).as_deref(), Some("S1"));
        let p = prompt(r.on_response(challenge(
            "EMAIL_OTP",
            &[("CODE_DELIVERY_DESTINATION", "a***@e***")],
            Some("S2"),
        )));
        assert_eq!(p.question(), "Code sent by email to a***@e***");
        let req = sent(r.provide(Input::Code("12345678".into())));
        assert_eq!(params(&req)["EMAIL_OTP_CODE"], "12345678");
        assert_eq!(session(&req).as_deref(), Some("S2"));
        done(r.on_response(tokens(true)));
    }

    #[test]
    fn user_auth_password_choices() {
        // PASSWORD: asked for, then sent with the choice.
        let mut r = Runner::new(config(Flow::UserAuth { preferred: None }));
        sent(r.start(Inputs::default()));
        prompt(r.on_response(select_challenge(&["PASSWORD", "PASSWORD_SRP"])));
        assert!(matches!(
            prompt(r.provide(Input::Choice("PASSWORD".into()))),
            Prompt::Password { .. }
        ));
        let req = sent(r.provide(Input::Password(PASSWORD.into())));
        let p = params(&req);
        assert_eq!(p["ANSWER"], "PASSWORD");
        assert_eq!(p["PASSWORD"], PASSWORD);
        assert_eq!(session(&req).as_deref(), Some("S1"));

        // PASSWORD_SRP with the password given up front: SRP_A goes with the choice.
        let case = srp_case();
        let mut r = Runner::new(config(Flow::UserAuth { preferred: None }));
        sent(r.start(with_password()));
        prompt(r.on_response(select_challenge(&["PASSWORD", "PASSWORD_SRP"])));
        work(r.provide(Input::Choice("PASSWORD_SRP".into())));
        let req = sent(r.srp_done(srp_client("1234abcd")));
        let p = params(&req);
        assert_eq!(p["ANSWER"], "PASSWORD_SRP");
        assert!(p["SRP_A"].len() > 100);
        let vp = verifier_params(&case, "alice", "alice");
        let w = work(r.on_response(reply_of("PASSWORD_VERIFIER", &vp, Some("S2"))));
        let req = sent(r.srp_done(w.run(datetime!(2026-01-01 00:00:00 UTC))));
        assert_eq!(challenge_name(&req), "PASSWORD_VERIFIER");
        assert_eq!(session(&req).as_deref(), Some("S2"));
        done(r.on_response(tokens(true)));
    }

    #[test]
    fn user_auth_with_a_preferred_challenge() {
        let preferred = |f| Flow::UserAuth { preferred: Some(f) };
        let mut r = Runner::new(config(preferred(FirstFactor::Password)));
        let p = params(&sent(r.start(with_password())));
        assert_eq!(p["PREFERRED_CHALLENGE"], "PASSWORD");
        assert_eq!(p["PASSWORD"], PASSWORD);

        let mut r = Runner::new(config(preferred(FirstFactor::PasswordSrp)));
        work(r.start(with_password()));
        let p = params(&sent(r.srp_done(srp_client("1234abcd"))));
        assert_eq!(p["PREFERRED_CHALLENGE"], "PASSWORD_SRP");
        assert!(p.contains_key("SRP_A"));
        assert!(!p.contains_key("PASSWORD"));

        let mut r = Runner::new(config(preferred(FirstFactor::SmsOtp)));
        let p = params(&sent(r.start(Inputs::default())));
        assert_eq!(p["PREFERRED_CHALLENGE"], "SMS_OTP");
        let p = prompt(r.on_response(challenge("SMS_OTP", &[], Some("S1"))));
        assert!(matches!(
            p,
            Prompt::Code {
                kind: CodeKind::SmsOtp,
                ..
            }
        ));
        let req = sent(r.provide(Input::Code("111222".into())));
        assert_eq!(params(&req)["SMS_OTP_CODE"], "111222");

        let e =
            failed(Runner::new(config(preferred(FirstFactor::WebAuthn))).start(with_password()));
        assert_eq!(e.kind, ErrorKind::Unsupported);
        assert_eq!(e.retry, Retry::No);
    }

    #[test]
    fn select_mfa_type_answers_with_the_choice() {
        let mut r = Runner::new(config(Flow::UserPassword));
        sent(r.start(with_password()));
        let p = prompt(r.on_response(challenge(
            "SELECT_MFA_TYPE",
            &[("MFAS_CAN_CHOOSE", r#"["SMS_MFA","SOFTWARE_TOKEN_MFA"]"#)],
            Some("S1"),
        )));
        assert_eq!(
            p.question(),
            "Choose the second factor: SMS_MFA, SOFTWARE_TOKEN_MFA"
        );
        let req = sent(r.provide(Input::Choice("SOFTWARE_TOKEN_MFA".into())));
        assert_eq!(challenge_name(&req), "SELECT_MFA_TYPE");
        assert_eq!(params(&req)["ANSWER"], "SOFTWARE_TOKEN_MFA");
        // A choice is not a secret: the timeline shows it.
        assert!(
            req.masked()
                .to_string()
                .contains("ANSWER=SOFTWARE_TOKEN_MFA")
        );
        prompt(r.on_response(challenge("SOFTWARE_TOKEN_MFA", &[], Some("S2"))));
        let req = sent(r.provide(Input::Code("000000".into())));
        assert_eq!(session(&req).as_deref(), Some("S2"));
    }

    const TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    #[test]
    fn mfa_setup_associates_verifies_and_answers() {
        let mut cfg = config(Flow::UserPassword).with_client_secret(CLIENT_SECRET);
        cfg.totp_issuer = Some("Workshop".into());
        let mut r = Runner::new(cfg);
        sent(r.start(with_password()));
        // moto writes the list as a Python repr.
        let req = sent(r.on_response(challenge(
            "MFA_SETUP",
            &[("MFAS_CAN_SETUP", "['SOFTWARE_TOKEN_MFA']")],
            Some("S1"),
        )));
        assert_eq!(
            req,
            AuthRequest::AssociateSoftwareToken {
                session: "S1".into()
            }
        );

        let p = prompt(r.on_response(Reply::AssociateSoftwareToken(
            AssociateSoftwareTokenResponse {
                secret_code: TOTP_SECRET.into(),
                session: Some("S2".into()),
            },
        )));
        let Prompt::MfaSetup {
            secret_code,
            otpauth_uri,
            account,
            issuer,
        } = &p
        else {
            panic!("{p:?}")
        };
        assert_eq!(secret_code.expose(), TOTP_SECRET);
        assert_eq!(
            otpauth_uri.expose(),
            format!("otpauth://totp/Workshop:alice?secret={TOTP_SECRET}&issuer=Workshop")
        );
        assert_eq!((account.as_str(), issuer.as_str()), ("alice", "Workshop"));

        // A code that is not 6 digits never leaves.
        let e = failed(r.provide(Input::Code("12345".into())));
        assert_eq!(e.retry, Retry::SameStep);
        assert_eq!(prompt(r.retry()), p);

        let code = totp::code(TOTP_SECRET, 1_800_000_000).unwrap();
        let req = sent(r.provide(Input::Code(code.clone().into())));
        assert_eq!(
            req,
            AuthRequest::VerifySoftwareToken {
                session: "S2".into(),
                user_code: code.clone().into(),
                friendly_device_name: Some("cognito-tui".into()),
            }
        );
        // Cognito says no: the same step again, with the same secret.
        let e = failed(
            r.on_response(Reply::VerifySoftwareToken(VerifySoftwareTokenResponse {
                status: "ERROR".into(),
                session: None,
            })),
        );
        assert_eq!(e.kind, ErrorKind::CodeMismatch);
        assert_eq!(e.retry, Retry::SameStep);
        assert_eq!(prompt(r.retry()), p);

        let req = sent(r.provide(Input::Code(code.into())));
        assert_eq!(session(&req).as_deref(), Some("S2"));
        let req = sent(
            r.on_response(Reply::VerifySoftwareToken(VerifySoftwareTokenResponse {
                status: "SUCCESS".into(),
                session: Some("S3".into()),
            })),
        );
        assert_eq!(challenge_name(&req), "MFA_SETUP");
        let p = params(&req);
        assert_eq!(p["USERNAME"], "alice");
        assert_eq!(p["SECRET_HASH"], hash("alice"));
        assert_eq!(session(&req).as_deref(), Some("S3"));
        done(r.on_response(tokens(true)));
    }

    #[test]
    fn mfa_setup_without_totp_is_explained() {
        let mut r = Runner::new(config(Flow::UserPassword));
        sent(r.start(with_password()));
        let e = failed(r.on_response(challenge(
            "MFA_SETUP",
            &[("MFAS_CAN_SETUP", r#"["SMS_MFA"]"#)],
            Some("S1"),
        )));
        assert_eq!(e.kind, ErrorKind::Unsupported);
        assert!(e.message.contains("SMS_MFA"), "{e}");
        assert!(r.transcript()[0].error.is_some());
    }

    #[test]
    fn wrong_passwords_are_counted_and_warned_about() {
        let mut r = Runner::new(config(Flow::UserPassword));
        sent(r.start(with_password()));
        for n in 1..=4u32 {
            let e = failed(r.on_error("NotAuthorizedException", "Incorrect username or password."));
            assert_eq!(e.kind, ErrorKind::WrongPassword);
            assert_eq!(e.retry, Retry::Restart);
            assert_eq!(e.step, "InitiateAuth USER_PASSWORD_AUTH");
            assert_eq!(e.code.as_deref(), Some("NotAuthorizedException"));
            assert_eq!(r.failed_password_attempts(), n);
            if n >= 3 {
                let w = e.warning.as_deref().unwrap();
                assert!(w.contains("locks the user out"), "{w}");
                assert!(e.to_string().contains("5 failed attempts"), "{e}");
            } else {
                assert_eq!(e.warning, None);
            }
            // The wrong password is forgotten: asked for again.
            assert_eq!(
                prompt(r.retry()),
                Prompt::Password {
                    username: "alice".into(),
                    failed_attempts: n
                }
            );
            sent(r.provide(Input::Password(format!("guess-{n}").into())));
        }
        done(r.on_response(tokens(true)));
        assert_eq!(r.failed_password_attempts(), 0);
    }

    #[test]
    fn lockout_is_not_retryable() {
        let mut r = Runner::new(config(Flow::UserPassword));
        sent(r.start(with_password()));
        let e = failed(r.on_error("NotAuthorizedException", "Password attempts exceeded"));
        assert_eq!(e.kind, ErrorKind::LockedOut);
        assert_eq!(e.retry, Retry::No);
        assert_eq!(failed(r.retry()).kind, ErrorKind::Misuse);
    }

    #[test]
    fn code_mismatch_retries_the_same_step_in_the_same_session() {
        let mut r = Runner::new(config(Flow::UserPassword));
        sent(r.start(with_password()));
        let p = prompt(r.on_response(challenge("SOFTWARE_TOKEN_MFA", &[], Some("S1"))));
        sent(r.provide(Input::Code("111111".into())));
        let e = failed(r.on_error("CodeMismatchException", "Invalid code received for user"));
        assert_eq!(e.kind, ErrorKind::CodeMismatch);
        assert_eq!(e.retry, Retry::SameStep);
        assert!(e.message.contains("clock"), "{e}");
        assert_eq!(e.step, "RespondToAuthChallenge SOFTWARE_TOKEN_MFA");
        assert_eq!(prompt(r.retry()), p);
        let req = sent(r.provide(Input::Code("222222".into())));
        assert_eq!(session(&req).as_deref(), Some("S1"));
        assert_eq!(params(&req)["SOFTWARE_TOKEN_MFA_CODE"], "222222");
    }

    #[test]
    fn expired_session_restarts_keeping_the_password() {
        let mut r = Runner::new(config(Flow::UserPassword));
        sent(r.start(with_password()));
        prompt(r.on_response(challenge("SOFTWARE_TOKEN_MFA", &[], Some("S1"))));
        sent(r.provide(Input::Code("111111".into())));
        let e = failed(r.on_error(
            "NotAuthorizedException",
            "Invalid session for the user, session is expired.",
        ));
        assert_eq!(e.kind, ErrorKind::SessionExpired);
        assert_eq!(e.retry, Retry::Restart);
        let req = sent(r.retry());
        assert_eq!(auth_flow(&req), "USER_PASSWORD_AUTH");
        assert_eq!(params(&req)["PASSWORD"], PASSWORD);
        assert_eq!(r.session, None);
    }

    #[test]
    fn disabled_flow_names_the_client_setting() {
        let mut r = Runner::new(config(Flow::UserPassword));
        sent(r.start(with_password()));
        let e = failed(r.on_error(
            "InvalidParameterException",
            "USER_PASSWORD_AUTH flow not enabled for this client",
        ));
        assert_eq!(e.kind, ErrorKind::FlowNotEnabled);
        assert_eq!(e.retry, Retry::No);
        assert!(e.message.contains("ALLOW_USER_PASSWORD_AUTH"), "{e}");
        assert!(e.message.contains(CLIENT), "{e}");
    }

    #[test]
    fn a_missing_client_secret_is_asked_for_then_used() {
        let mut r = Runner::new(config(Flow::UserPassword));
        let req = sent(r.start(with_password()));
        assert!(!params(&req).contains_key("SECRET_HASH"));
        let e = failed(r.on_error(
            "NotAuthorizedException",
            &format!("Client {CLIENT} is configured for secret but secret was not received"),
        ));
        assert_eq!(e.kind, ErrorKind::SecretHash);
        assert_eq!(e.retry, Retry::Restart);
        assert!(e.message.contains("enter the client secret"), "{e}");
        assert_eq!(
            prompt(r.retry()),
            Prompt::ClientSecret {
                client_id: CLIENT.into()
            }
        );
        let req = sent(r.provide(Input::ClientSecret(CLIENT_SECRET.into())));
        assert_eq!(params(&req)["SECRET_HASH"], hash("alice"));
        assert_eq!(params(&req)["PASSWORD"], PASSWORD);

        // A wrong one: asked for again.
        let e = failed(r.on_error(
            "NotAuthorizedException",
            &format!("Unable to verify secret hash for client {CLIENT}"),
        ));
        assert!(e.message.contains("client secret is wrong"), "{e}");
        assert!(matches!(prompt(r.retry()), Prompt::ClientSecret { .. }));
    }

    #[test]
    fn refresh_secret_hash_errors_mention_the_username() {
        let mut cfg = config(Flow::RefreshToken).with_client_secret(CLIENT_SECRET);
        cfg.username = "alice@example.com".into();
        let mut r = Runner::new(cfg);
        sent(r.start(Inputs {
            refresh_token: Some(REFRESH_TOKEN.into()),
            ..Inputs::default()
        }));
        let e = failed(r.on_error(
            "NotAuthorizedException",
            &format!("SecretHash does not match for the client: {CLIENT}"),
        ));
        assert!(e.message.contains("sub"), "{e}");

        let mut r = Runner::new(config(Flow::RefreshToken));
        sent(r.start(Inputs {
            refresh_token: Some(REFRESH_TOKEN.into()),
            ..Inputs::default()
        }));
        let e = failed(r.on_error("NotAuthorizedException", "Invalid Refresh Token"));
        assert_eq!(e.kind, ErrorKind::InvalidRefreshToken);
        assert_eq!(prompt(r.retry()), Prompt::RefreshToken);
    }

    #[test]
    fn other_errors_are_mapped_with_the_right_retry() {
        let cases: [(&str, &str, ErrorKind, Retry); 8] = [
            (
                "UserNotFoundException",
                "User does not exist.",
                ErrorKind::UserNotFound,
                Retry::No,
            ),
            (
                "PasswordResetRequiredException",
                "Password reset required for the user",
                ErrorKind::PasswordResetRequired,
                Retry::No,
            ),
            (
                "UserNotConfirmedException",
                "User is not confirmed.",
                ErrorKind::UserNotConfirmed,
                Retry::No,
            ),
            (
                "NotAuthorizedException",
                "User is disabled.",
                ErrorKind::UserDisabled,
                Retry::No,
            ),
            (
                "TooManyRequestsException",
                "Rate exceeded",
                ErrorKind::Throttled,
                Retry::Restart,
            ),
            (
                "UserLambdaValidationException",
                "PreAuthentication failed with error nope.",
                ErrorKind::Lambda,
                Retry::Restart,
            ),
            (
                "ResourceNotFoundException",
                "User pool client x does not exist.",
                ErrorKind::Config,
                Retry::No,
            ),
            (
                "InternalErrorException",
                "boom",
                ErrorKind::Cognito,
                Retry::Restart,
            ),
        ];
        for (code, message, kind, retry) in cases {
            let mut r = Runner::new(config(Flow::UserPassword));
            sent(r.start(with_password()));
            let e = failed(r.on_error(code, message));
            assert_eq!((e.kind, e.retry), (kind, retry), "{code}");
            assert!(!e.message.is_empty());
            assert_eq!(e.cognito_message.as_deref(), Some(message));
        }
        // Messages name what to do.
        let mut r = Runner::new(config(Flow::UserPassword));
        sent(r.start(with_password()));
        let e = failed(r.on_error("UserNotConfirmedException", "User is not confirmed."));
        assert!(e.message.contains("AdminConfirmSignUp"), "{e}");
    }

    #[test]
    fn expired_codes_depend_on_the_kind_of_code() {
        let mut r = Runner::new(config(Flow::UserPassword));
        sent(r.start(with_password()));
        prompt(r.on_response(challenge("SOFTWARE_TOKEN_MFA", &[], Some("S1"))));
        sent(r.provide(Input::Code("111111".into())));
        let e = failed(r.on_error("ExpiredCodeException", "Invalid code provided"));
        assert_eq!(e.retry, Retry::SameStep);

        let mut r = Runner::new(config(Flow::UserPassword));
        sent(r.start(with_password()));
        prompt(r.on_response(challenge("EMAIL_OTP", &[], Some("S1"))));
        sent(r.provide(Input::Code("11111111".into())));
        let e = failed(r.on_error("ExpiredCodeException", "Invalid code provided"));
        assert_eq!(e.retry, Retry::Restart);
    }

    #[test]
    fn invalid_new_password_can_be_retried_in_the_session() {
        let mut r = Runner::new(config(Flow::UserPassword));
        sent(r.start(with_password()));
        let p = prompt(r.on_response(challenge("NEW_PASSWORD_REQUIRED", &[], Some("S1"))));
        sent(r.provide(Input::NewPassword {
            password: "short".into(),
            attributes: BTreeMap::new(),
        }));
        let e = failed(r.on_error(
            "InvalidPasswordException",
            "Password does not conform to policy: Password not long enough",
        ));
        assert_eq!(e.kind, ErrorKind::InvalidPassword);
        assert_eq!(e.retry, Retry::SameStep);
        assert_eq!(prompt(r.retry()), p);
        // The rejected password was not adopted.
        assert_eq!(r.password.as_ref().unwrap().expose(), PASSWORD);
    }

    #[test]
    fn a_reply_without_session_clears_the_old_one() {
        let mut r = Runner::new(config(Flow::CustomAuth));
        sent(r.start(Inputs::default()));
        prompt(r.on_response(challenge("CUSTOM_CHALLENGE", &[], Some("S1"))));
        sent(r.provide(Input::Answer("a".into())));
        prompt(r.on_response(challenge("CUSTOM_CHALLENGE", &[], None)));
        let req = sent(r.provide(Input::Answer("b".into())));
        assert_eq!(session(&req), None);
    }

    #[test]
    fn unsupported_challenges_and_empty_replies_fail_clearly() {
        let mut r = Runner::new(config(Flow::UserPassword));
        sent(r.start(with_password()));
        let e = failed(r.on_response(challenge("DEVICE_SRP_AUTH", &[], None)));
        assert_eq!(e.kind, ErrorKind::Unsupported);
        assert!(e.message.contains("remembered devices"), "{e}");

        let mut r = Runner::new(config(Flow::UserPassword));
        sent(r.start(with_password()));
        let e = failed(r.on_response(Reply::Auth(AuthResponse::default())));
        assert_eq!(e.kind, ErrorKind::UnexpectedReply);

        // PASSWORD_VERIFIER without an SRP start.
        let mut r = Runner::new(config(Flow::UserPassword));
        sent(r.start(with_password()));
        let e = failed(r.on_response(challenge("PASSWORD_VERIFIER", &[], None)));
        assert_eq!(e.kind, ErrorKind::UnexpectedReply);

        // Bad SRP values from the server: restart.
        let mut r = Runner::new(config(Flow::UserSrp));
        work(r.start(with_password()));
        sent(r.srp_done(srp_client("1234abcd")));
        let w = work(r.on_response(challenge(
            "PASSWORD_VERIFIER",
            &[
                ("USER_ID_FOR_SRP", "alice"),
                ("SRP_B", "abc"),
                ("SALT", "abc"),
                // Nothing of the base64 alphabet, not even leniently.
                ("SECRET_BLOCK", "!!!!"),
            ],
            None,
        )));
        let e = failed(r.srp_done(w.run(datetime!(2026-01-01 00:00:00 UTC))));
        assert_eq!(e.kind, ErrorKind::Srp);
        assert_eq!(e.retry, Retry::Restart);
        assert!(e.message.contains("SECRET_BLOCK"), "{e}");
    }

    #[test]
    fn out_of_order_calls_do_not_disturb_the_flow() {
        let mut r = Runner::new(config(Flow::UserPassword));
        assert_eq!(r.status(), Status::NotStarted);
        assert_eq!(failed(r.on_response(tokens(true))).kind, ErrorKind::Misuse);
        assert_eq!(
            failed(r.provide(Input::Code("1".into()))).kind,
            ErrorKind::Misuse
        );
        let p = prompt(r.start(Inputs::default()));
        assert_eq!(failed(r.on_error("X", "y")).kind, ErrorKind::Misuse);
        assert_eq!(
            failed(r.srp_done(srp_client("1234"))).kind,
            ErrorKind::Misuse
        );
        assert_eq!(r.status(), Status::WaitingForInput);
        // The wrong kind of input: the same question again.
        let e = failed(r.provide(Input::Code("123456".into())));
        assert_eq!(e.kind, ErrorKind::InvalidInput);
        assert_eq!(prompt(r.retry()), p);
        let req = sent(r.provide(Input::Password(PASSWORD.into())));
        // A reply of the wrong shape.
        assert_eq!(req.operation(), "InitiateAuth");
        let e = failed(
            r.on_response(Reply::VerifySoftwareToken(VerifySoftwareTokenResponse {
                status: "SUCCESS".into(),
                session: None,
            })),
        );
        assert_eq!(e.kind, ErrorKind::UnexpectedReply);
    }

    #[test]
    fn bad_configurations_fail_at_start() {
        let e = failed(
            Runner::new(FlowConfig::new("nope", CLIENT, "alice", Flow::UserSrp))
                .start(with_password()),
        );
        assert_eq!(e.kind, ErrorKind::Config);
        assert!(e.message.contains("us-east-1_AbCdEf123"), "{e}");
        let e = failed(
            Runner::new(FlowConfig::new(POOL, "", "alice", Flow::UserSrp)).start(with_password()),
        );
        assert_eq!(e.kind, ErrorKind::Config);
        let e = failed(
            Runner::new(FlowConfig::new(POOL, CLIENT, " ", Flow::UserSrp)).start(with_password()),
        );
        assert_eq!(e.kind, ErrorKind::Config);
        assert_eq!(e.retry, Retry::No);
    }

    #[test]
    fn lists_are_parsed_leniently() {
        assert_eq!(
            parse_list(r#"["SOFTWARE_TOKEN_MFA"]"#),
            ["SOFTWARE_TOKEN_MFA"]
        );
        assert_eq!(parse_list("['SOFTWARE_TOKEN_MFA']"), ["SOFTWARE_TOKEN_MFA"]);
        assert_eq!(
            parse_list("['SOFTWARE_TOKEN_MFA', 'SMS_MFA']"),
            ["SOFTWARE_TOKEN_MFA", "SMS_MFA"]
        );
        assert_eq!(parse_list(r#"[ "A" , "B" ]"#), ["A", "B"]);
        assert_eq!(parse_list("A,B"), ["A", "B"]);
        assert!(parse_list("[]").is_empty());
        assert!(parse_list("").is_empty());
        assert_eq!(
            parse_list(r#"["userAttributes.name"]"#),
            ["userAttributes.name"]
        );
        assert_eq!(
            parse_attributes(r#"{"email":"a@b","n":1}"#),
            BTreeMap::from([("email".into(), "a@b".into()), ("n".into(), "1".into())])
        );
        assert!(parse_attributes("nope").is_empty());
    }

    #[test]
    fn every_step_has_explanations() {
        let flows = [
            Flow::UserSrp,
            Flow::UserPassword,
            Flow::AdminUserPassword,
            Flow::RefreshToken,
            Flow::CustomAuth,
            Flow::CustomAuthWithSrp,
            Flow::UserAuth { preferred: None },
        ];
        for f in flows {
            assert!(request_explanation(f.name()).is_some(), "{}", f.name());
        }
        let challenges = [
            "PASSWORD_VERIFIER",
            "NEW_PASSWORD_REQUIRED",
            "SOFTWARE_TOKEN_MFA",
            "SMS_MFA",
            "EMAIL_OTP",
            "SMS_OTP",
            "SELECT_MFA_TYPE",
            "SELECT_CHALLENGE",
            "MFA_SETUP",
            "CUSTOM_CHALLENGE",
        ];
        for c in challenges {
            assert!(request_explanation(c).is_some(), "request {c}");
            assert!(response_explanation(c).is_some(), "response {c}");
        }
        for op in ["AssociateSoftwareToken", "VerifySoftwareToken"] {
            assert!(request_explanation(op).is_some(), "{op}");
            assert!(response_explanation(op).is_some(), "{op}");
        }
        assert!(response_explanation("TOKENS").is_some());
    }

    #[test]
    fn masked_requests_show_names_and_hide_secrets() {
        let mut r = Runner::new(config(Flow::UserSrp).with_client_secret(CLIENT_SECRET));
        work(r.start(with_password()));
        let req = sent(r.srp_done(srp_client("1234abcd")));
        let m = req.masked();
        assert_eq!(m.operation, "InitiateAuth");
        assert_eq!(m.subject.as_deref(), Some("USER_SRP_AUTH"));
        let shown: BTreeMap<_, _> = m.params.iter().cloned().collect();
        assert_eq!(shown["USERNAME"], "alice");
        assert_eq!(shown["SECRET_HASH"], MASK);
        assert!(shown["SRP_A"].ends_with(" chars)"), "{}", shown["SRP_A"]);
        let line = m.to_string();
        assert!(
            line.starts_with("InitiateAuth USER_SRP_AUTH SECRET_HASH=•••••• SRP_A="),
            "{line}"
        );
        let dbg = format!("{req:?}");
        assert!(!dbg.contains(&hash("alice")), "{dbg}");

        let verify = AuthRequest::VerifySoftwareToken {
            session: "S".into(),
            user_code: "123456".into(),
            friendly_device_name: Some("cognito-tui".into()),
        };
        assert_eq!(
            verify.masked().to_string(),
            "VerifySoftwareToken UserCode=•••••• FriendlyDeviceName=cognito-tui Session=••••••"
        );
    }

    /// Runs a long flow with known secret values and checks that none of them can be seen.
    #[test]
    fn no_secret_appears_in_debug_output_requests_or_the_transcript() {
        let case = srp_case();
        let session1 = "AYABeSESSION-ONE-abcdefghijklmnopqrstuvwxyz";
        let session2 = "AYABeSESSION-TWO-abcdefghijklmnopqrstuvwxyz";
        let session3 = "AYABeSESSION-THREE-abcdefghijklmnopqrstuvwxy";
        let new_password = "Brand-New-P4ssword!";
        let answer = "the-custom-answer-42";
        let totp_code = totp::code(TOTP_SECRET, 1_800_000_000).unwrap();
        let wrong_code = "987654";

        let cfg = FlowConfig::new(&case.pool_id, CLIENT, "alice", Flow::CustomAuthWithSrp)
            .with_client_secret(CLIENT_SECRET);
        let mut r = Runner::new(cfg);
        let mut shown: Vec<String> = Vec::new();
        let mut requests: Vec<AuthRequest> = Vec::new();
        let mut keep = |step: Step, shown: &mut Vec<String>| -> Step {
            shown.push(format!("{step:?}"));
            if let Step::Send(req) = &step {
                requests.push(req.clone());
            }
            step
        };

        prompt(keep(r.start(Inputs::default()), &mut shown));
        work(keep(
            r.provide(Input::Password(case.password.clone().into())),
            &mut shown,
        ));
        sent(keep(r.srp_done(srp_client(&case.a_hex)), &mut shown));
        let vp = verifier_params(&case, "alice", "alice");
        let w = work(keep(
            r.on_response(reply_of("PASSWORD_VERIFIER", &vp, Some(session1))),
            &mut shown,
        ));
        shown.push(format!("{w:?}"));
        let done_srp = w.run(datetime!(2026-11-02 01:02:03 UTC));
        shown.push(format!("{done_srp:?}"));
        sent(keep(r.srp_done(done_srp), &mut shown));
        prompt(keep(
            r.on_response(challenge("NEW_PASSWORD_REQUIRED", &[], Some(session2))),
            &mut shown,
        ));
        sent(keep(
            r.provide(Input::NewPassword {
                password: new_password.into(),
                attributes: BTreeMap::new(),
            }),
            &mut shown,
        ));
        sent(keep(
            r.on_response(challenge(
                "MFA_SETUP",
                &[("MFAS_CAN_SETUP", r#"["SOFTWARE_TOKEN_MFA"]"#)],
                Some(session3),
            )),
            &mut shown,
        ));
        prompt(keep(
            r.on_response(Reply::AssociateSoftwareToken(
                AssociateSoftwareTokenResponse {
                    secret_code: TOTP_SECRET.into(),
                    session: Some(session1.into()),
                },
            )),
            &mut shown,
        ));
        sent(keep(r.provide(Input::Code(wrong_code.into())), &mut shown));
        // moto echoes the session it does not like as the error message.
        failed(keep(
            r.on_error(
                "CodeMismatchException",
                &format!("Code mismatch {session1} {wrong_code}"),
            ),
            &mut shown,
        ));
        prompt(keep(r.retry(), &mut shown));
        sent(keep(
            r.provide(Input::Code(totp_code.clone().into())),
            &mut shown,
        ));
        sent(keep(
            r.on_response(Reply::VerifySoftwareToken(VerifySoftwareTokenResponse {
                status: "SUCCESS".into(),
                session: Some(session2.into()),
            })),
            &mut shown,
        ));
        prompt(keep(
            r.on_response(challenge(
                "CUSTOM_CHALLENGE",
                &[("hint", "say it")],
                Some(session3),
            )),
            &mut shown,
        ));
        sent(keep(r.provide(Input::Answer(answer.into())), &mut shown));
        let t = done(keep(r.on_response(tokens(true)), &mut shown));
        shown.push(format!("{t:?}"));
        shown.push(format!("{r:?}"));
        let markdown = r.transcript_markdown();
        shown.push(markdown.clone());
        for req in &requests {
            shown.push(format!("{req:?}"));
            shown.push(req.masked().to_string());
            shown.push(format!("{:?}", req.masked()));
        }

        let secrets = [
            case.password.as_str(),
            CLIENT_SECRET,
            &hash("alice"),
            &case.expected.signature_b64,
            &case.secret_block_b64[..40],
            session1,
            session2,
            session3,
            new_password,
            answer,
            &totp_code,
            wrong_code,
            TOTP_SECRET,
            ID_TOKEN,
            ACCESS_TOKEN,
            REFRESH_TOKEN,
        ];
        for text in &shown {
            for secret in secrets {
                assert!(!text.contains(secret), "{secret:?} leaked in:\n{text}");
            }
        }
        // The sends really carried them (so the test is not vacuous).
        let all_params: Vec<String> = requests
            .iter()
            .filter_map(|q| match q {
                AuthRequest::VerifySoftwareToken { user_code, .. } => {
                    Some(user_code.expose().to_owned())
                }
                AuthRequest::InitiateAuth { .. } | AuthRequest::RespondToAuthChallenge { .. } => {
                    Some(params(q).values().cloned().collect::<Vec<_>>().join(" "))
                }
                _ => None,
            })
            .collect();
        let wire = all_params.join(" ");
        for secret in [
            new_password,
            answer,
            totp_code.as_str(),
            case.expected.signature_b64.as_str(),
        ] {
            assert!(wire.contains(secret), "{secret} was never sent");
        }

        // The transcript tells the story.
        assert!(markdown.contains("# Sign-in transcript"));
        assert!(markdown.contains("- Result: signed in"));
        assert!(markdown.contains("## 1. InitiateAuth · CUSTOM_AUTH"));
        assert!(markdown.contains("| CHALLENGE_NAME | SRP_A |"));
        assert!(markdown.contains("**Cognito answered:** challenge PASSWORD_VERIFIER"));
        assert!(
            markdown.contains("**Error:** CodeMismatchException: Code mismatch ••••••"),
            "{markdown}"
        );
        assert!(markdown.contains("VerifySoftwareToken"));
        assert!(markdown.contains("| hint | say it |"));
        assert!(markdown.contains("**Cognito answered:** tokens"));
        assert!(markdown.contains(request_explanation("CUSTOM_AUTH_WITH_SRP").unwrap()));
        assert_eq!(r.transcript().len(), 8);
    }

    #[test]
    fn the_driver_can_move_things_across_threads() {
        fn send<T: Send + 'static>() {}
        send::<Runner>();
        send::<Step>();
        send::<SrpWork>();
        send::<SrpDone>();
        send::<AuthRequest>();
    }

    #[test]
    fn non_srp_flows_accept_any_pool_id() {
        let mut r = Runner::new(FlowConfig::new(
            "local-pool",
            CLIENT,
            "alice",
            Flow::UserPassword,
        ));
        sent(r.start(with_password()));
    }

    #[test]
    fn markdown_cells_are_escaped() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
        assert_eq!(shorten("short"), "short");
        assert_eq!(
            shorten(&"x".repeat(100)),
            format!("{}… (100 chars)", "x".repeat(16))
        );
    }
}
