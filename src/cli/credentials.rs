//! `cognito-tui credentials`: sign in as `auth` does (any flow, answers from the terminal or
//! stdin), exchange the ID token at an identity pool for temporary AWS credentials, and print
//! them as `credential_process` JSON on stdout (`Version` 1, `AccessKeyId`,
//! `SecretAccessKey`, `SessionToken`, `Expiration` in RFC 3339). The timeline (each call,
//! what it answered, masked) and the role explanation (the mapping's prediction beside the
//! role the service gave, a difference flagged) go to stderr. Exit codes as `auth`: 2 before
//! any call, 1 when a call or the exchange fails.
//!
//! It never loads credentials from an AWS profile: a profile whose `credential_process` is
//! this very command would start it again, without end. Keys in the environment
//! (`AWS_ACCESS_KEY_ID`) sign its calls; without them the calls go unsigned, which the
//! sign-in and the exchange allow (the identity pool's configuration, read for the
//! explanation, may then not be readable; the exchange goes on without a prediction).

use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::auth::{
    DriveOptions, Terminal, describe_error, drive, failed_before_any_call, parse_flow,
    resolve_client_secret,
};
use super::start::{connect, fail};
use crate::auth::{Flow, FlowConfig, Inputs, Runner};
use crate::cognito::{CognitoApi, ConnectOptions};
use crate::domain::identity::{
    AwsCredentials, IdentityPool, PoolRoles, role_name, user_pool_provider,
};
use crate::domain::jwt;
use crate::domain::roles::{self, Comparison, Predicted, Question};
use crate::domain::secret::Secret;
use crate::domain::untrusted::{TokenTrail, printable};
use crate::domain::{CognitoError, Group};

/// The flags of `cognito-tui credentials`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub identity_pool_id: String,
    pub pool_id: Option<String>,
    pub client_id: Option<String>,
    pub username: Option<String>,
    pub flow: String,
    pub custom_role_arn: Option<String>,
    pub guest: bool,
    /// The basic (classic) flow: GetOpenIdToken, then STS AssumeRoleWithWebIdentity.
    pub basic: bool,
    pub client_secret_env: Option<String>,
}

/// The `credential_process` JSON.
pub fn process_json(c: &AwsCredentials) -> Value {
    let mut v = json!({
        "Version": 1,
        "AccessKeyId": c.access_key_id,
        "SecretAccessKey": c.secret_access_key.expose(),
        "SessionToken": c.session_token.expose(),
    });
    if let Some(t) = c.expiration.and_then(rfc3339) {
        v["Expiration"] = json!(t);
    }
    v
}

fn rfc3339(unix: i64) -> Option<String> {
    OffsetDateTime::from_unix_timestamp(unix)
        .ok()?
        .format(&Rfc3339)
        .ok()
}

/// The credentials for the timeline: the key id, the rest masked.
pub fn masked(c: &AwsCredentials, now: i64) -> String {
    let expiry = c.expiration.map_or_else(
        || "no expiry given".to_owned(),
        |t| format!("expires {} ({})", jwt::utc_string(t), jwt::relative(t, now)),
    );
    format!(
        "AccessKeyId {}, SecretKey ****, SessionToken **** ({} chars), {expiry}",
        printable(&c.access_key_id),
        c.session_token.len()
    )
}

fn now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

/// Flags that do not go together, or are missing: a sentence (exit 2).
fn check(o: &Options) -> Result<Option<Flow>, String> {
    let id = o.identity_pool_id.trim();
    if id.is_empty() || !id.contains(':') {
        return Err(format!(
            "--identity-pool-id {id:?} is not an identity pool id (REGION:UUID, e.g. \
             us-east-1:1a2b3c4d-...)"
        ));
    }
    if o.guest {
        if o.custom_role_arn.is_some() {
            return Err(
                "--custom-role-arn picks among a signed-in user's roles; not with --guest".into(),
            );
        }
        return Ok(None);
    }
    let (Some(pool), Some(client)) = (&o.pool_id, &o.client_id) else {
        return Err("--pool-id and --client-id are required (or --guest)".into());
    };
    if pool.trim().is_empty() || client.trim().is_empty() {
        return Err("--pool-id and --client-id must not be empty".into());
    }
    let flow = parse_flow(&o.flow, None)?;
    if o.username.as_deref().unwrap_or("").trim().is_empty() && flow != Flow::RefreshToken {
        return Err(format!("--username is required for {}", flow.name()));
    }
    Ok(Some(flow))
}

