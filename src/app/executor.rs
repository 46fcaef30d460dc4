//! The effect executor: runs what `update` asked for (a `Request`, a bulk run) against the
//! gateway, each call bounded by the call timeout, and turns the outcome into the `Response`
//! the loop sends back. The only place effects meet I/O; the data they are made of lives in
//! `core::effect`.

use std::future::Future;
use std::time::Duration;

use crate::app::bulk::{self, Pace};
use crate::app::check;
use crate::cognito::{self, CognitoApi};
use crate::core::effect::{BulkRun, Request, Write};
use crate::core::msg::Response;
use crate::domain::{CognitoError, WriteOutcome};

/// Run one request against the gateway, bounded by `timeout`.
pub async fn execute(request: Request, api: &dyn CognitoApi, timeout: Duration) -> Response {
    let op = request.operation();
    async fn timed<T>(
        op: &'static str,
        timeout: Duration,
        fut: impl Future<Output = cognito::Result<T>>,
    ) -> cognito::Result<T> {
        tokio::time::timeout(timeout, fut)
            .await
            .unwrap_or_else(|_| Err(CognitoError::timeout(op, timeout.as_secs())))
    }
    match request {
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
                job.take()
                    .map(|w| w.run(time::OffsetDateTime::now_utc(), &mut rand::rngs::OsRng))
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
        Request::Export { path, markdown } => {
            Response::AuthAction(export_transcript(path, markdown).await)
        }
        Request::Write { pool_id, write } => {
            Response::Written(write_outcome(&write, api, &pool_id, timeout).await)
        }
        Request::GeneratePassword { policy } => Response::Generated(
            crate::domain::policy::generate_password_with(&policy, &mut rand::rngs::OsRng),
        ),
    }
}

/// Write a transcript privately and whole (see `app::files`); an existing file is kept and
/// the next free name taken. The path written.
async fn export_transcript(path: String, markdown: String) -> cognito::Result<String> {
    let dest = std::path::PathBuf::from(&path);
    let written = tokio::task::spawn_blocking(move || {
        crate::app::files::write_private(
            &dest,
            markdown.as_bytes(),
            crate::app::files::Existing::NextFreeName,
        )
    })
    .await
    .unwrap_or_else(|e| Err(std::io::Error::other(e.to_string())));
    written.map(|p| p.display().to_string()).map_err(|e| {
        CognitoError::new(
            crate::domain::ErrorKind::Other,
            format!("cannot write {path}: {e}"),
        )
    })
}

/// Run one write, bounded by `timeout`, and find out what it did when its answer is lost: a
/// write that got no answer in time may have been carried out, so it is `OutcomeUnknown`
/// too, and checked with a read (bounded the same way).
pub(crate) async fn write_outcome(
    write: &Write,
    api: &dyn CognitoApi,
    pool: &str,
    timeout: Duration,
) -> WriteOutcome {
    let op = write.operation();
    let result = match tokio::time::timeout(timeout, run_write(write, api, pool)).await {
        Ok(r) => r,
        Err(_) => Err(CognitoError::outcome_unknown(
            format!("{op} got no answer within {} s", timeout.as_secs()),
            "",
        )),
    };
    match tokio::time::timeout(timeout, check::outcome(result, write, api, pool)).await {
        Ok(outcome) => outcome,
        Err(_) => WriteOutcome::Checked {
            lost: CognitoError::outcome_unknown(format!("{op}'s answer was lost"), ""),
            done: None,
            finding: format!(
                "the check got no answer within {} s either: unknown, check the pool",
                timeout.as_secs()
            ),
        },
    }
}

/// Run one write against the gateway.
pub(crate) async fn run_write(
    write: &Write,
    api: &dyn CognitoApi,
    pool: &str,
) -> cognito::Result<()> {
    match write {
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
        Write::ResetPassword { username } => api.admin_reset_user_password(pool, username).await,
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
        Write::GlobalSignOut { username } => api.admin_user_global_sign_out(pool, username).await,
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

/// Run every item, paced, one at a time; `progress(index, outcome)` hears each as it
/// finishes (a lost answer checked). One failure never stops the others; `cancelled` is asked
/// before each item, and once it says so the rest are not run.
pub async fn execute_bulk(
    run: BulkRun,
    api: &dyn CognitoApi,
    timeout: Duration,
    pace: Pace,
    cancelled: impl Fn() -> bool,
    mut progress: impl FnMut(usize, WriteOutcome),
) {
    let BulkRun {
        pool_id,
        op,
        usernames,
    } = run;
    bulk::run_paced(
        usernames,
        pace,
        |username: &String| {
            let write = op.write(username);
            let pool_id = pool_id.clone();
            async move {
                Ok::<_, CognitoError>(write_outcome(&write, api, &pool_id, timeout).await)
            }
        },
        cancelled,
        |r| {
            if let Ok(outcome) = &r.result {
                progress(r.index, outcome.clone());
            }
        },
    )
    .await;
}

/// Every app client of a pool, described (flows and secret), for the sign-in runner.
async fn auth_clients(
    api: &dyn CognitoApi,
    pool_id: &str,
) -> cognito::Result<Vec<crate::domain::ClientAuthInfo>> {
    let mut out = Vec::new();
    let mut next = None;
    let mut trail = crate::domain::untrusted::TokenTrail::default();
    loop {
        let page = api.list_user_pool_clients(pool_id, next).await?;
        for c in page.items {
            out.push(api.client_auth_info(pool_id, &c.id).await?);
        }
        match trail.follow("ListUserPoolClients", page.next_token)? {
            Some(t) => next = Some(t),
            None => return Ok(out),
        }
    }
}
