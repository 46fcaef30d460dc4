//! The guided tour's data: chapters with a narration, the pane each opens (with its
//! selection) and the one live step its key performs. Read from JSON: the bundled
//! `assets/chapters.json`, or a presenter's own file (`--chapters FILE`), parsed here so a bad
//! file is refused with the reason before the TUI starts. Pure: the file is read elsewhere.

use serde::Deserialize;

use crate::domain::secret::Secret;

/// The bundled tour, written after the workshop the sandbox seeds.
pub const BUNDLED: &str = include_str!("../../../assets/chapters.json");

/// A whole tour.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tour {
    pub title: String,
    /// The user pool the chapters open, by name (a chapter may name another).
    pub pool: String,
    pub chapters: Vec<Chapter>,
}

/// One chapter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    pub title: String,
    /// The narration panel's paragraphs.
    pub narration: Vec<String>,
    /// The pane the chapter opens.
    pub pane: Pane,
    /// The row to select in it: an attribute, client, group or user name, a trigger slot.
    #[serde(default)]
    pub select: Option<String>,
    /// Another pool than the tour's, by name.
    #[serde(default)]
    pub pool: Option<String>,
    /// What the chapter's key does live.
    #[serde(default)]
    pub step: Option<Step>,
}

/// The panes a chapter can open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pane {
    Pool,
    Attributes,
    Clients,
    Groups,
    Users,
    Triggers,
    /// The sign-in runner (its set-up comes from the step).
    SignIn,
}

/// The live step of a chapter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case", deny_unknown_fields)]
pub enum Step {
    /// Open the selected row (Enter on it).
    Open,
    /// Describe the selected row (`d` on it).
    Describe,
    /// Start a sign-in in the runner; a password given here is typed for the presenter
    /// (masked; the bundled tour uses the sandbox's seeded passwords).
    SignIn {
        client: String,
        flow: String,
        username: String,
        #[serde(default, deserialize_with = "secret")]
        password: Option<Secret>,
        /// Then sign in again with REFRESH_TOKEN_AUTH.
        #[serde(default)]
        refresh: bool,
        /// Then exchange the ID token for AWS credentials at the identity pool.
        #[serde(default)]
        credentials: bool,
    },
}

fn secret<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Secret>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.map(Secret::new))
}

impl Step {
    /// What the step's key does, for the panel: `sign in as alice with workshop-server`;
    /// `select` is the chapter's selected row.
    pub fn label(&self, select: Option<&str>) -> String {
        match (self, select) {
            (Step::Open, Some(row)) => format!("open {row}"),
            (Step::Open, None) => "open the selected row".into(),
            (Step::Describe, Some(row)) => format!("describe {row}"),
            (Step::Describe, None) => "describe the selected row".into(),
            (
                Step::SignIn {
                    client,
                    flow,
                    username,
                    refresh,
                    credentials,
                    ..
                },
                _,
            ) => format!(
                "sign in as {username} with {client} ({flow}){}{}",
                if *refresh {
                    ", then REFRESH_TOKEN_AUTH"
                } else {
                    ""
                },
                if *credentials {
                    ", then exchange the ID token for AWS credentials"
                } else {
                    ""
                }
            ),
        }
    }
}

/// Parse a tour file; the error says what is wrong and where.
pub fn parse(text: &str) -> Result<Tour, String> {
    let tour: Tour = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if tour.chapters.is_empty() {
        return Err("the tour has no chapters".into());
    }
    for (i, c) in tour.chapters.iter().enumerate() {
        if let Some(Step::SignIn { flow, .. }) = &c.step
            && flow_index(flow).is_none()
        {
            return Err(format!(
                "chapter {} ({}): unknown flow {flow:?}",
                i + 1,
                c.title
            ));
        }
    }
    Ok(tour)
}

/// Where a flow named in a chapter sits in the runner's flow cycle: a sign-in flow
/// (`ADMIN_USER_PASSWORD_AUTH`) or a managed-login one (`AUTHORIZATION_CODE`,
/// `CLIENT_CREDENTIALS`), after them.
pub fn flow_index(name: &str) -> Option<usize> {
    use crate::core::model::runner::FLOWS;
    if let Some(f) = crate::auth::Flow::from_name(name) {
        return FLOWS.iter().position(|x| *x == f);
    }
    let name = name.trim().to_ascii_uppercase();
    crate::core::hosted::HostedKind::ALL
        .iter()
        .position(|k| k.name() == name)
        .map(|i| FLOWS.len() + i)
}

/// The bundled tour.
pub fn bundled() -> Tour {
    parse(BUNDLED).unwrap_or_else(|e| Tour {
        title: format!("the bundled tour does not parse: {e}"),
        pool: String::new(),
        chapters: vec![],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_tour_follows_the_workshop() {
        let t = parse(BUNDLED).expect("assets/chapters.json parses");
        assert_eq!(t.pool, "cognito-workshop");
        let titles: Vec<&str> = t.chapters.iter().map(|c| c.title.as_str()).collect();
        assert!(titles.len() >= 10, "{titles:?}");
        let admin = t
            .chapters
            .iter()
            .position(|c| c.title.contains("ADMIN_USER_PASSWORD_AUTH"))
            .expect("an ADMIN_USER_PASSWORD_AUTH chapter");
        assert_eq!(t.chapters[admin].pane, Pane::SignIn);
        assert!(matches!(
            &t.chapters[admin].step,
            Some(Step::SignIn { client, username, password: Some(_), .. })
                if client == "workshop-server" && username == "alice"
        ));
    }

    #[test]
    fn chapters_name_sign_in_and_managed_login_flows() {
        use crate::core::model::runner::FLOWS;
        let admin = flow_index("ADMIN_USER_PASSWORD_AUTH").unwrap();
        assert_eq!(FLOWS[admin], crate::auth::Flow::AdminUserPassword);
        assert_eq!(flow_index("authorization_code"), Some(FLOWS.len()));
        assert_eq!(flow_index("CLIENT_CREDENTIALS"), Some(FLOWS.len() + 1));
        assert_eq!(flow_index("AUTHORIZATION"), None);
        let t = parse(BUNDLED).unwrap();
        assert!(t.chapters.iter().any(|c| matches!(&c.step,
            Some(Step::SignIn { flow, client, .. }) if flow == "AUTHORIZATION_CODE" && client == "workshop-spa")));
    }

    #[test]
    fn a_bad_file_says_why() {
        assert!(parse("{}").unwrap_err().contains("missing field"));
        let no_chapters = r#"{"title":"t","pool":"p","chapters":[]}"#;
        assert_eq!(parse(no_chapters).unwrap_err(), "the tour has no chapters");
        let bad_flow = r#"{"title":"t","pool":"p","chapters":[{"title":"x","narration":[],
            "pane":"sign_in","step":{"do":"sign_in","client":"c","flow":"NOPE","username":"u"}}]}"#;
        assert!(
            parse(bad_flow)
                .unwrap_err()
                .contains("unknown flow \"NOPE\"")
        );
        let bad_pane =
            r#"{"title":"t","pool":"p","chapters":[{"title":"x","narration":[],"pane":"moon"}]}"#;
        assert!(parse(bad_pane).unwrap_err().contains("unknown variant"));
    }

    #[test]
    fn a_password_in_the_file_is_a_secret() {
        let t = parse(BUNDLED).unwrap();
        assert!(!format!("{t:?}").contains("AliceAdmin2024"));
    }
}
