//! Screen tests: each pane in each state, rendered on ratatui's TestBackend and compared with
//! insta snapshots.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::core::input::keymap::Keymap;
use crate::core::model::{Context, DetailState, Level, LoadState, Loadable, Model, View};
use crate::domain::{
    CognitoError, ErrorKind, LambdaConfig, PasswordPolicy, PoolDetail, PoolSummary, SchemaAttribute,
};

pub(super) fn model() -> Model {
    Model::new(Context {
        region: "us-east-1".into(),
        endpoint: Some("http://127.0.0.1:4566".into()),
        profile: None,
        read_only: false,
        log_path: None,
    })
}

fn draw(model: &Model, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let keymap = Keymap::default().with_read_only(model.ctx.read_only);
    t.draw(|f| super::render(model, &keymap, f)).unwrap();
    t.backend().to_string()
}

pub(super) fn pools(n: usize) -> Vec<PoolSummary> {
    (0..n)
        .map(|i| PoolSummary {
            id: format!("us-east-1_Pool{i:05}"),
            name: format!("pool-{i}"),
            created: Some(1_795_000_000 + i as i64 * 3600),
            modified: Some(1_795_100_000),
            triggers_set: Some(i % 3),
        })
        .collect()
}

pub(super) fn detail() -> PoolDetail {
    PoolDetail {
        id: "us-east-1_AbCdEf123".into(),
        name: "cognito-workshop".into(),
        arn: Some("arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_AbCdEf123".into()),
        created: Some(1_795_000_000),
        modified: Some(1_795_100_000),
        estimated_users: 8,
        mfa_configuration: Some("OPTIONAL".into()),
        password_policy: Some(PasswordPolicy {
            minimum_length: Some(8),
            require_uppercase: true,
            require_lowercase: true,
            require_numbers: true,
            require_symbols: false,
            temporary_password_validity_days: 7,
            password_history_size: None,
        }),
        username_attributes: vec![],
        alias_attributes: vec!["email".into()],
        username_case_sensitive: Some(false),
        auto_verified_attributes: vec!["email".into()],
        deletion_protection: Some("ACTIVE".into()),
        domain: Some("workshop-demo".into()),
        custom_domain: None,
        tier: Some("ESSENTIALS".into()),
        lambda_config: LambdaConfig {
            pre_token_generation: Some(
                "arn:aws:lambda:us-east-1:000000000000:function:pre-token".into(),
            ),
            pre_token_generation_version: Some("V2_0".into()),
            define_auth_challenge: Some(
                "arn:aws:lambda:us-east-1:000000000000:function:define".into(),
            ),
            ..Default::default()
        },
        schema: vec![SchemaAttribute {
            name: "custom:role".into(),
            data_type: "String".into(),
            mutable: true,
            required: false,
            developer_only: false,
            min_length: Some("0".into()),
            max_length: Some("32".into()),
            min_value: None,
            max_value: None,
        }],
    }
}

pub(super) fn not_found() -> CognitoError {
    CognitoError {
        kind: ErrorKind::NotFound,
        code: Some("ResourceNotFoundException".into()),
        message: "User pool us-east-1_nope does not exist.".into(),
        request_id: Some("7f1c-req".into()),
    }
}

#[test]
fn pools_loading() {
    let mut m = model();
    m.pools.list.start(1);
    insta::assert_snapshot!(draw(&m, 100, 12));
}

#[test]
fn pools_loaded() {
    let mut m = model();
    m.pools.list.loaded(pools(3));
    m.pools.selected = 1;
    insta::assert_snapshot!(draw(&m, 110, 12));
}

#[test]
fn pools_empty() {
    let mut m = model();
    m.pools.list.loaded(vec![]);
    insta::assert_snapshot!(draw(&m, 100, 12));
}

#[test]
fn pools_failed() {
    let mut m = model();
    m.pools.list.failed(CognitoError::new(
        ErrorKind::Network,
        "cannot reach the Cognito endpoint: Connection refused (os error 111)",
    ));
    m.flash(
        Level::Error,
        "✗ ListUserPools: network: cannot reach the Cognito endpoint",
    );
    insta::assert_snapshot!(draw(&m, 100, 12));
}

