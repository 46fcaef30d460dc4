//! The update tables: a message in, the model and the effects out.

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
        triggers_set: Some(0),
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
fn a_description_counts_the_triggers_the_list_left_out() {
    let (mut m, km, id) = started();
    let mut rows = page(0..2, None);
    if let Response::Pools(Ok(p)) = &mut rows {
        p.items[1].triggers_set = None;
    }
    update(&mut m, &km, api(id, rows));
    update(&mut m, &km, key('j'));
    let did = call_id(&update(&mut m, &km, code(KeyCode::Enter)));
    let triggers = |m: &Model| -> Vec<Option<usize>> {
        let rows = m.pools.list.data.as_ref().unwrap();
        rows.iter().map(|r| r.triggers_set).collect()
    };
    // An answer to another request changes nothing.
    let mut detail = PoolDetail {
        id: "us-east-1_000000001".into(),
        ..Default::default()
    };
    detail.lambda_config.pre_authentication = Some("arn:pre".into());
    detail.lambda_config.define_auth_challenge = Some("arn:define".into());
    update(
        &mut m,
        &km,
        api(
            did + 100,
            Response::PoolDetail(Ok(Box::new(detail.clone()))),
        ),
    );
    assert_eq!(triggers(&m), [Some(0), None]);
    update(
        &mut m,
        &km,
        api(did, Response::PoolDetail(Ok(Box::new(detail)))),
    );
    assert_eq!(triggers(&m), [Some(0), Some(2)]);
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
fn ctrl_z_asks_the_loop_to_suspend_from_help_a_prompt_and_the_pools() {
    let (mut m, km, _) = started();
    let ctrl_z = || Msg::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    assert_eq!(update(&mut m, &km, ctrl_z()), vec![Effect::Suspend]);
    update(&mut m, &km, key('?'));
    assert_eq!(update(&mut m, &km, ctrl_z()), vec![Effect::Suspend]);
    assert!(m.help, "suspending keeps the screen as it was");
    update(&mut m, &km, code(KeyCode::Esc));
    update(&mut m, &km, key(':'));
    assert_eq!(update(&mut m, &km, ctrl_z()), vec![Effect::Suspend]);
    assert!(m.prompt.is_some());
    assert!(!m.quit);
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
    assert_eq!(m.prompt.as_ref().unwrap().text.value(), "triggers");
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

fn clients_page(ids: &[&str], next: Option<&str>) -> Response {
    Response::Clients(Ok(Page {
        items: ids
            .iter()
            .map(|id| crate::domain::ClientSummary {
                id: id.to_string(),
                name: id.to_string(),
            })
            .collect(),
        next_token: next.map(str::to_string),
    }))
}

#[test]
fn a_repeated_pools_token_stops_the_listing_keeps_the_rows_and_a_reload_starts_afresh() {
    let (mut m, km, id) = started();
    let second = call_id(&update(&mut m, &km, api(id, page(0..2, Some("t1")))));
    let third = call_id(&update(&mut m, &km, api(second, page(2..4, Some("t2")))));
    let fx = update(&mut m, &km, api(third, page(4..6, Some("t1"))));
    assert!(fx.is_empty(), "no further call: {fx:?}");
    assert_eq!(m.pools.list.data.as_ref().unwrap().len(), 6);
    let err = m.pools.list.error().expect("the listing failed");
    assert!(
        err.message
            .contains("ListUserPools sent a page token it had already sent, after 3 pages"),
        "{}",
        err.message
    );
    assert_eq!(m.errors.len(), 1);
    // A reload follows t1 again: the trail belongs to one load.
    let retry = call_id(&update(&mut m, &km, key('r')));
    let fx = update(&mut m, &km, api(retry, page(0..2, Some("t1"))));
    assert_eq!(fx.len(), 1);
}

#[test]
fn a_repeated_clients_token_stops_the_followed_list() {
    let (mut m, km, id) = started();
    update(&mut m, &km, api(id, page(0..1, None)));
    let cid = call_id(&update(&mut m, &km, key('c')));
    let next = call_id(&update(
        &mut m,
        &km,
        api(cid, clients_page(&["a"], Some("same"))),
    ));
    let fx = update(&mut m, &km, api(next, clients_page(&["b"], Some("same"))));
    assert!(fx.is_empty(), "{fx:?}");
    let pane = m.clients.as_ref().unwrap();
    assert_eq!(pane.len(), 2);
    assert!(!pane.has_more());
    assert!(
        pane.list
            .error()
            .unwrap()
            .message
            .contains("ListUserPoolClients")
    );
    assert_eq!(m.errors.len(), 1);
}

#[test]
fn a_repeated_users_token_ends_the_lazy_paging() {
    let (mut m, km, uid) = in_users();
    update(&mut m, &km, api(uid, users_page(0..60, Some("60"))));
    let next = call_id(&update(&mut m, &km, key('G')));
    update(&mut m, &km, api(next, users_page(60..120, Some("60"))));
    let pane = &m.users.as_ref().unwrap().pane;
    assert_eq!(pane.len(), 120);
    assert!(!pane.has_more());
    assert!(pane.list.error().unwrap().message.contains("ListUsers"));
    assert!(
        update(&mut m, &km, key('G')).is_empty(),
        "no page is asked again"
    );
}

// ------------------------------------------------------------ text fields

/// Play `steps` into the app: `t:abc` types, `p:abc` pastes, anything else is a key
/// (`home`, `ctrl-w`, …).
fn play(m: &mut Model, km: &Keymap, steps: &[&str]) -> Vec<Effect> {
    let mut fx = vec![];
    for s in steps {
        if let Some(text) = s.strip_prefix("t:") {
            fx.extend(type_text(m, km, text));
        } else if let Some(text) = s.strip_prefix("p:") {
            fx.extend(update(m, km, Msg::Paste(text.to_string())));
        } else {
            let k = crate::core::input::keymap::Key::parse(s).unwrap();
            fx.extend(update(m, km, Msg::Key(KeyEvent::new(k.code, k.mods))));
        }
    }
    fx
}

#[test]
fn the_slash_filter_edits_at_the_cursor_and_the_rows_follow_every_edit() {
    let cases: &[(&[&str], &str, usize, usize)] = &[
        // steps, value, cursor, rows shown (of user-00000 … user-00059)
        (&["t:ser-0005", "home", "t:u"], "user-0005", 1, 10),
        (&["t:user-00051", "left", "backspace"], "user-0001", 8, 10),
        (
            &["t:user-00051", "ctrl-a", "delete", "ctrl-e"],
            "ser-00051",
            9,
            1,
        ),
        (
            &["t:user-0005", "left", "right", "t:1"],
            "user-00051",
            10,
            1,
        ),
        (&["t:admin", "left", "left", "ctrl-k"], "adm", 3, 6),
        (&["t:xadmin", "home", "right", "ctrl-u"], "admin", 0, 6),
        (&["t:stu admin", "ctrl-w"], "stu ", 4, 54),
        (&["p:admin"], "admin", 5, 6),
        (&["t:dmin", "home", "p:a"], "admin", 1, 6),
        (&["p:user-0005\n"], "user-0005", 9, 10),
    ];
    for (steps, value, cursor, rows) in cases {
        let (mut m, km, uid) = in_users();
        update(&mut m, &km, api(uid, users_page(0..60, None)));
        update(&mut m, &km, key('/'));
        play(&mut m, &km, steps);
        let p = m.prompt.as_ref().expect("the prompt stays open");
        assert_eq!(p.text.value(), *value, "{steps:?}");
        assert_eq!(p.text.cursor(), *cursor, "{steps:?}");
        assert_eq!(m.users.as_ref().unwrap().pane.len(), *rows, "{steps:?}");
    }
    // Every edit key filters at once, not only typed chars.
    let (mut m, km, uid) = in_users();
    update(&mut m, &km, api(uid, users_page(0..60, None)));
    play(&mut m, &km, &["/", "t:user-00051"]);
    assert_eq!(m.users.as_ref().unwrap().pane.len(), 1);
    play(&mut m, &km, &["left", "backspace"]);
    assert_eq!(m.users.as_ref().unwrap().pane.len(), 10);
    play(&mut m, &km, &["ctrl-e", "ctrl-u"]);
    assert_eq!(m.users.as_ref().unwrap().pane.len(), 60);
}

#[test]
fn the_server_filter_and_the_command_line_edit_at_the_cursor_and_tab_completes_to_the_end() {
    let (mut m, km, _) = in_users();
    update(&mut m, &km, key('f'));
    play(&mut m, &km, &["t:email ^= nobody", "ctrl-w", "t:user-0001"]);
    assert_eq!(
        m.prompt.as_ref().unwrap().text.value(),
        "email ^= user-0001"
    );
    let fx = play(&mut m, &km, &["enter"]);
    assert!(matches!(
        &fx[..],
        [Effect::Call(_, Request::ListUsers { filter: Some(f), .. })] if f == r#"email ^= "user-0001""#
    ));

    let (mut m, km, id) = started();
    update(&mut m, &km, api(id, page(0..2, None)));
    play(&mut m, &km, &[":", "t:ri", "home", "t:t", "end", "tab"]);
    let p = m.prompt.as_ref().unwrap();
    assert_eq!(p.text.value(), "triggers");
    assert_eq!(p.text.cursor(), 8, "completion puts the cursor at the end");
    play(&mut m, &km, &["ctrl-u", "p:groups"]);
    assert_eq!(m.prompt.as_ref().unwrap().text.value(), "groups");
    play(&mut m, &km, &["enter"]);
    assert_eq!(m.breadcrumbs(), vec!["pools", "groups@pool-0"]);
}

#[test]
fn a_paste_outside_a_text_field_does_nothing() {
    let (mut m, km, uid) = in_users();
    update(&mut m, &km, api(uid, users_page(0..3, None)));
    let before = format!("{m:?}");
    for text in ["Dy", "q", "/admin", ":quit\n", "A"] {
        assert!(update(&mut m, &km, Msg::Paste(text.into())).is_empty());
    }
    assert_eq!(m.mode(), Mode::Users);
    assert!(m.prompt.is_none() && m.confirm.is_none() && !m.quit);
    assert_eq!(format!("{m:?}"), before, "nothing changed");
}
