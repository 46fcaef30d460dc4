//! `Effect`: what `update` asks the loop to do — call Cognito, or quit. `Request` is the whole
//! contract between the UI and the network: one variant per call, run by `execute`.

use std::sync::{Arc, Mutex};

use crate::auth::{AuthRequest, SrpWork};
use crate::core::msg::RequestId;
use crate::domain::secret::Secret;
use crate::domain::{
    Group, NewUser, PasswordPolicy, SchemaAttribute, TriggerSlot, UserMfaPreferences,
};

/// A one-shot job handed to the executor (e.g. SRP work, which is neither `Clone` nor
/// comparable): clones share it, equality is identity.
pub struct Job<T>(Arc<Mutex<Option<T>>>);

impl<T> Job<T> {
    pub fn new(t: T) -> Self {
        Self(Arc::new(Mutex::new(Some(t))))
    }

    pub fn take(&self) -> Option<T> {
        self.0.lock().ok()?.take()
    }
}

impl<T> Clone for Job<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Job<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Job<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.lock() {
            Ok(g) => write!(f, "Job({:?})", *g),
            Err(_) => f.write_str("Job(poisoned)"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Call(RequestId, Request),
    /// A paced run of one write over many users: the loop runs it with
    /// `app::bulk::run_paced` (in `app::executor`) and answers `Response::BulkItem` per user, then `BulkDone`.
    Bulk(RequestId, BulkRun),
    /// Stop the bulk run `RequestId` after the item under way; the loop answers `BulkDone`
    /// when it has stopped.
    CancelBulk(RequestId),
    /// Rebuild the gateway for another region and/or profile, off the UI loop; the loop
    /// answers with `Msg::Switched`.
    Switch(RequestId, Switch),
    /// Give the terminal back and stop the process (job control); the loop redraws
    /// everything when the shell continues it.
    Suspend,
    /// Put this text on the terminal's clipboard (OSC 52, so it works over SSH). Never a
    /// secret: `update` copies only ids, names and decoded claims.
    Copy(String),
    Quit,
}

/// What to switch to; `None` keeps the current value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Switch {
    pub region: Option<String>,
    pub profile: Option<String>,
}

/// One write of the admin work, on the pool of its `Request::Write`.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    CreateUser(NewUser),
    DeleteUser {
        username: String,
    },
    EnableUser {
        username: String,
    },
    DisableUser {
        username: String,
    },
    ConfirmSignUp {
        username: String,
    },
    SetPassword {
        username: String,
        password: Secret,
        permanent: bool,
    },
    ResetPassword {
        username: String,
    },
    UpdateAttributes {
        username: String,
        attributes: Vec<(String, String)>,
    },
    DeleteAttributes {
        username: String,
        names: Vec<String>,
    },
    GlobalSignOut {
        username: String,
    },
    AddToGroup {
        username: String,
        group: String,
    },
    RemoveFromGroup {
        username: String,
        group: String,
    },
    SetMfa {
        username: String,
        prefs: UserMfaPreferences,
    },
    CreateGroup(Group),
    UpdateGroup(Group),
    DeleteGroup {
        name: String,
    },
    AddCustomAttribute(SchemaAttribute),
    SetTrigger {
        slot: TriggerSlot,
        arn: Option<String>,
    },
    /// AdminUpdateAuthEventFeedback: `Valid` or `Invalid` on one auth event.
    AuthEventFeedback {
        username: String,
        event_id: String,
        value: String,
    },
}

