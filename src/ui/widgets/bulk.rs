//! The bulk-run panel: a gauge of items done, then one line per item — done, failed with
//! its error, or waiting. Every item is listed; a failure never hides the others.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Gauge, Paragraph};

use crate::core::model::Bulk;
use crate::ui::format::spinner;
use crate::ui::theme::theme;
use crate::ui::widgets::form::popup;

pub fn render(b: &Bulk, ticks: u64, frame: &mut Frame, area: Rect) {
    let n = b.items.len();
    let height = (n as u16 + 4).min(area.height);
    let area = popup(area, area.width.saturating_sub(4).min(90), height);
    let title = if b.finished {
        format!(
            " Bulk {} — {} of {n} done, {} failed ",
            b.op.verb(),
            b.done() - b.failed(),
            b.failed()
        )
    } else {
        format!(
            " Bulk {} {} — {} of {n} ",
            b.op.verb(),
            spinner(ticks),
            b.done()
        )
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Style::default().fg(theme().accent))
        .title(Line::styled(
            title,
            Style::default()
                .fg(theme().accent)
                .add_modifier(Modifier::BOLD),
        ))
        .title_bottom(" esc close (the run goes on) · j/k scroll · B reopens ");
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let [gauge, _, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    let ratio = if n == 0 {
        1.0
    } else {
        b.done() as f64 / n as f64
    };
    frame.render_widget(
        Gauge::default()
            .gauge_style(Style::default().fg(if b.failed() > 0 {
                theme().warn
            } else {
                theme().ok
            }))
            .ratio(ratio)
            .label(format!("{}/{n}", b.done())),
        gauge,
    );
    let lines: Vec<Line> = b
        .items
        .iter()
        .zip(&b.results)
        .skip(b.scroll as usize)
        .map(|(name, r)| match r {
            None => Line::styled(format!(" … {name}"), Style::default().fg(theme().dim)),
            Some(Ok(())) => Line::styled(format!(" ✓ {name}"), Style::default().fg(theme().ok)),
            Some(Err(e)) => Line::styled(
                format!(" ✗ {name}: {e}"),
                Style::default().fg(theme().error),
            ),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}
