//! The admin half of `update`: forms, confirmations, marks and bulk runs, and what a write's
//! result does (flash, refresh; a failure leaves everything as it was, the error next to
//! it). Pure like the rest of `update`: the calls, the random passwords and the pacing are
//! effects the loop runs.

use super::*;
use crate::core::effect::{BulkOp, BulkRun, Write};
use crate::core::model::{Bulk, Confirm, Confirmed, Field, FieldKind, Form, FormKind};
use crate::core::msg::RequestId;
use crate::domain::policy::{AttributeEdit, check_attribute_edit, password_problems};
use crate::domain::secret::Secret;
use crate::domain::{
    DeliveryMedium, Group, MessageAction, MfaPreference, NewUser, PasswordPolicy, PoolDetail,
    SchemaAttribute, TriggerSlot, UserMfaPreferences,
};

const MESSAGE: &[&str] = &["suppress", "send"];
const DELIVERY: &[&str] = &["email", "sms", "email+sms"];
const PERMANENCE: &[&str] = &["temporary", "permanent"];
const MFA: &[&str] = &["unchanged", "off", "on", "preferred"];
const TYPES: &[&str] = &["String", "Number", "Boolean", "DateTime"];
const YES_NO: &[&str] = &["yes", "no"];

// ---------------------------------------------------------------- targets

/// The pool's detail, when it is loaded for this pool (schema, password policy).
fn pool_detail<'a>(model: &'a Model, pool_id: &str) -> Option<&'a PoolDetail> {
    model
        .detail
        .as_ref()
        .filter(|d| d.pool_id == pool_id)
        .and_then(|d| d.detail.data.as_ref())
}

