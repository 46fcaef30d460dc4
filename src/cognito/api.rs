//! The gateway's contract: `CognitoApi` and the traits it gathers (`BrowseApi`,
//! `AdminApi`, `AuthApi`), and `IdentityApi` (identity pools and STS), one method per
//! operation the app uses, in the app's domain types, and the list of the operations that write. No SDK type appears here; the SDK-backed
//! implementation lives in the sibling files, test doubles in the tests.

use async_trait::async_trait;

use super::error::Result;
use crate::auth::diagnose::{AuthEvent, SignInFacts};
use crate::auth::{AuthRequest, Reply};
use crate::domain::identity::{
    AwsCredentials, CallerIdentity, IdentityPool, IdentityPoolSummary, PoolRoles,
};
use crate::domain::secret::Secret;
use crate::domain::*;

/// One method per Cognito (and, for seeding, Lambda and IAM) operation the app uses, split by
/// concern: the pools and seeding here, the rest in `BrowseApi`, `AdminApi` and `AuthApi`.
/// Mutating methods are refused by the implementation in read-only mode.
#[async_trait]
pub trait CognitoApi:
    BrowseApi + AdminApi + AuthApi + IdentityApi + super::oauth::OauthApi + Send + Sync
{
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

/// Every admin write of `CognitoApi` (and its `AdminApi`), each refused by `write`/`writer`
/// in read-only mode, for that guard's test. The sign-in steps that change a user or a token
/// are refused by the interceptor of `guard`, whose test reads the gateway's calls from the
/// source instead of from a list.
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
    "AdminUpdateAuthEventFeedback",
];

#[async_trait]
pub trait BrowseApi: Send + Sync {
    /// DescribeUserPoolClient without its secret (`has_secret` says whether one exists).
    async fn describe_user_pool_client(&self, pool_id: &str, client_id: &str) -> Result<AppClient>;
    /// The client secret, for an explicit reveal only; `None` when the client has none.
    async fn reveal_client_secret(&self, pool_id: &str, client_id: &str) -> Result<Option<Secret>>;
    /// One page (60) of ListUsers, optionally with a server-side `filter` expression.
    async fn list_users(
        &self,
        pool_id: &str,
        filter: Option<String>,
        pagination_token: Option<String>,
    ) -> Result<Page<User>>;
    async fn admin_list_groups_for_user(
        &self,
        pool_id: &str,
        username: &str,
        next_token: Option<String>,
    ) -> Result<Page<Group>>;
    /// AdminListDevices. Endpoints that lack it answer `ErrorKind::Unsupported`.
    async fn admin_list_devices(
        &self,
        pool_id: &str,
        username: &str,
        pagination_token: Option<String>,
    ) -> Result<Page<Device>>;
    async fn get_group(&self, pool_id: &str, group: &str) -> Result<Group>;
    /// One page (60) of ListUsersInGroup.
    async fn list_users_in_group(
        &self,
        pool_id: &str,
        group: &str,
        next_token: Option<String>,
    ) -> Result<Page<User>>;
}

#[async_trait]
pub trait AdminApi: Send + Sync {
    // --- reads the admin work needs ---
    /// One page of ListUsers (60 users), every attribute.
    async fn list_users_page(&self, pool_id: &str, token: Option<String>) -> Result<Page<User>>;
    /// One page of ListUsersInGroup (60 users), unpaced like `list_users_page`: for a batch
    /// (the export) that paces itself.
    async fn list_users_in_group_page(
        &self,
        pool_id: &str,
        group: &str,
        token: Option<String>,
    ) -> Result<Page<User>>;
    /// The names of every group the user is in (all pages).
    async fn group_names_of_user(&self, pool_id: &str, username: &str) -> Result<Vec<String>>;
    /// The header a user import job expects for this pool (GetCSVHeader).
    async fn get_csv_header(&self, pool_id: &str) -> Result<Vec<String>>;