/// `cognito-tui credentials`.
pub async fn run(opts: &ConnectOptions, o: Options) -> ExitCode {
    let flow = match check(&o) {
        Ok(f) => f,
        Err(e) => return fail(e),
    };
    let mut opts = opts.clone();
    let env_keys = std::env::var_os("AWS_ACCESS_KEY_ID").is_some()
        && std::env::var_os("AWS_SECRET_ACCESS_KEY").is_some();
    opts.anonymous = opts.static_credentials.is_none() && !env_keys;
    let api = match connect(&opts).await {
        Ok(api) => api,
        Err(code) => return code,
    };
    let mut err = io::stderr();
    let region = api.region().to_owned();
    let login = match flow {
        None => None,
        Some(flow) => {
            let pool_id = o.pool_id.clone().unwrap_or_default();
            let client_id = o.client_id.clone().unwrap_or_default();
            let mut config = FlowConfig::new(
                pool_id.clone(),
                client_id.clone(),
                o.username.clone().unwrap_or_default(),
                flow,
            );
            config.client_secret = resolve_client_secret(
                &api,
                &pool_id,
                &client_id,
                o.client_secret_env.as_deref(),
                &mut err,
            )
            .await;
            let mut runner = Runner::new(config);
            let tokens = match drive(
                &api,
                &mut runner,
                Inputs::default(),
                &mut Terminal,
                &mut err,
                DriveOptions::default(),
            )
            .await
            {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("cognito-tui: sign-in failed: {}", describe_error(&e));
                    return ExitCode::from(if failed_before_any_call(&runner, &e) {
                        2
                    } else {
                        1
                    });
                }
            };
            let Some(id_token) = tokens.id_token else {
                eprintln!(
                    "cognito-tui: the sign-in gave no ID token, which an identity pool needs"
                );
                return ExitCode::from(1);
            };
            Some(SignedIn {
                provider: user_pool_provider(&region, &pool_id),
                pool_id,
                client_id,
                id_token,
            })
        }
    };
    let req = Exchange {
        identity_pool_id: o.identity_pool_id.trim().to_owned(),
        login,
        custom_role_arn: o.custom_role_arn.clone(),
        basic: o.basic,
    };
    match exchange(&api, &req, &mut err, now()).await {
        Ok(c) => match serde_json::to_string_pretty(&process_json(&c)) {
            Ok(s) => super::out::print_line(&s),
            Err(e) => fail(e),
        },
        Err(why) => {
            eprintln!("cognito-tui: {}", printable(&why));
            ExitCode::from(1)
        }
    }
}

/// A signed-in user's ID token and where it comes from.
pub struct SignedIn {
    pub pool_id: String,
    pub client_id: String,
    /// `cognito-idp.<region>.amazonaws.com/<pool>`.
    pub provider: String,
    pub id_token: Secret,
}

/// One exchange: a signed-in user (`login`) or a guest (`None`).
pub struct Exchange {
    pub identity_pool_id: String,
    pub login: Option<SignedIn>,
    pub custom_role_arn: Option<String>,
    pub basic: bool,
}

/// A timed call on the timeline: `→ what`, then `← answer (ms)` or `✗ error`.
async fn step<T, F>(
    progress: &mut dyn Write,
    what: &str,
    call: F,
    answer: impl FnOnce(&T) -> String,
) -> Result<T, CognitoError>
where
    F: std::future::Future<Output = Result<T, CognitoError>>,
{
    let _ = writeln!(progress, "→ {what}");
    let started = Instant::now();
    let out = call.await;
    let ms = started.elapsed().as_millis();
    match &out {
        Ok(v) => {
            let _ = writeln!(progress, "← {} ({ms} ms)", printable(&answer(v)));
        }
        Err(e) => {
            let _ = writeln!(progress, "✗ {} ({ms} ms)", printable(&e.to_string()));
        }
    }
    out
}

/// The user pool's groups (precedence, role), best effort: `None` when they cannot be read.
async fn groups(api: &dyn CognitoApi, pool_id: &str) -> Option<Vec<Group>> {
    let mut all = Vec::new();
    let mut next = None;
    let mut trail = TokenTrail::default();
    for _ in 0..20 {
        let page = api.list_groups(pool_id, next).await.ok()?;
        all.extend(page.items);
        match trail.follow("ListGroups", page.next_token).ok()? {
            Some(t) => next = Some(t),
            None => return Some(all),
        }
    }
    Some(all)
}

