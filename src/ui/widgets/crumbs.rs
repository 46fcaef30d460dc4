//! The breadcrumbs of the view stack: `pools › cognito-workshop`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::core::model::Model;
use crate::ui::theme::theme;

pub fn render(model: &Model, frame: &mut Frame, area: Rect) {
    let crumbs = model.breadcrumbs();
    let mut spans = vec![Span::raw(" ")];
    for (i, c) in crumbs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", Style::default().fg(theme().muted)));
        }
        let style = if i + 1 == crumbs.len() {
            Style::default()
                .fg(theme().warn)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().fg(theme().dim)
        };
        spans.push(Span::styled(c.clone(), style));
    }
    frame.render_widget(Line::from(spans), area);
}
