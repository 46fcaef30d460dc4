//! The config file: key bindings and colours from TOML. Found at `--config FILE`, else
//! `$XDG_CONFIG_HOME/cognito-tui/config.toml`, else `~/.config/cognito-tui/config.toml`; a
//! missing default file is no error. Errors name the file, line and field, for stderr before
//! the TUI starts. Bindings are merged into `Keymap`, which stays the only source of what a
//! key does.
//!
//! ```toml
//! [keys.global]          # a mode: global, pools, users, user_detail, prompt, help, ...
//! quit = ["q", "ctrl-q"] # an action (see `?`) = one key or a list; [] unbinds it
//! [keys.users]
//! filter = "/"
//! describe = ["d", "i"]
//! [colors]               # roles: accent, muted, dim, error, warn, ok, text, focus,
//! accent = "lightblue"   #        special, selected_bg, selected_fg, badge_fg
//! selected_bg = "#334455"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::core::input::action::Action;
use crate::core::input::keymap::{Key, Keymap};
use crate::core::model::Mode;
use crate::ui::theme::Theme;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<Keys>>>,
    #[serde(default)]
    colors: BTreeMap<String, Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "a key (\"j\") or a list of keys ([\"j\", \"down\"])"
)]
enum Keys {
    One(String),
    Many(Vec<String>),
}

/// What the config file changes.
#[derive(Debug, Default)]
pub struct Config {
    /// Per mode and action, the keys that replace the defaults.
    pub bindings: Vec<(Mode, Action, Vec<Key>)>,
    pub theme: Theme,
}

impl Config {
    /// The default keymap with this file's bindings merged in.
    pub fn keymap(&self) -> Keymap {
        let mut km = Keymap::default();
        for (mode, action, keys) in &self.bindings {
            km.rebind(*mode, *action, keys.clone());
        }
        km
    }
}

/// Where the config file is looked for when `--config` is not given.
/// The XDG base directories on every platform (`etcetera`'s `Xdg` strategy, not the native
/// one, so macOS keeps `~/.config` too); `None` without a home directory.
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::base_strategy::Xdg::new().ok()?.config_dir();
    Some(base.join("cognito-tui").join("config.toml"))
}

/// Load `explicit` (which must exist) or the default file (which may not).
pub fn load(explicit: Option<&Path>) -> Result<Config, String> {
    let (path, required) = match explicit {
        Some(p) => (p.to_path_buf(), true),
        None => match default_path() {
            Some(p) => (p, false),
            None => return Ok(Config::default()),
        },
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text).map_err(|e| format!("config file {}: {e}", path.display())),
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(format!("config file {}: {e}", path.display())),
    }
}

/// "line N" of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Parse a config file's text.
pub fn parse(text: &str) -> Result<Config, String> {
    let file: File = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
    let mut out = Config::default();
    for (mode_name, actions) in file.keys {
        let mode: Mode = named(text, &mode_name, "keys", "mode")?;
        for (action_name, keys) in actions {
            let action: Action = named(
                text,
                &action_name,
                &format!("keys.{}", mode_name.get_ref()),
                "action",
            )?;
            let line = line_of(text, keys.span().start);
            let list = match keys.into_inner() {
                Keys::One(k) => vec![k],
                Keys::Many(v) => v,
            };
            let mut parsed = Vec::with_capacity(list.len());
            for k in list {
                let key = Key::parse(&k).map_err(|e| {
                    format!(
                        "line {line}: keys.{}.{}: {e} (keys look like \"j\", \"G\", \"enter\", \"ctrl-c\", \"f1\")",
                        name(&mode),
                        name(&action),
                    )
                })?;
                parsed.push(key);
            }
            out.bindings.push((mode, action, parsed));
        }
    }
    for (role, value) in file.colors {
        out.theme.set(&role, value.get_ref()).map_err(|e| {
            format!(
                "line {}: colors.{role}: {e}",
                line_of(text, value.span().start)
            )
        })?;
    }
    Ok(out)
}