#[test]
fn pools_failed_after_data_keeps_rows() {
    let mut m = model();
    m.pools.list.loaded(pools(2));
    m.pools.list.failed(CognitoError::new(
        ErrorKind::Timeout,
        "ListUserPools did not answer in time",
    ));
    insta::assert_snapshot!(draw(&m, 110, 10));
}

#[test]
fn pools_scroll_keeps_the_selection_visible() {
    let mut m = model();
    m.pools.list.loaded(pools(500));
    m.pools.selected = 400;
    let screen = draw(&m, 110, 12);
    assert!(screen.contains("pool-400"));
    assert!(!screen.contains("pool-0 "));
}

#[test]
fn read_only_badge() {
    let mut m = model();
    m.ctx.read_only = true;
    m.pools.list.loaded(vec![]);
    let screen = draw(&m, 100, 8);
    assert!(screen.contains("READ-ONLY"));
}

pub(super) fn with_detail(state: Loadable<PoolDetail>) -> Model {
    let mut m = model();
    m.pools.list.loaded(pools(1));
    m.stack.push(View::PoolDetail {
        pool_id: "us-east-1_AbCdEf123".into(),
        name: "cognito-workshop".into(),
    });
    m.detail = Some(DetailState {
        pool_id: "us-east-1_AbCdEf123".into(),
        detail: state,
        scroll: 0,
    });
    m
}

#[test]
fn detail_loading() {
    let m = with_detail(Loadable {
        data: None,
        state: LoadState::Loading(2),
    });
    insta::assert_snapshot!(draw(&m, 100, 10));
}

#[test]
fn detail_loaded() {
    let m = with_detail(Loadable {
        data: Some(detail()),
        state: LoadState::Loaded,
    });
    insta::assert_snapshot!(draw(&m, 110, 42));
}

#[test]
fn detail_failed() {
    let m = with_detail(Loadable {
        data: None,
        state: LoadState::Failed(not_found()),
    });
    insta::assert_snapshot!(draw(&m, 100, 12));
}

#[test]
fn help_overlay_lists_the_live_keymap() {
    let mut m = model();
    m.pools.list.loaded(pools(1));
    m.help = true;
    insta::assert_snapshot!(draw(&m, 100, 34));
}

// ------------------------------------------------------------ browse panes

use crate::core::model::{
    ClientState, ListPane, PoolRef, Prompt, PromptKind, UserState, UsersState,
};
use crate::domain::{AppClient, Group, TokenValidity, User};

pub(super) fn pref() -> PoolRef {
    PoolRef {
        id: "us-east-1_AbCdEf123".into(),
        name: "cognito-workshop".into(),
    }
}

pub(super) fn users(n: usize) -> Vec<User> {
    (0..n)
        .map(|i| User {
            username: format!("user-{i:05}"),
            status: Some(
                if i % 3 == 0 {
                    "FORCE_CHANGE_PASSWORD"
                } else {
                    "CONFIRMED"
                }
                .into(),
            ),
            enabled: i % 7 != 3,
            attributes: vec![
                ("sub".into(), format!("0000-{i:04}")),
                ("email".into(), format!("user-{i:05}@example.com")),
                ("name".into(), format!("Person {i}")),
                (
                    "custom:role".into(),
                    if i % 4 == 0 { "admin" } else { "student" }.into(),
                ),
            ],
            created: Some(1_795_000_000),
            ..Default::default()
        })
        .collect()
}

pub(super) fn in_users(pane: ListPane<User>) -> Model {
    let mut m = model();
    m.stack.push(View::Users(pref()));
    m.users = Some(UsersState {
        pane,
        server_filter: None,
        marked: Default::default(),
    });
    m
}

pub(super) fn loaded_users(n: usize, more: bool) -> ListPane<User> {
    let mut p = ListPane::new("us-east-1_AbCdEf123");
    p.list.start(1);
    p.page(users(n), more.then(|| "60".to_string()));
    p
}

