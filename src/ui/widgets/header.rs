//! The top line: the app, region, endpoint, profile, and the presenter and read-only badges.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::core::model::Model;
use crate::ui::theme::theme;

pub fn render(model: &Model, frame: &mut Frame, area: Rect) {
    let dim = Style::default().fg(theme().muted);
    let val = Style::default().fg(theme().accent);
    let mut spans = vec![
        Span::styled(" cognito-tui ", badge(theme().accent)),
        Span::styled("  region ", dim),
        Span::styled(model.ctx.region.clone(), val),
    ];
    if let Some(p) = &model.ctx.profile {
        spans.push(Span::styled("  profile ", dim));
        spans.push(Span::styled(p.clone(), val));
    }
    spans.push(Span::styled("  endpoint ", dim));
    spans.push(Span::styled(
        model.ctx.endpoint.clone().unwrap_or_else(|| "AWS".into()),
        val,
    ));
    if model.workshop.presenter {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(" PRESENTER ", badge(theme().special)));
    }
    if model.ctx.read_only {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(" READ-ONLY ", badge(theme().warn)));
    }
    frame.render_widget(Line::from(spans), area);
}

/// A badge on `bg`; reversed when there is no colour, so it still stands out.
fn badge(bg: ratatui::style::Color) -> Style {
    let s = Style::default()
        .fg(theme().badge_fg)
        .bg(bg)
        .add_modifier(Modifier::BOLD);
    if theme().mono {
        s.add_modifier(Modifier::REVERSED)
    } else {
        s
    }
}
