//! The runner's managed-login runs on screen: their timeline (each step and what it means)
//! and, while the browser is out, the authorize URL with the keys that open it. Draws only.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::core::model::Level;
use crate::core::model::hosted::HostedRun;
use crate::ui::format::spinner;
use crate::ui::theme::theme;
use crate::ui::widgets::table;

pub fn timeline(h: &HostedRun) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (level, line, explanation) in &h.timeline {
        let style = match level {
            Level::Error => Style::new().fg(theme().error),
            _ => Style::new().fg(theme().text),
        };
        out.push(Line::styled(line.clone(), style));
        if !explanation.is_empty() {
            out.push(Line::styled(
                format!("  {explanation}"),
                Style::new().fg(theme().muted),
            ));
        }
    }
    out
}

/// The bottom pane while the browser is expected back.
pub fn waiting(ticks: u64, h: &HostedRun, frame: &mut Frame, area: Rect) {
    let key = Style::new().fg(theme().accent).add_modifier(Modifier::BOLD);
    let mut lines = vec![
        Line::styled(
            format!(
                "{} waiting for the browser to come back to the listener…",
                spinner(ticks)
            ),
            Style::new().fg(theme().dim),
        ),
        Line::raw(""),
    ];
    if let Some(url) = &h.url {
        lines.push(Line::styled(url.clone(), Style::new().fg(theme().focus)));
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(vec![
        Span::styled("b", key),
        Span::raw(" open it in the browser   "),
        Span::styled("Y", key),
        Span::raw(" copy it   "),
        Span::styled("esc", key),
        Span::raw(" leave the run"),
    ]));
    frame.render_widget(
        Paragraph::new(lines)
            .block(table::titled(" Managed login ".into()))
            .wrap(Wrap { trim: false }),
        area,
    );
}
