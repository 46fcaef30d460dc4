//! The admin tables: keys, forms, confirmations and write results in, model and effects out.

use super::*;
use crossterm::event::{KeyEvent, KeyModifiers};

use crate::core::input::keymap::Key;
use crate::core::model::ItemEnd;
use crate::core::model::{Context, DetailState, UsersState};
use crate::domain::{ErrorKind, User, WriteOutcome};

const POOL: &str = "us-east-1_Pool";

fn pref() -> PoolRef {
    PoolRef {
        id: POOL.into(),
        name: "workshop".into(),
    }
}

fn user(name: &str) -> User {
    User {
        username: name.into(),
        status: Some("CONFIRMED".into()),
        enabled: true,
        attributes: vec![("email".into(), format!("{name}@example.com"))],
        ..Default::default()
    }
}

fn policy() -> PasswordPolicy {
    PasswordPolicy {
        minimum_length: Some(8),
        require_uppercase: true,
        require_lowercase: true,
        require_numbers: true,
        require_symbols: false,
        temporary_password_validity_days: 7,
        password_history_size: None,
    }
}

fn schema() -> Vec<SchemaAttribute> {
    let a = |name: &str, mutable: bool, required: bool| SchemaAttribute {
        name: name.into(),
        data_type: "String".into(),
        mutable,
        required,
        developer_only: false,
        min_length: Some("0".into()),
        max_length: Some("32".into()),
        min_value: None,
        max_value: None,
    };
    vec![
        a("sub", false, true),
        a("email", true, true),
        a("name", true, false),
    ]
}

fn detail() -> PoolDetail {
    PoolDetail {
        id: POOL.into(),
        name: "workshop".into(),
        password_policy: Some(policy()),
        schema: schema(),
        ..Default::default()
    }
}

/// The users view with alice, bao, carmen loaded (and the pool's detail on hand).
fn in_users(read_only: bool) -> (Model, Keymap) {
    let mut m = Model::new(Context {
        read_only,
        ..Default::default()
    });
    m.stack.push(View::Users(pref()));
    let mut pane = ListPane::new(POOL);
    pane.list.start(1);
    pane.page(vec![user("alice"), user("bao"), user("carmen")], None);
    m.users = Some(UsersState {
        pane,
        server_filter: None,
        marked: Default::default(),
    });
    let mut d = Loadable::default();
    d.loaded(detail());
    m.detail = Some(DetailState {
        pool_id: POOL.into(),
        detail: d,
        scroll: 0,
    });
    m.next_id = 100;
    (m, Keymap::default().with_read_only(read_only))
}

fn press(m: &mut Model, km: &Keymap, keys: &[&str]) -> Vec<Effect> {
    let mut fx = vec![];
    for k in keys {
        let k = Key::parse(k).unwrap();
        fx.extend(update(m, km, Msg::Key(KeyEvent::new(k.code, k.mods))));
    }
    fx
}

