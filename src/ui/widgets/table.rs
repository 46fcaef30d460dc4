//! A list pane's table: the title with counts and a spinner, the loading / failed / empty
//! messages, an inline error above kept rows, and only the visible slice handed to ratatui.
//! Where each part sits comes from `core::model::layout::table`, the same geometry `update`
//! maps mouse clicks with; this file only draws.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table};

use crate::core::model::layout;
use crate::core::model::{ListPane, LoadState, Loadable};
use crate::ui::format::spinner;
use crate::ui::theme::theme;
use crate::ui::widgets::message;

pub struct Spec<'a> {
    /// `Users — cognito-workshop`.
    pub title: String,
    /// Counts and state after the title: `(60 loaded · more below)`.
    pub status: String,
    /// What the rows are, for the loading line: "users".
    pub what: &'a str,
    pub headers: &'a [&'a str],
    pub widths: &'a [Constraint],
    pub rows: Rows<'a>,
    /// The lines to show when there are no rows.
    pub empty: Vec<Line<'static>>,
    pub ticks: u64,
}

/// What a table lists: where its load stands and which row is selected.
pub struct Rows<'a> {
    pub state: &'a LoadState,
    /// Whether any data was ever loaded (even if zero rows).
    pub has_data: bool,
    /// Rows visible (after a local filter).
    pub len: usize,
    pub selected: usize,
}

impl<'a> Rows<'a> {
    /// A list pane's rows: its load, its (filtered) length and its selection.
    pub fn of<T>(pane: &'a ListPane<T>) -> Self {
        Self::loaded(&pane.list, pane.len(), pane.selected)
    }

    /// `len` rows drawn from the data of `l`.
    pub fn loaded<T>(l: &'a Loadable<T>, len: usize, selected: usize) -> Self {
        Self {
            state: &l.state,
            has_data: l.data.is_some(),
            len,
            selected,
        }
    }
}

/// A pane's bordered box titled ` {title} `, with a spinner while `loading`.
pub fn block(title: String, loading: bool, ticks: u64) -> Block<'static> {
    titled(if loading {
        format!(" {title} {} ", spinner(ticks))
    } else {
        format!(" {title} ")
    })
}

/// A pane's bordered box with `title` written as given.
pub fn titled(title: String) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(Style::default().fg(theme().muted))
        .title(Line::styled(
            title,
            Style::default()
                .fg(theme().accent)
                .add_modifier(Modifier::BOLD),
        ))
}

pub fn selected_style() -> Style {
    let s = Style::default()
        .bg(theme().selected_bg)
        .fg(theme().selected_fg)
        .add_modifier(Modifier::BOLD);
    if theme().mono {
        s.add_modifier(Modifier::REVERSED)
    } else {
        s
    }
}

/// The first visible row that keeps `selected` on screen (kept here for callers of the old
/// path; the geometry lives in `core::model::layout`).
pub use crate::core::model::layout::offset;

/// Draw the pane; `row(i)` builds the cells of visible row `i` and is called only for the
/// rows on screen.
pub fn render<'r>(
    frame: &mut Frame,
    area: Rect,
    spec: Spec<'_>,
    row: impl Fn(usize) -> Vec<Cell<'r>>,
) {
    let loading = matches!(spec.rows.state, LoadState::Loading(_));
    let title = if spec.status.is_empty() {
        spec.title.clone()
    } else {
        format!("{} {}", spec.title, spec.status)
    };
    let failed = match spec.rows.state {
        LoadState::Failed(err) => Some(err),
        _ => None,
    };
    let geo = layout::table(
        area.into(),
        spec.rows.has_data && failed.is_some(),
        spec.rows.selected,
        spec.rows.len,
    );
    frame.render_widget(block(title, loading, spec.ticks), area);

    if !spec.rows.has_data {
        let lines = match failed {
            Some(err) => message::error_lines(err),
            None => vec![note(format!(
                "{} Loading {}…",
                spinner(spec.ticks),
                spec.what
            ))],
        };
        message::centered(frame, geo.inner.into(), lines);
        return;
    }
    if let (Some(at), Some(err)) = (geo.banner, failed) {
        frame.render_widget(message::retry_line(err), Rect::from(at));
    }
    if spec.rows.len == 0 {
        if !loading {
            message::centered(frame, geo.table.into(), spec.empty);
        }
        return;
    }
    rows(frame, &geo, spec.headers, spec.widths, row);
}

/// The column header and the visible rows `geo.first..geo.end`, the selected one
/// highlighted; `row(i)` is called only for those.
pub fn rows<'r>(
    frame: &mut Frame,
    geo: &layout::Table,
    headers: &[&str],
    widths: &[Constraint],
    row: impl Fn(usize) -> Vec<Cell<'r>>,
) {
    let rows = (geo.first..geo.end).map(|i| {
        let r = Row::new(row(i));
        if i == geo.selected {
            r.style(selected_style())
        } else {
            r
        }
    });
    let header = Row::new(headers.iter().map(|h| Cell::from(*h))).style(
        Style::default()
            .fg(theme().warn)
            .add_modifier(Modifier::BOLD),
    );
    frame.render_widget(
        Table::new(rows, widths.to_vec())
            .header(header)
            .column_spacing(2),
        Rect::from(geo.table),
    );
}

/// A dim note for an empty list.
pub fn note(text: impl Into<String>) -> Line<'static> {
    Line::styled(text.into(), Style::default().fg(theme().dim))
}

pub fn hint(text: impl Into<String>) -> Line<'static> {
    Line::from(Span::styled(
        text.into(),
        Style::default().fg(theme().muted),
    ))
}
