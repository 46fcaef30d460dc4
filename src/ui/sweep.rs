//! The size sweep: every pane and popup drawn at every terminal size from 1×1 up, never a
//! panic, and below the smallest usable size one short "too small" line instead of garbage.
//!
//! In `cargo test`: every size up to a little past the smallest usable one, then a spread of
//! widths to 300 and heights to 100. `COGNITO_TUI_SWEEP=full` (see `scripts/sweep.sh`,
//! release build) draws every one of the 30,000 sizes from 1×1 to 300×100.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::tests::{
    admin, detail, in_users, loaded_users, model, not_found, pools, press, user_state, with_detail,
};
use super::{MIN_HEIGHT, MIN_WIDTH};
use crate::core::input::keymap::Keymap;
use crate::core::model::{DetailState, Level, LoadState, Loadable, Model, Overlay, View};
use crate::core::update::runner::tests as runner;
use crate::domain::{CognitoError, ErrorKind};

/// Every pane, in its telling states, and every popup over a pane.
fn states() -> Vec<(&'static str, Model)> {
    let mut out: Vec<(&'static str, Model)> = vec![];

    let mut m = model();
    m.pools.list.start(1);
    out.push(("pools loading", m));

    let mut m = model();
    m.pools.list.loaded(pools(500));
    m.pools.selected = 400;
    out.push(("pools loaded", m));

    let mut m = model();
    m.pools.list.loaded(pools(2));
    m.pools.list.failed(CognitoError::new(
        ErrorKind::Network,
        "cannot reach the Cognito endpoint: Connection refused (os error 111)",
    ));
    m.flash(Level::Error, "✗ ListUserPools: network: cannot reach it");
    out.push(("pools failed over rows", m));

    let mut d = Loadable::default();
    d.loaded(detail());
    out.push(("pool detail", with_detail(d)));

    let mut d = Loadable::default();
    d.failed(not_found());
    out.push(("pool detail failed", with_detail(d)));

    out.push(("users", in_users(loaded_users(40, true))));

    let mut m = in_users(loaded_users(40, true));
    m.ctx.read_only = true;
    out.push(("users read-only", m));

    let mut m = in_users(loaded_users(40, false));
    press(&mut m, &["/", "'user-0001"]);
    out.push(("users / filter", m));

    let mut m = in_users(loaded_users(40, false));
    press(&mut m, &["f", "'email =="]);
    out.push(("users f filter", m));

    out.push((
        "user detail",
        user_state(Loadable::default(), Loadable::default()),
    ));

    let mut m = user_state(Loadable::default(), Loadable::default());
    m.stack.push(View::Attributes {
        pool: super::tests::pref(),
        user: Some("user-00000".into()),
    });
    m.detail = Some(DetailState {
        pool_id: super::tests::pref().id,
        detail: Loadable {
            data: Some(detail()),
            state: LoadState::Loaded,
        },
        scroll: 0,
    });
    out.push(("attributes", m));

    let mut m = model();
    m.stack.push(View::Triggers(super::tests::pref()));
    m.detail = Some(DetailState {
        pool_id: super::tests::pref().id,
        detail: Loadable {
            data: Some(detail()),
            state: LoadState::Loaded,
        },
        scroll: 0,
    });
    m.triggers_selected = 5;
    out.push(("triggers", m));

    let mut m = model();
    m.stack.push(View::Errors);
    m.errors.push(crate::core::model::ErrorEntry {
        operation: "AdminGetUser",
        error: not_found(),
        at: 1_795_000_000,
    });
    out.push(("errors", m));

    let mut m = in_users(loaded_users(3, false));
    m.help = true;
    out.push(("help", m));

    let mut m = in_users(loaded_users(3, false));
    m.overlay = Some(Overlay {
        title: "user-00000".into(),
        lines: (0..80)
            .map(|i| format!("line {i}: {}", "x".repeat(i * 3)))
            .collect(),
        scroll: 3,
    });
    out.push(("describe overlay", m));

    out.push(("form", admin(&["n", "'zoe", "tab", "'zoe@example.com"])));
    out.push(("confirm", admin(&["j", "D"])));
    out.push(("confirm marked", admin(&["space", "space", "X"])));
    out.push(("bulk run", admin(&["space", "space", "X", "y"])));

    let mut m = runner::model();
    runner::opened(&mut m);
    runner::typed(&mut m, "emma");
    out.push(("runner set-up", m));

    let mut m = runner::model();
    runner::opened(&mut m);
    m.auth.as_mut().unwrap().flow = 1;
    runner::typed(&mut m, "emma");
    runner::key(&mut m, crossterm::event::KeyCode::Enter);
    runner::typed(&mut m, "Hunter2-Secret!");
    out.push(("runner prompt", m));

    let mut m = runner::model();
    runner::signed_in(&mut m);
    out.push(("runner signed in", m));

    // The guided tour: its panel under a pane, and its chapter list.
    for (name, list) in [("tour panel", None), ("tour chapter list", Some(4))] {
        let mut m = runner::model();
        runner::signed_in(&mut m);
        m.workshop.presenter = true;
        m.workshop.tour = Some(crate::core::model::workshop::TourState {
            at: 4,
            shown: true,
            list,
            ..crate::core::model::workshop::TourState::new(crate::core::model::chapters::bundled())
        });
        out.push((name, m));
    }

    out
}

/// Draw `m` at `w`×`h`; the screen's rows, trailing blanks trimmed.
fn draw_rows(m: &Model, keymap: &Keymap, w: u16, h: u16) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| super::render(m, keymap, f)).unwrap();
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| {
            let row: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
            row.trim_end().to_string()
        })
        .collect()
}

