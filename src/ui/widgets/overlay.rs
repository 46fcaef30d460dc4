//! The read-only text overlay: describe, raw JSON, a trigger's sample event.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::core::model::Overlay;
use crate::ui::theme::theme;

/// A `width`×`height` box in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(v);
    popup
}

pub fn render(o: &Overlay, frame: &mut Frame, area: Rect) {
    let width = o
        .lines
        .iter()
        .map(|l| l.chars().count() as u16 + 4)
        .max()
        .unwrap_or(20)
        .max(o.title.chars().count() as u16 + 6)
        .min(area.width);
    let height = (o.lines.len() as u16 + 2).min(area.height);
    let popup = centered(area, width, height);
    let visible = popup.height.saturating_sub(2) as usize;
    let max = o.lines.len().saturating_sub(visible);
    let start = (o.scroll as usize).min(max);
    let lines: Vec<Line> = o.lines[start..(start + visible).min(o.lines.len())]
        .iter()
        .map(|l| Line::raw(format!(" {l}")))
        .collect();
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(Style::default().fg(theme().accent))
                .title(format!(" {} ", o.title))
                .title_bottom(" esc close · j/k scroll "),
        ),
        popup,
    );
}
