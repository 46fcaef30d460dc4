//! The effect executor: runs what `update` asked for (a `Request`, a bulk run) against the
//! gateway, each call bounded by the call timeout, and turns the outcome into the `Response`
//! the loop sends back — also when the work panicked ([`execute_guarded`], [`guarded`]): then
//! the answer is the request's own failure, a sentence, so no pane waits forever. The only
//! place effects meet I/O; the data they are made of lives in `core::effect`.

use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use futures_util::FutureExt;

use crate::app::bulk::{self, Pace};
use crate::app::bulk_rate::Rate;
use crate::app::check;
use crate::app::timed::timed;
use crate::auth::diagnose::SignInFacts;
use crate::cognito::{self, CognitoApi};
use crate::core::effect::{BulkRun, Request, Write};
use crate::core::msg::Response;
use crate::domain::{CognitoError, ErrorKind, WriteOutcome};

/// [`execute`], and if it panics, the request's own failure saying so.
pub async fn execute_guarded(
    request: Request,
    api: &dyn CognitoApi,
    timeout: Duration,
) -> Response {
    let failed = failure(&request);
    let what = request.operation();
    guarded(what, execute(request, api, timeout))
        .await
        .unwrap_or_else(failed)
}

/// Run `work` to its end; if it panics, the failure of `what` as a sentence ("ListUsers
/// failed: it panicked: …"), logged.
pub async fn guarded<T>(what: &str, work: impl Future<Output = T>) -> Result<T, CognitoError> {
    AssertUnwindSafe(work)
        .catch_unwind()
        .await
        .map_err(|panic| task_failed(what, Some(panic.as_ref())))
}

/// A write whose task failed before it answered: whether it reached Cognito is not known.
pub fn unknown_outcome(failed: CognitoError) -> WriteOutcome {
    WriteOutcome::Checked {
        lost: failed,
        done: None,
        finding: "not checked: look before trying again".into(),
    }
}

/// Run blocking `work` (big-number arithmetic) on the blocking pool; if it panics, the
/// failure of `what` as a sentence.
pub async fn off_the_loop<T: Send + 'static>(
    what: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, CognitoError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| task_failed(what, e.try_into_panic().ok().as_deref()))
}

/// A task that ended without its answer: it panicked (`panic` is the payload), or it was
/// cancelled.
pub fn task_failed(what: &str, panic: Option<&(dyn Any + Send)>) -> CognitoError {
    let why = match panic {
        Some(p) => {
            let text = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".into());
            let text: String = text.chars().filter(|c| !c.is_control()).take(160).collect();
            format!("it panicked: {text}")
        }
        None => "it was cancelled".to_string(),
    };
    tracing::error!(what, %why, "a background task failed");
    CognitoError::new(
        ErrorKind::Other,
        format!("{what} failed: {why} (a bug in cognito-tui; the log has the details)"),
    )
}

/// The answer to `request` when it could not run to its end: its own response, failed, so
/// whatever waits for it shows why.
fn failure(request: &Request) -> fn(CognitoError) -> Response {
    match request {
        Request::ListUserPools { .. } => |e| Response::Pools(Err(e)),
        Request::DescribeUserPool { .. } => |e| Response::PoolDetail(Err(e)),
        Request::ListUserPoolClients { .. } => |e| Response::Clients(Err(e)),
        Request::DescribeUserPoolClient { .. } => |e| Response::Client(Err(e)),
        Request::RevealClientSecret { .. } => |e| Response::ClientSecret(Err(e)),
        Request::ListUsers { .. } => |e| Response::Users(Err(e)),
        Request::AdminGetUser { .. } => |e| Response::User(Err(e)),
        Request::AdminListGroupsForUser { .. } => |e| Response::UserGroups(Err(e)),
        Request::AdminListDevices { .. } => |e| Response::UserDevices(Err(e)),
        Request::ListGroups { .. } => |e| Response::Groups(Err(e)),
        Request::ListUsersInGroup { .. } => |e| Response::Members(Err(e)),
        Request::AuthClients { .. } => |e| Response::AuthClients(Err(e)),
        Request::SignInFacts { .. } => {
            |e| Response::SignInFacts(Box::new(SignInFacts::unknown(&e.message)))
        }
        Request::AuthEvents { .. } => |e| Response::AuthEvents(Err(e)),
        Request::Auth(_) => |e| Response::Auth(Err(e)),
        Request::Srp(_) => |e| Response::Srp(Err(e)),
        Request::Jwks { .. } => |e| Response::Jwks(Err(e)),
        Request::GetUser { .. }
        | Request::GlobalSignOut { .. }
        | Request::RevokeToken { .. }
        | Request::Export { .. } => |e| Response::AuthAction(Err(e)),
        Request::TrustingPools { .. } => |e| Response::TrustingPools(Err(e)),
        Request::Credentials(_) => |e| Response::Credentials(Err(e)),
        Request::IdentityPools { .. } => |e| Response::IdentityPools(Err(e)),
        Request::Write { .. } => |e| Response::Written(unknown_outcome(e)),
        Request::GeneratePassword { .. } => |e| Response::Generated(Err(e)),
        Request::Hosted(_) => |e| Response::Hosted(crate::core::hosted::HostedResponse::Failed(e)),
    }
}

