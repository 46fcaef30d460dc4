//! The role-resolution table: Token (preferred role, precedence ties, CustomRoleArn), Rules
//! (order, each match type, a missing claim), and the fall-backs (no mapping, ambiguous →
//! authenticated role or Deny), plus the comparison with the service's answer.

use serde_json::{Value, json};

use super::*;
use crate::domain::identity::{MappingRule, RoleMapping};

const KEY: &str = "cognito-idp.us-east-1.amazonaws.com/us-east-1_w:web";

fn arn(name: &str) -> String {
    format!("arn:aws:iam::000000000000:role/{name}")
}

fn group(name: &str, precedence: Option<i32>, role: Option<&str>) -> Group {
    Group {
        name: name.into(),
        precedence,
        role_arn: role.map(arn),
        description: None,
        created: None,
    }
}

fn rule(claim: &str, how: MatchType, value: &str, role: &str) -> MappingRule {
    MappingRule {
        claim: claim.into(),
        match_type: how,
        value: value.into(),
        role_arn: arn(role),
    }
}

fn roles(kind: MappingKind, ambiguous: Option<Ambiguous>, rules: Vec<MappingRule>) -> PoolRoles {
    PoolRoles {
        authenticated: Some(arn("auth")),
        unauthenticated: Some(arn("guest")),
        mappings: vec![RoleMapping {
            provider: KEY.into(),
            kind,
            ambiguous,
            rules,
        }],
    }
}

fn ask(
    roles: &PoolRoles,
    claims: Value,
    custom: Option<&str>,
    groups: Option<&[Group]>,
) -> Explanation {
    explain(&Question {
        roles,
        provider_key: KEY,
        claims: &claims,
        custom_role_arn: custom,
        groups,
        guest: false,
    })
}

fn role_of(e: &Explanation) -> String {
    match &e.predicted {
        Predicted::Role(r) => role_name(r).to_owned(),
        Predicted::Deny(_) => "DENY".to_owned(),
    }
}

#[test]
fn preferred_role_follows_the_lowest_precedence_and_a_tie_of_different_roles_sets_none() {
    let g = [
        group("admin", Some(10), Some("admin")),
        group("instructor", Some(20), Some("instructor")),
        group("student", Some(30), Some("student")),
        group("twin", Some(20), Some("twin")),
        group("same", Some(20), Some("instructor")),
        group("plain", Some(1), None),
        group("unranked", None, Some("unranked")),
    ];
    let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let table: &[(&[&str], Option<&str>, usize)] = &[
        (&["student"], Some("student"), 1),
        (&["student", "instructor"], Some("instructor"), 2),
        (&["admin", "instructor", "student"], Some("admin"), 3),
        // Same precedence, different roles: no preferred role.
        (&["instructor", "twin"], None, 2),
        // Same precedence, same role: that role.
        (&["instructor", "same"], Some("instructor"), 1),
        // A group without a role does not count, even with the best precedence.
        (&["plain", "student"], Some("student"), 1),
        // A group without precedence comes after every ranked one.
        (&["unranked", "student"], Some("student"), 2),
        (&["unranked"], Some("unranked"), 1),
        (&[], None, 0),
    ];
    for (member_of, want, n_roles) in table {
        let (preferred, all) = token_roles(&g, &names(member_of));
        assert_eq!(
            preferred.as_deref().map(role_name),
            *want,
            "groups {member_of:?}"
        );
        assert_eq!(all.len(), *n_roles, "groups {member_of:?}");
    }
}

#[test]
fn token_mapping_table() {
    let pr = roles(
        MappingKind::Token,
        Some(Ambiguous::AuthenticatedRole),
        vec![],
    );
    let deny = roles(MappingKind::Token, Some(Ambiguous::Deny), vec![]);
    let g = [
        group("instructor", Some(20), Some("instructor")),
        group("student", Some(30), Some("student")),
        group("twin", Some(20), Some("twin")),
    ];
    let tok = |preferred: Option<&str>, all: &[&str]| {
        let mut c = json!({"token_use": "id", "cognito:roles": all.iter().map(|r| arn(r)).collect::<Vec<_>>()});
        if let Some(p) = preferred {
            c["cognito:preferred_role"] = json!(arn(p));
        }
        c
    };
    let groups_only = |g: &[&str]| json!({"cognito:groups": g});
    let student_arn = arn("student");
    let nope_arn = arn("nope");
    type Row<'a> = (
        &'a str,
        &'a PoolRoles,
        Value,
        Option<&'a str>,
        Option<&'a [Group]>,
        &'a str,
    );
    let table: Vec<Row> = vec![
        (
            "preferred role",
            &pr,
            tok(Some("student"), &["student"]),
            None,
            None,
            "student",
        ),
        (
            "custom role among cognito:roles",
            &pr,
            tok(Some("instructor"), &["student", "instructor"]),
            Some(&student_arn),
            None,
            "student",
        ),
        (
            "custom role not among cognito:roles",
            &pr,
            tok(Some("instructor"), &["student", "instructor"]),
            Some(&nope_arn),
            None,
            "DENY",
        ),
        (
            "no preferred role → authenticated role",
            &pr,
            tok(None, &["student", "twin"]),
            None,
            None,
            "auth",
        ),
        (
            "no preferred role → deny",
            &deny,
            tok(None, &["student", "twin"]),
            None,
            None,
            "DENY",
        ),
        (
            "completed from groups",
            &pr,
            groups_only(&["student", "instructor"]),
            None,
            Some(&g),
            "instructor",
        ),
        (
            "precedence tie from groups → deny",
            &deny,
            groups_only(&["instructor", "twin"]),
            None,
            Some(&g),
            "DENY",
        ),
        (
            "groups unknown → ambiguous",
            &pr,
            groups_only(&["student"]),
            None,
            None,
            "auth",
        ),
        (
            "no groups at all → ambiguous → deny",
            &deny,
            json!({}),
            None,
            Some(&g),
            "DENY",
        ),
    ];
    for (name, pool, claims, custom, groups, want) in table {
        let e = ask(pool, claims, custom, groups);
        assert_eq!(role_of(&e), want, "{name}: {:?}", e.reasons);
        assert!(!e.reasons.is_empty(), "{name}");
    }
}

