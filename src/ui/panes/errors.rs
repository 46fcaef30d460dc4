//! `:errors`: every failed call of the session, newest first: time, operation, code,
//! message and request id.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::Cell;

use crate::core::model::derive::error_at;
use crate::core::model::{LoadState, Model};
use crate::ui::format::date;
use crate::ui::widgets::table::{self, Rows, Spec};

pub fn render(model: &Model, frame: &mut Frame, area: Rect) {
    table::render(
        frame,
        area,
        Spec {
            title: "Errors".into(),
            status: format!("({})", model.errors.len()),
            what: "errors",
            headers: &["TIME", "OPERATION", "CODE", "MESSAGE", "REQUEST ID"],
            widths: &[
                Constraint::Length(23),
                Constraint::Length(22),
                Constraint::Length(26),
                Constraint::Fill(3),
                Constraint::Fill(1),
            ],
            rows: Rows {
                state: &LoadState::Loaded,
                has_data: true,
                len: model.errors.len(),
                selected: model.errors_selected,
            },
            empty: vec![table::note("No call has failed in this session.")],
            ticks: model.ticks,
        },
        |i| {
            error_at(model, i)
                .map(|e| {
                    vec![
                        Cell::from(date(Some(e.at))),
                        Cell::from(e.operation),
                        Cell::from(
                            e.error
                                .code
                                .clone()
                                .unwrap_or_else(|| e.error.kind.label().to_string()),
                        ),
                        Cell::from(e.error.message.clone()),
                        Cell::from(e.error.request_id.clone().unwrap_or_else(|| "—".into())),
                    ]
                })
                .unwrap_or_default()
        },
    );
}
