//! Workshop mode against the real emulators, in process: the app's own `update`, the real
//! gateway (`app::executor::execute`) and every frame drawn on a test backend. Presenter mode
//! draws no raw token, client secret, password, TOTP secret or code in any frame of a full
//! sign-in (driven by the bundled tour), of the client detail after the reveal key, or of an
//! MFA set-up; the session transcript holds the sign-in, the refresh, GetUser and the decoded
//! role claims.

mod support;

use std::time::Duration;

use cognito_tui::app::executor::execute;
use cognito_tui::cli::emulator::{Emulator, Kind};
use cognito_tui::cli::seed;
use cognito_tui::cognito::{BrowseApi, CognitoApi, SdkCognito};
use cognito_tui::core::effect::{Effect, Request};
use cognito_tui::core::input::keymap::Keymap;
use cognito_tui::core::model::runner::Stage;
use cognito_tui::core::model::{Context, Model};
use cognito_tui::core::msg::Msg;
use cognito_tui::core::update;
use cognito_tui::domain::{NewPool, Secret};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The app in process: its model, the real gateway, and every frame drawn so far.
struct App {
    model: Model,
    keymap: Keymap,
    api: SdkCognito,
    frames: Vec<String>,
    /// The Markdown of the last transcript export (not written to a file here).
    exported: Option<String>,
    /// What the last copy put on the clipboard.
    copied: Option<String>,
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

impl App {
    async fn start(api: SdkCognito, presenter: bool) -> App {
        let mut model = Model::new(Context {
            region: support::REGION.into(),
            endpoint: Some("http://127.0.0.1".into()),
            profile: None,
            read_only: false,
            log_path: None,
        });
        model.workshop.presenter = presenter;
        let keymap = Keymap::default();
        let mut app = App {
            model,
            keymap,
            api,
            frames: vec![],
            exported: None,
            copied: None,
        };
        app.msg(Msg::Now(now())).await;
        let fx = update::init(&mut app.model);
        app.run(fx).await;
        app
    }

    fn draw(&mut self) {
        let mut t = Terminal::new(TestBackend::new(140, 50)).unwrap();
        t.draw(|f| cognito_tui::ui::render(&self.model, &self.keymap, f))
            .unwrap();
        self.frames.push(t.backend().to_string());
    }

    /// Run effects (and the effects of their results) until none is left, drawing after
    /// every message.
    async fn run(&mut self, mut fx: Vec<Effect>) {
        while !fx.is_empty() {
            let mut next = vec![];
            for e in fx {
                match e {
                    Effect::Call(_, Request::Export { markdown, .. }) => {
                        self.exported = Some(markdown);
                    }
                    Effect::Call(id, req) => {
                        let resp = execute(req, &self.api, Duration::from_secs(20)).await;
                        next.extend(update::update(
                            &mut self.model,
                            &self.keymap,
                            Msg::Api(id, resp, now()),
                        ));
                        self.draw();
                    }
                    Effect::Copy(text) => self.copied = Some(text),
                    _ => {}
                }
            }
            fx = next;
        }
        self.draw();
    }

    async fn msg(&mut self, m: Msg) {
        let fx = update::update(&mut self.model, &self.keymap, m);
        self.draw();
        self.run(fx).await;
    }

    async fn key(&mut self, code: KeyCode, mods: KeyModifiers) {
        self.msg(Msg::Key(KeyEvent::new(code, mods))).await;
    }

    /// Type each character as a key press (`\r` is Enter, `\x1b` Esc).
    async fn keys(&mut self, text: &str) {
        for c in text.chars() {
            let code = match c {
                '\r' => KeyCode::Enter,
                '\x1b' => KeyCode::Esc,
                c => KeyCode::Char(c),
            };
            self.key(code, KeyModifiers::NONE).await;
        }
    }

    fn screen(&self) -> &str {
        self.frames.last().map_or("", String::as_str)
    }

    fn flash(&self) -> String {
        self.model
            .flash
            .as_ref()
            .map(|f| f.text.clone())
            .unwrap_or_default()
    }

