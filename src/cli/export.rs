//! Export a pool's users, streamed page by page (never the whole pool in memory): JSON lines
//! with each user's groups (or a table of them, for people), or CSV (the `csv` crate) with
//! the header Cognito's user import jobs expect. Only
//! what ListUsers reports is written: no password, token or secret exists to export.
//! Its page reads share one pace (`app::batch_pace`): unpaced, as a one-shot batch, until
//! Cognito throttles, then adaptive from the UserList quota, each throttled page asked again.
//! Goes through the gateway; knows nothing of the SDK or the UI.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::out::{Columns, Output};
use super::start::{connect, fail};
use crate::app::batch_pace::BatchPace;
use crate::app::files::{Existing, PrivateFile};
use crate::cognito::pace::Family;
use crate::cognito::{CognitoApi, ConnectOptions};
use crate::domain::untrusted::TokenTrail;
use crate::domain::{CognitoError, Group, Page, User};

/// The reads an export makes, so a test can count them around the real gateway. Every
/// [`CognitoApi`] is one: ListUsers and ListUsersInGroup unpaced (the export paces itself,
/// [`BatchPace`]), ListGroups paced by the gateway as well.
#[async_trait::async_trait]
pub trait ExportApi: Send + Sync {
    async fn list_users_page(
        &self,
        pool_id: &str,
        token: Option<String>,
    ) -> Result<Page<User>, CognitoError>;
    async fn list_groups(
        &self,
        pool_id: &str,
        token: Option<String>,
    ) -> Result<Page<Group>, CognitoError>;
    async fn list_users_in_group(
        &self,
        pool_id: &str,
        group: &str,
        token: Option<String>,
    ) -> Result<Page<User>, CognitoError>;
    async fn get_csv_header(&self, pool_id: &str) -> Result<Vec<String>, CognitoError>;
    async fn custom_attributes(&self, pool_id: &str) -> Result<Vec<String>, CognitoError>;
}

#[async_trait::async_trait]
impl<T: CognitoApi + ?Sized> ExportApi for T {
    async fn list_users_page(
        &self,
        pool_id: &str,
        token: Option<String>,
    ) -> Result<Page<User>, CognitoError> {
        crate::cognito::AdminApi::list_users_page(self, pool_id, token).await
    }
    async fn list_groups(
        &self,
        pool_id: &str,
        token: Option<String>,
    ) -> Result<Page<Group>, CognitoError> {
        CognitoApi::list_groups(self, pool_id, token).await
    }
    async fn list_users_in_group(
        &self,
        pool_id: &str,
        group: &str,
        token: Option<String>,
    ) -> Result<Page<User>, CognitoError> {
        crate::cognito::AdminApi::list_users_in_group_page(self, pool_id, group, token).await
    }
    async fn get_csv_header(&self, pool_id: &str) -> Result<Vec<String>, CognitoError> {
        crate::cognito::AdminApi::get_csv_header(self, pool_id).await
    }
    async fn custom_attributes(&self, pool_id: &str) -> Result<Vec<String>, CognitoError> {
        let pool = self.describe_user_pool(pool_id).await?;
        Ok(pool
            .schema
            .iter()
            .filter(|a| a.name.starts_with("custom:"))
            .map(|a| a.name.clone())
            .collect())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per user: username, status, enabled, dates, attributes, groups.
    Jsonl,
    /// The user import CSV: GetCSVHeader's columns, one row per user.
    Csv,
}

/// The standard-attribute columns of a user import CSV, in GetCSVHeader's order. The
/// pool's custom attributes follow them, then `cognito:mfa_enabled` and `cognito:username`.
pub const STANDARD_CSV_COLUMNS: [&str; 19] = [
    "name",
    "given_name",
    "family_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "email",
    "email_verified",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "phone_number",
    "phone_number_verified",
    "address",
    "updated_at",
];

/// The import header when GetCSVHeader is unavailable (local emulators): the standard
/// columns, the pool's custom attributes, then `cognito:mfa_enabled`, `cognito:username` —
/// the order GetCSVHeader answers with on AWS.
pub fn fallback_csv_header(custom_attributes: &[String]) -> Vec<String> {
    STANDARD_CSV_COLUMNS
        .iter()
        .map(|s| s.to_string())
        .chain(
            custom_attributes
                .iter()
                .filter(|a| a.starts_with("custom:"))
                .cloned(),
        )
        .chain(["cognito:mfa_enabled".into(), "cognito:username".into()])
        .collect()
}

/// A CSV record with its line ending (`\n`), by the `csv` crate: a field is quoted when it
/// holds a comma, quote, CR or LF, and quotes are doubled.
pub fn csv_line<'a>(fields: impl IntoIterator<Item = &'a str>) -> std::io::Result<String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(fields)?;
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    String::from_utf8(bytes).map_err(std::io::Error::other)
}