fn type_in(m: &mut Model, km: &Keymap, text: &str) {
    for c in text.chars() {
        update(
            m,
            km,
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
}

fn answer(m: &mut Model, km: &Keymap, id: u64, r: Response) -> Vec<Effect> {
    update(m, km, Msg::Api(id, r, 1_795_000_000))
}

fn written(fx: &[Effect]) -> (u64, Write) {
    match fx {
        [Effect::Call(id, Request::Write { pool_id, write })] => {
            assert_eq!(pool_id, POOL);
            (*id, write.clone())
        }
        other => panic!("expected one write, got {other:?}"),
    }
}

fn denied() -> CognitoError {
    CognitoError {
        kind: ErrorKind::AccessDenied,
        code: Some("NotAuthorizedException".into()),
        message: "no".into(),
        request_id: None,
    }
}

/// One bulk item ends.
fn item(m: &mut Model, km: &Keymap, id: u64, index: usize, outcome: WriteOutcome) {
    answer(m, km, id, Response::BulkItem { index, outcome });
}

fn refreshes_users(fx: &[Effect]) -> bool {
    fx.iter()
        .any(|e| matches!(e, Effect::Call(_, Request::ListUsers { .. })))
}

#[test]
fn create_user_with_a_generated_temporary_password() {
    let (mut m, km) = in_users(false);
    assert!(
        press(&mut m, &km, &["n"]).is_empty(),
        "the policy is on hand"
    );
    assert_eq!(m.mode(), Mode::PasswordForm);
    type_in(&mut m, &km, "zoe");
    press(&mut m, &km, &["tab"]);
    type_in(&mut m, &km, "zoe@example.com");
    for _ in 0..3 {
        press(&mut m, &km, &["tab"]);
    }
    let fx = press(&mut m, &km, &["ctrl-g"]);
    let [Effect::Call(gid, Request::GeneratePassword { policy: p })] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(p, &policy());
    answer(
        &mut m,
        &km,
        *gid,
        Response::Generated(Ok(Secret::new("Abcdefgh1234!xyz"))),
    );
    let f = m.form.as_ref().unwrap();
    assert_eq!(f.value("temporary password"), "Abcdefgh1234!xyz");
    assert_eq!(f.fields[4].kind, FieldKind::Secret { shown: true });

    let fx = press(&mut m, &km, &["enter"]);
    let (id, w) = written(&fx);
    assert_eq!(
        w,
        Write::CreateUser(NewUser {
            username: "zoe".into(),
            attributes: vec![("email".into(), "zoe@example.com".into())],
            temporary_password: Some(Secret::new("Abcdefgh1234!xyz")),
            message_action: Some(MessageAction::Suppress),
            delivery: vec![DeliveryMedium::Email],
        })
    );
    assert_eq!(m.form.as_ref().unwrap().pending, Some(id));
    let fx = answer(&mut m, &km, id, Response::Written(WriteOutcome::Done));
    assert!(m.form.is_none());
    assert_eq!(m.flash.as_ref().unwrap().text, "✓ created user zoe");
    assert!(refreshes_users(&fx));
}

#[test]
fn a_password_off_policy_is_refused_before_any_call_and_a_failure_keeps_the_form() {
    let (mut m, km) = in_users(false);
    press(&mut m, &km, &["P"]);
    type_in(&mut m, &km, "short");
    assert!(press(&mut m, &km, &["enter"]).is_empty());
    let err = m.form.as_ref().unwrap().error.clone().unwrap();
    assert!(err.contains("policy"), "{err}");
    press(&mut m, &km, &["ctrl-u"]);
    type_in(&mut m, &km, "Longer1Password");
    press(&mut m, &km, &["tab", "right"]);
    let (id, w) = written(&press(&mut m, &km, &["enter"]));
    assert_eq!(
        w,
        Write::SetPassword {
            username: "alice".into(),
            password: Secret::new("Longer1Password"),
            permanent: true,
        }
    );
    let fx = answer(
        &mut m,
        &km,
        id,
        Response::Written(WriteOutcome::Failed(denied())),
    );
    assert!(fx.is_empty(), "nothing refreshes after a failure");
    let f = m.form.as_ref().expect("the form stays, as typed");
    assert!(f.error.as_ref().unwrap().contains("NotAuthorized"));
    assert_eq!(f.pending, None);
    assert_eq!(m.errors.len(), 1);
    assert_eq!(m.errors[0].operation, "AdminSetUserPassword");
}

#[test]
fn delete_asks_first_n_cancels_y_deletes_and_a_failure_stays_in_the_dialog() {
    let (mut m, km) = in_users(false);
    assert!(press(&mut m, &km, &["D"]).is_empty());
    assert_eq!(m.mode(), Mode::Confirm);
    assert_eq!(m.confirm.as_ref().unwrap().title, "Delete alice?");
    assert!(press(&mut m, &km, &["n"]).is_empty());
    assert!(m.confirm.is_none());

    press(&mut m, &km, &["j", "ctrl-d"]);
    let (id, w) = written(&press(&mut m, &km, &["y"]));
    assert_eq!(
        w,
        Write::DeleteUser {
            username: "bao".into()
        }
    );
    answer(
        &mut m,
        &km,
        id,
        Response::Written(WriteOutcome::Failed(denied())),
    );
    let c = m.confirm.as_ref().unwrap();
    assert!(c.error.as_ref().unwrap().contains("NotAuthorized"));
    assert_eq!(
        m.users.as_ref().unwrap().pane.rows().len(),
        3,
        "rows untouched"
    );

    let (id, _) = written(&press(&mut m, &km, &["y"]));
    let fx = answer(&mut m, &km, id, Response::Written(WriteOutcome::Done));
    assert!(m.confirm.is_none());
    assert_eq!(m.flash.as_ref().unwrap().text, "✓ deleted user bao");
    assert!(refreshes_users(&fx));
    assert_eq!(m.users.as_ref().unwrap().pane.selected, 1, "cursor kept");
}

#[test]
fn marked_users_are_disabled_in_a_paced_bulk_run_where_a_failure_stops_nothing() {
    let (mut m, km) = in_users(false);
    press(&mut m, &km, &["space", "space"]);
    let marked: Vec<&String> = m.users.as_ref().unwrap().marked.iter().collect();
    assert_eq!(marked, ["alice", "bao"]);
    press(&mut m, &km, &["X"]);
    assert_eq!(m.confirm.as_ref().unwrap().title, "Disable 2 marked users?");
    let fx = press(&mut m, &km, &["y"]);
    let [Effect::Bulk(id, run)] = &fx[..] else {
        panic!("{fx:?}")
    };
    let id = *id;
    assert_eq!(
        run,
        &BulkRun {
            pool_id: POOL.into(),
            op: BulkOp::Disable,
            usernames: vec!["alice".into(), "bao".into()],
        }
    );
    assert!(m.users.as_ref().unwrap().marked.is_empty());
    assert_eq!(m.mode(), Mode::Bulk);
    item(&mut m, &km, id, 0, WriteOutcome::Failed(denied()));
    item(&mut m, &km, id, 1, WriteOutcome::Done);
    let b = m.bulk.as_ref().unwrap();
    assert_eq!((b.done(), b.failed()), (2, 1));
    assert!(matches!(&b.results[0], Some(ItemEnd::Failed(e)) if e.contains("NotAuthorized")));
    assert_eq!(b.results[1], Some(ItemEnd::Done));
    assert_eq!(m.errors[0].operation, "AdminDisableUser");
    let fx = answer(&mut m, &km, id, Response::BulkDone);
    assert!(m.bulk.as_ref().unwrap().finished);
    assert_eq!(
        m.flash.as_ref().unwrap().text,
        "bulk disable: 1 done, 1 failed"
    );
    assert!(refreshes_users(&fx));
    // esc hides the panel; B shows it again.
    press(&mut m, &km, &["esc"]);
    assert_eq!(m.mode(), Mode::Users);
    press(&mut m, &km, &["B"]);
    assert_eq!(m.mode(), Mode::Bulk);
}

#[test]
fn mark_all_takes_the_filtered_rows_and_toggles_off() {
    let (mut m, km) = in_users(false);
    m.users.as_mut().unwrap().pane.set_filter("a");
    press(&mut m, &km, &["*"]);
    let marked: Vec<&String> = m.users.as_ref().unwrap().marked.iter().collect();
    assert_eq!(marked, ["alice", "bao", "carmen"]);
    m.users.as_mut().unwrap().pane.set_filter("bao");
    press(&mut m, &km, &["*"]);
    assert!(m.users.as_ref().unwrap().marked.is_empty());
}

#[test]
fn enable_and_confirm_sign_up_go_at_once_and_marked_enable_is_a_bulk_run() {
    let (mut m, km) = in_users(false);
    let (id, w) = written(&press(&mut m, &km, &["E"]));
    assert_eq!(
        w,
        Write::EnableUser {
            username: "alice".into()
        }
    );
    assert!(refreshes_users(&answer(
        &mut m,
        &km,
        id,
        Response::Written(WriteOutcome::Done)
    )));
    let (_, w) = written(&press(&mut m, &km, &["C"]));
    assert_eq!(
        w,
        Write::ConfirmSignUp {
            username: "alice".into()
        }
    );
    press(&mut m, &km, &["space", "space"]);
    let fx = press(&mut m, &km, &["E"]);
    assert!(matches!(&fx[..], [Effect::Bulk(_, r)] if r.op == BulkOp::Enable));
}

#[test]
fn reset_password_and_sign_out_ask_first() {
    let (mut m, km) = in_users(false);
    press(&mut m, &km, &["R"]);
    let (_, w) = written(&press(&mut m, &km, &["y"]));
    assert_eq!(
        w,
        Write::ResetPassword {
            username: "alice".into()
        }
    );
    m.writing.clear();
    m.confirm = None;
    press(&mut m, &km, &["S"]);
    assert_eq!(m.mode(), Mode::Confirm);
    let (_, w) = written(&press(&mut m, &km, &["y"]));
    assert_eq!(
        w,
        Write::GlobalSignOut {
            username: "alice".into()
        }
    );
}

#[test]
fn add_to_group_one_user_is_a_write_marked_users_a_bulk_run() {
    let (mut m, km) = in_users(false);
    press(&mut m, &km, &["+"]);
    assert!(press(&mut m, &km, &["enter"]).is_empty());
    assert_eq!(
        m.form.as_ref().unwrap().error.as_deref(),
        Some("group is required")
    );
    type_in(&mut m, &km, "student");
    let (_, w) = written(&press(&mut m, &km, &["enter"]));
    assert_eq!(
        w,
        Write::AddToGroup {
            username: "alice".into(),
            group: "student".into()
        }
    );
    m.form = None;
    press(&mut m, &km, &["space", "space", "+"]);
    type_in(&mut m, &km, "admin");
    let fx = press(&mut m, &km, &["enter"]);
    assert!(
        matches!(&fx[..], [Effect::Bulk(_, r)] if r.op == BulkOp::AddToGroup("admin".into()) && r.usernames.len() == 2)
    );
    assert!(m.form.is_none());
}

#[test]
fn mfa_preference_allows_one_preferred_method() {
    let (mut m, km) = in_users(false);
    press(&mut m, &km, &["M"]);
    assert!(press(&mut m, &km, &["enter"]).is_empty());
    assert!(
        m.form
            .as_ref()
            .unwrap()
            .error
            .as_ref()
            .unwrap()
            .contains("nothing")
    );
    press(&mut m, &km, &["left", "tab", "left"]);
    assert!(press(&mut m, &km, &["enter"]).is_empty());
    assert!(
        m.form
            .as_ref()
            .unwrap()
            .error
            .as_ref()
            .unwrap()
            .contains("one method")
    );
    press(&mut m, &km, &["left"]);
    let (_, w) = written(&press(&mut m, &km, &["enter"]));
    let on = |preferred| MfaPreference {
        enabled: true,
        preferred,
    };
    assert_eq!(
        w,
        Write::SetMfa {
            username: "alice".into(),
            prefs: UserMfaPreferences {
                software_token: Some(on(true)),
                sms: Some(on(false)),
                email: None,
            }
        }
    );
}

#[test]
fn attribute_edits_are_checked_against_the_schema_before_any_call() {
    let (mut m, km) = in_users(false);
    m.stack.push(View::Attributes {
        pool: pref(),
        user: Some("alice".into()),
    });
    // sub: immutable — refused with the reason, no form.
    assert!(press(&mut m, &km, &["e"]).is_empty());
    assert!(m.form.is_none());
    assert!(m.flash.as_ref().unwrap().text.contains("sub is immutable"));
    // email is required: its value cannot be deleted.
    press(&mut m, &km, &["j", "D"]);
    assert!(m.confirm.is_none());
    assert!(m.flash.as_ref().unwrap().text.contains("required"));
    // name: too long is refused in the form; then set; deleting asks first.
    press(&mut m, &km, &["j", "e"]);
    type_in(&mut m, &km, &"x".repeat(40));
    assert!(press(&mut m, &km, &["enter"]).is_empty());
    assert!(
        m.form
            .as_ref()
            .unwrap()
            .error
            .as_ref()
            .unwrap()
            .contains("at most 32")
    );
    press(&mut m, &km, &["ctrl-u"]);
    type_in(&mut m, &km, "Alice N.");
    let (id, w) = written(&press(&mut m, &km, &["enter"]));
    assert_eq!(
        w,
        Write::UpdateAttributes {
            username: "alice".into(),
            attributes: vec![("name".into(), "Alice N.".into())]
        }
    );
    let fx = answer(&mut m, &km, id, Response::Written(WriteOutcome::Done));
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Call(_, Request::AdminGetUser { .. }))),
        "the user's values are reloaded: {fx:?}"
    );
    press(&mut m, &km, &["D"]);
    let (_, w) = written(&press(&mut m, &km, &["y"]));
    assert_eq!(
        w,
        Write::DeleteAttributes {
            username: "alice".into(),
            names: vec!["name".into()]
        }
    );
}

