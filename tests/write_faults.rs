//! Fault injection for writes: a scripted loopback proxy (tests only, `support::proxy`) in
//! front of the REAL emulator forwards every request, and for the scripted operation breaks the answer after
//! the emulator carried the request out — the client connection reset, an HTTP 500 instead
//! of the answer, or the answer held past the call timeout. The gateway must not send the
//! write again (the proxy counts what reached the emulator), must say the outcome was lost,
//! and the app's check must find the truth; the emulator's state is read afterwards through
//! a direct gateway, never through the proxy.

mod support;

use std::sync::Mutex;
use std::time::Duration;

use cognito_tui::app::bulk::Pace;
use cognito_tui::app::executor::{execute, execute_bulk, execute_bulk_adaptive};
use cognito_tui::cognito::{AdminApi, CognitoApi, ConnectOptions, SdkCognito, connect};
use cognito_tui::core::effect::{BulkOp, BulkRun, Request, Write};
use cognito_tui::core::msg::Response;
use cognito_tui::domain::secret::Secret;
use cognito_tui::domain::{ErrorKind, WriteOutcome};
use support::new_user;
use support::proxy::{Fault, Shared, proxy};

const CALL_TIMEOUT: Duration = Duration::from_secs(2);

struct Rig {
    /// Through the proxy, with the app's default retries (3 attempts).
    api: SdkCognito,
    /// Straight to the emulator: the truth.
    direct: SdkCognito,
    script: Shared,
    pool_id: String,
}

impl Rig {
    async fn new() -> Rig {
        let endpoint = support::ministack().endpoint();
        let direct = support::gateway(&endpoint, false).await;
        let pool_id = direct
            .create_user_pool(&support::new_pool(&support::unique("faults")))
            .await
            .expect("CreateUserPool");
        let upstream = endpoint.trim_start_matches("http://").to_string();
        let (url, script) = proxy(upstream).await;
        let api = connect(&ConnectOptions {
            max_attempts: 3,
            call_timeout: CALL_TIMEOUT,
            ..support::options(&url, false)
        })
        .await
        .expect("connecting through the proxy");
        Rig {
            api,
            direct,
            script,
            pool_id,
        }
    }

    fn fault(&self, op: &str, faults: Vec<Fault>) {
        self.script.lock().unwrap().faults.insert(op.into(), faults);
    }

    fn forwarded(&self, op: &str) -> usize {
        self.script.lock().unwrap().forwarded(op)
    }

    /// Run one write the way the app does (`Request::Write` through the executor).
    async fn write(&self, write: Write) -> WriteOutcome {
        let request = Request::Write {
            pool_id: self.pool_id.clone(),
            write,
        };
        match execute(request, &self.api, CALL_TIMEOUT).await {
            Response::Written(outcome) => outcome,
            other => panic!("a write answers Written, not {other:?}"),
        }
    }

    /// Creates these users (straight at the emulator) and returns their names.
    async fn users(&self, names: impl Iterator<Item = String>) -> Vec<String> {
        let names: Vec<String> = names.collect();
        for n in &names {
            self.direct
                .admin_create_user(&self.pool_id, &new_user(n))
                .await
                .unwrap();
        }
        names
    }

    /// A bulk disable of `names`.
    fn disable(&self, names: &[String]) -> BulkRun {
        BulkRun {
            pool_id: self.pool_id.clone(),
            op: BulkOp::Disable,
            usernames: names.to_vec(),
        }
    }

    async fn user_count(&self) -> usize {
        self.direct
            .list_users_page(&self.pool_id, None)
            .await
            .expect("ListUsers, direct")
            .items
            .len()
    }
}

/// The create-user case for one fault: sent once, reported lost, checked as created, and
/// exactly one user in the pool.
async fn create_user_under(fault: Fault) {
    let rig = Rig::new().await;
    rig.fault("AdminCreateUser", vec![fault; 3]);
    let outcome = rig.write(Write::CreateUser(new_user("zed"))).await;
    assert_eq!(
        rig.forwarded("AdminCreateUser"),
        1,
        "{fault:?}: AdminCreateUser reached the emulator once, never resent"
    );
    let WriteOutcome::Checked {
        lost,
        done,
        finding,
    } = &outcome
    else {
        panic!("{fault:?}: the answer was lost, so the outcome is checked: {outcome:?}");
    };
    assert_eq!(lost.kind, ErrorKind::OutcomeUnknown, "{lost:?}");
    assert_eq!(*done, Some(true), "{finding}");
    assert_eq!(finding, "zed exists — created");
    let story = outcome.story().unwrap();
    assert!(story.contains("AdminCreateUser"), "{story}");
    assert!(
        story.contains(": checking… zed exists — created"),
        "{story}"
    );
    assert_eq!(rig.user_count().await, 1, "exactly one user created");
    let zed = rig
        .direct
        .admin_get_user(&rig.pool_id, "zed")
        .await
        .unwrap();
    assert_eq!(zed.status.as_deref(), Some("FORCE_CHANGE_PASSWORD"));
}

