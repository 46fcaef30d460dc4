//! The sign-in flows the runner drives and what it is configured with: [`Flow`] (with the
//! `AuthFlow` name and the app client setting that allows it), [`FirstFactor`] of choice-based
//! sign-in, [`FlowConfig`] (pool, client, user) and the [`Inputs`] handed over up front.
//! Plain data: no I/O, no runner state.

use crate::domain::secret::Secret;

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

    /// The flow named `s`: its [`name`](Self::name) (any case), e.g. `ADMIN_USER_PASSWORD_AUTH`.
    pub fn from_name(s: &str) -> Option<Self> {
        [
            Self::UserSrp,
            Self::UserPassword,
            Self::AdminUserPassword,
            Self::RefreshToken,
            Self::CustomAuth,
            Self::CustomAuthWithSrp,
            Self::UserAuth { preferred: None },
        ]
        .into_iter()
        .find(|f| f.name().eq_ignore_ascii_case(s.trim()))
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

    pub(super) fn is_admin(self) -> bool {
        self == Self::AdminUserPassword
    }

    /// The password is needed before `InitiateAuth`.
    pub(super) fn password_first(self) -> bool {
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
    pub(super) fn srp_first(self) -> bool {
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
    /// When it is missing but needed, the runner asks for it ([`Prompt::ClientSecret`](crate::auth::Prompt::ClientSecret)).
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

    pub(super) fn issuer(&self) -> String {
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
