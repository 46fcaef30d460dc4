//! Draws a `TextInput` (`core::input::text`): its value in a given width, masked fields as
//! one `•` per char, scrolled sideways so the cursor stays in view. The focused field shows
//! its cursor twice: the terminal's own (`Frame::set_cursor_position`) and a drawn one (the
//! cell under it reversed, or `█` past the last char), so TestBackend screens show it too.
//! Reads the field only; what keys do to it is `update`'s business.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::core::input::text::TextInput;
use crate::ui::theme::theme;

/// A field laid out in one line: its spans, and where the cursor is among them.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    /// At most `width` columns: the visible part of the value, with the cursor cell.
    pub spans: Vec<Span<'static>>,
    /// The cursor's column from the start of the first span (None when not focused).
    pub cursor: Option<u16>,
}

impl Drawn {
    /// The terminal position of the cursor, when the spans start at `origin`.
    pub fn cursor_at(&self, origin: Position) -> Option<Position> {
        self.cursor
            .map(|c| Position::new(origin.x.saturating_add(c), origin.y))
    }
}

/// The field in at most `width` columns, drawn in `style`. A focused field scrolls so its
/// cursor shows and draws the cursor cell; an unfocused one shows its start.
pub fn spans(input: &TextInput, width: u16, style: Style, focused: bool) -> Drawn {
    let cells = cells(input);
    let at = cursor_cell(input, &cells);
    let width = usize::from(width);
    let before: usize = cells[..at].iter().map(|c| c.1).sum();
    let mut skip = 0;
    if focused {
        let under = cells.get(at).map_or(1, |c| c.1.max(1));
        let scroll = (before + under).saturating_sub(width);
        let mut skipped = 0;
        while skipped < scroll && skip < at {
            skipped += cells[skip].1;
            skip += 1;
        }
    }
    let mut out = Vec::new();
    let mut used = 0;
    let mut run = String::new();
    let mut cursor = None;
    for (i, (g, w)) in cells.iter().enumerate().skip(skip) {
        if focused && i == at {
            flush(&mut out, &mut run, style);
            cursor = Some(used as u16);
            if used + w.max(&1) > width {
                break;
            }
            out.push(Span::styled(g.clone(), style.patch(theme().cursor())));
        } else {
            if used + w > width {
                break;
            }
            run.push_str(g);
        }
        used += w;
    }
    flush(&mut out, &mut run, style);
    if focused && at == cells.len() {
        cursor = Some(used as u16);
        if used < width {
            out.push(Span::styled("█", theme().cursor_end()));
        }
    }
    Drawn { spans: out, cursor }
}

/// Draw the field in the first row of `area`; when focused, put the terminal's cursor on it
/// and return where.
pub fn render(
    input: &TextInput,
    frame: &mut Frame,
    area: Rect,
    style: Style,
    focused: bool,
) -> Option<Position> {
    let drawn = spans(input, area.width, style, focused);
    let at = drawn.cursor_at(area.as_position());
    frame.render_widget(Paragraph::new(Line::from(drawn.spans)), area);
    if let Some(p) = at.filter(|p| area.contains(*p)) {
        frame.set_cursor_position(p);
    }
    at
}

/// Put the terminal's cursor on a field drawn into line `row` of a paragraph at `area`,
/// `before` columns in. Only when the lines above it do not wrap (else the row is unknown
/// and the drawn cursor alone shows where it is).
pub fn place_cursor(
    frame: &mut Frame,
    area: Rect,
    lines: &[Line],
    row: usize,
    before: usize,
    drawn: &Drawn,
) {
    if lines
        .iter()
        .take(row)
        .any(|l| l.width() > usize::from(area.width))
    {
        return;
    }
    let (Ok(row), Ok(before)) = (u16::try_from(row), u16::try_from(before)) else {
        return;
    };
    let origin = Position::new(area.x.saturating_add(before), area.y.saturating_add(row));
    if let Some(p) = drawn.cursor_at(origin).filter(|p| area.contains(*p)) {
        frame.set_cursor_position(p);
    }
}

/// The value as drawn, one (text, columns) per grapheme, or one `•` per char when masked.
fn cells(input: &TextInput) -> Vec<(String, usize)> {
    if input.masked {
        input
            .value()
            .chars()
            .map(|_| ("•".to_string(), 1))
            .collect()
    } else {
        input
            .value()
            .graphemes(true)
            .map(|g| (g.to_string(), g.width()))
            .collect()
    }
}

/// Which cell the cursor sits on (`cells.len()` past the end).
fn cursor_cell(input: &TextInput, cells: &[(String, usize)]) -> usize {
    if input.masked {
        return input.cursor();
    }
    let mut chars = 0;
    for (i, (g, _)) in cells.iter().enumerate() {
        if chars >= input.cursor() {
            return i;
        }
        chars += g.chars().count();
    }
    cells.len()
}

fn flush(out: &mut Vec<Span<'static>>, run: &mut String, style: Style) {
    if !run.is_empty() {
        out.push(Span::styled(std::mem::take(run), style));
    }
}

#[cfg(test)]
mod tests;
