//! The `:` command line: parse a command with its aliases, and complete what is typed. Pure.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Pools,
    Clients,
    Users,
    Groups,
    Attributes,
    Triggers,
    Errors,
    Auth,
    /// `:domain`, `:scopes`, `:providers`: the pool's managed login (domain, resource
    /// servers and their scopes, identity providers), on top of the pool detail.
    ManagedLogin,
    /// `:identity-pools` — the region's identity pools, as text.
    IdentityPools,
    /// `:region NAME` — rebuild the gateway for another region.
    Region,
    /// `:profile NAME` — rebuild the gateway with another AWS profile.
    Profile,
    /// `:feedback N valid|invalid` — feedback on auth event N of the user detail (a write).
    Feedback,
    Help,
    Quit,
    /// `:presenter` — presenter mode on or off.
    Presenter,
    /// `:workshop` — the guided tour's chapter list.
    Workshop,
}

/// Every command: its name (first) and aliases.
pub const COMMANDS: &[(Command, &[&str])] = &[
    (Command::Pools, &["pools", "pool", "up"]),
    (Command::Clients, &["clients", "client", "apps", "app"]),
    (Command::Users, &["users", "user", "us"]),
    (Command::Groups, &["groups", "group", "grp"]),
    (
        Command::Attributes,
        &["attributes", "attrs", "attr", "schema"],
    ),
    (
        Command::Triggers,
        &["triggers", "trigger", "lambdas", "trig"],
    ),
    (Command::Errors, &["errors", "error", "err"]),
    (Command::Auth, &["auth", "signin", "sign-in", "login"]),
    (
        Command::ManagedLogin,
        &[
            "domain",
            "scopes",
            "providers",
            "idps",
            "resource-servers",
            "oauth",
        ],
    ),
    (
        Command::IdentityPools,
        &["identity-pools", "identitypools", "federated"],
    ),
    (Command::Region, &["region", "reg"]),
    (Command::Profile, &["profile", "prof"]),
    (Command::Feedback, &["feedback"]),
    (Command::Help, &["help", "?"]),
    (Command::Quit, &["quit", "q", "q!"]),
    (Command::Presenter, &["presenter", "present"]),
    (Command::Workshop, &["workshop", "tour", "chapters"]),
];

pub fn parse(input: &str) -> Result<Command, String> {
    let word = input.trim().trim_start_matches(':').trim().to_lowercase();
    if word.is_empty() {
        return Err("type a command, e.g. :users (tab completes)".into());
    }
    for (cmd, names) in COMMANDS {
        if names.contains(&word.as_str()) {
            return Ok(*cmd);
        }
    }
    let mut prefixed = COMMANDS
        .iter()
        .filter(|(_, names)| names[0].starts_with(&word));
    match (prefixed.next(), prefixed.next()) {
        (Some((cmd, _)), None) => Ok(*cmd),
        _ => Err(format!(
            "unknown command :{word} — try {}",
            names()
                .iter()
                .map(|n| format!(":{n}"))
                .collect::<Vec<_>>()
                .join(" ")
        )),
    }
}

/// A whole command line: the command and its argument (`:region eu-west-1`). Commands that
/// switch something need their argument; the others take none.
pub fn parse_line(input: &str) -> Result<(Command, Option<String>), String> {
    let line = input.trim().trim_start_matches(':').trim();
    let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let cmd = parse(word)?;
    let arg = rest.trim();
    match (cmd, arg.is_empty()) {
        (Command::Region, true) => Err(":region needs a region, e.g. :region eu-west-1".into()),
        (Command::Profile, true) => Err(":profile needs a profile name, e.g. :profile work".into()),
        (Command::Feedback, true) => {
            Err(":feedback needs an event and a verdict, e.g. :feedback 1 valid".into())
        }
        (Command::Feedback, false) => Ok((cmd, Some(arg.to_string()))),
        (Command::Region | Command::Profile, false) => {
            if arg.split_whitespace().count() > 1 {
                Err(format!("one name only, not {arg:?}"))
            } else {
                Ok((cmd, Some(arg.to_string())))
            }
        }
        (_, false) => Err(format!(":{} takes no argument", word.to_lowercase())),
        (_, true) => Ok((cmd, None)),
    }
}

/// The commands' names, for completion and messages.
pub fn names() -> Vec<&'static str> {
    COMMANDS.iter().map(|(_, n)| n[0]).collect()
}

/// Complete the typed text: the single command it starts, or the longest common prefix.
pub fn complete(input: &str) -> Option<String> {
    let typed = input.trim().to_lowercase();
    let found: Vec<&str> = names()
        .into_iter()
        .filter(|n| n.starts_with(&typed))
        .collect();
    match found.as_slice() {
        [] => None,
        [one] => Some(one.to_string()),
        many => {
            let first = many[0];
            let len = (0..first.len())
                .take_while(|&i| {
                    many.iter()
                        .all(|n| n.as_bytes().get(i) == first.as_bytes().get(i))
                })
                .count();
            Some(first[..len].to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_aliases_and_unique_prefixes() {
        assert_eq!(parse("users"), Ok(Command::Users));
        assert_eq!(parse(":clients"), Ok(Command::Clients));
        assert_eq!(parse("app"), Ok(Command::Clients));
        assert_eq!(parse("grp"), Ok(Command::Groups));
        assert_eq!(parse("schema"), Ok(Command::Attributes));
        assert_eq!(parse(" Triggers "), Ok(Command::Triggers));
        assert_eq!(parse("err"), Ok(Command::Errors));
        assert_eq!(parse("gro"), Ok(Command::Groups));
        assert_eq!(parse("q"), Ok(Command::Quit));
    }

    #[test]
    fn unknown_and_ambiguous_say_what_exists() {
        let e = parse("frobnicate").unwrap_err();
        assert!(e.contains(":users") && e.contains(":triggers"), "{e}");
        assert!(parse("").is_err());
    }

    #[test]
    fn switching_commands_take_one_name() {
        assert_eq!(
            parse_line(":region eu-west-1"),
            Ok((Command::Region, Some("eu-west-1".into())))
        );
        assert_eq!(
            parse_line("prof  work "),
            Ok((Command::Profile, Some("work".into())))
        );
        assert_eq!(parse_line("users"), Ok((Command::Users, None)));
        assert!(parse_line("region").unwrap_err().contains("eu-west-1"));
        assert!(parse_line("profile a b").is_err());
        assert!(
            parse_line("users alice")
                .unwrap_err()
                .contains("no argument")
        );
    }

    #[test]
    fn completes() {
        assert_eq!(complete("us").as_deref(), Some("users"));
        assert_eq!(complete("t").as_deref(), Some("triggers"));
        assert_eq!(complete("zz"), None);
        // Several start with "p"? only pools; "e" only errors; "c" only clients.
        assert_eq!(complete("c").as_deref(), Some("clients"));
    }
}
