//! The export's groups, against the local emulator: each JSON line carries exactly the
//! user's groups, read by inverting the join (ListGroups, then ListUsersInGroup per group),
//! so the groups cost (group pages + member pages) calls, not one per user. The calls are
//! counted around the real gateway, never mocked. Throttling is injected by the loopback
//! fault proxy (`support::proxy`) in front of the real emulator: a quota like Cognito's
//! UserList category, shared by ListUsers and ListUsersInGroup.

mod support;

use std::collections::BTreeMap;
use std::sync::Mutex;

use std::time::Duration;

use cognito_tui::cli::export::{self, ExportApi, Format};
use cognito_tui::cognito::{AdminApi, CognitoApi, SdkCognito};
use cognito_tui::domain::{CognitoError, Group, Page, User};
use support::proxy::{Shared, proxy};

/// The real gateway, with each export read counted by operation.
struct Counted {
    api: SdkCognito,
    calls: Mutex<BTreeMap<&'static str, usize>>,
}

impl Counted {
    fn count(&self, op: &'static str) {
        *self.calls.lock().unwrap().entry(op).or_default() += 1;
    }
    fn calls(&self, op: &str) -> usize {
        self.calls.lock().unwrap().get(op).copied().unwrap_or(0)
    }
}

#[async_trait::async_trait]
impl ExportApi for Counted {
    async fn list_users_page(
        &self,
        pool_id: &str,
        token: Option<String>,
    ) -> Result<Page<User>, CognitoError> {
        self.count("ListUsers");
        ExportApi::list_users_page(&self.api, pool_id, token).await
    }
    async fn list_groups(
        &self,
        pool_id: &str,
        token: Option<String>,
    ) -> Result<Page<Group>, CognitoError> {
        self.count("ListGroups");
        ExportApi::list_groups(&self.api, pool_id, token).await
    }
    async fn list_users_in_group(
        &self,
        pool_id: &str,
        group: &str,
        token: Option<String>,
    ) -> Result<Page<User>, CognitoError> {
        self.count("ListUsersInGroup");
        ExportApi::list_users_in_group(&self.api, pool_id, group, token).await
    }
    async fn get_csv_header(&self, pool_id: &str) -> Result<Vec<String>, CognitoError> {
        self.count("GetCSVHeader");
        ExportApi::get_csv_header(&self.api, pool_id).await
    }
    async fn custom_attributes(&self, pool_id: &str) -> Result<Vec<String>, CognitoError> {
        self.count("DescribeUserPool");
        ExportApi::custom_attributes(&self.api, pool_id).await
    }
}

fn group(name: &str) -> Group {
    Group {
        name: name.into(),
        precedence: None,
        description: None,
        role_arn: None,
        created: None,
    }
}

/// A fresh pool with `users`, the groups `groups`, and each `(user, group)` membership
/// added in the order given.
async fn pool(
    api: &SdkCognito,
    users: &[String],
    groups: &[&str],
    joins: &[(&str, &str)],
) -> String {
    let pool_id = api
        .create_user_pool(&support::new_pool(&support::unique("export-groups")))
        .await
        .expect("CreateUserPool");
    for name in users {
        api.admin_create_user(&pool_id, &support::new_user(name))
            .await
            .unwrap();
    }
    for g in groups {
        api.create_group(&pool_id, &group(g)).await.unwrap();
    }
    for (u, g) in joins {
        api.admin_add_user_to_group(&pool_id, u, g).await.unwrap();
    }
    pool_id
}

/// Each exported user's groups, by username.
fn groups_by_user(out: Vec<u8>) -> BTreeMap<String, Vec<String>> {
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("one JSON object per line");
            let groups = v["groups"]
                .as_array()
                .expect("a groups array on every line")
                .iter()
                .map(|g| g.as_str().unwrap().to_string())
                .collect();
            (v["username"].as_str().unwrap().to_string(), groups)
        })
        .collect()
}

