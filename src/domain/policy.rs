//! The pool's rules, checked before any call: temporary passwords that fit a pool's
//! password policy (generated from a random source the caller hands in, so this stays
//! pure) and attribute edits checked against the pool's schema. No SDK, no UI, no I/O.

use rand::Rng;
use rand::seq::SliceRandom;

use crate::domain::secret::Secret;
use crate::domain::{PasswordPolicy, SchemaAttribute};

// ---------------------------------------------------------------------------------------
// Temporary passwords
// ---------------------------------------------------------------------------------------

/// Every special character Cognito's password policy counts as a symbol.
pub const COGNITO_SYMBOLS: &str = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+-";

/// The symbols generated passwords use: Cognito's set minus quotes, backslash and backtick,
/// so a password can be read aloud, pasted into a shell or a JSON file unescaped.
const GENERATED_SYMBOLS: &str = "^$*.[]{}()?!@#%&/,><:;|_~=+-";
const UPPER: &str = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const LOWER: &str = "abcdefghijkmnopqrstuvwxyz";
const DIGITS: &str = "23456789";

/// Generated passwords are at least this long, whatever the policy's minimum.
pub const GENERATED_MIN_LENGTH: usize = 16;

/// A temporary password that fits `policy`: at least its minimum length (and 16), with an
/// upper-case letter, a lower-case letter, a digit and a symbol whatever the policy requires
/// (a class the policy does not require is still allowed). The random source is handed in:
/// the executor passes the OS's, tests a seeded one.
pub fn generate_password_with<R: Rng + ?Sized>(policy: &PasswordPolicy, rng: &mut R) -> Secret {
    let min = policy.minimum_length.unwrap_or(8).clamp(6, 256) as usize;
    let len = min.max(GENERATED_MIN_LENGTH);
    let classes: [&[u8]; 4] = [
        UPPER.as_bytes(),
        LOWER.as_bytes(),
        DIGITS.as_bytes(),
        GENERATED_SYMBOLS.as_bytes(),
    ];
    let all: Vec<u8> = classes.concat();
    let mut out: Vec<u8> = classes
        .iter()
        .map(|c| c[rng.gen_range(0..c.len())])
        .collect();
    while out.len() < len {
        out.push(all[rng.gen_range(0..all.len())]);
    }
    out.shuffle(rng);
    Secret::new(String::from_utf8(out).unwrap_or_default())
}

/// What `password` lacks under `policy`, one sentence each; empty when it fits.
pub fn password_problems(policy: &PasswordPolicy, password: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let min = policy.minimum_length.unwrap_or(8).max(0) as usize;
    if password.chars().count() < min {
        problems.push(format!("is shorter than {min} characters"));
    }
    if policy.require_uppercase && !password.chars().any(|c| c.is_ascii_uppercase()) {
        problems.push("has no upper-case letter".into());
    }
    if policy.require_lowercase && !password.chars().any(|c| c.is_ascii_lowercase()) {
        problems.push("has no lower-case letter".into());
    }
    if policy.require_numbers && !password.chars().any(|c| c.is_ascii_digit()) {
        problems.push("has no digit".into());
    }
    if policy.require_symbols && !password.chars().any(|c| COGNITO_SYMBOLS.contains(c)) {
        problems.push(format!("has no symbol (one of {COGNITO_SYMBOLS})"));
    }
    if password.starts_with(' ') || password.ends_with(' ') {
        problems.push("starts or ends with a space".into());
    }
    problems
}

// ---------------------------------------------------------------------------------------
// Attribute edits
// ---------------------------------------------------------------------------------------

/// An edit of one user attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeEdit<'a> {
    Set(&'a str),
    Delete,
}

/// Why an attribute edit is refused before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttributeRefusal {
    #[error("{name} is not an attribute of this pool")]
    Unknown { name: String },
    #[error("{name} is a custom attribute: write it as {suggestion}")]
    MissingPrefix { name: String, suggestion: String },
    #[error("{name} is immutable: it is set when the user is created and cannot change")]
    Immutable { name: String },
    #[error("{name} is required by the pool and cannot be deleted")]
    Required { name: String },
    #[error("{name} must be at least {min} characters")]
    TooShort { name: String, min: usize },
    #[error("{name} must be at most {max} characters")]
    TooLong { name: String, max: usize },
    #[error("{name} must be a whole number")]
    NotANumber { name: String },
    #[error("{name} must be between {min} and {max}")]
    OutOfRange {
        name: String,
        min: String,
        max: String,
    },
    #[error("{name} must be true or false")]
    NotABoolean { name: String },
}

