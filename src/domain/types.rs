//! The app's own Cognito domain types. No AWS SDK type leaves `cognito/`; everything the
//! rest of the app sees is one of these plain, serialisable structs.

use serde::Serialize;

use crate::domain::secret::Secret;

/// One page of a paginated listing, with the cursor for the next page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_token: Option<String>,
}

/// A row of ListUserPools.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PoolSummary {
    pub id: String,
    pub name: String,
    /// Seconds since the Unix epoch.
    pub created: Option<i64>,
    pub modified: Option<i64>,
    /// How many Lambda trigger slots are set, from the summary's LambdaConfig; `None` where
    /// the summary has none (Cognito sends it, some emulators leave it out) until the pool
    /// is described.
    pub triggers_set: Option<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PasswordPolicy {
    pub minimum_length: Option<i32>,
    pub require_uppercase: bool,
    pub require_lowercase: bool,
    pub require_numbers: bool,
    pub require_symbols: bool,
    pub temporary_password_validity_days: i32,
    pub password_history_size: Option<i32>,
}

/// Every Lambda trigger slot of a pool. `None` is an empty slot.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LambdaConfig {
    pub pre_sign_up: Option<String>,
    pub custom_message: Option<String>,
    pub post_confirmation: Option<String>,
    pub pre_authentication: Option<String>,
    pub post_authentication: Option<String>,
    pub define_auth_challenge: Option<String>,
    pub create_auth_challenge: Option<String>,
    pub verify_auth_challenge_response: Option<String>,
    pub pre_token_generation: Option<String>,
    /// The PreTokenGenerationConfig's Lambda version (V1_0, V2_0, V3_0), when set.
    pub pre_token_generation_version: Option<String>,
    pub user_migration: Option<String>,
    pub custom_sms_sender: Option<String>,
    pub custom_email_sender: Option<String>,
    pub kms_key_id: Option<String>,
}

impl LambdaConfig {
    /// Every slot with its display name, in the order the Cognito console lists them.
    pub fn slots(&self) -> [(&'static str, Option<&str>); 13] {
        [
            ("PreSignUp", self.pre_sign_up.as_deref()),
            ("CustomMessage", self.custom_message.as_deref()),
            ("PostConfirmation", self.post_confirmation.as_deref()),
            ("PreAuthentication", self.pre_authentication.as_deref()),
            ("PostAuthentication", self.post_authentication.as_deref()),
            ("DefineAuthChallenge", self.define_auth_challenge.as_deref()),
            ("CreateAuthChallenge", self.create_auth_challenge.as_deref()),
            (
                "VerifyAuthChallengeResponse",
                self.verify_auth_challenge_response.as_deref(),
            ),
            ("PreTokenGeneration", self.pre_token_generation.as_deref()),
            ("UserMigration", self.user_migration.as_deref()),
            ("CustomSMSSender", self.custom_sms_sender.as_deref()),
            ("CustomEmailSender", self.custom_email_sender.as_deref()),
            ("KMSKeyID", self.kms_key_id.as_deref()),
        ]
    }

    /// The function ARN set in `slot` (a name from `slots`), if any.
    pub fn arn(&self, slot: &str) -> Option<&str> {
        self.slots()
            .into_iter()
            .find(|(s, _)| *s == slot)
            .and_then(|(_, v)| v)
    }

    /// Names of the slots that are set.
    pub fn set_slots(&self) -> Vec<&'static str> {
        self.slots()
            .iter()
            .filter(|(_, v)| v.is_some())
            .map(|(k, _)| *k)
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchemaAttribute {
    pub name: String,
    pub data_type: String,
    pub mutable: bool,
    pub required: bool,
    pub developer_only: bool,
    pub min_length: Option<String>,
    pub max_length: Option<String>,
    pub min_value: Option<String>,
    pub max_value: Option<String>,
}

impl SchemaAttribute {
    pub fn is_custom(&self) -> bool {
        self.name.starts_with("custom:") || self.name.starts_with("dev:")
    }
}

/// DescribeUserPool, reduced to what the app shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PoolDetail {
    pub id: String,
    pub name: String,
    pub arn: Option<String>,
    pub created: Option<i64>,
    pub modified: Option<i64>,
    pub estimated_users: i32,
    pub mfa_configuration: Option<String>,
    pub password_policy: Option<PasswordPolicy>,
    pub username_attributes: Vec<String>,
    pub alias_attributes: Vec<String>,
    pub username_case_sensitive: Option<bool>,
    pub auto_verified_attributes: Vec<String>,
    pub deletion_protection: Option<String>,
    pub domain: Option<String>,
    pub custom_domain: Option<String>,
    pub tier: Option<String>,
    pub lambda_config: LambdaConfig,
    pub schema: Vec<SchemaAttribute>,
}

/// A token lifetime with its unit, as the client stores it (`60 minutes`, `30 days`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenValidity {
    pub value: i32,
    /// `seconds`, `minutes`, `hours` or `days`.
    pub unit: String,
}

