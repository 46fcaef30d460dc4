//! The hosted flows end to end against ministack's managed login, with the real binary:
//! `auth --flow AUTHORIZATION_CODE --no-browser` while the test plays the browser (GET the
//! authorize URL the binary printed, POST the sign-in form to /login, follow the redirect to
//! the binary's listener), `--flow CLIENT_CREDENTIALS`, and the bad inputs: an unregistered
//! redirect URI, a scope the client lacks, `error=access_denied`, a forged state, no return
//! before the timeout, a listener port already taken. And the same code flow in the TUI, in
//! a pseudo-terminal.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use cognito_tui::cognito::{BrowseApi, CognitoApi, OauthApi, SdkCognito};
use cognito_tui::domain::oauth::{NewOauthClient, ResourceScope, ResourceServer};
use serde_json::Value;

const PASSWORD: &str = "Passw0rd-Hosted";

struct Hosted {
    endpoint: String,
    pool: String,
    spa: String,
    m2m: String,
    user: String,
    port: u16,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A pool of this test's own with a domain, a resource server, a public code + PKCE client
/// whose callback is on a free port, an M2M client with a secret, and a user.
async fn hosted() -> (SdkCognito, Hosted) {
    let endpoint = support::ministack().endpoint();
    let api = support::gateway(&endpoint, false).await;
    let pool = api
        .create_user_pool(&support::new_pool(&support::unique("hosted")))
        .await
        .expect("CreateUserPool");
    api.create_user_pool_domain(&pool, &support::unique("dom"))
        .await
        .expect("CreateUserPoolDomain");
    api.create_resource_server(
        &pool,
        &ResourceServer {
            identifier: "api".into(),
            name: "API".into(),
            scopes: vec![ResourceScope {
                name: "read".into(),
                description: "read".into(),
            }],
        },
    )
    .await
    .expect("CreateResourceServer");
    let port = free_port();
    let spa = api
        .create_oauth_client(
            &pool,
            &NewOauthClient {
                name: "spa".into(),
                allowed_oauth_flows: vec!["code".into()],
                allowed_oauth_scopes: vec!["openid".into(), "email".into(), "api/read".into()],
                callback_urls: vec![format!("http://localhost:{port}/callback")],
                logout_urls: vec![format!("http://localhost:{port}/bye")],
                supported_identity_providers: vec!["COGNITO".into()],
                ..Default::default()
            },
        )
        .await
        .expect("the code client");
    let m2m = api
        .create_oauth_client(
            &pool,
            &NewOauthClient {
                name: "m2m".into(),
                generate_secret: true,
                allowed_oauth_flows: vec!["client_credentials".into()],
                allowed_oauth_scopes: vec!["api/read".into()],
                ..Default::default()
            },
        )
        .await
        .expect("the M2M client");
    let user = support::fresh_user(&api, &pool, "hosted", PASSWORD).await;
    (
        api,
        Hosted {
            endpoint,
            pool,
            spa: spa.id,
            m2m: m2m.id,
            user,
            port,
        },
    )
}

fn bin(h: &Hosted, flow: &str, client: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cognito-tui"));
    for (k, v) in support::binary_env(&h.endpoint) {
        c.env(k, v);
    }
    let log = std::env::temp_dir().join(format!("cognito-tui-oauth-{}.log", std::process::id()));
    c.arg("--log-file").arg(log);
    c.args([
        "auth",
        "--flow",
        flow,
        "--pool-id",
        &h.pool,
        "--client-id",
        client,
    ]);
    c
}

/// The binary running a code flow: its stderr lines arrive on a channel as they come.
struct Running {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Running {
    fn start(mut c: Command) -> Self {
        let mut child = c
            .arg("--no-browser")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cognito-tui runs");
        let (tx, lines) = mpsc::channel();
        let err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        Self {
            child,
            lines,
            seen: vec![],
        }
    }

