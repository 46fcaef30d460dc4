//! Users (ListUsers, lazily paged) and a group's members (ListUsersInGroup): one table, only
//! the visible rows drawn; custom attributes in their own column.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Cell;

use crate::core::model::{ListPane, Model, View};
use crate::domain::User;
use crate::ui::format::date;
use crate::ui::theme::theme;
use crate::ui::widgets::table::{self, Rows, Spec};

const HEADERS: &[&str] = &[
    "USERNAME", "EMAIL", "NAME", "STATUS", "ENABLED", "CUSTOM", "CREATED",
];
const WIDTHS: &[Constraint] = &[
    Constraint::Fill(2),
    Constraint::Fill(3),
    Constraint::Fill(2),
    Constraint::Length(21),
    Constraint::Length(7),
    Constraint::Fill(2),
    Constraint::Length(23),
];

/// `role=admin, team=blue` from the user's custom attributes.
pub fn custom(u: &User) -> String {
    let mut out = String::new();
    for (k, v) in &u.attributes {
        if let Some(name) = k.strip_prefix("custom:").or_else(|| k.strip_prefix("dev:")) {
            if !out.is_empty() {
                out.push_str(", ");
            }
            out.push_str(name);
            out.push('=');
            out.push_str(v);
        }
    }
    out
}

fn cells(u: &User, marked: bool) -> Vec<Cell<'static>> {
    let enabled = if u.enabled {
        Cell::from("yes")
    } else {
        Cell::from(Line::styled("no", Style::default().fg(theme().error)))
    };
    vec![
        if marked {
            Cell::from(Line::styled(
                format!("● {}", u.username),
                Style::default().fg(theme().special),
            ))
        } else {
            Cell::from(u.username.clone())
        },
        Cell::from(u.attribute("email").unwrap_or("—").to_string()),
        Cell::from(u.attribute("name").unwrap_or("—").to_string()),
        Cell::from(u.status.clone().unwrap_or_else(|| "—".into())),
        enabled,
        Cell::from(custom(u)),
        Cell::from(date(u.created)),
    ]
}

/// `(60 loaded · more below)`, `(3 of 60 match "adm")`.
pub fn status<T>(pane: &ListPane<T>, noun: &str) -> String {
    let total = pane.rows().len();
    let mut s = if pane.matches.is_some() {
        format!("({} of {total} loaded match /{}", pane.len(), pane.filter)
    } else {
        format!("({total} {noun}")
    };
    if pane.has_more() {
        s.push_str(if pane.list.is_loading() {
            " · loading more…"
        } else {
            " · more below"
        });
    }
    s.push(')');
    s
}

fn draw(
    model: &Model,
    frame: &mut Frame,
    area: Rect,
    pane: &ListPane<User>,
    title: String,
    empty: Vec<Line<'static>>,
    marked: Option<&std::collections::BTreeSet<String>>,
) {
    let mut status = status(pane, "loaded");
    if let Some(m) = marked.filter(|m| !m.is_empty()) {
        status.push_str(&format!(" ● {} marked", m.len()));
    }
    table::render(
        frame,
        area,
        Spec {
            title,
            status,
            what: "users",
            headers: HEADERS,
            widths: WIDTHS,
            rows: Rows::of(pane),
            empty,
            ticks: model.ticks,
        },
        |i| {
            pane.get(i)
                .map(|u| cells(u, marked.is_some_and(|m| m.contains(&u.username))))
                .unwrap_or_default()
        },
    );
}

pub fn render(model: &Model, frame: &mut Frame, area: Rect) {
    let (View::Users(pool), Some(state)) = (model.view(), &model.users) else {
        return;
    };
    let mut title = format!("Users — {}", pool.label());
    if let Some(f) = &state.server_filter {
        title.push_str(&format!(" — server filter {f}"));
    }
    let empty = if !state.pane.filter.is_empty() {
        vec![
            table::note(format!("No loaded user matches /{}.", state.pane.filter)),
            table::hint("esc clears the filter"),
        ]
    } else if let Some(f) = &state.server_filter {
        vec![
            table::note(format!("No user matches {f}.")),
            table::hint("f changes the server filter; an empty filter lists everyone"),
        ]
    } else {
        vec![table::note("This pool has no users.")]
    };
    draw(
        model,
        frame,
        area,
        &state.pane,
        title,
        empty,
        Some(&state.marked),
    );
}

pub fn render_members(model: &Model, frame: &mut Frame, area: Rect) {
    let (View::Members { group, pool }, Some(state)) = (model.view(), &model.members) else {
        return;
    };
    let title = format!("Members of {group} — {}", pool.label());
    let empty = if state.pane.filter.is_empty() {
        vec![table::note(format!("The group {group} has no members."))]
    } else {
        vec![table::note(format!(
            "No loaded member matches /{}.",
            state.pane.filter
        ))]
    };
    draw(model, frame, area, &state.pane, title, empty, None);
}