impl std::fmt::Display for TokenValidity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.value, self.unit)
    }
}

/// DescribeUserPoolClient, without the secret: `has_secret` says whether one exists; the
/// value itself is fetched only on an explicit reveal (`BrowseApi::reveal_client_secret`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AppClient {
    pub id: String,
    pub name: String,
    pub pool_id: String,
    pub has_secret: bool,
    pub explicit_auth_flows: Vec<String>,
    pub access_token_validity: Option<TokenValidity>,
    pub id_token_validity: Option<TokenValidity>,
    pub refresh_token_validity: Option<TokenValidity>,
    /// Minutes an auth session (challenge round trips) stays valid.
    pub auth_session_validity: Option<i32>,
    pub read_attributes: Vec<String>,
    pub write_attributes: Vec<String>,
    pub allowed_oauth_flows: Vec<String>,
    pub allowed_oauth_scopes: Vec<String>,
    pub allowed_oauth_flows_user_pool_client: bool,
    pub callback_urls: Vec<String>,
    pub logout_urls: Vec<String>,
    pub default_redirect_uri: Option<String>,
    pub supported_identity_providers: Vec<String>,
    /// `ENABLED` or `LEGACY`.
    pub prevent_user_existence_errors: Option<String>,
    pub enable_token_revocation: Option<bool>,
    /// RefreshTokenRotation is ENABLED (refresh with GetTokensFromRefreshToken).
    pub refresh_token_rotation: bool,
    pub created: Option<i64>,
    pub modified: Option<i64>,
}

/// One remembered device of a user (AdminListDevices).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Device {
    pub key: String,
    pub name: Option<String>,
    pub attributes: Vec<(String, String)>,
    pub created: Option<i64>,
    pub modified: Option<i64>,
    pub last_authenticated: Option<i64>,
}

// --- pools, clients, groups, users as the writes and seeding take them ---

/// What a new pool looks like (CreateUserPool).
#[derive(Debug, Clone, Default)]
pub struct NewPool {
    pub name: String,
    pub username_attributes: Vec<String>,
    pub alias_attributes: Vec<String>,
    pub auto_verified_attributes: Vec<String>,
    pub username_case_sensitive: bool,
    pub mfa_configuration: String,
    /// Offer authenticator apps (TOTP) as an MFA method: SetUserPoolMfaConfig after
    /// creation. Needed for `MFA_SETUP` to offer `SOFTWARE_TOKEN_MFA` when MFA is on.
    pub software_token_mfa: bool,
    pub deletion_protection: String,
    pub password_policy: PasswordPolicy,
    pub custom_attributes: Vec<SchemaAttribute>,
    pub lambda_config: LambdaConfig,
}

/// What a new app client looks like (CreateUserPoolClient).
#[derive(Debug, Clone, Default)]
pub struct NewClient {
    pub name: String,
    pub generate_secret: bool,
    pub explicit_auth_flows: Vec<String>,
    pub access_token_validity_minutes: Option<i32>,
    pub id_token_validity_minutes: Option<i32>,
    pub refresh_token_validity_days: Option<i32>,
    pub read_attributes: Vec<String>,
    pub write_attributes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ClientSummary {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Group {
    pub name: String,
    pub precedence: Option<i32>,
    pub description: Option<String>,
    pub role_arn: Option<String>,
    pub created: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct User {
    pub username: String,
    pub status: Option<String>,
    pub enabled: bool,
    pub attributes: Vec<(String, String)>,
    pub created: Option<i64>,
    pub modified: Option<i64>,
    /// Legacy SMS MFA options (AdminGetUser only): `SMS to phone_number`.
    pub mfa_options: Vec<String>,
    /// The user's preferred MFA method (AdminGetUser only), e.g. `SOFTWARE_TOKEN_MFA`.
    pub preferred_mfa: Option<String>,
    /// The MFA methods the user has enabled (AdminGetUser only).
    pub mfa_settings: Vec<String>,
}

impl User {
    /// The value of one attribute, when the user has it.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A Lambda function to deploy for a trigger (seeding).
#[derive(Debug, Clone)]
pub struct LambdaDeployment {
    pub function_name: String,
    pub runtime: String,
    pub handler: String,
    pub role_arn: String,
    pub zip: Vec<u8>,
}

// --- admin write parameters ---

/// What AdminCreateUser does about the invitation message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MessageAction {
    /// Send no message (the operator hands the temporary password over).
    Suppress,
    /// Send the invitation again to a user that already exists (and reset the expiry).
    Resend,
}

/// How the invitation reaches the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DeliveryMedium {
    Email,
    Sms,
}

/// A new user (AdminCreateUser).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewUser {
    pub username: String,
    pub attributes: Vec<(String, String)>,
    /// None: Cognito generates one (and sends it, unless suppressed).
    pub temporary_password: Option<Secret>,
    /// None: send the invitation (Cognito's default).
    pub message_action: Option<MessageAction>,
    /// Empty: Cognito's default (SMS).
    pub delivery: Vec<DeliveryMedium>,
}

/// One MFA method's setting for a user (AdminSetUserMFAPreference).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct MfaPreference {
    pub enabled: bool,
    pub preferred: bool,
}

