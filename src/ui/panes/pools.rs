//! The user pools list (ListUserPools, every page).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Row, Table};

use crate::core::model::{LoadState, Model};
use crate::ui::format::{date, spinner};
use crate::ui::theme::theme;
use crate::ui::widgets::message;

pub fn render(model: &Model, frame: &mut Frame, area: Rect) {
    let list = &model.pools.list;
    let rows = list.data.as_deref().unwrap_or(&[]);
    let mut title = format!(" User pools ({}) ", rows.len());
    if list.is_loading() {
        title = format!(
            " User pools ({}) {} loading… ",
            rows.len(),
            spinner(model.ticks)
        );
    }
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

    if list.data.is_none() {
        let lines = match &list.state {
            LoadState::Failed(err) => message::error_lines(err),
            LoadState::Loading(_) | LoadState::Idle => vec![Line::styled(
                format!("{} Loading user pools…", spinner(model.ticks)),
                Style::default().fg(theme().dim),
            )],
            LoadState::Loaded => vec![],
        };
        message::centered(frame, inner, lines);
        return;
    }
    if rows.is_empty() && !list.is_loading() {
        let mut lines = vec![Line::styled(
            format!("No user pools in {}.", model.ctx.region),
            Style::default().fg(theme().dim),
        )];
        if let Some(err) = list.error() {
            lines = message::error_lines(err);
        } else {
            lines.push(Line::styled(
                "Check the region (--region) and profile, or seed a pool with `cognito-tui seed`.",
                Style::default().fg(theme().muted),
            ));
        }
        message::centered(frame, inner, lines);
        return;
    }

    // An error after data was shown: keep the rows, say it on the first line.
    let mut table_area = inner;
    if let Some(err) = list.error() {
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

    // Hand the table only the visible slice.
    let body_height = table_area.height.saturating_sub(1) as usize; // minus header
    let selected = model.pools.selected.min(rows.len().saturating_sub(1));
    let offset = if body_height == 0 || selected < body_height {
        0
    } else {
        selected + 1 - body_height
    };
    let end = (offset + body_height).min(rows.len());
    let visible = rows[offset..end].iter().enumerate().map(|(i, p)| {
        let style = if offset + i == selected {
            Style::default()
                .bg(theme().selected_bg)
                .fg(theme().selected_fg)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        let triggers = if p.triggers_set == 0 {
            "—".to_string()
        } else {
            p.triggers_set.to_string()
        };
        Row::new(vec![
            p.name.clone(),
            p.id.clone(),
            date(p.created),
            date(p.modified),
            triggers,
        ])
        .style(style)
    });
    let header = Row::new(vec!["NAME", "POOL ID", "CREATED", "MODIFIED", "TRIGGERS"]).style(
        Style::default()
            .fg(theme().warn)
            .add_modifier(Modifier::BOLD),
    );
    let table = Table::new(
        visible,
        [
            Constraint::Fill(2),
            Constraint::Length(27),
            Constraint::Length(23),
            Constraint::Length(23),
            Constraint::Length(8),
        ],
    )
    .header(header)
    .column_spacing(2);
    frame.render_widget(table, table_area);
}