/// Reads the pool (for the checks and the explanation), exchanges the token, proves the
/// credentials and explains the role, all on `progress`; the credentials, or why not.
pub async fn exchange(
    api: &dyn CognitoApi,
    req: &Exchange,
    progress: &mut dyn Write,
    now: i64,
) -> Result<AwsCredentials, String> {
    let pool_id = &req.identity_pool_id;
    let described = step(
        progress,
        &format!("DescribeIdentityPool {pool_id}"),
        api.describe_identity_pool(pool_id),
        |p: &IdentityPool| {
            format!(
                "{}: guests {}, basic flow {}, trusts {} user pool client(s)",
                p.name,
                if p.allow_unauthenticated {
                    "allowed"
                } else {
                    "off"
                },
                if p.allow_classic_flow {
                    "allowed"
                } else {
                    "off"
                },
                p.cognito_providers.len()
            )
        },
    )
    .await;
    let described = match described {
        Ok(p) => Some(p),
        Err(e) if e.kind == crate::domain::ErrorKind::NotFound => {
            return Err(format!("identity pool {pool_id} does not exist here: {e}"));
        }
        // Not readable (unsigned, or not allowed): the exchange goes on without the checks.
        Err(_) => None,
    };
    let roles: Option<PoolRoles> = step(
        progress,
        &format!("GetIdentityPoolRoles {pool_id}"),
        api.get_identity_pool_roles(pool_id),
        |r: &PoolRoles| {
            format!(
                "authenticated {}, guest {}, {} role mapping(s)",
                r.authenticated.as_deref().map_or("none", role_name),
                r.unauthenticated.as_deref().map_or("none", role_name),
                r.mappings.len()
            )
        },
    )
    .await
    .ok();
    // What is known to fail, said before the exchange.
    let claims = match &req.login {
        Some(l) => {
            let claims = jwt::decode(l.id_token.expose())
                .map(|d| d.claims)
                .map_err(|e| format!("the ID token does not decode: {e}"))?;
            roles::check_id_token(&claims, now)?;
            if let Some(p) = &described
                && p.trusts(&l.provider, &l.client_id).is_none()
            {
                let trusted: Vec<String> = p
                    .cognito_providers
                    .iter()
                    .map(|t| {
                        format!(
                            "{} client {}",
                            t.provider_name,
                            t.client_id.as_deref().unwrap_or("(any)")
                        )
                    })
                    .collect();
                return Err(format!(
                    "identity pool {} does not trust app client {} of {}; it trusts: {}",
                    p.name,
                    l.client_id,
                    l.pool_id,
                    if trusted.is_empty() {
                        "no user pool".to_owned()
                    } else {
                        trusted.join(", ")
                    }
                ));
            }
            claims
        }
        None => {
            if let Some(p) = described.as_ref().filter(|p| !p.allow_unauthenticated) {
                return Err(format!(
                    "identity pool {} does not allow guest (unauthenticated) identities",
                    p.name
                ));
            }
            Value::Null
        }
    };
    if req.basic
        && let Some(p) = described.as_ref().filter(|p| !p.allow_classic_flow)
    {
        return Err(format!(
            "identity pool {} does not allow the basic flow (AllowClassicFlow is off); drop --basic",
            p.name
        ));
    }
    let explanation = match &roles {
        Some(roles) => {
            let provider_key = req
                .login
                .as_ref()
                .map(|l| format!("{}:{}", l.provider, l.client_id))
                .unwrap_or_default();
            let groups = match &req.login {
                Some(l) => groups(api, &l.pool_id).await,
                None => None,
            };
            Some(roles::explain(&Question {
                roles,
                provider_key: &provider_key,
                claims: &claims,
                custom_role_arn: req.custom_role_arn.as_deref(),
                groups: groups.as_deref(),
                guest: req.login.is_none(),
            }))
        }
        None => None,
    };
    let login = req
        .login
        .as_ref()
        .map(|l| (l.provider.as_str(), &l.id_token));
    let login_text = req.login.as_ref().map_or_else(
        || "no login (guest)".to_owned(),
        |l| {
            format!(
                "Logins {{{}: <ID token, {} chars>}}",
                l.provider,
                l.id_token.len()
            )
        },
    );
    let result = async {
        let identity_id = step(
            progress,
            &format!("GetId {pool_id}, {login_text}"),
            api.get_id(pool_id, login),
            |id: &String| format!("IdentityId {id}"),
        )
        .await?;
        if req.basic {
            let token = step(
                progress,
                &format!("GetOpenIdToken {identity_id}"),
                api.get_open_id_token(&identity_id, login),
                |t: &Secret| format!("an OpenID token for the identity ({} chars)", t.len()),
            )
            .await?;
            let role = req
                .custom_role_arn
                .clone()
                .or_else(|| {
                    explanation
                        .as_ref()
                        .and_then(|e| e.predicted.role_arn().map(str::to_owned))
                })
                .ok_or_else(|| {
                    CognitoError::new(
                        crate::domain::ErrorKind::Validation,
                        "the basic flow needs a role: pass --custom-role-arn",
                    )
                })?;
            let (c, _) = step(
                progress,
                &format!("STS AssumeRoleWithWebIdentity {}", role_name(&role)),
                api.assume_role_with_web_identity(&role, "cognito-tui", &token),
                |(c, arn): &(AwsCredentials, Option<String>)| {
                    format!("{} as {}", masked(c, now), arn.as_deref().unwrap_or("?"))
                },
            )
            .await?;
            Ok(c)
        } else {
            let custom = req
                .custom_role_arn
                .as_deref()
                .map(|r| format!(", CustomRoleArn {}", role_name(r)))
                .unwrap_or_default();
            step(
                progress,
                &format!("GetCredentialsForIdentity {identity_id}{custom}"),
                api.get_credentials_for_identity(
                    &identity_id,
                    login,
                    req.custom_role_arn.as_deref(),
                ),
                |c: &AwsCredentials| masked(c, now),
            )
            .await
        }
    }
    .await;
    let proof = match &result {
        Ok(c) => step(
            progress,
            "STS GetCallerIdentity, signed with the new credentials",
            api.caller_identity(c),
            |me| me.arn.clone().unwrap_or_else(|| "(no ARN)".into()),
        )
        .await
        .ok(),
        Err(_) => None,
    };
    let returned = proof
        .as_ref()
        .and_then(|p| p.assumed_role().map(str::to_owned));
    if let Some(e) = &explanation {
        let _ = writeln!(progress, "Role explanation:");
        for r in &e.reasons {
            let _ = writeln!(progress, "  · {}", printable(r));
        }
        let predicted = match &e.predicted {
            Predicted::Role(r) => role_name(r).to_owned(),
            Predicted::Deny(why) => format!("no credentials ({why})"),
        };
        let _ = writeln!(progress, "  predicted: {}", printable(&predicted));
        let given = match (&result, &returned) {
            (Err(_), _) => "refused".to_owned(),
            (Ok(_), Some(r)) => r.clone(),
            (Ok(_), None) => "unknown (GetCallerIdentity did not name a role)".to_owned(),
        };
        let _ = writeln!(progress, "  returned:  {}", printable(&given));
        if result.is_err() || returned.is_some() {
            match roles::compare(
                &e.predicted,
                if result.is_ok() {
                    returned.as_deref()
                } else {
                    None
                },
            ) {
                Comparison::Same => {
                    let _ = writeln!(progress, "  ✓ the service agrees with the mapping");
                }
                Comparison::Differs(why) => {
                    let _ = writeln!(
                        progress,
                        "  ✗ DIFFERENT: {} (a local emulator may vend the authenticated role \
                         without evaluating role mappings)",
                        printable(&why)
                    );
                }
            }
        }
    } else {
        let _ = writeln!(
            progress,
            "Role explanation: not available (the identity pool's roles could not be read)"
        );
    }
    result.map_err(|e| format!("the exchange failed: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o() -> Options {
        Options {
            identity_pool_id: "us-east-1:abc".into(),
            pool_id: Some("us-east-1_x".into()),
            client_id: Some("c".into()),
            username: Some("carmen".into()),
            flow: "USER_SRP_AUTH".into(),
            ..Default::default()
        }
    }

    #[test]
    fn flags_are_checked_before_any_call() {
        assert_eq!(check(&o()), Ok(Some(Flow::UserSrp)));
        let bad_id = Options {
            identity_pool_id: "abc".into(),
            ..o()
        };
        assert!(check(&bad_id).unwrap_err().contains("REGION:UUID"));
        let guest = Options {
            guest: true,
            pool_id: None,
            ..o()
        };
        assert_eq!(check(&guest), Ok(None));
        let guest_role = Options {
            custom_role_arn: Some("arn:x".into()),
            ..guest
        };
        assert!(check(&guest_role).unwrap_err().contains("--guest"));
        let no_pool = Options {
            pool_id: None,
            ..o()
        };
        assert!(check(&no_pool).unwrap_err().contains("--pool-id"));
        let no_user = Options {
            username: None,
            ..o()
        };
        assert!(check(&no_user).unwrap_err().contains("--username"));
    }

    #[test]
    fn the_process_json_has_the_aws_shape_and_the_timeline_masks() {
        let c = AwsCredentials {
            access_key_id: "ASIAEXAMPLE".into(),
            secret_access_key: Secret::new("s3cr3t-key"),
            session_token: Secret::new("t0ken"),
            expiration: Some(1_800_000_000),
        };
        let v = process_json(&c);
        assert_eq!(v["Version"], 1);
        assert_eq!(v["SecretAccessKey"], "s3cr3t-key");
        assert_eq!(v["Expiration"], "2027-01-15T08:00:00Z");
        let line = masked(&c, 1_800_000_000 - 3600);
        assert!(
            line.contains("ASIAEXAMPLE") && line.contains("in 1 h"),
            "{line}"
        );
        assert!(
            !line.contains("s3cr3t") && !line.contains("t0ken"),
            "{line}"
        );
    }
}