#[test]
fn a_custom_attribute_is_added_from_the_pool_schema() {
    let (mut m, km) = in_users(false);
    m.stack.push(View::Attributes {
        pool: pref(),
        user: None,
    });
    press(&mut m, &km, &["n"]);
    type_in(&mut m, &km, "custom:team");
    press(&mut m, &km, &["tab", "tab"]);
    type_in(&mut m, &km, "1");
    press(&mut m, &km, &["tab"]);
    type_in(&mut m, &km, "20");
    press(&mut m, &km, &["tab", "right"]);
    let (_, w) = written(&press(&mut m, &km, &["enter"]));
    let Write::AddCustomAttribute(a) = w else {
        panic!()
    };
    assert_eq!(
        (a.name.as_str(), a.data_type.as_str(), a.mutable),
        ("team", "String", false)
    );
    assert_eq!(
        (a.min_length.as_deref(), a.max_length.as_deref()),
        (Some("1"), Some("20"))
    );
}

fn in_groups() -> (Model, Keymap) {
    let (mut m, km) = in_users(false);
    m.stack = vec![View::Pools, View::Groups(pref())];
    let mut pane = ListPane::new(POOL);
    pane.list.start(1);
    pane.page(
        vec![Group {
            name: "student".into(),
            precedence: Some(100),
            description: Some("Students".into()),
            role_arn: None,
            created: None,
        }],
        None,
    );
    m.groups = Some(pane);
    (m, km)
}