#[tokio::test]
async fn each_line_carries_exactly_the_users_groups_sorted_by_name() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let users: Vec<String> = ["none", "one", "two"].map(String::from).to_vec();
    // `two` joins zeta before alpha: the line lists them by name.
    let pool_id = pool(
        &api,
        &users,
        &["alpha", "zeta", "empty"],
        &[("one", "zeta"), ("two", "zeta"), ("two", "alpha")],
    )
    .await;
    let mut out = Vec::new();
    let mut progress = Vec::new();
    let summary =
        export::export_users(&api, &pool_id, Format::Jsonl, true, &mut out, &mut progress)
            .await
            .expect("export");
    assert_eq!(summary.users, 3);
    let got = groups_by_user(out);
    let want: BTreeMap<String, Vec<String>> = [
        ("none", vec![]),
        ("one", vec!["zeta"]),
        ("two", vec!["alpha", "zeta"]),
    ]
    .into_iter()
    .map(|(u, g)| (u.to_string(), g.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(got, want);
    // The same as AdminListGroupsForUser answers, once sorted.
    for u in &users {
        let mut theirs = api.group_names_of_user(&pool_id, u).await.unwrap();
        theirs.sort();
        assert_eq!(got[u], theirs, "{u}");
    }
}

#[tokio::test]
async fn the_groups_cost_group_and_member_pages_not_a_call_per_user() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    // 130 users (3 ListUsers pages); `big` holds 125 (3 member pages), `small` 61 (2), `none`
    // no one (1): 1 ListGroups + 6 ListUsersInGroup calls for the groups of 130 users.
    let users: Vec<String> = (0..130).map(|i| format!("u{i:03}")).collect();
    let mut joins: Vec<(&str, &str)> = users[..125].iter().map(|u| (u.as_str(), "big")).collect();
    joins.extend(users[69..130].iter().map(|u| (u.as_str(), "small")));
    let pool_id = pool(&api, &users, &["big", "small", "none"], &joins).await;
    let counted = Counted {
        api,
        calls: Mutex::default(),
    };
    let mut out = Vec::new();
    let mut progress = Vec::new();
    let summary = export::export_users(
        &counted,
        &pool_id,
        Format::Jsonl,
        true,
        &mut out,
        &mut progress,
    )
    .await
    .expect("export");
    assert_eq!((summary.users, summary.pages), (130, 3));
    assert_eq!(counted.calls("ListGroups"), 1);
    assert_eq!(counted.calls("ListUsersInGroup"), 6);
    assert_eq!(counted.calls("ListUsers"), 3);
    let got = groups_by_user(out);
    assert_eq!(got.len(), 130);
    for (i, u) in users.iter().enumerate() {
        let want: Vec<&str> = match i {
            0..69 => vec!["big"],
            69..125 => vec!["big", "small"],
            _ => vec!["small"],
        };
        assert_eq!(got[u], want, "{u}");
    }

    // Without groups, only the ListUsers pages.
    let before = counted.calls("ListUsersInGroup") + counted.calls("ListGroups");
    let mut out = Vec::new();
    export::export_users(
        &counted,
        &pool_id,
        Format::Jsonl,
        false,
        &mut out,
        &mut progress,
    )
    .await
    .expect("export without groups");
    assert_eq!(
        counted.calls("ListUsersInGroup") + counted.calls("ListGroups"),
        before
    );
    assert_eq!(counted.calls("ListUsers"), 6);
}

/// The export's listings that count against Cognito's UserList quota.
const USER_LIST: [&str; 2] = ["ListUsers", "ListUsersInGroup"];

/// The fault proxy in front of `endpoint`, refusing ListUsers and ListUsersInGroup above
/// `per_second` together (TooManyRequestsException, not forwarded): its URL and script.
async fn throttling(endpoint: &str, per_second: usize) -> (String, Shared) {
    let (url, script) = proxy(endpoint.trim_start_matches("http://").to_string()).await;
    {
        let mut s = script.lock().unwrap();
        s.quota.insert("UserList".into(), per_second);
        for op in USER_LIST {
            s.category.insert(op.into(), "UserList".into());
        }
    }
    (url, script)
}

fn forwarded(script: &Shared, op: &str) -> usize {
    script.lock().unwrap().forwarded(op)
}

fn refused(script: &Shared) -> usize {
    script.lock().unwrap().refused("UserList")
}

/// The groups of the `i`th user of [`throttle_pool`], by name.
fn groups_of(i: usize) -> Vec<&'static str> {
    [("a", i < 240), ("b", i >= 100), ("c", i.is_multiple_of(3))]
        .into_iter()
        .filter(|(_, member)| *member)
        .map(|(g, _)| g)
        .collect()
}

/// 300 users (5 ListUsers pages) in a (t000–t239: 4 member pages), b (t100–t299: 4), c (every
/// third: 2) and d (no one: 1): 11 ListUsersInGroup pages.
async fn throttle_pool(api: &SdkCognito) -> (String, Vec<String>) {
    let users: Vec<String> = (0..300).map(|i| format!("t{i:03}")).collect();
    let joins: Vec<(&str, &str)> = users
        .iter()
        .enumerate()
        .flat_map(|(i, u)| groups_of(i).into_iter().map(move |g| (u.as_str(), g)))
        .collect();
    let pool_id = pool(api, &users, &["a", "b", "c", "d"], &joins).await;
    (pool_id, users)
}

const SLOWED: &str = "throttled by Cognito: slowing the export to 25/s";

