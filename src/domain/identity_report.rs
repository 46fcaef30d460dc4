//! The identity pools as text, for the `:identity-pools` overlay and `I` from a user pool:
//! each pool's trusted user pool clients and other providers, guest access, the basic flow,
//! the authenticated and guest roles, each provider's role mapping (Token, or each rule's
//! claim, match, value and role; AmbiguousRoleResolution) and, from a user pool, which of
//! its groups' roles (precedence as set) each pool can hand out. Pure.

use super::identity::{Ambiguous, IdentityPool, MappingKind, PoolRoles, role_name};
use super::types::Group;
use super::untrusted::printable;

/// One pool as read: its description and its roles (`Err`: why they could not be read).
pub type PoolRead = (IdentityPool, Result<PoolRoles, String>);

fn ambiguous(a: Option<&Ambiguous>) -> String {
    match a {
        Some(Ambiguous::AuthenticatedRole) => "AuthenticatedRole".into(),
        Some(Ambiguous::Deny) => "Deny".into(),
        Some(Ambiguous::Other(o)) => o.clone(),
        None => "not set".into(),
    }
}

/// A mapping's provider key, short: `client ID` for a user pool client
/// (`cognito-idp.../POOL:ID`), else the key itself.
fn provider(key: &str) -> String {
    match key.rsplit_once(':') {
        Some((p, client)) if p.starts_with("cognito-idp.") => {
            format!("client {}", printable(client))
        }
        _ => printable(key),
    }
}

/// The lines for `pools`; with `groups` (from a user pool), the groups' roles linked.
pub fn lines(pools: &[PoolRead], groups: Option<&[Group]>) -> Vec<String> {
    let mut l = Vec::new();
    if pools.is_empty() {
        l.push("no identity pools".to_owned());
    }
    for (p, roles) in pools {
        l.push(format!("{}  {}", printable(&p.name), printable(&p.id)));
        l.push(format!("  {}", p.flags()));
        for t in &p.cognito_providers {
            l.push(format!(
                "  trusts {} client {}{}",
                printable(&t.provider_name),
                printable(t.client_id.as_deref().unwrap_or("(any)")),
                if t.server_side_token_check {
                    " (server-side token check)"
                } else {
                    ""
                }
            ));
        }
        for (k, v) in &p.login_providers {
            l.push(format!("  trusts {} app {}", printable(k), printable(v)));
        }
        for a in p
            .open_id_connect_provider_arns
            .iter()
            .chain(&p.saml_provider_arns)
        {
            l.push(format!("  trusts {}", printable(a)));
        }
        if let Some(d) = &p.developer_provider_name {
            l.push(format!("  developer provider {}", printable(d)));
        }
        match roles {
            Err(why) => l.push(format!("  roles not readable: {}", printable(why))),
            Ok(r) => {
                l.push(format!(
                    "  authenticated role {}",
                    printable(r.authenticated.as_deref().unwrap_or("none"))
                ));
                l.push(format!(
                    "  guest role {}",
                    printable(r.unauthenticated.as_deref().unwrap_or("none"))
                ));
                for m in &r.mappings {
                    match &m.kind {
                        MappingKind::Token => l.push(format!(
                            "  mapping for {}: Token (cognito:preferred_role), ambiguous → {}",
                            provider(&m.provider),
                            ambiguous(m.ambiguous.as_ref())
                        )),
                        MappingKind::Rules => {
                            l.push(format!(
                                "  mapping for {}: Rules in order, ambiguous → {}",
                                provider(&m.provider),
                                ambiguous(m.ambiguous.as_ref())
                            ));
                            for (i, rule) in m.rules.iter().enumerate() {
                                l.push(format!(
                                    "    {}. {} {} {:?} → {}",
                                    i + 1,
                                    printable(&rule.claim),
                                    rule.match_type.as_str(),
                                    printable(&rule.value),
                                    printable(role_name(&rule.role_arn))
                                ));
                            }
                        }
                        MappingKind::Other(t) => l.push(format!(
                            "  mapping for {}: {}",
                            provider(&m.provider),
                            printable(t)
                        )),
                    }
                }
                if let Some(groups) = groups {
                    l.extend(linked(groups, r));
                }
            }
        }
        l.push(String::new());
    }
    l
}

