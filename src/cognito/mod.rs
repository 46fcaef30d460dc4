//! The Cognito gateway: the ONLY module that imports the AWS SDK. It owns the `CognitoApi`
//! trait (one method per operation the app uses), the SDK-backed implementation, the app's
//! domain types and error classification. It never sees ratatui or the Model.

pub mod admin;
pub mod auth;
pub mod browse;
pub mod error;
pub mod pace;
pub mod sdk;
pub mod types;

use async_trait::async_trait;

pub use admin::{
    AdminApi, DeliveryMedium, MessageAction, MfaPreference, NewUser, TriggerSlot,
    UserMfaPreferences,
};
pub use auth::{AuthApi, ClientAuthInfo};
pub use browse::BrowseApi;
pub use error::{CognitoError, ErrorKind};
pub use sdk::{ConnectOptions, SdkCognito, connect};
pub use types::*;

use crate::secret::Secret;

pub type Result<T> = std::result::Result<T, CognitoError>;

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

/// One method per Cognito (and, for seeding, Lambda and IAM) operation the app uses, split by
/// concern: the pools and seeding here, the rest in `BrowseApi`, `AdminApi` and `AuthApi`.
/// Mutating methods are refused by the implementation in read-only mode.
#[async_trait]
pub trait CognitoApi: BrowseApi + AdminApi + AuthApi + Send + Sync {
    /// Whether this gateway refuses writes.
    fn read_only(&self) -> bool;

    async fn list_user_pools(&self, next_token: Option<String>) -> Result<Page<PoolSummary>>;
    async fn describe_user_pool(&self, pool_id: &str) -> Result<PoolDetail>;
    async fn list_user_pool_clients(
        &self,
        pool_id: &str,
        next_token: Option<String>,
    ) -> Result<Page<ClientSummary>>;
    async fn list_groups(&self, pool_id: &str, next_token: Option<String>) -> Result<Page<Group>>;
    async fn admin_get_user(&self, pool_id: &str, username: &str) -> Result<User>;

    // --- writes ---
    async fn create_user_pool(&self, pool: &NewPool) -> Result<String>;
    async fn create_user_pool_client(
        &self,
        pool_id: &str,
        client: &NewClient,
    ) -> Result<ClientSummary>;
    async fn create_group(&self, pool_id: &str, group: &Group) -> Result<()>;
    async fn admin_set_user_password(
        &self,
        pool_id: &str,
        username: &str,
        password: &Secret,
        permanent: bool,
    ) -> Result<()>;
    async fn admin_add_user_to_group(
        &self,
        pool_id: &str,
        username: &str,
        group: &str,
    ) -> Result<()>;
    async fn sign_up(
        &self,
        client_id: &str,
        username: &str,
        password: &Secret,
        attributes: &[(String, String)],
    ) -> Result<()>;
    async fn admin_update_user_attributes(
        &self,
        pool_id: &str,
        username: &str,
        attributes: &[(String, String)],
    ) -> Result<()>;
    /// The ARN of an IAM role Lambda can assume, created (with Lambda's trust policy) when
    /// it does not exist.
    async fn ensure_lambda_role(&self, role_name: &str) -> Result<String>;
    /// Create the function, or update its code when it exists; returns its ARN. Also lets
    /// Cognito invoke it.
    async fn deploy_lambda(&self, deployment: &LambdaDeployment) -> Result<String>;
}

/// Every method of `CognitoApi` (and its `AdminApi`, `AuthApi`) that writes, for the
/// read-only guard's test.
pub const MUTATING_OPERATIONS: &[&str] = &[
    "CreateUserPool",
    "CreateUserPoolClient",
    "CreateGroup",
    "AdminCreateUser",
    "AdminSetUserPassword",
    "AdminDisableUser",
    "AdminAddUserToGroup",
    "SignUp",
    "AdminUpdateUserAttributes",
    "EnsureLambdaRole",
    "DeployLambda",
    "AdminDeleteUser",
    "AdminEnableUser",
    "AdminConfirmSignUp",
    "AdminResetUserPassword",
    "AdminDeleteUserAttributes",
    "AdminUserGlobalSignOut",
    "AdminRemoveUserFromGroup",
    "AdminSetUserMFAPreference",
    "UpdateGroup",
    "DeleteGroup",
    "AddCustomAttributes",
    "UpdateUserPool",
];
