//! Why `connect` found no usable AWS credentials, in a few short lines for stderr: what the
//! chain tried and what to do. Read from the provider's error (its chain of attempts and
//! causes); the full error goes to the log only. It imports nothing else of `cognito/`.

use std::error::Error;

use aws_config::meta::ProviderChainError;

/// Where credentials were looked for, in the user's words, from the chain's attempt names.
fn tried(name: &str) -> &str {
    match name {
        "Environment" => "the environment",
        "Profile" => "profile files (incl. SSO)",
        "WebIdentityToken" => "web identity",
        "EcsContainer" => "container",
        "Ec2InstanceMetadata" => "instance metadata",
        other => other,
    }
}

/// Every message of `err` and its causes, outermost first.
fn messages(err: &(dyn Error + 'static)) -> Vec<String> {
    let mut out = vec![err.to_string()];
    let mut cur = err;
    while let Some(next) = cur.source() {
        out.push(next.to_string());
        cur = next;
    }
    out
}

/// One line of at most `max` characters, control characters dropped.
fn line(s: &str, max: usize) -> String {
    let s: String = s
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    if s.chars().count() > max {
        format!("{}…", s.chars().take(max).collect::<String>())
    } else {
        s
    }
}

/// The sentence for a failed credentials load. `profile` is the one asked for (`--profile`
/// or `AWS_PROFILE`), if any.
pub(super) fn no_credentials<E: Error + 'static>(err: &E, profile: Option<&str>) -> String {
    let chain = err
        .source()
        .and_then(|s| s.downcast_ref::<ProviderChainError<E>>());
    let all = messages(err);
    let lower: Vec<String> = all.iter().map(|m| m.to_lowercase()).collect();
    let which = profile
        .map(|p| format!(" for profile {p:?}"))
        .unwrap_or_default();
    let login = match profile {
        Some(p) => format!("aws sso login --profile {p}"),
        None => "aws sso login".to_string(),
    };
    if lower.iter().any(|m| m.contains("sso")) {
        let state = if lower.iter().any(|m| m.contains("expired")) {
            "has expired"
        } else {
            "has no cached sign-in (never logged in, or logged out)"
        };
        return format!(
            "no usable AWS credentials{which}: the SSO session {state}.\n  Fix: {login}"
        );
    }
    if let Some(p) = profile
        && lower.iter().any(|m| m.contains("was not defined"))
    {
        return format!(
            "no usable AWS credentials: profile {p:?} is not in ~/.aws/config or \
             ~/.aws/credentials.\n  Fix: check the name (`aws configure list-profiles`), or \
             drop --profile / AWS_PROFILE."
        );
    }
    if let Some(chain) = chain {
        let places: Vec<&str> = chain.attempts().iter().map(|a| tried(a.name())).collect();
        return format!(
            "no usable AWS credentials{which}: none found.\n  Tried: {}.\n  Fix: `aws \
             configure` or `{login}`, or pick a profile with --profile NAME;\n  for a local \
             emulator: AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test and --endpoint-url URL.",
            places.join(", ")
        );
    }
    let cause = all.last().map(String::as_str).unwrap_or("");
    format!(
        "no usable AWS credentials{which}: {}.\n  The full error is in the log; \
         `aws sts get-caller-identity` shows what the AWS CLI finds.",
        line(cause, 160)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error with a message and an optional cause, like the SDK's layered errors.
    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<Layer>>);

    impl std::fmt::Display for Layer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    impl Error for Layer {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            self.1.as_deref().map(|l| l as &(dyn Error + 'static))
        }
    }

    fn layers(msgs: &[&'static str]) -> Layer {
        msgs.iter()
            .rev()
            .fold(None, |inner, m| Some(Layer(m, inner.map(Box::new))))
            .unwrap()
    }

    #[test]
    fn an_expired_sso_session_says_to_log_in_with_the_profile() {
        let e = layers(&[
            "an error occurred while loading credentials",
            "an error occurred while loading an access token",
            "the SSO token has expired and cannot be refreshed",
        ]);
        let s = no_credentials(&e, Some("dev"));
        assert!(s.contains("SSO session has expired"), "{s}");
        assert!(s.ends_with("Fix: aws sso login --profile dev"), "{s}");
        let e = layers(&["failed to load the cached SSO token", "No such file"]);
        let s = no_credentials(&e, Some("dev"));
        assert!(s.contains("no cached sign-in"), "{s}");
    }

    #[test]
    fn an_unknown_profile_is_named() {
        let e = layers(&[
            "the credential provider was not enabled",
            "profile `nope` was not defined: could not find source profile nope",
        ]);
        let s = no_credentials(&e, Some("nope"));
        assert!(
            s.starts_with("no usable AWS credentials: profile \"nope\""),
            "{s}"
        );
        assert!(s.contains("aws configure list-profiles"), "{s}");
    }

    #[test]
    fn anything_else_is_one_short_cause_and_a_pointer_to_the_log() {
        let e = layers(&[
            "an error occurred",
            "dispatch failure",
            "connection refused\nmore",
        ]);
        let s = no_credentials(&e, None);
        assert_eq!(s.lines().count(), 2, "{s}");
        assert!(
            s.starts_with("no usable AWS credentials: connection refused."),
            "{s}"
        );
        assert!(s.contains("in the log"), "{s}");
    }
}