/// Run one request against the gateway, bounded by `timeout`.
pub async fn execute(request: Request, api: &dyn CognitoApi, timeout: Duration) -> Response {
    let op = request.operation();
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
        Request::SignInFacts {
            pool_id,
            client_id,
            username,
        } => Response::SignInFacts(Box::new(
            tokio::time::timeout(
                timeout,
                api.sign_in_facts(&pool_id, &client_id, username.as_deref()),
            )
            .await
            .unwrap_or_else(|_| {
                SignInFacts::unknown(&format!("no answer in {} s", timeout.as_secs()))
            }),
        )),
        Request::AuthEvents { pool_id, username } => Response::AuthEvents(
            timed(
                op,
                timeout,
                api.admin_list_user_auth_events(&pool_id, &username, None),
            )
            .await,
        ),
        Request::Auth(r) => {
            Response::Auth(timed(op, timeout, api.send_auth(&r)).await.map(Box::new))
        }
        Request::Srp(job) => Response::Srp(
            off_the_loop("the SRP computation", move || {
                job.take()
                    .map(|w| w.run(time::OffsetDateTime::now_utc(), &mut rand::rngs::OsRng))
            })
            .await
            .and_then(|done| {
                done.ok_or_else(|| {
                    CognitoError::new(
                        ErrorKind::Other,
                        "the SRP computation was already used for this step",
                    )
                })
            }),
        ),
        Request::Hosted(h) => Response::Hosted(super::hosted::execute(h, api, timeout).await),
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
        Request::IdentityPools { user_pool } => Response::IdentityPools(
            timed(
                op,
                timeout * 3,
                crate::app::identity::browse(api, user_pool.as_deref()),
            )
            .await,
        ),
        Request::TrustingPools {
            pool_id,
            client_id,
            provider,
        } => Response::TrustingPools(
            timed(
                op,
                timeout * 3,
                crate::app::identity::runner_pools(api, &pool_id, &client_id, &provider),
            )
            .await,
        ),
        Request::Credentials(req) => Response::Credentials(
            timed(op, timeout * 3, async {
                Ok(crate::app::identity::for_runner(api, req).await)
            })
            .await,
        ),
        Request::GeneratePassword { policy } => Response::Generated(Ok(
            crate::domain::policy::generate_password_with(&policy, &mut rand::rngs::OsRng),
        )),
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
        Write::AuthEventFeedback {
            username,
            event_id,
            value,
        } => {
            api.admin_update_auth_event_feedback(pool, username, event_id, value)
                .await
        }
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
    progress: impl FnMut(usize, WriteOutcome),
) {
    execute_bulk_adaptive(run, api, timeout, pace, cancelled, progress, |_| {}).await;
}

/// [`execute_bulk`], slowing down when Cognito throttles a write (TooManyRequestsException
/// after the SDK's own retries: `ErrorKind::Throttled`), sending that user again, and
/// recovering (`bulk::run_adaptive`); `on_rate` hears each change of rate.
pub async fn execute_bulk_adaptive(
    run: BulkRun,
    api: &dyn CognitoApi,
    timeout: Duration,
    pace: Pace,
    cancelled: impl Fn() -> bool,
    mut progress: impl FnMut(usize, WriteOutcome),
    on_rate: impl FnMut(&Rate),
) {
    let BulkRun {
        pool_id,
        op,
        usernames,
    } = run;
    bulk::run_adaptive(
        usernames,
        pace,
        |username: &String| {
            let write = op.write(username);
            let pool_id = pool_id.clone();
            async move {
                Ok::<_, CognitoError>(write_outcome(&write, api, &pool_id, timeout).await)
            }
        },
        |r| {
            matches!(r, Ok(WriteOutcome::Failed(e)) if e.kind == crate::domain::ErrorKind::Throttled)
        },
        cancelled,
        |r| {
            if let Ok(outcome) = &r.result {
                progress(r.index, outcome.clone());
            }
        },
        on_rate,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_blocking_job_is_an_error_that_says_so() {
        let r: Result<(), _> =
            off_the_loop("the SRP computation", || panic!("injected fault")).await;
        let e = r.unwrap_err();
        assert_eq!(e.kind, ErrorKind::Other);
        assert!(
            e.message
                .starts_with("the SRP computation failed: it panicked: injected fault"),
            "{e}"
        );
        assert_eq!(off_the_loop("work", || 7).await.unwrap(), 7);
    }

    #[tokio::test]
    async fn a_panicking_call_answers_its_request_as_failed() {
        let request = Request::ListUserPools { next_token: None };
        let failed = failure(&request);
        let r = guarded(request.operation(), async {
            panic!("{}", String::from("injected\x1b[2J fault"))
        })
        .await;
        let Response::Pools(Err(e)) = r.map(|()| unreachable!()).unwrap_or_else(failed) else {
            panic!("not the pools' own failure");
        };
        assert!(
            e.message
                .starts_with("ListUserPools failed: it panicked: injected[2J fault"),
            "control characters dropped: {e}"
        );
        // Every request has its own failed answer, which its pane waits for.
        let err = || CognitoError::new(ErrorKind::Other, "x");
        let generate = Request::GeneratePassword {
            policy: crate::domain::PasswordPolicy::default(),
        };
        assert!(matches!(
            failure(&generate)(err()),
            Response::Generated(Err(_))
        ));
        let export = Request::Export {
            path: "t.md".into(),
            markdown: String::new(),
        };
        assert!(matches!(
            failure(&export)(err()),
            Response::AuthAction(Err(_))
        ));
    }
}
