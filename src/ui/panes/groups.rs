//! Groups (ListGroups, every page).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::Cell;

use crate::core::model::{Model, View};
use crate::ui::format::date;
use crate::ui::panes::users::status;
use crate::ui::widgets::table::{self, Rows, Spec};

pub fn render(model: &Model, frame: &mut Frame, area: Rect) {
    let (View::Groups(pool), Some(pane)) = (model.view(), &model.groups) else {
        return;
    };
    let empty = if pane.filter.is_empty() {
        vec![table::note("This pool has no groups.")]
    } else {
        vec![table::note(format!("No group matches /{}.", pane.filter))]
    };
    table::render(
        frame,
        area,
        Spec {
            title: format!("Groups — {}", pool.label()),
            status: status(pane, "groups"),
            what: "groups",
            headers: &["NAME", "PRECEDENCE", "DESCRIPTION", "IAM ROLE", "CREATED"],
            widths: &[
                Constraint::Fill(1),
                Constraint::Length(10),
                Constraint::Fill(3),
                Constraint::Fill(1),
                Constraint::Length(23),
            ],
            rows: Rows::of(pane),
            empty,
            ticks: model.ticks,
        },
        |i| {
            pane.get(i)
                .map(|g| {
                    vec![
                        Cell::from(g.name.clone()),
                        Cell::from(g.precedence.map_or("—".into(), |p| p.to_string())),
                        Cell::from(g.description.clone().unwrap_or_else(|| "—".into())),
                        Cell::from(g.role_arn.clone().unwrap_or_else(|| "—".into())),
                        Cell::from(date(g.created)),
                    ]
                })
                .unwrap_or_default()
        },
    );
}