/// A user's MFA preferences; `None` leaves that method as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct UserMfaPreferences {
    pub software_token: Option<MfaPreference>,
    pub sms: Option<MfaPreference>,
    pub email: Option<MfaPreference>,
}

/// A Lambda trigger slot of a pool's LambdaConfig (plus the KMS key the custom senders use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TriggerSlot {
    PreSignUp,
    CustomMessage,
    PostConfirmation,
    PreAuthentication,
    PostAuthentication,
    DefineAuthChallenge,
    CreateAuthChallenge,
    VerifyAuthChallengeResponse,
    PreTokenGeneration,
    UserMigration,
    CustomSmsSender,
    CustomEmailSender,
    KmsKeyId,
}

impl TriggerSlot {
    pub const ALL: [TriggerSlot; 13] = [
        TriggerSlot::PreSignUp,
        TriggerSlot::CustomMessage,
        TriggerSlot::PostConfirmation,
        TriggerSlot::PreAuthentication,
        TriggerSlot::PostAuthentication,
        TriggerSlot::DefineAuthChallenge,
        TriggerSlot::CreateAuthChallenge,
        TriggerSlot::VerifyAuthChallengeResponse,
        TriggerSlot::PreTokenGeneration,
        TriggerSlot::UserMigration,
        TriggerSlot::CustomSmsSender,
        TriggerSlot::CustomEmailSender,
        TriggerSlot::KmsKeyId,
    ];

    /// The name Cognito (and `LambdaConfig::slots`) uses.
    pub fn name(self) -> &'static str {
        match self {
            TriggerSlot::PreSignUp => "PreSignUp",
            TriggerSlot::CustomMessage => "CustomMessage",
            TriggerSlot::PostConfirmation => "PostConfirmation",
            TriggerSlot::PreAuthentication => "PreAuthentication",
            TriggerSlot::PostAuthentication => "PostAuthentication",
            TriggerSlot::DefineAuthChallenge => "DefineAuthChallenge",
            TriggerSlot::CreateAuthChallenge => "CreateAuthChallenge",
            TriggerSlot::VerifyAuthChallengeResponse => "VerifyAuthChallengeResponse",
            TriggerSlot::PreTokenGeneration => "PreTokenGeneration",
            TriggerSlot::UserMigration => "UserMigration",
            TriggerSlot::CustomSmsSender => "CustomSMSSender",
            TriggerSlot::CustomEmailSender => "CustomEmailSender",
            TriggerSlot::KmsKeyId => "KMSKeyID",
        }
    }

    /// Parse a slot name, ignoring case (`PreSignUp`, `presignup`, `CustomSMSSender`).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(name))
    }
}

// --- sign-in ---

/// What the runner needs to know about an app client.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientAuthInfo {
    pub id: String,
    pub name: String,
    /// `ALLOW_USER_SRP_AUTH`, ... as Cognito lists them.
    pub explicit_auth_flows: Vec<String>,
    /// The secret, when the client has one (kept only in memory, never shown unasked).
    pub secret: Option<Secret>,
}

impl ClientAuthInfo {
    pub fn has_secret(&self) -> bool {
        self.secret.is_some()
    }

    /// Whether the client allows a flow setting such as `ALLOW_USER_SRP_AUTH`.
    pub fn allows(&self, setting: &str) -> bool {
        self.explicit_auth_flows.iter().any(|f| f == setting)
    }
}
