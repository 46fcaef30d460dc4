//! The user pools list (ListUserPools, every page).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::Cell;

use crate::core::model::layout;
use crate::core::model::{LoadState, Model};
use crate::ui::format::{date, spinner};
use crate::ui::widgets::{message, table};

pub fn render(model: &Model, frame: &mut Frame, area: Rect) {
    let list = &model.pools.list;
    let rows = list.data.as_deref().unwrap_or(&[]);
    let mut title = format!(" User pools ({}) ", rows.len());
    if list.is_loading() {
        title = format!(
            " User pools ({}) {} loading… ",
            rows.len(),
            spinner(model.ticks)
        );
    }
    let geo = layout::table(
        area.into(),
        list.data.is_some() && list.error().is_some(),
        model.pools.selected,
        rows.len(),
    );
    let inner = Rect::from(geo.inner);
    frame.render_widget(table::titled(title), area);

    if list.data.is_none() {
        let lines = match &list.state {
            LoadState::Failed(err) => message::error_lines(err),
            LoadState::Loading(_) | LoadState::Idle => vec![table::note(format!(
                "{} Loading user pools…",
                spinner(model.ticks)
            ))],
            LoadState::Loaded => vec![],
        };
        message::centered(frame, inner, lines);
        return;
    }
    if rows.is_empty() && !list.is_loading() {
        let mut lines = vec![table::note(format!(
            "No user pools in {}.",
            model.ctx.region
        ))];
        if let Some(err) = list.error() {
            lines = message::error_lines(err);
        } else {
            lines.push(table::hint(
                "Check the region (--region) and profile, or seed a pool with `cognito-tui seed`.",
            ));
        }
        message::centered(frame, inner, lines);
        return;
    }

    // An error after data was shown: keep the rows, say it on the first line.
    if let (Some(at), Some(err)) = (geo.banner, list.error()) {
        frame.render_widget(message::retry_line(err), Rect::from(at));
    }
    // Hand the table only the visible slice.
    table::rows(
        frame,
        &geo,
        &["NAME", "POOL ID", "CREATED", "MODIFIED", "TRIGGERS"],
        &[
            Constraint::Fill(2),
            Constraint::Length(27),
            Constraint::Length(23),
            Constraint::Length(23),
            Constraint::Length(8),
        ],
        |i| {
            let p = &rows[i];
            let triggers = match p.triggers_set {
                Some(0) => "—".to_string(),
                Some(n) => n.to_string(),
                // Not in the list's answer: known once the pool is opened.
                None => "?".to_string(),
            };
            [
                p.name.clone(),
                p.id.clone(),
                date(p.created),
                date(p.modified),
                triggers,
            ]
            .map(Cell::from)
            .to_vec()
        },
    );
}
