//! The Cognito gateway: the ONLY module that imports the AWS SDK. It owns the `CognitoApi`
//! trait (one method per operation the app uses), the SDK-backed implementation, the app's
//! domain types and error classification. It never sees ratatui or the Model.

pub mod pace;
pub mod reads;
pub mod sdk;
pub mod signin;
pub mod writes;

use async_trait::async_trait;

pub use reads::BrowseApi;
pub use sdk::{ConnectOptions, SdkCognito, connect};
pub use signin::AuthApi;
pub use writes::AdminApi;

use crate::domain::*;

pub use crate::domain::Result;

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
