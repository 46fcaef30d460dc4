//! The confirmation popup of a destructive action: what it does, then y/n — or, for a
//! group (or anything as hard to undo), a line to type its name into.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::core::model::Confirm;
use crate::ui::theme::theme;
use crate::ui::widgets::form::{boxed, outcome, popup};

pub fn render(c: &Confirm, ticks: u64, frame: &mut Frame, area: Rect) {
    let mut lines = vec![Line::raw("")];
    for l in &c.lines {
        lines.push(Line::raw(format!(" {l}")));
    }
    lines.push(Line::raw(""));
    let key = Style::default()
        .fg(theme().accent)
        .add_modifier(Modifier::BOLD);
    match &c.typed {
        Some((_, typed)) => lines.push(Line::from(vec![
            Span::styled(" name› ", Style::default().fg(theme().focus)),
            Span::raw(typed.clone()),
            Span::styled("█", Style::default().fg(theme().dim)),
        ])),
        None => lines.push(Line::from(vec![
            Span::raw(" "),
            Span::styled("<y>", key),
            Span::raw(" yes   "),
            Span::styled("<n>", key),
            Span::raw(" no"),
        ])),
    }
    lines.extend(outcome(c.pending.is_some(), c.error.as_deref(), ticks));
    let width = c
        .lines
        .iter()
        .map(|l| l.chars().count() as u16 + 4)
        .chain([c.title.chars().count() as u16 + 6, 40])
        .max()
        .unwrap_or(40)
        .min(area.width);
    let area = popup(
        area,
        width,
        lines.len() as u16 + 2 + u16::from(c.error.is_some()),
    );
    boxed(
        frame,
        area,
        lines,
        theme().error,
        Line::styled(
            format!(" {} ", c.title),
            Style::default()
                .fg(theme().error)
                .add_modifier(Modifier::BOLD),
        ),
    );
}
