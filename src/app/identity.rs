//! The identity pool exchange, for the `credentials` command and the runner's `c`: read the
//! identity pool (for the checks and the role explanation), refuse what is known to fail
//! (an untrusted client, guests where they are off, the basic flow where it is off, an
//! expired token), exchange the ID token (enhanced flow GetId → GetCredentialsForIdentity,
//! or basic GetOpenIdToken → STS AssumeRoleWithWebIdentity), prove the credentials with STS
//! GetCallerIdentity, and explain the role (`domain::roles`) beside the one the service
//! gave. Each call is a line on the progress writer, secrets masked.

use std::io::Write;
use std::time::Instant;

use serde_json::Value;

use crate::cognito::CognitoApi;
use crate::core::effect::CredentialsRequest;
use crate::domain::identity::{
    AwsCredentials, CallerIdentity, CredentialsView, IdentityPool, PoolRoles, role_name,
};
use crate::domain::jwt;
use crate::domain::roles::{self, Comparison, Predicted, Question};
use crate::domain::secret::Secret;
use crate::domain::untrusted::{TokenTrail, printable};
use crate::domain::{CognitoError, Group};

/// What an exchange gave.
#[derive(Debug)]
pub struct Exchanged {
    pub identity_id: String,
    pub credentials: AwsCredentials,
    /// GetCallerIdentity with the credentials, when it answered.
    pub caller: Option<CallerIdentity>,
    /// The explainer's prediction, when the pool's roles could be read.
    pub predicted: Option<Predicted>,
    pub comparison: Option<Comparison>,
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
    progress: &mut (dyn Write + Send),
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
    progress: &mut (dyn Write + Send),
    now: i64,
) -> Result<Exchanged, String> {
    let pool_id = &req.identity_pool_id;
    let described = step(
        progress,
        &format!("DescribeIdentityPool {pool_id}"),
        api.describe_identity_pool(pool_id),
        |p: &IdentityPool| {
            format!(
                "{}: {}, trusts {} user pool client(s)",
                p.name,
                p.flags(),
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
            Ok((identity_id, c))
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
            .map(|c| (identity_id, c))
        }
    }
    .await;
    let proof = match &result {
        Ok((_, c)) => step(
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
    let comparison = if let Some(e) = &explanation {
        let _ = writeln!(progress, "Role explanation:");
        for r in &e.reasons {
            let _ = writeln!(progress, "  · {}", printable(r));
        }
        let predicted = e.predicted.describe();
        let _ = writeln!(progress, "  predicted: {}", printable(&predicted));
        let given = match (&result, &returned) {
            (Err(_), _) => "refused".to_owned(),
            (Ok(_), Some(r)) => r.clone(),
            (Ok(_), None) => "unknown (GetCallerIdentity did not name a role)".to_owned(),
        };
        let _ = writeln!(progress, "  returned:  {}", printable(&given));
        if req.basic {
            let _ = writeln!(
                progress,
                "  (basic flow: STS was asked for a role, so the mapping decides nothing; \
                 the comparison only shows that STS gave the role asked for)"
            );
        }
        let comparison = (result.is_err() || returned.is_some()).then(|| {
            roles::compare(
                &e.predicted,
                if result.is_ok() {
                    returned.as_deref()
                } else {
                    None
                },
            )
        });
        match &comparison {
            Some(Comparison::Same) => {
                let _ = writeln!(progress, "  ✓ the service agrees with the mapping");
            }
            Some(Comparison::Differs(why)) => {
                let _ = writeln!(
                    progress,
                    "  ✗ DIFFERENT: {} (a local emulator may vend the authenticated role \
                     without evaluating role mappings)",
                    printable(why)
                );
            }
            None => {}
        }
        comparison
    } else {
        let _ = writeln!(
            progress,
            "Role explanation: not available (the identity pool's roles could not be read)"
        );
        None
    };
    let (identity_id, credentials) = result.map_err(|e| format!("the exchange failed: {e}"))?;
    Ok(Exchanged {
        identity_id,
        credentials,
        caller: proof,
        predicted: explanation.map(|e| e.predicted),
        comparison,
    })
}

/// The identity pools of this region that trust `client_id` of the user pool `provider`
/// (`cognito-idp.<region>.amazonaws.com/<pool>`): every pool listed (up to 600), each
/// described; one that cannot be described is skipped.
pub async fn trusting(
    api: &dyn CognitoApi,
    provider: &str,
    client_id: &str,
) -> Result<Vec<IdentityPool>, CognitoError> {
    let mut found = Vec::new();
    let mut next = None;
    let mut trail = TokenTrail::default();
    for _ in 0..10 {
        let page = api.list_identity_pools(next).await?;
        for p in &page.items {
            if let Ok(d) = api.describe_identity_pool(&p.id).await
                && d.trusts(provider, client_id).is_some()
            {
                found.push(d);
            }
        }
        match trail.follow("ListIdentityPools", page.next_token)? {
            Some(t) => next = Some(t),
            None => break,
        }
    }
    Ok(found)
}

/// The runner's `c`: the identity pools that trust `client_id` of `pool_id` (its provider
/// `provider`), for the exchange or the chooser. `Err` (not found) when none does.
pub async fn runner_pools(
    api: &dyn CognitoApi,
    pool_id: &str,
    client_id: &str,
    provider: &str,
) -> Result<Vec<IdentityPool>, CognitoError> {
    let pools = trusting(api, provider, client_id).await?;
    if pools.is_empty() {
        return Err(CognitoError::new(
            crate::domain::ErrorKind::NotFound,
            format!("no identity pool in this region trusts app client {client_id} of {pool_id}"),
        ));
    }
    Ok(pools)
}

/// The runner's exchange at the identity pool and by the flow picked, and what the token
/// pane shows (no secret kept); a failed exchange is a view with its error.
pub async fn for_runner(api: &dyn CognitoApi, req: CredentialsRequest) -> CredentialsView {
    let exchange_req = Exchange {
        identity_pool_id: req.identity_pool_id.clone(),
        login: Some(SignedIn {
            pool_id: req.pool_id,
            client_id: req.client_id,
            provider: req.provider,
            id_token: req.id_token,
        }),
        custom_role_arn: None,
        basic: req.basic,
    };
    let mut log = Vec::new();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let result = exchange(api, &exchange_req, &mut log, now).await;
    let mut view = CredentialsView {
        identity_pool_name: req.identity_pool_name,
        identity_pool_id: req.identity_pool_id,
        basic: exchange_req.basic,
        lines: String::from_utf8_lossy(&log)
            .lines()
            .map(str::to_owned)
            .collect(),
        ..Default::default()
    };
    match result {
        Ok(done) => {
            view.identity_id = Some(done.identity_id);
            view.access_key_id = Some(done.credentials.access_key_id.clone());
            view.expiration = done.credentials.expiration;
            view.caller_arn = done.caller.and_then(|c| c.arn);
            view.predicted = done.predicted.map(|p| p.describe());
            view.differs = done.comparison.map(|c| matches!(c, Comparison::Differs(_)));
        }
        Err(e) => view.error = Some(e),
    }
    view
}

/// `:identity-pools` / `I`: every identity pool (up to 600), or those trusting `user_pool`
/// (any of its clients), each with its roles, as the overlay's title and lines; from a user
/// pool, its groups' roles linked.
pub async fn browse(
    api: &dyn CognitoApi,
    user_pool: Option<&str>,
) -> Result<(String, Vec<String>), CognitoError> {
    let mut reads = Vec::new();
    let mut next = None;
    let mut trail = TokenTrail::default();
    let mut listed = 0;
    for _ in 0..10 {
        let page = api.list_identity_pools(next).await?;
        listed += page.items.len();
        for p in &page.items {
            let d = match api.describe_identity_pool(&p.id).await {
                Ok(d) => d,
                Err(e) if user_pool.is_none() => {
                    let pool = IdentityPool {
                        id: p.id.clone(),
                        name: p.name.clone(),
                        ..Default::default()
                    };
                    reads.push((pool, Err(format!("not described: {}", e.headline()))));
                    continue;
                }
                Err(_) => continue,
            };
            if let Some(up) = user_pool
                && !d
                    .cognito_providers
                    .iter()
                    .any(|t| t.user_pool_id() == Some(up))
            {
                continue;
            }
            let roles = api
                .get_identity_pool_roles(&p.id)
                .await
                .map_err(|e| e.headline());
            reads.push((d, roles));
        }
        match trail.follow("ListIdentityPools", page.next_token)? {
            Some(t) => next = Some(t),
            None => break,
        }
    }
    let groups = match user_pool {
        Some(up) => self::groups(api, up).await,
        None => None,
    };
    let title = match user_pool {
        Some(up) => format!("Identity pools trusting {up}: {} of {listed}", reads.len()),
        None => format!("Identity pools ({})", reads.len()),
    };
    Ok((
        title,
        crate::domain::identity_report::lines(&reads, groups.as_deref()),
    ))
}