    /// No frame drawn so far shows any 12-character piece of `secret`.
    fn never_drawn(&self, what: &str, secret: &str, piece: usize) {
        let chars: Vec<char> = secret.chars().collect();
        assert!(chars.len() >= piece, "{what} is too short to scan for");
        for chunk in chars.chunks(piece).filter(|c| c.len() == piece) {
            let chunk: String = chunk.iter().collect();
            for (i, f) in self.frames.iter().enumerate() {
                assert!(
                    !f.contains(&chunk),
                    "frame {i} shows a piece of {what} ({chunk}):\n{f}"
                );
            }
        }
    }
}

async fn seeded() -> (SdkCognito, seed::SeedReport) {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let report = support::seed_workshop(&api).await;
    (api, report)
}

/// The seeded workshop-server's client secret.
async fn server_secret(api: &SdkCognito, report: &seed::SeedReport) -> Secret {
    let server = support::seeded_client(report, "workshop-server");
    api.reveal_client_secret(&report.pool_id, &server)
        .await
        .unwrap()
        .expect("workshop-server has a secret")
}

/// The bundled tour's ADMIN_USER_PASSWORD_AUTH chapter signs alice in with workshop-server
/// (which has a client secret); then a refresh and GetUser. In presenter mode no frame shows
/// a raw token, the client secret or the password, and the session transcript holds all three
/// steps with the decoded role claims.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presenter_mode_tour_sign_in_refresh_and_get_user_draw_no_secret() {
    let (api, report) = seeded().await;
    let mut app = App::start(api, true).await;
    assert!(app.screen().contains("PRESENTER"), "{}", app.screen());

    app.keys(":workshop\r").await;
    assert!(app.screen().contains("chapters"), "{}", app.screen());
    app.keys("\r").await;
    assert!(app.screen().contains("chapter 1 of 12"), "{}", app.screen());
    app.keys("]]]]").await;
    let screen = app.screen().to_string();
    assert!(screen.contains("chapter 5 of 12"), "{screen}");
    assert!(
        screen.contains("ADMIN_USER_PASSWORD_AUTH → tokens"),
        "{screen}"
    );
    assert!(screen.contains("sign-in@cognito-workshop"), "{screen}");
    assert!(
        screen.contains("workshop-server"),
        "the runner is set up: {screen}"
    );
    assert!(screen.contains("alice"), "{screen}");

    // Enter: the step, live.
    app.keys("\r").await;
    let s = app.model.auth.as_ref().expect("the runner");
    assert!(
        matches!(s.stage, Stage::SignedIn),
        "{:?}\n{}",
        s.stage,
        app.screen()
    );
    let screen = app.screen().to_string();
    assert!(screen.contains("\"custom:role\": \"admin\""), "{screen}");
    let (t, _) = s.tokens.clone().unwrap();
    let first_refresh = t.refresh_token.clone().unwrap();

    // Chapter 6 signs in again and refreshes, in the same runner session; Esc hides the
    // panel (the place is kept); i calls GetUser.
    app.keys("]").await;
    assert!(app.screen().contains("chapter 6 of 12"), "{}", app.screen());
    app.keys("\r").await;
    app.keys("\x1b").await;
    assert!(app.flash().contains("chapter 6 of 12"), "{}", app.flash());
    app.keys("i").await;
    assert!(app.screen().contains("GetUser ✓"), "{}", app.screen());
    let (t2, _) = app.model.auth.as_ref().unwrap().tokens.clone().unwrap();
    assert_ne!(
        t2.access_token.expose(),
        t.access_token.expose(),
        "refreshed"
    );

    // Y copies the decoded claims, without the token's own identifiers in presenter mode.
    app.keys("Y").await;
    let copied = app.copied.clone().expect("a copy");
    assert!(copied.contains("\"custom:role\": \"admin\""), "{copied}");
    assert!(!copied.contains("\"jti\""), "{copied}");
    assert!(app.flash().contains("copied the ID token's decoded claims"));

    app.keys("x").await;
    let md = app.exported.clone().expect("an export");
    assert_eq!(
        md.matches("ADMIN_USER_PASSWORD_AUTH · alice · signed in")
            .count(),
        2,
        "both chapters' sign-ins:\n{md}"
    );
    for want in [
        "REFRESH_TOKEN_AUTH · alice · signed in",
        "GetUser",
        "\"custom:role\": \"admin\"",
        "\"role\": \"admin\"",
        "Tokens issued",
    ] {
        assert!(md.contains(want), "{want:?} not in the transcript:\n{md}");
    }
    let order: Vec<usize> = ["AdminInitiateAuth", "REFRESH_TOKEN_AUTH", "## 7. "]
        .iter()
        .map(|w| md.find(w).unwrap_or_else(|| panic!("{w} in\n{md}")))
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "in order: {order:?}\n{md}"
    );

    let secret = server_secret(&app.api, &report).await;
    for (what, value) in [
        ("the first ID token", t.id_token.clone().unwrap()),
        ("the first access token", t.access_token.clone()),
        ("the refresh token", first_refresh),
        ("the refreshed access token", t2.access_token.clone()),
        ("the client secret", secret),
    ] {
        app.never_drawn(what, value.expose(), 12);
        assert!(!md.contains(value.expose()), "{what} in the transcript");
    }
    for f in &app.frames {
        assert!(!f.contains("AliceAdmin2024"), "the password drawn:\n{f}");
    }
    assert!(!md.contains("AliceAdmin2024"));
    assert!(app.frames.len() > 20, "{} frames", app.frames.len());
}

