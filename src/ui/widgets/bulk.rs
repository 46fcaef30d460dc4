//! The bulk-run panel: a gauge of items done (with the pace and the time left while it runs),
//! then one line per item — done, failed with its error, or waiting. Every item is listed; a
//! failure never hides the others.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Gauge, Paragraph};

use crate::core::model::{Bulk, ItemEnd};
use crate::domain::format::rate;
use crate::ui::format::spinner;
use crate::ui::theme::theme;
use crate::ui::widgets::form::popup;

pub fn render(b: &Bulk, ticks: u64, frame: &mut Frame, area: Rect) {
    let n = b.items.len();
    let height = (n as u16 + 4).min(area.height);
    let area = popup(area, area.width.saturating_sub(4).min(90), height);
    let title = if b.finished {
        let mut t = format!(
            " Bulk {} — {} of {n} done, {} failed",
            b.op.verb(),
            b.succeeded(),
            b.failed()
        );
        for (k, what) in [(b.unknown(), "unknown"), (b.not_run(), "not run")] {
            if k > 0 {
                t.push_str(&format!(", {k} {what}"));
            }
        }
        t.push(' ');
        t
    } else if b.cancelling {
        format!(
            " Bulk {} {} — {} of {n}, cancelling after this item ",
            b.op.verb(),
            spinner(ticks),
            b.done()
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
            .label(gauge_label(b)),
        gauge,
    );
    let lines: Vec<Line> = b
        .items
        .iter()
        .zip(&b.results)
        .skip(b.scroll as usize)
        .map(|(name, r)| match r {
            None => Line::styled(format!(" … {name}"), Style::default().fg(theme().dim)),
            Some(ItemEnd::Done) => {
                Line::styled(format!(" ✓ {name}"), Style::default().fg(theme().ok))
            }
            Some(ItemEnd::Failed(e)) => Line::styled(
                format!(" ✗ {name}: {e}"),
                Style::default().fg(theme().error),
            ),
            Some(ItemEnd::Checked { done, story }) => {
                let (mark, colour) = match done {
                    Some(true) => ("✓", theme().ok),
                    Some(false) => ("✗", theme().error),
                    None => ("?", theme().warn),
                };
                Line::styled(
                    format!(" {mark} {name}: {story}"),
                    Style::default().fg(colour),
                )
            }
            Some(ItemEnd::NotRun) => Line::styled(
                format!(" – {name}: not run (cancelled)"),
                Style::default().fg(theme().dim),
            ),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

/// "120/10000 · 25/s · about 6 min 35 s left", or "slowed to 12.5/s (throttled)" while
/// throttling holds the run below the quota; just the count once finished.
fn gauge_label(b: &Bulk) -> String {
    let count = format!("{}/{}", b.done(), b.items.len());
    let (Some((per_second, slowed)), Some(eta), false) = (b.pace, b.eta_secs(), b.finished) else {
        return count;
    };
    let rate = if slowed {
        format!("slowed to {}/s (throttled)", rate(per_second))
    } else {
        format!("{}/s", rate(per_second))
    };
    format!("{count} · {rate} · about {} left", duration(eta))
}

/// "45 s", "6 min 40 s", "1 h 5 min".
fn duration(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min {} s", secs / 60, secs % 60),
        _ => format!("{} h {} min", secs / 3600, secs % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn durations_read_as_a_person_says_them() {
        assert_eq!(duration(45), "45 s");
        assert_eq!(duration(400), "6 min 40 s");
        assert_eq!(duration(3900), "1 h 5 min");
    }
}