/// A user as a row under `header`. `cognito:mfa_enabled` is `false`: ListUsers does not
/// report MFA, and an import job cannot carry an authenticator app's secret anyway.
pub fn csv_row(header: &[String], user: &User) -> std::io::Result<String> {
    let value = |col: &str| -> &str {
        match col {
            "cognito:username" => &user.username,
            "cognito:mfa_enabled" => "false",
            _ => user
                .attributes
                .iter()
                .find(|(k, _)| k == col)
                .map(|(_, v)| v.as_str())
                .unwrap_or(""),
        }
    };
    csv_line(header.iter().map(|c| value(c)))
}

/// The table's columns (the groups column only with groups), fixed so rows stream page by
/// page: longer cells are cut with `…`.
pub fn table_columns(with_groups: bool) -> (Vec<&'static str>, Columns) {
    let mut header = vec!["USERNAME", "STATUS", "ENABLED", "EMAIL"];
    let mut widths = vec![24, 21, 7, 32];
    if with_groups {
        header.push("GROUPS");
        widths.push(40);
    }
    (header, Columns(widths))
}

/// A user (and its groups) as one table row under [`table_columns`].
pub fn table_line(cols: &Columns, user: &User, groups: Option<&[String]>) -> String {
    let email = user
        .attributes
        .iter()
        .find(|(k, _)| k == "email")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    let mut cells = vec![
        user.username.clone(),
        user.status.clone().unwrap_or_default(),
        crate::domain::format::yes_no(user.enabled).to_string(),
        email.to_string(),
    ];
    if let Some(groups) = groups {
        cells.push(groups.join(", "));
    }
    cols.line(&cells)
}

/// A user (and its groups) as one JSON line.
pub fn jsonl_line(user: &User, groups: Option<&[String]>) -> String {
    let attributes: serde_json::Map<String, serde_json::Value> = user
        .attributes
        .iter()
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
        .collect();
    let mut obj = serde_json::json!({
        "username": user.username,
        "status": user.status,
        "enabled": user.enabled,
        "created": user.created,
        "modified": user.modified,
        "attributes": attributes,
    });
    if let Some(groups) = groups {
        obj["groups"] = serde_json::json!(groups);
    }
    let mut line = obj.to_string();
    line.push('\n');
    line
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{step} failed: {source}")]
    Api {
        step: &'static str,
        source: CognitoError,
    },
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExportSummary {
    pub users: usize,
    pub pages: usize,
    /// The CSV header used (empty for JSON lines).
    pub header: Vec<String>,
    /// Whether the CSV header came from GetCSVHeader (else the standard one + custom).
    pub header_from_cognito: bool,
    /// Throttled answers Cognito gave (each page asked again), and the slowest pace then.
    pub throttled: usize,
    pub slowest: Option<f64>,
}

/// The CSV header for `pool_id`: GetCSVHeader, else the standard header and the pool's
/// custom attributes (said on `progress`).
async fn csv_header(
    api: &dyn ExportApi,
    pool_id: &str,
    progress: &mut dyn Write,
) -> Result<(Vec<String>, bool), ExportError> {
    match api.get_csv_header(pool_id).await {
        Ok(h) if !h.is_empty() => Ok((h, true)),
        result => {
            let why = match result {
                Err(e) => e.headline(),
                Ok(_) => "it answered with an empty header".into(),
            };
            let _ = writeln!(
                progress,
                "GetCSVHeader is unavailable ({why}); using the standard import header and the pool's custom attributes"
            );
            let custom =
                api.custom_attributes(pool_id)
                    .await
                    .map_err(|source| ExportError::Api {
                        step: "DescribeUserPool",
                        source,
                    })?;
            Ok((fallback_csv_header(&custom), false))
        }
    }
}

/// What `export` writes: the import CSV, or each user (and groups) as a JSON line or a
/// table row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Csv,
    Jsonl,
    Table,
}

