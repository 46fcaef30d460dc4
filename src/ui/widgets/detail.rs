//! A detail pane (one pool, one user, one app client): section titles, `label  value`
//! fields, dim notes, and the body that shows the item's load state — a centred loading or
//! failed message before any data, else the lines scrolled, under a retry line when a
//! refresh failed. It only draws what it is handed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::core::model::{LoadState, Loadable};
use crate::ui::theme::theme;
use crate::ui::widgets::{message, table};

/// How wide a field's label column is, unless a pane asks for another.
pub const LABEL_WIDTH: usize = 26;

/// A section title: `Sign-in`, `MFA`, …
pub fn section(title: &str) -> Line<'static> {
    Line::styled(
        title.to_string(),
        Style::default()
            .fg(theme().warn)
            .add_modifier(Modifier::BOLD),
    )
}

/// A field's label, indented and padded to `width`.
pub fn label(text: &str, width: usize) -> Span<'static> {
    Span::styled(
        format!("  {text:<width$}"),
        Style::default().fg(theme().dim),
    )
}

/// `  Label                     value`, the label padded to [`LABEL_WIDTH`].
pub fn field(label: &str, value: impl Into<String>) -> Line<'static> {
    field_in(LABEL_WIDTH, label, value)
}

/// A field with its label padded to `width`.
pub fn field_in(width: usize, text: &str, value: impl Into<String>) -> Line<'static> {
    Line::from(vec![label(text, width), Span::raw(value.into())])
}

/// An indented dim note: `  none`, `  not supported by this endpoint`.
pub fn note(text: impl Into<String>) -> Line<'static> {
    Line::styled(
        format!("  {}", text.into()),
        Style::default().fg(theme().muted),
    )
}

/// Draw `block` over `area` and, inside it, the item `l`: `loading` (centred) until data
/// arrives, its error if the first load failed, else `lines(data)` scrolled by `scroll`
/// (kept so the last line can still reach the bottom), under a retry line when a refresh
/// failed.
pub fn render<T>(
    frame: &mut Frame,
    area: Rect,
    block: Block<'static>,
    l: &Loadable<T>,
    loading: String,
    scroll: u16,
    lines: impl FnOnce(&T) -> Vec<Line<'static>>,
) {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    match (&l.data, &l.state) {
        (None, LoadState::Failed(err)) => {
            message::centered(frame, inner, message::error_lines(err))
        }
        (None, _) => message::centered(frame, inner, vec![table::note(loading)]),
        (Some(d), st) => {
            let mut all = Vec::new();
            if let LoadState::Failed(err) = st {
                all.push(message::retry_line(err));
            }
            all.extend(lines(d));
            let max = (all.len() as u16).saturating_sub(inner.height);
            frame.render_widget(
                Paragraph::new(all)
                    .wrap(Wrap { trim: false })
                    .scroll((scroll.min(max), 0)),
                inner,
            );
        }
    }
}
