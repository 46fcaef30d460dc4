//! The guided tour: `:workshop` opens the chapter list; a chapter opens its pane on the
//! tour's pool with the right row selected (or the runner set up), shows its narration, and
//! Enter performs its step live; `]` / `[` move on and back; Esc leaves the tour and keeps the
//! place. What a step still has to do (select a row once loaded, answer the password prompt,
//! refresh once signed in) waits in `TourState::then` and is done by [`after`], which
//! dispatch calls after every message.

use super::*;
use crate::core::model::chapters::{self, Pane, Step};
use crate::core::model::workshop::{Then, TourState};

/// `:workshop`: the chapter list, on the chapter the tour is at.
pub(in crate::core::update) fn open_list(model: &mut Model) -> Vec<Effect> {
    if model.workshop.tour.is_none() {
        let tour = model
            .workshop
            .chapters
            .clone()
            .unwrap_or_else(chapters::bundled);
        if tour.chapters.is_empty() {
            model.flash(Level::Error, format!("no chapters: {}", tour.title));
            return vec![];
        }
        model.workshop.tour = Some(TourState::new(tour));
    }
    if let Some(t) = &mut model.workshop.tour {
        t.list = Some(t.at);
    }
    vec![]
}

/// Whether the tour's panel or list takes this action (else it goes to the pane below).
pub(in crate::core::update) fn tour_takes(model: &Model, action: Action) -> bool {
    let Some(t) = &model.workshop.tour else {
        return false;
    };
    if t.list.is_some() {
        return matches!(
            action,
            Action::Submit
                | Action::Back
                | Action::Up
                | Action::Down
                | Action::Top
                | Action::Bottom
                | Action::PageUp
                | Action::PageDown
        );
    }
    match action {
        Action::NextChapter | Action::PrevChapter | Action::Back => t.shown,
        Action::Submit => t.shown && t.live(),
        _ => false,
    }
}

/// An action the tour took (see [`tour_takes`]).
pub(in crate::core::update) fn tour_act(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(t) = &mut model.workshop.tour else {
        return vec![];
    };
    if let Some(cursor) = t.list {
        let n = t.tour.chapters.len();
        match action {
            Action::Submit => return go(model, cursor),
            Action::Back => t.list = None,
            a => t.list = Some(move_index(cursor, n, a)),
        }
        return vec![];
    }
    let (at, n) = (t.at, t.tour.chapters.len());
    match action {
        Action::NextChapter if at + 1 < n => go(model, at + 1),
        Action::NextChapter => {
            model.flash(
                Level::Info,
                "that was the last chapter (:workshop lists them all)",
            );
            vec![]
        }
        Action::PrevChapter if at > 0 => go(model, at - 1),
        Action::PrevChapter => {
            model.flash(Level::Info, "this is the first chapter");
            vec![]
        }
        Action::Back => {
            t.shown = false;
            let text = format!(
                "left the tour at {}: :workshop goes back to it",
                t.position()
            );
            model.flash(Level::Info, text);
            vec![]
        }
        Action::Submit => perform(model),
        _ => vec![],
    }
}

