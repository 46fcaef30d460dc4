//! The levelled flash line; it clears itself (the model counts its ticks down).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use crate::core::model::Model;
use crate::ui::theme::theme;

pub fn render(model: &Model, frame: &mut Frame, area: Rect) {
    let Some(f) = &model.flash else {
        return;
    };
    let color = theme().level(f.level);
    frame.render_widget(
        Line::styled(format!(" {}", f.text), Style::default().fg(color)),
        area,
    );
}
