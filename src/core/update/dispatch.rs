//! The dispatch: every `Msg` to its handler, and every `Action` of the browse views to what it
//! does (the admin, runner and prompt keys go to their own files).

use super::*;

/// The effects to run when the app starts.
pub fn init(model: &mut Model) -> Vec<Effect> {
    load_pools(model)
}

pub fn update(model: &mut Model, keymap: &Keymap, msg: Msg) -> Vec<Effect> {
    let mut fx = handle(model, keymap, msg);
    // The guided tour's step goes on as far as the screen has got.
    if model.workshop.tour.is_some() {
        fx.extend(workshop::after(model));
    }
    fx
}

fn handle(model: &mut Model, keymap: &Keymap, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => {
            if key.kind == KeyEventKind::Release {
                return vec![];
            }
            let mut mode = model.mode();
            let mut action = keymap.action(mode, &key);
            if matches!(mode, Mode::Tour | Mode::Chapters) {
                if let Some(a) = action
                    && workshop::tour_takes(model, a)
                {
                    return workshop::tour_act(model, a);
                }
                // The tour's panel hands every other key to the pane below.
                if mode == Mode::Tour {
                    mode = model.view_mode();
                    action = keymap.action(mode, &key);
                }
            }
            match action {
                // ←/→ change the runner's choices; on its text fields they move the cursor.
                Some(Action::CycleNext | Action::CyclePrev)
                    if mode == Mode::AuthForm && runner::on_text_field(model) =>
                {
                    type_text(model, mode, Edit::Key(&key))
                }
                Some(action) => act(model, action),
                None => type_text(model, mode, Edit::Key(&key)),
            }
        }
        // A paste goes to the focused text field whole; anywhere else it is ignored, never
        // replayed as keys (pasting "Dy" in the users view must not delete a user).
        Msg::Paste(text) => {
            let mode = model.mode();
            type_text(model, mode, Edit::Paste(&text))
        }
        Msg::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => act(model, Action::Down),
            MouseEventKind::ScrollUp => act(model, Action::Up),
            MouseEventKind::Down(MouseButton::Left) if !workshop::on_panel(model, m.row) => {
                click(model, m.row)
            }
            _ => vec![],
        },
        Msg::Resize(w, h) => {
            model.size = (w, h);
            vec![]
        }
        Msg::Tick => {
            model.ticks = model.ticks.wrapping_add(1);
            workshop::tick(model);
            if let Some(f) = &mut model.flash {
                f.ttl = f.ttl.saturating_sub(1);
                if f.ttl == 0 {
                    model.flash = None;
                }
            }
            vec![]
        }
        Msg::Api(id, response, at) => {
            model.now = model.now.max(at);
            on_response(model, id, response, at)
        }
        Msg::Now(now) => {
            model.now = now;
            vec![]
        }
        Msg::Switched(id, result) => on_switched(model, id, result),
    }
}

/// A key no binding claimed, or a paste: to the focused text field of a text mode (the
/// prompt, a form, the typed confirmation, the runner's form); other modes drop it.
fn type_text(model: &mut Model, mode: Mode, edit: Edit) -> Vec<Effect> {
    match mode {
        Mode::Prompt => type_key(model, edit),
        Mode::AuthForm => runner::type_key(model, edit),
        Mode::Form | Mode::PasswordForm => admin::type_form(model, edit),
        Mode::ConfirmTyped => admin::type_confirm(model, edit),
        _ => {}
    }
    vec![]
}