    /// The authorize URL: the stderr line that is a URL alone.
    fn authorize_url(&mut self) -> String {
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(20))
                .unwrap_or_else(|_| panic!("no authorize URL on stderr: {:?}", self.seen));
            self.seen.push(line.clone());
            if line.starts_with("http") && !line.contains(' ') {
                return line;
            }
        }
    }

    /// Exit code, stdout, all of stderr.
    fn finish(mut self) -> (i32, String, String) {
        let out = std::mem::take(&mut self.child.stdout);
        let status = self.child.wait().unwrap();
        let mut stdout = String::new();
        std::io::Read::read_to_string(&mut out.unwrap(), &mut stdout).unwrap();
        self.seen.extend(self.lines.try_iter());
        (status.code().unwrap_or(-1), stdout, self.seen.join("\n"))
    }
}

fn query(url: &str, key: &str) -> Option<String> {
    url::Url::parse(url)
        .ok()?
        .query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Plays the browser: the sign-in page's form, POSTed with the user's password to /login;
/// returns where Cognito redirects (the callback with code and state).
async fn sign_in_in_the_browser(h: &Hosted, authorize: &str) -> String {
    let page = browser().get(authorize).send().await.unwrap();
    assert_eq!(page.status(), 200, "the sign-in page");
    let html = page.text().await.unwrap();
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    for part in html.split("<input type=\"hidden\" name=\"").skip(1) {
        let (name, rest) = part.split_once('"').unwrap();
        let value = rest
            .split_once("value=\"")
            .and_then(|(_, v)| v.split_once('"'))
            .map_or("", |(v, _)| v)
            .replace("&amp;", "&");
        form.append_pair(name, &value);
    }
    form.append_pair("username", &h.user)
        .append_pair("password", PASSWORD);
    let posted = browser()
        .post(format!("{}/login", h.endpoint))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form.finish())
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 302, "the sign-in form redirects");
    posted.headers()["location"].to_str().unwrap().to_owned()
}