#[tokio::test]
async fn a_throttled_export_slows_down_asks_each_page_again_and_exports_everyone_once() {
    let emu = support::ministack();
    let direct = support::gateway(&emu.endpoint(), false).await;
    let (pool_id, users) = throttle_pool(&direct).await;
    // 10 a second for both listings; one attempt a call, so every refusal reaches the export.
    let (url, script) = throttling(&emu.endpoint(), 10).await;
    let api = support::gateway(&url, false).await;
    let mut out = Vec::new();
    let mut progress = Vec::new();
    let summary =
        export::export_users(&api, &pool_id, Format::Jsonl, true, &mut out, &mut progress)
            .await
            .expect("the export completes despite the throttling");
    let progress = String::from_utf8(progress).unwrap();
    let refused = refused(&script);
    assert!(refused > 0, "the proxy throttled the export");
    assert_eq!(
        summary.throttled, refused,
        "every refusal reached the export, which heard each"
    );
    assert_eq!(progress.matches(SLOWED).count(), 1, "{progress}");

    // Everyone once, with the right groups; each page served once (refusals are not served).
    assert_eq!(summary.users, 300);
    assert_eq!(String::from_utf8_lossy(&out).lines().count(), 300);
    let got = groups_by_user(out);
    assert_eq!(got.len(), 300);
    for (i, u) in users.iter().enumerate() {
        assert_eq!(got[u], groups_of(i), "{u}");
    }
    assert_eq!(forwarded(&script, "ListUsers"), 5);
    assert_eq!(forwarded(&script, "ListUsersInGroup"), 11);
    assert_eq!(forwarded(&script, "ListGroups"), 1);

    // The proxy saw it slow down: after the first refusal (and the few calls already in
    // flight then), never more than 25 listings in a second, on average at least the 40 ms
    // apart a 25/s pace puts them, and never two at once (unpaced, they came 0–5 ms apart).
    let (arrivals, refusals): (Vec<std::time::Instant>, Vec<bool>) = script
        .lock()
        .unwrap()
        .arrivals
        .iter()
        .filter(|(op, _, _)| USER_LIST.contains(&op.as_str()))
        .map(|(_, at, refused)| (*at, *refused))
        .unzip();
    let first = refusals.iter().position(|r| *r).unwrap();
    let paced = &arrivals[(first + 4).min(arrivals.len())..];
    assert!(paced.len() >= 10, "{} listings after slowing", paced.len());
    for w in paced.windows(2) {
        let gap = w[1] - w[0];
        assert!(
            gap >= Duration::from_millis(10),
            "{gap:?} between two listings"
        );
    }
    let mean = (paced[paced.len() - 1] - paced[0]) / (paced.len() as u32 - 1);
    assert!(
        mean >= Duration::from_millis(40),
        "{mean:?} apart on average"
    );
    for (i, t) in paced.iter().enumerate() {
        let in_a_second = paced[i..]
            .iter()
            .take_while(|u| **u - *t < Duration::from_secs(1))
            .count();
        assert!(in_a_second <= 26, "{in_a_second} listings in a second");
    }
}

/// The binary, against `endpoint` (one attempt a call), exporting `pool_id` with these args.
async fn export_binary(endpoint: &str, pool_id: &str, args: &[&str]) -> (i32, String, String) {
    let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_cognito-tui"));
    let dir = std::env::temp_dir().join(support::unique("cognito-tui-export-throttled"));
    std::fs::create_dir_all(&dir).unwrap();
    c.env_remove("AWS_PROFILE")
        .env("AWS_CONFIG_FILE", dir.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", dir.join("credentials"))
        .arg("--log-file")
        .arg(dir.join("log"));
    for (k, v) in support::binary_env(endpoint) {
        c.env(k, v);
    }
    let out = c
        .args(["export", "--pool-id", pool_id, "--output", "json"])
        .args(args)
        .output()
        .await
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn the_binary_says_it_slowed_and_a_page_throttled_every_time_fails_clearly() {
    let emu = support::ministack();
    let direct = support::gateway(&emu.endpoint(), false).await;
    let (pool_id, _) = throttle_pool(&direct).await;

    let (url, script) = throttling(&emu.endpoint(), 10).await;
    let (code, stdout, stderr) = export_binary(&url, &pool_id, &[]).await;
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 300);
    assert_eq!(stderr.matches(SLOWED).count(), 1, "{stderr}");
    let said = format!(
        "exported 300 users to stdout (Cognito throttled {} calls, each asked again; slowest pace",
        refused(&script)
    );
    assert!(stderr.contains(&said), "{stderr}");

    // Every listing refused: the first page is asked 8 times, slower each time, then the
    // export fails, saying why, and leaves no file.
    let (url, script) = throttling(&emu.endpoint(), 0).await;
    let file = std::env::temp_dir()
        .join(support::unique("never-written"))
        .join("users.jsonl");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let started = std::time::Instant::now();
    let (code, stdout, stderr) =
        export_binary(&url, &pool_id, &["--out", file.to_str().unwrap()]).await;
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains(
            "export failed: ListUsers failed: TooManyRequestsException: Too many requests; \
             still throttled after 8 tries of the same page, slowed to 1/s"
        ),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches(SLOWED).count(),
        0,
        "failed before a page went through"
    );
    assert_eq!(refused(&script), 8);
    assert_eq!(forwarded(&script, "ListUsers"), 0);
    assert!(!file.exists());
    assert!(
        std::fs::read_dir(file.parent().unwrap())
            .unwrap()
            .next()
            .is_none(),
        "no temporary file left"
    );
    // Unpaced, then 25, 12.5, 6.25, 3.125, 1.5625 and 1 a second: 3.24 s of waiting.
    assert!(started.elapsed() >= Duration::from_millis(3200));
}