/// Go to chapter `i`: its pane opened on its pool, its narration shown.
fn go(model: &mut Model, i: usize) -> Vec<Effect> {
    let Some(t) = &mut model.workshop.tour else {
        return vec![];
    };
    t.at = i;
    t.list = None;
    t.shown = true;
    t.performed = false;
    t.missing = None;
    t.then.clear();
    let Some(chapter) = t.chapter().cloned() else {
        return vec![];
    };
    let pool_name = chapter.pool.clone().unwrap_or_else(|| t.tour.pool.clone());
    let found = model.pools.list.data.as_ref().and_then(|rows| {
        rows.iter()
            .position(|p| p.name == pool_name)
            .map(|i| (i, rows[i].id.clone()))
    });
    let Some((row, id)) = found else {
        model.flash(
            Level::Warn,
            format!("this chapter needs the pool {pool_name}, which is not in this region's list"),
        );
        if let Some(t) = &mut model.workshop.tour {
            t.missing = Some(pool_name);
        }
        return vec![];
    };
    let pool = PoolRef {
        id,
        name: pool_name,
    };
    // From one sign-in chapter to the next on the same pool the runner stays open, so its
    // session (and transcript) goes on.
    if chapter.pane == Pane::SignIn
        && model.view() == &View::Auth(pool.clone())
        && model.auth.is_some()
    {
        if let (Some(then), Some(t)) = (setup_of(&chapter), &mut model.workshop.tour) {
            t.then.push(then);
        }
        return after(model);
    }
    model.stack.truncate(1);
    prune(model);
    model.pools.selected = row;
    if let Some(sel) = &chapter.select
        && let Some(t) = &mut model.workshop.tour
    {
        t.then.push(Then::Select(sel.clone()));
    }
    let mut fx = match chapter.pane {
        Pane::Pool => push(
            model,
            View::PoolDetail {
                pool_id: pool.id.clone(),
                name: pool.name.clone(),
            },
        ),
        Pane::Attributes => push(model, View::Attributes { pool, user: None }),
        Pane::Clients => push(model, View::Clients(pool)),
        Pane::Groups => push(model, View::Groups(pool)),
        Pane::Users => push(model, View::Users(pool)),
        Pane::Triggers => push(model, View::Triggers(pool)),
        Pane::SignIn => {
            if let (Some(then), Some(t)) = (setup_of(&chapter), &mut model.workshop.tour) {
                t.then.insert(0, then);
            }
            runner::open(model, pool, None, None)
        }
    };
    fx.extend(after(model));
    fx
}

/// The runner set-up a sign-in chapter asks for.
fn setup_of(chapter: &chapters::Chapter) -> Option<Then> {
    let Some(Step::SignIn {
        client,
        flow,
        username,
        ..
    }) = &chapter.step
    else {
        return None;
    };
    Some(Then::Setup {
        client: client.clone(),
        flow: chapters::flow_index(flow)?,
        username: username.clone(),
    })
}

/// Enter on the panel: the chapter's step, live.
fn perform(model: &mut Model) -> Vec<Effect> {
    let Some(t) = &mut model.workshop.tour else {
        return vec![];
    };
    let Some(step) = t.chapter().and_then(|c| c.step.clone()) else {
        return vec![];
    };
    t.performed = true;
    match step {
        Step::Open => open(model),
        Step::Describe => {
            describe(model);
            vec![]
        }
        Step::SignIn {
            client,
            flow,
            username,
            password,
            refresh,
            credentials,
        } => {
            let ready = model
                .auth
                .as_ref()
                .is_some_and(|a| a.clients.data.is_some());
            let Some(flow) = chapters::flow_index(&flow) else {
                return vec![];
            };
            if !ready || !matches!(model.view(), View::Auth(_)) {
                if let Some(t) = &mut model.workshop.tour {
                    t.performed = false;
                }
                model.flash(
                    Level::Warn,
                    "the runner is not ready yet: its app clients are loading",
                );
                return vec![];
            }
            if let Some(a) = &model.auth
                && !matches!(a.stage, Stage::Setup)
            {
                let _ = runner::act(model, Action::NewRun);
            }
            set_up(model, &client, flow, &username);
            if let Some(t) = &mut model.workshop.tour {
                t.then.clear();
                if let Some(p) = password {
                    t.then.push(Then::Password(p));
                }
                if refresh {
                    t.then.push(Then::SignedIn(Action::RefreshTokens));
                }
                if credentials {
                    t.then.push(Then::SignedIn(Action::Credentials));
                }
            }
            let mut fx = runner::act(model, Action::Submit).unwrap_or_default();
            fx.extend(after(model));
            fx
        }
    }
}