#[test]
fn users_loading() {
    let mut p = ListPane::new("us-east-1_AbCdEf123");
    p.list.start(1);
    insta::assert_snapshot!(draw(&in_users(p), 120, 10));
}

#[test]
fn users_loaded_with_more_pages() {
    let mut p = loaded_users(60, true);
    p.selected = 2;
    insta::assert_snapshot!(draw(&in_users(p), 150, 12));
}

#[test]
fn users_empty() {
    insta::assert_snapshot!(draw(&in_users(loaded_users(0, false)), 120, 10));
}

#[test]
fn users_failed() {
    let mut p = ListPane::new("us-east-1_AbCdEf123");
    p.list.failed(not_found());
    insta::assert_snapshot!(draw(&in_users(p), 120, 12));
}

#[test]
fn users_filtered_locally_and_on_the_server() {
    let mut p = loaded_users(60, true);
    p.set_filter("admin");
    let mut m = in_users(p);
    m.users.as_mut().unwrap().server_filter =
        crate::core::input::filter::parse("email ^= user-000").unwrap();
    insta::assert_snapshot!(draw(&m, 150, 12));
}

#[test]
fn users_server_filter_prompt_with_an_error() {
    let mut m = in_users(loaded_users(3, false));
    m.prompt = Some(Prompt {
        kind: PromptKind::ServerFilter,
        text: "custom:role = admin".into(),
        error: crate::core::input::filter::parse("custom:role = admin").err(),
    });
    insta::assert_snapshot!(draw(&m, 120, 14));
}

/// Where the terminal's cursor is, and that the drawn cursor (a reversed cell) is under it.
fn cursor_cell(model: &Model, w: u16, h: u16) -> (String, String) {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| super::render(model, &Keymap::default(), f))
        .unwrap();
    let at = t.get_cursor_position().unwrap();
    let buf = t.backend().buffer();
    let cell = &buf[(at.x, at.y)];
    assert!(
        cell.modifier.contains(ratatui::style::Modifier::REVERSED),
        "the cell under the cursor is drawn reversed"
    );
    (
        buf[(at.x - 1, at.y)].symbol().to_string(),
        cell.symbol().to_string(),
    )
}

#[test]
fn the_prompt_and_a_form_draw_the_cursor_where_it_is() {
    let mut text = crate::core::input::text::TextInput::new("walker007");
    text.set_cursor(1);
    let mut m = in_users(loaded_users(3, false));
    m.prompt = Some(Prompt {
        kind: PromptKind::Filter,
        text: text.clone(),
        error: None,
    });
    assert_eq!(cursor_cell(&m, 120, 14), ("w".into(), "a".into()));

    let mut m = in_users(loaded_users(3, false));
    let mut field = crate::core::model::Field::text("username", "", "");
    field.value = text;
    m.form = Some(crate::core::model::Form::new(
        "New user",
        crate::core::model::FormKind::CreateUser,
        "us-east-1_AbCdEf123".into(),
        vec![field],
    ));
    assert_eq!(cursor_cell(&m, 120, 14), ("w".into(), "a".into()));

    let mut m = in_users(loaded_users(3, false));
    let mut typed = crate::core::input::text::TextInput::new("stuxdent");
    typed.set_cursor(4);
    m.confirm = Some(crate::core::model::Confirm {
        title: "Delete group student".into(),
        lines: vec!["Its members stay.".into()],
        pool_id: "us-east-1_AbCdEf123".into(),
        then: crate::core::model::Confirmed::Write(crate::core::effect::Write::DeleteGroup {
            name: "student".into(),
        }),
        typed: Some(("student".into(), typed)),
        pending: None,
        error: None,
    });
    assert_eq!(cursor_cell(&m, 120, 14), ("x".into(), "d".into()));
}