fn draw(m: &Model, keymap: &Keymap, w: u16, h: u16) -> String {
    draw_rows(m, keymap, w, h).join("\n")
}

fn sizes() -> Vec<(u16, u16)> {
    if std::env::var("COGNITO_TUI_SWEEP").as_deref() == Ok("full") {
        return (1..=300)
            .flat_map(|w| (1..=100).map(move |h| (w, h)))
            .collect();
    }
    // Every size around the too-small boundary and below it, then a spread of the rest
    // (every size of all panes takes minutes in a debug build: that is the full sweep).
    let mut out: Vec<(u16, u16)> = (1..=MIN_WIDTH + 4)
        .flat_map(|w| (1..=MIN_HEIGHT + 2).map(move |h| (w, h)))
        .collect();
    for w in (MIN_WIDTH + 5..=300).step_by(7).chain([300]) {
        for h in [1, MIN_HEIGHT - 1, MIN_HEIGHT, 24, 100] {
            out.push((w, h));
        }
    }
    for h in (MIN_HEIGHT + 3..=100).step_by(3).chain([100]) {
        for w in [1, MIN_WIDTH - 1, MIN_WIDTH, 80, 300] {
            out.push((w, h));
        }
    }
    out
}

#[test]
fn every_pane_and_popup_draws_at_every_size() {
    let sizes = sizes();
    let states = states();
    let mut drawn = 0usize;
    for (name, m) in &states {
        let keymap = Keymap::default().with_read_only(m.ctx.read_only);
        for &(w, h) in &sizes {
            let rows = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                draw_rows(m, &keymap, w, h)
            }))
            .unwrap_or_else(|_| panic!("{name} panicked at {w}×{h}"));
            let small = w < MIN_WIDTH || h < MIN_HEIGHT;
            let says: String = super::too_small(w, h)
                .chars()
                .take(usize::from(w))
                .collect();
            for (y, row) in rows.iter().enumerate() {
                if small {
                    // One short line in the middle, nothing else.
                    let want = if y == usize::from(h / 2) {
                        says.trim_end()
                    } else {
                        ""
                    };
                    assert_eq!(
                        row,
                        want,
                        "{name} at {w}×{h}, row {y}:\n{}",
                        rows.join("\n")
                    );
                } else {
                    assert!(
                        !row.contains("terminal too small"),
                        "{name} at {w}×{h} says too small:\n{}",
                        rows.join("\n")
                    );
                }
            }
            assert!(
                !small || rows.iter().any(|r| !r.is_empty()),
                "{name} at {w}×{h} is blank"
            );
            drawn += 1;
        }
    }
    assert_eq!(drawn, states.len() * sizes.len());
    eprintln!(
        "size sweep: {} states × {} sizes = {drawn} screens",
        states.len(),
        sizes.len()
    );
}

#[test]
fn the_smallest_usable_size_draws_the_app_and_one_less_says_too_small() {
    let (_, m) = states().remove(1);
    let keymap = Keymap::default();
    let ok = draw(&m, &keymap, MIN_WIDTH, MIN_HEIGHT);
    assert!(!ok.contains("too small"), "{ok}");
    assert!(ok.contains("User pools (500)"), "{ok}");
    let narrow = draw(&m, &keymap, MIN_WIDTH - 1, 20);
    assert!(narrow.contains("too small"), "{narrow}");
    let short = draw(&m, &keymap, 80, MIN_HEIGHT - 1);
    assert!(short.contains("terminal too small: 80×7"), "{short}");
    assert!(!short.contains("User pools"), "{short}");
}