/// A mode or action from its snake_case name; an unknown one names its line.
fn named<T: serde::de::DeserializeOwned>(
    text: &str,
    name: &Spanned<String>,
    table: &str,
    what: &str,
) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(name.get_ref().clone())).map_err(|_| {
        format!(
            "line {}: {table}.{}: unknown {what} (see the help screen `?` for the names)",
            line_of(text, name.span().start),
            name.get_ref()
        )
    })
}

/// The snake_case name serde uses for a mode or action.
fn name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::style::Color;

    fn ev(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn bindings_merge_into_the_keymap_and_colours_into_the_theme() {
        let c = parse(
            r#"
[keys.global]
quit = ["x", "ctrl-c"]
[keys.users]
filter = "s"
describe = []
[keys.tokens]
credentials = "C"
[colors]
accent = "lightblue"
focus = "magenta"
"#,
        )
        .unwrap();
        let km = c.keymap();
        assert_eq!(km.action(Mode::Pools, &ev('x')), Some(Action::Quit));
        assert_eq!(km.action(Mode::Pools, &ev('q')), None, "q no longer quits");
        assert_eq!(km.action(Mode::Users, &ev('s')), Some(Action::Filter));
        assert_eq!(km.action(Mode::Users, &ev('/')), None);
        assert_eq!(km.action(Mode::Users, &ev('d')), None, "unbound");
        assert_eq!(km.action(Mode::Tokens, &ev('C')), Some(Action::Credentials));
        assert_eq!(km.action(Mode::Tokens, &ev('c')), None);
        // The hint bar follows the keymap.
        assert!(km.hints(Mode::Users).contains(&("s".to_string(), "filter")));
        assert_eq!(c.theme.accent, Color::LightBlue);
        assert_eq!(c.theme.focus, Color::Magenta);
        assert_eq!(c.theme.error, Theme::default().error);
    }

    #[test]
    fn a_key_taken_from_another_action_leaves_it() {
        // `r` refreshes in users; give it to the filter: only the filter has it now.
        let c = parse("[keys.users]\nfilter = \"r\"\n").unwrap();
        let km = c.keymap();
        assert_eq!(km.action(Mode::Users, &ev('r')), Some(Action::Filter));
        assert!(
            km.for_mode(Mode::Users)
                .filter(|b| b.mode == Mode::Users)
                .all(|b| b.action == Action::Filter || !b.keys.contains(&Key::parse("r").unwrap()))
        );
    }

    #[test]
    fn an_action_new_to_a_mode_is_added() {
        let c = parse("[keys.pools]\nfilter = \"/\"\n").unwrap();
        assert_eq!(
            c.keymap().action(Mode::Pools, &ev('/')),
            Some(Action::Filter)
        );
    }

    #[test]
    fn errors_name_the_line_and_the_field() {
        let e = parse("[keys.users]\nfilter = \"/\"\nopen = \"hyper-q\"\n").unwrap_err();
        assert!(e.contains("line 3") && e.contains("keys.users.open"), "{e}");
        let e = parse("[colors]\n\naccent = \"blurple\"\n").unwrap_err();
        assert!(e.contains("line 3") && e.contains("colors.accent"), "{e}");
        let e = parse("[colors]\nacent = \"red\"\n").unwrap_err();
        assert!(e.contains("unknown colour role"), "{e}");
        let e = parse("[keys.userz]\nopen = \"o\"\n").unwrap_err();
        assert!(e.contains("line 1") && e.contains("userz"), "{e}");
        let e = parse("[keys.users]\nfrobnicate = \"o\"\n").unwrap_err();
        assert!(e.contains("line 2") && e.contains("frobnicate"), "{e}");
        let e = parse("[keys]\nusers = 3\n").unwrap_err();
        assert!(e.contains("line 2"), "{e}");
        let e = parse("[keys.users\n").unwrap_err();
        assert!(e.contains("line 1"), "{e}");
        let e = parse("[theme]\n").unwrap_err();
        assert!(e.contains("theme"), "{e}");
    }

    #[test]
    fn a_missing_default_file_is_fine_but_a_missing_explicit_one_is_not() {
        let e = load(Some(Path::new("/nonexistent/cognito-tui.toml"))).unwrap_err();
        assert!(e.contains("cognito-tui.toml"), "{e}");
    }
}