impl Shape {
    /// `--format` and `--output`: CSV stays CSV; JSON lines are JSON or a table.
    pub fn of(format: Format, output: Output) -> Shape {
        match (format, output) {
            (Format::Csv, _) => Shape::Csv,
            (Format::Jsonl, Output::Json) => Shape::Jsonl,
            (Format::Jsonl, Output::Table) => Shape::Table,
        }
    }
}

/// [`export`] as JSON lines or CSV.
pub async fn export_users(
    api: &dyn ExportApi,
    pool_id: &str,
    format: Format,
    with_groups: bool,
    out: &mut dyn Write,
    progress: &mut dyn Write,
) -> Result<ExportSummary, ExportError> {
    let shape = Shape::of(format, Output::Json);
    export(api, pool_id, shape, with_groups, out, progress).await
}

/// Every page of one listing: `page(token)` until it sends no token, each token followed
/// once ([`TokenTrail`]), each page sent in `pace` (a throttled page asked again, with the
/// same token); a failure is named `step`.
async fn all_pages<T, F, Fut>(
    step: &'static str,
    pace: &BatchPace,
    page: F,
) -> Result<Vec<T>, ExportError>
where
    F: Fn(Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<Page<T>, CognitoError>>,
{
    let api_error = |source| ExportError::Api { step, source };
    let mut items = Vec::new();
    let mut token: Option<String> = None;
    let mut trail = TokenTrail::default();
    loop {
        let p = pace.send(|| page(token.clone())).await.map_err(api_error)?;
        items.extend(p.items);
        match trail.follow(step, p.next_token).map_err(api_error)? {
            Some(t) => token = Some(t),
            None => return Ok(items),
        }
    }
}

/// How many groups' member listings run at once.
const GROUPS_AT_ONCE: usize = 4;

/// Username → the names of its groups, sorted by name (Cognito documents no order for
/// AdminListGroupsForUser; the emulator answers in the order the user joined).
///
/// Built by inverting the join: ListGroups (all pages), then ListUsersInGroup (all pages,
/// 60 members a page) for each group — (group pages + Σ ⌈members/60⌉) calls, against one
/// AdminListGroupsForUser per user. It holds usernames and group indices only (each group
/// name once): a `Box<str>` key and a `Vec<u32>` in a hashbrown slot (40 bytes, and between
/// one and two slots an entry as the table fills and grows), the username's own allocation
/// and the index vector's. Measured by `examples/export_memory.rs` (the README's table):
/// 1,000,000 users in one group each hold about 120 MiB, 126 bytes a membership, with a
/// peak of about 170 MiB while the table grows; 250,000 users in 4 groups each, 1,000,000
/// memberships, about 33 MiB. While it is read, up to [`GROUPS_AT_ONCE`] groups' usernames
/// are held besides, ≈ 60 bytes each. Users in no group cost nothing.
pub struct GroupMap {
    names: Vec<String>,
    members: HashMap<Box<str>, Vec<u32>>,
}

impl GroupMap {
    /// Every group and its members, the pages sent in `pace`; a slow-down is said on
    /// `progress` as each group's listing completes.
    pub async fn read(
        api: &dyn ExportApi,
        pool_id: &str,
        pace: &BatchPace,
        progress: &mut dyn Write,
    ) -> Result<GroupMap, ExportError> {
        let mut groups: Vec<String> =
            all_pages("ListGroups", pace, |t| api.list_groups(pool_id, t))
                .await?
                .into_iter()
                .map(|g| g.name)
                .collect();
        groups.sort();
        groups.dedup();
        // A few groups' listings at once, sharing the pace; each group's members are folded
        // in as its listing completes, in group order.
        use futures_util::stream::StreamExt;
        let mut listings = futures_util::stream::iter(groups.iter())
            .map(|name| {
                all_pages("ListUsersInGroup", pace, move |t| async move {
                    let page = api.list_users_in_group(pool_id, name, t).await?;
                    // Only the usernames are kept, page by page.
                    Ok(Page {
                        items: page.items.into_iter().map(|u| u.username).collect(),
                        next_token: page.next_token,
                    })
                })
            })
            .buffered(GROUPS_AT_ONCE)
            .enumerate();
        let mut members = HashMap::new();
        while let Some((i, users)) = listings.next().await {
            say_slowdown(pace, progress);
            fold(&mut members, i as u32, users?);
        }
        drop(listings);
        Ok(GroupMap {
            names: groups,
            members,
        })
    }

    /// The map of `names` (sorted, distinct) from each one's member usernames, in the same
    /// order: what [`GroupMap::read`] builds from the listings, for measuring its memory
    /// (`examples/export_memory.rs`).
    pub fn build(names: Vec<String>, listings: impl IntoIterator<Item = Vec<String>>) -> Self {
        let mut members = HashMap::new();
        for (i, users) in listings.into_iter().enumerate() {
            fold(&mut members, i as u32, users);
        }
        GroupMap { names, members }
    }

    /// The groups of `username` (empty for a user in none).
    pub fn of(&self, username: &str) -> Vec<String> {
        self.members
            .get(username)
            .map(|ix| ix.iter().map(|&i| self.names[i as usize].clone()).collect())
            .unwrap_or_default()
    }
}

/// Group `i`'s members into `members` (a user listed twice in one group counts once).
fn fold(members: &mut HashMap<Box<str>, Vec<u32>>, i: u32, usernames: Vec<String>) {
    for username in usernames {
        // Most users are in one group: room for one index, not the four a first push makes.
        let of = members
            .entry(username.into_boxed_str())
            .or_insert_with(|| Vec::with_capacity(1));
        if of.last() != Some(&i) {
            of.push(i);
        }
    }
}

/// The first slow-down of `pace`, on `progress` (once).
fn say_slowdown(pace: &BatchPace, progress: &mut dyn Write) {
    if let Some(notice) = pace.notice() {
        let _ = writeln!(progress, "{notice}");
    }
}

/// Write every user of `pool_id` to `out`, one ListUsers page at a time (flushed after
/// each), with progress lines on `progress`. JSON lines and table rows include each user's
/// groups when `with_groups`, from a [`GroupMap`] read first. Every page read is sent in one
/// [`BatchPace`], at Cognito's UserList quota once throttled.
pub async fn export(
    api: &dyn ExportApi,
    pool_id: &str,
    shape: Shape,
    with_groups: bool,
    out: &mut dyn Write,
    progress: &mut dyn Write,
) -> Result<ExportSummary, ExportError> {
    let (header, header_from_cognito) = match shape {
        Shape::Csv => {
            let (h, from) = csv_header(api, pool_id, progress).await?;
            out.write_all(csv_line(h.iter().map(String::as_str))?.as_bytes())?;
            (h, from)
        }
        Shape::Jsonl | Shape::Table => (Vec::new(), false),
    };
    let (table_header, cols) = table_columns(with_groups);
    if shape == Shape::Table {
        out.write_all(cols.line(&table_header).as_bytes())?;
    }
    let mut summary = ExportSummary {
        users: 0,
        pages: 0,
        header,
        header_from_cognito,
        throttled: 0,
        slowest: None,
    };
    let pace = BatchPace::new(Family::UserList.rate());
    let wants_groups = with_groups && shape != Shape::Csv;
    let mut groups: Option<GroupMap> = None;
    let mut token = None;
    let mut trail = TokenTrail::default();
    loop {
        let page = pace
            .send(|| api.list_users_page(pool_id, token.clone()))
            .await
            .map_err(|source| ExportError::Api {
                step: "ListUsers",
                source,
            })?;
        say_slowdown(&pace, progress);
        // After the first ListUsers page, so a pool that cannot be listed fails as ListUsers.
        if wants_groups && groups.is_none() {
            let _ = writeln!(progress, "reading the groups and their members…");
            groups = Some(GroupMap::read(api, pool_id, &pace, progress).await?);
        }
        for user in &page.items {
            let of = groups.as_ref().map(|g| g.of(&user.username));
            let line = match shape {
                Shape::Csv => csv_row(&summary.header, user)?,
                Shape::Jsonl => jsonl_line(user, of.as_deref()),
                Shape::Table => table_line(&cols, user, of.as_deref()),
            };
            out.write_all(line.as_bytes())?;
        }
        out.flush()?;
        summary.users += page.items.len();
        summary.pages += 1;
        summary.throttled = pace.throttled();
        summary.slowest = pace.slowest();
        let _ = writeln!(
            progress,
            "exported {} users ({} pages)…",
            summary.users, summary.pages
        );
        match trail.follow("ListUsers", page.next_token) {
            Ok(Some(t)) => token = Some(t),
            Ok(None) => return Ok(summary),
            Err(source) => {
                return Err(ExportError::Api {
                    step: "ListUsers",
                    source,
                });
            }
        }
    }
}

/// `cognito-tui export`: export through the gateway the flags name, to `out` or stdout, with
/// progress on stderr. A file is written private (0600) into a temporary file beside `out`,
/// synced and renamed once complete (`app::files`), so a failed or interrupted (Ctrl-C)
/// export never leaves a file behind, under the name asked for or any other. A failed export
/// is exit code 1, an interrupted one 130; a start-up failure (or a file that cannot be
/// created) exit code 2. A stdout closed early (`| head`) ends quietly with 141.
pub async fn run(
    opts: &ConnectOptions,
    pool_id: &str,
    shape: Shape,
    out: Option<&Path>,
    with_groups: bool,
) -> ExitCode {
    let api = match connect(opts).await {
        Ok(api) => api,
        Err(code) => return code,
    };
    let mut progress = std::io::stderr();
    let result = match out {
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            let export = export(
                &api,
                pool_id,
                shape,
                with_groups,
                &mut stdout,
                &mut progress,
            );
            match interruptible(export).await {
                Some(r) => r,
                None => return interrupted("stdout has what was exported so far"),
            }
        }
        Some(path) => {
            let mut file = match PrivateFile::create(path) {
                Ok(f) => f,
                Err(e) => return fail(format!("{}: {e}", path.display())),
            };
            let export = export(&api, pool_id, shape, with_groups, &mut file, &mut progress);
            match interruptible(export).await {
                // Dropping `file` removes the temporary file.
                None => return interrupted("nothing was written"),
                Some(r) => r.and_then(|s| Ok(file.commit(Existing::Replace).map(|_| s)?)),
            }
        }
    };
    match result {
        Ok(summary) => {
            let whereto = out
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "stdout".into());
            let throttled = match summary.slowest {
                Some(slowest) if summary.throttled > 0 => format!(
                    " (Cognito throttled {} calls, each asked again; slowest pace {}/s)",
                    summary.throttled,
                    crate::domain::format::rate(slowest)
                ),
                _ => String::new(),
            };
            eprintln!("exported {} users to {whereto}{throttled}", summary.users);
            ExitCode::SUCCESS
        }
        Err(ExportError::Io(e)) if out.is_none() && e.kind() == std::io::ErrorKind::BrokenPipe => {
            super::out::closed_pipe()
        }
        Err(e) => {
            let api = match &e {
                ExportError::Api { source, .. } => Some(source),
                ExportError::Io(_) => None,
            };
            super::start::failed(&format!("export failed: {e}"), api)
        }
    }
}

