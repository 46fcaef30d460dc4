//! The workshop file's `identity_pool`: an identity pool trusting some of the workshop's app
//! clients, IAM roles for it (authenticated, guest, one per group), those roles set as the
//! groups' RoleArn, and each trusted client's role mapping (Token, or Rules on a claim).
//! Checked with the rest of the file ([`check`]); seeded in two steps, [`prepare`] before the
//! groups (the pool and the roles, so each group is created with its RoleArn) and [`finish`]
//! after the users (the trusted clients and the mappings). Again without duplicates: a pool
//! of the same name is reused, an existing role kept.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::cognito::CognitoApi;
use crate::domain::CognitoError;
use crate::domain::identity::{
    Ambiguous, IdentityPool, MappingKind, MappingRule, MatchType, PoolRoles, RoleMapping,
    TrustedProvider, user_pool_provider,
};
use crate::domain::untrusted::TokenTrail;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityPoolSpec {
    pub name: String,
    #[serde(default)]
    pub allow_unauthenticated: bool,
    #[serde(default)]
    pub allow_classic_flow: bool,
    /// Role names (created when missing), not ARNs: the account is the endpoint's.
    pub authenticated_role: String,
    pub unauthenticated_role: Option<String>,
    /// Group name → role name, set as the group's RoleArn.
    #[serde(default)]
    pub group_roles: BTreeMap<String, String>,
    pub providers: Vec<ProviderSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderSpec {
    /// An app client of the workshop file, by name.
    pub client: String,
    /// `Token` or `Rules`; none: no mapping (the authenticated role).
    pub mapping: Option<String>,
    /// `AuthenticatedRole` or `Deny`.
    pub ambiguous: Option<String>,
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub claim: String,
    /// `Equals`, `Contains`, `StartsWith` or `NotEqual`.
    #[serde(rename = "match")]
    pub match_type: String,
    pub value: String,
    /// A role name.
    pub role: String,
}

fn match_type(s: &str) -> Option<MatchType> {
    Some(match s {
        "Equals" => MatchType::Equals,
        "Contains" => MatchType::Contains,
        "StartsWith" => MatchType::StartsWith,
        "NotEqual" => MatchType::NotEqual,
        _ => return None,
    })
}

/// The file's identity pool section makes sense: known clients and groups (the file's
/// names), known mapping and match types, rules only with Rules.
pub fn check(spec: &IdentityPoolSpec, groups: &[&str], clients: &[&str]) -> Result<(), String> {
    if spec.name.trim().is_empty() {
        return Err("identity_pool.name is empty".into());
    }
    for g in spec.group_roles.keys() {
        if !groups.contains(&g.as_str()) {
            return Err(format!(
                "identity_pool.group_roles names group {g:?}, which the file does not define"
            ));
        }
    }
    for p in &spec.providers {
        if !clients.contains(&p.client.as_str()) {
            return Err(format!(
                "identity_pool trusts client {:?}, which the file does not define",
                p.client
            ));
        }
        match (p.mapping.as_deref(), p.rules.is_empty()) {
            (None | Some("Token"), true) | (Some("Rules"), false) => {}
            (Some("Rules"), true) => {
                return Err(format!("client {}: Rules mapping without rules", p.client));
            }
            (None | Some("Token"), false) => {
                return Err(format!("client {}: rules need mapping Rules", p.client));
            }
            (Some(other), _) => {
                return Err(format!(
                    "client {}: mapping {other:?} is not Token or Rules",
                    p.client
                ));
            }
        }
        if !matches!(
            p.ambiguous.as_deref(),
            None | Some("AuthenticatedRole" | "Deny")
        ) {
            return Err(format!(
                "client {}: ambiguous must be AuthenticatedRole or Deny",
                p.client
            ));
        }
        for r in &p.rules {
            if match_type(&r.match_type).is_none() {
                return Err(format!(
                    "client {}: match {:?} is not Equals, Contains, StartsWith or NotEqual",
                    p.client, r.match_type
                ));
            }
        }
    }
    Ok(())
}

async fn find(api: &dyn CognitoApi, name: &str) -> Result<Option<String>, CognitoError> {
    let mut next = None;
    let mut trail = TokenTrail::default();
    loop {
        let page = api.list_identity_pools(next).await?;
        if let Some(p) = page.items.iter().find(|p| p.name == name) {
            return Ok(Some(p.id.clone()));
        }
        match trail.follow("ListIdentityPools", page.next_token)? {
            Some(t) => next = Some(t),
            None => return Ok(None),
        }
    }
}

/// What [`prepare`] made: the identity pool's id and the roles' ARNs by name.
#[derive(Debug)]
pub struct Prepared {
    id: String,
    arns: BTreeMap<String, String>,
    /// Group name → role ARN.
    groups: BTreeMap<String, String>,
}

impl Prepared {
    fn arn(&self, name: &str) -> String {
        self.arns.get(name).cloned().unwrap_or_default()
    }

    /// The RoleArn group `name` is to be created with.
    pub fn group_role(&self, name: &str) -> Option<String> {
        self.groups.get(name).cloned()
    }
}

type StepError = (String, CognitoError);

fn step(s: &str) -> impl FnOnce(CognitoError) -> StepError {
    let s = s.to_owned();
    move |e| (s, e)
}

/// Before the groups: the identity pool (found by name, else created without providers) and
/// its IAM roles, which trust that pool only; each group of `group_roles` gets its role as
/// the RoleArn it is created with (an emulator may lack UpdateGroup).
pub async fn prepare(
    api: &dyn CognitoApi,
    spec: &IdentityPoolSpec,
    created: &mut Vec<String>,
    existing: &mut Vec<String>,
) -> Result<Prepared, StepError> {
    let id = match find(api, &spec.name)
        .await
        .map_err(step("ListIdentityPools"))?
    {
        Some(id) => {
            existing.push(format!("identity pool {}", spec.name));
            id
        }
        None => {
            let pool = IdentityPool {
                name: spec.name.clone(),
                allow_unauthenticated: spec.allow_unauthenticated,
                allow_classic_flow: spec.allow_classic_flow,
                ..Default::default()
            };
            let id = api
                .create_identity_pool(&pool)
                .await
                .map_err(step("creating the identity pool"))?;
            created.push(format!("identity pool {}", spec.name));
            id
        }
    };
    let mut names: Vec<(&str, bool)> = vec![(spec.authenticated_role.as_str(), true)];
    if let Some(guest) = &spec.unauthenticated_role {
        names.push((guest, false));
    }
    names.extend(spec.group_roles.values().map(|r| (r.as_str(), true)));
    for p in &spec.providers {
        names.extend(p.rules.iter().map(|r| (r.role.as_str(), true)));
    }
    let mut arns: BTreeMap<String, String> = BTreeMap::new();
    for (name, authenticated) in names {
        if arns.contains_key(name) {
            continue;
        }
        let arn = api
            .ensure_identity_role(name, &id, authenticated)
            .await
            .map_err(step(&format!("IAM role {name}")))?;
        arns.insert(name.to_owned(), arn);
    }
    let groups = spec
        .group_roles
        .iter()
        .map(|(g, r)| (g.clone(), arns.get(r).cloned().unwrap_or_default()))
        .collect();
    Ok(Prepared { id, arns, groups })
}

/// After the clients and users: the pool trusts the named clients, and gets its roles and
/// each client's mapping; its id.
pub async fn finish(
    api: &dyn CognitoApi,
    spec: &IdentityPoolSpec,
    prepared: &Prepared,
    pool_id: &str,
    clients: &[(String, String)],
) -> Result<String, StepError> {
    // A user pool id starts with its region: `us-east-1_AbC`.
    let region = pool_id.split('_').next().unwrap_or_default();
    let provider_name = user_pool_provider(region, pool_id);
    let client_id = |name: &str| {
        clients
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| id.clone())
    };
    let pool = IdentityPool {
        id: prepared.id.clone(),
        name: spec.name.clone(),
        allow_unauthenticated: spec.allow_unauthenticated,
        allow_classic_flow: spec.allow_classic_flow,
        cognito_providers: spec
            .providers
            .iter()
            .map(|p| TrustedProvider {
                provider_name: provider_name.clone(),
                client_id: client_id(&p.client),
                server_side_token_check: false,
            })
            .collect(),
        ..Default::default()
    };
    api.update_identity_pool(&pool)
        .await
        .map_err(step("UpdateIdentityPool"))?;
    let mappings = spec
        .providers
        .iter()
        .filter_map(|p| {
            let kind = match p.mapping.as_deref()? {
                "Rules" => MappingKind::Rules,
                _ => MappingKind::Token,
            };
            Some(RoleMapping {
                provider: format!("{provider_name}:{}", client_id(&p.client)?),
                kind,
                ambiguous: p.ambiguous.as_deref().map(|a| match a {
                    "Deny" => Ambiguous::Deny,
                    _ => Ambiguous::AuthenticatedRole,
                }),
                rules: p
                    .rules
                    .iter()
                    .map(|r| MappingRule {
                        claim: r.claim.clone(),
                        match_type: match_type(&r.match_type).unwrap_or(MatchType::Equals),
                        value: r.value.clone(),
                        role_arn: prepared.arn(&r.role),
                    })
                    .collect(),
            })
        })
        .collect();
    let roles = PoolRoles {
        authenticated: Some(prepared.arn(&spec.authenticated_role)),
        unauthenticated: spec
            .unauthenticated_role
            .as_deref()
            .map(|r| prepared.arn(r)),
        mappings,
    };
    api.set_identity_pool_roles(&prepared.id, &roles)
        .await
        .map_err(step("SetIdentityPoolRoles"))?;
    Ok(prepared.id.clone())
}