/// Each group with a role: its precedence, and how this pool can hand its role out.
fn linked(groups: &[Group], roles: &PoolRoles) -> Vec<String> {
    let mut out = Vec::new();
    let mut sorted: Vec<&Group> = groups.iter().filter(|g| g.role_arn.is_some()).collect();
    sorted.sort_by_key(|g| g.precedence.map_or((1, 0), |p| (0, p)));
    if sorted.is_empty() {
        return out;
    }
    out.push("  the user pool's groups and their roles (lowest precedence first):".to_owned());
    let token = roles.mappings.iter().any(|m| m.kind == MappingKind::Token);
    for g in sorted {
        let arn = g.role_arn.as_deref().unwrap_or_default();
        let mut how = Vec::new();
        if token {
            how.push("Token (preferred role)".to_owned());
        }
        for m in &roles.mappings {
            for (i, r) in m.rules.iter().enumerate() {
                if r.role_arn == arn {
                    how.push(format!("rule {} for {}", i + 1, provider(&m.provider)));
                }
            }
        }
        if roles.authenticated.as_deref() == Some(arn) {
            how.push("the authenticated role".to_owned());
        }
        out.push(format!(
            "    {} (precedence {}) → {}: {}",
            printable(&g.name),
            g.precedence
                .map_or_else(|| "none".to_owned(), |p| p.to_string()),
            printable(role_name(arn)),
            if how.is_empty() {
                "not handed out by this pool".to_owned()
            } else {
                how.join(", ")
            }
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::identity::{MappingRule, MatchType, RoleMapping, TrustedProvider};

    #[test]
    fn a_pool_reads_as_its_providers_roles_rules_and_linked_groups() {
        let arn = |n: &str| format!("arn:aws:iam::1:role/{n}");
        let pool = IdentityPool {
            id: "us-east-1:1".into(),
            name: "ids".into(),
            allow_classic_flow: true,
            cognito_providers: vec![TrustedProvider {
                provider_name: "cognito-idp.us-east-1.amazonaws.com/us-east-1_a".into(),
                client_id: Some("web".into()),
                server_side_token_check: false,
            }],
            ..Default::default()
        };
        let roles = PoolRoles {
            authenticated: Some(arn("signed-in")),
            unauthenticated: None,
            mappings: vec![RoleMapping {
                provider: "cognito-idp.us-east-1.amazonaws.com/us-east-1_a:server".into(),
                kind: MappingKind::Rules,
                ambiguous: Some(Ambiguous::Deny),
                rules: vec![MappingRule {
                    claim: "custom:role".into(),
                    match_type: MatchType::Equals,
                    value: "student".into(),
                    role_arn: arn("student"),
                }],
            }],
        };
        let groups = [
            Group {
                name: "student".into(),
                precedence: Some(100),
                description: None,
                role_arn: Some(arn("student")),
                created: None,
            },
            Group {
                name: "admin".into(),
                precedence: Some(1),
                description: None,
                role_arn: Some(arn("admin")),
                created: None,
            },
        ];
        let text = lines(&[(pool, Ok(roles))], Some(&groups)).join("\n");
        for want in [
            "ids  us-east-1:1",
            "guests off, basic flow allowed",
            "trusts cognito-idp.us-east-1.amazonaws.com/us-east-1_a client web",
            "guest role none",
            "mapping for client server: Rules in order, ambiguous → Deny",
            "1. custom:role Equals \"student\" → student",
            "student (precedence 100) → student: rule 1 for client server",
            "admin (precedence 1) → admin: not handed out by this pool",
        ] {
            assert!(text.contains(want), "{want:?} in\n{text}");
        }
        assert!(text.find("admin (precedence 1)") < text.find("student (precedence 100)"));
        assert_eq!(lines(&[], None), ["no identity pools"]);
    }
}