#[test]
fn groups_are_created_edited_and_deleted_only_after_typing_the_name() {
    let (mut m, km) = in_groups();
    press(&mut m, &km, &["n"]);
    type_in(&mut m, &km, "ta");
    press(&mut m, &km, &["tab", "tab"]);
    type_in(&mut m, &km, "ten");
    assert!(press(&mut m, &km, &["enter"]).is_empty());
    assert!(
        m.form
            .as_ref()
            .unwrap()
            .error
            .as_ref()
            .unwrap()
            .contains("whole number")
    );
    press(&mut m, &km, &["ctrl-u"]);
    type_in(&mut m, &km, "10");
    let (_, w) = written(&press(&mut m, &km, &["enter"]));
    assert_eq!(
        w,
        Write::CreateGroup(Group {
            name: "ta".into(),
            precedence: Some(10),
            description: None,
            role_arn: None,
            created: None,
        })
    );
    m.form = None;
    m.writing.clear();

    press(&mut m, &km, &["e"]);
    assert_eq!(m.form.as_ref().unwrap().value("description"), "Students");
    press(&mut m, &km, &["tab", "tab"]);
    type_in(&mut m, &km, "arn:aws:iam::000000000000:role/students");
    let (_, w) = written(&press(&mut m, &km, &["enter"]));
    assert!(matches!(w, Write::UpdateGroup(g) if g.name == "student" && g.role_arn.is_some()));
    m.form = None;
    m.writing.clear();

    press(&mut m, &km, &["D"]);
    assert_eq!(m.mode(), Mode::ConfirmTyped);
    type_in(&mut m, &km, "studen");
    assert!(press(&mut m, &km, &["enter"]).is_empty());
    assert!(
        m.confirm
            .as_ref()
            .unwrap()
            .error
            .as_ref()
            .unwrap()
            .contains("type student")
    );
    type_in(&mut m, &km, "t");
    let (id, w) = written(&press(&mut m, &km, &["enter"]));
    assert_eq!(
        w,
        Write::DeleteGroup {
            name: "student".into()
        }
    );
    let fx = answer(&mut m, &km, id, Response::Written(WriteOutcome::Done));
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Call(_, Request::ListGroups { .. })))
    );
}