#[test]
fn users_pane_with_100k_rows_draws_the_visible_slice() {
    let mut p = ListPane::new("us-east-1_AbCdEf123");
    p.list.start(1);
    p.page(users(100_000), None);
    p.selected = 99_990;
    let screen = draw(&in_users(p), 150, 20);
    assert!(screen.contains("user-99990"));
    assert!(!screen.contains("user-00000"));
}

pub(super) fn user_state(
    groups: Loadable<Vec<Group>>,
    devices: Loadable<Vec<crate::domain::Device>>,
) -> Model {
    let mut m = model();
    m.stack.push(View::Users(pref()));
    m.stack.push(View::UserDetail {
        pool: pref(),
        username: "user-00000".into(),
    });
    let mut u = users(1).remove(0);
    u.preferred_mfa = Some("SOFTWARE_TOKEN_MFA".into());
    u.mfa_settings = vec!["SOFTWARE_TOKEN_MFA".into()];
    m.user = Some(UserState {
        pool_id: pref().id,
        username: "user-00000".into(),
        user: Loadable {
            data: Some(u),
            state: LoadState::Loaded,
        },
        groups,
        devices,
        scroll: 0,
        events: None,
    });
    m
}

#[test]
fn user_detail_loaded_with_devices_unsupported() {
    let m = user_state(
        Loadable {
            data: Some(vec![Group {
                name: "admin".into(),
                precedence: Some(1),
                description: Some("Workshop administrators".into()),
                role_arn: None,
                created: None,
            }]),
            state: LoadState::Loaded,
        },
        Loadable {
            data: None,
            state: LoadState::Failed(CognitoError::new(
                ErrorKind::Unsupported,
                "AdminListDevices failed with HTTP 500",
            )),
        },
    );
    insta::assert_snapshot!(draw(&m, 100, 34));
}

#[test]
fn attributes_of_a_user() {
    let mut m = user_state(Loadable::default(), Loadable::default());
    m.stack.push(View::Attributes {
        pool: pref(),
        user: Some("user-00000".into()),
    });
    let mut d = detail();
    d.schema.insert(
        0,
        SchemaAttribute {
            name: "email".into(),
            data_type: "String".into(),
            mutable: true,
            required: true,
            developer_only: false,
            min_length: Some("0".into()),
            max_length: Some("2048".into()),
            min_value: None,
            max_value: None,
        },
    );
    m.detail = Some(DetailState {
        pool_id: pref().id,
        detail: Loadable {
            data: Some(d),
            state: LoadState::Loaded,
        },
        scroll: 0,
    });
    insta::assert_snapshot!(draw(&m, 120, 10));
}

#[test]
fn triggers_every_slot() {
    let mut m = model();
    m.stack.push(View::Triggers(pref()));
    m.detail = Some(DetailState {
        pool_id: pref().id,
        detail: Loadable {
            data: Some(detail()),
            state: LoadState::Loaded,
        },
        scroll: 0,
    });
    m.triggers_selected = 5;
    insta::assert_snapshot!(draw(&m, 150, 20));
}

#[test]
fn client_detail_with_secret_hidden() {
    let mut m = model();
    m.stack.push(View::ClientDetail {
        pool: pref(),
        client_id: "nkBbxhbO97yzXbIlnUS4EiRpVh".into(),
        name: "workshop-server".into(),
    });
    let c = AppClient {
        id: "nkBbxhbO97yzXbIlnUS4EiRpVh".into(),
        name: "workshop-server".into(),
        pool_id: pref().id,
        has_secret: true,
        explicit_auth_flows: vec!["ALLOW_ADMIN_USER_PASSWORD_AUTH".into()],
        access_token_validity: Some(TokenValidity {
            value: 60,
            unit: "minutes".into(),
        }),
        id_token_validity: Some(TokenValidity {
            value: 60,
            unit: "minutes".into(),
        }),
        refresh_token_validity: Some(TokenValidity {
            value: 30,
            unit: "days".into(),
        }),
        read_attributes: vec!["email".into(), "custom:role".into()],
        prevent_user_existence_errors: Some("ENABLED".into()),
        enable_token_revocation: Some(true),
        ..Default::default()
    };
    m.client = Some(ClientState {
        pool_id: pref().id,
        client_id: c.id.clone(),
        client: Loadable {
            data: Some(c),
            state: LoadState::Loaded,
        },
        secret: Loadable::default(),
        scroll: 0,
    });
    let screen = draw(&m, 100, 38);
    assert!(screen.contains("[s] reveal"));
    insta::assert_snapshot!(screen);
}

