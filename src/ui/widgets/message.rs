//! A centred message inside a pane: loading, empty, or an error with its retry key.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Wrap};

use crate::domain::CognitoError;
use crate::ui::theme::theme;

pub fn centered(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>) {
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let inner = Rect {
        y: area.y + top,
        height: area.height.saturating_sub(top),
        ..area
    };
    frame.render_widget(
        Paragraph::new(Text::from(lines))
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        inner,
    );
}

/// The one-line `✗ Code: message  [r] retry` over rows or details still shown.
pub fn retry_line(err: &CognitoError) -> Line<'static> {
    Line::styled(
        format!("✗ {}  [r] retry", err.headline()),
        Style::default().fg(theme().error),
    )
}

/// `✗ Code: message` plus the request id and the retry hint.
pub fn error_lines(err: &CognitoError) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(
        format!("✗ {}", err.headline()),
        Style::default().fg(theme().error),
    )];
    if let Some(id) = &err.request_id {
        lines.push(Line::styled(
            format!("request id {id}"),
            Style::default().fg(theme().muted),
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "[r] retry",
        Style::default().fg(theme().accent),
    ));
    lines
}