pub(in crate::core::update) fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    if action == Action::Suspend {
        return vec![Effect::Suspend];
    }
    if let Some(fx) = workshop::guard(model, action) {
        return fx;
    }
    if model.help {
        match action {
            Action::Back | Action::Help => model.help = false,
            Action::Quit => return quit(model),
            _ => {}
        }
        return vec![];
    }
    if model.prompt.is_some() {
        return match action {
            Action::Submit => submit_prompt(model),
            Action::Complete => {
                complete_prompt(model);
                vec![]
            }
            Action::Back => {
                cancel_prompt(model);
                vec![]
            }
            _ => vec![],
        };
    }
    if model.form.is_some() {
        return admin::form_action(model, action);
    }
    if model.confirm.is_some() {
        return admin::confirm_action(model, action);
    }
    if model.bulk.as_ref().is_some_and(|b| b.shown) {
        return admin::bulk_action(model, action);
    }
    if let Some(o) = &mut model.overlay {
        match action {
            Action::Back => model.overlay = None,
            Action::Up => o.scroll = o.scroll.saturating_sub(1),
            Action::Down => o.scroll = o.scroll.saturating_add(1),
            Action::PageUp => o.scroll = o.scroll.saturating_sub(PAGE as u16),
            Action::PageDown => o.scroll = o.scroll.saturating_add(PAGE as u16),
            Action::Top => o.scroll = 0,
            Action::Bottom => o.scroll = (o.lines.len() as u16).saturating_sub(1),
            _ => {}
        }
        return vec![];
    }
    if matches!(model.view(), View::Auth(_))
        && let Some(fx) = runner::act(model, action)
    {
        return fx;
    }
    match action {
        Action::SignIn => open_runner(model),
        Action::Quit => quit(model),
        Action::Help => {
            model.help = true;
            vec![]
        }
        Action::Command => {
            open_prompt(model, PromptKind::Command, String::new());
            vec![]
        }
        Action::Back => back(model),
        Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown => navigate(model, action),
        Action::Refresh => load_view(model),
        Action::Open => open(model),
        Action::Clients => goto_pool_view(model, View::Clients, false),
        Action::Users => goto_pool_view(model, View::Users, false),
        Action::Groups => goto_pool_view(model, View::Groups, false),
        Action::Triggers => goto_pool_view(model, View::Triggers, false),
        Action::IdentityPools => match current_pool(model) {
            Some(pool) => identity::open(model, Some(pool)),
            None => no_pool(model),
        },
        Action::AuthEvents => super::admin::auth_events::load(model),
        Action::Attributes => {
            let user = match model.view() {
                View::UserDetail { username, .. } => Some(username.clone()),
                _ => None,
            };
            match current_pool(model) {
                Some(pool) => push(model, View::Attributes { pool, user }),
                None => no_pool(model),
            }
        }
        Action::Filter => {
            if list_filter(model).is_some() {
                let text = list_filter(model).unwrap_or_default();
                open_prompt(model, PromptKind::Filter, text);
            }
            vec![]
        }
        Action::ServerFilter => {
            if let Some(u) = &model.users {
                let text = u
                    .server_filter
                    .as_ref()
                    .map(|f| format!("{} {} {}", f.attribute, f.op.symbol(), f.value))
                    .unwrap_or_default();
                open_prompt(model, PromptKind::ServerFilter, text);
            }
            vec![]
        }
        Action::Describe => {
            describe(model);
            vec![]
        }
        Action::Json => {
            if let Some((title, json)) = json_selected(model) {
                model.overlay = Some(Overlay {
                    title,
                    lines: json.lines().map(str::to_string).collect(),
                    scroll: 0,
                });
            }
            vec![]
        }
        Action::Reveal => reveal_secret(model),
        a if a.is_write() || a == Action::ShowBulk => admin::act(model, a),
        // Form, confirmation and runner actions do nothing elsewhere.
        _ => vec![],
    }
}

/// Quit, asking first when writes or a bulk run are in flight (and saying what would be
/// abandoned).
pub(in crate::core::update) fn quit(model: &mut Model) -> Vec<Effect> {
    let abandoned = model.in_flight();
    if abandoned.is_empty() {
        return really_quit(model);
    }
    let mut lines = vec!["These are still running; quitting now abandons them:".to_string()];
    lines.extend(abandoned.into_iter().map(|l| format!("  · {l}")));
    lines.push("y (or q again) quits anyway; n stays.".into());
    model.confirm = Some(crate::core::model::Confirm {
        title: "Quit while writes are in flight?".into(),
        lines,
        pool_id: String::new(),
        then: crate::core::model::Confirmed::Quit,
        typed: None,
        pending: None,
        error: None,
    });
    vec![]
}

pub(in crate::core::update) fn really_quit(model: &mut Model) -> Vec<Effect> {
    model.quit = true;
    vec![Effect::Quit]
}
