//! The form popup: one line per field (label, value, help), the focused one highlighted
//! with a cursor, secrets drawn as dots unless shown, choices as ‹ value ›, and the reason
//! the last submit was refused or failed. Also the popup pieces the confirmation and the
//! prompt share: where a popup sits (`popup`), its bordered frame (`boxed`) and its
//! sending / failed line (`outcome`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Margin, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::core::model::{FieldKind, Form};
use crate::ui::format::spinner;
use crate::ui::theme::theme;
use crate::ui::widgets::input::{self, Drawn};

/// A centred popup `width` × `height` inside `area`.
pub fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [p] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    p
}

/// A popup's last line while its submit is out (` ⠋ sending…`) or after it failed
/// (` ✗ why`); `None` otherwise.
pub fn outcome(pending: bool, error: Option<&str>, ticks: u64) -> Option<Line<'static>> {
    if pending {
        return Some(Line::styled(
            format!(" {} sending…", spinner(ticks)),
            Style::default().fg(theme().dim),
        ));
    }
    let e = error?;
    let e = if e.starts_with('✗') {
        e.to_string()
    } else {
        format!("✗ {e}")
    };
    Some(Line::styled(
        format!(" {e}"),
        Style::default().fg(theme().error),
    ))
}

pub fn render(form: &Form, ticks: u64, frame: &mut Frame, area: Rect) {
    let label_w = form
        .fields
        .iter()
        .map(|f| f.label.chars().count())
        .max()
        .unwrap_or(8)
        + 2;
    let width = area.width.saturating_sub(4).min(100);
    let mut lines = vec![Line::raw("")];
    let mut cursor: Option<(usize, usize, Drawn)> = None;
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let value_style = if focused {
            Style::default()
                .fg(theme().text)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().fg(theme().text)
        };
        let before = 3 + label_w;
        let value = match &f.kind {
            FieldKind::Choice(_) => vec![Span::styled(
                format!("‹ {} ›", f.value.value()),
                value_style,
            )],
            kind => {
                let masked = matches!(kind, FieldKind::Secret { shown: false });
                // The focused field keeps its cursor in view beside its help.
                let room = if focused {
                    let help = if f.help.is_empty() {
                        0
                    } else {
                        f.help.width() + 2
                    };
                    let inner = usize::from(width.saturating_sub(2));
                    let room = inner.saturating_sub(before);
                    if room > help + 8 { room - help } else { room }
                } else {
                    usize::from(u16::MAX)
                };
                let drawn = input::spans(
                    &f.value.clone().with_masked(masked),
                    u16::try_from(room).unwrap_or(u16::MAX),
                    value_style,
                    focused,
                );
                let spans = drawn.spans.clone();
                if focused {
                    cursor = Some((lines.len(), before, drawn));
                }
                spans
            }
        };
        let label_style = if focused {
            Style::default()
                .fg(theme().focus)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().fg(theme().dim)
        };
        let mut spans = vec![
            Span::styled(if focused { " ▸ " } else { "   " }, label_style),
            Span::styled(format!("{:<label_w$}", f.label), label_style),
        ];
        spans.extend(value);
        if !f.help.is_empty() {
            spans.push(Span::styled(
                format!("  {}", f.help),
                Style::default().fg(theme().muted),
            ));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    lines.push(
        outcome(form.pending.is_some(), form.error.as_deref(), ticks).unwrap_or_else(|| {
            Line::styled(
                " tab next field · enter submit · esc cancel",
                Style::default().fg(theme().muted),
            )
        }),
    );
    // Borders, plus a row for an error that wraps.
    let height = lines.len() as u16 + 2 + u16::from(form.error.is_some());
    let area = popup(area, width, height);
    if let Some((row, before, drawn)) = cursor {
        let inner = area.inner(Margin::new(1, 1));
        input::place_cursor(frame, inner, &lines, row, before, &drawn);
    }
    boxed(
        frame,
        area,
        lines,
        theme().focus,
        format!(" {} ", form.title),
    );
}

/// Clear `area` and draw `lines` wrapped in a box bordered in `border`, titled `title`: the
/// frame of every popup (form, confirmation, prompt).
pub fn boxed(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    border: Color,
    title: impl Into<Line<'static>>,
) {
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(Style::default().fg(border))
                .title(title),
        ),
        area,
    );
}
