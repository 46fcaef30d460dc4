//! The prompts: the `/` and `f` filters and the `:` command line (typing, completing,
//! submitting), and `:region`/`:profile` switching.

use super::*;

pub(in crate::core::update) fn open_prompt(model: &mut Model, kind: PromptKind, text: String) {
    model.prompt = Some(Prompt {
        kind,
        text: TextInput::new(text),
        error: None,
    });
}

/// The local filter of the list on screen (`None` when the view has no filterable list).
pub(in crate::core::update) fn list_filter(model: &Model) -> Option<String> {
    match model.view() {
        View::Clients(_) => model.clients.as_ref().map(|p| p.filter.clone()),
        View::Users(_) => model.users.as_ref().map(|u| u.pane.filter.clone()),
        View::Groups(_) => model.groups.as_ref().map(|p| p.filter.clone()),
        View::Members { .. } => model.members.as_ref().map(|m| m.pane.filter.clone()),
        _ => None,
    }
}

pub(in crate::core::update) fn set_list_filter(model: &mut Model, text: &str) {
    match model.view() {
        View::Clients(_) => {
            if let Some(p) = &mut model.clients {
                p.set_filter(text);
            }
        }
        View::Users(_) => {
            if let Some(u) = &mut model.users {
                u.pane.set_filter(text);
            }
        }
        View::Groups(_) => {
            if let Some(p) = &mut model.groups {
                p.set_filter(text);
            }
        }
        View::Members { .. } => {
            if let Some(m) = &mut model.members {
                m.pane.set_filter(text);
            }
        }
        _ => {}
    }
}

/// A key or a paste for the prompt's line; the `/` filter follows every edit.
pub(in crate::core::update) fn type_key(model: &mut Model, edit: Edit) {
    let Some(p) = &mut model.prompt else {
        return;
    };
    if !p.text.edit(edit) {
        return;
    }
    p.error = None;
    if p.kind == PromptKind::Filter {
        let text = p.text.value().to_string();
        set_list_filter(model, &text);
    }
}

pub(in crate::core::update) fn complete_prompt(model: &mut Model) {
    let Some(p) = &mut model.prompt else {
        return;
    };
    let done = match p.kind {
        PromptKind::Command => command::complete(p.text.value()),
        PromptKind::ServerFilter => filter::complete(p.text.value()),
        PromptKind::Filter => None,
    };
    if let Some(t) = done {
        p.text.set(t);
    }
}

pub(in crate::core::update) fn cancel_prompt(model: &mut Model) {
    if let Some(p) = model.prompt.take()
        && p.kind == PromptKind::Filter
    {
        set_list_filter(model, "");
    }
}

pub(in crate::core::update) fn submit_prompt(model: &mut Model) -> Vec<Effect> {
    let Some(p) = model.prompt.clone() else {
        return vec![];
    };
    match p.kind {
        PromptKind::Filter => {
            model.prompt = None;
            vec![]
        }
        PromptKind::ServerFilter => match filter::parse(p.text.value()) {
            Err(why) => {
                if let Some(p) = &mut model.prompt {
                    p.error = Some(why);
                }
                vec![]
            }
            Ok(f) => {
                model.prompt = None;
                let Some(pool) = model.users.as_ref().map(|u| u.pane.scope.clone()) else {
                    return vec![];
                };
                match &f {
                    Some(f) => model.flash(Level::Info, format!("server filter: {f}")),
                    None => model.flash(Level::Info, "server filter cleared"),
                }
                load_users(model, pool, f)
            }
        },
        PromptKind::Command => match command::parse_line(p.text.value()) {
            Err(why) => {
                if let Some(p) = &mut model.prompt {
                    p.error = Some(why);
                }
                vec![]
            }
            Ok((Command::Region, Some(region))) => {
                model.prompt = None;
                switch(model, Some(region), None)
            }
            Ok((Command::Profile, Some(profile))) => {
                model.prompt = None;
                switch(model, None, Some(profile))
            }
            Ok((Command::Feedback, Some(arg))) => {
                model.prompt = None;
                super::admin::auth_events::feedback(model, &arg)
            }
            Ok((cmd, _)) => {
                model.prompt = None;
                run_command(model, cmd)
            }
        },
    }
}

pub(in crate::core::update) fn run_command(model: &mut Model, cmd: Command) -> Vec<Effect> {
    match cmd {
        Command::Pools => {
            model.stack.truncate(1);
            prune(model);
            vec![]
        }
        Command::Clients => goto_pool_view(model, View::Clients, true),
        Command::Users => goto_pool_view(model, View::Users, true),
        Command::Groups => goto_pool_view(model, View::Groups, true),
        Command::Triggers => goto_pool_view(model, View::Triggers, true),
        Command::Attributes => {
            goto_pool_view(model, |pool| View::Attributes { pool, user: None }, true)
        }
        Command::Errors => {
            if model.view() != &View::Errors {
                model.stack.push(View::Errors);
                model.errors_selected = 0;
            }
            vec![]
        }
        Command::Auth => open_runner(model),
        Command::ManagedLogin => super::managed_login::open(model),
        Command::IdentityPools => identity::open(model, None),
        Command::Help => {
            model.help = true;
            vec![]
        }
        // Only with an argument (`parse_line` insists), handled in `submit_prompt`.
        Command::Region | Command::Profile | Command::Feedback => vec![],
        Command::Quit => quit(model),
        Command::Presenter => workshop::toggle_presenter(model),
        Command::Workshop => workshop::open_list(model),
    }
}

/// `:region` / `:profile`: ask the loop for a new gateway; the view stays until it is ready.
pub(in crate::core::update) fn switch(
    model: &mut Model,
    region: Option<String>,
    profile: Option<String>,
) -> Vec<Effect> {
    let id = model.fresh_id();
    let what = match (&region, &profile) {
        (Some(r), _) => format!("region {r}"),
        (_, Some(p)) => format!("profile {p}"),
        _ => return vec![],
    };
    model.flash(Level::Info, format!("connecting to {what}…"));
    model.switching = Some((id, what));
    vec![Effect::Switch(id, Switch { region, profile })]
}

/// The new gateway is ready (back to the pools of the new region), or it could not be
/// built (said in place; the current gateway and view stay).
pub(in crate::core::update) fn on_switched(
    model: &mut Model,
    id: RequestId,
    result: Result<Switched, String>,
) -> Vec<Effect> {
    let Some((current, what)) = model.switching.clone() else {
        return vec![];
    };
    if current != id {
        return vec![];
    }
    model.switching = None;
    match result {
        Ok(to) => {
            model.ctx.region = to.region;
            model.ctx.profile = to.profile;
            model.reset_views();
            model.flash(Level::Info, format!("switched to {what}"));
            load_pools(model)
        }
        Err(why) => {
            model.flash(Level::Error, format!("cannot switch to {what}: {why}"));
            vec![]
        }
    }
}
