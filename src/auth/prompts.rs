//! What the runner asks the user ([`Prompt`], with the [`CodeKind`] of a one-time code and the
//! [`Choice`]s of a menu) and what the user answers ([`Input`]). Plain data and the wording of
//! the questions; no terminal, no runner state.

use std::collections::BTreeMap;

use crate::domain::secret::Secret;

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
    pub(super) fn for_challenge(challenge: &str) -> Option<Self> {
        match challenge {
            "SOFTWARE_TOKEN_MFA" => Some(Self::Totp),
            "SMS_MFA" => Some(Self::SmsMfa),
            "EMAIL_OTP" => Some(Self::EmailOtp),
            "SMS_OTP" => Some(Self::SmsOtp),
            _ => None,
        }
    }

    /// The `ChallengeResponses` key of the code.
    pub(super) fn response_key(self) -> &'static str {
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
    pub(super) fn new(value: &str) -> Self {
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

/// Removes spaces; a TOTP code must be 6 digits.
pub(super) fn normalise_code(code: &Secret, totp: bool) -> Result<Secret, &'static str> {
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
