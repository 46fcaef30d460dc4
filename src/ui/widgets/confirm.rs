//! The confirmation popup of a destructive action: what it does, then y/n — or, for a
//! group (or anything as hard to undo), a line to type its name into, with its cursor.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::core::model::Confirm;
use crate::ui::theme::theme;
use crate::ui::widgets::form::{boxed, outcome, popup};
use crate::ui::widgets::input::{self, Drawn};

pub fn render(c: &Confirm, ticks: u64, frame: &mut Frame, area: Rect) {
    let mut lines = vec![Line::raw("")];
    for l in &c.lines {
        lines.push(Line::raw(format!(" {l}")));
    }
    lines.push(Line::raw(""));
    let key = Style::default()
        .fg(theme().accent)
        .add_modifier(Modifier::BOLD);
    let width = c
        .lines
        .iter()
        .map(|l| l.chars().count() as u16 + 4)
        .chain([c.title.chars().count() as u16 + 6, 40])
        .max()
        .unwrap_or(40)
        .min(area.width);
    const NAME: &str = " name› ";
    let before = NAME.chars().count();
    let mut cursor: Option<(usize, Drawn)> = None;
    match &c.typed {
        Some((_, typed)) => {
            let room = width.saturating_sub(2).saturating_sub(before as u16);
            let drawn = input::spans(typed, room, Style::default(), true);
            let mut spans = vec![Span::styled(NAME, Style::default().fg(theme().focus))];
            spans.extend(drawn.spans.iter().cloned());
            cursor = Some((lines.len(), drawn));
            lines.push(Line::from(spans));
        }
        None => lines.push(Line::from(vec![
            Span::raw(" "),
            Span::styled("<y>", key),
            Span::raw(" yes   "),
            Span::styled("<n>", key),
            Span::raw(" no"),
        ])),
    }
    lines.extend(outcome(c.pending.is_some(), c.error.as_deref(), ticks));
    let area = popup(
        area,
        width,
        lines.len() as u16 + 2 + u16::from(c.error.is_some()),
    );
    if let Some((row, drawn)) = cursor {
        let inner = area.inner(Margin::new(1, 1));
        input::place_cursor(frame, inner, &lines, row, before, &drawn);
    }
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
