//! Identity pools (Amazon Cognito "Federated Identities") in the app's own types: a pool's
//! trusted providers and flags, its roles and role mappings, the temporary AWS credentials it
//! vends, and the STS caller identity that proves them. Plain data; the gateway converts the
//! SDK's shapes into these, the role explainer (`roles`) reads them.

use super::secret::Secret;

/// One row of ListIdentityPools.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityPoolSummary {
    pub id: String,
    pub name: String,
}

/// A user pool app client an identity pool trusts: `cognito-idp.<region>.amazonaws.com/<pool>`
/// and the client id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedProvider {
    pub provider_name: String,
    pub client_id: Option<String>,
    pub server_side_token_check: bool,
}

impl TrustedProvider {
    /// The key Cognito uses for this provider's role mapping: `provider_name:client_id`.
    pub fn mapping_key(&self) -> String {
        match &self.client_id {
            Some(c) => format!("{}:{c}", self.provider_name),
            None => self.provider_name.clone(),
        }
    }

    /// The user pool id at the end of the provider name, if it is a user pool provider.
    pub fn user_pool_id(&self) -> Option<&str> {
        let (host, pool) = self.provider_name.split_once('/')?;
        host.starts_with("cognito-idp.").then_some(pool)
    }
}

/// DescribeIdentityPool.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdentityPool {
    pub id: String,
    pub name: String,
    /// Guest (unauthenticated) identities allowed.
    pub allow_unauthenticated: bool,
    /// The basic (classic) flow: GetOpenIdToken, then STS AssumeRoleWithWebIdentity.
    pub allow_classic_flow: bool,
    pub cognito_providers: Vec<TrustedProvider>,
    /// Social providers: `accounts.google.com` → app id, and so on.
    pub login_providers: Vec<(String, String)>,
    pub open_id_connect_provider_arns: Vec<String>,
    pub saml_provider_arns: Vec<String>,
    pub developer_provider_name: Option<String>,
}

impl IdentityPool {
    /// `guests allowed, basic flow off`: the two flags as words.
    pub fn flags(&self) -> String {
        let word = |on: bool| if on { "allowed" } else { "off" };
        format!(
            "guests {}, basic flow {}",
            word(self.allow_unauthenticated),
            word(self.allow_classic_flow)
        )
    }

    /// The trusted provider for this user pool's app client, if the pool trusts it.
    pub fn trusts(&self, provider_name: &str, client_id: &str) -> Option<&TrustedProvider> {
        self.cognito_providers.iter().find(|p| {
            p.provider_name == provider_name
                && p.client_id.as_deref().is_none_or(|c| c == client_id)
        })
    }
}

/// How a provider's users get their role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MappingKind {
    /// From the ID token: `cognito:preferred_role`, or `cognito:roles` with a CustomRoleArn.
    Token,
    /// The first rule (in order) whose claim matches.
    Rules,
    Other(String),
}

/// How a rule compares the claim with its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchType {
    Equals,
    Contains,
    StartsWith,
    NotEqual,
    Other(String),
}

impl MatchType {
    pub fn as_str(&self) -> &str {
        match self {
            Self::Equals => "Equals",
            Self::Contains => "Contains",
            Self::StartsWith => "StartsWith",
            Self::NotEqual => "NotEqual",
            Self::Other(s) => s,
        }
    }
}

/// What happens when the mapping picks no role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ambiguous {
    /// Fall back to the pool's authenticated role.
    AuthenticatedRole,
    /// Refuse credentials.
    Deny,
    Other(String),
}

/// One rule of a Rules mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingRule {
    pub claim: String,
    pub match_type: MatchType,
    pub value: String,
    pub role_arn: String,
}

/// One provider's role mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleMapping {
    /// `cognito-idp.<region>.amazonaws.com/<pool>:<client>` (or another provider's name).
    pub provider: String,
    pub kind: MappingKind,
    pub ambiguous: Option<Ambiguous>,
    pub rules: Vec<MappingRule>,
}

/// GetIdentityPoolRoles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PoolRoles {
    pub authenticated: Option<String>,
    pub unauthenticated: Option<String>,
    pub mappings: Vec<RoleMapping>,
}

impl PoolRoles {
    pub fn mapping_for(&self, provider_key: &str) -> Option<&RoleMapping> {
        self.mappings.iter().find(|m| m.provider == provider_key)
    }
}

/// Temporary AWS credentials. The secret and the session token never print.
#[derive(Debug, Clone, PartialEq)]
pub struct AwsCredentials {
    pub access_key_id: String,
    pub secret_access_key: Secret,
    pub session_token: Secret,
    /// Unix seconds.
    pub expiration: Option<i64>,
}

/// STS GetCallerIdentity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallerIdentity {
    pub account: Option<String>,
    pub arn: Option<String>,
    pub user_id: Option<String>,
}

