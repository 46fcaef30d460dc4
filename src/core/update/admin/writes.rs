//! Starting writes (one, or a paced bulk run) and what their results do: flash, refresh,
//! a failure kept next to what it was about, a lost answer and what its check found. Every
//! single write in flight is tracked by its request id; one bulk run at a time.

use super::*;

/// Start one write now; its result flashes and refreshes the view.
pub(in crate::core::update) fn write_now(
    model: &mut Model,
    pool_id: String,
    write: Write,
) -> Vec<Effect> {
    let id = model.fresh_id();
    model.writing.insert(id, write.clone());
    vec![Effect::Call(id, Request::Write { pool_id, write })]
}

/// Refuse a second bulk run while one runs, saying why; `true` when refused.
pub(in crate::core::update) fn refuse_second_bulk(model: &mut Model) -> bool {
    let Some(b) = model.running_bulk() else {
        return false;
    };
    let text = format!(
        "a bulk {} run is under way ({} of {} done): one bulk run at a time — wait for it, or B then x to cancel it",
        b.op.verb(),
        b.done(),
        b.items.len()
    );
    model.flash(Level::Warn, text);
    true
}

pub(in crate::core::update) fn start_bulk(
    model: &mut Model,
    pool_id: String,
    op: BulkOp,
    usernames: Vec<String>,
) -> Vec<Effect> {
    if refuse_second_bulk(model) {
        return vec![];
    }
    let id = model.fresh_id();
    model.bulk = Some(Bulk {
        id,
        op: op.clone(),
        results: vec![None; usernames.len()],
        items: usernames.clone(),
        finished: false,
        cancelling: false,
        shown: true,
        scroll: 0,
        pace: None,
    });
    if let Some(u) = &mut model.users {
        u.marked.clear();
    }
    vec![Effect::Bulk(
        id,
        BulkRun {
            pool_id,
            op,
            usernames,
        },
    )]
}

/// Reload the view after a write, the cursor where it was (clamped when the rows land).
pub(in crate::core::update) fn refresh(model: &mut Model) -> Vec<Effect> {
    let users = model.users.as_ref().map(|u| u.pane.selected);
    let groups = model.groups.as_ref().map(|g| g.selected);
    let mut fx = load_view(model);
    // The attributes view keeps a loaded user: reload it, its values changed.
    if let View::Attributes {
        pool,
        user: Some(username),
    } = model.view().clone()
    {
        fx.extend(load_user(model, pool.id, username));
    }
    if let (Some(u), Some(s)) = (&mut model.users, users) {
        u.pane.selected = s;
    }
    if let (Some(g), Some(s)) = (&mut model.groups, groups) {
        g.selected = s;
    }
    fx
}

pub(in crate::core::update) fn on_written(
    model: &mut Model,
    id: RequestId,
    outcome: WriteOutcome,
    at: i64,
) -> Vec<Effect> {
    let Some(write) = model.writing.remove(&id) else {
        return vec![];
    };
    if let Some(err) = outcome.error() {
        record_error(model, write.operation(), &err, at);
    }
    match outcome {
        WriteOutcome::Done
        | WriteOutcome::Checked {
            done: Some(true), ..
        } => {
            if model.form.as_ref().is_some_and(|f| f.pending == Some(id)) {
                model.form = None;
            }
            if model
                .confirm
                .as_ref()
                .is_some_and(|c| c.pending == Some(id))
            {
                model.confirm = None;
            }
            match outcome.story() {
                // The answer was lost and the check found it done: say both.
                Some(story) => model.flash(Level::Warn, format!("✓ {story}")),
                None => model.flash(Level::Info, format!("✓ {}", write.done())),
            }
            // What was deleted is no longer on screen.
            let gone = match (&write, model.view()) {
                (Write::DeleteUser { username }, View::UserDetail { username: u, .. }) => {
                    u == username
                }
                (Write::DeleteGroup { name }, View::Members { group, .. }) => group == name,
                _ => false,
            };
            if gone && model.stack.len() > 1 {
                model.stack.pop();
                prune(model);
            }
            let mut fx = refresh(model);
            // A new custom attribute or trigger changes the pool's detail under the view.
            if matches!(
                write,
                Write::AddCustomAttribute(_) | Write::SetTrigger { .. }
            ) && !matches!(
                model.view(),
                View::Attributes { .. } | View::Triggers(_) | View::PoolDetail { .. }
            ) && let Some(d) = model.detail.as_ref().map(|d| d.pool_id.clone())
            {
                fx.extend(load_detail(model, d));
            }
            fx
        }
        other => {
            let mark = if matches!(other, WriteOutcome::Checked { done: None, .. }) {
                "?"
            } else {
                "✗"
            };
            let why = format!("{mark} {}", other.story().unwrap_or_default());
            // The story is on the flash line too, whether or not its form is still open.
            model.flash(Level::Warn, why.clone());
            if let Some(f) = model.form.as_mut().filter(|f| f.pending == Some(id)) {
                f.pending = None;
                f.error = Some(why);
            } else if let Some(c) = model.confirm.as_mut().filter(|c| c.pending == Some(id)) {
                c.pending = None;
                c.error = Some(why);
            }
            vec![]
        }
    }
}

