//! The user actions of the admin views: create, delete, enable/disable, confirm, passwords,
//! sign-out, groups and MFA of the selected (or marked) users; forms and confirmations opened,
//! no call made here.

use super::*;

pub(in crate::core::update) fn user_action(
    model: &mut Model,
    action: Action,
    pool_id: String,
) -> Vec<Effect> {
    let users = targets(model);
    let Some(first) = users.first().cloned() else {
        return vec![];
    };
    let many = users.len() > 1;
    if many && refuse_second_bulk(model) {
        return vec![];
    }
    let who = if many {
        format!("{} marked users", users.len())
    } else {
        first.clone()
    };
    let bulk_or = |op: BulkOp, write: Write| {
        if many {
            Confirmed::Bulk {
                op,
                usernames: users.clone(),
            }
        } else {
            Confirmed::Write(write)
        }
    };
    match action {
        Action::Delete => {
            let then = bulk_or(
                BulkOp::Delete,
                Write::DeleteUser {
                    username: first.clone(),
                },
            );
            let mut lines = vec!["The user, its attributes and memberships go for good.".into()];
            if many {
                lines.push(users.join(", "));
            }
            confirm(model, pool_id, format!("Delete {who}?"), lines, then);
            vec![]
        }
        Action::Disable => {
            let then = bulk_or(
                BulkOp::Disable,
                Write::DisableUser {
                    username: first.clone(),
                },
            );
            let mut lines = vec!["A disabled user cannot sign in; enable (E) undoes it.".into()];
            if many {
                lines.push(users.join(", "));
            }
            confirm(model, pool_id, format!("Disable {who}?"), lines, then);
            vec![]
        }
        Action::SignOut => {
            let then = bulk_or(
                BulkOp::SignOut,
                Write::GlobalSignOut {
                    username: first.clone(),
                },
            );
            confirm(
                model,
                pool_id,
                format!("Sign {who} out everywhere?"),
                vec!["Every refresh token of the user is revoked.".into()],
                then,
            );
            vec![]
        }
        Action::Enable if many => start_bulk(model, pool_id, BulkOp::Enable, users),
        Action::Enable => write_now(model, pool_id, Write::EnableUser { username: first }),
        Action::ConfirmSignUp => {
            write_now(model, pool_id, Write::ConfirmSignUp { username: first })
        }
        Action::ResetPassword => {
            confirm(
                model,
                pool_id,
                format!("Reset the password of {first}?"),
                vec![
                    "The current password stops working; the user must set a new one".into(),
                    "with a code Cognito sends.".into(),
                ],
                Confirmed::Write(Write::ResetPassword { username: first }),
            );
            vec![]
        }
        Action::SetPassword => {
            model.form = Some(Form::new(
                format!("Set the password of {first}"),
                FormKind::SetPassword { username: first },
                pool_id.clone(),
                vec![
                    Field::secret("password", "ctrl-g generates one that fits the policy"),
                    Field::choice(
                        "kind",
                        PERMANENCE,
                        "temporary: FORCE_CHANGE_PASSWORD at next sign-in",
                    ),
                ],
            ));
            ensure_detail(model, &pool_id)
        }
        Action::AddToGroup => {
            let groups = group_names(model);
            model.form = Some(Form::new(
                format!("Add {who} to a group"),
                FormKind::AddToGroup { usernames: users },
                pool_id,
                vec![Field::text("group", "", groups)],
            ));
            vec![]
        }
        Action::RemoveFromGroup => {
            let theirs: Vec<String> = model
                .user
                .as_ref()
                .filter(|u| u.username == first)
                .and_then(|u| u.groups.data.as_ref())
                .map(|g| g.iter().map(|g| g.name.clone()).collect())
                .unwrap_or_default();
            model.form = Some(Form::new(
                format!("Remove {first} from a group"),
                FormKind::RemoveFromGroup { username: first },
                pool_id,
                vec![Field::text(
                    "group",
                    theirs.first().cloned().unwrap_or_default(),
                    format!("member of: {}", theirs.join(", ")),
                )],
            ));
            vec![]
        }
        Action::Mfa => {
            let help = "unchanged · off · on · preferred";
            model.form = Some(Form::new(
                format!("MFA preference of {first}"),
                FormKind::Mfa { username: first },
                pool_id,
                vec![
                    Field::choice("authenticator app", MFA, help),
                    Field::choice("sms", MFA, help),
                    Field::choice("email", MFA, help),
                ],
            ));
            vec![]
        }
        Action::Edit => {
            model.form = Some(Form::new(
                format!("Set an attribute of {first}"),
                FormKind::EditAttribute { username: first },
                pool_id.clone(),
                vec![
                    Field::text("name", "", "custom ones as custom:name"),
                    Field::text("value", "", ""),
                ],
            ));
            ensure_detail(model, &pool_id)
        }
        _ => vec![],
    }
}

/// The names of the pool's groups, when listed, as a hint.
pub(in crate::core::update) fn group_names(model: &Model) -> String {
    let names: Vec<String> = model
        .groups
        .as_ref()
        .map(|g| g.rows().iter().map(|g| g.name.clone()).collect())
        .unwrap_or_default();
    if names.is_empty() {
        "the group's name".into()
    } else {
        format!("one of: {}", names.join(", "))
    }
}
