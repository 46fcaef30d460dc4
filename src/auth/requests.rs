//! The contract between the runner and the gateway: the [`AuthRequest`]s it sends (with their
//! [`Param`]s) and the [`Reply`]s the gateway hands back ([`AuthResponse`], [`Tokens`] and the
//! software-token replies). Also how a request is shown: [`MaskedRequest`], secrets as
//! [`MASK`]. Plain data: no I/O; only the gateway calls [`Param::expose`] / [`expose_params`].

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crate::domain::secret::Secret;

/// How secrets are shown.
pub const MASK: &str = "••••••";

/// Values longer than this are shortened in masked views.
const SHOW_MAX_CHARS: usize = 48;

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
    pub(super) fn secrets(&self) -> Vec<&Secret> {
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

/// Long values as `first16…(N chars)`.
pub(super) fn shorten(v: &str) -> String {
    let n = v.chars().count();
    if n <= SHOW_MAX_CHARS {
        v.to_owned()
    } else {
        let head: String = v.chars().take(16).collect();
        format!("{head}… ({n} chars)")
    }
}
