//! The prompt line at the bottom of the pane: `:` command, `/` filter, or the server-side
//! filter, with its cursor, and the reason the last submit was refused.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::core::model::{Prompt, PromptKind};
use crate::ui::theme::theme;
use crate::ui::widgets::form::boxed;
use crate::ui::widgets::input;

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
    let inner = area.inner(Margin::new(1, 1));
    let label_w = label.width();
    let field = input::spans(
        &p.text,
        inner.width.saturating_sub(label_w as u16),
        Style::default(),
        true,
    );
    let mut first = vec![Span::styled(
        label,
        Style::default()
            .fg(theme().warn)
            .add_modifier(Modifier::BOLD),
    )];
    first.extend(field.spans.iter().cloned());
    let mut lines = vec![Line::from(first)];
    if let Some(e) = &p.error {
        lines.push(Line::styled(
            format!("✗ {e}"),
            Style::default().fg(theme().error),
        ));
    }
    input::place_cursor(frame, inner, &[], 0, label_w, &field);
    boxed(frame, area, lines, theme().warn, help);
}
