//! Navigation: the view stack (push, back, prune), loading what a view shows, opening the
//! selected row, moving the cursor, mouse clicks and lazy paging.

use super::*;
use crate::core::model::layout::pane_row_at;

/// The pool the keys act on: the view's own, or the selected row of the pools list.
pub(in crate::core::update) fn current_pool(model: &Model) -> Option<PoolRef> {
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
pub(in crate::core::update) fn open_runner(model: &mut Model) -> Vec<Effect> {
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

pub(in crate::core::update) fn no_pool(model: &mut Model) -> Vec<Effect> {
    model.flash(Level::Warn, "select a pool first (:pools)");
    vec![]
}

/// Open a view of the current pool: on top of the stack from a key, or (from `:`) on a
/// stack reset to the pools list, as k9s switches resources.
pub(in crate::core::update) fn goto_pool_view(
    model: &mut Model,
    make: fn(PoolRef) -> View,
    reset: bool,
) -> Vec<Effect> {
    let Some(pool) = current_pool(model) else {
        return no_pool(model);
    };
    if reset {
        model.stack.truncate(1);
        prune(model);
    }
    push(model, make(pool))
}

pub(in crate::core::update) fn push(model: &mut Model, view: View) -> Vec<Effect> {
    model.stack.push(view);
    load_view(model)
}

pub(in crate::core::update) fn back(model: &mut Model) -> Vec<Effect> {
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
pub(in crate::core::update) fn prune(model: &mut Model) {
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
pub(in crate::core::update) fn view_state_matches(model: &Model) -> bool {
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
pub(in crate::core::update) fn load_view(model: &mut Model) -> Vec<Effect> {
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

pub(in crate::core::update) fn load_pools(model: &mut Model) -> Vec<Effect> {
    let id = model.fresh_id();
    model.pools.list.start(id);
    model.pools.pages = 0;
    vec![Effect::Call(
        id,
        Request::ListUserPools { next_token: None },
    )]
}

pub(in crate::core::update) fn load_detail(model: &mut Model, pool_id: String) -> Vec<Effect> {
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
pub(in crate::core::update) fn load_users(
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
pub(in crate::core::update) fn load_user(
    model: &mut Model,
    pool_id: String,
    username: String,
) -> Vec<Effect> {
    let (a, b, c) = (model.fresh_id(), model.fresh_id(), model.fresh_id());
    let mut state = UserState {
        pool_id: pool_id.clone(),
        username: username.clone(),
        user: Loadable::default(),
        groups: Loadable::default(),
        devices: Loadable::default(),
        scroll: 0,
        events: None,
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

pub(in crate::core::update) fn open(model: &mut Model) -> Vec<Effect> {
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

pub(in crate::core::update) fn reveal_secret(model: &mut Model) -> Vec<Effect> {
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

pub(in crate::core::update) fn move_index(current: usize, len: usize, action: Action) -> usize {
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

pub(in crate::core::update) fn scroll(s: u16, action: Action) -> u16 {
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

pub(in crate::core::update) fn move_pane<T>(pane: &mut ListPane<T>, action: Action) {
    pane.selected = move_index(pane.selected, pane.len(), action);
}

pub(in crate::core::update) fn navigate(model: &mut Model, action: Action) -> Vec<Effect> {
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
/// overlay, select the row under it. Where the rows are comes from `model::layout`, the same
/// geometry the table is drawn with.
pub(in crate::core::update) fn click(model: &mut Model, y: u16) -> Vec<Effect> {
    if model.mode() != model.view_mode() {
        return vec![];
    }
    let size = model.size;
    let at = |selected: usize, len: usize, target: Option<usize>| {
        target.map(|t| (selected.min(len.saturating_sub(1)), t))
    };
    let hit = match (model.view(), &model.users, &model.members) {
        (View::Users(_), Some(u), _) => {
            at(u.pane.selected, u.pane.len(), pane_row_at(size, &u.pane, y))
        }
        (View::Members { .. }, _, Some(m)) => {
            at(m.pane.selected, m.pane.len(), pane_row_at(size, &m.pane, y))
        }
        (View::Clients(_), ..) => match &model.clients {
            Some(p) => at(p.selected, p.len(), pane_row_at(size, p, y)),
            None => None,
        },
        (View::Groups(_), ..) => match &model.groups {
            Some(p) => at(p.selected, p.len(), pane_row_at(size, p, y)),
            None => None,
        },
        _ => None,
    };
    let Some((selected, target)) = hit else {
        return vec![];
    };
    if target == selected {
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

/// Whether the cursor is near the end of what is loaded and more can be asked for.
pub(in crate::core::update) fn wants_more<T>(pane: &ListPane<T>) -> bool {
    pane.has_more() && !pane.list.is_loading() && pane.selected + PREFETCH >= pane.len()
}

/// Lazy paging: the next 60 users when the cursor nears the end of the loaded rows.
pub(in crate::core::update) fn more_users(model: &mut Model) -> Vec<Effect> {
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

pub(in crate::core::update) fn more_members(model: &mut Model) -> Vec<Effect> {
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