#[test]
fn rules_table_order_match_types_and_missing_claims() {
    let rules = vec![
        rule("custom:role", MatchType::Equals, "admin", "admin"),
        rule("custom:role", MatchType::StartsWith, "instr", "instructor"),
        rule("email", MatchType::Contains, "@school.", "student"),
        rule("custom:role", MatchType::NotEqual, "banned", "visitor"),
    ];
    let pr = roles(
        MappingKind::Rules,
        Some(Ambiguous::AuthenticatedRole),
        rules.clone(),
    );
    let deny = roles(MappingKind::Rules, Some(Ambiguous::Deny), rules);
    let table: Vec<(&str, &PoolRoles, Value, &str)> = vec![
        (
            "equals",
            &pr,
            json!({"custom:role": "admin", "email": "a@school.org"}),
            "admin",
        ),
        (
            "starts with",
            &pr,
            json!({"custom:role": "instructor"}),
            "instructor",
        ),
        // Rule order: both rule 3 and rule 4 match; the earlier one wins.
        (
            "order",
            &pr,
            json!({"custom:role": "student", "email": "s@school.org"}),
            "student",
        ),
        (
            "not equal",
            &pr,
            json!({"custom:role": "student", "email": "s@home.org"}),
            "visitor",
        ),
        // A missing claim matches no rule, NotEqual included.
        (
            "missing claim → ambiguous → authenticated",
            &pr,
            json!({"email": "x@home.org"}),
            "auth",
        ),
        (
            "missing claim → ambiguous → deny",
            &deny,
            json!({"email": "x@home.org"}),
            "DENY",
        ),
        (
            "no rule matches → deny",
            &deny,
            json!({"custom:role": "banned"}),
            "DENY",
        ),
        (
            "list claim, element-wise",
            &pr,
            json!({"custom:role": ["x", "admin"]}),
            "admin",
        ),
    ];
    for (name, pool, claims, want) in table {
        let e = ask(pool, claims, None, None);
        assert_eq!(role_of(&e), want, "{name}: {:?}", e.reasons);
    }
    let e = ask(&pr, json!({"email": "x@home.org"}), None, None);
    assert!(
        e.reasons
            .iter()
            .any(|r| r.contains("custom:role is not in the token")),
        "{:?}",
        e.reasons
    );
}

#[test]
fn fall_backs_guest_and_unknowns() {
    let none = PoolRoles {
        authenticated: Some(arn("auth")),
        unauthenticated: None,
        mappings: vec![],
    };
    let e = ask(&none, json!({}), None, None);
    assert_eq!(role_of(&e), "auth");
    assert!(e.reasons[0].contains("no role mapping"));
    let guest = |roles: &PoolRoles| {
        explain(&Question {
            roles,
            provider_key: KEY,
            claims: &Value::Null,
            custom_role_arn: None,
            groups: None,
            guest: true,
        })
    };
    assert_eq!(role_of(&guest(&none)), "DENY");
    let pr = roles(MappingKind::Token, None, vec![]);
    assert_eq!(role_of(&guest(&pr)), "guest");
    // Token mapping without AmbiguousRoleResolution and no preferred role: refused.
    assert_eq!(role_of(&ask(&pr, json!({}), None, None)), "DENY");
    let odd = roles(
        MappingKind::Rules,
        Some(Ambiguous::AuthenticatedRole),
        vec![rule("a", MatchType::Other("Regex".into()), "x", "r")],
    );
    assert_eq!(role_of(&ask(&odd, json!({"a": "x"}), None, None)), "auth");
    let no_auth = PoolRoles::default();
    assert_eq!(role_of(&ask(&no_auth, json!({}), None, None)), "DENY");
}

#[test]
fn comparison_names_both_sides() {
    let p = Predicted::Role(arn("student"));
    assert_eq!(compare(&p, Some("student")), Comparison::Same);
    assert_eq!(compare(&p, Some(&arn("student"))), Comparison::Same);
    let Comparison::Differs(s) = compare(&p, Some("auth")) else {
        panic!("a difference")
    };
    assert!(s.contains("auth") && s.contains("student"), "{s}");
    let d = Predicted::Deny("Deny".into());
    assert_eq!(compare(&d, None), Comparison::Same);
    assert!(matches!(compare(&d, Some("auth")), Comparison::Differs(_)));
    assert!(matches!(compare(&p, None), Comparison::Differs(_)));
}

#[test]
fn expired_or_wrong_tokens_are_refused_before_any_call() {
    let now = 1_800_000_000;
    assert!(check_id_token(&json!({"token_use": "id", "exp": now + 60}), now).is_ok());
    let e = check_id_token(&json!({"token_use": "id", "exp": now - 120}), now).unwrap_err();
    assert!(e.contains("expired") && e.contains("2 min ago"), "{e}");
    let e = check_id_token(&json!({"token_use": "access", "exp": now + 60}), now).unwrap_err();
    assert!(e.contains("ID token"), "{e}");
}
