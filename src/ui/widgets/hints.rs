//! The hint bar, drawn from the keymap of the current mode: the view's own keys on the left,
//! the global ones (command, help, quit) on the right so they are never cut off.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::core::input::keymap::Keymap;
use crate::core::model::Model;
use crate::ui::theme::theme;

/// The hints as spans, whole hints only, as many as fit in `width` columns.
fn spans(hints: &[(String, &'static str)], width: usize) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut used = 0;
    for (keys, label) in hints {
        let w = keys.chars().count() + label.chars().count() + 5;
        if used + w > width {
            break;
        }
        used += w;
        out.push(Span::styled(
            format!("<{keys}>"),
            Style::default()
                .fg(theme().accent)
                .add_modifier(Modifier::BOLD),
        ));
        out.push(Span::styled(
            format!(" {label}  "),
            Style::default().fg(theme().dim),
        ));
    }
    out
}

pub fn render(model: &Model, keymap: &Keymap, frame: &mut Frame, area: Rect) {
    let (mut own, global) = keymap.hints_split(model.mode());
    // On the tour's panel, its keys come first, then those of the pane below.
    if model.mode() == crate::core::model::Mode::Tour {
        let live = model.workshop.tour.as_ref().is_some_and(|t| t.live());
        if !live {
            own.retain(|(_, label)| *label != "do it live");
        }
        // The pane's own hints, less the keys the panel takes.
        let taken: Vec<String> = own.iter().map(|(k, _)| k.clone()).collect();
        let below = keymap.hints_split(model.view_mode()).0;
        own.extend(below.into_iter().filter(|(k, _)| !taken.contains(k)));
    }
    let right = spans(&global, area.width as usize);
    let width: usize = right.iter().map(|s| s.content.chars().count()).sum();
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(width as u16)]).areas(area);
    let mut left = vec![Span::raw(" ")];
    let mut room = left_area.width.saturating_sub(1) as usize;
    if keymap.read_only && model.mode() == model.view_mode() {
        let why = "read-only: write keys hidden  ";
        room = room.saturating_sub(why.chars().count());
        left.push(Span::styled(why, Style::default().fg(theme().warn)));
    }
    left.extend(spans(&own, room));
    frame.render_widget(Line::from(left), left_area);
    frame.render_widget(Line::from(right), right_area);
}
