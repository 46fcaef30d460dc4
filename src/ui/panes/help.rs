//! The `?` overlay: every binding of the current view, straight from the live keymap.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::keymap::{Key, Keymap};
use crate::model::Model;
use crate::ui::theme::theme;

pub fn render(model: &Model, keymap: &Keymap, frame: &mut Frame, area: Rect) {
    let view_mode = model.view_mode();
    let mut lines = vec![Line::raw("")];
    for b in keymap.for_mode(view_mode) {
        let keys: Vec<String> = b.keys.iter().map(Key::label).collect();
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {:<18}", keys.join(" / ")),
                Style::default()
                    .fg(theme().accent)
                    .add_modifier(Modifier::BOLD),
            ),
            Span::raw(b.action.describe()),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "  esc / ? / q  close this help",
        Style::default().fg(theme().muted),
    ));
    let height = (lines.len() as u16 + 2).min(area.height);
    let [v] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(66.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(Style::default().fg(theme().accent))
                .title(" Help "),
        ),
        popup,
    );
}
