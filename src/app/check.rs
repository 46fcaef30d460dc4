//! What a write whose answer was lost did, found out with a read (an effect of the executor,
//! never of `update`): AdminCreateUser → AdminGetUser (exists: created), AdminDeleteUser →
//! AdminGetUser (not found: deleted), enable/disable → `Enabled`, group membership →
//! AdminListGroupsForUser, a password or attribute write → what AdminGetUser tells; else an
//! honest "cannot tell: check the user".

use crate::cognito::CognitoApi;
use crate::core::effect::Write;
use crate::domain::{CognitoError, ErrorKind, User, WriteOutcome};

/// What a read found: carried out (`Some(true)`), not (`Some(false)`), cannot tell (`None`).
type Finding = (Option<bool>, String);

/// Turn a write's result into its outcome: a lost answer (`OutcomeUnknown`) is checked.
pub async fn outcome(
    result: crate::domain::Result<()>,
    write: &Write,
    api: &dyn CognitoApi,
    pool: &str,
) -> WriteOutcome {
    match result {
        Ok(()) => WriteOutcome::Done,
        Err(lost) if lost.kind == ErrorKind::OutcomeUnknown => {
            let (done, finding) = check(write, api, pool).await;
            tracing::info!(operation = write.operation(), ?done, "lost answer checked");
            WriteOutcome::Checked {
                lost,
                done,
                finding,
            }
        }
        Err(e) => WriteOutcome::Failed(e),
    }
}

/// A finding from a boolean: `yes` when it holds, `no` when not.
fn tells(holds: bool, yes: String, no: String) -> Finding {
    if holds {
        (Some(true), yes)
    } else {
        (Some(false), no)
    }
}

fn unreadable(what: &str, e: &CognitoError) -> Finding {
    (
        None,
        format!(
            "the check failed too ({}): unknown, check {what}",
            e.headline()
        ),
    )
}

/// The user, `None` when not found.
async fn user(api: &dyn CognitoApi, pool: &str, name: &str) -> Result<Option<User>, CognitoError> {
    match api.admin_get_user(pool, name).await {
        Ok(u) => Ok(Some(u)),
        Err(e) if e.kind == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// A check on the user `name`: `found` reads the user when it exists.
async fn on_user(
    api: &dyn CognitoApi,
    pool: &str,
    name: &str,
    found: impl FnOnce(&User) -> Finding,
) -> Finding {
    match user(api, pool, name).await {
        Ok(Some(u)) => found(&u),
        Ok(None) => (Some(false), format!("{name} does not exist")),
        Err(e) => unreadable(&format!("user {name}"), &e),
    }
}

async fn check(write: &Write, api: &dyn CognitoApi, pool: &str) -> Finding {
    match write {
        Write::CreateUser(u) => match user(api, pool, &u.username).await {
            Ok(found) => tells(
                found.is_some(),
                format!("{} exists — created", u.username),
                format!("{} does not exist — not created", u.username),
            ),
            Err(e) => unreadable(&format!("user {}", u.username), &e),
        },
        Write::DeleteUser { username } => match user(api, pool, username).await {
            Ok(found) => tells(
                found.is_none(),
                format!("{username} is gone — deleted"),
                format!("{username} still exists — not deleted"),
            ),
            Err(e) => unreadable(&format!("user {username}"), &e),
        },
        Write::EnableUser { username } | Write::DisableUser { username } => {
            let want = matches!(write, Write::EnableUser { .. });
            let (did, state) = if want {
                ("enabled", "disabled")
            } else {
                ("disabled", "enabled")
            };
            on_user(api, pool, username, |u| {
                tells(
                    u.enabled == want,
                    format!("{username} is {did} — {did}"),
                    format!("{username} is still {state} — not {did}"),
                )
            })
            .await
        }
        Write::ConfirmSignUp { username } => {
            on_user(api, pool, username, |u| {
                status_tells(u, "CONFIRMED", "confirmed")
            })
            .await
        }
        Write::ResetPassword { username } => {
            on_user(api, pool, username, |u| {
                status_tells(u, "RESET_REQUIRED", "password reset")
            })
            .await
        }
        Write::SetPassword {
            username,
            permanent,
            ..
        } => {
            let want = if *permanent {
                "CONFIRMED"
            } else {
                "FORCE_CHANGE_PASSWORD"
            };
            on_user(api, pool, username, |u| {
                let status = u.status.as_deref().unwrap_or("unknown");
                if status == want {
                    (
                        None,
                        format!(
                            "{username} is {status}, as the new password would leave it, but a password cannot be read: unknown, sign in as {username} to check"
                        ),
                    )
                } else {
                    (
                        Some(false),
                        format!("{username} is {status}, not {want} — the password was not set"),
                    )
                }
            })
            .await
        }
        Write::UpdateAttributes {
            username,
            attributes,
        } => {
            on_user(api, pool, username, |u| {
                tells(
                    attributes
                        .iter()
                        .all(|(k, v)| u.attribute(k) == Some(v.as_str())),
                    format!("{username} has the new values — updated"),
                    format!("{username} has other values — not updated"),
                )
            })
            .await
        }
        Write::DeleteAttributes { username, names } => {
            on_user(api, pool, username, |u| {
                tells(
                    names.iter().all(|n| u.attribute(n).is_none()),
                    format!("{username} has none of them — deleted"),
                    format!("{username} still has them — not deleted"),
                )
            })
            .await
        }
        Write::AddToGroup { username, group } | Write::RemoveFromGroup { username, group } => {
            let adding = matches!(write, Write::AddToGroup { .. });
            match api.group_names_of_user(pool, username).await {
                Ok(names) => {
                    let member = names.iter().any(|g| g == group);
                    let (yes, no) = if adding {
                        ("added", "not added")
                    } else {
                        ("removed", "not removed")
                    };
                    let is = if member { "is" } else { "is not" };
                    tells(
                        member == adding,
                        format!("{username} {is} in {group} — {yes}"),
                        format!("{username} {is} in {group} — {no}"),
                    )
                }
                Err(e) => unreadable(&format!("user {username}"), &e),
            }
        }
        other => (
            None,
            format!(
                "{} cannot be checked by a read here: unknown, check the pool",
                other.operation()
            ),
        ),
    }
}

fn status_tells(u: &User, want: &str, did: &str) -> Finding {
    let status = u.status.as_deref().unwrap_or("unknown");
    tells(
        status == want,
        format!("{} is {status} — {did}", u.username),
        format!("{} is {status} — not {did}", u.username),
    )
}
