//! The admin forms: keys in a form, the write a filled-in form stands for (checked against the
//! pool's schema and password policy first), and submitting it.

use super::*;

pub(in crate::core::update) fn form_action(model: &mut Model, action: Action) -> Vec<Effect> {
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

/// A key typed, or text pasted, into the focused field (a choice cycles on ←/→/space and
/// takes no paste).
pub(in crate::core::update) fn type_form(model: &mut Model, edit: Edit) {
    let Some(form) = &mut model.form else {
        return;
    };
    if form.pending.is_some() {
        return;
    }
    let Some(field) = form.focused() else {
        return;
    };
    match (&field.kind, edit) {
        (FieldKind::Choice(_), Edit::Key(key)) => match key.code {
            KeyCode::Left => field.cycle(false),
            KeyCode::Right | KeyCode::Char(' ') => field.cycle(true),
            _ => return,
        },
        (FieldKind::Choice(_), Edit::Paste(_)) => return,
        _ => {
            if !field.value.edit(edit) {
                return;
            }
        }
    }
    form.error = None;
}

pub(in crate::core::update) fn policy_problems(
    model: &Model,
    pool_id: &str,
    password: &str,
) -> Option<String> {
    let policy: PasswordPolicy = pool_detail(model, pool_id)?.password_policy.clone()?;
    let problems = password_problems(&policy, password);
    (!problems.is_empty()).then(|| problems.join("; "))
}

/// `name=Ada, custom:role=student` as attribute pairs.
pub(in crate::core::update) fn parse_pairs(text: &str) -> Result<Vec<(String, String)>, String> {
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

pub(in crate::core::update) fn mfa(value: &str) -> Option<MfaPreference> {
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
pub(in crate::core::update) fn form_write(model: &Model, form: &Form) -> Result<Write, String> {
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

pub(in crate::core::update) fn submit_form(model: &mut Model) -> Vec<Effect> {
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
    if let (Some(id), Some(f)) = (model.latest_write(), &mut model.form) {
        f.pending = Some(id);
        f.error = None;
    }
    fx
}