impl Write {
    pub fn operation(&self) -> &'static str {
        match self {
            Write::CreateUser(_) => "AdminCreateUser",
            Write::DeleteUser { .. } => "AdminDeleteUser",
            Write::EnableUser { .. } => "AdminEnableUser",
            Write::DisableUser { .. } => "AdminDisableUser",
            Write::ConfirmSignUp { .. } => "AdminConfirmSignUp",
            Write::SetPassword { .. } => "AdminSetUserPassword",
            Write::ResetPassword { .. } => "AdminResetUserPassword",
            Write::UpdateAttributes { .. } => "AdminUpdateUserAttributes",
            Write::DeleteAttributes { .. } => "AdminDeleteUserAttributes",
            Write::GlobalSignOut { .. } => "AdminUserGlobalSignOut",
            Write::AddToGroup { .. } => "AdminAddUserToGroup",
            Write::RemoveFromGroup { .. } => "AdminRemoveUserFromGroup",
            Write::SetMfa { .. } => "AdminSetUserMFAPreference",
            Write::CreateGroup(_) => "CreateGroup",
            Write::UpdateGroup(_) => "UpdateGroup",
            Write::DeleteGroup { .. } => "DeleteGroup",
            Write::AddCustomAttribute(_) => "AddCustomAttributes",
            Write::SetTrigger { .. } => "UpdateUserPool",
            Write::AuthEventFeedback { .. } => "AdminUpdateAuthEventFeedback",
        }
    }

    /// What was done, for the flash line: `deleted alice`.
    pub fn done(&self) -> String {
        match self {
            Write::CreateUser(u) => format!("created user {}", u.username),
            Write::DeleteUser { username } => format!("deleted user {username}"),
            Write::EnableUser { username } => format!("enabled {username}"),
            Write::DisableUser { username } => format!("disabled {username}"),
            Write::ConfirmSignUp { username } => format!("confirmed the sign-up of {username}"),
            Write::SetPassword {
                username,
                permanent,
                ..
            } => format!(
                "set a {} password for {username}",
                if *permanent { "permanent" } else { "temporary" }
            ),
            Write::ResetPassword { username } => format!("reset the password of {username}"),
            Write::UpdateAttributes {
                username,
                attributes,
            } => {
                let names: Vec<&str> = attributes.iter().map(|(k, _)| k.as_str()).collect();
                format!("set {} of {username}", names.join(", "))
            }
            Write::DeleteAttributes { username, names } => {
                format!("deleted {} of {username}", names.join(", "))
            }
            Write::GlobalSignOut { username } => format!("signed {username} out everywhere"),
            Write::AddToGroup { username, group } => format!("added {username} to {group}"),
            Write::RemoveFromGroup { username, group } => {
                format!("removed {username} from {group}")
            }
            Write::SetMfa { username, .. } => format!("set the MFA preference of {username}"),
            Write::CreateGroup(g) => format!("created group {}", g.name),
            Write::UpdateGroup(g) => format!("updated group {}", g.name),
            Write::DeleteGroup { name } => format!("deleted group {name}"),
            Write::AddCustomAttribute(a) => format!("added custom attribute {}", a.name),
            Write::SetTrigger { slot, arn: Some(_) } => format!("set trigger {}", slot.name()),
            Write::SetTrigger { slot, arn: None } => format!("cleared trigger {}", slot.name()),
            Write::AuthEventFeedback {
                username,
                event_id,
                value,
            } => format!("marked auth event {event_id} of {username} {value}"),
        }
    }
}

/// What a bulk run does to each marked user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkOp {
    Disable,
    Enable,
    Delete,
    AddToGroup(String),
    SignOut,
}

impl BulkOp {
    pub fn write(&self, username: &str) -> Write {
        let username = username.to_string();
        match self {
            BulkOp::Disable => Write::DisableUser { username },
            BulkOp::Enable => Write::EnableUser { username },
            BulkOp::Delete => Write::DeleteUser { username },
            BulkOp::AddToGroup(group) => Write::AddToGroup {
                username,
                group: group.clone(),
            },
            BulkOp::SignOut => Write::GlobalSignOut { username },
        }
    }

    /// `disable`, `add to admin`.
    pub fn verb(&self) -> String {
        match self {
            BulkOp::Disable => "disable".into(),
            BulkOp::Enable => "enable".into(),
            BulkOp::Delete => "delete".into(),
            BulkOp::AddToGroup(g) => format!("add to {g}"),
            BulkOp::SignOut => "sign out".into(),
        }
    }

