//! `update`: the app's logic as a pure function — a message in, the model changed and the
//! effects to run out. No I/O, no SDK, no clock reads.

use crossterm::event::{KeyEventKind, MouseEventKind};

use crate::action::Action;
use crate::cognito::{CognitoError, ErrorKind};
use crate::effect::{Effect, Request};
use crate::keymap::Keymap;
use crate::model::{DetailState, ErrorEntry, Level, Loadable, Model, View};
use crate::msg::{Msg, Response};

/// Rows one PageUp/PageDown moves.
const PAGE: usize = 10;
/// Keep at most this many entries in the error log.
const MAX_ERRORS: usize = 200;

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
            match keymap.action(model.mode(), &key) {
                Some(action) => act(model, action),
                None => vec![],
            }
        }
        Msg::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => act(model, Action::Down),
            MouseEventKind::ScrollUp => act(model, Action::Up),
            _ => vec![],
        },
        Msg::Resize(..) => vec![],
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
        Msg::Api(id, response) => on_response(model, id, response),
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
    match action {
        Action::Quit => quit(model),
        Action::Help => {
            model.help = true;
            vec![]
        }
        Action::Back => {
            if model.stack.len() > 1 {
                model.stack.pop();
                if !matches!(model.view(), View::PoolDetail { .. }) {
                    model.detail = None;
                }
            }
            vec![]
        }
        Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown => {
            navigate(model, action);
            vec![]
        }
        Action::Refresh => match model.view().clone() {
            View::Pools => load_pools(model),
            View::PoolDetail { pool_id, .. } => load_detail(model, pool_id),
        },
        Action::Open => match model.view() {
            View::Pools => open_selected_pool(model),
            View::PoolDetail { .. } => vec![],
        },
    }
}

fn quit(model: &mut Model) -> Vec<Effect> {
    model.quit = true;
    vec![Effect::Quit]
}

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

fn navigate(model: &mut Model, action: Action) {
    match model.view() {
        View::Pools => {
            let len = model.pools.list.data.as_ref().map_or(0, Vec::len);
            model.pools.selected = move_index(model.pools.selected, len, action);
        }
        View::PoolDetail { .. } => {
            if let Some(d) = &mut model.detail {
                d.scroll = match action {
                    Action::Up => d.scroll.saturating_sub(1),
                    Action::Down => d.scroll.saturating_add(1),
                    Action::Top => 0,
                    Action::Bottom => u16::MAX / 2,
                    Action::PageUp => d.scroll.saturating_sub(PAGE as u16),
                    Action::PageDown => d.scroll.saturating_add(PAGE as u16),
                    _ => d.scroll,
                };
            }
        }
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
    let detail = model.detail.get_or_insert_with(|| DetailState {
        pool_id: pool_id.clone(),
        detail: Loadable::default(),
        scroll: 0,
    });
    detail.detail.start(id);
    vec![Effect::Call(id, Request::DescribeUserPool { pool_id })]
}

fn open_selected_pool(model: &mut Model) -> Vec<Effect> {
    let Some(pool) = model
        .pools
        .list
        .data
        .as_ref()
        .and_then(|rows| rows.get(model.pools.selected))
        .cloned()
    else {
        return vec![];
    };
    model.stack.push(View::PoolDetail {
        pool_id: pool.id.clone(),
        name: pool.name.clone(),
    });
    model.detail = None;
    load_detail(model, pool.id)
}

fn record_error(model: &mut Model, operation: &'static str, err: &CognitoError) {
    let level = match err.kind {
        ErrorKind::Throttled | ErrorKind::ReadOnly => Level::Warn,
        _ => Level::Error,
    };
    model.flash(level, format!("✗ {operation}: {}", err.headline()));
    model.errors.push(ErrorEntry {
        operation,
        error: err.clone(),
    });
    if model.errors.len() > MAX_ERRORS {
        model.errors.remove(0);
    }
}

fn on_response(model: &mut Model, id: u64, response: Response) -> Vec<Effect> {
    match response {
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
                    record_error(model, "ListUserPools", &err);
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
                    record_error(model, "DescribeUserPool", &err);
                    vec![]
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::{Page, PoolDetail, PoolSummary};
    use crate::model::{Context, LoadState};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
        let fx = update(&mut m, &km, Msg::Api(id, page(0..60, Some("t1"))));
        let next = call_id(&fx);
        assert!(
            matches!(&fx[0], Effect::Call(_, Request::ListUserPools { next_token: Some(t) }) if t == "t1")
        );
        assert_eq!(m.pools.list.data.as_ref().unwrap().len(), 60);
        let fx = update(&mut m, &km, Msg::Api(next, page(60..70, None)));
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
        update(&mut m, &km, Msg::Api(first, page(0..3, None)));
        assert!(
            m.pools.list.data.is_none(),
            "a superseded result must not land"
        );
        update(&mut m, &km, Msg::Api(second, page(0..2, None)));
        assert_eq!(m.pools.list.data.as_ref().unwrap().len(), 2);
    }

    #[test]
    fn failure_shows_inline_flashes_and_logs_then_retry_recovers() {
        let (mut m, km, id) = started();
        let err = CognitoError::new(ErrorKind::Network, "connection refused");
        update(&mut m, &km, Msg::Api(id, Response::Pools(Err(err.clone()))));
        assert_eq!(m.pools.list.error(), Some(&err));
        assert_eq!(m.errors.len(), 1);
        assert_eq!(m.flash.as_ref().unwrap().level, Level::Error);
        let retry = call_id(&update(&mut m, &km, key('r')));
        update(&mut m, &km, Msg::Api(retry, page(0..1, None)));
        assert_eq!(m.pools.list.state, LoadState::Loaded);
    }

    #[test]
    fn navigation_is_clamped() {
        let (mut m, km, id) = started();
        update(&mut m, &km, Msg::Api(id, page(0..3, None)));
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
        update(&mut m, &km, Msg::Api(id, page(0..3, None)));
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
            Msg::Api(did, Response::PoolDetail(Ok(Box::new(detail.clone())))),
        );
        assert_eq!(m.detail.as_ref().unwrap().detail.data, Some(detail));
        update(&mut m, &km, code(KeyCode::Esc));
        assert_eq!(m.view(), &View::Pools);
        assert!(m.detail.is_none());
        // A late detail result after leaving is dropped without a trace.
        update(
            &mut m,
            &km,
            Msg::Api(did, Response::PoolDetail(Ok(Box::default()))),
        );
        assert!(m.detail.is_none());
    }

    #[test]
    fn enter_on_an_empty_list_does_nothing() {
        let (mut m, km, id) = started();
        update(&mut m, &km, Msg::Api(id, page(0..0, None)));
        assert!(update(&mut m, &km, code(KeyCode::Enter)).is_empty());
        assert_eq!(m.stack.len(), 1);
    }

    #[test]
    fn detail_refresh_retries_a_failed_describe() {
        let (mut m, km, id) = started();
        update(&mut m, &km, Msg::Api(id, page(0..1, None)));
        let did = call_id(&update(&mut m, &km, code(KeyCode::Enter)));
        let nf = CognitoError {
            kind: ErrorKind::NotFound,
            code: Some("ResourceNotFoundException".into()),
            message: "User pool does not exist.".into(),
            request_id: Some("r-1".into()),
        };
        update(&mut m, &km, Msg::Api(did, Response::PoolDetail(Err(nf))));
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
        for _ in 0..crate::model::FLASH_TICKS {
            update(&mut m, &km, Msg::Tick);
        }
        assert!(m.flash.is_none());
    }
}