    // --- users ---
    async fn admin_create_user(&self, pool_id: &str, user: &NewUser) -> Result<User>;
    async fn admin_delete_user(&self, pool_id: &str, username: &str) -> Result<()>;
    async fn admin_enable_user(&self, pool_id: &str, username: &str) -> Result<()>;
    async fn admin_disable_user(&self, pool_id: &str, username: &str) -> Result<()>;
    async fn admin_confirm_sign_up(&self, pool_id: &str, username: &str) -> Result<()>;
    async fn admin_reset_user_password(&self, pool_id: &str, username: &str) -> Result<()>;
    async fn admin_delete_user_attributes(
        &self,
        pool_id: &str,
        username: &str,
        names: &[String],
    ) -> Result<()>;
    async fn admin_user_global_sign_out(&self, pool_id: &str, username: &str) -> Result<()>;
    async fn admin_remove_user_from_group(
        &self,
        pool_id: &str,
        username: &str,
        group: &str,
    ) -> Result<()>;
    async fn admin_set_user_mfa_preference(
        &self,
        pool_id: &str,
        username: &str,
        prefs: &UserMfaPreferences,
    ) -> Result<()>;

    // --- groups ---
    /// Sends description, precedence and role ARN as given.
    async fn update_group(&self, pool_id: &str, group: &Group) -> Result<()>;
    async fn delete_group(&self, pool_id: &str, name: &str) -> Result<()>;

    // --- pool ---
    /// Add custom attributes (names with or without the `custom:` prefix).
    async fn add_custom_attributes(
        &self,
        pool_id: &str,
        attributes: &[SchemaAttribute],
    ) -> Result<()>;
    /// Set (Some ARN) or clear (None) one trigger slot. Read-modify-write: every other
    /// updatable setting is read with DescribeUserPool and sent back unchanged, because
    /// UpdateUserPool resets whatever it is not given.
    async fn set_trigger(&self, pool_id: &str, slot: TriggerSlot, arn: Option<&str>) -> Result<()>;
}

#[async_trait]
pub trait AuthApi: Send + Sync {
    /// Send one request of the sign-in state machine.
    async fn send_auth(&self, request: &AuthRequest) -> Result<Reply>;
    /// An app client's flows and secret (DescribeUserPoolClient).
    async fn client_auth_info(&self, pool_id: &str, client_id: &str) -> Result<ClientAuthInfo>;
    /// GetUser with an access token: who the token belongs to.
    async fn get_user(&self, access_token: &Secret) -> Result<User>;
    /// GlobalSignOut: revokes every refresh token of the user; access tokens stop working.
    async fn global_sign_out(&self, access_token: &Secret) -> Result<()>;
    /// RevokeToken: revokes one refresh token and the access tokens issued from it.
    async fn revoke_token(
        &self,
        client_id: &str,
        client_secret: Option<&Secret>,
        refresh_token: &Secret,
    ) -> Result<()>;
    /// AssociateSoftwareToken with an access token (a signed-in user adds an authenticator
    /// app): the TOTP secret, base32.
    async fn associate_software_token_for_user(&self, _access_token: &Secret) -> Result<Secret> {
        Err(CognitoError::new(
            ErrorKind::Unsupported,
            "AssociateSoftwareToken is not available here",
        ))
    }
    /// VerifySoftwareToken with an access token: the authenticator's first code; returns
    /// Cognito's `Status` (`SUCCESS` or `ERROR`).
    async fn verify_software_token_for_user(
        &self,
        _access_token: &Secret,
        _user_code: &Secret,
        _friendly_device_name: Option<&str>,
    ) -> Result<String> {
        Err(CognitoError::new(
            ErrorKind::Unsupported,
            "VerifySoftwareToken is not available here",
        ))
    }
    /// What the pre-flight and the diagnosis of a sign-in rest on: DescribeUserPool,
    /// DescribeUserPoolClient and AdminGetUser of `username` (each part unknown, with the
    /// reason, when its read fails).
    async fn sign_in_facts(
        &self,
        _pool_id: &str,
        _client_id: &str,
        _username: Option<&str>,
    ) -> SignInFacts {
        SignInFacts::unknown("not available here")
    }
    /// One page of AdminListUserAuthEvents (threat protection's record), newest first.
    async fn admin_list_user_auth_events(
        &self,
        _pool_id: &str,
        _username: &str,
        _next_token: Option<String>,
    ) -> Result<Page<AuthEvent>> {
        Err(CognitoError::new(
            ErrorKind::Unsupported,
            "AdminListUserAuthEvents is not available here",
        ))
    }
    /// AdminUpdateAuthEventFeedback (`Valid` or `Invalid`): a write, refused read-only.
    async fn admin_update_auth_event_feedback(
        &self,
        _pool_id: &str,
        _username: &str,
        _event_id: &str,
        _value: &str,
    ) -> Result<()> {
        Err(CognitoError::new(
            ErrorKind::Unsupported,
            "AdminUpdateAuthEventFeedback is not available here",
        ))
    }
    /// The pool's JWKS document (from the endpoint when one is set, else from AWS).
    async fn fetch_jwks(&self, pool_id: &str) -> Result<String>;
    /// The JWKS URL `fetch_jwks` uses.
    fn jwks_url(&self, pool_id: &str) -> String;
}