/// Load the pool's detail when a form needs its schema or policy and it is not on hand.
fn ensure_detail(model: &mut Model, pool_id: &str) -> Vec<Effect> {
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
fn selected_user(model: &Model) -> Option<String> {
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
fn targets(model: &Model) -> Vec<String> {
    if let (View::Users(_), Some(u)) = (model.view(), &model.users)
        && !u.marked.is_empty()
    {
        return u.marked.iter().cloned().collect();
    }
    selected_user(model).into_iter().collect()
}

fn refuse(model: &mut Model, why: impl Into<String>) -> Vec<Effect> {
    model.flash(Level::Warn, why);
    vec![]
}

// ---------------------------------------------------------------- keys on a view

/// A write action (or marking) on the view on screen.
pub(super) fn act(model: &mut Model, action: Action) -> Vec<Effect> {
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

fn confirm(model: &mut Model, pool_id: String, title: String, lines: Vec<String>, then: Confirmed) {
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

fn user_action(model: &mut Model, action: Action, pool_id: String) -> Vec<Effect> {
    let users = targets(model);
    let Some(first) = users.first().cloned() else {
        return vec![];
    };
    let many = users.len() > 1;
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
fn group_names(model: &Model) -> String {
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

fn attribute_action(
    model: &mut Model,
    action: Action,
    pool_id: String,
    username: String,
) -> Vec<Effect> {
    let Some(schema) = pool_detail(model, &pool_id).map(|d| d.schema.clone()) else {
        return refuse(model, "the pool's schema is not loaded yet");
    };
    let attr = schema
        .get(model.attributes_selected)
        .map(|a| a.name.clone());
    let value = |name: &str| {
        model
            .user
            .as_ref()
            .and_then(|u| u.user.data.as_ref())
            .and_then(|u| u.attribute(name))
            .unwrap_or("")
            .to_string()
    };
    match (action, attr) {
        (Action::New, _) => {
            model.form = Some(Form::new(
                format!("Set an attribute of {username}"),
                FormKind::EditAttribute { username },
                pool_id,
                vec![
                    Field::text("name", "", "custom ones as custom:name"),
                    Field::text("value", "", ""),
                ],
            ));
            vec![]
        }
        (Action::Edit, Some(name)) => {
            if let Err(why) =
                check_attribute_edit(&schema, &name, AttributeEdit::Set(&value(&name)))
                && matches!(
                    why,
                    crate::domain::policy::AttributeRefusal::Immutable { .. }
                )
            {
                return refuse(model, format!("✗ {why}"));
            }
            let current = value(&name);
            model.form = Some(Form::new(
                format!("Set {name} of {username}"),
                FormKind::EditAttribute { username },
                pool_id,
                vec![
                    Field::text("name", name, ""),
                    Field::text("value", current, ""),
                ],
            ));
            if let Some(f) = &mut model.form {
                f.focus = 1;
            }
            vec![]
        }
        (Action::Delete, Some(name)) => {
            if let Err(why) = check_attribute_edit(&schema, &name, AttributeEdit::Delete) {
                return refuse(model, format!("✗ {why}"));
            }
            confirm(
                model,
                pool_id,
                format!("Delete {name} of {username}?"),
                vec![format!("Its value ({}) goes.", value(&name))],
                Confirmed::Write(Write::DeleteAttributes {
                    username,
                    names: vec![name],
                }),
            );
            vec![]
        }
        _ => vec![],
    }
}

fn group_action(model: &mut Model, action: Action, pool_id: String) -> Vec<Effect> {
    let selected = model
        .groups
        .as_ref()
        .and_then(|g| g.selected_row())
        .cloned();
    match (action, selected) {
        (Action::New, _) => {
            model.form = Some(Form::new(
                "New group",
                FormKind::CreateGroup,
                pool_id,
                group_fields(None),
            ));
            vec![]
        }
        (Action::Edit, Some(g)) => {
            let mut fields = group_fields(Some(&g));
            fields.remove(0);
            model.form = Some(Form::new(
                format!("Edit group {}", g.name),
                FormKind::EditGroup { name: g.name },
                pool_id,
                fields,
            ));
            vec![]
        }
        (Action::Delete, Some(g)) => {
            model.confirm = Some(Confirm {
                title: format!("Delete group {}?", g.name),
                lines: vec![
                    "The group goes; its members stay users, without it.".into(),
                    format!("Type {} and press enter to delete it.", g.name),
                ],
                pool_id,
                then: Confirmed::Write(Write::DeleteGroup {
                    name: g.name.clone(),
                }),
                typed: Some((g.name, String::new())),
                pending: None,
                error: None,
            });
            vec![]
        }
        _ => vec![],
    }
}

fn group_fields(g: Option<&Group>) -> Vec<Field> {
    vec![
        Field::text("name", g.map(|g| g.name.clone()).unwrap_or_default(), ""),
        Field::text(
            "description",
            g.and_then(|g| g.description.clone()).unwrap_or_default(),
            "",
        ),
        Field::text(
            "precedence",
            g.and_then(|g| g.precedence)
                .map(|p| p.to_string())
                .unwrap_or_default(),
            "lower wins; empty: none",
        ),
        Field::text(
            "IAM role ARN",
            g.and_then(|g| g.role_arn.clone()).unwrap_or_default(),
            "empty: none",
        ),
    ]
}

fn trigger_action(model: &mut Model, action: Action, pool_id: String) -> Vec<Effect> {
    let Some(t) = TRIGGERS.get(model.triggers_selected) else {
        return vec![];
    };
    let Some(slot) = TriggerSlot::from_name(t.slot) else {
        return refuse(model, format!("{} cannot be set from here", t.slot));
    };
    let current = trigger_arn(model, t.slot);
    match action {
        Action::SetTrigger => {
            model.form = Some(Form::new(
                format!("Set trigger {}", t.slot),
                FormKind::SetTrigger { slot },
                pool_id,
                vec![Field::text(
                    "function ARN",
                    current.unwrap_or_default(),
                    "empty clears the slot",
                )],
            ));
            vec![]
        }
        Action::Delete => {
            let Some(arn) = current else {
                return refuse(model, format!("{} is already empty", t.slot));
            };
            confirm(
                model,
                pool_id,
                format!("Clear trigger {}?", t.slot),
                vec![
                    format!("{arn} stops being called."),
                    "Every other pool setting is sent back unchanged.".into(),
                ],
                Confirmed::Write(Write::SetTrigger { slot, arn: None }),
            );
            vec![]
        }
        _ => vec![],
    }
}

// ---------------------------------------------------------------- starting writes

/// Start one write now; its result flashes and refreshes the view.
fn write_now(model: &mut Model, pool_id: String, write: Write) -> Vec<Effect> {
    let id = model.fresh_id();
    model.writing = Some((id, write.clone()));
    vec![Effect::Call(id, Request::Write { pool_id, write })]
}

fn start_bulk(
    model: &mut Model,
    pool_id: String,
    op: BulkOp,
    usernames: Vec<String>,
) -> Vec<Effect> {
    let id = model.fresh_id();
    model.bulk = Some(Bulk {
        id,
        op: op.clone(),
        results: vec![None; usernames.len()],
        items: usernames.clone(),
        finished: false,
        shown: true,
        scroll: 0,
    });
    if let Some(u) = &mut model.users {
        u.marked.clear();
    }
    vec![Effect::Bulk(
        id,
        BulkRun {
            pool_id,
            op,
            usernames,
        },
    )]
}

// ---------------------------------------------------------------- forms

pub(super) fn form_action(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(form) = &mut model.form else {
        return vec![];
    };
    match action {
        Action::Back => {
            model.form = None;
            vec![]
        }
        Action::NextField => {
            form.focus = (form.focus + 1) % form.fields.len().max(1);
            vec![]
        }
        Action::PrevField => {
            let n = form.fields.len().max(1);
            form.focus = (form.focus + n - 1) % n;
            vec![]
        }
        Action::ToggleMask => {
            for f in &mut form.fields {
                if let FieldKind::Secret { shown } = &mut f.kind {
                    *shown = !*shown;
                }
            }
            vec![]
        }
        Action::Generate => {
            if !form
                .fields
                .iter()
                .any(|f| matches!(f.kind, FieldKind::Secret { .. }))
            {
                return vec![];
            }
            let pool_id = form.pool_id.clone();
            let policy = pool_detail(model, &pool_id)
                .and_then(|d| d.password_policy.clone())
                .unwrap_or_default();
            let id = model.fresh_id();
            if let Some(f) = &mut model.form {
                f.generating = Some(id);
            }
            vec![Effect::Call(id, Request::GeneratePassword { policy })]
        }
        Action::Submit => submit_form(model),
        _ => vec![],
    }
}

/// A key typed into the focused field.
pub(super) fn type_form(model: &mut Model, key: &KeyEvent) {
    let Some(form) = &mut model.form else {
        return;
    };
    if form.pending.is_some() {
        return;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let Some(field) = form.focused() else {
        return;
    };
    match (&field.kind, key.code) {
        (FieldKind::Choice(_), KeyCode::Left) => field.cycle(false),
        (FieldKind::Choice(_), KeyCode::Right | KeyCode::Char(' ')) => field.cycle(true),
        (FieldKind::Choice(_), _) => return,
        (_, KeyCode::Char('u')) if ctrl => field.value.clear(),
        (_, KeyCode::Char(c)) if !ctrl => field.value.push(c),
        (_, KeyCode::Backspace) => {
            field.value.pop();
        }
        _ => return,
    }
    form.error = None;
}

fn policy_problems(model: &Model, pool_id: &str, password: &str) -> Option<String> {
    let policy: PasswordPolicy = pool_detail(model, pool_id)?.password_policy.clone()?;
    let problems = password_problems(&policy, password);
    (!problems.is_empty()).then(|| problems.join("; "))
}

/// `name=Ada, custom:role=student` as attribute pairs.
fn parse_pairs(text: &str) -> Result<Vec<(String, String)>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                Ok((k.trim().to_string(), v.trim().to_string()))
            }
            _ => Err(format!("{p:?} is not name=value")),
        })
        .collect()
}

fn mfa(value: &str) -> Option<MfaPreference> {
    match value {
        "off" => Some(MfaPreference {
            enabled: false,
            preferred: false,
        }),
        "on" => Some(MfaPreference {
            enabled: true,
            preferred: false,
        }),
        "preferred" => Some(MfaPreference {
            enabled: true,
            preferred: true,
        }),
        _ => None,
    }
}

/// What the form asks for, or why not (no call is made then).
fn form_write(model: &Model, form: &Form) -> Result<Write, String> {
    let v = |label: &str| form.value(label).to_string();
    let need = |label: &str| {
        let x = v(label);
        if x.is_empty() {
            Err(format!("{label} is required"))
        } else {
            Ok(x)
        }
    };
    let opt = |label: &str| Some(v(label)).filter(|x| !x.is_empty());
    let number = |label: &str| -> Result<Option<i32>, String> {
        opt(label)
            .map(|x| {
                x.parse::<i32>()
                    .map_err(|_| format!("{label} must be a whole number"))
            })
            .transpose()
    };
    Ok(match &form.kind {
        FormKind::CreateUser => {
            let username = need("username")?;
            let mut attributes = vec![];
            for name in ["email", "phone_number"] {
                if let Some(x) = opt(name) {
                    attributes.push((name.to_string(), x));
                }
            }
            attributes.extend(parse_pairs(&v("other attributes"))?);
            let password = v("temporary password");
            if !password.is_empty()
                && let Some(p) = policy_problems(model, &form.pool_id, &password)
            {
                return Err(format!("the password does not fit the pool's policy: {p}"));
            }
            let message_action = (v("message") == "suppress").then_some(MessageAction::Suppress);
            let delivery = match v("delivery").as_str() {
                "sms" => vec![DeliveryMedium::Sms],
                "email+sms" => vec![DeliveryMedium::Email, DeliveryMedium::Sms],
                _ => vec![DeliveryMedium::Email],
            };
            if message_action.is_none() {
                if delivery.contains(&DeliveryMedium::Email) && opt("email").is_none() {
                    return Err("sending by email needs an email".into());
                }
                if delivery.contains(&DeliveryMedium::Sms) && opt("phone_number").is_none() {
                    return Err("sending by SMS needs a phone_number".into());
                }
            }
            Write::CreateUser(NewUser {
                username,
                attributes,
                temporary_password: (!password.is_empty()).then(|| Secret::new(password)),
                message_action,
                delivery,
            })
        }
        FormKind::SetPassword { username } => {
            let password = need("password")?;
            if let Some(p) = policy_problems(model, &form.pool_id, &password) {
                return Err(format!("the password does not fit the pool's policy: {p}"));
            }
            Write::SetPassword {
                username: username.clone(),
                password: Secret::new(password),
                permanent: v("kind") == "permanent",
            }
        }
        FormKind::EditAttribute { username } => {
            let name = need("name")?;
            let value = v("value");
            if let Some(d) = pool_detail(model, &form.pool_id) {
                check_attribute_edit(&d.schema, &name, AttributeEdit::Set(&value))
                    .map_err(|e| e.to_string())?;
            }
            Write::UpdateAttributes {
                username: username.clone(),
                attributes: vec![(name, value)],
            }
        }
        FormKind::AddToGroup { usernames } => Write::AddToGroup {
            username: usernames.first().cloned().unwrap_or_default(),
            group: need("group")?,
        },
        FormKind::RemoveFromGroup { username } => Write::RemoveFromGroup {
            username: username.clone(),
            group: need("group")?,
        },
        FormKind::Mfa { username } => {
            let prefs = UserMfaPreferences {
                software_token: mfa(&v("authenticator app")),
                sms: mfa(&v("sms")),
                email: mfa(&v("email")),
            };
            let preferred = [prefs.software_token, prefs.sms, prefs.email]
                .iter()
                .filter(|p| p.is_some_and(|p| p.preferred))
                .count();
            if preferred > 1 {
                return Err("only one method can be preferred".into());
            }
            if prefs == UserMfaPreferences::default() {
                return Err("nothing to change: every method is unchanged".into());
            }
            Write::SetMfa {
                username: username.clone(),
                prefs,
            }
        }
        FormKind::CreateGroup | FormKind::EditGroup { .. } => {
            let name = match &form.kind {
                FormKind::EditGroup { name } => name.clone(),
                _ => need("name")?,
            };
            let group = Group {
                name,
                precedence: number("precedence")?,
                description: opt("description"),
                role_arn: opt("IAM role ARN"),
                created: None,
            };
            if let Some(arn) = &group.role_arn
                && !arn.starts_with("arn:")
            {
                return Err("the IAM role ARN starts with arn:".into());
            }
            if matches!(form.kind, FormKind::CreateGroup) {
                Write::CreateGroup(group)
            } else {
                Write::UpdateGroup(group)
            }
        }
        FormKind::AddMember { group } => Write::AddToGroup {
            username: need("username")?,
            group: group.clone(),
        },
        FormKind::CustomAttribute => {
            let name = need("name")?;
            let name = name.strip_prefix("custom:").unwrap_or(&name).to_string();
            let data_type = v("type");
            let (min, max) = (number("min")?, number("max")?);
            let s = |n: Option<i32>| n.map(|n| n.to_string());
            let (lengths, values) = match data_type.as_str() {
                "String" => ((s(min), s(max)), (None, None)),
                "Number" => ((None, None), (s(min), s(max))),
                _ if min.is_some() || max.is_some() => {
                    return Err(format!("{data_type} attributes take no min or max"));
                }
                _ => ((None, None), (None, None)),
            };
            Write::AddCustomAttribute(SchemaAttribute {
                name,
                data_type,
                mutable: v("mutable") == "yes",
                required: false,
                developer_only: false,
                min_length: lengths.0,
                max_length: lengths.1,
                min_value: values.0,
                max_value: values.1,
            })
        }
        FormKind::SetTrigger { slot } => {
            let arn = opt("function ARN");
            if let Some(a) = &arn
                && !a.starts_with("arn:")
            {
                return Err("a function ARN starts with arn: (empty clears the slot)".into());
            }
            Write::SetTrigger { slot: *slot, arn }
        }
    })
}

fn submit_form(model: &mut Model) -> Vec<Effect> {
    let Some(form) = model.form.clone() else {
        return vec![];
    };
    if form.pending.is_some() {
        return vec![];
    }
    let write = match form_write(model, &form) {
        Ok(w) => w,
        Err(why) => {
            if let Some(f) = &mut model.form {
                f.error = Some(why);
            }
            return vec![];
        }
    };
    // Adding several marked users to a group is a bulk run.
    if let (FormKind::AddToGroup { usernames }, Write::AddToGroup { group, .. }) =
        (&form.kind, &write)
        && usernames.len() > 1
    {
        model.form = None;
        return start_bulk(
            model,
            form.pool_id,
            BulkOp::AddToGroup(group.clone()),
            usernames.clone(),
        );
    }
    let fx = write_now(model, form.pool_id, write);
    if let (Some(f), Some((id, _))) = (&mut model.form, &model.writing) {
        f.pending = Some(*id);
        f.error = None;
    }
    fx
}

// ---------------------------------------------------------------- confirmations

pub(super) fn confirm_action(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(c) = model.confirm.clone() else {
        return vec![];
    };
    match action {
        Action::Back => {
            model.confirm = None;
            vec![]
        }
        Action::Yes | Action::Submit if c.pending.is_none() => {
            if let Some((expected, typed)) = &c.typed
                && typed != expected
            {
                if let Some(c) = &mut model.confirm {
                    c.error = Some(format!("type {expected} exactly to confirm"));
                }
                return vec![];
            }
            match c.then {
                Confirmed::Write(write) => {
                    let fx = write_now(model, c.pool_id, write);
                    if let (Some(c), Some((id, _))) = (&mut model.confirm, &model.writing) {
                        c.pending = Some(*id);
                        c.error = None;
                    }
                    fx
                }
                Confirmed::Bulk { op, usernames } => {
                    model.confirm = None;
                    start_bulk(model, c.pool_id, op, usernames)
                }
            }
        }
        _ => vec![],
    }
}

pub(super) fn type_confirm(model: &mut Model, key: &KeyEvent) {
    let Some(c) = &mut model.confirm else {
        return;
    };
    let Some((_, typed)) = &mut c.typed else {
        return;
    };
    match key.code {
        KeyCode::Char(ch) if !key.modifiers.contains(KeyModifiers::CONTROL) => typed.push(ch),
        KeyCode::Backspace => {
            typed.pop();
        }
        _ => return,
    }
    c.error = None;
}

// ---------------------------------------------------------------- the bulk panel

pub(super) fn bulk_action(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(b) = &mut model.bulk else {
        return vec![];
    };
    match action {
        Action::Back => b.shown = false,
        Action::Up => b.scroll = b.scroll.saturating_sub(1),
        Action::Down => b.scroll = b.scroll.saturating_add(1),
        Action::Top => b.scroll = 0,
        Action::Bottom => b.scroll = (b.items.len() as u16).saturating_sub(1),
        Action::PageUp => b.scroll = b.scroll.saturating_sub(PAGE as u16),
        Action::PageDown => b.scroll = b.scroll.saturating_add(PAGE as u16),
        _ => {}
    }
    vec![]
}

// ---------------------------------------------------------------- results

/// Reload the view after a write, the cursor where it was (clamped when the rows land).
fn refresh(model: &mut Model) -> Vec<Effect> {
    let users = model.users.as_ref().map(|u| u.pane.selected);
    let groups = model.groups.as_ref().map(|g| g.selected);
    let mut fx = load_view(model);
    // The attributes view keeps a loaded user: reload it, its values changed.
    if let View::Attributes {
        pool,
        user: Some(username),
    } = model.view().clone()
    {
        fx.extend(load_user(model, pool.id, username));
    }
    if let (Some(u), Some(s)) = (&mut model.users, users) {
        u.pane.selected = s;
    }
    if let (Some(g), Some(s)) = (&mut model.groups, groups) {
        g.selected = s;
    }
    fx
}

pub(super) fn on_written(
    model: &mut Model,
    id: RequestId,
    result: crate::cognito::Result<()>,
    at: i64,
) -> Vec<Effect> {
    let Some((_, write)) = model.writing.clone().filter(|(w, _)| *w == id) else {
        return vec![];
    };
    model.writing = None;
    match result {
        Ok(()) => {
            if model.form.as_ref().is_some_and(|f| f.pending == Some(id)) {
                model.form = None;
            }
            if model
                .confirm
                .as_ref()
                .is_some_and(|c| c.pending == Some(id))
            {
                model.confirm = None;
            }
            model.flash(Level::Info, format!("✓ {}", write.done()));
            // What was deleted is no longer on screen.
            let gone = match (&write, model.view()) {
                (Write::DeleteUser { username }, View::UserDetail { username: u, .. }) => {
                    u == username
                }
                (Write::DeleteGroup { name }, View::Members { group, .. }) => group == name,
                _ => false,
            };
            if gone && model.stack.len() > 1 {
                model.stack.pop();
                prune(model);
            }
            let mut fx = refresh(model);
            // A new custom attribute or trigger changes the pool's detail under the view.
            if matches!(
                write,
                Write::AddCustomAttribute(_) | Write::SetTrigger { .. }
            ) && !matches!(
                model.view(),
                View::Attributes { .. } | View::Triggers(_) | View::PoolDetail { .. }
            ) && let Some(d) = model.detail.as_ref().map(|d| d.pool_id.clone())
            {
                fx.extend(load_detail(model, d));
            }
            fx
        }
        Err(err) => {
            record_error(model, write.operation(), &err, at);
            let why = format!("✗ {}", err.headline());
            if let Some(f) = model.form.as_mut().filter(|f| f.pending == Some(id)) {
                f.pending = None;
                f.error = Some(why);
            } else if let Some(c) = model.confirm.as_mut().filter(|c| c.pending == Some(id)) {
                c.pending = None;
                c.error = Some(why);
            }
            vec![]
        }
    }
}

pub(super) fn on_generated(model: &mut Model, id: RequestId, password: Secret) -> Vec<Effect> {
    let Some(form) = model.form.as_mut().filter(|f| f.generating == Some(id)) else {
        return vec![];
    };
    form.generating = None;
    if let Some(field) = form
        .fields
        .iter_mut()
        .find(|f| matches!(f.kind, FieldKind::Secret { .. }))
    {
        field.value = password.expose().to_string();
        // Shown, so the operator can hand it over.
        field.kind = FieldKind::Secret { shown: true };
    }
    form.error = None;
    vec![]
}

pub(super) fn on_bulk_item(
    model: &mut Model,
    id: RequestId,
    index: usize,
    result: crate::cognito::Result<()>,
    at: i64,
) -> Vec<Effect> {
    let Some(op) = model
        .bulk
        .as_ref()
        .filter(|b| b.id == id)
        .map(|b| b.op.clone())
    else {
        return vec![];
    };
    let outcome = match result {
        Ok(()) => Ok(()),
        Err(err) => {
            let operation = op.write("").operation();
            record_error(model, operation, &err, at);
            Err(err.headline())
        }
    };
    if let Some(slot) = model.bulk.as_mut().and_then(|b| b.results.get_mut(index)) {
        *slot = Some(outcome);
    }
    vec![]
}

pub(super) fn on_bulk_done(model: &mut Model, id: RequestId) -> Vec<Effect> {
    let Some(b) = model.bulk.as_mut().filter(|b| b.id == id) else {
        return vec![];
    };
    b.finished = true;
    let (ok, failed) = (b.done() - b.failed(), b.failed());
    let text = format!("bulk {}: {ok} done, {failed} failed", b.op.verb());
    model.flash(if failed > 0 { Level::Warn } else { Level::Info }, text);
    if matches!(model.view(), View::Users(_) | View::Members { .. }) {
        refresh(model)
    } else {
        vec![]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::input::keymap::Key;
    use crate::core::model::{Context, DetailState, UsersState};
    use crate::domain::{ErrorKind, User};

    const POOL: &str = "us-east-1_Pool";

    fn pref() -> PoolRef {
        PoolRef {
            id: POOL.into(),
            name: "workshop".into(),
        }
    }

    fn user(name: &str) -> User {
        User {
            username: name.into(),
            status: Some("CONFIRMED".into()),
            enabled: true,
            attributes: vec![("email".into(), format!("{name}@example.com"))],
            ..Default::default()
        }
    }

    fn policy() -> PasswordPolicy {
        PasswordPolicy {
            minimum_length: Some(8),
            require_uppercase: true,
            require_lowercase: true,
            require_numbers: true,
            require_symbols: false,
            temporary_password_validity_days: 7,
            password_history_size: None,
        }
    }

    fn schema() -> Vec<SchemaAttribute> {
        let a = |name: &str, mutable: bool, required: bool| SchemaAttribute {
            name: name.into(),
            data_type: "String".into(),
            mutable,
            required,
            developer_only: false,
            min_length: Some("0".into()),
            max_length: Some("32".into()),
            min_value: None,
            max_value: None,
        };
        vec![
            a("sub", false, true),
            a("email", true, true),
            a("name", true, false),
        ]
    }

    fn detail() -> PoolDetail {
        PoolDetail {
            id: POOL.into(),
            name: "workshop".into(),
            password_policy: Some(policy()),
            schema: schema(),
            ..Default::default()
        }
    }

    /// The users view with alice, bao, carmen loaded (and the pool's detail on hand).
    fn in_users(read_only: bool) -> (Model, Keymap) {
        let mut m = Model::new(Context {
            read_only,
            ..Default::default()
        });
        m.stack.push(View::Users(pref()));
        let mut pane = ListPane::new(POOL);
        pane.list.start(1);
        pane.page(vec![user("alice"), user("bao"), user("carmen")], None);
        m.users = Some(UsersState {
            pane,
            server_filter: None,
            marked: Default::default(),
        });
        let mut d = Loadable::default();
        d.loaded(detail());
        m.detail = Some(DetailState {
            pool_id: POOL.into(),
            detail: d,
            scroll: 0,
        });
        m.next_id = 100;
        (m, Keymap::default().with_read_only(read_only))
    }

    fn press(m: &mut Model, km: &Keymap, keys: &[&str]) -> Vec<Effect> {
        let mut fx = vec![];
        for k in keys {
            let k = Key::parse(k).unwrap();
            fx.extend(update(m, km, Msg::Key(KeyEvent::new(k.code, k.mods))));
        }
        fx
    }

    fn type_in(m: &mut Model, km: &Keymap, text: &str) {
        for c in text.chars() {
            update(
                m,
                km,
                Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            );
        }
    }

    fn answer(m: &mut Model, km: &Keymap, id: u64, r: Response) -> Vec<Effect> {
        update(m, km, Msg::Api(id, r, 1_795_000_000))
    }

    fn written(fx: &[Effect]) -> (u64, Write) {
        match fx {
            [Effect::Call(id, Request::Write { pool_id, write })] => {
                assert_eq!(pool_id, POOL);
                (*id, write.clone())
            }
            other => panic!("expected one write, got {other:?}"),
        }
    }

    fn denied() -> CognitoError {
        CognitoError {
            kind: ErrorKind::AccessDenied,
            code: Some("NotAuthorizedException".into()),
            message: "no".into(),
            request_id: None,
        }
    }

    fn refreshes_users(fx: &[Effect]) -> bool {
        fx.iter()
            .any(|e| matches!(e, Effect::Call(_, Request::ListUsers { .. })))
    }

    #[test]
    fn create_user_with_a_generated_temporary_password() {
        let (mut m, km) = in_users(false);
        assert!(
            press(&mut m, &km, &["n"]).is_empty(),
            "the policy is on hand"
        );
        assert_eq!(m.mode(), Mode::PasswordForm);
        type_in(&mut m, &km, "zoe");
        press(&mut m, &km, &["tab"]);
        type_in(&mut m, &km, "zoe@example.com");
        for _ in 0..3 {
            press(&mut m, &km, &["tab"]);
        }
        let fx = press(&mut m, &km, &["ctrl-g"]);
        let [Effect::Call(gid, Request::GeneratePassword { policy: p })] = &fx[..] else {
            panic!("{fx:?}")
        };
        assert_eq!(p, &policy());
        answer(
            &mut m,
            &km,
            *gid,
            Response::Generated(Secret::new("Abcdefgh1234!xyz")),
        );
        let f = m.form.as_ref().unwrap();
        assert_eq!(f.value("temporary password"), "Abcdefgh1234!xyz");
        assert_eq!(f.fields[4].kind, FieldKind::Secret { shown: true });

        let fx = press(&mut m, &km, &["enter"]);
        let (id, w) = written(&fx);
        assert_eq!(
            w,
            Write::CreateUser(NewUser {
                username: "zoe".into(),
                attributes: vec![("email".into(), "zoe@example.com".into())],
                temporary_password: Some(Secret::new("Abcdefgh1234!xyz")),
                message_action: Some(MessageAction::Suppress),
                delivery: vec![DeliveryMedium::Email],
            })
        );
        assert_eq!(m.form.as_ref().unwrap().pending, Some(id));
        let fx = answer(&mut m, &km, id, Response::Written(Ok(())));
        assert!(m.form.is_none());
        assert_eq!(m.flash.as_ref().unwrap().text, "✓ created user zoe");
        assert!(refreshes_users(&fx));
    }

    #[test]
    fn a_password_off_policy_is_refused_before_any_call_and_a_failure_keeps_the_form() {
        let (mut m, km) = in_users(false);
        press(&mut m, &km, &["P"]);
        type_in(&mut m, &km, "short");
        assert!(press(&mut m, &km, &["enter"]).is_empty());
        let err = m.form.as_ref().unwrap().error.clone().unwrap();
        assert!(err.contains("policy"), "{err}");
        press(&mut m, &km, &["ctrl-u"]);
        type_in(&mut m, &km, "Longer1Password");
        press(&mut m, &km, &["tab", "right"]);
        let (id, w) = written(&press(&mut m, &km, &["enter"]));
        assert_eq!(
            w,
            Write::SetPassword {
                username: "alice".into(),
                password: Secret::new("Longer1Password"),
                permanent: true,
            }
        );
        let fx = answer(&mut m, &km, id, Response::Written(Err(denied())));
        assert!(fx.is_empty(), "nothing refreshes after a failure");
        let f = m.form.as_ref().expect("the form stays, as typed");
        assert!(f.error.as_ref().unwrap().contains("NotAuthorized"));
        assert_eq!(f.pending, None);
        assert_eq!(m.errors.len(), 1);
        assert_eq!(m.errors[0].operation, "AdminSetUserPassword");
    }

    #[test]
    fn delete_asks_first_n_cancels_y_deletes_and_a_failure_stays_in_the_dialog() {
        let (mut m, km) = in_users(false);
        assert!(press(&mut m, &km, &["D"]).is_empty());
        assert_eq!(m.mode(), Mode::Confirm);
        assert_eq!(m.confirm.as_ref().unwrap().title, "Delete alice?");
        assert!(press(&mut m, &km, &["n"]).is_empty());
        assert!(m.confirm.is_none());

        press(&mut m, &km, &["j", "ctrl-d"]);
        let (id, w) = written(&press(&mut m, &km, &["y"]));
        assert_eq!(
            w,
            Write::DeleteUser {
                username: "bao".into()
            }
        );
        answer(&mut m, &km, id, Response::Written(Err(denied())));
        let c = m.confirm.as_ref().unwrap();
        assert!(c.error.as_ref().unwrap().contains("NotAuthorized"));
        assert_eq!(
            m.users.as_ref().unwrap().pane.rows().len(),
            3,
            "rows untouched"
        );

        let (id, _) = written(&press(&mut m, &km, &["y"]));
        let fx = answer(&mut m, &km, id, Response::Written(Ok(())));
        assert!(m.confirm.is_none());
        assert_eq!(m.flash.as_ref().unwrap().text, "✓ deleted user bao");
        assert!(refreshes_users(&fx));
        assert_eq!(m.users.as_ref().unwrap().pane.selected, 1, "cursor kept");
    }

    #[test]
    fn marked_users_are_disabled_in_a_paced_bulk_run_where_a_failure_stops_nothing() {
        let (mut m, km) = in_users(false);
        press(&mut m, &km, &["space", "space"]);
        let marked: Vec<&String> = m.users.as_ref().unwrap().marked.iter().collect();
        assert_eq!(marked, ["alice", "bao"]);
        press(&mut m, &km, &["X"]);
        assert_eq!(m.confirm.as_ref().unwrap().title, "Disable 2 marked users?");
        let fx = press(&mut m, &km, &["y"]);
        let [Effect::Bulk(id, run)] = &fx[..] else {
            panic!("{fx:?}")
        };
        let id = *id;
        assert_eq!(
            run,
            &BulkRun {
                pool_id: POOL.into(),
                op: BulkOp::Disable,
                usernames: vec!["alice".into(), "bao".into()],
            }
        );
        assert!(m.users.as_ref().unwrap().marked.is_empty());
        assert_eq!(m.mode(), Mode::Bulk);
        answer(
            &mut m,
            &km,
            id,
            Response::BulkItem {
                index: 0,
                result: Err(denied()),
            },
        );
        answer(
            &mut m,
            &km,
            id,
            Response::BulkItem {
                index: 1,
                result: Ok(()),
            },
        );
        let b = m.bulk.as_ref().unwrap();
        assert_eq!((b.done(), b.failed()), (2, 1));
        assert!(matches!(&b.results[0], Some(Err(e)) if e.contains("NotAuthorized")));
        assert_eq!(b.results[1], Some(Ok(())));
        assert_eq!(m.errors[0].operation, "AdminDisableUser");
        let fx = answer(&mut m, &km, id, Response::BulkDone);
        assert!(m.bulk.as_ref().unwrap().finished);
        assert_eq!(
            m.flash.as_ref().unwrap().text,
            "bulk disable: 1 done, 1 failed"
        );
        assert!(refreshes_users(&fx));
        // esc hides the panel; B shows it again.
        press(&mut m, &km, &["esc"]);
        assert_eq!(m.mode(), Mode::Users);
        press(&mut m, &km, &["B"]);
        assert_eq!(m.mode(), Mode::Bulk);
    }

    #[test]
    fn mark_all_takes_the_filtered_rows_and_toggles_off() {
        let (mut m, km) = in_users(false);
        m.users.as_mut().unwrap().pane.set_filter("a");
        press(&mut m, &km, &["*"]);
        let marked: Vec<&String> = m.users.as_ref().unwrap().marked.iter().collect();
        assert_eq!(marked, ["alice", "bao", "carmen"]);
        m.users.as_mut().unwrap().pane.set_filter("bao");
        press(&mut m, &km, &["*"]);
        assert!(m.users.as_ref().unwrap().marked.is_empty());
    }

    #[test]
    fn enable_and_confirm_sign_up_go_at_once_and_marked_enable_is_a_bulk_run() {
        let (mut m, km) = in_users(false);
        let (id, w) = written(&press(&mut m, &km, &["E"]));
        assert_eq!(
            w,
            Write::EnableUser {
                username: "alice".into()
            }
        );
        assert!(refreshes_users(&answer(
            &mut m,
            &km,
            id,
            Response::Written(Ok(()))
        )));
        let (_, w) = written(&press(&mut m, &km, &["C"]));
        assert_eq!(
            w,
            Write::ConfirmSignUp {
                username: "alice".into()
            }
        );
        press(&mut m, &km, &["space", "space"]);
        let fx = press(&mut m, &km, &["E"]);
        assert!(matches!(&fx[..], [Effect::Bulk(_, r)] if r.op == BulkOp::Enable));
    }

    #[test]
    fn reset_password_and_sign_out_ask_first() {
        let (mut m, km) = in_users(false);
        press(&mut m, &km, &["R"]);
        let (_, w) = written(&press(&mut m, &km, &["y"]));
        assert_eq!(
            w,
            Write::ResetPassword {
                username: "alice".into()
            }
        );
        m.writing = None;
        m.confirm = None;
        press(&mut m, &km, &["S"]);
        assert_eq!(m.mode(), Mode::Confirm);
        let (_, w) = written(&press(&mut m, &km, &["y"]));
        assert_eq!(
            w,
            Write::GlobalSignOut {
                username: "alice".into()
            }
        );
    }

    #[test]
    fn add_to_group_one_user_is_a_write_marked_users_a_bulk_run() {
        let (mut m, km) = in_users(false);
        press(&mut m, &km, &["+"]);
        assert!(press(&mut m, &km, &["enter"]).is_empty());
        assert_eq!(
            m.form.as_ref().unwrap().error.as_deref(),
            Some("group is required")
        );
        type_in(&mut m, &km, "student");
        let (_, w) = written(&press(&mut m, &km, &["enter"]));
        assert_eq!(
            w,
            Write::AddToGroup {
                username: "alice".into(),
                group: "student".into()
            }
        );
        m.form = None;
        press(&mut m, &km, &["space", "space", "+"]);
        type_in(&mut m, &km, "admin");
        let fx = press(&mut m, &km, &["enter"]);
        assert!(
            matches!(&fx[..], [Effect::Bulk(_, r)] if r.op == BulkOp::AddToGroup("admin".into()) && r.usernames.len() == 2)
        );
        assert!(m.form.is_none());
    }

    #[test]
    fn mfa_preference_allows_one_preferred_method() {
        let (mut m, km) = in_users(false);
        press(&mut m, &km, &["M"]);
        assert!(press(&mut m, &km, &["enter"]).is_empty());
        assert!(
            m.form
                .as_ref()
                .unwrap()
                .error
                .as_ref()
                .unwrap()
                .contains("nothing")
        );
        press(&mut m, &km, &["left", "tab", "left"]);
        assert!(press(&mut m, &km, &["enter"]).is_empty());
        assert!(
            m.form
                .as_ref()
                .unwrap()
                .error
                .as_ref()
                .unwrap()
                .contains("one method")
        );
        press(&mut m, &km, &["left"]);
        let (_, w) = written(&press(&mut m, &km, &["enter"]));
        let on = |preferred| MfaPreference {
            enabled: true,
            preferred,
        };
        assert_eq!(
            w,
            Write::SetMfa {
                username: "alice".into(),
                prefs: UserMfaPreferences {
                    software_token: Some(on(true)),
                    sms: Some(on(false)),
                    email: None,
                }
            }
        );
    }

    #[test]
    fn attribute_edits_are_checked_against_the_schema_before_any_call() {
        let (mut m, km) = in_users(false);
        m.stack.push(View::Attributes {
            pool: pref(),
            user: Some("alice".into()),
        });
        // sub: immutable — refused with the reason, no form.
        assert!(press(&mut m, &km, &["e"]).is_empty());
        assert!(m.form.is_none());
        assert!(m.flash.as_ref().unwrap().text.contains("sub is immutable"));
        // email is required: its value cannot be deleted.
        press(&mut m, &km, &["j", "D"]);
        assert!(m.confirm.is_none());
        assert!(m.flash.as_ref().unwrap().text.contains("required"));
        // name: too long is refused in the form; then set; deleting asks first.
        press(&mut m, &km, &["j", "e"]);
        type_in(&mut m, &km, &"x".repeat(40));
        assert!(press(&mut m, &km, &["enter"]).is_empty());
        assert!(
            m.form
                .as_ref()
                .unwrap()
                .error
                .as_ref()
                .unwrap()
                .contains("at most 32")
        );
        press(&mut m, &km, &["ctrl-u"]);
        type_in(&mut m, &km, "Alice N.");
        let (id, w) = written(&press(&mut m, &km, &["enter"]));
        assert_eq!(
            w,
            Write::UpdateAttributes {
                username: "alice".into(),
                attributes: vec![("name".into(), "Alice N.".into())]
            }
        );
        let fx = answer(&mut m, &km, id, Response::Written(Ok(())));
        assert!(
            fx.iter()
                .any(|e| matches!(e, Effect::Call(_, Request::AdminGetUser { .. }))),
            "the user's values are reloaded: {fx:?}"
        );
        press(&mut m, &km, &["D"]);
        let (_, w) = written(&press(&mut m, &km, &["y"]));
        assert_eq!(
            w,
            Write::DeleteAttributes {
                username: "alice".into(),
                names: vec!["name".into()]
            }
        );
    }

    #[test]
    fn a_custom_attribute_is_added_from_the_pool_schema() {
        let (mut m, km) = in_users(false);
        m.stack.push(View::Attributes {
            pool: pref(),
            user: None,
        });
        press(&mut m, &km, &["n"]);
        type_in(&mut m, &km, "custom:team");
        press(&mut m, &km, &["tab", "tab"]);
        type_in(&mut m, &km, "1");
        press(&mut m, &km, &["tab"]);
        type_in(&mut m, &km, "20");
        press(&mut m, &km, &["tab", "right"]);
        let (_, w) = written(&press(&mut m, &km, &["enter"]));
        let Write::AddCustomAttribute(a) = w else {
            panic!()
        };
        assert_eq!(
            (a.name.as_str(), a.data_type.as_str(), a.mutable),
            ("team", "String", false)
        );
        assert_eq!(
            (a.min_length.as_deref(), a.max_length.as_deref()),
            (Some("1"), Some("20"))
        );
    }

    fn in_groups() -> (Model, Keymap) {
        let (mut m, km) = in_users(false);
        m.stack = vec![View::Pools, View::Groups(pref())];
        let mut pane = ListPane::new(POOL);
        pane.list.start(1);
        pane.page(
            vec![Group {
                name: "student".into(),
                precedence: Some(100),
                description: Some("Students".into()),
                role_arn: None,
                created: None,
            }],
            None,
        );
        m.groups = Some(pane);
        (m, km)
    }

    #[test]
    fn groups_are_created_edited_and_deleted_only_after_typing_the_name() {
        let (mut m, km) = in_groups();
        press(&mut m, &km, &["n"]);
        type_in(&mut m, &km, "ta");
        press(&mut m, &km, &["tab", "tab"]);
        type_in(&mut m, &km, "ten");
        assert!(press(&mut m, &km, &["enter"]).is_empty());
        assert!(
            m.form
                .as_ref()
                .unwrap()
                .error
                .as_ref()
                .unwrap()
                .contains("whole number")
        );
        press(&mut m, &km, &["ctrl-u"]);
        type_in(&mut m, &km, "10");
        let (_, w) = written(&press(&mut m, &km, &["enter"]));
        assert_eq!(
            w,
            Write::CreateGroup(Group {
                name: "ta".into(),
                precedence: Some(10),
                description: None,
                role_arn: None,
                created: None,
            })
        );
        m.form = None;
        m.writing = None;

        press(&mut m, &km, &["e"]);
        assert_eq!(m.form.as_ref().unwrap().value("description"), "Students");
        press(&mut m, &km, &["tab", "tab"]);
        type_in(&mut m, &km, "arn:aws:iam::000000000000:role/students");
        let (_, w) = written(&press(&mut m, &km, &["enter"]));
        assert!(matches!(w, Write::UpdateGroup(g) if g.name == "student" && g.role_arn.is_some()));
        m.form = None;
        m.writing = None;

        press(&mut m, &km, &["D"]);
        assert_eq!(m.mode(), Mode::ConfirmTyped);
        type_in(&mut m, &km, "studen");
        assert!(press(&mut m, &km, &["enter"]).is_empty());
        assert!(
            m.confirm
                .as_ref()
                .unwrap()
                .error
                .as_ref()
                .unwrap()
                .contains("type student")
        );
        type_in(&mut m, &km, "t");
        let (id, w) = written(&press(&mut m, &km, &["enter"]));
        assert_eq!(
            w,
            Write::DeleteGroup {
                name: "student".into()
            }
        );
        let fx = answer(&mut m, &km, id, Response::Written(Ok(())));
        assert!(
            fx.iter()
                .any(|e| matches!(e, Effect::Call(_, Request::ListGroups { .. })))
        );
    }

    #[test]
    fn members_are_added_and_removed() {
        let (mut m, km) = in_users(false);
        m.stack.push(View::Members {
            pool: pref(),
            group: "student".into(),
        });
        let mut pane = ListPane::new(POOL);
        pane.list.start(1);
        pane.page(vec![user("carmen")], None);
        m.members = Some(crate::core::model::MembersState {
            group: "student".into(),
            pane,
        });
        press(&mut m, &km, &["n"]);
        type_in(&mut m, &km, "zoe");
        let (_, w) = written(&press(&mut m, &km, &["enter"]));
        assert_eq!(
            w,
            Write::AddToGroup {
                username: "zoe".into(),
                group: "student".into()
            }
        );
        m.form = None;
        press(&mut m, &km, &["D"]);
        let (_, w) = written(&press(&mut m, &km, &["y"]));
        assert_eq!(
            w,
            Write::RemoveFromGroup {
                username: "carmen".into(),
                group: "student".into()
            }
        );
    }

    #[test]
    fn trigger_slots_are_set_and_cleared() {
        let (mut m, km) = in_users(false);
        m.stack.push(View::Triggers(pref()));
        m.triggers_selected = 0; // PreSignUp
        press(&mut m, &km, &["D"]);
        assert!(m.confirm.is_none(), "an empty slot has nothing to clear");
        press(&mut m, &km, &["s"]);
        type_in(&mut m, &km, "pre-signup");
        assert!(press(&mut m, &km, &["enter"]).is_empty());
        press(&mut m, &km, &["ctrl-u"]);
        type_in(
            &mut m,
            &km,
            "arn:aws:lambda:us-east-1:000000000000:function:f",
        );
        let (id, w) = written(&press(&mut m, &km, &["enter"]));
        assert_eq!(
            w,
            Write::SetTrigger {
                slot: TriggerSlot::PreSignUp,
                arn: Some("arn:aws:lambda:us-east-1:000000000000:function:f".into())
            }
        );
        answer(&mut m, &km, id, Response::Written(Ok(())));
        if let Some(d) = m.detail.as_mut().and_then(|d| d.detail.data.as_mut()) {
            d.lambda_config.pre_sign_up = Some("arn:aws:lambda:x".into());
        }
        press(&mut m, &km, &["D"]);
        let (_, w) = written(&press(&mut m, &km, &["y"]));
        assert_eq!(
            w,
            Write::SetTrigger {
                slot: TriggerSlot::PreSignUp,
                arn: None
            }
        );
    }

    #[test]
    fn read_only_hides_the_write_keys_and_refuses_any_that_slips_through() {
        let (mut m, km) = in_users(true);
        for k in ["D", "n", "X", "space", "E"] {
            assert!(press(&mut m, &km, &[k]).is_empty(), "{k}");
        }
        assert!(m.confirm.is_none() && m.form.is_none());
        assert!(m.users.as_ref().unwrap().marked.is_empty());
        let hints = km.hints(Mode::Users);
        assert!(!hints.iter().any(|(_, h)| *h == "delete" || *h == "new"));
        assert!(km.for_mode(Mode::Users).all(|b| !b.action.is_write()));
        // A keymap that still has them (a configured one): update refuses.
        let fx = press(&mut m, &Keymap::default(), &["D"]);
        assert!(fx.is_empty() && m.confirm.is_none());
        assert!(m.flash.as_ref().unwrap().text.contains("read-only"));
    }

    #[test]
    fn deleting_the_user_on_screen_goes_back_to_the_list() {
        let (mut m, km) = in_users(false);
        press(&mut m, &km, &["j", "enter"]);
        assert_eq!(m.view_mode(), Mode::UserDetail);
        press(&mut m, &km, &["D"]);
        assert_eq!(m.confirm.as_ref().unwrap().title, "Delete bao?");
        let (id, _) = written(&press(&mut m, &km, &["y"]));
        let fx = answer(&mut m, &km, id, Response::Written(Ok(())));
        assert_eq!(m.view_mode(), Mode::Users);
        assert!(m.user.is_none());
        assert!(refreshes_users(&fx));
    }

    #[test]
    fn stale_write_results_are_dropped() {
        let (mut m, km) = in_users(false);
        assert!(answer(&mut m, &km, 7, Response::Written(Ok(()))).is_empty());
        assert!(m.flash.is_none());
    }
}
