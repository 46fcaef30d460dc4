//! The app's own Cognito domain types. No AWS SDK type leaves `cognito/`; everything the
//! rest of the app sees is one of these plain, serialisable structs.

use serde::Serialize;

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
    /// How many Lambda trigger slots are set (from the summary's LambdaConfig).
    pub triggers_set: usize,
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
