//! The pool's attribute schema (standard and custom: type, mutable, required, constraints,
//! developer-only); from a user, with that user's value of each.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Cell;

use crate::core::model::{LoadState, Model, View};
use crate::domain::SchemaAttribute;
use crate::ui::format::yes_no;
use crate::ui::theme::theme;
use crate::ui::widgets::table::{self, Rows, Spec};

pub fn constraints(a: &SchemaAttribute) -> String {
    let range = |lo: &Option<String>, hi: &Option<String>| match (lo, hi) {
        (None, None) => None,
        (lo, hi) => Some(format!(
            "{}–{}",
            lo.as_deref().unwrap_or(""),
            hi.as_deref().unwrap_or("")
        )),
    };
    match (
        range(&a.min_length, &a.max_length),
        range(&a.min_value, &a.max_value),
    ) {
        (Some(l), _) => format!("length {l}"),
        (None, Some(v)) => format!("value {v}"),
        (None, None) => "—".into(),
    }
}

pub fn render(model: &Model, frame: &mut Frame, area: Rect) {
    let View::Attributes { pool, user } = model.view() else {
        return;
    };
    let Some(detail) = &model.detail else {
        return;
    };
    let schema = detail
        .detail
        .data
        .as_ref()
        .map(|d| &d.schema[..])
        .unwrap_or(&[]);
    let user_state = user.as_ref().and(model.user.as_ref());
    let user_data = user_state.and_then(|u| u.user.data.as_ref());
    let mut headers = vec![
        "NAME",
        "TYPE",
        "MUTABLE",
        "REQUIRED",
        "DEV-ONLY",
        "CONSTRAINTS",
    ];
    let mut widths = vec![
        Constraint::Fill(2),
        Constraint::Length(8),
        Constraint::Length(7),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Fill(1),
    ];
    if user.is_some() {
        headers.push("VALUE");
        widths.push(Constraint::Fill(2));
    }
    let title = match user {
        Some(u) => format!("Attributes of {u} — {}", pool.label()),
        None => format!("Attributes — {}", pool.label()),
    };
    let custom = schema.iter().filter(|a| a.is_custom()).count();
    // The user's own load state shows when the schema is in.
    let state = match (&detail.detail.state, user_state.map(|u| &u.user.state)) {
        (LoadState::Loaded, Some(s @ (LoadState::Failed(_) | LoadState::Loading(_)))) => s,
        (s, _) => s,
    };
    table::render(
        frame,
        area,
        Spec {
            title,
            status: format!("({} · {custom} custom)", schema.len()),
            what: "the schema",
            headers: &headers,
            widths: &widths,
            rows: Rows {
                state,
                has_data: detail.detail.data.is_some(),
                len: schema.len(),
                selected: model.attributes_selected,
            },
            empty: vec![table::note("The pool reports no schema attributes.")],
            ticks: model.ticks,
        },
        |i| {
            let Some(a) = schema.get(i) else {
                return vec![];
            };
            let name = if a.is_custom() {
                Cell::from(Line::styled(
                    format!("★ {}", a.name),
                    Style::default().fg(theme().special),
                ))
            } else {
                Cell::from(format!("  {}", a.name))
            };
            let mut cells = vec![
                name,
                Cell::from(a.data_type.clone()),
                Cell::from(yes_no(a.mutable)),
                Cell::from(yes_no(a.required)),
                Cell::from(yes_no(a.developer_only)),
                Cell::from(constraints(a)),
            ];
            if user.is_some() {
                let v = user_data
                    .and_then(|u| u.attribute(&a.name))
                    .map(str::to_string);
                cells.push(match v {
                    Some(v) => Cell::from(v),
                    None => Cell::from(Line::styled("—", Style::default().fg(theme().muted))),
                });
            }
            cells
        },
    );
}
