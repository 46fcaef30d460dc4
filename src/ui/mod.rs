//! `render`: the whole screen as a pure function of the Model and the Keymap. It never
//! mutates, awaits or reads the clock, and never calls `update`: what both need (derived
//! values, the screen's geometry, date text) lives in `core::model` and `domain`.

pub mod format;
pub mod panes;
pub mod theme;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::core::input::keymap::Keymap;
use crate::core::model::layout::{self, Area};
use crate::core::model::{Model, View};

impl From<Area> for Rect {
    fn from(a: Area) -> Self {
        Rect::new(a.x, a.y, a.width, a.height)
    }
}

impl From<Rect> for Area {
    fn from(r: Rect) -> Self {
        Area::new(r.x, r.y, r.width, r.height)
    }
}

/// Below this many columns or rows the screen shows one "too small" line instead of panes.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;

/// What a terminal below the smallest usable size shows (cut to its width).
pub fn too_small(width: u16, height: u16) -> String {
    format!("terminal too small: {width}×{height} (needs {MIN_WIDTH}×{MIN_HEIGHT})")
}

pub fn render(model: &Model, keymap: &Keymap, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let line: String = too_small(area.width, area.height)
            .chars()
            .take(usize::from(area.width))
            .collect();
        let row = Rect::new(area.x, area.y + area.height / 2, area.width, 1);
        frame.render_widget(
            ratatui::widgets::Paragraph::new(line)
                .style(ratatui::style::Style::default().fg(theme::theme().warn)),
            row,
        );
        return;
    }
    let bands = layout::screen(frame.area().into());
    let [header, crumbs, main, flash, hints] = [
        bands.header,
        bands.crumbs,
        bands.main,
        bands.flash,
        bands.hints,
    ]
    .map(Rect::from);
    widgets::header::render(model, frame, header);
    widgets::crumbs::render(model, frame, crumbs);
    // The tour's narration panel takes the bottom of the pane area.
    let tour = model.workshop.tour.as_ref();
    let panel = model.workshop.panel_height(main.height);
    let (main, panel_area) = (
        Rect {
            height: main.height - panel,
            ..main
        },
        Rect {
            y: main.y + main.height - panel,
            height: panel,
            ..main
        },
    );
    if let Some(t) = tour.filter(|_| panel > 0) {
        widgets::tour::panel(t, frame, panel_area);
    }
    match model.view() {
        View::Pools => panes::pools::render(model, frame, main),
        View::PoolDetail { .. } => panes::pool_detail::render(model, frame, main),
        View::Clients(_) => panes::clients::render(model, frame, main),
        View::ClientDetail { .. } => panes::clients::render_detail(model, frame, main),
        View::Users(_) => panes::users::render(model, frame, main),
        View::UserDetail { .. } => panes::user_detail::render(model, frame, main),
        View::Groups(_) => panes::groups::render(model, frame, main),
        View::Members { .. } => panes::users::render_members(model, frame, main),
        View::Attributes { .. } => panes::attributes::render(model, frame, main),
        View::Triggers(_) => panes::triggers::render(model, frame, main),
        View::Errors => panes::errors::render(model, frame, main),
        View::Auth(_) => panes::runner::render(model, frame, main),
    }
    widgets::flash::render(model, frame, flash);
    widgets::hints::render(model, keymap, frame, hints);
    if let Some(o) = &model.overlay {
        widgets::overlay::render(o, frame, main);
    }
    if let Some(p) = &model.prompt {
        let h = widgets::prompt::height(p).min(main.height);
        let area = Rect {
            y: main.y + main.height - h,
            height: h,
            ..main
        };
        widgets::prompt::render(p, frame, area);
    }
    if let Some(b) = model.bulk.as_ref().filter(|b| b.shown) {
        widgets::bulk::render(b, model.ticks, frame, main);
    }
    if let Some(c) = &model.confirm {
        widgets::confirm::render(c, model.ticks, frame, main);
    }
    if let Some(f) = &model.form {
        widgets::form::render(f, model.ticks, frame, main);
    }
    if let Some(t) = tour
        && let Some(cursor) = t.list
    {
        widgets::tour::list(t, cursor, frame, main);
    }
    if model.help {
        panes::help::render(model, keymap, frame, main);
    }
}

#[cfg(test)]
mod sweep;
#[cfg(test)]
mod tests;
