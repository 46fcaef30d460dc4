//! The admin half of `update`: forms, confirmations, marks and bulk runs, and what a write's
//! result does (flash, refresh; a failure leaves everything as it was, the error next to
//! it). Pure like the rest of `update`: the calls, the random passwords and the pacing are
//! effects the loop runs.

use super::*;
use crate::core::effect::{BulkOp, BulkRun, Write};
use crate::core::model::{Bulk, Confirm, Confirmed, Field, FieldKind, Form, FormKind, ItemEnd};
use crate::core::msg::RequestId;
use crate::domain::policy::{AttributeEdit, check_attribute_edit, password_problems};
use crate::domain::secret::Secret;
use crate::domain::{
    DeliveryMedium, Group, MessageAction, MfaPreference, NewUser, PasswordPolicy, PoolDetail,
    SchemaAttribute, TriggerSlot, UserMfaPreferences, WriteOutcome,
};

const MESSAGE: &[&str] = &["suppress", "send"];
const DELIVERY: &[&str] = &["email", "sms", "email+sms"];
const PERMANENCE: &[&str] = &["temporary", "permanent"];
const MFA: &[&str] = &["unchanged", "off", "on", "preferred"];
const TYPES: &[&str] = &["String", "Number", "Boolean", "DateTime"];
const YES_NO: &[&str] = &["yes", "no"];

mod attributes;
pub(in crate::core::update) mod auth_events;
mod confirm;
mod forms;
mod groups;
#[cfg(test)]
mod tests;
mod triggers;
mod users;
mod writes;

use attributes::*;
pub(super) use confirm::*;
pub(super) use forms::*;
use groups::*;
use triggers::*;
use users::*;
pub(super) use writes::*;

/// The pool's detail, when it is loaded for this pool (schema, password policy).
pub(in crate::core::update) fn pool_detail<'a>(
    model: &'a Model,
    pool_id: &str,
) -> Option<&'a PoolDetail> {
    model
        .detail
        .as_ref()
        .filter(|d| d.pool_id == pool_id)
        .and_then(|d| d.detail.data.as_ref())
}

/// Load the pool's detail when a form needs its schema or policy and it is not on hand.
pub(in crate::core::update) fn ensure_detail(model: &mut Model, pool_id: &str) -> Vec<Effect> {
    let on_hand = model.detail.as_ref().is_some_and(|d| {
        d.pool_id == pool_id && (d.detail.data.is_some() || d.detail.is_loading())
    });
    if on_hand {
        vec![]
    } else {
        load_detail(model, pool_id.to_string())
    }
}

/// The user the keys act on: the selected row, or the user on screen.
pub(in crate::core::update) fn selected_user(model: &Model) -> Option<String> {
    match model.view() {
        View::Users(_) => model
            .users
            .as_ref()
            .and_then(|u| u.pane.selected_row())
            .map(|u| u.username.clone()),
        View::UserDetail { username, .. } => Some(username.clone()),
        View::Members { .. } => model
            .members
            .as_ref()
            .and_then(|m| m.pane.selected_row())
            .map(|u| u.username.clone()),
        View::Attributes {
            user: Some(username),
            ..
        } => Some(username.clone()),
        _ => None,
    }
}

/// The marked users (in the users list), else the selected one.
pub(in crate::core::update) fn targets(model: &Model) -> Vec<String> {
    if let (View::Users(_), Some(u)) = (model.view(), &model.users)
        && !u.marked.is_empty()
    {
        return u.marked.iter().cloned().collect();
    }
    selected_user(model).into_iter().collect()
}

pub(in crate::core::update) fn refuse(model: &mut Model, why: impl Into<String>) -> Vec<Effect> {
    model.flash(Level::Warn, why);
    vec![]
}