/// The client detail: `s` is refused in presenter mode with the reason, and no frame shows
/// the secret; out of presenter mode the same key reveals it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presenter_mode_refuses_to_reveal_the_client_secret() {
    let (api, report) = seeded().await;
    let secret = server_secret(&api, &report).await;
    let mut app = App::start(api, true).await;
    // The clients chapter opens the clients on workshop-server; Enter describes it.
    app.keys(":workshop\r").await;
    app.keys("j\r").await;
    assert!(app.screen().contains("chapter 2 of 12"), "{}", app.screen());
    app.keys("\r").await;
    assert!(
        app.screen().contains("App client workshop-server"),
        "{}",
        app.screen()
    );
    app.keys("\x1b").await;
    app.keys("s").await;
    assert!(
        app.flash()
            .contains("presenter mode: the client secret is not shown"),
        "{}",
        app.flash()
    );
    assert!(
        app.screen().contains("not shown in presenter mode"),
        "{}",
        app.screen()
    );
    app.never_drawn("the client secret", secret.expose(), 12);

    // Presenter mode off: the key reveals it (so the scan above could have seen it).
    app.keys(":presenter\r").await;
    app.keys("s").await;
    assert!(app.screen().contains(secret.expose()), "{}", app.screen());
}

/// moto: an SRP sign-in on a pool that requires MFA reaches MFA_SETUP. In presenter mode the
/// TOTP secret, its QR code and the code are hidden in every frame; ctrl-r reveals the secret
/// for 10 s (40 ticks), then it is hidden again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presenter_mode_hides_the_mfa_set_up_secret_qr_and_code() {
    let emu = tokio::task::spawn_blocking(|| Emulator::start(Kind::Moto))
        .await
        .unwrap()
        .expect("moto must run for this test (scripts/setup-emulators.sh installs it)");
    let api = support::gateway(&emu.endpoint(), false).await;
    let pool = api
        .create_user_pool(&NewPool {
            mfa_configuration: "ON".into(),
            software_token_mfa: true,
            ..support::new_pool("presenter-mfa")
        })
        .await
        .unwrap();
    api.create_user_pool_client(
        &pool,
        &cognito_tui::domain::NewClient {
            name: "app".into(),
            generate_secret: false,
            explicit_auth_flows: vec!["ALLOW_USER_SRP_AUTH".into()],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let user = support::fresh_user(&api, &pool, "mia", "MotoPass2024").await;

    let mut app = App::start(api, true).await;
    app.keys("A").await;
    app.keys(&format!("{user}\r")).await;
    app.keys("MotoPass2024\r").await;
    let screen = app.screen().to_string();
    assert!(screen.contains("hidden in presenter mode"), "{screen}");
    let secret = app
        .model
        .auth
        .as_ref()
        .and_then(|a| a.totp_secret.clone())
        .expect("MFA_SETUP gave a secret");
    // The demo code is filled in, masked.
    app.key(KeyCode::Char('g'), KeyModifiers::CONTROL).await;
    let code = app
        .model
        .auth
        .as_ref()
        .unwrap()
        .form
        .as_ref()
        .unwrap()
        .fields[0]
        .value
        .value()
        .to_string();
    assert_eq!(code.len(), 6, "{code}");
    let code_line = |app: &App| {
        app.screen()
            .lines()
            .find(|l| l.contains("Code from the app"))
            .unwrap_or_default()
            .to_string()
    };
    assert!(!code_line(&app).contains(&code), "{}", code_line(&app));
    assert!(code_line(&app).contains("••••••"), "{}", code_line(&app));
    app.never_drawn("the TOTP secret", secret.expose(), 10);
    assert!(
        !app.screen().contains("▀▀▀▀▀▀▀▀▀▀"),
        "no QR code:\n{}",
        app.screen()
    );

    // ctrl-r: the secret and QR for 40 ticks; a second ctrl-r: the code.
    app.key(KeyCode::Char('r'), KeyModifiers::CONTROL).await;
    assert!(app.screen().contains(secret.expose()), "{}", app.screen());
    assert!(app.screen().contains("▀▀▀▀▀▀▀▀▀▀"), "{}", app.screen());
    app.key(KeyCode::Char('r'), KeyModifiers::CONTROL).await;
    assert!(code_line(&app).contains(&code), "{}", code_line(&app));
    for _ in 0..40 {
        app.msg(Msg::Tick).await;
    }
    assert!(!app.screen().contains(secret.expose()), "{}", app.screen());
    assert!(!code_line(&app).contains(&code), "{}", code_line(&app));
}