#[tokio::test]
async fn create_user_reset_after_forwarding_is_sent_once_and_checked() {
    create_user_under(Fault::Reset).await;
}

#[tokio::test]
async fn create_user_500_after_forwarding_is_sent_once_and_checked() {
    create_user_under(Fault::Status500).await;
}

#[tokio::test]
async fn create_user_delayed_past_the_timeout_is_sent_once_and_checked() {
    create_user_under(Fault::Delay).await;
}

#[tokio::test]
async fn a_throttled_create_user_is_retried_and_created_once() {
    // Refused for throttling: not carried out, so sending it again is safe.
    let rig = Rig::new().await;
    rig.fault("AdminCreateUser", vec![Fault::Throttle, Fault::Throttle]);
    let outcome = rig.write(Write::CreateUser(new_user("tess"))).await;
    assert_eq!(outcome, WriteOutcome::Done);
    assert_eq!(rig.forwarded("AdminCreateUser"), 1);
    assert_eq!(rig.user_count().await, 1);
}

#[tokio::test]
async fn a_refused_create_user_is_failed_not_unknown() {
    // Cognito answered (UsernameExistsException): not lost, not checked.
    let rig = Rig::new().await;
    rig.direct
        .admin_create_user(&rig.pool_id, &new_user("ann"))
        .await
        .unwrap();
    let outcome = rig.write(Write::CreateUser(new_user("ann"))).await;
    let WriteOutcome::Failed(e) = &outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(e.code.as_deref(), Some("UsernameExistsException"));
    assert_eq!(rig.forwarded("AdminCreateUser"), 1);
}

#[tokio::test]
async fn set_password_under_each_fault_is_sent_once_and_reported_honestly() {
    for fault in [Fault::Reset, Fault::Status500, Fault::Delay] {
        let rig = Rig::new().await;
        rig.direct
            .admin_create_user(&rig.pool_id, &new_user("emma"))
            .await
            .unwrap();
        rig.fault("AdminSetUserPassword", vec![fault; 3]);
        let outcome = rig
            .write(Write::SetPassword {
                username: "emma".into(),
                password: Secret::new("Perm-Passw0rd!"),
                permanent: true,
            })
            .await;
        assert_eq!(rig.forwarded("AdminSetUserPassword"), 1, "{fault:?}");
        let emma = rig
            .direct
            .admin_get_user(&rig.pool_id, "emma")
            .await
            .unwrap();
        assert_eq!(emma.status.as_deref(), Some("CONFIRMED"), "{fault:?}");
        // A password cannot be read back: CONFIRMED fits, but the check says it cannot tell.
        let WriteOutcome::Checked { done, finding, .. } = &outcome else {
            panic!("{fault:?}: {outcome:?}");
        };
        assert_eq!(*done, None, "{fault:?}: {finding}");
        assert!(finding.contains("emma is CONFIRMED"), "{finding}");
        assert!(finding.contains("unknown"), "{finding}");
    }
}