impl CallerIdentity {
    /// The role name in an `assumed-role/ROLE/SESSION` ARN.
    pub fn assumed_role(&self) -> Option<&str> {
        let arn = self.arn.as_deref()?;
        let rest = arn.split_once(":assumed-role/")?.1;
        Some(rest.split('/').next().unwrap_or(rest))
    }
}

/// What the runner shows of an exchange: no secret (the secret key and the session token
/// are not kept), the timeline lines and the explanation as the exchange wrote them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CredentialsView {
    /// The identity pool used.
    pub identity_pool_name: String,
    pub identity_pool_id: String,
    pub identity_id: Option<String>,
    pub access_key_id: Option<String>,
    /// Unix seconds.
    pub expiration: Option<i64>,
    /// GetCallerIdentity's ARN.
    pub caller_arn: Option<String>,
    /// The explainer's prediction (a role name, or why no credentials).
    pub predicted: Option<String>,
    /// The service's role differs from the prediction (`None`: not compared).
    pub differs: Option<bool>,
    /// One line per call and per step of the explanation.
    pub lines: Vec<String>,
    /// Why the exchange failed.
    pub error: Option<String>,
    /// The basic (classic) flow ran, not the enhanced one.
    pub basic: bool,
}

impl CredentialsView {
    /// `name (id)` of the identity pool used.
    pub fn pool_label(&self) -> String {
        format!("{} ({})", self.identity_pool_name, self.identity_pool_id)
    }
}

/// A flow's name in a word: "basic" or "enhanced".
pub fn flow_word(basic: bool) -> &'static str {
    if basic { "basic" } else { "enhanced" }
}

/// The calls a flow makes.
pub fn flow_calls(basic: bool) -> &'static str {
    if basic {
        "(GetId → GetOpenIdToken → STS AssumeRoleWithWebIdentity)"
    } else {
        "(GetId → GetCredentialsForIdentity)"
    }
}

/// A flow and what it calls, for the screen and the transcript.
pub fn flow_name(basic: bool) -> String {
    format!("{} {}", flow_word(basic), flow_calls(basic))
}

/// The identity pool provider name of a signed-in user: the ID token's issuer without its
/// scheme, or (no usable issuer) the provider of `pool_id` in the region its id names.
pub fn provider_of(issuer: Option<&str>, pool_id: &str) -> String {
    issuer
        .and_then(|i| i.strip_prefix("https://"))
        .map(str::to_owned)
        .unwrap_or_else(|| {
            user_pool_provider(pool_id.split('_').next().unwrap_or_default(), pool_id)
        })
}

/// The role name at the end of an IAM role ARN (`arn:aws:iam::1:role/path/NAME` → `NAME`).
pub fn role_name(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

/// The identity pool provider name for a user pool: `cognito-idp.<region>.amazonaws.com/<pool>`,
/// the ID token's `iss` without the scheme.
pub fn user_pool_provider(region: &str, pool_id: &str) -> String {
    format!("cognito-idp.{region}.amazonaws.com/{pool_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_keys() {
        let p = TrustedProvider {
            provider_name: user_pool_provider("us-east-1", "us-east-1_abc"),
            client_id: Some("cli".into()),
            server_side_token_check: false,
        };
        assert_eq!(
            p.mapping_key(),
            "cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:cli"
        );
        assert_eq!(p.user_pool_id(), Some("us-east-1_abc"));
        assert_eq!(role_name("arn:aws:iam::1:role/a/b/student"), "student");
        let me = CallerIdentity {
            account: None,
            arn: Some("arn:aws:sts::1:assumed-role/student/CognitoIdentityCredentials".into()),
            user_id: None,
        };
        assert_eq!(me.assumed_role(), Some("student"));
        let pool = IdentityPool {
            cognito_providers: vec![p],
            ..Default::default()
        };
        let name = user_pool_provider("us-east-1", "us-east-1_abc");
        assert!(pool.trusts(&name, "cli").is_some());
        assert!(pool.trusts(&name, "other").is_none());
        assert_eq!(
            provider_of(
                Some("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_x"),
                "p"
            ),
            "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_x"
        );
        assert_eq!(provider_of(None, "us-east-1_abc"), name);
        assert_eq!(
            provider_of(Some("http://elsewhere/x"), "us-east-1_abc"),
            name
        );
    }

    #[test]
    fn secrets_stay_out_of_debug() {
        let c = AwsCredentials {
            access_key_id: "ASIAX".into(),
            secret_access_key: Secret::new("very-secret-key"),
            session_token: Secret::new("very-secret-token"),
            expiration: None,
        };
        let d = format!("{c:?}");
        assert!(d.contains("ASIAX"));
        assert!(!d.contains("very-secret"));
    }
}