/// The runner set up for a chapter: its client (by name), flow and user.
fn set_up(model: &mut Model, client: &str, flow: usize, username: &str) -> bool {
    let Some(a) = &mut model.auth else {
        return false;
    };
    let Some(list) = &a.clients.data else {
        return false;
    };
    match list.iter().position(|c| c.name == client || c.id == client) {
        Some(i) => a.client = i,
        None => {
            model.flash(Level::Warn, format!("the pool has no app client {client}"));
            return true;
        }
    }
    a.flow = flow;
    a.username = crate::core::input::text::TextInput::new(username.to_string());
    true
}

/// Do what the chapter's step still has to, as far as the screen has got (called after
/// every message).
pub(in crate::core::update) fn after(model: &mut Model) -> Vec<Effect> {
    let mut fx = vec![];
    while let Some(next) = model.workshop.tour.as_mut().and_then(|t| t.then.first()) {
        let done = match next {
            Then::Select(name) => {
                let name = name.clone();
                select(model, &name)
            }
            Then::Setup {
                client,
                flow,
                username,
            } => {
                let (client, flow, username) = (client.clone(), *flow, username.clone());
                set_up(model, &client, flow, &username)
            }
            Then::Password(p) => {
                let p = p.clone();
                let Some(a) = &mut model.auth else { break };
                match (&a.stage, a.form.as_mut()) {
                    (Stage::Prompt(crate::auth::Prompt::Password { .. }), Some(f)) => {
                        if let Some(field) = f.fields.first_mut() {
                            field.value.set(p.expose());
                        }
                        if let Some(t) = &mut model.workshop.tour {
                            t.then.remove(0);
                        }
                        fx.extend(runner::act(model, Action::Submit).unwrap_or_default());
                        continue;
                    }
                    (Stage::Failed(_), _) => true,
                    _ => false,
                }
            }
            Then::SignedIn(action) => {
                let action = *action;
                let Some(a) = &model.auth else { break };
                match a.stage {
                    Stage::SignedIn if !a.is_busy() || action == Action::RefreshTokens => {
                        if let Some(t) = &mut model.workshop.tour {
                            t.then.remove(0);
                        }
                        fx.extend(runner::act(model, action).unwrap_or_default());
                        continue;
                    }
                    Stage::Failed(_) => true,
                    _ => false,
                }
            }
        };
        if !done {
            break;
        }
        if let Some(t) = &mut model.workshop.tour {
            t.then.remove(0);
        }
    }
    fx
}

/// Select the row named `name` in the pane on screen, once its rows are in.
fn select(model: &mut Model, name: &str) -> bool {
    fn pick<T>(pane: &mut ListPane<T>, is: impl Fn(&T) -> bool) -> bool {
        if pane.list.data.is_none() {
            return false;
        }
        if let Some(i) = pane.rows().iter().position(is)
            && pane.matches.is_none()
        {
            pane.selected = i;
        }
        true
    }
    match model.view() {
        View::Clients(_) => model
            .clients
            .as_mut()
            .is_none_or(|p| pick(p, |c| c.name == name || c.id == name)),
        View::Groups(_) => model
            .groups
            .as_mut()
            .is_none_or(|p| pick(p, |g| g.name == name)),
        View::Users(_) => model
            .users
            .as_mut()
            .is_none_or(|u| pick(&mut u.pane, |u| u.username == name)),
        View::Attributes { .. } => {
            let Some(d) = model.detail.as_ref().and_then(|d| d.detail.data.as_ref()) else {
                return false;
            };
            if let Some(i) = d
                .schema
                .iter()
                .position(|a| a.name == name || a.name == format!("custom:{name}"))
            {
                model.attributes_selected = i;
            }
            true
        }
        View::Triggers(_) => {
            if let Some(i) = TRIGGERS.iter().position(|t| t.slot == name) {
                model.triggers_selected = i;
            }
            true
        }
        _ => true,
    }
}