#[test]
fn members_are_added_and_removed() {
    let (mut m, km) = in_users(false);
    m.stack.push(View::Members {
        pool: pref(),
        group: "student".into(),
    });
    let mut pane = ListPane::new(POOL);
    pane.list.start(1);
    pane.page(vec![user("carmen")], None);
    m.members = Some(crate::core::model::MembersState {
        group: "student".into(),
        pane,
    });
    press(&mut m, &km, &["n"]);
    type_in(&mut m, &km, "zoe");
    let (_, w) = written(&press(&mut m, &km, &["enter"]));
    assert_eq!(
        w,
        Write::AddToGroup {
            username: "zoe".into(),
            group: "student".into()
        }
    );
    m.form = None;
    press(&mut m, &km, &["D"]);
    let (_, w) = written(&press(&mut m, &km, &["y"]));
    assert_eq!(
        w,
        Write::RemoveFromGroup {
            username: "carmen".into(),
            group: "student".into()
        }
    );
}

#[test]
fn trigger_slots_are_set_and_cleared() {
    let (mut m, km) = in_users(false);
    m.stack.push(View::Triggers(pref()));
    m.triggers_selected = 0; // PreSignUp
    press(&mut m, &km, &["D"]);
    assert!(m.confirm.is_none(), "an empty slot has nothing to clear");
    press(&mut m, &km, &["s"]);
    type_in(&mut m, &km, "pre-signup");
    assert!(press(&mut m, &km, &["enter"]).is_empty());
    press(&mut m, &km, &["ctrl-u"]);
    type_in(
        &mut m,
        &km,
        "arn:aws:lambda:us-east-1:000000000000:function:f",
    );
    let (id, w) = written(&press(&mut m, &km, &["enter"]));
    assert_eq!(
        w,
        Write::SetTrigger {
            slot: TriggerSlot::PreSignUp,
            arn: Some("arn:aws:lambda:us-east-1:000000000000:function:f".into())
        }
    );
    answer(&mut m, &km, id, Response::Written(WriteOutcome::Done));
    if let Some(d) = m.detail.as_mut().and_then(|d| d.detail.data.as_mut()) {
        d.lambda_config.pre_sign_up = Some("arn:aws:lambda:x".into());
    }
    press(&mut m, &km, &["D"]);
    let (_, w) = written(&press(&mut m, &km, &["y"]));
    assert_eq!(
        w,
        Write::SetTrigger {
            slot: TriggerSlot::PreSignUp,
            arn: None
        }
    );
}