/// A write action (or marking) on the view on screen.
pub(in crate::core::update) fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    if model.ctx.read_only && action.is_write() {
        return refuse(model, "read-only mode (--read-only): writes are off");
    }
    let Some(pool) = current_pool(model) else {
        return no_pool(model);
    };
    let pool_id = pool.id.clone();
    match (model.view().clone(), action) {
        (View::Users(_), Action::Mark) => {
            if let Some(u) = &mut model.users
                && let Some(name) = u.pane.selected_row().map(|r| r.username.clone())
            {
                if !u.marked.remove(&name) {
                    u.marked.insert(name);
                }
                move_pane(&mut u.pane, Action::Down);
            }
            more_users(model)
        }
        (View::Users(_), Action::MarkAll) => {
            if let Some(u) = &mut model.users {
                let visible: Vec<String> = (0..u.pane.len())
                    .filter_map(|i| u.pane.get(i).map(|r| r.username.clone()))
                    .collect();
                if !visible.is_empty() && visible.iter().all(|n| u.marked.contains(n)) {
                    u.marked.clear();
                } else {
                    u.marked.extend(visible);
                }
            }
            vec![]
        }
        (View::Users(_), Action::ShowBulk) => {
            match &mut model.bulk {
                Some(b) => b.shown = true,
                None => model.flash(Level::Info, "no bulk run yet: mark users with space"),
            }
            vec![]
        }
        (View::Users(_), Action::New) => {
            let fields = vec![
                Field::text("username", "", ""),
                Field::text("email", "", ""),
                Field::text("phone_number", "", "e.g. +15555550100"),
                Field::text("other attributes", "", "e.g. name=Ada, custom:role=student"),
                Field::secret(
                    "temporary password",
                    "ctrl-g generates one; empty: Cognito makes one",
                ),
                Field::choice(
                    "message",
                    MESSAGE,
                    "suppress: hand the password over yourself",
                ),
                Field::choice("delivery", DELIVERY, "how an invitation is sent"),
            ];
            model.form = Some(Form::new(
                "New user",
                FormKind::CreateUser,
                pool_id.clone(),
                fields,
            ));
            ensure_detail(model, &pool_id)
        }
        (View::Users(_) | View::UserDetail { .. }, a) => user_action(model, a, pool_id),
        (
            View::Attributes {
                user: Some(username),
                ..
            },
            a,
        ) => attribute_action(model, a, pool_id, username),
        (View::Attributes { user: None, .. }, Action::New) => {
            let fields = vec![
                Field::text("name", "", "without custom: (added by Cognito)"),
                Field::choice("type", TYPES, "←/→ to choose"),
                Field::text("min", "", "length (String) or value (Number)"),
                Field::text("max", "", "length (String) or value (Number)"),
                Field::choice("mutable", YES_NO, "immutable: set at creation only"),
            ];
            model.form = Some(Form::new(
                "New custom attribute",
                FormKind::CustomAttribute,
                pool_id,
                fields,
            ));
            vec![]
        }
        (View::Attributes { user: None, .. }, Action::Edit | Action::Delete) => refuse(
            model,
            "values belong to users: open a user's attributes (a in the user's detail)",
        ),
        (View::Groups(_), a) => group_action(model, a, pool_id),
        (View::Members { group, .. }, Action::New) => {
            model.form = Some(Form::new(
                format!("Add a member to {group}"),
                FormKind::AddMember {
                    group: group.clone(),
                },
                pool_id,
                vec![Field::text("username", "", "")],
            ));
            vec![]
        }
        (View::Members { group, .. }, Action::Delete) => {
            let Some(username) = selected_user(model) else {
                return vec![];
            };
            confirm(
                model,
                pool_id,
                format!("Remove {username} from {group}?"),
                vec![format!(
                    "{username} keeps its account; only the membership goes."
                )],
                Confirmed::Write(Write::RemoveFromGroup { username, group }),
            );
            vec![]
        }
        (View::Triggers(_), a) => trigger_action(model, a, pool_id),
        _ => vec![],
    }
}

pub(in crate::core::update) fn confirm(
    model: &mut Model,
    pool_id: String,
    title: String,
    lines: Vec<String>,
    then: Confirmed,
) {
    model.confirm = Some(Confirm {
        title,
        lines,
        pool_id,
        then,
        typed: None,
        pending: None,
        error: None,
    });
}
