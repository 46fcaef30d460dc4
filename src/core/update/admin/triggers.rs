//! The trigger actions: set or clear the Lambda function of a trigger slot.

use super::*;
use crate::core::model::derive::trigger_arn;

pub(in crate::core::update) fn trigger_action(
    model: &mut Model,
    action: Action,
    pool_id: String,
) -> Vec<Effect> {
    let Some(t) = TRIGGERS.get(model.triggers_selected) else {
        return vec![];
    };
    let Some(slot) = TriggerSlot::from_name(t.slot) else {
        return refuse(model, format!("{} cannot be set from here", t.slot));
    };
    let current = trigger_arn(model, t.slot);
    match action {
        Action::SetTrigger => {
            model.form = Some(Form::new(
                format!("Set trigger {}", t.slot),
                FormKind::SetTrigger { slot },
                pool_id,
                vec![Field::text(
                    "function ARN",
                    current.unwrap_or_default(),
                    "empty clears the slot",
                )],
            ));
            vec![]
        }
        Action::Delete => {
            let Some(arn) = current else {
                return refuse(model, format!("{} is already empty", t.slot));
            };
            confirm(
                model,
                pool_id,
                format!("Clear trigger {}?", t.slot),
                vec![
                    format!("{arn} stops being called."),
                    "Every other pool setting is sent back unchanged.".into(),
                ],
                Confirmed::Write(Write::SetTrigger { slot, arn: None }),
            );
            vec![]
        }
        _ => vec![],
    }
}