#[test]
fn read_only_hides_the_write_keys_and_refuses_any_that_slips_through() {
    let (mut m, km) = in_users(true);
    for k in ["D", "n", "X", "space", "E"] {
        assert!(press(&mut m, &km, &[k]).is_empty(), "{k}");
    }
    assert!(m.confirm.is_none() && m.form.is_none());
    assert!(m.users.as_ref().unwrap().marked.is_empty());
    let hints = km.hints(Mode::Users);
    assert!(!hints.iter().any(|(_, h)| *h == "delete" || *h == "new"));
    assert!(km.for_mode(Mode::Users).all(|b| !b.action.is_write()));
    // A keymap that still has them (a configured one): update refuses.
    let fx = press(&mut m, &Keymap::default(), &["D"]);
    assert!(fx.is_empty() && m.confirm.is_none());
    assert!(m.flash.as_ref().unwrap().text.contains("read-only"));
}

#[test]
fn deleting_the_user_on_screen_goes_back_to_the_list() {
    let (mut m, km) = in_users(false);
    press(&mut m, &km, &["j", "enter"]);
    assert_eq!(m.view_mode(), Mode::UserDetail);
    press(&mut m, &km, &["D"]);
    assert_eq!(m.confirm.as_ref().unwrap().title, "Delete bao?");
    let (id, _) = written(&press(&mut m, &km, &["y"]));
    let fx = answer(&mut m, &km, id, Response::Written(WriteOutcome::Done));
    assert_eq!(m.view_mode(), Mode::Users);
    assert!(m.user.is_none());
    assert!(refreshes_users(&fx));
}

#[test]
fn stale_write_results_are_dropped() {
    let (mut m, km) = in_users(false);
    assert!(answer(&mut m, &km, 7, Response::Written(WriteOutcome::Done)).is_empty());
    assert!(m.flash.is_none());
}

/// Play `steps`: `t:abc` types, `p:abc` pastes, anything else is a key (`home`, `ctrl-w`, …).
fn play(m: &mut Model, km: &Keymap, steps: &[&str]) {
    for s in steps {
        if let Some(text) = s.strip_prefix("t:") {
            type_in(m, km, text);
        } else if let Some(text) = s.strip_prefix("p:") {
            update(m, km, Msg::Paste(text.to_string()));
        } else {
            press(m, km, &[s]);
        }
    }
}

