//! `update`: the app's logic as a pure function — a message in, the model changed and the
//! effects to run out. No I/O, no SDK, no clock reads.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use serde::Serialize;

use crate::core::input::action::Action;

use crate::core::effect::{Effect, Request, Switch};
use crate::core::input::command::{self, Command};
use crate::core::input::filter;
use crate::core::input::keymap::Keymap;
use crate::core::model::{
    ClientState, DetailState, ErrorEntry, Level, ListPane, Loadable, MembersState, Mode, Model,
    Overlay, PoolRef, Prompt, PromptKind, UserState, UsersState, View,
};
use crate::core::msg::{Msg, RequestId, Response, Switched};
use crate::domain::triggers::TRIGGERS;
use crate::domain::{CognitoError, ErrorKind, LambdaConfig, User};
use crate::ui::format::date;

mod admin;
pub mod runner;

/// Rows one PageUp/PageDown moves.
const PAGE: usize = 10;
/// Keep at most this many entries in the error log.
const MAX_ERRORS: usize = 200;
/// Ask for the next page when the cursor is this close to the last loaded row.
pub const PREFETCH: usize = 20;

/// The effects to run when the app starts.
pub fn init(model: &mut Model) -> Vec<Effect> {
    load_pools(model)
}

pub fn update(model: &mut Model, keymap: &Keymap, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => {
            if key.kind == KeyEventKind::Release {
                return vec![];
            }
            let mode = model.mode();
            match keymap.action(mode, &key) {
                Some(action) => act(model, action),
                None if mode == Mode::Prompt => {
                    type_key(model, &key);
                    vec![]
                }
                None if mode == Mode::AuthForm => {
                    runner::type_key(model, &key);
                    vec![]
                }
                None if matches!(mode, Mode::Form | Mode::PasswordForm) => {
                    admin::type_form(model, &key);
                    vec![]
                }
                None if mode == Mode::ConfirmTyped => {
                    admin::type_confirm(model, &key);
                    vec![]
                }
                None => vec![],
            }
        }
        Msg::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => act(model, Action::Down),
            MouseEventKind::ScrollUp => act(model, Action::Up),
            MouseEventKind::Down(MouseButton::Left) => click(model, m.row),
            _ => vec![],
        },
        Msg::Resize(w, h) => {
            model.size = (w, h);
            vec![]
        }
        Msg::Tick => {
            model.ticks = model.ticks.wrapping_add(1);
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

fn act(model: &mut Model, action: Action) -> Vec<Effect> {
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
            if let Some((title, lines)) = describe_selected(model) {
                model.overlay = Some(Overlay {
                    title,
                    lines,
                    scroll: 0,
                });
            }
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

fn quit(model: &mut Model) -> Vec<Effect> {
    model.quit = true;
    vec![Effect::Quit]
}

// ---------------------------------------------------------------- the view stack

/// The pool the keys act on: the view's own, or the selected row of the pools list.
fn current_pool(model: &Model) -> Option<PoolRef> {
    match model.view() {
        View::Pools => model
            .pools
            .list
            .data
            .as_ref()
            .and_then(|rows| rows.get(model.pools.selected))
            .map(|p| PoolRef {
                id: p.id.clone(),
                name: p.name.clone(),
            }),
        View::Errors => model.stack.iter().rev().find_map(View::pool),
        v => v.pool(),
    }
}

/// Open the sign-in runner for the current pool, with the selected client or user.
fn open_runner(model: &mut Model) -> Vec<Effect> {
    let Some(pool) = current_pool(model) else {
        return no_pool(model);
    };
    let client_id = match model.view() {
        View::ClientDetail { client_id, .. } => Some(client_id.clone()),
        View::Clients(_) => model
            .clients
            .as_ref()
            .and_then(|c| c.selected_row().map(|c| c.id.clone())),
        _ => None,
    };
    let username = match model.view() {
        View::UserDetail { username, .. } => Some(username.clone()),
        View::Users(_) => model
            .users
            .as_ref()
            .and_then(|u| u.pane.selected_row().map(|u| u.username.clone())),
        View::Members { .. } => model
            .members
            .as_ref()
            .and_then(|m| m.pane.selected_row().map(|u| u.username.clone())),
        _ => None,
    };
    // One runner at a time: reopening replaces it.
    if let Some(i) = model.stack.iter().position(|v| matches!(v, View::Auth(_))) {
        model.stack.truncate(i);
        prune(model);
    }
    runner::open(model, pool, client_id, username)
}

fn no_pool(model: &mut Model) -> Vec<Effect> {
    model.flash(Level::Warn, "select a pool first (:pools)");
    vec![]
}

/// Open a view of the current pool: on top of the stack from a key, or (from `:`) on a
/// stack reset to the pools list, as k9s switches resources.
fn goto_pool_view(model: &mut Model, make: fn(PoolRef) -> View, reset: bool) -> Vec<Effect> {
    let Some(pool) = current_pool(model) else {
        return no_pool(model);
    };
    if reset {
        model.stack.truncate(1);
        prune(model);
    }
    push(model, make(pool))
}

fn push(model: &mut Model, view: View) -> Vec<Effect> {
    model.stack.push(view);
    load_view(model)
}

fn back(model: &mut Model) -> Vec<Effect> {
    // A local filter is cleared first, as in k9s.
    if list_filter(model).is_some_and(|f| !f.is_empty()) {
        set_list_filter(model, "");
        return vec![];
    }
    if model.stack.len() > 1 {
        model.stack.pop();
        prune(model);
        if !view_state_matches(model) {
            return load_view(model);
        }
    }
    vec![]
}

/// Drop the state of every pane no view on the stack shows (a late result for it is then
/// dropped as stale).
fn prune(model: &mut Model) {
    let has = |f: fn(&View) -> bool| model.stack.iter().any(f);
    if !has(|v| {
        matches!(
            v,
            View::PoolDetail { .. } | View::Attributes { .. } | View::Triggers(_)
        )
    }) {
        model.detail = None;
    }
    if !has(|v| matches!(v, View::Clients(_))) {
        model.clients = None;
    }
    if !has(|v| matches!(v, View::ClientDetail { .. })) {
        model.client = None;
    }
    if !has(|v| matches!(v, View::Users(_))) {
        model.users = None;
    }
    if !has(|v| {
        matches!(
            v,
            View::UserDetail { .. } | View::Attributes { user: Some(_), .. }
        )
    }) {
        model.user = None;
    }
    if !has(|v| matches!(v, View::Groups(_))) {
        model.groups = None;
    }
    if !has(|v| matches!(v, View::Members { .. })) {
        model.members = None;
    }
    if !has(|v| matches!(v, View::Auth(_))) {
        model.auth = None;
    }
}

/// Whether the state on hand belongs to the view on screen (it may not after going back
/// past a view of the same kind for another item).
fn view_state_matches(model: &Model) -> bool {
    let detail_for = |id: &str| model.detail.as_ref().is_some_and(|d| d.pool_id == id);
    let user_for = |pool: &str, name: &str| {
        model
            .user
            .as_ref()
            .is_some_and(|u| u.pool_id == pool && u.username == name)
    };
    match model.view() {
        View::Pools | View::Errors | View::Auth(_) => true,
        View::PoolDetail { pool_id, .. } => detail_for(pool_id),
        View::Triggers(p) => detail_for(&p.id),
        View::Attributes { pool, user } => {
            detail_for(&pool.id) && user.as_ref().is_none_or(|u| user_for(&pool.id, u))
        }
        View::Clients(p) => model.clients.as_ref().is_some_and(|c| c.scope == p.id),
        View::ClientDetail { client_id, .. } => model
            .client
            .as_ref()
            .is_some_and(|c| &c.client_id == client_id),
        View::Users(p) => model.users.as_ref().is_some_and(|u| u.pane.scope == p.id),
        View::UserDetail { pool, username } => user_for(&pool.id, username),
        View::Groups(p) => model.groups.as_ref().is_some_and(|g| g.scope == p.id),
        View::Members { pool, group } => model
            .members
            .as_ref()
            .is_some_and(|m| m.pane.scope == pool.id && &m.group == group),
    }
}

/// (Re)load what the view on screen shows.
fn load_view(model: &mut Model) -> Vec<Effect> {
    match model.view().clone() {
        View::Pools => load_pools(model),
        View::PoolDetail { pool_id, .. } => load_detail(model, pool_id),
        View::Triggers(p) => load_detail(model, p.id),
        View::Attributes { pool, user } => {
            let mut fx = load_detail(model, pool.id.clone());
            if let Some(u) = user
                && !model.user.as_ref().is_some_and(|s| {
                    s.pool_id == pool.id && s.username == u && s.user.data.is_some()
                })
            {
                fx.extend(load_user(model, pool.id, u));
            }
            fx
        }
        View::Clients(p) => {
            let id = model.fresh_id();
            let mut pane = ListPane::new(p.id.clone());
            pane.list.start(id);
            model.clients = Some(pane);
            vec![Effect::Call(
                id,
                Request::ListUserPoolClients {
                    pool_id: p.id,
                    next_token: None,
                },
            )]
        }
        View::ClientDetail {
            pool, client_id, ..
        } => {
            let id = model.fresh_id();
            let mut client = Loadable::default();
            client.start(id);
            model.client = Some(ClientState {
                pool_id: pool.id.clone(),
                client_id: client_id.clone(),
                client,
                secret: Loadable::default(),
                scroll: 0,
            });
            vec![Effect::Call(
                id,
                Request::DescribeUserPoolClient {
                    pool_id: pool.id,
                    client_id,
                },
            )]
        }
        View::Users(p) => {
            let keep = model
                .users
                .as_ref()
                .filter(|u| u.pane.scope == p.id)
                .and_then(|u| u.server_filter.clone());
            load_users(model, p.id, keep)
        }
        View::UserDetail { pool, username } => load_user(model, pool.id, username),
        View::Groups(p) => {
            let id = model.fresh_id();
            let mut pane = ListPane::new(p.id.clone());
            pane.list.start(id);
            model.groups = Some(pane);
            vec![Effect::Call(
                id,
                Request::ListGroups {
                    pool_id: p.id,
                    next_token: None,
                },
            )]
        }
        View::Members { pool, group } => {
            let id = model.fresh_id();
            let mut pane = ListPane::new(pool.id.clone());
            pane.list.start(id);
            model.members = Some(MembersState {
                group: group.clone(),
                pane,
            });
            vec![Effect::Call(
                id,
                Request::ListUsersInGroup {
                    pool_id: pool.id,
                    group,
                    next_token: None,
                },
            )]
        }
        View::Errors | View::Auth(_) => vec![],
    }
}

fn load_pools(model: &mut Model) -> Vec<Effect> {
    let id = model.fresh_id();
    model.pools.list.start(id);
    model.pools.pages = 0;
    vec![Effect::Call(
        id,
        Request::ListUserPools { next_token: None },
    )]
}

fn load_detail(model: &mut Model, pool_id: String) -> Vec<Effect> {
    let id = model.fresh_id();
    if model.detail.as_ref().is_some_and(|d| d.pool_id != pool_id) {
        model.detail = None;
    }
    let detail = model.detail.get_or_insert_with(|| DetailState {
        pool_id: pool_id.clone(),
        detail: Loadable::default(),
        scroll: 0,
    });
    detail.detail.start(id);
    vec![Effect::Call(id, Request::DescribeUserPool { pool_id })]
}

/// The first page of users, with a server-side filter. The rows on screen stay until it lands.
fn load_users(
    model: &mut Model,
    pool_id: String,
    server_filter: Option<filter::UserFilter>,
) -> Vec<Effect> {
    let id = model.fresh_id();
    let state = match model.users.take() {
        Some(mut u) if u.pane.scope == pool_id => {
            u.pane.pages = 0;
            u.pane.next_token = None;
            u.pane.selected = 0;
            u.server_filter = server_filter;
            u
        }
        _ => UsersState {
            pane: ListPane::new(pool_id.clone()),
            server_filter,
            marked: Default::default(),
        },
    };
    let filter = state.server_filter.as_ref().map(|f| f.expression());
    model.users = Some(state);
    if let Some(u) = &mut model.users {
        u.pane.list.start(id);
    }
    vec![Effect::Call(
        id,
        Request::ListUsers {
            pool_id,
            filter,
            pagination_token: None,
        },
    )]
}

/// AdminGetUser, the user's groups and devices, in parallel.
fn load_user(model: &mut Model, pool_id: String, username: String) -> Vec<Effect> {
    let (a, b, c) = (model.fresh_id(), model.fresh_id(), model.fresh_id());
    let mut state = UserState {
        pool_id: pool_id.clone(),
        username: username.clone(),
        user: Loadable::default(),
        groups: Loadable::default(),
        devices: Loadable::default(),
        scroll: 0,
    };
    state.user.start(a);
    state.groups.start(b);
    state.devices.start(c);
    model.user = Some(state);
    vec![
        Effect::Call(
            a,
            Request::AdminGetUser {
                pool_id: pool_id.clone(),
                username: username.clone(),
            },
        ),
        Effect::Call(
            b,
            Request::AdminListGroupsForUser {
                pool_id: pool_id.clone(),
                username: username.clone(),
            },
        ),
        Effect::Call(c, Request::AdminListDevices { pool_id, username }),
    ]
}

fn open(model: &mut Model) -> Vec<Effect> {
    match model.view().clone() {
        View::Pools => {
            let Some(pool) = current_pool(model) else {
                return vec![];
            };
            push(
                model,
                View::PoolDetail {
                    pool_id: pool.id,
                    name: pool.name,
                },
            )
        }
        View::Clients(pool) => {
            let Some(c) = model
                .clients
                .as_ref()
                .and_then(|c| c.selected_row())
                .cloned()
            else {
                return vec![];
            };
            push(
                model,
                View::ClientDetail {
                    pool,
                    client_id: c.id,
                    name: c.name,
                },
            )
        }
        View::Users(pool) => {
            let Some(u) = model.users.as_ref().and_then(|u| u.pane.selected_row()) else {
                return vec![];
            };
            let username = u.username.clone();
            push(model, View::UserDetail { pool, username })
        }
        View::Members { pool, .. } => {
            let Some(u) = model.members.as_ref().and_then(|m| m.pane.selected_row()) else {
                return vec![];
            };
            let username = u.username.clone();
            push(model, View::UserDetail { pool, username })
        }
        View::Groups(pool) => {
            let Some(g) = model.groups.as_ref().and_then(|g| g.selected_row()) else {
                return vec![];
            };
            let group = g.name.clone();
            push(model, View::Members { pool, group })
        }
        View::Triggers(_) => {
            if let Some(t) = TRIGGERS.get(model.triggers_selected) {
                model.overlay = Some(Overlay {
                    title: format!("{} sample event — assets/trigger-events/{}", t.slot, t.file),
                    lines: t.sample.lines().map(str::to_string).collect(),
                    scroll: 0,
                });
            }
            vec![]
        }
        _ => vec![],
    }
}

fn reveal_secret(model: &mut Model) -> Vec<Effect> {
    let id = model.fresh_id();
    let Some(c) = &mut model.client else {
        return vec![];
    };
    if c.client.data.as_ref().is_some_and(|d| !d.has_secret) {
        model.flash(Level::Info, "this app client has no secret");
        return vec![];
    }
    c.secret.start(id);
    vec![Effect::Call(
        id,
        Request::RevealClientSecret {
            pool_id: c.pool_id.clone(),
            client_id: c.client_id.clone(),
        },
    )]
}

// ---------------------------------------------------------------- moving

fn move_index(current: usize, len: usize, action: Action) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    match action {
        Action::Up => current.saturating_sub(1),
        Action::Down => (current + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageUp => current.saturating_sub(PAGE),
        Action::PageDown => (current + PAGE).min(last),
        _ => current.min(last),
    }
}

fn scroll(s: u16, action: Action) -> u16 {
    match action {
        Action::Up => s.saturating_sub(1),
        Action::Down => s.saturating_add(1),
        Action::Top => 0,
        Action::Bottom => u16::MAX / 2,
        Action::PageUp => s.saturating_sub(PAGE as u16),
        Action::PageDown => s.saturating_add(PAGE as u16),
        _ => s,
    }
}

fn move_pane<T>(pane: &mut ListPane<T>, action: Action) {
    pane.selected = move_index(pane.selected, pane.len(), action);
}

fn navigate(model: &mut Model, action: Action) -> Vec<Effect> {
    match model.view() {
        View::Pools => {
            let len = model.pools.list.data.as_ref().map_or(0, Vec::len);
            model.pools.selected = move_index(model.pools.selected, len, action);
        }
        View::PoolDetail { .. } => {
            if let Some(d) = &mut model.detail {
                d.scroll = scroll(d.scroll, action);
            }
        }
        View::ClientDetail { .. } => {
            if let Some(c) = &mut model.client {
                c.scroll = scroll(c.scroll, action);
            }
        }
        View::UserDetail { .. } => {
            if let Some(u) = &mut model.user {
                u.scroll = scroll(u.scroll, action);
            }
        }
        View::Clients(_) => {
            if let Some(p) = &mut model.clients {
                move_pane(p, action);
            }
        }
        View::Groups(_) => {
            if let Some(p) = &mut model.groups {
                move_pane(p, action);
            }
        }
        View::Users(_) => {
            if let Some(u) = &mut model.users {
                move_pane(&mut u.pane, action);
            }
            return more_users(model);
        }
        View::Members { .. } => {
            if let Some(m) = &mut model.members {
                move_pane(&mut m.pane, action);
            }
            return more_members(model);
        }
        View::Attributes { .. } => {
            let len = model
                .detail
                .as_ref()
                .and_then(|d| d.detail.data.as_ref())
                .map_or(0, |d| d.schema.len());
            model.attributes_selected = move_index(model.attributes_selected, len, action);
        }
        View::Triggers(_) => {
            model.triggers_selected = move_index(model.triggers_selected, TRIGGERS.len(), action);
        }
        View::Errors => {
            model.errors_selected = move_index(model.errors_selected, model.errors.len(), action);
        }
        View::Auth(_) => {}
    }
    vec![]
}

/// A left click on screen row `y`: in a list view (users, members, groups, clients) with no
/// overlay, select the row under it. The geometry mirrors `ui::render` and the table widget:
/// header and breadcrumbs above the pane, its border and column header, an error line when a
/// refresh failed over kept rows, then the visible slice from `table::offset`.
fn click(model: &mut Model, y: u16) -> Vec<Effect> {
    if model.mode() != model.view_mode() {
        return vec![];
    }
    let (selected, len, banner) = match (model.view(), &model.users, &model.members) {
        (View::Users(_), Some(u), _) => pane_geometry(&u.pane),
        (View::Members { .. }, _, Some(m)) => pane_geometry(&m.pane),
        (View::Clients(_), ..) => match &model.clients {
            Some(p) => pane_geometry(p),
            None => return vec![],
        },
        (View::Groups(_), ..) => match &model.groups {
            Some(p) => pane_geometry(p),
            None => return vec![],
        },
        _ => return vec![],
    };
    // Rows: header 1, crumbs 1, pane (border 1, column header 1, banner?), flash 1, hints 1.
    let main_height = model.size.1.saturating_sub(4);
    let top = 2 + 1 + u16::from(banner) + 1;
    let body = main_height.saturating_sub(2 + u16::from(banner) + 1) as usize;
    if len == 0 || y < top || (y - top) as usize >= body {
        return vec![];
    }
    let selected = selected.min(len - 1);
    let target = crate::ui::widgets::table::offset(selected, body) + (y - top) as usize;
    if target >= len || target == selected {
        return vec![];
    }
    let (action, steps) = if target > selected {
        (Action::Down, target - selected)
    } else {
        (Action::Up, selected - target)
    };
    let mut fx = vec![];
    for _ in 0..steps {
        fx.extend(navigate(model, action));
    }
    fx
}

fn pane_geometry<T>(p: &ListPane<T>) -> (usize, usize, bool) {
    let banner = p.list.data.is_some() && p.list.error().is_some();
    (p.selected, p.len(), banner)
}

/// Whether the cursor is near the end of what is loaded and more can be asked for.
fn wants_more<T>(pane: &ListPane<T>) -> bool {
    pane.has_more() && !pane.list.is_loading() && pane.selected + PREFETCH >= pane.len()
}

/// Lazy paging: the next 60 users when the cursor nears the end of the loaded rows.
fn more_users(model: &mut Model) -> Vec<Effect> {
    if !model.users.as_ref().is_some_and(|u| wants_more(&u.pane)) {
        return vec![];
    }
    let id = model.fresh_id();
    let Some(u) = &mut model.users else {
        return vec![];
    };
    u.pane.list.start(id);
    vec![Effect::Call(
        id,
        Request::ListUsers {
            pool_id: u.pane.scope.clone(),
            filter: u.server_filter.as_ref().map(|f| f.expression()),
            pagination_token: u.pane.next_token.clone(),
        },
    )]
}

fn more_members(model: &mut Model) -> Vec<Effect> {
    if !model.members.as_ref().is_some_and(|m| wants_more(&m.pane)) {
        return vec![];
    }
    let id = model.fresh_id();
    let Some(m) = &mut model.members else {
        return vec![];
    };
    m.pane.list.start(id);
    vec![Effect::Call(
        id,
        Request::ListUsersInGroup {
            pool_id: m.pane.scope.clone(),
            group: m.group.clone(),
            next_token: m.pane.next_token.clone(),
        },
    )]
}

// ---------------------------------------------------------------- prompts

fn open_prompt(model: &mut Model, kind: PromptKind, text: String) {
    model.prompt = Some(Prompt {
        kind,
        text,
        error: None,
    });
}

/// The local filter of the list on screen (`None` when the view has no filterable list).
fn list_filter(model: &Model) -> Option<String> {
    match model.view() {
        View::Clients(_) => model.clients.as_ref().map(|p| p.filter.clone()),
        View::Users(_) => model.users.as_ref().map(|u| u.pane.filter.clone()),
        View::Groups(_) => model.groups.as_ref().map(|p| p.filter.clone()),
        View::Members { .. } => model.members.as_ref().map(|m| m.pane.filter.clone()),
        _ => None,
    }
}

fn set_list_filter(model: &mut Model, text: &str) {
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

fn type_key(model: &mut Model, key: &KeyEvent) {
    let Some(p) = &mut model.prompt else {
        return;
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('u') if ctrl => p.text.clear(),
        KeyCode::Char('w') if ctrl => {
            let t = p.text.trim_end();
            let cut = t.rfind(' ').map_or(0, |i| i + 1);
            p.text.truncate(cut);
        }
        KeyCode::Char(c) if !ctrl => p.text.push(c),
        KeyCode::Backspace => {
            p.text.pop();
        }
        _ => return,
    }
    p.error = None;
    if p.kind == PromptKind::Filter {
        let text = p.text.clone();
        set_list_filter(model, &text);
    }
}

fn complete_prompt(model: &mut Model) {
    let Some(p) = &mut model.prompt else {
        return;
    };
    let done = match p.kind {
        PromptKind::Command => command::complete(&p.text),
        PromptKind::ServerFilter => filter::complete(&p.text),
        PromptKind::Filter => None,
    };
    if let Some(t) = done {
        p.text = t;
    }
}

fn cancel_prompt(model: &mut Model) {
    if let Some(p) = model.prompt.take()
        && p.kind == PromptKind::Filter
    {
        set_list_filter(model, "");
    }
}

fn submit_prompt(model: &mut Model) -> Vec<Effect> {
    let Some(p) = model.prompt.clone() else {
        return vec![];
    };
    match p.kind {
        PromptKind::Filter => {
            model.prompt = None;
            vec![]
        }
        PromptKind::ServerFilter => match filter::parse(&p.text) {
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
        PromptKind::Command => match command::parse_line(&p.text) {
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
            Ok((cmd, _)) => {
                model.prompt = None;
                run_command(model, cmd)
            }
        },
    }
}

fn run_command(model: &mut Model, cmd: Command) -> Vec<Effect> {
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
        Command::Help => {
            model.help = true;
            vec![]
        }
        // Only with an argument (`parse_line` insists), handled in `submit_prompt`.
        Command::Region | Command::Profile => vec![],
        Command::Quit => quit(model),
    }
}

/// `:region` / `:profile`: ask the loop for a new gateway; the view stays until it is ready.
fn switch(model: &mut Model, region: Option<String>, profile: Option<String>) -> Vec<Effect> {
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
fn on_switched(model: &mut Model, id: RequestId, result: Result<Switched, String>) -> Vec<Effect> {
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

// ---------------------------------------------------------------- describe and JSON

fn user_lines(u: &User) -> Vec<String> {
    let mut out = vec![
        format!("Username   {}", u.username),
        format!("Status     {}", u.status.as_deref().unwrap_or("—")),
        format!("Enabled    {}", if u.enabled { "yes" } else { "no" }),
        format!("Created    {}", date(u.created)),
        format!("Modified   {}", date(u.modified)),
        String::new(),
        "Attributes".to_string(),
    ];
    for (k, v) in &u.attributes {
        let mark = if k.starts_with("custom:") || k.starts_with("dev:") {
            " (custom)"
        } else {
            ""
        };
        out.push(format!("  {k}{mark} = {v}"));
    }
    out
}

/// The error log, newest first, as the errors view lists it.
pub fn error_at(model: &Model, i: usize) -> Option<&ErrorEntry> {
    model.errors.iter().rev().nth(i)
}

fn describe_selected(model: &Model) -> Option<(String, Vec<String>)> {
    match model.view() {
        View::Users(_) => {
            let u = model.users.as_ref()?.pane.selected_row()?;
            Some((format!("user {}", u.username), user_lines(u)))
        }
        View::Members { .. } => {
            let u = model.members.as_ref()?.pane.selected_row()?;
            Some((format!("user {}", u.username), user_lines(u)))
        }
        View::Groups(_) => {
            let g = model.groups.as_ref()?.selected_row()?;
            Some((
                format!("group {}", g.name),
                vec![
                    format!("Name         {}", g.name),
                    format!(
                        "Precedence   {}",
                        g.precedence.map_or("—".into(), |p| p.to_string())
                    ),
                    format!("Description  {}", g.description.as_deref().unwrap_or("—")),
                    format!("IAM role     {}", g.role_arn.as_deref().unwrap_or("—")),
                    format!("Created      {}", date(g.created)),
                ],
            ))
        }
        View::Attributes { .. } => {
            let a = model
                .detail
                .as_ref()?
                .detail
                .data
                .as_ref()?
                .schema
                .get(model.attributes_selected)?;
            Some((
                format!("attribute {}", a.name),
                vec![
                    format!("Name            {}", a.name),
                    format!(
                        "Custom          {}",
                        if a.is_custom() { "yes" } else { "no" }
                    ),
                    format!("Type            {}", a.data_type),
                    format!("Mutable         {}", if a.mutable { "yes" } else { "no" }),
                    format!("Required        {}", if a.required { "yes" } else { "no" }),
                    format!(
                        "Developer only  {}",
                        if a.developer_only { "yes" } else { "no" }
                    ),
                    format!(
                        "Length          {} – {}",
                        a.min_length.as_deref().unwrap_or("—"),
                        a.max_length.as_deref().unwrap_or("—")
                    ),
                    format!(
                        "Value           {} – {}",
                        a.min_value.as_deref().unwrap_or("—"),
                        a.max_value.as_deref().unwrap_or("—")
                    ),
                ],
            ))
        }
        View::Triggers(_) => {
            let t = TRIGGERS.get(model.triggers_selected)?;
            let arn = trigger_arn(model, t.slot);
            Some((
                format!("trigger {}", t.slot),
                vec![
                    format!("Slot      {}", t.slot),
                    format!(
                        "Function  {}",
                        arn.unwrap_or_else(|| "— (empty slot)".into())
                    ),
                    format!("When      {}", t.when),
                    format!(
                        "Sample    assets/trigger-events/{} (enter opens it)",
                        t.file
                    ),
                ],
            ))
        }
        View::Auth(_) => None,
        View::Errors => {
            let e = error_at(model, model.errors_selected)?;
            Some((
                format!("error in {}", e.operation),
                vec![
                    format!("Time        {}", date(Some(e.at))),
                    format!("Operation   {}", e.operation),
                    format!("Kind        {}", e.error.kind.label()),
                    format!("Code        {}", e.error.code.as_deref().unwrap_or("—")),
                    format!(
                        "Request id  {}",
                        e.error.request_id.as_deref().unwrap_or("—")
                    ),
                    format!("Message     {}", e.error.message),
                ],
            ))
        }
        _ => None,
    }
}

/// The ARN set in a trigger slot of the pool on screen.
pub fn trigger_arn(model: &Model, slot: &str) -> Option<String> {
    let d = model.detail.as_ref()?.detail.data.as_ref()?;
    lambda_arn(&d.lambda_config, slot)
}

fn lambda_arn(c: &LambdaConfig, slot: &str) -> Option<String> {
    c.slots()
        .iter()
        .find(|(s, _)| *s == slot)
        .and_then(|(_, v)| v.map(str::to_string))
}

fn to_json<T: Serialize>(title: String, value: &T) -> Option<(String, String)> {
    serde_json::to_string_pretty(value)
        .ok()
        .map(|j| (format!("{title} (JSON)"), j))
}

fn json_selected(model: &Model) -> Option<(String, String)> {
    match model.view() {
        View::Pools => {
            let p = model.pools.list.data.as_ref()?.get(model.pools.selected)?;
            to_json(format!("pool {}", p.name), p)
        }
        View::PoolDetail { .. } => {
            let d = model.detail.as_ref()?.detail.data.as_ref()?;
            to_json(format!("pool {}", d.name), d)
        }
        View::Clients(_) => {
            let c = model.clients.as_ref()?.selected_row()?;
            to_json(format!("client {}", c.name), c)
        }
        View::ClientDetail { .. } => {
            let c = model.client.as_ref()?.client.data.as_ref()?;
            to_json(format!("client {}", c.name), c)
        }
        View::Users(_) => {
            let u = model.users.as_ref()?.pane.selected_row()?;
            to_json(format!("user {}", u.username), u)
        }
        View::Members { .. } => {
            let u = model.members.as_ref()?.pane.selected_row()?;
            to_json(format!("user {}", u.username), u)
        }
        View::UserDetail { .. } => {
            let u = model.user.as_ref()?.user.data.as_ref()?;
            to_json(format!("user {}", u.username), u)
        }
        View::Groups(_) => {
            let g = model.groups.as_ref()?.selected_row()?;
            to_json(format!("group {}", g.name), g)
        }
        View::Attributes { .. } => {
            let a = model
                .detail
                .as_ref()?
                .detail
                .data
                .as_ref()?
                .schema
                .get(model.attributes_selected)?;
            to_json(format!("attribute {}", a.name), a)
        }
        View::Triggers(_) => {
            let t = TRIGGERS.get(model.triggers_selected)?;
            #[derive(Serialize)]
            struct Slot<'a> {
                slot: &'a str,
                function_arn: Option<String>,
                when: &'a str,
                sample_event: &'a str,
            }
            let slot = Slot {
                slot: t.slot,
                function_arn: trigger_arn(model, t.slot),
                when: t.when,
                sample_event: t.file,
            };
            to_json(format!("trigger {}", t.slot), &slot)
        }
        View::Auth(_) => None,
        View::Errors => {
            let e = error_at(model, model.errors_selected)?;
            #[derive(Serialize)]
            struct Entry<'a> {
                at: i64,
                operation: &'a str,
                error: &'a CognitoError,
            }
            to_json(
                format!("error in {}", e.operation),
                &Entry {
                    at: e.at,
                    operation: e.operation,
                    error: &e.error,
                },
            )
        }
    }
}

// ---------------------------------------------------------------- results

fn record_error(model: &mut Model, operation: &'static str, err: &CognitoError, at: i64) {
    let level = match err.kind {
        ErrorKind::Throttled | ErrorKind::ReadOnly | ErrorKind::Unsupported => Level::Warn,
        _ => Level::Error,
    };
    model.flash(level, format!("✗ {operation}: {}", err.headline()));
    model.errors.push(ErrorEntry {
        operation,
        error: err.clone(),
        at,
    });
    if model.errors.len() > MAX_ERRORS {
        model.errors.remove(0);
    }
}

/// A page for a list that follows every page (clients, groups): returns the next call.
fn follow_page<T: crate::core::model::Searchable>(
    pane: &mut ListPane<T>,
    page: crate::domain::Page<T>,
    next_id: u64,
) -> Option<String> {
    pane.page(page.items, page.next_token.clone());
    let token = page.next_token?;
    pane.list.start(next_id);
    Some(token)
}

/// A page of a list that is followed to its end (clients, groups): add it to the pane and
/// ask for the next page, or record the error. Stale pages are dropped.
fn on_list_page<T: crate::core::model::Searchable>(
    model: &mut Model,
    id: u64,
    at: i64,
    result: crate::cognito::Result<crate::domain::Page<T>>,
    pane: fn(&mut Model) -> Option<&mut ListPane<T>>,
    operation: &'static str,
    next: fn(String, String) -> Request,
) -> Vec<Effect> {
    let next_id = model.next_id;
    let Some(p) = pane(model).filter(|p| p.list.is_current(id)) else {
        return vec![];
    };
    match result {
        Ok(page) => match follow_page(p, page, next_id) {
            Some(token) => {
                let pool_id = p.scope.clone();
                model.fresh_id();
                vec![Effect::Call(next_id, next(pool_id, token))]
            }
            None => vec![],
        },
        Err(err) => {
            p.list.failed(err.clone());
            record_error(model, operation, &err, at);
            vec![]
        }
    }
}

fn on_response(model: &mut Model, id: u64, response: Response, at: i64) -> Vec<Effect> {
    match response {
        Response::AuthClients(r) => runner::on_clients(model, id, r),
        Response::Auth(r) => runner::on_auth(model, id, r),
        Response::Srp(done) => runner::on_srp(model, id, done),
        Response::Jwks(r) => runner::on_jwks(model, id, r),
        Response::AuthAction(r) => runner::on_action(model, id, r),
        Response::Written(result) => admin::on_written(model, id, result, at),
        Response::Generated(secret) => admin::on_generated(model, id, secret),
        Response::BulkItem { index, result } => admin::on_bulk_item(model, id, index, result, at),
        Response::BulkDone => admin::on_bulk_done(model, id),
        Response::Pools(result) => {
            if !model.pools.list.is_current(id) {
                return vec![]; // stale: a newer load superseded it
            }
            match result {
                Ok(page) => {
                    let first = model.pools.pages == 0;
                    model.pools.pages += 1;
                    let rows = if first {
                        page.items
                    } else {
                        let mut rows = model.pools.list.data.take().unwrap_or_default();
                        rows.extend(page.items);
                        rows
                    };
                    let len = rows.len();
                    model.pools.selected = model.pools.selected.min(len.saturating_sub(1));
                    match page.next_token {
                        Some(token) => {
                            model.pools.list.data = Some(rows);
                            let next = model.fresh_id();
                            model.pools.list.start(next);
                            vec![Effect::Call(
                                next,
                                Request::ListUserPools {
                                    next_token: Some(token),
                                },
                            )]
                        }
                        None => {
                            model.pools.list.loaded(rows);
                            vec![]
                        }
                    }
                }
                Err(err) => {
                    record_error(model, "ListUserPools", &err, at);
                    model.pools.list.failed(err);
                    vec![]
                }
            }
        }
        Response::PoolDetail(result) => {
            let Some(detail) = model.detail.as_mut() else {
                return vec![];
            };
            if !detail.detail.is_current(id) {
                return vec![];
            }
            match result {
                Ok(d) => {
                    detail.detail.loaded(*d);
                    vec![]
                }
                Err(err) => {
                    detail.detail.failed(err.clone());
                    record_error(model, "DescribeUserPool", &err, at);
                    vec![]
                }
            }
        }
        Response::Clients(result) => on_list_page(
            model,
            id,
            at,
            result,
            |m| m.clients.as_mut(),
            "ListUserPoolClients",
            |pool_id, token| Request::ListUserPoolClients {
                pool_id,
                next_token: Some(token),
            },
        ),
        Response::Groups(result) => on_list_page(
            model,
            id,
            at,
            result,
            |m| m.groups.as_mut(),
            "ListGroups",
            |pool_id, token| Request::ListGroups {
                pool_id,
                next_token: Some(token),
            },
        ),
        Response::Client(result) => {
            let Some(c) = model.client.as_mut().filter(|c| c.client.is_current(id)) else {
                return vec![];
            };
            match result {
                Ok(d) => c.client.loaded(*d),
                Err(err) => {
                    c.client.failed(err.clone());
                    record_error(model, "DescribeUserPoolClient", &err, at);
                }
            }
            vec![]
        }
        Response::ClientSecret(result) => {
            let Some(c) = model.client.as_mut().filter(|c| c.secret.is_current(id)) else {
                return vec![];
            };
            match result {
                Ok(s) => c.secret.loaded(s),
                Err(err) => {
                    c.secret.failed(err.clone());
                    record_error(model, "DescribeUserPoolClient", &err, at);
                }
            }
            vec![]
        }
        Response::Users(result) => {
            let Some(u) = model.users.as_mut().filter(|u| u.pane.list.is_current(id)) else {
                return vec![];
            };
            match result {
                Ok(page) => {
                    u.pane.page(page.items, page.next_token);
                    vec![]
                }
                Err(err) => {
                    u.pane.list.failed(err.clone());
                    record_error(model, "ListUsers", &err, at);
                    vec![]
                }
            }
        }
        Response::Members(result) => {
            let Some(m) = model
                .members
                .as_mut()
                .filter(|m| m.pane.list.is_current(id))
            else {
                return vec![];
            };
            match result {
                Ok(page) => {
                    m.pane.page(page.items, page.next_token);
                    vec![]
                }
                Err(err) => {
                    m.pane.list.failed(err.clone());
                    record_error(model, "ListUsersInGroup", &err, at);
                    vec![]
                }
            }
        }
        Response::User(result) => {
            let Some(u) = model.user.as_mut().filter(|u| u.user.is_current(id)) else {
                return vec![];
            };
            match result {
                Ok(d) => u.user.loaded(*d),
                Err(err) => {
                    u.user.failed(err.clone());
                    record_error(model, "AdminGetUser", &err, at);
                }
            }
            vec![]
        }
        Response::UserGroups(result) => {
            let Some(u) = model.user.as_mut().filter(|u| u.groups.is_current(id)) else {
                return vec![];
            };
            match result {
                Ok(page) => u.groups.loaded(page.items),
                Err(err) => {
                    u.groups.failed(err.clone());
                    record_error(model, "AdminListGroupsForUser", &err, at);
                }
            }
            vec![]
        }
        Response::UserDevices(result) => {
            let Some(u) = model.user.as_mut().filter(|u| u.devices.is_current(id)) else {
                return vec![];
            };
            match result {
                Ok(page) => u.devices.loaded(page.items),
                // An endpoint without AdminListDevices: said in the pane, not an error wall.
                Err(err) if err.kind == ErrorKind::Unsupported => u.devices.failed(err),
                Err(err) => {
                    u.devices.failed(err.clone());
                    record_error(model, "AdminListDevices", &err, at);
                }
            }
            vec![]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Context, LoadState};
    use crate::domain::{Page, PoolDetail, PoolSummary};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn api(id: u64, r: Response) -> Msg {
        Msg::Api(id, r, 1_795_000_000)
    }
    fn key(c: char) -> Msg {
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }
    fn code(c: KeyCode) -> Msg {
        Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
    }
    fn pool(i: usize) -> PoolSummary {
        PoolSummary {
            id: format!("us-east-1_{i:09}"),
            name: format!("pool-{i}"),
            created: Some(0),
            modified: Some(0),
            triggers_set: 0,
        }
    }
    fn page(range: std::ops::Range<usize>, next: Option<&str>) -> Response {
        Response::Pools(Ok(Page {
            items: range.map(pool).collect(),
            next_token: next.map(str::to_string),
        }))
    }
    fn call_id(effects: &[Effect]) -> u64 {
        match effects {
            [Effect::Call(id, _)] => *id,
            other => panic!("expected one call, got {other:?}"),
        }
    }
    fn started() -> (Model, Keymap, u64) {
        let mut m = Model::new(Context::default());
        let fx = init(&mut m);
        assert_eq!(
            fx,
            vec![Effect::Call(1, Request::ListUserPools { next_token: None })]
        );
        (m, Keymap::default(), 1)
    }

    #[test]
    fn init_loads_pools() {
        let (m, _, _) = started();
        assert!(m.pools.list.is_loading());
        assert!(m.needs_tick());
    }

    #[test]
    fn follows_every_page_then_settles() {
        let (mut m, km, id) = started();
        let fx = update(&mut m, &km, api(id, page(0..60, Some("t1"))));
        let next = call_id(&fx);
        assert!(
            matches!(&fx[0], Effect::Call(_, Request::ListUserPools { next_token: Some(t) }) if t == "t1")
        );
        assert_eq!(m.pools.list.data.as_ref().unwrap().len(), 60);
        let fx = update(&mut m, &km, api(next, page(60..70, None)));
        assert!(fx.is_empty());
        assert_eq!(m.pools.list.state, LoadState::Loaded);
        assert_eq!(m.pools.list.data.as_ref().unwrap().len(), 70);
        assert_eq!(m.pools.list.data.as_ref().unwrap()[69].name, "pool-69");
    }

    #[test]
    fn stale_results_are_dropped() {
        let (mut m, km, first) = started();
        let fx = update(&mut m, &km, key('r'));
        let second = call_id(&fx);
        assert_ne!(first, second);
        update(&mut m, &km, api(first, page(0..3, None)));
        assert!(
            m.pools.list.data.is_none(),
            "a superseded result must not land"
        );
        update(&mut m, &km, api(second, page(0..2, None)));
        assert_eq!(m.pools.list.data.as_ref().unwrap().len(), 2);
    }

    #[test]
    fn failure_shows_inline_flashes_and_logs_then_retry_recovers() {
        let (mut m, km, id) = started();
        let err = CognitoError::new(ErrorKind::Network, "connection refused");
        update(&mut m, &km, api(id, Response::Pools(Err(err.clone()))));
        assert_eq!(m.pools.list.error(), Some(&err));
        assert_eq!(m.errors.len(), 1);
        assert_eq!(m.flash.as_ref().unwrap().level, Level::Error);
        let retry = call_id(&update(&mut m, &km, key('r')));
        update(&mut m, &km, api(retry, page(0..1, None)));
        assert_eq!(m.pools.list.state, LoadState::Loaded);
    }

    #[test]
    fn navigation_is_clamped() {
        let (mut m, km, id) = started();
        update(&mut m, &km, api(id, page(0..3, None)));
        update(&mut m, &km, key('k'));
        assert_eq!(m.pools.selected, 0);
        for _ in 0..5 {
            update(&mut m, &km, key('j'));
        }
        assert_eq!(m.pools.selected, 2);
        update(&mut m, &km, key('g'));
        assert_eq!(m.pools.selected, 0);
        update(&mut m, &km, code(KeyCode::End));
        assert_eq!(m.pools.selected, 2);
    }

    #[test]
    fn enter_opens_detail_and_esc_goes_back() {
        let (mut m, km, id) = started();
        update(&mut m, &km, api(id, page(0..3, None)));
        update(&mut m, &km, key('j'));
        let fx = update(&mut m, &km, code(KeyCode::Enter));
        let did = call_id(&fx);
        assert_eq!(
            fx[0],
            Effect::Call(
                did,
                Request::DescribeUserPool {
                    pool_id: "us-east-1_000000001".into()
                }
            )
        );
        assert_eq!(m.breadcrumbs(), vec!["pools", "pool-1"]);
        let detail = PoolDetail {
            id: "us-east-1_000000001".into(),
            name: "pool-1".into(),
            ..Default::default()
        };
        update(
            &mut m,
            &km,
            api(did, Response::PoolDetail(Ok(Box::new(detail.clone())))),
        );
        assert_eq!(m.detail.as_ref().unwrap().detail.data, Some(detail));
        update(&mut m, &km, code(KeyCode::Esc));
        assert_eq!(m.view(), &View::Pools);
        assert!(m.detail.is_none());
        // A late detail result after leaving is dropped without a trace.
        update(
            &mut m,
            &km,
            api(did, Response::PoolDetail(Ok(Box::default()))),
        );
        assert!(m.detail.is_none());
    }

    #[test]
    fn enter_on_an_empty_list_does_nothing() {
        let (mut m, km, id) = started();
        update(&mut m, &km, api(id, page(0..0, None)));
        assert!(update(&mut m, &km, code(KeyCode::Enter)).is_empty());
        assert_eq!(m.stack.len(), 1);
    }

    #[test]
    fn detail_refresh_retries_a_failed_describe() {
        let (mut m, km, id) = started();
        update(&mut m, &km, api(id, page(0..1, None)));
        let did = call_id(&update(&mut m, &km, code(KeyCode::Enter)));
        let nf = CognitoError {
            kind: ErrorKind::NotFound,
            code: Some("ResourceNotFoundException".into()),
            message: "User pool does not exist.".into(),
            request_id: Some("r-1".into()),
        };
        update(&mut m, &km, api(did, Response::PoolDetail(Err(nf))));
        assert!(m.detail.as_ref().unwrap().detail.error().is_some());
        let again = call_id(&update(&mut m, &km, key('r')));
        assert!(m.detail.as_ref().unwrap().detail.is_current(again));
    }

    #[test]
    fn help_is_modal_and_quit_quits() {
        let (mut m, km, _) = started();
        update(&mut m, &km, key('?'));
        assert!(m.help);
        assert!(
            update(&mut m, &km, key('r')).is_empty(),
            "help swallows other keys"
        );
        update(&mut m, &km, code(KeyCode::Esc));
        assert!(!m.help);
        assert_eq!(update(&mut m, &km, key('q')), vec![Effect::Quit]);
        assert!(m.quit);
    }

    #[test]
    fn flash_clears_itself_after_ticks() {
        let (mut m, km, _) = started();
        m.flash(Level::Info, "hello");
        for _ in 0..crate::core::model::FLASH_TICKS {
            update(&mut m, &km, Msg::Tick);
        }
        assert!(m.flash.is_none());
    }

    // ------------------------------------------------------------ browse

    fn user(i: usize) -> crate::domain::User {
        crate::domain::User {
            username: format!("user-{i:05}"),
            status: Some("CONFIRMED".into()),
            enabled: true,
            attributes: vec![
                ("email".into(), format!("user-{i:05}@example.com")),
                (
                    "custom:role".into(),
                    if i.is_multiple_of(10) {
                        "admin"
                    } else {
                        "student"
                    }
                    .into(),
                ),
            ],
            ..Default::default()
        }
    }
    fn users_page(range: std::ops::Range<usize>, next: Option<&str>) -> Response {
        Response::Users(Ok(Page {
            items: range.map(user).collect(),
            next_token: next.map(str::to_string),
        }))
    }
    fn type_text(m: &mut Model, km: &Keymap, text: &str) -> Vec<Effect> {
        let mut fx = vec![];
        for c in text.chars() {
            fx.extend(update(m, km, key(c)));
        }
        fx
    }
    /// Pools loaded with one pool, then `u`: the users view is waiting for its first page.
    fn in_users() -> (Model, Keymap, u64) {
        let (mut m, km, id) = started();
        update(&mut m, &km, api(id, page(0..1, None)));
        let fx = update(&mut m, &km, key('u'));
        let uid = call_id(&fx);
        assert_eq!(
            fx[0],
            Effect::Call(
                uid,
                Request::ListUsers {
                    pool_id: "us-east-1_000000000".into(),
                    filter: None,
                    pagination_token: None,
                }
            )
        );
        assert_eq!(m.breadcrumbs(), vec!["pools", "users@pool-0"]);
        (m, km, uid)
    }

    #[test]
    fn users_page_lazily_as_the_cursor_nears_the_end() {
        let (mut m, km, uid) = in_users();
        assert!(update(&mut m, &km, api(uid, users_page(0..60, Some("60")))).is_empty());
        assert_eq!(m.users.as_ref().unwrap().pane.len(), 60);
        // Far from the end: no call.
        for _ in 0..(60 - PREFETCH - 1) {
            assert!(update(&mut m, &km, key('j')).is_empty());
        }
        // Near the end: the next 60, once.
        let fx = update(&mut m, &km, key('j'));
        let next = call_id(&fx);
        assert!(matches!(
            &fx[0],
            Effect::Call(_, Request::ListUsers { pagination_token: Some(t), .. }) if t == "60"
        ));
        assert!(
            update(&mut m, &km, key('j')).is_empty(),
            "one page in flight at a time"
        );
        update(&mut m, &km, api(next, users_page(60..120, Some("120"))));
        assert_eq!(m.users.as_ref().unwrap().pane.len(), 120);
        // G goes to the end of what is loaded and asks for one more page, not the whole pool.
        let fx = update(&mut m, &km, key('G'));
        assert_eq!(m.users.as_ref().unwrap().pane.selected, 119);
        assert_eq!(fx.len(), 1);
        let last = call_id(&fx);
        update(&mut m, &km, api(last, users_page(120..130, None)));
        assert_eq!(m.users.as_ref().unwrap().pane.len(), 130);
        assert!(update(&mut m, &km, key('G')).is_empty(), "no more pages");
    }

    #[test]
    fn a_stale_users_page_is_dropped_after_a_new_server_filter() {
        let (mut m, km, uid) = in_users();
        update(&mut m, &km, key('f'));
        assert_eq!(m.mode(), Mode::Prompt);
        type_text(&mut m, &km, "email ^= user-0001");
        let fx = update(&mut m, &km, code(KeyCode::Enter));
        let fid = call_id(&fx);
        assert_eq!(
            fx[0],
            Effect::Call(
                fid,
                Request::ListUsers {
                    pool_id: "us-east-1_000000000".into(),
                    filter: Some(r#"email ^= "user-0001""#.into()),
                    pagination_token: None,
                }
            )
        );
        update(&mut m, &km, api(uid, users_page(0..60, Some("60"))));
        assert!(m.users.as_ref().unwrap().pane.list.data.is_none(), "stale");
        update(&mut m, &km, api(fid, users_page(10..20, None)));
        assert_eq!(m.users.as_ref().unwrap().pane.len(), 10);
    }

    #[test]
    fn an_invalid_server_filter_is_refused_before_any_call() {
        let (mut m, km, _) = in_users();
        update(&mut m, &km, key('f'));
        type_text(&mut m, &km, "custom:role = admin");
        assert!(update(&mut m, &km, code(KeyCode::Enter)).is_empty());
        let p = m.prompt.as_ref().expect("the prompt stays open");
        assert!(p.error.as_ref().unwrap().contains("cannot be searched"));
        // q is typed, not quit.
        assert!(update(&mut m, &km, key('q')).is_empty());
        assert!(!m.quit);
        update(&mut m, &km, code(KeyCode::Esc));
        assert!(m.prompt.is_none());
    }

    #[test]
    fn slash_filters_loaded_rows_over_custom_attributes_and_esc_clears() {
        let (mut m, km, uid) = in_users();
        update(&mut m, &km, api(uid, users_page(0..60, Some("60"))));
        update(&mut m, &km, key('/'));
        type_text(&mut m, &km, "admin");
        assert_eq!(m.users.as_ref().unwrap().pane.len(), 6);
        update(&mut m, &km, code(KeyCode::Enter));
        assert!(m.prompt.is_none());
        assert_eq!(m.users.as_ref().unwrap().pane.len(), 6, "the filter stays");
        update(&mut m, &km, code(KeyCode::Esc));
        assert_eq!(
            m.users.as_ref().unwrap().pane.len(),
            60,
            "esc clears it first"
        );
        assert_eq!(m.stack.len(), 2);
        update(&mut m, &km, code(KeyCode::Esc));
        assert_eq!(m.stack.len(), 1);
        assert!(m.users.is_none());
    }

    #[test]
    fn user_detail_loads_user_groups_and_devices_and_unsupported_is_not_an_error() {
        let (mut m, km, uid) = in_users();
        update(&mut m, &km, api(uid, users_page(0..3, None)));
        let fx = update(&mut m, &km, code(KeyCode::Enter));
        assert_eq!(fx.len(), 3);
        let ids: Vec<u64> = fx
            .iter()
            .map(|e| match e {
                Effect::Call(id, _) => *id,
                _ => panic!(),
            })
            .collect();
        assert_eq!(m.breadcrumbs(), vec!["pools", "users@pool-0", "user-00000"]);
        let unsupported = CognitoError::new(ErrorKind::Unsupported, "HTTP 500");
        update(
            &mut m,
            &km,
            api(ids[2], Response::UserDevices(Err(unsupported))),
        );
        assert!(m.errors.is_empty(), "not an error wall");
        let nf = CognitoError {
            kind: ErrorKind::NotFound,
            code: Some("UserNotFoundException".into()),
            message: "User does not exist.".into(),
            request_id: Some("req-9".into()),
        };
        update(&mut m, &km, api(ids[0], Response::User(Err(nf))));
        assert_eq!(m.errors.len(), 1);
        assert_eq!(
            m.errors[0].at, 1_795_000_000,
            "the time came with the message"
        );
        assert_eq!(m.errors[0].operation, "AdminGetUser");
    }

    #[test]
    fn commands_switch_views_with_completion_and_errors_list() {
        let (mut m, km, id) = started();
        update(&mut m, &km, api(id, page(0..2, None)));
        update(&mut m, &km, key(':'));
        type_text(&mut m, &km, "tri");
        update(&mut m, &km, code(KeyCode::Tab));
        assert_eq!(m.prompt.as_ref().unwrap().text, "triggers");
        let fx = update(&mut m, &km, code(KeyCode::Enter));
        assert!(matches!(
            &fx[0],
            Effect::Call(_, Request::DescribeUserPool { .. })
        ));
        assert_eq!(m.breadcrumbs(), vec!["pools", "triggers@pool-0"]);
        update(&mut m, &km, key(':'));
        type_text(&mut m, &km, "groups");
        let fx = update(&mut m, &km, code(KeyCode::Enter));
        assert!(matches!(
            &fx[0],
            Effect::Call(_, Request::ListGroups { .. })
        ));
        assert_eq!(m.breadcrumbs(), vec!["pools", "groups@pool-0"]);
        assert!(m.detail.is_none(), "the triggers' state went with its view");
        update(&mut m, &km, key(':'));
        type_text(&mut m, &km, "nope");
        update(&mut m, &km, code(KeyCode::Enter));
        assert!(m.prompt.as_ref().unwrap().error.is_some());
        update(&mut m, &km, code(KeyCode::Esc));
        update(&mut m, &km, key(':'));
        type_text(&mut m, &km, "errors");
        update(&mut m, &km, code(KeyCode::Enter));
        assert_eq!(m.view(), &View::Errors);
    }

    #[test]
    fn client_secret_is_fetched_only_on_reveal() {
        let (mut m, km, id) = started();
        update(&mut m, &km, api(id, page(0..1, None)));
        let cid = call_id(&update(&mut m, &km, key('c')));
        update(
            &mut m,
            &km,
            api(
                cid,
                Response::Clients(Ok(Page {
                    items: vec![crate::domain::ClientSummary {
                        id: "abc".into(),
                        name: "server".into(),
                    }],
                    next_token: None,
                })),
            ),
        );
        let fx = update(&mut m, &km, code(KeyCode::Enter));
        let did = call_id(&fx);
        assert!(matches!(
            &fx[0],
            Effect::Call(_, Request::DescribeUserPoolClient { .. })
        ));
        let client = crate::domain::AppClient {
            id: "abc".into(),
            name: "server".into(),
            has_secret: true,
            ..Default::default()
        };
        update(
            &mut m,
            &km,
            api(did, Response::Client(Ok(Box::new(client)))),
        );
        assert!(m.client.as_ref().unwrap().secret.data.is_none());
        let fx = update(&mut m, &km, key('s'));
        let sid = call_id(&fx);
        assert!(matches!(
            &fx[0],
            Effect::Call(_, Request::RevealClientSecret { .. })
        ));
        update(
            &mut m,
            &km,
            api(sid, Response::ClientSecret(Ok(Some("s3cr3t".into())))),
        );
        assert!(m.client.as_ref().unwrap().secret.data.is_some());
        update(&mut m, &km, code(KeyCode::Esc));
        assert!(m.client.is_none(), "the secret goes with the view");
    }

    #[test]
    fn region_switch_rebuilds_the_gateway_then_resets_to_pools_and_errors_stay_in_place() {
        let (mut m, km, _) = in_users();
        update(&mut m, &km, key(':'));
        let fx = type_text(&mut m, &km, "region eu-west-1");
        assert!(fx.is_empty());
        let fx = update(&mut m, &km, code(KeyCode::Enter));
        let [Effect::Switch(sid, to)] = fx.as_slice() else {
            panic!("{fx:?}")
        };
        assert_eq!(to.region.as_deref(), Some("eu-west-1"));
        assert_eq!(to.profile, None);
        // Nothing moves until the gateway is ready.
        assert_eq!(m.breadcrumbs(), vec!["pools", "users@pool-0"]);
        assert!(m.needs_tick());

        // A failure is said in place; the view and region stay.
        let fail = Msg::Switched(*sid, Err("no usable AWS credentials".into()));
        assert!(update(&mut m, &km, fail).is_empty());
        assert_eq!(m.breadcrumbs(), vec!["pools", "users@pool-0"]);
        let f = m.flash.clone().unwrap();
        assert_eq!(f.level, Level::Error);
        assert!(f.text.contains("region eu-west-1") && f.text.contains("credentials"));

        // Again, and this time it works: back to an empty pools list, loading.
        update(&mut m, &km, key(':'));
        type_text(&mut m, &km, "profile work");
        let fx = update(&mut m, &km, code(KeyCode::Enter));
        let [Effect::Switch(sid, _)] = fx.as_slice() else {
            panic!("{fx:?}")
        };
        // A stale switch result is ignored.
        let stale = Msg::Switched(sid - 1, Err("late".into()));
        assert!(update(&mut m, &km, stale).is_empty());
        let ok = Msg::Switched(
            *sid,
            Ok(Switched {
                region: "us-east-1".into(),
                profile: Some("work".into()),
            }),
        );
        let fx = update(&mut m, &km, ok);
        assert!(matches!(
            fx.as_slice(),
            [Effect::Call(_, Request::ListUserPools { next_token: None })]
        ));
        assert_eq!(m.breadcrumbs(), vec!["pools"]);
        assert!(m.users.is_none());
        assert_eq!(m.ctx.profile.as_deref(), Some("work"));
        assert!(m.flash.unwrap().text.contains("profile work"));
    }

    #[test]
    fn a_click_selects_the_row_under_it() {
        let (mut m, km, uid) = in_users();
        update(&mut m, &km, Msg::Resize(120, 30));
        update(&mut m, &km, api(uid, users_page(0..60, Some("60"))));
        let click = |row| {
            Msg::Mouse(crossterm::event::MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column: 10,
                row,
                modifiers: KeyModifiers::NONE,
            })
        };
        // Row 4 is the first user (header, crumbs, border, column header above it).
        update(&mut m, &km, click(7));
        assert_eq!(m.users.as_ref().unwrap().pane.selected, 3);
        update(&mut m, &km, click(4));
        assert_eq!(m.users.as_ref().unwrap().pane.selected, 0);
        // Above the table, or below the last visible row: nothing.
        update(&mut m, &km, click(2));
        update(&mut m, &km, click(29));
        assert_eq!(m.users.as_ref().unwrap().pane.selected, 0);
        // It agrees with what is drawn: the clicked user is the highlighted row.
        update(&mut m, &km, click(12));
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).unwrap();
        term.draw(|f| crate::ui::render(&m, &km, f)).unwrap();
        let buf = term.backend().buffer().clone();
        let line: String = (0..120)
            .map(|x| buf[(x, 12)].symbol().to_string())
            .collect();
        let name = &m
            .users
            .as_ref()
            .unwrap()
            .pane
            .selected_row()
            .unwrap()
            .username;
        assert!(line.contains(name.as_str()), "{line}");
        assert_eq!(buf[(2, 12)].bg, crate::ui::theme::theme().selected_bg);
    }

    #[test]
    fn y_shows_the_selected_item_as_json() {
        let (mut m, km, uid) = in_users();
        update(&mut m, &km, api(uid, users_page(0..2, None)));
        update(&mut m, &km, key('y'));
        let o = m.overlay.as_ref().expect("an overlay");
        let json: serde_json::Value = serde_json::from_str(&o.lines.join("\n")).unwrap();
        assert_eq!(json["username"], "user-00000");
        update(&mut m, &km, code(KeyCode::Esc));
        assert!(m.overlay.is_none());
        update(&mut m, &km, key('d'));
        assert!(
            m.overlay
                .as_ref()
                .unwrap()
                .lines
                .iter()
                .any(|l| l.contains("custom:role (custom)"))
        );
    }
}