/// Identity pools (Cognito Identity) and STS: browse the pools, exchange an ID token for AWS
/// credentials (enhanced flow: GetId, GetCredentialsForIdentity; basic flow: GetOpenIdToken,
/// AssumeRoleWithWebIdentity), and prove them with GetCallerIdentity. `login` is the ID token
/// under its provider name (`cognito-idp.<region>.amazonaws.com/<pool>`); `None` is a guest.
#[async_trait]
pub trait IdentityApi: Send + Sync {
    async fn list_identity_pools(
        &self,
        next_token: Option<String>,
    ) -> Result<Page<IdentityPoolSummary>>;
    async fn describe_identity_pool(&self, identity_pool_id: &str) -> Result<IdentityPool>;
    async fn get_identity_pool_roles(&self, identity_pool_id: &str) -> Result<PoolRoles>;
    async fn get_id(
        &self,
        identity_pool_id: &str,
        login: Option<(&str, &Secret)>,
    ) -> Result<String>;
    async fn get_credentials_for_identity(
        &self,
        identity_id: &str,
        login: Option<(&str, &Secret)>,
        custom_role_arn: Option<&str>,
    ) -> Result<AwsCredentials>;
    async fn get_open_id_token(
        &self,
        identity_id: &str,
        login: Option<(&str, &Secret)>,
    ) -> Result<Secret>;
    /// The credentials, and the assumed-role ARN STS names.
    async fn assume_role_with_web_identity(
        &self,
        role_arn: &str,
        session_name: &str,
        token: &Secret,
    ) -> Result<(AwsCredentials, Option<String>)>;
    /// GetCallerIdentity signed with `credentials` (not the gateway's own).
    async fn caller_identity(&self, credentials: &AwsCredentials) -> Result<CallerIdentity>;

    // --- writes (seeding), refused in read-only mode ---
    /// CreateIdentityPool from the name, the two flags and the trusted user pool clients.
    async fn create_identity_pool(&self, pool: &IdentityPool) -> Result<String>;
    /// UpdateIdentityPool (`pool.id`): the name, the two flags and the trusted clients.
    async fn update_identity_pool(&self, pool: &IdentityPool) -> Result<()>;
    /// SetIdentityPoolRoles: the two roles and every provider's mapping.
    async fn set_identity_pool_roles(
        &self,
        identity_pool_id: &str,
        roles: &PoolRoles,
    ) -> Result<()>;
    /// The IAM role `role_name` (created when missing) that `identity_pool_id`'s
    /// authenticated (or guest) identities may assume; its ARN.
    async fn ensure_identity_role(
        &self,
        role_name: &str,
        identity_pool_id: &str,
        authenticated: bool,
    ) -> Result<String>;
}

/// The identity pool writes, as [`IdentityApi`] names them when it refuses one.
pub const IDENTITY_WRITES: &[&str] = &[
    "CreateIdentityPool",
    "UpdateIdentityPool",
    "SetIdentityPoolRoles",
    "EnsureIdentityRole",
];
