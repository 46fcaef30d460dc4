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

use std::io;
use std::process::ExitCode;

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub use crate::app::identity::{Exchange, SignedIn, exchange, masked};

use super::auth::{parse_flow, sign_in_tokens};
use super::start::{connect, fail};
use crate::auth::{Flow, FlowConfig};
use crate::cognito::ConnectOptions;
use crate::domain::identity::{AwsCredentials, user_pool_provider};
use crate::domain::untrusted::printable;

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
            let config = FlowConfig::new(
                pool_id.clone(),
                client_id.clone(),
                o.username.clone().unwrap_or_default(),
                flow,
            );
            let secret_env = o.client_secret_env.as_deref();
            let tokens = match sign_in_tokens(&api, config, secret_env, false).await {
                Ok(t) => t,
                Err(code) => return code,
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
        Ok(done) => match serde_json::to_string_pretty(&process_json(&done.credentials)) {
            Ok(s) => super::out::print_line(&s),
            Err(e) => fail(e),
        },
        Err(why) => {
            eprintln!("cognito-tui: {}", printable(&why));
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::secret::Secret;

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
