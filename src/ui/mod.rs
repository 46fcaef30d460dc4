//! `render`: the whole screen as a pure function of the Model and the Keymap. It never
//! mutates, awaits or reads the clock.

pub mod format;
pub mod panes;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

use crate::keymap::Keymap;
use crate::model::{Model, View};

pub fn render(model: &Model, keymap: &Keymap, frame: &mut Frame) {
    let [header, crumbs, main, flash, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    widgets::header::render(model, frame, header);
    widgets::crumbs::render(model, frame, crumbs);
    match model.view() {
        View::Pools => panes::pools::render(model, frame, main),
        View::PoolDetail { .. } => panes::pool_detail::render(model, frame, main),
    }
    widgets::flash::render(model, frame, flash);
    widgets::hints::render(model, keymap, frame, hints);
    if model.help {
        panes::help::render(model, keymap, frame, main);
    }
}

#[cfg(test)]
mod tests;
