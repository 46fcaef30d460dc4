//! Screen tests: each pane in each state, rendered on ratatui's TestBackend and compared with
//! insta snapshots.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::cognito::{
    CognitoError, ErrorKind, LambdaConfig, PasswordPolicy, PoolDetail, PoolSummary, SchemaAttribute,
};
use crate::keymap::Keymap;
use crate::model::{Context, DetailState, Level, LoadState, Loadable, Model, View};

fn model() -> Model {
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
    t.draw(|f| super::render(model, &Keymap::default(), f))
        .unwrap();
    t.backend().to_string()
}

fn pools(n: usize) -> Vec<PoolSummary> {
    (0..n)
        .map(|i| PoolSummary {
            id: format!("us-east-1_Pool{i:05}"),
            name: format!("pool-{i}"),
            created: Some(1_795_000_000 + i as i64 * 3600),
            modified: Some(1_795_100_000),
            triggers_set: i % 3,
        })
        .collect()
}

fn detail() -> PoolDetail {
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

fn not_found() -> CognitoError {
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

fn with_detail(state: Loadable<PoolDetail>) -> Model {
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