#[test]
fn errors_list() {
    let mut m = model();
    m.stack.push(View::Errors);
    m.errors.push(crate::core::model::ErrorEntry {
        operation: "AdminGetUser",
        error: not_found(),
        at: 1_795_000_000,
    });
    insta::assert_snapshot!(draw(&m, 140, 8));
}

// ---------------------------------------------------------------- admin: forms, confirmations, bulk

/// The users view with 6 users and the pool's detail on hand, after `keys` and `text`.
pub(super) fn admin(keys: &[&str]) -> Model {
    let mut m = in_users(loaded_users(6, false));
    let mut d = Loadable::default();
    d.loaded(detail());
    m.detail = Some(DetailState {
        pool_id: "us-east-1_AbCdEf123".into(),
        detail: d,
        scroll: 0,
    });
    press(&mut m, keys);
    m
}

/// Keys by name (`"X"`, `"tab"`); a `"'text"` entry types its text.
pub(super) fn press(m: &mut Model, keys: &[&str]) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let km = Keymap::default().with_read_only(m.ctx.read_only);
    for k in keys {
        let events: Vec<KeyEvent> = match k.strip_prefix('\'') {
            Some(text) => text
                .chars()
                .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
                .collect(),
            None => {
                let k = crate::core::input::keymap::Key::parse(k).unwrap();
                vec![KeyEvent::new(k.code, k.mods)]
            }
        };
        for ev in events {
            crate::core::update::update(m, &km, crate::core::msg::Msg::Key(ev));
        }
    }
}

#[test]
fn form_new_user_with_a_masked_password() {
    let m = admin(&[
        "n",
        "'zoe",
        "tab",
        "'zoe@example.com",
        "tab",
        "tab",
        "tab",
        "'Secret123",
    ]);
    insta::assert_snapshot!(draw(&m, 120, 20));
}

#[test]
fn form_new_user_refused_with_the_reason() {
    let m = admin(&["n", "'zoe", "tab", "tab", "tab", "tab", "'short", "enter"]);
    insta::assert_snapshot!(draw(&m, 120, 20));
}

#[test]
fn form_set_password_sending() {
    let m = admin(&["P", "'Longer1Password", "ctrl-r", "tab", "right", "enter"]);
    insta::assert_snapshot!(draw(&m, 110, 16));
}

#[test]
fn form_mfa_preference() {
    let m = admin(&["M", "right", "right", "right", "tab", "right", "right"]);
    insta::assert_snapshot!(draw(&m, 110, 16));
}

#[test]
fn form_add_marked_users_to_a_group() {
    let m = admin(&["space", "space", "space", "+", "'student"]);
    insta::assert_snapshot!(draw(&m, 120, 16));
}

#[test]
fn confirm_delete_user() {
    let m = admin(&["j", "D"]);
    insta::assert_snapshot!(draw(&m, 110, 16));
}

#[test]
fn confirm_disable_marked_users() {
    let m = admin(&["space", "space", "X"]);
    insta::assert_snapshot!(draw(&m, 110, 16));
}

#[test]
fn bulk_run_with_a_failure_and_one_waiting() {
    use crate::core::model::{Bulk, ItemEnd};
    let mut m = in_users(loaded_users(6, false));
    m.bulk = Some(Bulk {
        id: 9,
        op: crate::core::effect::BulkOp::Disable,
        items: vec![
            "user-00000".into(),
            "user-00001".into(),
            "user-00002".into(),
        ],
        results: vec![
            Some(ItemEnd::Done),
            Some(ItemEnd::Failed(
                "UserNotFoundException: User does not exist.".into(),
            )),
            None,
        ],
        finished: false,
        cancelling: false,
        shown: true,
        pace: Some((12.5, true)),
        scroll: 0,
    });
    insta::assert_snapshot!(draw(&m, 110, 16));
}

