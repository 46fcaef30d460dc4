//! Every Lambda trigger slot of the pool, empty ones too, with when Cognito calls it; enter
//! opens the slot's sample event.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Cell;

use crate::core::model::derive::trigger_arn;
use crate::core::model::{Model, View};
use crate::domain::triggers::TRIGGERS;
use crate::ui::theme::theme;
use crate::ui::widgets::table::{self, Rows, Spec};

pub fn render(model: &Model, frame: &mut Frame, area: Rect) {
    let (View::Triggers(pool), Some(detail)) = (model.view(), &model.detail) else {
        return;
    };
    let lc = detail.detail.data.as_ref().map(|d| &d.lambda_config);
    let set = lc.map_or(0, |c| {
        c.set_slots().iter().filter(|s| **s != "KMSKeyID").count()
    });
    let mut status = format!("({set} of {} set", TRIGGERS.len());
    if let Some(v) = lc.and_then(|c| c.pre_token_generation_version.as_deref()) {
        status.push_str(&format!(" · pre token {v}"));
    }
    if let Some(k) = lc.and_then(|c| c.kms_key_id.as_deref()) {
        status.push_str(&format!(" · KMS key {k}"));
    }
    status.push(')');
    table::render(
        frame,
        area,
        Spec {
            title: format!("Triggers — {}", pool.label()),
            status,
            what: "the trigger slots",
            headers: &["SLOT", "FUNCTION", "WHEN COGNITO CALLS IT"],
            widths: &[
                Constraint::Length(30),
                Constraint::Fill(1),
                Constraint::Fill(3),
            ],
            rows: Rows::loaded(&detail.detail, TRIGGERS.len(), model.triggers_selected),
            empty: vec![],
            ticks: model.ticks,
        },
        |i| {
            let t = &TRIGGERS[i];
            let arn = trigger_arn(model, t.slot);
            let (slot, func) = match arn {
                Some(a) => (
                    Cell::from(Line::styled(
                        format!("✓ {}", t.slot),
                        Style::default().fg(theme().ok),
                    )),
                    Cell::from(a.rsplit(':').next().unwrap_or(&a).to_string()),
                ),
                None => (
                    Cell::from(format!("  {}", t.slot)),
                    Cell::from(Line::styled("— empty", Style::default().fg(theme().muted))),
                ),
            };
            vec![slot, func, Cell::from(t.when)]
        },
    );
}
