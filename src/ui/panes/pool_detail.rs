//! The detail of one pool (DescribeUserPool): identity, sign-in settings, password policy,
//! MFA, protection, domain and which triggers are set.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::core::model::{LoadState, Model, View};
use crate::domain::PoolDetail;
use crate::ui::format::{date, list_or_none, spinner, yes_no};
use crate::ui::theme::theme;
use crate::ui::widgets::message;

fn section(title: &str) -> Line<'static> {
    Line::styled(
        title.to_string(),
        Style::default()
            .fg(theme().warn)
            .add_modifier(Modifier::BOLD),
    )
}

fn field(label: &str, value: impl Into<String>) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("  {label:<26}"), Style::default().fg(theme().dim)),
        Span::raw(value.into()),
    ])
}

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
        out.push(Line::styled("  none", Style::default().fg(theme().muted)));
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
    let loading = state.detail.is_loading();
    let title = if loading {
        format!(" {name} {} ", spinner(model.ticks))
    } else {
        format!(" {name} ")
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Style::default().fg(theme().muted))
        .title(Line::styled(
            title,
            Style::default()
                .fg(theme().accent)
                .add_modifier(Modifier::BOLD),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    match (&state.detail.data, &state.detail.state) {
        (None, LoadState::Failed(err)) => {
            message::centered(frame, inner, message::error_lines(err))
        }
        (None, _) => message::centered(
            frame,
            inner,
            vec![Line::styled(
                format!("{} Describing {}…", spinner(model.ticks), state.pool_id),
                Style::default().fg(theme().dim),
            )],
        ),
        (Some(d), st) => {
            let mut all = Vec::new();
            if let LoadState::Failed(err) = st {
                all.push(Line::styled(
                    format!("✗ {}  [r] retry", err.headline()),
                    Style::default().fg(theme().error),
                ));
            }
            all.extend(lines(d));
            let max_scroll = (all.len() as u16).saturating_sub(inner.height);
            frame.render_widget(
                Paragraph::new(all)
                    .wrap(Wrap { trim: false })
                    .scroll((state.scroll.min(max_scroll), 0)),
                inner,
            );
        }
    }
}
