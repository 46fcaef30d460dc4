//! A list pane's table: the title with counts and a spinner, the loading / failed / empty
//! messages, an inline error above kept rows, and only the visible slice handed to ratatui.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table};

use crate::core::model::LoadState;
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
    pub state: &'a LoadState,
    /// Whether any data was ever loaded (even if zero rows).
    pub has_data: bool,
    /// Rows visible (after a local filter).
    pub len: usize,
    pub selected: usize,
    /// The lines to show when there are no rows.
    pub empty: Vec<Line<'static>>,
    pub ticks: u64,
}

pub fn block(title: String, loading: bool, ticks: u64) -> Block<'static> {
    let title = if loading {
        format!(" {title} {} ", spinner(ticks))
    } else {
        format!(" {title} ")
    };
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
    Style::default()
        .bg(theme().selected_bg)
        .fg(theme().selected_fg)
        .add_modifier(Modifier::BOLD)
}

/// The first visible row that keeps `selected` on screen in `height` rows.
pub fn offset(selected: usize, height: usize) -> usize {
    if height == 0 || selected < height {
        0
    } else {
        selected + 1 - height
    }
}

/// Draw the pane; `row(i)` builds the cells of visible row `i` and is called only for the
/// rows on screen.
pub fn render<'r>(
    frame: &mut Frame,
    area: Rect,
    spec: Spec<'_>,
    row: impl Fn(usize) -> Vec<Cell<'r>>,
) {
    let loading = matches!(spec.state, LoadState::Loading(_));
    let title = if spec.status.is_empty() {
        spec.title.clone()
    } else {
        format!("{} {}", spec.title, spec.status)
    };
    let block = block(title, loading, spec.ticks);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    if !spec.has_data {
        let lines = match spec.state {
            LoadState::Failed(err) => message::error_lines(err),
            _ => vec![Line::styled(
                format!("{} Loading {}…", spinner(spec.ticks), spec.what),
                Style::default().fg(theme().dim),
            )],
        };
        message::centered(frame, inner, lines);
        return;
    }
    let mut table_area = inner;
    if let LoadState::Failed(err) = spec.state {
        frame.render_widget(
            Line::styled(
                format!("✗ {}  [r] retry", err.headline()),
                Style::default().fg(theme().error),
            ),
            Rect { height: 1, ..inner },
        );
        table_area = Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        };
    }
    if spec.len == 0 {
        if !loading {
            message::centered(frame, table_area, spec.empty);
        }
        return;
    }
    let body = table_area.height.saturating_sub(1) as usize;
    let selected = spec.selected.min(spec.len - 1);
    let first = offset(selected, body);
    let end = (first + body).min(spec.len);
    let rows = (first..end).map(|i| {
        let r = Row::new(row(i));
        if i == selected {
            r.style(selected_style())
        } else {
            r
        }
    });
    let header = Row::new(spec.headers.iter().map(|h| Cell::from(*h))).style(
        Style::default()
            .fg(theme().warn)
            .add_modifier(Modifier::BOLD),
    );
    frame.render_widget(
        Table::new(rows, spec.widths.to_vec())
            .header(header)
            .column_spacing(2),
        table_area,
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