/// The browser arriving at the listener (localhost is 127.0.0.1 here).
async fn follow(location: &str) -> String {
    let to = location.replacen("http://localhost:", "http://127.0.0.1:", 1);
    let r = browser()
        .get(to)
        .send()
        .await
        .expect("the listener answers");
    assert_eq!(r.status(), 200);
    r.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn code_flow_with_pkce_end_to_end_in_the_browser_the_test_plays() {
    let (api, h) = hosted().await;
    let mut c = bin(&h, "AUTHORIZATION_CODE", &h.spa);
    c.args([
        "--scope",
        "openid email",
        "--decode",
        "--redirect-timeout",
        "30",
    ]);
    let mut run = Running::start(c);
    let url = run.authorize_url();
    assert!(
        url.starts_with(&format!("{}/oauth2/authorize?", h.endpoint)),
        "{url}"
    );
    assert_eq!(
        query(&url, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert_eq!(query(&url, "code_challenge").map(|c| c.len()), Some(43));
    assert_eq!(
        query(&url, "redirect_uri"),
        Some(format!("http://localhost:{}/callback", h.port))
    );
    let state = query(&url, "state").unwrap();
    assert!(state.len() >= 22, "{state}");
    let location = sign_in_in_the_browser(&h, &url).await;
    let code = query(&location, "code").expect("a code");
    assert_eq!(query(&location, "state"), Some(state));
    assert!(follow(&location).await.contains("close this tab"));
    let (rc, stdout, stderr) = run.finish();
    assert_eq!(rc, 0, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    let r = &v["AuthenticationResult"];
    for t in ["IdToken", "AccessToken", "RefreshToken"] {
        assert!(
            r[t].as_str().is_some_and(|s| s.len() > 100),
            "{t}: {stdout}"
        );
    }
    assert_eq!(
        v["Decoded"]["IdToken"]["claims"]["cognito:username"],
        h.user
    );
    assert_eq!(
        v["Decoded"]["AccessToken"]["claims"]["scope"],
        "openid email"
    );
    assert_eq!(v["Decoded"]["IdToken"]["verified"], true, "{stdout}");
    assert_eq!(v["Decoded"]["AccessToken"]["verified"], true, "{stdout}");
    // The timeline says each step and shows no code, verifier or token.
    for step in [
        "→ GET /oauth2/authorize",
        "← redirect to /callback code=•••••• state=",
        "(matches)",
        "→ POST /oauth2/token grant_type=authorization_code",
        "code_verifier=••••••",
        "← HTTP 200 id_token access_token refresh_token",
        &format!("username={}", h.user),
        "· sign-out URL: ",
    ] {
        assert!(stderr.contains(step), "{step:?} in:\n{stderr}");
    }
    assert!(!stderr.contains(&code), "the code leaked:\n{stderr}");
    let access = r["AccessToken"].as_str().unwrap();
    assert!(
        !stderr.contains(&access[access.len() - 20..]),
        "a token leaked"
    );

    // Refresh: a managed-login client refreshes at the token endpoint, and says why.
    let refresh = r["RefreshToken"].as_str().unwrap().to_owned();
    let (rc, stdout, stderr) =
        support::run_with_stdin(bin(&h, "REFRESH", &h.spa), &format!("{refresh}\n"));
    assert_eq!(rc, 0, "{stderr}");
    assert!(
        stderr.contains("Picked grant_type=refresh_token at /oauth2/token"),
        "{stderr}"
    );
    assert!(
        stderr.contains("→ POST /oauth2/token grant_type=refresh_token"),
        "{stderr}"
    );
    assert!(
        !stderr.contains(&refresh[refresh.len() - 20..]),
        "the refresh token leaked"
    );
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert!(v["AuthenticationResult"]["AccessToken"].as_str().is_some());
    assert_ne!(v["AuthenticationResult"]["AccessToken"], r["AccessToken"]);

    // GetTokensFromRefreshToken (the rotation clients' way) takes the same token; ministack
    // does not rotate, so no new refresh token comes back.
    let t = api
        .get_tokens_from_refresh_token(&h.spa, None, &refresh.as_str().into())
        .await
        .expect("GetTokensFromRefreshToken");
    assert!(t.access_token.expose().len() > 100);
    assert!(t.refresh_token.is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn client_credentials_give_an_access_token_only() {
    let (_api, h) = hosted().await;
    let out = bin(&h, "client_credentials", &h.m2m)
        .args(["--scope", "api/read", "--decode"])
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert!(v["AuthenticationResult"]["IdToken"].is_null(), "{stdout}");
    assert!(v["AuthenticationResult"]["RefreshToken"].is_null());
    let claims = &v["Decoded"]["AccessToken"]["claims"];
    assert_eq!(claims["scope"], "api/read");
    assert_eq!(claims["client_id"], h.m2m.as_str());
    assert_eq!(v["Decoded"]["AccessToken"]["verified"], true, "{stdout}");
    assert!(stderr.contains("Authorization: Basic ••••••"), "{stderr}");
    assert!(stderr.contains("there is no ID token"), "{stderr}");

    // A scope the client may not have is said before anything is sent.
    let out = bin(&h, "CLIENT_CREDENTIALS", &h.m2m)
        .args(["--scope", "api/write"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("scope api/write is not allowed"),
        "{stderr}"
    );
    assert!(!stderr.contains("POST /oauth2/token"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_is_refused_before_anything_is_sent() {
    let (_api, h) = hosted().await;
    let run = |extra: &[&str]| {
        let out = bin(&h, "AUTHORIZATION_CODE", &h.spa)
            .args(["--no-browser", "--redirect-timeout", "5"])
            .args(extra)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (rc, err) = run(&["--redirect-uri", "http://localhost:1/elsewhere"]);
    assert_eq!(rc, Some(2), "{err}");
    assert!(
        err.contains(
            "redirect URI http://localhost:1/elsewhere is not one of app client spa's CallbackURLs"
        ),
        "{err}"
    );
    assert!(
        err.contains(&format!("http://localhost:{}/callback", h.port)),
        "{err}"
    );
    assert!(!err.contains("/oauth2/authorize"), "nothing sent: {err}");

    let (rc, err) = run(&["--scope", "openid aws.cognito.signin.user.admin"]);
    assert_eq!(rc, Some(2), "{err}");
    assert!(
        err.contains("scope aws.cognito.signin.user.admin is not allowed"),
        "{err}"
    );

    // The M2M client allows no code grant and has no callback: both said, with the fixes.
    let out = bin(&h, "AUTHORIZATION_CODE", &h.m2m)
        .arg("--no-browser")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("does not allow the code grant"), "{err}");
    assert!(err.contains("add http://localhost:8765/callback"), "{err}");

    // The listener's port is taken.
    let _taken = std::net::TcpListener::bind(("127.0.0.1", h.port)).unwrap();
    let (rc, err) = run(&[]);
    assert_eq!(rc, Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "port {} of the redirect URI is already taken",
            h.port
        )),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn error_redirects_forged_states_and_timeouts_end_the_sign_in() {
    let (_api, h) = hosted().await;
    let callback = format!("http://localhost:{}/callback", h.port);

    // The browser comes back with error=access_denied: shown as it came, exit 1.
    let mut run = Running::start(bin(&h, "AUTHORIZATION_CODE", &h.spa));
    let state = query(&run.authorize_url(), "state").unwrap();
    follow(&format!(
        "{callback}?error=access_denied&error_description=The+user+said+no&state={state}"
    ))
    .await;
    let (rc, _, err) = run.finish();
    assert_eq!(rc, 1, "{err}");
    assert!(
        err.contains("error=access_denied error_description=The user said no"),
        "{err}"
    );

    // A redirect whose state is not ours is refused; no token request goes out.
    let mut run = Running::start(bin(&h, "AUTHORIZATION_CODE", &h.spa));
    run.authorize_url();
    follow(&format!("{callback}?code=stolen&state=forged")).await;
    let (rc, _, err) = run.finish();
    assert_eq!(rc, 1, "{err}");
    assert!(
        err.contains("state \"forged\" is not the one this sign-in sent"),
        "{err}"
    );
    assert!(!err.contains("POST /oauth2/token"), "{err}");

    // Nobody comes back.
    let mut c = bin(&h, "AUTHORIZATION_CODE", &h.spa);
    c.args(["--redirect-timeout", "1"]);
    let mut run = Running::start(c);
    run.authorize_url();
    let (rc, _, err) = run.finish();
    assert_eq!(rc, 1, "{err}");
    assert!(err.contains("no redirect came back"), "{err}");
    assert!(err.contains("within 1 s"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_workshop_seed_gives_managed_login_and_a_working_m2m_client() {
    let endpoint = support::ministack().endpoint();
    let api = support::gateway(&endpoint, false).await;
    let report = support::seed_workshop(&api).await;
    let id = |name: &str| support::seeded_client(&report, name);
    let pool = report.pool_id.clone();
    assert!(
        report
            .created
            .contains(&"domain cognito-workshop".to_owned())
    );
    let domain = api
        .describe_user_pool_domain("cognito-workshop")
        .await
        .unwrap()
        .expect("the domain exists");
    assert_eq!(domain.domain, "cognito-workshop");
    let servers = api.list_resource_servers(&pool).await.unwrap();
    assert_eq!(
        servers[0].full_scopes(),
        ["workshop-api/read", "workshop-api/write"]
    );
    assert!(api.list_identity_providers(&pool).await.unwrap().is_empty());
    let spa = api
        .describe_user_pool_client(&pool, &id("workshop-spa"))
        .await
        .unwrap();
    assert_eq!(spa.callback_urls, ["http://localhost:8765/callback"]);
    assert_eq!(spa.allowed_oauth_flows, ["code"]);
    assert!(!spa.has_secret);

    // Seeding again changes nothing.
    let again = support::seed_workshop(&api).await;
    assert!(again.created.is_empty(), "{:?}", again.created);
    assert!(
        again
            .existing
            .contains(&"resource server workshop-api".to_owned())
    );

    // The seeded M2M client works as the README shows.
    let h = Hosted {
        endpoint,
        pool,
        spa: id("workshop-spa"),
        m2m: id("workshop-m2m"),
        user: String::new(),
        port: 0,
    };
    let out = bin(&h, "CLIENT_CREDENTIALS", &h.m2m)
        .args(["--scope", "workshop-api/read workshop-api/write"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Read-only: the seed's OAuth writes are refused before they are sent.
    let ro = support::gateway(&h.endpoint, true).await;
    let e = ro
        .create_user_pool_domain(&h.pool, "another")
        .await
        .unwrap_err();
    assert_eq!(e.kind, cognito_tui::domain::ErrorKind::ReadOnly, "{e:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_flow_in_the_tui_runner_in_a_pty() {
    let (_api, h) = hosted().await;
    let log =
        std::env::temp_dir().join(format!("cognito-tui-oauth-pty-{}.log", std::process::id()));
    let log_arg = log.display().to_string();
    let wait = Duration::from_secs(30);
    let mut tui = support::pty::Tui::spawn(
        &["--log-file", &log_arg],
        &support::binary_env(&h.endpoint),
        120,
        40,
    );
    // Select this test's pool, open the runner, pick AUTHORIZATION_CODE and the code client.
    let screen = tui.wait_for(&h.pool, wait);
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("us-east-1_"))
        .collect();
    let index = rows.iter().position(|l| l.contains(&h.pool)).unwrap();
    for _ in 0..index {
        tui.send("j");
    }
    std::thread::sleep(Duration::from_millis(300));
    tui.send(":auth\r");
    tui.wait_for("Step-through", wait);
    tui.send("\x1b[A"); // up: Flow
    tui.send("\x1b[D\x1b[D"); // left twice: past CLIENT_CREDENTIALS to AUTHORIZATION_CODE
    tui.wait_for("AUTHORIZATION_CODE (managed login, PKCE)", wait);
    tui.send("\x1b[A"); // up: App client
    let mut screen = tui.screen();
    for _ in 0..3 {
        if screen.contains("◀ spa ▶") {
            break;
        }
        tui.send("\x1b[C");
        std::thread::sleep(Duration::from_millis(200));
        screen = tui.screen();
    }
    assert!(screen.contains("◀ spa ▶"), "{screen}");
    tui.send("\r");
    let screen = tui.wait_for("b open it in the browser", wait);
    // The URL as the pane wraps it: the rows between the spinner line and the keys.
    let pane: Vec<String> = screen
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c == ' ').to_owned())
        .collect();
    let start = pane
        .iter()
        .position(|l| l.starts_with("http://"))
        .expect(&screen);
    let url: String = pane[start..]
        .iter()
        .take_while(|l| !l.is_empty())
        .map(String::as_str)
        .collect();
    assert!(url.contains("code_challenge_method=S256"), "{url}");
    let location = sign_in_in_the_browser(&h, &url).await;
    let code = query(&location, "code").unwrap();
    follow(&location).await;
    let screen = tui.wait_for("signature ✓ verified", wait);
    assert!(
        screen.contains("← HTTP 200 id_token access_token refresh_token"),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("\"cognito:username\": \"{}\"", h.user)),
        "{screen}"
    );
    assert!(!screen.contains(&code), "the code is never shown");
    // f refreshes at the token endpoint, and says why.
    tui.send("f");
    tui.wait_for("Picked grant_type=refresh_token at /oauth2/token", wait);
    tui.send("q");
    assert_eq!(tui.wait_exit(wait), Some(0));
    let logged = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(!logged.contains(&code), "the code reached the log");
}
