//! `seed`: create what a workshop file describes — pool, triggers, groups, app clients and
//! users in given states — idempotently, through the `CognitoApi` gateway. Running it twice
//! leaves one pool, not two.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Deserialize;

use super::start::{connect, fail};
use crate::cognito::{CognitoApi, ConnectOptions};
use crate::domain::secret::Secret;
use crate::domain::untrusted::TokenTrail;
use crate::domain::{
    CognitoError, ErrorKind, Group, LambdaConfig, LambdaDeployment, MessageAction, NewClient,
    NewPool, NewUser, PasswordPolicy, SchemaAttribute,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workshop {
    pub pool: PoolSpec,
    #[serde(default)]
    pub triggers: Vec<TriggerSpec>,
    #[serde(default)]
    pub groups: Vec<GroupSpec>,
    #[serde(default)]
    pub clients: Vec<ClientSpec>,
    #[serde(default)]
    pub users: Vec<UserSpec>,
    /// Managed login: domain, resource servers, OAuth app clients (`seed_oauth`).
    #[serde(default)]
    pub oauth: Option<super::seed_oauth::OauthSpec>,
    pub identity_pool: Option<super::seed_identity::IdentityPoolSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoolSpec {
    pub name: String,
    #[serde(default)]
    pub username_attributes: Vec<String>,
    #[serde(default)]
    pub alias_attributes: Vec<String>,
    #[serde(default)]
    pub auto_verified_attributes: Vec<String>,
    #[serde(default)]
    pub username_case_sensitive: bool,
    #[serde(default = "off")]
    pub mfa_configuration: String,
    /// Offer authenticator apps (TOTP) as an MFA method.
    #[serde(default)]
    pub software_token_mfa: bool,
    #[serde(default = "inactive")]
    pub deletion_protection: String,
    pub password_policy: PolicySpec,
    #[serde(default)]
    pub custom_attributes: Vec<CustomAttributeSpec>,
    /// The IAM role the trigger functions run as (created when missing).
    #[serde(default)]
    pub lambda_role_name: Option<String>,
}

fn off() -> String {
    "OFF".into()
}
fn inactive() -> String {
    "INACTIVE".into()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicySpec {
    pub minimum_length: i32,
    #[serde(default)]
    pub require_uppercase: bool,
    #[serde(default)]
    pub require_lowercase: bool,
    #[serde(default)]
    pub require_numbers: bool,
    #[serde(default)]
    pub require_symbols: bool,
    #[serde(default = "seven")]
    pub temporary_password_validity_days: i32,
}

fn seven() -> i32 {
    7
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomAttributeSpec {
    pub name: String,
    #[serde(rename = "type")]
    pub data_type: String,
    #[serde(default = "yes")]
    pub mutable: bool,
    pub min_length: Option<u32>,
    pub max_length: Option<u32>,
    pub min_value: Option<i64>,
    pub max_value: Option<i64>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerSpec {
    pub slot: String,
    pub function_name: String,
    /// Python source, relative to the workshop file.
    pub file: PathBuf,
    pub handler: String,
    pub runtime: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub name: String,
    pub precedence: Option<i32>,
    pub description: Option<String>,
    pub role_arn: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientSpec {
    pub name: String,
    #[serde(default)]
    pub generate_secret: bool,
    #[serde(default)]
    pub explicit_auth_flows: Vec<String>,
    pub access_token_validity_minutes: Option<i32>,
    pub id_token_validity_minutes: Option<i32>,
    pub refresh_token_validity_days: Option<i32>,
    #[serde(default)]
    pub read_attributes: Vec<String>,
    #[serde(default)]
    pub write_attributes: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UserState {
    Confirmed,
    ForceChangePassword,
    Disabled,
    Unconfirmed,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserSpec {
    pub username: String,
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    #[serde(default)]
    pub groups: Vec<String>,
    pub state: UserState,
    /// The password (the temporary one for FORCE_CHANGE_PASSWORD).
    pub password: Secret,
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret::new)
    }
}

/// What a seed run did.
#[derive(Debug, Default)]
pub struct SeedReport {
    pub pool_id: String,
    pub pool_created: bool,
    pub clients: Vec<(String, String)>,
    pub created: Vec<String>,
    pub existing: Vec<String>,
    pub warnings: Vec<String>,
    /// The identity pool's name and id, when the file has one.
    pub identity_pool: Option<(String, String)>,
}

impl SeedReport {
    pub fn print(&self, out: &mut impl Write) -> std::io::Result<()> {
        writeln!(
            out,
            "pool {} ({})",
            self.pool_id,
            if self.pool_created {
                "created"
            } else {
                "already there"
            }
        )?;
        for (name, id) in &self.clients {
            writeln!(out, "client {name}: {id}")?;
        }
        if let Some((name, id)) = &self.identity_pool {
            writeln!(out, "identity pool {name}: {id}")?;
        }
        writeln!(
            out,
            "{} created, {} already there",
            self.created.len(),
            self.existing.len()
        )?;
        for w in &self.warnings {
            writeln!(out, "warning: {w}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a valid workshop file: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("{step}: {source}")]
    Api { step: String, source: CognitoError },
}

fn at(step: impl Into<String>) -> impl FnOnce(CognitoError) -> SeedError {
    let step = step.into();
    move |source| SeedError::Api { step, source }
}

/// Parse and check a workshop file; trigger sources are read relative to it.
/// A trigger with its deployment package (a zip of its one source file).
pub type PackagedTrigger = (TriggerSpec, Vec<u8>);

pub fn load(path: &Path) -> Result<(Workshop, Vec<PackagedTrigger>), SeedError> {
    let text = std::fs::read_to_string(path).map_err(|source| SeedError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&text, path)
}

/// [`load`] of a file's text already read; `path` names it in errors and trigger sources are
/// read relative to it.
pub fn parse(text: &str, path: &Path) -> Result<(Workshop, Vec<PackagedTrigger>), SeedError> {
    let invalid = |message: String| SeedError::Invalid {
        path: path.to_path_buf(),
        message,
    };
    let mut w: Workshop = serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
    if w.pool.name.trim().is_empty() {
        return Err(invalid("pool.name is empty".into()));
    }
    let groups: Vec<&str> = w.groups.iter().map(|g| g.name.as_str()).collect();
    for u in &w.users {
        for g in &u.groups {
            if !groups.contains(&g.as_str()) {
                return Err(invalid(format!(
                    "user {} is in group {g:?}, which the file does not define",
                    u.username
                )));
            }
        }
        if u.password.is_empty() {
            return Err(invalid(format!("user {} has no password", u.username)));
        }
    }
    if w.users.iter().any(|u| u.state == UserState::Unconfirmed)
        && !w.clients.iter().any(|c| !c.generate_secret)
    {
        return Err(invalid(
            "UNCONFIRMED users sign up through a client without a secret; define one".into(),
        ));
    }
    if let Some(spec) = &w.identity_pool {
        let clients: Vec<&str> = w.clients.iter().map(|c| c.name.as_str()).collect();
        super::seed_identity::check(spec, &groups, &clients).map_err(invalid)?;
    }
    let base = path.parent().unwrap_or(Path::new("."));
    let mut triggers = Vec::new();
    for t in std::mem::take(&mut w.triggers) {
        let src = base.join(&t.file);
        let code = std::fs::read(&src).map_err(|source| SeedError::Read {
            path: src.clone(),
            source,
        })?;
        let module = t
            .file
            .file_name()
            .and_then(|f| f.to_str())
            .unwrap_or("handler.py")
            .to_string();
        let zip = zip_one(&module, &code)
            .map_err(|e| invalid(format!("zipping {}: {e}", t.file.display())))?;
        slot_setter(&t.slot)
            .ok_or_else(|| invalid(format!("unknown trigger slot {:?}", t.slot)))?;
        triggers.push((t, zip));
    }
    Ok((w, triggers))
}

fn zip_one(name: &str, code: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zw = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed time stamp, so the same code zips to the same bytes (and CodeSha256).
    let options =
        zip::write::SimpleFileOptions::default().last_modified_time(zip::DateTime::default());
    zw.start_file(name, options)?;
    zw.write_all(code)?;
    Ok(zw.finish()?.into_inner())
}

type SlotSetter = fn(&mut LambdaConfig, String);

fn slot_setter(slot: &str) -> Option<SlotSetter> {
    Some(match slot {
        "PreSignUp" => |c, a| c.pre_sign_up = Some(a),
        "CustomMessage" => |c, a| c.custom_message = Some(a),
        "PostConfirmation" => |c, a| c.post_confirmation = Some(a),
        "PreAuthentication" => |c, a| c.pre_authentication = Some(a),
        "PostAuthentication" => |c, a| c.post_authentication = Some(a),
        "DefineAuthChallenge" => |c, a| c.define_auth_challenge = Some(a),
        "CreateAuthChallenge" => |c, a| c.create_auth_challenge = Some(a),
        "VerifyAuthChallengeResponse" => |c, a| c.verify_auth_challenge_response = Some(a),
        "PreTokenGeneration" => |c, a| c.pre_token_generation = Some(a),
        "UserMigration" => |c, a| c.user_migration = Some(a),
        _ => return None,
    })
}

async fn find_pool(api: &dyn CognitoApi, name: &str) -> Result<Option<String>, SeedError> {
    let mut next = None;
    let mut trail = TokenTrail::default();
    loop {
        let page = api
            .list_user_pools(next)
            .await
            .map_err(api_err("ListUserPools"))?;
        if let Some(p) = page.items.iter().find(|p| p.name == name) {
            return Ok(Some(p.id.clone()));
        }
        match trail
            .follow("ListUserPools", page.next_token)
            .map_err(api_err("ListUserPools"))?
        {
            Some(t) => next = Some(t),
            None => return Ok(None),
        }
    }
}

fn api_err(step: &'static str) -> impl FnOnce(CognitoError) -> SeedError {
    at(step)
}

/// Seed `path` through `api`. `role_arn` overrides the role the functions run as.
pub async fn seed(
    api: &dyn CognitoApi,
    path: &Path,
    role_arn: Option<&str>,
) -> Result<SeedReport, SeedError> {
    let (mut w, triggers) = load(path)?;
    let mut report = SeedReport::default();

    // Triggers first: the pool is created with their ARNs.
    let mut lambda_config = LambdaConfig::default();
    if !triggers.is_empty() {
        let role = match role_arn {
            Some(r) => r.to_string(),
            None => {
                let name = w
                    .pool
                    .lambda_role_name
                    .clone()
                    .unwrap_or_else(|| format!("{}-triggers", w.pool.name));
                api.ensure_lambda_role(&name)
                    .await
                    .map_err(at(format!("IAM role {name}")))?
            }
        };
        for (t, zip) in &triggers {
            let arn = api
                .deploy_lambda(&LambdaDeployment {
                    function_name: t.function_name.clone(),
                    runtime: t.runtime.clone(),
                    handler: t.handler.clone(),
                    role_arn: role.clone(),
                    zip: zip.clone(),
                })
                .await
                .map_err(at(format!("deploying {}", t.function_name)))?;
            if let Some(set) = slot_setter(&t.slot) {
                set(&mut lambda_config, arn);
            }
        }
    }

    let pool_id = match find_pool(api, &w.pool.name).await? {
        Some(id) => {
            report.existing.push(format!("pool {}", w.pool.name));
            let detail = api
                .describe_user_pool(&id)
                .await
                .map_err(api_err("DescribeUserPool"))?;
            for (slot, want) in lambda_config.slots() {
                let have = detail
                    .lambda_config
                    .slots()
                    .into_iter()
                    .find(|(s, _)| *s == slot)
                    .and_then(|(_, v)| v);
                if want.is_some() && have != want {
                    report.warnings.push(format!(
                        "the existing pool's {slot} trigger is not the seeded function; its code was updated but the slot was left as it is"
                    ));
                }
            }
            id
        }
        None => {
            let p = &w.pool;
            let pool = NewPool {
                name: p.name.clone(),
                username_attributes: p.username_attributes.clone(),
                alias_attributes: p.alias_attributes.clone(),
                auto_verified_attributes: p.auto_verified_attributes.clone(),
                username_case_sensitive: p.username_case_sensitive,
                mfa_configuration: p.mfa_configuration.clone(),
                software_token_mfa: p.software_token_mfa,
                deletion_protection: p.deletion_protection.clone(),
                password_policy: PasswordPolicy {
                    minimum_length: Some(p.password_policy.minimum_length),
                    require_uppercase: p.password_policy.require_uppercase,
                    require_lowercase: p.password_policy.require_lowercase,
                    require_numbers: p.password_policy.require_numbers,
                    require_symbols: p.password_policy.require_symbols,
                    temporary_password_validity_days: p
                        .password_policy
                        .temporary_password_validity_days,
                    password_history_size: None,
                },
                custom_attributes: p
                    .custom_attributes
                    .iter()
                    .map(|a| SchemaAttribute {
                        name: a.name.clone(),
                        data_type: a.data_type.clone(),
                        mutable: a.mutable,
                        required: false,
                        developer_only: false,
                        min_length: a.min_length.map(|n| n.to_string()),
                        max_length: a.max_length.map(|n| n.to_string()),
                        min_value: a.min_value.map(|n| n.to_string()),
                        max_value: a.max_value.map(|n| n.to_string()),
                    })
                    .collect(),
                lambda_config,
            };
            let id = api
                .create_user_pool(&pool)
                .await
                .map_err(api_err("CreateUserPool"))?;
            report.pool_created = true;
            report.created.push(format!("pool {}", w.pool.name));
            id
        }
    };
    report.pool_id = pool_id.clone();
    let identity = match &w.identity_pool {
        Some(spec) => Some(
            super::seed_identity::prepare(api, spec, &mut report.created, &mut report.existing)
                .await
                .map_err(|(step, source)| SeedError::Api { step, source })?,
        ),
        None => None,
    };
    for g in w.groups.iter_mut().filter(|g| g.role_arn.is_none()) {
        g.role_arn = identity.as_ref().and_then(|p| p.group_role(&g.name));
    }

    // Groups.
    let mut have_groups = Vec::new();
    let mut next = None;
    let mut trail = TokenTrail::default();
    loop {
        let page = api
            .list_groups(&pool_id, next)
            .await
            .map_err(api_err("ListGroups"))?;
        have_groups.extend(page.items.into_iter().map(|g| g.name));
        match trail
            .follow("ListGroups", page.next_token)
            .map_err(api_err("ListGroups"))?
        {
            Some(t) => next = Some(t),
            None => break,
        }
    }
    for g in &w.groups {
        if have_groups.contains(&g.name) {
            report.existing.push(format!("group {}", g.name));
            continue;
        }
        api.create_group(
            &pool_id,
            &Group {
                name: g.name.clone(),
                precedence: g.precedence,
                description: g.description.clone(),
                role_arn: g.role_arn.clone(),
                created: None,
            },
        )
        .await
        .map_err(at(format!("creating group {}", g.name)))?;
        report.created.push(format!("group {}", g.name));
    }

    // App clients, matched by name.
    let mut have_clients = Vec::new();
    let mut next = None;
    let mut trail = TokenTrail::default();
    loop {
        let page = api
            .list_user_pool_clients(&pool_id, next)
            .await
            .map_err(api_err("ListUserPoolClients"))?;
        have_clients.extend(page.items);
        match trail
            .follow("ListUserPoolClients", page.next_token)
            .map_err(api_err("ListUserPoolClients"))?
        {
            Some(t) => next = Some(t),
            None => break,
        }
    }
    for c in &w.clients {
        let summary = match have_clients.iter().find(|h| h.name == c.name) {
            Some(h) => {
                report.existing.push(format!("client {}", c.name));
                h.clone()
            }
            None => {
                let s = api
                    .create_user_pool_client(
                        &pool_id,
                        &NewClient {
                            name: c.name.clone(),
                            generate_secret: c.generate_secret,
                            explicit_auth_flows: c.explicit_auth_flows.clone(),
                            access_token_validity_minutes: c.access_token_validity_minutes,
                            id_token_validity_minutes: c.id_token_validity_minutes,
                            refresh_token_validity_days: c.refresh_token_validity_days,
                            read_attributes: c.read_attributes.clone(),
                            write_attributes: c.write_attributes.clone(),
                        },
                    )
                    .await
                    .map_err(at(format!("creating client {}", c.name)))?;
                report.created.push(format!("client {}", c.name));
                s
            }
        };
        report.clients.push((summary.name, summary.id));
    }
    let public_client = w
        .clients
        .iter()
        .find(|c| !c.generate_secret)
        .and_then(|c| report.clients.iter().find(|(n, _)| *n == c.name))
        .map(|(_, id)| id.clone());

    // Users.
    for u in &w.users {
        match api.admin_get_user(&pool_id, &u.username).await {
            Ok(_) => {
                report.existing.push(format!("user {}", u.username));
            }
            Err(e) if e.kind == ErrorKind::NotFound => {
                create_user(api, &pool_id, public_client.as_deref(), u).await?;
                report.created.push(format!("user {}", u.username));
            }
            Err(e) => return Err(at(format!("looking up user {}", u.username))(e)),
        }
        for g in &u.groups {
            api.admin_add_user_to_group(&pool_id, &u.username, g)
                .await
                .map_err(at(format!("adding {} to {g}", u.username)))?;
        }
    }
    if let Some(spec) = &w.oauth {
        let r = super::seed_oauth::seed(api, &pool_id, spec, &have_clients)
            .await
            .map_err(|(step, source)| SeedError::Api { step, source })?;
        report.clients.extend(r.clients);
        report.created.extend(r.created);
        report.existing.extend(r.existing);
        report.warnings.extend(r.warnings);
    }
    if let (Some(spec), Some(p)) = (&w.identity_pool, &identity) {
        let id = super::seed_identity::finish(api, spec, p, &report.pool_id, &report.clients)
            .await
            .map_err(|(step, source)| SeedError::Api { step, source })?;
        report.identity_pool = Some((spec.name.clone(), id));
    }
    Ok(report)
}

async fn create_user(
    api: &dyn CognitoApi,
    pool_id: &str,
    public_client: Option<&str>,
    u: &UserSpec,
) -> Result<(), SeedError> {
    let attrs: Vec<(String, String)> = u.attributes.clone().into_iter().collect();
    let step = |what: &str| format!("{what} {}", u.username);
    let new_user = |temporary_password: &Secret| NewUser {
        username: u.username.clone(),
        attributes: attrs.clone(),
        temporary_password: Some(temporary_password.clone()),
        message_action: Some(MessageAction::Suppress),
        delivery: Vec::new(),
    };
    match u.state {
        UserState::Unconfirmed => {
            let client = public_client.unwrap_or_default();
            // SignUp carries only what a client may write; the rest goes in as admin.
            let (open, admin): (Vec<_>, Vec<_>) = attrs
                .into_iter()
                .filter(|(k, _)| k != "email_verified" && k != "phone_number_verified")
                .partition(|(k, _)| !k.starts_with("custom:"));
            api.sign_up(client, &u.username, &u.password, &open)
                .await
                .map_err(at(step("signing up")))?;
            if !admin.is_empty() {
                api.admin_update_user_attributes(pool_id, &u.username, &admin)
                    .await
                    .map_err(at(step("setting attributes of")))?;
            }
        }
        UserState::ForceChangePassword => {
            api.admin_create_user(pool_id, &new_user(&u.password))
                .await
                .map_err(at(step("creating")))?;
        }
        UserState::Confirmed | UserState::Disabled => {
            // A throwaway temporary password, replaced at once by the permanent one.
            let temp = Secret::new(format!("Tmp-{}-9aZ", u.username.len()));
            api.admin_create_user(pool_id, &new_user(&temp))
                .await
                .map_err(at(step("creating")))?;
            api.admin_set_user_password(pool_id, &u.username, &u.password, true)
                .await
                .map_err(at(step("setting the password of")))?;
            if u.state == UserState::Disabled {
                api.admin_disable_user(pool_id, &u.username)
                    .await
                    .map_err(at(step("disabling")))?;
            }
        }
    }
    Ok(())
}

/// `cognito-tui seed FILE`: seed through the gateway the flags name and print the report on
/// stdout. An unreadable or invalid file is a start-up failure (exit 2); a failed step exit
/// code 1.
pub async fn run(opts: &ConnectOptions, file: &Path, role_arn: Option<&str>) -> ExitCode {
    let api = match connect(opts).await {
        Ok(api) => api,
        Err(code) => return code,
    };
    match seed(&api, file, role_arn).await {
        Ok(report) => super::out::finish(report.print(&mut std::io::stdout().lock())),
        Err(e @ (SeedError::Read { .. } | SeedError::Invalid { .. })) => fail(e),
        Err(e) => {
            let api = match &e {
                SeedError::Api { source, .. } => Some(source),
                _ => None,
            };
            super::start::failed(&format!("seeding failed at {e}"), api)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn the_shipped_workshop_parses_and_zips_its_triggers() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/workshop.json");
        let (w, triggers) = load(&path).expect("assets/workshop.json loads");
        assert!(!w.users.is_empty());
        assert!(triggers.iter().any(|(t, _)| t.slot == "PreTokenGeneration"));
        for (_, zip) in &triggers {
            assert_eq!(&zip[..2], b"PK");
        }
        let states: Vec<UserState> = w.users.iter().map(|u| u.state).collect();
        for s in [
            UserState::Confirmed,
            UserState::ForceChangePassword,
            UserState::Disabled,
            UserState::Unconfirmed,
        ] {
            assert!(states.contains(&s), "the workshop has a {s:?} user");
        }
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let dir = std::env::temp_dir().join(format!("cognito-tui-seed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = write(&dir, "bad.json", "{\"pool\": {\"name\": \"x\"}}");
        let e = load(&p).unwrap_err().to_string();
        assert!(e.contains("password_policy"), "{e}");
        let p = write(
            &dir,
            "group.json",
            r#"{"pool":{"name":"x","password_policy":{"minimum_length":8}},
                "users":[{"username":"a","state":"CONFIRMED","password":"Passw0rd!","groups":["ghost"]}]}"#,
        );
        let e = load(&p).unwrap_err().to_string();
        assert!(e.contains("ghost"), "{e}");
        let e = load(&dir.join("missing.json")).unwrap_err().to_string();
        assert!(e.contains("cannot read"), "{e}");
        // A password never shows in Debug output of the parsed file.
        let p = write(
            &dir,
            "ok.json",
            r#"{"pool":{"name":"x","password_policy":{"minimum_length":8}},
                "users":[{"username":"a","state":"CONFIRMED","password":"Sup3rSecret!"}]}"#,
        );
        let (w, _) = load(&p).unwrap();
        assert!(!format!("{w:?}").contains("Sup3rSecret"));
        std::fs::remove_dir_all(&dir).ok();
    }
}