fn lost(done: Option<bool>, finding: &str) -> WriteOutcome {
    WriteOutcome::Checked {
        lost: CognitoError::outcome_unknown("the connection dropped after AdminEnableUser", ""),
        done,
        finding: finding.into(),
    }
}

#[test]
fn form_fields_edit_at_the_cursor_secrets_stay_masked_and_choices_still_cycle() {
    let cases: &[(&[&str], &str, usize)] = &[
        // steps in the new user's username field, value, cursor
        (&["t:alker007", "home", "t:w"], "walker007", 1),
        (&["t:zoe", "left", "left", "t:r"], "zroe", 2),
        (&["t:zoe", "ctrl-a", "delete", "end", "t:y"], "oey", 3),
        (&["t:bob", "backspace", "ctrl-e", "t:x"], "box", 3),
        (&["t:ann lee", "ctrl-w"], "ann ", 4),
        (&["t:xzoe", "home", "right", "ctrl-u"], "zoe", 0),
        (&["t:zoe", "left", "ctrl-k"], "zo", 2),
        (&["p:zoe"], "zoe", 3),
        (&["t:ze", "left", "p:o"], "zoe", 2),
    ];
    for (steps, value, cursor) in cases {
        let (mut m, km) = in_users(false);
        press(&mut m, &km, &["n"]);
        play(&mut m, &km, steps);
        let f = m.form.as_ref().unwrap();
        assert_eq!(f.fields[0].value.value(), *value, "{steps:?}");
        assert_eq!(f.fields[0].value.cursor(), *cursor, "{steps:?}");
    }

    // The temporary password: edited the same way, masked, never in Debug.
    let (mut m, km) = in_users(false);
    press(&mut m, &km, &["n"]);
    play(&mut m, &km, &["t:zoe", "tab", "tab", "tab", "tab"]);
    play(
        &mut m,
        &km,
        &["p:Abcdfgh1234", "home", "right", "right", "right", "right"],
    );
    play(&mut m, &km, &["t:e"]);
    let f = m.form.as_ref().unwrap();
    assert_eq!(f.value("temporary password"), "Abcdefgh1234");
    assert_eq!(f.fields[4].kind, FieldKind::Secret { shown: false });
    assert!(
        !format!("{m:?}").contains("Abcdefgh1234"),
        "leaked into Debug"
    );

    // A choice: ←/→ cycle it, a paste leaves it alone.
    play(&mut m, &km, &["tab"]);
    let before = m.form.as_ref().unwrap().fields[5].value.value().to_string();
    play(&mut m, &km, &["p:whatever", "right"]);
    let after = m.form.as_ref().unwrap().fields[5].value.value().to_string();
    assert_ne!(before, after, "→ cycles the choice");
    play(&mut m, &km, &["left"]);
    assert_eq!(m.form.as_ref().unwrap().fields[5].value.value(), before);
}

#[test]
fn the_name_to_confirm_edits_at_the_cursor_and_takes_a_paste() {
    for steps in [
        &["t:tudent", "home", "t:s"][..],
        &["t:studnt", "left", "left", "t:e"],
        &["t:student!", "backspace"],
        &["t:nope", "ctrl-u", "p:student"],
        &["p:studxent", "left", "left", "left", "backspace", "end"],
    ] {
        let (mut m, km) = in_groups();
        press(&mut m, &km, &["D"]);
        assert_eq!(m.mode(), Mode::ConfirmTyped);
        play(&mut m, &km, steps);
        let (_, typed) = m.confirm.as_ref().unwrap().typed.as_ref().unwrap();
        assert_eq!(typed.value(), "student", "{steps:?}");
        let (_, w) = written(&press(&mut m, &km, &["enter"]));
        assert_eq!(
            w,
            Write::DeleteGroup {
                name: "student".into()
            }
        );
    }
}