pub(in crate::core::update) fn on_generated(
    model: &mut Model,
    id: RequestId,
    password: crate::domain::Result<Secret>,
) -> Vec<Effect> {
    let presenter = model.workshop.presenter;
    let Some(form) = model.form.as_mut().filter(|f| f.generating == Some(id)) else {
        return vec![];
    };
    form.generating = None;
    let password = match password {
        Ok(p) => p,
        Err(e) => {
            form.error = Some(e.headline());
            return vec![];
        }
    };
    if let Some(field) = form
        .fields
        .iter_mut()
        .find(|f| matches!(f.kind, FieldKind::Secret { .. }))
    {
        field.value.set(password.expose());
        // Shown, so the operator can hand it over (never in presenter mode).
        field.kind = FieldKind::Secret { shown: !presenter };
    }
    form.error = None;
    vec![]
}

pub(in crate::core::update) fn on_bulk_item(
    model: &mut Model,
    id: RequestId,
    index: usize,
    outcome: WriteOutcome,
    at: i64,
) -> Vec<Effect> {
    let Some(op) = model
        .bulk
        .as_ref()
        .filter(|b| b.id == id)
        .map(|b| b.op.clone())
    else {
        return vec![];
    };
    if let Some(err) = outcome.error() {
        record_error(model, op.write("").operation(), &err, at);
    }
    let end = match &outcome {
        WriteOutcome::Done => ItemEnd::Done,
        WriteOutcome::Failed(e) => ItemEnd::Failed(e.headline()),
        WriteOutcome::Checked { done, .. } => ItemEnd::Checked {
            done: *done,
            story: outcome.story().unwrap_or_default(),
        },
    };
    if let Some(slot) = model.bulk.as_mut().and_then(|b| b.results.get_mut(index)) {
        *slot = Some(end);
    }
    vec![]
}

pub(in crate::core::update) fn on_bulk_pace(
    model: &mut Model,
    id: RequestId,
    per_second: f64,
    slowed: bool,
) -> Vec<Effect> {
    if let Some(b) = model.bulk.as_mut().filter(|b| b.id == id) {
        b.pace = Some((per_second, slowed));
    }
    vec![]
}

pub(in crate::core::update) fn on_bulk_done(model: &mut Model, id: RequestId) -> Vec<Effect> {
    let Some(b) = model.bulk.as_mut().filter(|b| b.id == id) else {
        return vec![];
    };
    b.finished = true;
    // Items the run never reached (it was cancelled) end as not run.
    for slot in b.results.iter_mut().filter(|r| r.is_none()) {
        *slot = Some(ItemEnd::NotRun);
    }
    let text = format!(
        "bulk {}{}: {}",
        b.op.verb(),
        if b.cancelling { " cancelled" } else { "" },
        b.tally()
    );
    let clean = b.succeeded() == b.items.len();
    model.flash(if clean { Level::Info } else { Level::Warn }, text);
    if matches!(model.view(), View::Users(_) | View::Members { .. }) {
        refresh(model)
    } else {
        vec![]
    }
}
