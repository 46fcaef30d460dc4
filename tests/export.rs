//! The export's groups, against the local emulator: each JSON line carries exactly the
//! user's groups, read by inverting the join (ListGroups, then ListUsersInGroup per group),
//! so the groups cost (group pages + member pages) calls, not one per user. The calls are
//! counted around the real gateway, never mocked.

mod support;

use std::collections::BTreeMap;
use std::sync::Mutex;

use cognito_tui::cli::export::{self, ExportApi, Format};
use cognito_tui::cognito::{AdminApi, CognitoApi, SdkCognito};
use cognito_tui::domain::{CognitoError, Group, Page, User};

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
