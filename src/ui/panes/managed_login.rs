//! The managed-login section on top of a pool's detail (`:domain`, `:scopes`, `:providers`):
//! the domain (prefix or custom, managed login version, status), the resource servers with
//! their scopes, the identity providers with their mapping and details (secrets masked by
//! the gateway). Draws only.

use ratatui::text::Line;

use crate::core::model::{LoadState, Model};
use crate::domain::oauth::ManagedLogin;
use crate::ui::format::{list_or_none, spinner};
use crate::ui::widgets::detail::{field, note, section};

/// The section for `pool_id`, when `:domain` loaded (or is loading) it.
pub fn lines(model: &Model, pool_id: &str) -> Vec<Line<'static>> {
    let Some((pool, slot)) = &model.managed_login else {
        return vec![];
    };
    if pool != pool_id {
        return vec![];
    }
    let mut out = vec![section("Managed login (:domain :scopes :providers)")];
    match (&slot.data, &slot.state) {
        (Some(m), _) => out.extend(loaded(m)),
        (None, LoadState::Failed(e)) => out.push(note(format!("✗ {e}"))),
        _ => out.push(note(format!("{} loading…", spinner(model.ticks)))),
    }
    out.push(Line::raw(""));
    out
}

fn loaded(m: &ManagedLogin) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    match &m.domain {
        Some(d) => {
            out.push(field(
                "Domain",
                format!(
                    "{} ({})",
                    d.domain,
                    if d.custom { "custom" } else { "prefix" }
                ),
            ));
            out.push(field(
                "Managed login",
                match d.managed_login_version {
                    Some(2) => "version 2 (managed login, branding editor)".to_owned(),
                    Some(1) => "version 1 (classic hosted UI)".to_owned(),
                    Some(v) => format!("version {v}"),
                    None => "—".to_owned(),
                },
            ));
            out.push(field(
                "Status",
                d.status.clone().unwrap_or_else(|| "—".into()),
            ));
        }
        None => out.push(field(
            "Domain",
            "none: no managed login (the code and client-credentials flows need one)",
        )),
    }
    out.push(field(
        "Resource servers",
        if m.resource_servers.is_empty() {
            "none (custom scopes need one)".to_owned()
        } else {
            m.resource_servers.len().to_string()
        },
    ));
    for rs in &m.resource_servers {
        out.push(field(&format!("  {}", rs.identifier), rs.name.clone()));
        for s in &rs.scopes {
            out.push(note(format!(
                "      {}/{} — {}",
                rs.identifier, s.name, s.description
            )));
        }
    }
    out.push(field(
        "Identity providers",
        if m.identity_providers.is_empty() {
            "none besides COGNITO (the pool's own users)".to_owned()
        } else {
            m.identity_providers.len().to_string()
        },
    ));
    for p in &m.identity_providers {
        out.push(field(&format!("  {}", p.name), p.provider_type.clone()));
        let mapping: Vec<String> = p
            .attribute_mapping
            .iter()
            .map(|(k, v)| format!("{k}←{v}"))
            .collect();
        out.push(note(format!("      mapping: {}", list_or_none(&mapping))));
        for (k, v) in &p.details {
            out.push(note(format!("      {k}: {v}")));
        }
    }
    out
}
