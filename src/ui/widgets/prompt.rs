//! The prompt line at the bottom of the pane: `:` command, `/` filter, or the server-side
//! filter, with the reason the last submit was refused.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::core::model::{Prompt, PromptKind};
use crate::ui::theme::theme;
use crate::ui::widgets::form::boxed;

/// How many rows the prompt needs.
pub fn height(p: &Prompt) -> u16 {
    if p.error.is_some() { 5 } else { 3 }
}

pub fn render(p: &Prompt, frame: &mut Frame, area: Rect) {
    let (label, help) = match p.kind {
        PromptKind::Command => (
            ":",
            " command — :pools :clients :users :groups :attributes :triggers :errors ",
        ),
        PromptKind::Filter => ("/", " filter the loaded rows (every column) "),
        PromptKind::ServerFilter => (
            "filter› ",
            " server filter — attribute = value | attribute ^= value (tab completes) ",
        ),
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(
            label,
            Style::default()
                .fg(theme().warn)
                .add_modifier(Modifier::BOLD),
        ),
        Span::raw(p.text.clone()),
        Span::styled("█", Style::default().fg(theme().dim)),
    ])];
    if let Some(e) = &p.error {
        lines.push(Line::styled(
            format!("✗ {e}"),
            Style::default().fg(theme().error),
        ));
    }
    boxed(frame, area, lines, theme().warn, help);
}