    pub fn destructive(&self) -> bool {
        matches!(self, BulkOp::Disable | BulkOp::Delete | BulkOp::SignOut)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct BulkRun {
    pub pool_id: String,
    pub op: BulkOp,
    pub usernames: Vec<String>,
}

/// The runner's exchange: the signed-in user's ID token at one identity pool, by one flow.
#[derive(Debug, Clone, PartialEq)]
pub struct CredentialsRequest {
    /// The user pool and app client the token comes from.
    pub pool_id: String,
    pub client_id: String,
    /// The identity-pool provider name of the user pool (the token's issuer, no scheme).
    pub provider: String,
    pub id_token: Secret,
    pub identity_pool_id: String,
    pub identity_pool_name: String,
    /// The basic (classic) flow; the enhanced one when false.
    pub basic: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    ListUserPools {
        next_token: Option<String>,
    },
    DescribeUserPool {
        pool_id: String,
    },
    ListUserPoolClients {
        pool_id: String,
        next_token: Option<String>,
    },
    DescribeUserPoolClient {
        pool_id: String,
        client_id: String,
    },
    RevealClientSecret {
        pool_id: String,
        client_id: String,
    },
    ListUsers {
        pool_id: String,
        /// A ListUsers filter expression, built by `filter::UserFilter::expression`.
        filter: Option<String>,
        pagination_token: Option<String>,
    },
    AdminGetUser {
        pool_id: String,
        username: String,
    },
    AdminListGroupsForUser {
        pool_id: String,
        username: String,
    },
    AdminListDevices {
        pool_id: String,
        username: String,
    },
    ListGroups {
        pool_id: String,
        next_token: Option<String>,
    },
    ListUsersInGroup {
        pool_id: String,
        group: String,
        next_token: Option<String>,
    },
    /// The pool's app clients with their flows and secrets, for the sign-in runner.
    AuthClients {
        pool_id: String,
    },
    /// What a sign-in's pre-flight and diagnosis rest on (DescribeUserPool,
    /// DescribeUserPoolClient, AdminGetUser); never fails, each part says why it is unknown.
    SignInFacts {
        pool_id: String,
        client_id: String,
        username: Option<String>,
    },
    /// A user's recent auth events (threat protection).
    AuthEvents {
        pool_id: String,
        username: String,
    },
    /// One request of the sign-in state machine.
    Auth(AuthRequest),
    /// SRP big-number work, run on a blocking thread.
    Srp(Job<SrpWork>),
    Jwks {
        pool_id: String,
    },
    GetUser {
        access_token: Secret,
    },
    GlobalSignOut {
        access_token: Secret,
    },
    RevokeToken {
        client_id: String,
        client_secret: Option<Secret>,
        refresh_token: Secret,
    },
    /// The identity pools (those trusting this user pool when given), as text.
    IdentityPools {
        user_pool: Option<String>,
    },
    /// The identity pools that trust the app client `client_id` of the user pool `provider`
    /// (`cognito-idp.<region>.amazonaws.com/<pool>`), described; none is an error.
    TrustingPools {
        pool_id: String,
        client_id: String,
        provider: String,
    },
    /// Exchange the ID token at the identity pool picked, by the flow picked.
    Credentials(CredentialsRequest),
    /// Write the sign-in transcript (Markdown, no secrets) to a file.
    Export {
        path: String,
        markdown: String,
    },
    /// One write on a pool.
    Write {
        pool_id: String,
        write: Write,
    },
    /// A temporary password that fits the policy (random, so not in `update`); no call.
    GeneratePassword {
        policy: PasswordPolicy,
    },
    /// A step of a managed-login run (`core::hosted`).
    Hosted(crate::core::hosted::HostedRequest),
}

impl Request {
    pub fn operation(&self) -> &'static str {
        match self {
            Request::ListUserPools { .. } => "ListUserPools",
            Request::DescribeUserPool { .. } => "DescribeUserPool",
            Request::ListUserPoolClients { .. } => "ListUserPoolClients",
            Request::DescribeUserPoolClient { .. } => "DescribeUserPoolClient",
            Request::RevealClientSecret { .. } => "DescribeUserPoolClient",
            Request::ListUsers { .. } => "ListUsers",
            Request::AdminGetUser { .. } => "AdminGetUser",
            Request::AdminListGroupsForUser { .. } => "AdminListGroupsForUser",
            Request::AdminListDevices { .. } => "AdminListDevices",
            Request::ListGroups { .. } => "ListGroups",
            Request::ListUsersInGroup { .. } => "ListUsersInGroup",
            Request::AuthClients { .. } => "DescribeUserPoolClient",
            Request::SignInFacts { .. } => "DescribeUserPool",
            Request::AuthEvents { .. } => "AdminListUserAuthEvents",
            Request::Auth(r) => r.operation(),
            Request::Srp(_) => "SRP",
            Request::Jwks { .. } => "JWKS",
            Request::GetUser { .. } => "GetUser",
            Request::GlobalSignOut { .. } => "GlobalSignOut",
            Request::RevokeToken { .. } => "RevokeToken",
            Request::Export { .. } => "Export",
            Request::TrustingPools { .. } => "ListIdentityPools",
            Request::Credentials(c) if c.basic => "GetOpenIdToken",
            Request::Credentials(_) => "GetCredentialsForIdentity",
            Request::IdentityPools { .. } => "ListIdentityPools",
            Request::Write { write, .. } => write.operation(),
            Request::GeneratePassword { .. } => "GeneratePassword",
            Request::Hosted(_) => "OAuth2",
        }
    }
}
