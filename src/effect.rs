//! `Effect`: what `update` asks the loop to do — call Cognito, or quit. `Request` is the whole
//! contract between the UI and the network: one variant per call, run by `execute`.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::admin::{self, Pace};
use crate::auth::flow::{AuthRequest, SrpWork};
use crate::cognito::{
    self, CognitoApi, CognitoError, Group, NewUser, PasswordPolicy, SchemaAttribute, TriggerSlot,
    UserMfaPreferences,
};
use crate::model::RequestId;
use crate::msg::Response;
use crate::secret::Secret;

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
    /// `admin::run_paced` and answers `Response::BulkItem` per user, then `BulkDone`.
    Bulk(RequestId, BulkRun),
    /// Rebuild the gateway for another region and/or profile, off the UI loop; the loop
    /// answers with `Msg::Switched`.
    Switch(RequestId, Switch),
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
        }
    }

    async fn run(&self, api: &dyn CognitoApi, pool: &str) -> cognito::Result<()> {
        match self {
            Write::CreateUser(u) => api.admin_create_user(pool, u).await.map(|_| ()),
            Write::DeleteUser { username } => api.admin_delete_user(pool, username).await,
            Write::EnableUser { username } => api.admin_enable_user(pool, username).await,
            Write::DisableUser { username } => api.admin_disable_user(pool, username).await,
            Write::ConfirmSignUp { username } => api.admin_confirm_sign_up(pool, username).await,
            Write::SetPassword {
                username,
                password,
                permanent,
            } => {
                api.admin_set_user_password(pool, username, password, *permanent)
                    .await
            }
            Write::ResetPassword { username } => {
                api.admin_reset_user_password(pool, username).await
            }
            Write::UpdateAttributes {
                username,
                attributes,
            } => {
                api.admin_update_user_attributes(pool, username, attributes)
                    .await
            }
            Write::DeleteAttributes { username, names } => {
                api.admin_delete_user_attributes(pool, username, names)
                    .await
            }
            Write::GlobalSignOut { username } => {
                api.admin_user_global_sign_out(pool, username).await
            }
            Write::AddToGroup { username, group } => {
                api.admin_add_user_to_group(pool, username, group).await
            }
            Write::RemoveFromGroup { username, group } => {
                api.admin_remove_user_from_group(pool, username, group)
                    .await
            }
            Write::SetMfa { username, prefs } => {
                api.admin_set_user_mfa_preference(pool, username, prefs)
                    .await
            }
            Write::CreateGroup(g) => api.create_group(pool, g).await,
            Write::UpdateGroup(g) => api.update_group(pool, g).await,
            Write::DeleteGroup { name } => api.delete_group(pool, name).await,
            Write::AddCustomAttribute(a) => {
                api.add_custom_attributes(pool, std::slice::from_ref(a))
                    .await
            }
            Write::SetTrigger { slot, arn } => api.set_trigger(pool, *slot, arn.as_deref()).await,
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

impl BulkRun {
    /// Run every item, paced, one at a time; `progress(index, result)` hears each as it
    /// finishes. One failure never stops the others.
    pub async fn execute(
        self,
        api: &dyn CognitoApi,
        timeout: Duration,
        pace: Pace,
        mut progress: impl FnMut(usize, cognito::Result<()>),
    ) {
        let BulkRun {
            pool_id,
            op,
            usernames,
        } = self;
        admin::run_paced(
            usernames,
            pace,
            |username: &String| {
                let write = op.write(username);
                let pool_id = pool_id.clone();
                async move {
                    let op_name = write.operation();
                    tokio::time::timeout(timeout, write.run(api, &pool_id))
                        .await
                        .unwrap_or_else(|_| Err(CognitoError::timeout(op_name, timeout.as_secs())))
                }
            },
            |r| progress(r.index, r.result.clone()),
        )
        .await;
    }
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
            Request::Auth(r) => r.operation(),
            Request::Srp(_) => "SRP",
            Request::Jwks { .. } => "JWKS",
            Request::GetUser { .. } => "GetUser",
            Request::GlobalSignOut { .. } => "GlobalSignOut",
            Request::RevokeToken { .. } => "RevokeToken",
            Request::Export { .. } => "Export",
            Request::Write { write, .. } => write.operation(),
            Request::GeneratePassword { .. } => "GeneratePassword",
        }
    }

    /// Run the call against the gateway, bounded by `timeout`.
    pub async fn execute(self, api: &dyn CognitoApi, timeout: Duration) -> Response {
        let op = self.operation();
        async fn timed<T>(
            op: &'static str,
            timeout: Duration,
            fut: impl Future<Output = cognito::Result<T>>,
        ) -> cognito::Result<T> {
            tokio::time::timeout(timeout, fut)
                .await
                .unwrap_or_else(|_| Err(CognitoError::timeout(op, timeout.as_secs())))
        }
        match self {
            Request::ListUserPools { next_token } => {
                Response::Pools(timed(op, timeout, api.list_user_pools(next_token)).await)
            }
            Request::DescribeUserPool { pool_id } => Response::PoolDetail(
                timed(op, timeout, api.describe_user_pool(&pool_id))
                    .await
                    .map(Box::new),
            ),
            Request::ListUserPoolClients {
                pool_id,
                next_token,
            } => Response::Clients(
                timed(
                    op,
                    timeout,
                    api.list_user_pool_clients(&pool_id, next_token),
                )
                .await,
            ),
            Request::DescribeUserPoolClient { pool_id, client_id } => Response::Client(
                timed(
                    op,
                    timeout,
                    api.describe_user_pool_client(&pool_id, &client_id),
                )
                .await
                .map(Box::new),
            ),
            Request::RevealClientSecret { pool_id, client_id } => Response::ClientSecret(
                timed(op, timeout, api.reveal_client_secret(&pool_id, &client_id)).await,
            ),
            Request::ListUsers {
                pool_id,
                filter,
                pagination_token,
            } => Response::Users(
                timed(
                    op,
                    timeout,
                    api.list_users(&pool_id, filter, pagination_token),
                )
                .await,
            ),
            Request::AdminGetUser { pool_id, username } => Response::User(
                timed(op, timeout, api.admin_get_user(&pool_id, &username))
                    .await
                    .map(Box::new),
            ),
            Request::AdminListGroupsForUser { pool_id, username } => Response::UserGroups(
                timed(
                    op,
                    timeout,
                    api.admin_list_groups_for_user(&pool_id, &username, None),
                )
                .await,
            ),
            Request::AdminListDevices { pool_id, username } => Response::UserDevices(
                timed(
                    op,
                    timeout,
                    api.admin_list_devices(&pool_id, &username, None),
                )
                .await,
            ),
            Request::ListGroups {
                pool_id,
                next_token,
            } => Response::Groups(timed(op, timeout, api.list_groups(&pool_id, next_token)).await),
            Request::ListUsersInGroup {
                pool_id,
                group,
                next_token,
            } => Response::Members(
                timed(
                    op,
                    timeout,
                    api.list_users_in_group(&pool_id, &group, next_token),
                )
                .await,
            ),
            Request::AuthClients { pool_id } => {
                Response::AuthClients(timed(op, timeout, auth_clients(api, &pool_id)).await)
            }
            Request::Auth(r) => {
                Response::Auth(timed(op, timeout, api.send_auth(&r)).await.map(Box::new))
            }
            Request::Srp(job) => Response::Srp(
                tokio::task::spawn_blocking(move || {
                    job.take().map(|w| w.run(time::OffsetDateTime::now_utc()))
                })
                .await
                .ok()
                .flatten(),
            ),
            Request::Jwks { pool_id } => {
                Response::Jwks(timed(op, timeout, api.fetch_jwks(&pool_id)).await)
            }
            Request::GetUser { access_token } => Response::AuthAction(
                timed(op, timeout, api.get_user(&access_token))
                    .await
                    .map(|u| format!("the token belongs to {}", u.username)),
            ),
            Request::GlobalSignOut { access_token } => Response::AuthAction(
                timed(op, timeout, api.global_sign_out(&access_token))
                    .await
                    .map(|()| "signed out".to_string()),
            ),
            Request::RevokeToken {
                client_id,
                client_secret,
                refresh_token,
            } => Response::AuthAction(
                timed(
                    op,
                    timeout,
                    api.revoke_token(&client_id, client_secret.as_ref(), &refresh_token),
                )
                .await
                .map(|()| "revoked".to_string()),
            ),
            Request::Export { path, markdown } => Response::AuthAction(
                tokio::fs::write(&path, markdown)
                    .await
                    .map(|()| path.clone())
                    .map_err(|e| {
                        CognitoError::new(
                            cognito::ErrorKind::Other,
                            format!("cannot write {path}: {e}"),
                        )
                    }),
            ),
            Request::Write { pool_id, write } => {
                Response::Written(timed(op, timeout, write.run(api, &pool_id)).await)
            }
            Request::GeneratePassword { policy } => {
                Response::Generated(admin::generate_temporary_password(&policy))
            }
        }
    }
}

/// Every app client of a pool, described (flows and secret), for the sign-in runner.
async fn auth_clients(
    api: &dyn CognitoApi,
    pool_id: &str,
) -> cognito::Result<Vec<cognito::ClientAuthInfo>> {
    let mut out = Vec::new();
    let mut next = None;
    loop {
        let page = api.list_user_pool_clients(pool_id, next).await?;
        for c in page.items {
            out.push(api.client_auth_info(pool_id, &c.id).await?);
        }
        match page.next_token {
            Some(t) => next = Some(t),
            None => return Ok(out),
        }
    }
}
