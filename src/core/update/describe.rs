//! Describe (`d`) and raw JSON (`y`) of the selected item, and the derivations they need.

use super::*;
use crate::core::model::derive::{error_at, trigger_arn};

pub(in crate::core::update) fn user_lines(u: &User) -> Vec<String> {
    let mut out = vec![
        format!("Username   {}", u.username),
        format!("Status     {}", u.status.as_deref().unwrap_or("—")),
        format!("Enabled    {}", if u.enabled { "yes" } else { "no" }),
        format!("Created    {}", date(u.created)),
        format!("Modified   {}", date(u.modified)),
        String::new(),
        "Attributes".to_string(),
    ];
    for (k, v) in &u.attributes {
        let mark = if k.starts_with("custom:") || k.starts_with("dev:") {
            " (custom)"
        } else {
            ""
        };
        out.push(format!("  {k}{mark} = {v}"));
    }
    out
}

/// `d`: the selected item described in an overlay.
pub(in crate::core::update) fn describe(model: &mut Model) {
    if let Some((title, lines)) = describe_selected(model) {
        model.overlay = Some(Overlay {
            title,
            lines,
            scroll: 0,
        });
    }
}

pub(in crate::core::update) fn describe_selected(model: &Model) -> Option<(String, Vec<String>)> {
    match model.view() {
        View::Users(_) => {
            let u = model.users.as_ref()?.pane.selected_row()?;
            Some((format!("user {}", u.username), user_lines(u)))
        }
        View::Members { .. } => {
            let u = model.members.as_ref()?.pane.selected_row()?;
            Some((format!("user {}", u.username), user_lines(u)))
        }
        View::Groups(_) => {
            let g = model.groups.as_ref()?.selected_row()?;
            Some((
                format!("group {}", g.name),
                vec![
                    format!("Name         {}", g.name),
                    format!(
                        "Precedence   {}",
                        g.precedence.map_or("—".into(), |p| p.to_string())
                    ),
                    format!("Description  {}", g.description.as_deref().unwrap_or("—")),
                    format!("IAM role     {}", g.role_arn.as_deref().unwrap_or("—")),
                    format!("Created      {}", date(g.created)),
                ],
            ))
        }
        View::Attributes { .. } => {
            let a = model
                .detail
                .as_ref()?
                .detail
                .data
                .as_ref()?
                .schema
                .get(model.attributes_selected)?;
            Some((
                format!("attribute {}", a.name),
                vec![
                    format!("Name            {}", a.name),
                    format!(
                        "Custom          {}",
                        if a.is_custom() { "yes" } else { "no" }
                    ),
                    format!("Type            {}", a.data_type),
                    format!("Mutable         {}", if a.mutable { "yes" } else { "no" }),
                    format!("Required        {}", if a.required { "yes" } else { "no" }),
                    format!(
                        "Developer only  {}",
                        if a.developer_only { "yes" } else { "no" }
                    ),
                    format!(
                        "Length          {} – {}",
                        a.min_length.as_deref().unwrap_or("—"),
                        a.max_length.as_deref().unwrap_or("—")
                    ),
                    format!(
                        "Value           {} – {}",
                        a.min_value.as_deref().unwrap_or("—"),
                        a.max_value.as_deref().unwrap_or("—")
                    ),
                ],
            ))
        }
        View::Triggers(_) => {
            let t = TRIGGERS.get(model.triggers_selected)?;
            let arn = trigger_arn(model, t.slot);
            Some((
                format!("trigger {}", t.slot),
                vec![
                    format!("Slot      {}", t.slot),
                    format!(
                        "Function  {}",
                        arn.unwrap_or_else(|| "— (empty slot)".into())
                    ),
                    format!("When      {}", t.when),
                    format!(
                        "Sample    assets/trigger-events/{} (enter opens it)",
                        t.file
                    ),
                ],
            ))
        }
        View::Auth(_) => None,
        View::Errors => {
            let e = error_at(model, model.errors_selected)?;
            Some((
                format!("error in {}", e.operation),
                vec![
                    format!("Time        {}", date(Some(e.at))),
                    format!("Operation   {}", e.operation),
                    format!("Kind        {}", e.error.kind.label()),
                    format!("Code        {}", e.error.code.as_deref().unwrap_or("—")),
                    format!(
                        "Request id  {}",
                        e.error.request_id.as_deref().unwrap_or("—")
                    ),
                    format!("Message     {}", e.error.message),
                ],
            ))
        }
        _ => None,
    }
}

pub(in crate::core::update) fn to_json<T: Serialize>(
    title: String,
    value: &T,
) -> Option<(String, String)> {
    serde_json::to_string_pretty(value)
        .ok()
        .map(|j| (format!("{title} (JSON)"), j))
}

pub(in crate::core::update) fn json_selected(model: &Model) -> Option<(String, String)> {
    match model.view() {
        View::Pools => {
            let p = model.pools.list.data.as_ref()?.get(model.pools.selected)?;
            to_json(format!("pool {}", p.name), p)
        }
        View::PoolDetail { .. } => {
            let d = model.detail.as_ref()?.detail.data.as_ref()?;
            to_json(format!("pool {}", d.name), d)
        }
        View::Clients(_) => {
            let c = model.clients.as_ref()?.selected_row()?;
            to_json(format!("client {}", c.name), c)
        }
        View::ClientDetail { .. } => {
            let c = model.client.as_ref()?.client.data.as_ref()?;
            to_json(format!("client {}", c.name), c)
        }
        View::Users(_) => {
            let u = model.users.as_ref()?.pane.selected_row()?;
            to_json(format!("user {}", u.username), u)
        }
        View::Members { .. } => {
            let u = model.members.as_ref()?.pane.selected_row()?;
            to_json(format!("user {}", u.username), u)
        }
        View::UserDetail { .. } => {
            let u = model.user.as_ref()?.user.data.as_ref()?;
            to_json(format!("user {}", u.username), u)
        }
        View::Groups(_) => {
            let g = model.groups.as_ref()?.selected_row()?;
            to_json(format!("group {}", g.name), g)
        }
        View::Attributes { .. } => {
            let a = model
                .detail
                .as_ref()?
                .detail
                .data
                .as_ref()?
                .schema
                .get(model.attributes_selected)?;
            to_json(format!("attribute {}", a.name), a)
        }
        View::Triggers(_) => {
            let t = TRIGGERS.get(model.triggers_selected)?;
            #[derive(Serialize)]
            struct Slot<'a> {
                slot: &'a str,
                function_arn: Option<String>,
                when: &'a str,
                sample_event: &'a str,
            }
            let slot = Slot {
                slot: t.slot,
                function_arn: trigger_arn(model, t.slot),
                when: t.when,
                sample_event: t.file,
            };
            to_json(format!("trigger {}", t.slot), &slot)
        }
        View::Auth(_) => None,
        View::Errors => {
            let e = error_at(model, model.errors_selected)?;
            #[derive(Serialize)]
            struct Entry<'a> {
                at: i64,
                operation: &'a str,
                error: &'a CognitoError,
            }
            to_json(
                format!("error in {}", e.operation),
                &Entry {
                    at: e.at,
                    operation: e.operation,
                    error: &e.error,
                },
            )
        }
    }
}
