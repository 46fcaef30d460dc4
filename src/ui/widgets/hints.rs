//! The hint bar, drawn from the keymap of the current mode.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::keymap::Keymap;
use crate::model::Model;

pub fn render(model: &Model, keymap: &Keymap, frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::raw(" ")];
    for (keys, label) in keymap.hints(model.mode()) {
        spans.push(Span::styled(
            format!("<{keys}>"),
            Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
        ));
        spans.push(Span::styled(
            format!(" {label}  "),
            Style::default().fg(Color::Gray),
        ));
    }
    frame.render_widget(Line::from(spans), area);
}