#[test]
fn users_marked_rows() {
    let m = admin(&["space", "j", "space"]);
    insta::assert_snapshot!(draw(&m, 150, 12));
}

#[test]
fn users_read_only_hides_the_write_keys_and_says_why() {
    let mut m = in_users(loaded_users(3, false));
    m.ctx.read_only = true;
    press(&mut m, &["D", "n", "space"]);
    insta::assert_snapshot!(draw(&m, 150, 10));
}

fn in_groups() -> Model {
    let mut m = model();
    m.stack.push(View::Groups(pref()));
    let mut pane = ListPane::new("us-east-1_AbCdEf123");
    pane.list.start(1);
    pane.page(
        vec![crate::domain::Group {
            name: "student".into(),
            precedence: Some(100),
            description: Some("Students: attend sessions.".into()),
            role_arn: None,
            created: Some(1_795_000_000),
        }],
        None,
    );
    m.groups = Some(pane);
    m
}

#[test]
fn form_edit_group() {
    let mut m = in_groups();
    press(&mut m, &["e", "tab"]);
    insta::assert_snapshot!(draw(&m, 110, 16));
}

#[test]
fn confirm_delete_group_by_typing_its_name() {
    let mut m = in_groups();
    press(&mut m, &["D", "'studnet", "enter"]);
    insta::assert_snapshot!(draw(&m, 110, 16));
}

#[test]
fn form_new_custom_attribute_and_set_trigger() {
    let mut m = model();
    m.stack.push(View::Attributes {
        pool: pref(),
        user: None,
    });
    let mut d = Loadable::default();
    d.loaded(detail());
    m.detail = Some(DetailState {
        pool_id: "us-east-1_AbCdEf123".into(),
        detail: d,
        scroll: 0,
    });
    press(&mut m, &["n", "'team", "tab", "right"]);
    let attribute = draw(&m, 110, 16);
    m.form = None;
    m.stack.pop();
    m.stack.push(View::Triggers(pref()));
    press(
        &mut m,
        &[
            "s",
            "'arn:aws:lambda:us-east-1:000000000000:function:pre-signup",
        ],
    );
    insta::assert_snapshot!(format!("{attribute}\n{}", draw(&m, 110, 12)));
}

#[test]
fn help_in_users_lists_the_admin_keys_in_two_columns_when_short() {
    let mut m = in_users(loaded_users(3, false));
    m.help = true;
    insta::assert_snapshot!(draw(&m, 140, 30));
}

/// The geometry `update` maps clicks with is the geometry ratatui would draw: the screen
/// bands match the constraint layout `render` used before, the pane's inside matches a
/// bordered block's.
#[test]
fn layout_geometry_matches_ratatui() {
    use crate::core::model::layout::{self, Area};
    use ratatui::layout::{Constraint, Layout, Rect};
    use ratatui::widgets::{Block, Borders};
    for h in 0..=40 {
        for w in [0, 1, 2, 80] {
            let r = Rect::new(0, 0, w, h);
            let want: [Rect; 5] = Layout::vertical([
                Constraint::Length(1),
                Constraint::Length(1),
                Constraint::Min(3),
                Constraint::Length(1),
                Constraint::Length(1),
            ])
            .areas(r);
            let s = layout::screen(r.into());
            let got = [s.header, s.crumbs, s.main, s.flash, s.hints].map(Rect::from);
            // Under seven rows ratatui's solver splits by width too; ours is fixed.
            if h >= 7 {
                assert_eq!(got, want, "{w}x{h}");
            }
            let inner: Rect = Area::from(r).inner().into();
            assert_eq!(
                inner,
                Block::default().borders(Borders::ALL).inner(r),
                "{w}x{h}"
            );
        }
    }
}
