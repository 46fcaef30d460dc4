//! The detail of one pool (DescribeUserPool): identity, sign-in settings, password policy,
//! MFA, protection, domain and which triggers are set.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::core::model::{Model, View};
use crate::domain::PoolDetail;
use crate::ui::format::{date, list_or_none, spinner, yes_no};
use crate::ui::theme::theme;
use crate::ui::widgets::detail::{self, field, section};
use crate::ui::widgets::table;

pub fn lines(d: &PoolDetail) -> Vec<Line<'static>> {
    let mut out = vec![
        section("Pool"),
        field("Id", d.id.clone()),
        field("Name", d.name.clone()),
        field("ARN", d.arn.clone().unwrap_or_else(|| "—".into())),
        field("Created", date(d.created)),
        field("Last modified", date(d.modified)),
        field("Estimated users", d.estimated_users.to_string()),
        field("Tier", d.tier.clone().unwrap_or_else(|| "—".into())),
        Line::raw(""),
        section("Sign-in"),
        field("Username attributes", list_or_none(&d.username_attributes)),
        field("Alias attributes", list_or_none(&d.alias_attributes)),
        field(
            "Username case sensitive",
            d.username_case_sensitive
                .map(yes_no)
                .unwrap_or("— (legacy: yes)"),
        ),
        field(
            "Auto-verified attributes",
            list_or_none(&d.auto_verified_attributes),
        ),
        field(
            "MFA",
            d.mfa_configuration.clone().unwrap_or_else(|| "OFF".into()),
        ),
        field(
            "Deletion protection",
            d.deletion_protection
                .clone()
                .unwrap_or_else(|| "INACTIVE".into()),
        ),
        field("Domain", d.domain.clone().unwrap_or_else(|| "none".into())),
    ];
    if let Some(cd) = &d.custom_domain {
        out.push(field("Custom domain", cd.clone()));
    }
    out.push(Line::raw(""));
    out.push(section("Password policy"));
    match &d.password_policy {
        Some(p) => {
            out.push(field(
                "Minimum length",
                p.minimum_length
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "—".into()),
            ));
            let mut req = Vec::new();
            for (on, what) in [
                (p.require_uppercase, "uppercase"),
                (p.require_lowercase, "lowercase"),
                (p.require_numbers, "numbers"),
                (p.require_symbols, "symbols"),
            ] {
                if on {
                    req.push(what.to_string());
                }
            }
            out.push(field("Requires", list_or_none(&req)));
            out.push(field(
                "Temporary password valid",
                format!("{} days", p.temporary_password_validity_days),
            ));
            if let Some(h) = p.password_history_size {
                out.push(field("Password history", h.to_string()));
            }
        }
        None => out.push(field("Policy", "none")),
    }
    out.push(Line::raw(""));
    let set = d.lambda_config.set_slots();
    out.push(section(&format!(
        "Triggers ({} of 13 slots set)",
        set.len()
    )));
    for (slot, arn) in d.lambda_config.slots() {
        if let Some(arn) = arn {
            let mut label = arn.to_string();
            if slot == "PreTokenGeneration"
                && let Some(v) = &d.lambda_config.pre_token_generation_version
            {
                label = format!("{label} ({v})");
            }
            out.push(Line::from(vec![
                Span::styled(format!("  ✓ {slot:<28}"), Style::default().fg(theme().ok)),
                Span::raw(label),
            ]));
        }
    }
    if set.is_empty() {
        out.push(detail::note("none"));
    }
    let custom: Vec<String> = d
        .schema
        .iter()
        .filter(|a| a.is_custom())
        .map(|a| {
            format!(
                "{} ({}{})",
                a.name,
                a.data_type,
                if a.mutable { "" } else { ", immutable" }
            )
        })
        .collect();
    out.push(Line::raw(""));
    out.push(section("Attributes"));
    out.push(field("Schema attributes", d.schema.len().to_string()));
    out.push(field("Custom attributes", list_or_none(&custom)));
    out
}

pub fn render(model: &Model, frame: &mut Frame, area: Rect) {
    let name = match model.view() {
        View::PoolDetail { name, pool_id } => {
            if name.is_empty() {
                pool_id.clone()
            } else {
                name.clone()
            }
        }
        _ => String::new(),
    };
    let Some(state) = &model.detail else {
        return;
    };
    detail::render(
        frame,
        area,
        table::block(name, state.detail.is_loading(), model.ticks),
        &state.detail,
        format!("{} Describing {}…", spinner(model.ticks), state.pool_id),
        state.scroll,
        |d| {
            let mut out = super::managed_login::lines(model, &d.id);
            out.extend(lines(d));
            out
        },
    );
}