#[tokio::test]
async fn bulk_disable_of_20_reports_every_item_with_its_true_outcome() {
    let rig = Rig::new().await;
    let mut names = Vec::new();
    for i in 0..20 {
        let name = format!("b{i:02}");
        if i != 7 {
            // b07 does not exist: a real failure, refused by the emulator.
            rig.direct
                .admin_create_user(&rig.pool_id, &new_user(&name))
                .await
                .unwrap();
        }
        names.push(name);
    }
    // Faults on items 0-5 (two of each) and 12, the rest pass.
    let script = vec![
        Fault::Reset,
        Fault::Status500,
        Fault::Delay,
        Fault::Reset,
        Fault::Status500,
        Fault::Delay,
        Fault::Pass,
        Fault::Pass, // b07: the emulator answers UserNotFound
        Fault::Pass,
        Fault::Pass,
        Fault::Pass,
        Fault::Pass,
        Fault::Reset,
    ];
    rig.fault("AdminDisableUser", script);
    let run = rig.disable(&names);
    let mut seen: Vec<(usize, WriteOutcome)> = Vec::new();
    execute_bulk(
        run,
        &rig.api,
        CALL_TIMEOUT,
        Pace { per_second: 50.0 },
        || false,
        |i, o| seen.push((i, o)),
    )
    .await;
    assert_eq!(seen.len(), 20, "every item reported");
    assert_eq!(
        rig.forwarded("AdminDisableUser"),
        20,
        "each item sent once, none resent"
    );
    for (i, outcome) in &seen {
        let name = &names[*i];
        let truth = rig.direct.admin_get_user(&rig.pool_id, name).await;
        match *i {
            7 => {
                assert_eq!(truth.unwrap_err().kind, ErrorKind::NotFound);
                let WriteOutcome::Failed(e) = outcome else {
                    panic!("{name}: {outcome:?}");
                };
                assert_eq!(e.kind, ErrorKind::NotFound, "{name}");
            }
            0..=5 | 12 => {
                assert!(!truth.unwrap().enabled, "{name} is disabled");
                let WriteOutcome::Checked { done, finding, .. } = outcome else {
                    panic!("{name}: a lost answer is checked: {outcome:?}");
                };
                assert_eq!(*done, Some(true), "{name}: {finding}");
                assert_eq!(finding, &format!("{name} is disabled — disabled"));
            }
            _ => {
                assert!(!truth.unwrap().enabled, "{name} is disabled");
                assert_eq!(outcome, &WriteOutcome::Done, "{name}");
            }
        }
    }
}

#[tokio::test]
async fn a_cancelled_bulk_run_stops_after_the_item_under_way() {
    let rig = Rig::new().await;
    let names = rig.users((0..6).map(|i| format!("c{i}"))).await;
    let run = rig.disable(&names);
    let seen = Mutex::new(Vec::new());
    execute_bulk(
        run,
        &rig.api,
        CALL_TIMEOUT,
        Pace { per_second: 50.0 },
        || seen.lock().unwrap().len() >= 2,
        |i, o| seen.lock().unwrap().push((i, o)),
    )
    .await;
    let seen = seen.into_inner().unwrap();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(rig.forwarded("AdminDisableUser"), 2);
    for (i, n) in names.iter().enumerate() {
        let u = rig.direct.admin_get_user(&rig.pool_id, n).await.unwrap();
        assert_eq!(u.enabled, i >= 2, "{n}: only the first two ran");
    }
}

#[tokio::test]
async fn a_bulk_run_over_the_quota_slows_down_resends_nothing_twice_and_recovers() {
    // The fake allows 8 AdminDisableUser a second; the run starts at Cognito's 25.
    let rig = Rig::new().await;
    let names = rig.users((0..40).map(|i| format!("q{i:02}"))).await;
    rig.script
        .lock()
        .unwrap()
        .quota
        .insert("AdminDisableUser".into(), 8);
    let run = rig.disable(&names);
    let seen = Mutex::new(Vec::new());
    let mut rates = Vec::new();
    let started = std::time::Instant::now();
    execute_bulk_adaptive(
        run,
        &rig.api,
        CALL_TIMEOUT,
        Pace::default(),
        || false,
        |i, o| seen.lock().unwrap().push((i, o)),
        |r| rates.push((r.per_second(), r.slowed())),
    )
    .await;
    let took = started.elapsed();
    let seen = seen.into_inner().unwrap();
    let refused = rig
        .script
        .lock()
        .unwrap()
        .refused
        .get("AdminDisableUser")
        .copied();
    assert!(refused.unwrap_or(0) > 0, "the fake throttled: {refused:?}");
    assert_eq!(seen.len(), 40, "every user reported");
    assert!(
        seen.iter().all(|(_, o)| *o == WriteOutcome::Done),
        "a throttled user was sent again until it went through: {seen:?}"
    );
    assert_eq!(
        rig.forwarded("AdminDisableUser"),
        40,
        "each user reached the emulator once (throttled calls are refused, not carried out)"
    );
    for n in &names {
        let u = rig.direct.admin_get_user(&rig.pool_id, n).await.unwrap();
        assert!(!u.enabled, "{n} is disabled");
    }
    assert_eq!(rates[0], (25.0, false), "starts at the UserUpdate quota");
    let lowest = rates.iter().map(|r| r.0).fold(f64::INFINITY, f64::min);
    assert!(lowest <= 12.5, "slowed down: {rates:?}");
    assert!(rates.iter().any(|r| r.1), "said it was slowed: {rates:?}");
    let climbs = rates.windows(2).filter(|w| w[1].0 > w[0].0).count();
    assert!(climbs > 0, "climbed back after calm: {rates:?}");
    // 40 calls under an 8-a-second quota cannot take less than 4 s.
    assert!(took >= Duration::from_secs(4), "{took:?}");
}