/// `export` until it ends, or `None` at Ctrl-C (the future is dropped, and whatever it was
/// writing with it).
async fn interruptible<T>(export: impl std::future::Future<Output = T>) -> Option<T> {
    tokio::select! {
        r = export => Some(r),
        _ = tokio::signal::ctrl_c() => None,
    }
}

fn interrupted(what: &str) -> ExitCode {
    eprintln!("cognito-tui: export interrupted; {what}");
    ExitCode::from(130)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_group_map_gives_each_user_its_groups_once_in_name_order() {
        let names = vec!["admins".to_string(), "staff".into(), "students".into()];
        let listings = vec![
            vec!["alice".to_string()],
            vec!["alice".into(), "bao".into(), "bao".into()],
            vec!["carmen".into(), "bao".into()],
        ];
        let map = GroupMap::build(names, listings);
        assert_eq!(map.of("alice"), ["admins", "staff"]);
        assert_eq!(map.of("bao"), ["staff", "students"]);
        assert_eq!(map.of("carmen"), ["students"]);
        assert!(map.of("david").is_empty());
    }

    fn user() -> User {
        User {
            username: "alice".into(),
            status: Some("CONFIRMED".into()),
            enabled: true,
            attributes: vec![
                ("email".into(), "alice@example.com".into()),
                ("email_verified".into(), "true".into()),
                ("name".into(), "Doe, \"Al\"\nice".into()),
                ("custom:role".into(), "admin".into()),
                ("sub".into(), "1234".into()),
            ],
            created: Some(1),
            modified: Some(2),
            ..Default::default()
        }
    }

    #[test]
    fn csv_fields_are_quoted_when_needed_and_read_back_the_same() {
        assert_eq!(csv_line(["plain", "", "a,b"]).unwrap(), "plain,,\"a,b\"\n");
        assert_eq!(csv_line(["say \"hi\""]).unwrap(), "\"say \"\"hi\"\"\"\n");
        assert_eq!(
            csv_line(["cr\r", "two\nlines"]).unwrap(),
            "\"cr\r\",\"two\nlines\"\n"
        );
        let header = fallback_csv_header(&["custom:role".into()]);
        let mut u = user();
        u.attributes.push((
            "custom:role".into(),
            "a \"quoted\", comma\r\nand line".into(),
        ));
        u.attributes.remove(3);
        let text =
            csv_line(header.iter().map(String::as_str)).unwrap() + &csv_row(&header, &u).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let read: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(read, header);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        let field = |name: &str| &rows[0][header.iter().position(|h| h == name).unwrap()];
        assert_eq!(field("name"), "Doe, \"Al\"\nice");
        assert_eq!(field("custom:role"), "a \"quoted\", comma\r\nand line");
        assert_eq!(field("email"), "alice@example.com");
        assert_eq!(field("cognito:username"), "alice");
    }

    #[test]
    fn a_table_row_is_cut_to_its_columns_and_cleaned() {
        let (header, cols) = table_columns(true);
        assert_eq!(
            cols.line(&header),
            format!(
                "USERNAME{}STATUS{}ENABLED  EMAIL{}GROUPS\n",
                " ".repeat(18),
                " ".repeat(17),
                " ".repeat(29)
            )
        );
        let mut u = user();
        u.username = format!("{}\u{1b}[2J", "x".repeat(30));
        let line = table_line(&cols, &u, Some(&["admin".into(), "ops".into()]));
        assert!(
            line.starts_with(&format!("{}…  CONFIRMED", "x".repeat(23))),
            "{line:?}"
        );
        assert!(
            line.ends_with("yes      alice@example.com                 admin, ops\n"),
            "{line:?}"
        );
        assert!(!line.contains('\u{1b}'));
        let (header, cols) = table_columns(false);
        assert_eq!(header.len(), 4);
        assert!(table_line(&cols, &user(), None).ends_with("alice@example.com\n"));
    }

    #[test]
    fn the_fallback_header_matches_get_csv_header_order() {
        let h = fallback_csv_header(&["custom:role".into(), "dev:custom:x".into()]);
        assert_eq!(h.len(), 22);
        assert_eq!(h[0], "name");
        assert_eq!(h[18], "updated_at");
        assert_eq!(h[19], "custom:role");
        assert_eq!(h[20], "cognito:mfa_enabled");
        assert_eq!(h[21], "cognito:username");
    }

    #[test]
    fn a_row_follows_the_header() {
        let header = fallback_csv_header(&["custom:role".into()]);
        let row = csv_row(&header, &user()).unwrap();
        assert_eq!(
            row,
            "\"Doe, \"\"Al\"\"\nice\",,,,,,,,,alice@example.com,true,,,,,,,,,admin,false,alice\n"
        );
        // Attributes outside the header (sub) are not written.
        assert!(!row.contains("1234"));
    }

    #[test]
    fn a_json_line_holds_the_user_and_groups() {
        let line = jsonl_line(&user(), Some(&["admin".into()]));
        assert!(line.ends_with('\n'));
        assert_eq!(
            line.matches('\n').count(),
            1,
            "one line even with a newline inside"
        );
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["username"], "alice");
        assert_eq!(v["status"], "CONFIRMED");
        assert_eq!(v["enabled"], true);
        assert_eq!(v["attributes"]["custom:role"], "admin");
        assert_eq!(v["attributes"]["name"], "Doe, \"Al\"\nice");
        assert_eq!(v["groups"], serde_json::json!(["admin"]));
        let v: serde_json::Value = serde_json::from_str(&jsonl_line(&user(), None)).unwrap();
        assert!(v.get("groups").is_none());
    }
}
