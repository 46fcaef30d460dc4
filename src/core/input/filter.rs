//! The server-side user filter: parse what the operator typed (`email ^= ali`) into a
//! `UserFilter` and build the ListUsers `Filter` expression (`email ^= "ali"`). Pure; every
//! mistake is a sentence shown before any call is made.

use std::fmt;

/// The attributes ListUsers can filter on.
pub const SEARCHABLE: &[&str] = &[
    "username",
    "email",
    "phone_number",
    "name",
    "given_name",
    "family_name",
    "preferred_username",
    "cognito:user_status",
    "status",
    "sub",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=`: exact match.
    Equals,
    /// `^=`: starts with.
    StartsWith,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Equals => "=",
            Op::StartsWith => "^=",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserFilter {
    pub attribute: String,
    pub op: Op,
    pub value: String,
}

impl UserFilter {
    /// The ListUsers `Filter` expression: the value in double quotes, with `\` and `"`
    /// escaped by a backslash.
    pub fn expression(&self) -> String {
        let mut escaped = String::with_capacity(self.value.len() + 2);
        for c in self.value.chars() {
            if c == '"' || c == '\\' {
                escaped.push('\\');
            }
            escaped.push(c);
        }
        format!("{} {} \"{}\"", self.attribute, self.op.symbol(), escaped)
    }
}

impl fmt::Display for UserFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.expression())
    }
}

/// Parse `attribute = value` or `attribute ^= value`. The value may be bare (the rest of the
/// line, trimmed) or in double quotes (`\"` and `\\` inside). An empty input means "no
/// filter" (`Ok(None)`).
pub fn parse(input: &str) -> Result<Option<UserFilter>, String> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    let (lhs, op, rhs) = match (input.find("^="), input.find('=')) {
        (Some(i), _) if input[..i].find('=').is_none() => {
            (&input[..i], Op::StartsWith, &input[i + 2..])
        }
        (_, Some(i)) => (&input[..i], Op::Equals, &input[i + 1..]),
        _ => {
            return Err(format!(
                "expected `attribute = value` or `attribute ^= value`, got {input:?}"
            ));
        }
    };
    let attribute = lhs.trim();
    if attribute.is_empty() {
        return Err("the filter needs an attribute before the operator".into());
    }
    if !SEARCHABLE.contains(&attribute) {
        return Err(format!(
            "{attribute:?} cannot be searched on the server; use one of: {}",
            SEARCHABLE.join(", ")
        ));
    }
    let value = unquote(rhs.trim())?;
    if value.is_empty() {
        return Err(format!("the filter needs a value after {}", op.symbol()));
    }
    if value.chars().count() > 256 {
        return Err("the value is longer than 256 characters".into());
    }
    if value.chars().any(char::is_control) {
        return Err("the value contains a control character".into());
    }
    if attribute == "status" && !matches!(value.as_str(), "Enabled" | "Disabled") {
        return Err(format!(
            "status is \"Enabled\" or \"Disabled\", not {value:?}"
        ));
    }
    Ok(Some(UserFilter {
        attribute: attribute.to_string(),
        op,
        value,
    }))
}

fn unquote(s: &str) -> Result<String, String> {
    let Some(inner) = s.strip_prefix('"') else {
        return Ok(s.to_string());
    };
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n) => out.push(n),
                None => return Err("the value ends with a lone backslash".into()),
            },
            '"' => {
                return if chars.as_str().trim().is_empty() {
                    Ok(out)
                } else {
                    Err("text after the closing quote".into())
                };
            }
            c => out.push(c),
        }
    }
    Err("the value's quote is not closed".into())
}

/// Complete the attribute being typed (the text before any operator): the one searchable
/// attribute it starts, or the longest prefix several share.
pub fn complete(input: &str) -> Option<String> {
    if input.contains('=') {
        return None;
    }
    let typed = input.trim_start();
    let found: Vec<&str> = SEARCHABLE
        .iter()
        .copied()
        .filter(|a| a.starts_with(typed))
        .collect();
    match found.as_slice() {
        [] => None,
        [one] => Some(format!("{one} ")),
        many => {
            let first = many[0];
            let len = (0..first.len())
                .take_while(|&i| {
                    many.iter()
                        .all(|a| a.as_bytes().get(i) == first.as_bytes().get(i))
                })
                .count();
            (len > typed.len()).then(|| first[..len].to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        parse(s).unwrap().unwrap().expression()
    }

    #[test]
    fn builds_quoted_expressions() {
        assert_eq!(ok("email ^= ali"), r#"email ^= "ali""#);
        assert_eq!(ok("username=alice"), r#"username = "alice""#);
        assert_eq!(ok(r#"name = "Alice Nguyen""#), r#"name = "Alice Nguyen""#);
        assert_eq!(ok("  name ^= Alice Ng  "), r#"name ^= "Alice Ng""#);
        assert_eq!(ok("status = Disabled"), r#"status = "Disabled""#);
        assert_eq!(
            ok("cognito:user_status = UNCONFIRMED"),
            r#"cognito:user_status = "UNCONFIRMED""#
        );
    }

    #[test]
    fn escapes_quotes_and_backslashes() {
        assert_eq!(ok(r#"name = a"b\c"#), r#"name = "a\"b\\c""#);
        assert_eq!(ok(r#"name = "a\"b""#), r#"name = "a\"b""#);
        // An `=` inside the value is part of the value.
        assert_eq!(ok("name = a=b"), r#"name = "a=b""#);
        assert_eq!(ok("name ^= a^=b"), r#"name ^= "a^=b""#);
    }

    #[test]
    fn empty_input_is_no_filter() {
        assert_eq!(parse("   "), Ok(None));
    }

    #[test]
    fn rejects_bad_input_with_a_reason() {
        let err = |s: &str| parse(s).unwrap_err();
        assert!(err("alice").contains("expected `attribute = value`"));
        assert!(err("custom:role = admin").contains("cannot be searched"));
        assert!(err("= x").contains("needs an attribute"));
        assert!(err("email =").contains("needs a value"));
        assert!(err(r#"email = """#).contains("needs a value"));
        assert!(err(r#"email = "abc"#).contains("not closed"));
        assert!(err(r#"email = "a" b"#).contains("after the closing quote"));
        assert!(err("status = off").contains("Enabled"));
        assert!(err("email = a\u{7}").contains("control"));
        assert!(err(&format!("email = {}", "x".repeat(300))).contains("256"));
    }

    #[test]
    fn completes_the_attribute() {
        assert_eq!(complete("em").as_deref(), Some("email "));
        assert_eq!(complete("fam").as_deref(), Some("family_name "));
        assert_eq!(complete("s"), None, "status and sub share only the s");
        assert_eq!(complete("st").as_deref(), Some("status "));
        assert_eq!(complete("cog").as_deref(), Some("cognito:user_status "));
        assert_eq!(complete("email = x"), None);
        assert_eq!(complete("zzz"), None);
    }
}