/// Check an edit of attribute `name` against the pool's schema (DescribeUserPool's
/// SchemaAttributes): the attribute must exist (custom ones with their `custom:` prefix),
/// be mutable, not be required when deleted, and the value must fit its type and bounds.
pub fn check_attribute_edit(
    schema: &[SchemaAttribute],
    name: &str,
    edit: AttributeEdit<'_>,
) -> Result<(), AttributeRefusal> {
    let Some(attr) = schema.iter().find(|a| a.name == name) else {
        let prefixed = format!("custom:{name}");
        if !name.contains(':') && schema.iter().any(|a| a.name == prefixed) {
            return Err(AttributeRefusal::MissingPrefix {
                name: name.into(),
                suggestion: prefixed,
            });
        }
        return Err(AttributeRefusal::Unknown { name: name.into() });
    };
    if !attr.mutable {
        return Err(AttributeRefusal::Immutable { name: name.into() });
    }
    let value = match edit {
        AttributeEdit::Delete if attr.required => {
            return Err(AttributeRefusal::Required { name: name.into() });
        }
        AttributeEdit::Delete => return Ok(()),
        AttributeEdit::Set(v) => v,
    };
    let parse = |s: &Option<String>| s.as_deref().and_then(|v| v.parse::<i64>().ok());
    match attr.data_type.as_str() {
        "Number" => {
            let n: i64 = value
                .trim()
                .parse()
                .map_err(|_| AttributeRefusal::NotANumber { name: name.into() })?;
            let (lo, hi) = (parse(&attr.min_value), parse(&attr.max_value));
            if lo.is_some_and(|lo| n < lo) || hi.is_some_and(|hi| n > hi) {
                return Err(AttributeRefusal::OutOfRange {
                    name: name.into(),
                    min: attr.min_value.clone().unwrap_or_else(|| "-∞".into()),
                    max: attr.max_value.clone().unwrap_or_else(|| "∞".into()),
                });
            }
        }
        "Boolean" => {
            if value != "true" && value != "false" {
                return Err(AttributeRefusal::NotABoolean { name: name.into() });
            }
        }
        _ => {
            let len = value.chars().count();
            if let Some(min) = parse(&attr.min_length)
                && (len as i64) < min
            {
                return Err(AttributeRefusal::TooShort {
                    name: name.into(),
                    min: min as usize,
                });
            }
            if let Some(max) = parse(&attr.max_length)
                && (len as i64) > max
            {
                return Err(AttributeRefusal::TooLong {
                    name: name.into(),
                    max: max as usize,
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    use super::*;

    fn policy(min: i32, all: bool) -> PasswordPolicy {
        PasswordPolicy {
            minimum_length: Some(min),
            require_uppercase: all,
            require_lowercase: all,
            require_numbers: all,
            require_symbols: all,
            temporary_password_validity_days: 7,
            password_history_size: None,
        }
    }

    #[test]
    fn generated_passwords_fit_every_policy() {
        let mut rng = StdRng::seed_from_u64(7);
        for min in [6, 8, 12, 16, 20, 40, 99] {
            for all in [true, false] {
                let p = policy(min, all);
                for _ in 0..200 {
                    let pw = generate_password_with(&p, &mut rng);
                    assert!(pw.len() >= min as usize && pw.len() >= GENERATED_MIN_LENGTH);
                    assert_eq!(
                        password_problems(&policy(min, true), pw.expose()),
                        Vec::<String>::new(),
                        "{min}"
                    );
                    assert!(
                        pw.expose()
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || COGNITO_SYMBOLS.contains(c))
                    );
                    for bad in ['"', '\'', '\\', '`', ' '] {
                        assert!(!pw.expose().contains(bad));
                    }
                }
            }
        }
    }

    #[test]
    fn generated_passwords_differ() {
        let p = policy(8, true);
        let a = generate_password_with(&p, &mut rand::rngs::OsRng);
        let b = generate_password_with(&p, &mut rand::rngs::OsRng);
        assert_ne!(a, b);
        assert!(!format!("{a:?}").contains(a.expose()));
    }

    #[test]
    fn password_problems_name_what_is_missing() {
        let p = policy(10, true);
        assert_eq!(password_problems(&p, "Abcdef1!xy"), Vec::<String>::new());
        let problems = password_problems(&p, "abc");
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].contains("shorter than 10"));
        assert!(password_problems(&policy(8, false), "abcdefgh").is_empty());
        // Every character of Cognito's set counts as a symbol.
        for c in COGNITO_SYMBOLS.chars() {
            let pw = format!("Abcdefgh1{c}");
            assert!(password_problems(&p, &pw).is_empty(), "{c}");
        }
    }

    fn attr(name: &str, data_type: &str, mutable: bool, required: bool) -> SchemaAttribute {
        SchemaAttribute {
            name: name.into(),
            data_type: data_type.into(),
            mutable,
            required,
            developer_only: false,
            min_length: None,
            max_length: None,
            min_value: None,
            max_value: None,
        }
    }

    fn schema() -> Vec<SchemaAttribute> {
        let mut role = attr("custom:role", "String", true, false);
        role.min_length = Some("3".into());
        role.max_length = Some("10".into());
        let mut level = attr("custom:level", "Number", true, false);
        level.min_value = Some("1".into());
        level.max_value = Some("5".into());
        vec![
            attr("sub", "String", false, true),
            attr("email", "String", true, true),
            attr("email_verified", "Boolean", true, false),
            attr("name", "String", true, false),
            attr("custom:tenant", "String", false, false),
            role,
            level,
        ]
    }

    #[test]
    fn attribute_edits_are_checked_against_the_schema() {
        let s = schema();
        use AttributeEdit::*;
        assert_eq!(check_attribute_edit(&s, "name", Set("Alice")), Ok(()));
        assert_eq!(check_attribute_edit(&s, "name", Delete), Ok(()));
        assert_eq!(
            check_attribute_edit(&s, "custom:role", Set("admin")),
            Ok(())
        );

        let e = check_attribute_edit(&s, "sub", Set("x")).unwrap_err();
        assert_eq!(e, AttributeRefusal::Immutable { name: "sub".into() });
        assert!(e.to_string().contains("immutable"), "{e}");
        assert!(matches!(
            check_attribute_edit(&s, "custom:tenant", Set("t")),
            Err(AttributeRefusal::Immutable { .. })
        ));
        assert!(matches!(
            check_attribute_edit(&s, "custom:tenant", Delete),
            Err(AttributeRefusal::Immutable { .. })
        ));
        assert_eq!(
            check_attribute_edit(&s, "email", Delete),
            Err(AttributeRefusal::Required {
                name: "email".into()
            })
        );
        let e = check_attribute_edit(&s, "role", Set("admin")).unwrap_err();
        assert_eq!(
            e,
            AttributeRefusal::MissingPrefix {
                name: "role".into(),
                suggestion: "custom:role".into()
            }
        );
        assert!(e.to_string().contains("custom:role"));
        assert_eq!(
            check_attribute_edit(&s, "custom:nope", Set("x")),
            Err(AttributeRefusal::Unknown {
                name: "custom:nope".into()
            })
        );
        assert!(matches!(
            check_attribute_edit(&s, "favourite_colour", Set("x")),
            Err(AttributeRefusal::Unknown { .. })
        ));
    }

    #[test]
    fn attribute_values_fit_type_and_bounds() {
        let s = schema();
        use AttributeEdit::Set;
        assert!(matches!(
            check_attribute_edit(&s, "custom:role", Set("ab")),
            Err(AttributeRefusal::TooShort { min: 3, .. })
        ));
        assert!(matches!(
            check_attribute_edit(&s, "custom:role", Set("abcdefghijk")),
            Err(AttributeRefusal::TooLong { max: 10, .. })
        ));
        assert_eq!(check_attribute_edit(&s, "custom:level", Set("5")), Ok(()));
        assert!(matches!(
            check_attribute_edit(&s, "custom:level", Set("6")),
            Err(AttributeRefusal::OutOfRange { .. })
        ));
        assert!(matches!(
            check_attribute_edit(&s, "custom:level", Set("two")),
            Err(AttributeRefusal::NotANumber { .. })
        ));
        assert_eq!(
            check_attribute_edit(&s, "email_verified", Set("true")),
            Ok(())
        );
        assert!(matches!(
            check_attribute_edit(&s, "email_verified", Set("yes")),
            Err(AttributeRefusal::NotABoolean { .. })
        ));
    }
}