#[test]
fn two_writes_in_flight_are_each_tracked_and_each_result_shown() {
    let (mut m, km) = in_users(false);
    let (first, _) = written(&press(&mut m, &km, &["E"]));
    let (second, _) = written(&press(&mut m, &km, &["j", "E"]));
    assert_eq!(m.writing.len(), 2, "the second does not replace the first");
    answer(
        &mut m,
        &km,
        first,
        Response::Written(lost(Some(true), "alice is enabled — enabled")),
    );
    assert_eq!(
        m.flash.as_ref().unwrap().text,
        "✓ the connection dropped after AdminEnableUser: checking… alice is enabled — enabled"
    );
    assert_eq!(
        m.errors[0].error.headline(),
        "outcome unknown: the connection dropped after AdminEnableUser: checking… alice is enabled — enabled",
    );
    assert_eq!(
        m.errors[0].error.kind,
        ErrorKind::OutcomeUnknown,
        "kept in :errors"
    );
    answer(
        &mut m,
        &km,
        second,
        Response::Written(lost(None, "cannot tell")),
    );
    assert!(
        m.flash
            .as_ref()
            .unwrap()
            .text
            .starts_with("? the connection dropped")
    );
    assert!(m.writing.is_empty());
}

#[test]
fn a_second_bulk_run_is_refused_while_one_runs_and_x_cancels_it() {
    let (mut m, km) = in_users(false);
    let fx = press(&mut m, &km, &["space", "space", "space", "E"]);
    let [Effect::Bulk(id, _)] = &fx[..] else {
        panic!("{fx:?}")
    };
    let id = *id;
    item(&mut m, &km, id, 0, WriteOutcome::Done);
    press(&mut m, &km, &["esc", "*", "E"]);
    assert!(
        m.running_bulk().is_some_and(|b| b.id == id),
        "still the first run"
    );
    let why = &m.flash.as_ref().unwrap().text;
    assert!(why.contains("one bulk run at a time"), "{why}");
    assert!(
        press(&mut m, &km, &["X"]).is_empty(),
        "no confirmation for a second run"
    );
    assert!(m.confirm.is_none());
    // x on the panel cancels after the item under way; the rest end as not run.
    assert_eq!(
        press(&mut m, &km, &["B", "x"]),
        vec![Effect::CancelBulk(id)]
    );
    item(
        &mut m,
        &km,
        id,
        1,
        lost(Some(true), "bao is enabled — enabled"),
    );
    answer(&mut m, &km, id, Response::BulkDone);
    let b = m.bulk.as_ref().unwrap();
    assert_eq!(b.results[2], Some(ItemEnd::NotRun));
    assert!(
        matches!(&b.results[1], Some(ItemEnd::Checked { done: Some(true), story }) if story.contains("checking… bao"))
    );
    assert_eq!(
        m.flash.as_ref().unwrap().text,
        "bulk enable cancelled: 2 done, 1 not run"
    );
}

#[test]
fn quitting_with_writes_in_flight_asks_and_names_them() {
    let (mut m, km) = in_users(false);
    written(&press(&mut m, &km, &["E"]));
    let fx = press(&mut m, &km, &["j", "space", "space", "E"]);
    let [Effect::Bulk(id, _)] = &fx[..] else {
        panic!("{fx:?}")
    };
    let id = *id;
    assert_eq!(m.mode(), Mode::Bulk);
    assert!(
        press(&mut m, &km, &["ctrl-c"]).is_empty(),
        "ctrl-c on the bulk panel asks first"
    );
    assert_eq!(m.mode(), Mode::Confirm);
    press(&mut m, &km, &["n"]);
    assert!(press(&mut m, &km, &["esc", "q"]).is_empty(), "asks first");
    let c = m.confirm.as_ref().unwrap();
    let text = c.lines.join("\n");
    assert!(text.contains("AdminEnableUser"), "{text}");
    assert!(text.contains("the bulk enable run: 0 of 2 done"), "{text}");
    assert!(press(&mut m, &km, &["n"]).is_empty());
    assert!(!m.quit && m.confirm.is_none(), "n stays");
    press(&mut m, &km, &["q"]);
    assert_eq!(
        press(&mut m, &km, &["ctrl-c"]),
        vec![Effect::Quit],
        "ctrl-c again quits"
    );
    // Nothing in flight: q quits at once.
    let (mut m, km) = in_users(false);
    let _ = id;
    assert_eq!(press(&mut m, &km, &["q"]), vec![Effect::Quit]);
}
