//! Scale benchmarks (criterion; `cargo bench --bench scale`, never part of `cargo test`):
//! one frame of the users pane with 100k users loaded at 200×50, the `/` local filter over
//! 100k rows, and a key press (update + render) while a ListUsers call is in flight.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use cognito_tui::core::effect::Effect;
use cognito_tui::core::input::keymap::Keymap;
use cognito_tui::core::model::{Context, Model};
use cognito_tui::core::msg::{Msg, Response};
use cognito_tui::core::update;
use cognito_tui::domain::{Page, PoolSummary, User};
use cognito_tui::ui;

const USERS: usize = 100_000;

fn user(i: usize) -> User {
    let role = ["admin", "instructor", "student", "guest"][i % 4];
    User {
        username: format!("user{i:06}"),
        status: Some(
            if i.is_multiple_of(7) {
                "FORCE_CHANGE_PASSWORD"
            } else {
                "CONFIRMED"
            }
            .into(),
        ),
        enabled: !i.is_multiple_of(13),
        attributes: vec![
            ("sub".into(), format!("5b1f0c9e-0000-4000-8000-{i:012}")),
            ("email".into(), format!("user{i:06}@example.com")),
            ("name".into(), format!("User {i}")),
            ("custom:role".into(), role.into()),
        ],
        created: Some(1_700_000_000 + i as i64),
        modified: Some(1_700_000_000 + i as i64),
        ..Default::default()
    }
}

fn call_id(fx: &[Effect]) -> u64 {
    fx.iter()
        .find_map(|e| match e {
            Effect::Call(id, _) => Some(*id),
            _ => None,
        })
        .expect("a call")
}

fn key(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

/// The users pane of one pool with 100k users loaded (the server has more: a next token).
fn loaded() -> (Model, Keymap) {
    let km = Keymap::default();
    let mut m = Model::new(Context {
        region: "us-east-1".into(),
        ..Default::default()
    });
    let id = call_id(&update::init(&mut m));
    let pools = Page {
        items: vec![PoolSummary {
            id: "us-east-1_bench".into(),
            name: "bench".into(),
            created: None,
            modified: None,
            triggers_set: Some(0),
        }],
        next_token: None,
    };
    update::update(&mut m, &km, Msg::Api(id, Response::Pools(Ok(pools)), 0));
    let id = call_id(&update::update(&mut m, &km, key(KeyCode::Char('u'))));
    let page = Page {
        items: (0..USERS).map(user).collect(),
        next_token: Some("more".into()),
    };
    update::update(&mut m, &km, Msg::Api(id, Response::Users(Ok(page)), 0));
    assert_eq!(m.users.as_ref().unwrap().pane.len(), USERS);
    (m, km)
}

fn benches(c: &mut Criterion) {
    let (mut m, km) = loaded();
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    // Somewhere in the middle, so the visible slice is not the first one.
    m.users.as_mut().unwrap().pane.selected = USERS / 2;

    c.bench_function("users pane frame, 100k loaded, 200x50", |b| {
        b.iter(|| {
            term.draw(|f| ui::render(black_box(&m), &km, f)).unwrap();
        })
    });

    c.bench_function("/ filter over 100k rows", |b| {
        let pane = &mut m.users.as_mut().unwrap().pane;
        let mut flip = false;
        b.iter(|| {
            // Alternate two needles so each run recomputes the matches.
            flip = !flip;
            pane.set_filter(black_box(if flip { "admin" } else { "user04" }));
        });
        pane.set_filter("");
    });

    // G: the cursor reaches the end, the next page is asked for and stays in flight.
    let fx = update::update(&mut m, &km, key(KeyCode::Char('G')));
    assert!(fx.iter().any(|e| matches!(e, Effect::Call(..))), "{fx:?}");
    assert!(m.users.as_ref().unwrap().pane.list.is_loading());
    c.bench_function("key press (update + render), call in flight, 100k", |b| {
        let mut up = false;
        b.iter(|| {
            up = !up;
            let k = if up {
                KeyCode::Char('k')
            } else {
                KeyCode::Char('j')
            };
            let fx = update::update(&mut m, &km, key(k));
            black_box(fx);
            term.draw(|f| ui::render(&m, &km, f)).unwrap();
        })
    });
}

criterion_group! {
    name = scale;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(scale);
