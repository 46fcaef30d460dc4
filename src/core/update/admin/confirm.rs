//! Confirmations (y/n, or typing the name for the worst) and the bulk panel's keys.

use super::*;

pub(in crate::core::update) fn confirm_action(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(c) = model.confirm.clone() else {
        return vec![];
    };
    match action {
        Action::Back => {
            model.confirm = None;
            vec![]
        }
        // q (or ctrl-c) again, on the quit question, quits.
        Action::Quit if c.then == Confirmed::Quit => really_quit(model),
        Action::Quit => quit(model),
        Action::Yes | Action::Submit if c.pending.is_none() => {
            if let Some((expected, typed)) = &c.typed
                && typed.value() != expected
            {
                if let Some(c) = &mut model.confirm {
                    c.error = Some(format!("type {expected} exactly to confirm"));
                }
                return vec![];
            }
            match c.then {
                Confirmed::Write(write) => {
                    let fx = write_now(model, c.pool_id, write);
                    if let (Some(id), Some(c)) = (model.latest_write(), &mut model.confirm) {
                        c.pending = Some(id);
                        c.error = None;
                    }
                    fx
                }
                Confirmed::Bulk { op, usernames } => {
                    model.confirm = None;
                    start_bulk(model, c.pool_id, op, usernames)
                }
                Confirmed::Quit => really_quit(model),
            }
        }
        _ => vec![],
    }
}

/// A key typed, or text pasted, into the name to confirm.
pub(in crate::core::update) fn type_confirm(model: &mut Model, edit: Edit) {
    let Some(c) = &mut model.confirm else {
        return;
    };
    let Some((_, typed)) = &mut c.typed else {
        return;
    };
    if typed.edit(edit) {
        c.error = None;
    }
}

/// Cancel the running bulk run after the item under way; the rest end as not run.
pub(in crate::core::update) fn cancel_bulk(model: &mut Model) -> Vec<Effect> {
    match model.bulk.as_mut().filter(|b| !b.finished) {
        Some(b) if b.cancelling => vec![],
        Some(b) => {
            b.cancelling = true;
            let text = format!(
                "cancelling the bulk {}: it stops after the item under way ({} of {} done)",
                b.op.verb(),
                b.done(),
                b.items.len()
            );
            let id = b.id;
            model.flash(Level::Warn, text);
            vec![Effect::CancelBulk(id)]
        }
        None => {
            model.flash(Level::Info, "no bulk run is running");
            vec![]
        }
    }
}

pub(in crate::core::update) fn bulk_action(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(b) = &mut model.bulk else {
        return vec![];
    };
    match action {
        Action::Back => b.shown = false,
        Action::CancelBulk => return cancel_bulk(model),
        Action::Quit => return quit(model),
        Action::Up => b.scroll = b.scroll.saturating_sub(1),
        Action::Down => b.scroll = b.scroll.saturating_add(1),
        Action::Top => b.scroll = 0,
        Action::Bottom => b.scroll = (b.items.len() as u16).saturating_sub(1),
        Action::PageUp => b.scroll = b.scroll.saturating_sub(PAGE as u16),
        Action::PageDown => b.scroll = b.scroll.saturating_add(PAGE as u16),
        _ => {}
    }
    vec![]
}
