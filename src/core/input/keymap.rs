//! The key bindings, per mode: the ONLY source of what a key does, of the hint bar and of the
//! help screen. Keys are written as strings ("j", "down", "ctrl-c", "G") so they can be
//! configured.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::core::input::action::Action;
use crate::core::model::Mode;

/// A key with its modifiers; SHIFT is folded into the character for printable keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn from_event(ev: &KeyEvent) -> Self {
        let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        // Shift is part of a printable character, and of BackTab (shift-tab) itself.
        if !matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods |= ev.modifiers & KeyModifiers::SHIFT;
        }
        Key {
            code: ev.code,
            mods,
        }
    }

    /// Parse "j", "G", "?", "enter", "esc", "up", "pgdn", "ctrl-c", "alt-x", "f1".
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("shift-") {
                mods |= KeyModifiers::SHIFT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" => KeyCode::PageUp,
            "pgdn" => KeyCode::PageDown,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" => KeyCode::Delete,
            f if f.len() > 1 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            c if c.chars().count() == 1 => KeyCode::Char(c.chars().next().unwrap_or(' ')),
            _ => return Err(format!("unknown key {s:?}")),
        };
        if matches!(code, KeyCode::Char(_)) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Ok(Key { code, mods })
    }

    /// How the key is shown in hints: "j", "↵", "esc", "^c".
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Enter => "enter".to_string(),
            KeyCode::Esc => "esc".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Home => "home".to_string(),
            KeyCode::End => "end".to_string(),
            KeyCode::PageUp => "pgup".to_string(),
            KeyCode::PageDown => "pgdn".to_string(),
            KeyCode::Tab => "tab".to_string(),
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("f{n}"),
            other => format!("{other:?}").to_lowercase(),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("^{base}")
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("alt-{base}")
        } else {
            base
        }
    }
}

/// One hint of the hint bar: the first key's label and what it does.
pub type Hint = (String, &'static str);

#[derive(Debug, Clone)]
pub struct Binding {
    pub mode: Mode,
    pub keys: Vec<Key>,
    pub action: Action,
    /// Shown in the hint bar when set.
    pub hint: Option<&'static str>,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
    /// `--read-only`: the write bindings (and the runner's sign-out and revoke) are neither
    /// matched nor shown.
    pub read_only: bool,
}

impl Default for Keymap {
    fn default() -> Self {
        use Action::*;
        use Mode::Global;
        let b = |mode, keys: &[&str], action, hint| Binding {
            mode,
            keys: keys
                .iter()
                .map(|k| Key::parse(k).expect("default key binding parses"))
                .collect(),
            action,
            hint,
        };
        let mut bindings = vec![];
        for mode in [
            Mode::PoolDetail,
            Mode::Clients,
            Mode::ClientDetail,
            Mode::Users,
            Mode::UserDetail,
            Mode::Groups,
            Mode::Members,
            Mode::Attributes,
            Mode::Triggers,
            Mode::Errors,
        ] {
            bindings.push(b(mode, &["esc", "backspace"], Back, Some("back")));
        }
        bindings.extend([
            b(Mode::Pools, &["enter"], Open, Some("describe")),
            b(Mode::PoolDetail, &["r"], Refresh, Some("refresh")),
        ]);
        // Every view of a pool reaches the pool's other parts with one key.
        for mode in [Mode::Pools, Mode::PoolDetail] {
            bindings.extend([
                b(mode, &["u"], Users, Some("users")),
                b(mode, &["c"], Clients, Some("clients")),
                b(mode, &["o"], Groups, Some("groups")),
                b(mode, &["a"], Attributes, Some("attributes")),
                b(mode, &["t"], Triggers, Some("triggers")),
                b(mode, &["I"], Action::IdentityPools, None),
            ]);
        }
        bindings.extend([
            b(Mode::Pools, &["y"], Json, Some("json")),
            b(Mode::Pools, &["r"], Refresh, Some("refresh")),
            b(Mode::Clients, &["enter", "d"], Open, Some("describe")),
            b(Mode::ClientDetail, &["s"], Reveal, Some("reveal secret")),
            b(Mode::Users, &["enter"], Open, Some("detail")),
            b(Mode::Users, &["f"], ServerFilter, Some("server filter")),
            b(Mode::UserDetail, &["a"], Attributes, Some("attributes")),
            b(Mode::UserDetail, &["o"], Groups, Some("groups")),
            b(Mode::Groups, &["enter"], Open, Some("members")),
            b(Mode::Members, &["enter"], Open, Some("user")),
            b(Mode::Triggers, &["enter", "e"], Open, Some("sample event")),
        ]);
        for mode in [Mode::Users, Mode::Groups, Mode::Members] {
            bindings.push(b(mode, &["d"], Describe, Some("describe")));
        }
        for mode in [Mode::Clients, Mode::Users, Mode::Groups, Mode::Members] {
            bindings.push(b(mode, &["/"], Filter, Some("filter")));
        }
        for mode in [
            Mode::Clients,
            Mode::ClientDetail,
            Mode::Users,
            Mode::UserDetail,
            Mode::Groups,
            Mode::Members,
            Mode::Attributes,
            Mode::Triggers,
            Mode::Errors,
        ] {
            if matches!(mode, Mode::Attributes | Mode::Triggers | Mode::Errors) {
                bindings.push(b(mode, &["d"], Describe, Some("describe")));
            }
            bindings.push(b(mode, &["y"], Json, Some("json")));
            if !matches!(mode, Mode::Errors) {
                bindings.push(b(mode, &["r"], Refresh, Some("refresh")));
                bindings.push(b(mode, &["Y"], Copy, None));
            }
        }
        // The sign-in runner opens from every view of a pool.
        for mode in [
            Mode::Pools,
            Mode::PoolDetail,
            Mode::Clients,
            Mode::ClientDetail,
            Mode::Users,
            Mode::UserDetail,
            Mode::Members,
        ] {
            bindings.push(b(mode, &["A"], Action::SignIn, Some("sign in")));
        }
        bindings.push(b(Mode::UserDetail, &["H"], AuthEvents, Some("auth events")));
        bindings.extend([
            // ←/→ change the set-up form's choices; on a text field (the username, a
            // prompt's answer) update hands them to the field, where they move the cursor.
            b(Mode::AuthForm, &["enter"], Submit, Some("submit")),
            b(
                Mode::AuthForm,
                &["tab", "down"],
                Action::NextField,
                Some("next field"),
            ),
            b(Mode::AuthForm, &["backtab", "up"], Action::PrevField, None),
            b(
                Mode::AuthForm,
                &["right"],
                Action::CycleNext,
                Some("change"),
            ),
            b(Mode::AuthForm, &["left"], Action::CyclePrev, None),
            b(
                Mode::AuthForm,
                &["ctrl-t"],
                Action::ToggleStep,
                Some("step-through"),
            ),
            b(
                Mode::AuthForm,
                &["ctrl-g"],
                Action::GenerateCode,
                Some("demo TOTP code"),
            ),
            b(Mode::AuthForm, &["ctrl-x"], Action::Export, None),
            b(Mode::AuthForm, &["esc"], Back, Some("back")),
            b(Mode::Auth, &["enter"], Submit, Some("send / retry")),
            // Said on the managed-login pane itself, which is where it works.
            b(Mode::Auth, &["b"], Action::OpenBrowser, None),
            b(Mode::Auth, &["n"], Action::NewRun, Some("new run")),
            b(Mode::Auth, &["x"], Action::Export, Some("export")),
            b(Mode::Auth, &["ctrl-t"], Action::ToggleStep, None),
            b(Mode::Auth, &["esc"], Back, Some("back")),
            // Signed in: what the tokens can do first, as many as the hint bar fits.
            b(Mode::Tokens, &["tab"], Action::NextTab, Some("next token")),
            b(Mode::Tokens, &["c"], Action::Credentials, Some("AWS creds")),
            // Said in the credentials box and in the flash of `c` (the bar is full).
            b(Mode::Tokens, &["C"], Action::ChooseCredentials, None),
            b(Mode::Tokens, &["i"], Action::WhoAmI, Some("GetUser")),
            b(Mode::Tokens, &["f"], Action::RefreshTokens, Some("refresh")),
            b(Mode::Tokens, &["n"], Action::NewRun, Some("new run")),
            b(Mode::Tokens, &["o"], Action::TokenSignOut, Some("sign out")),
            b(Mode::Tokens, &["v"], Action::Revoke, Some("revoke")),
            b(Mode::Tokens, &["x"], Action::Export, Some("export")),
            b(Mode::Tokens, &["ctrl-t"], Action::ToggleStep, None),
            b(Mode::Tokens, &["esc"], Back, Some("back")),
            // The identity pool chooser (`C`, or `c` when several pools trust the client).
            b(Mode::PoolChoice, &["j", "down"], Down, Some("pool")),
            b(Mode::PoolChoice, &["k", "up"], Up, None),
            b(Mode::PoolChoice, &["right", "tab"], CycleNext, Some("flow")),
            b(Mode::PoolChoice, &["left", "backtab"], CyclePrev, None),
            b(Mode::PoolChoice, &["enter"], Submit, Some("exchange")),
            b(Mode::PoolChoice, &["esc"], Back, Some("cancel")),
        ]);
        for mode in [Mode::Form, Mode::PasswordForm] {
            bindings.extend([
                b(mode, &["enter"], Submit, Some("submit")),
                b(mode, &["esc"], Back, Some("cancel")),
                b(mode, &["tab", "down"], NextField, Some("next")),
                b(mode, &["backtab", "up"], PrevField, Some("previous")),
            ]);
        }
        // The admin work: k9s-like keys; the destructive ones ask first.
        bindings.extend([
            b(Mode::Users, &["n"], New, Some("new")),
            b(Mode::Users, &["space"], Mark, Some("mark")),
            b(Mode::Users, &["*"], MarkAll, None),
        ]);
        for mode in [Mode::Users, Mode::UserDetail] {
            bindings.extend([
                b(mode, &["D", "ctrl-d"], Delete, Some("delete")),
                b(mode, &["X"], Disable, Some("disable")),
                b(mode, &["E"], Enable, Some("enable")),
                b(mode, &["+"], AddToGroup, None),
                b(mode, &["e"], Edit, None),
                b(mode, &["P"], SetPassword, None),
                b(mode, &["R"], ResetPassword, None),
                b(mode, &["C"], ConfirmSignUp, None),
                b(mode, &["S"], SignOut, None),
                b(mode, &["M"], Mfa, None),
            ]);
        }
        bindings.extend([
            b(Mode::Users, &["B"], ShowBulk, None),
            b(
                Mode::UserDetail,
                &["-"],
                RemoveFromGroup,
                Some("leave group"),
            ),
            b(Mode::Groups, &["n"], New, Some("new")),
            b(Mode::Groups, &["e"], Edit, Some("edit")),
            b(Mode::Groups, &["D", "ctrl-d"], Delete, Some("delete")),
            b(Mode::Members, &["n", "+"], New, Some("add member")),
            b(Mode::Members, &["D", "-"], Delete, Some("remove member")),
            b(Mode::Attributes, &["n"], New, Some("new")),
            b(Mode::Attributes, &["e"], Edit, Some("edit value")),
            b(
                Mode::Attributes,
                &["D", "ctrl-d"],
                Delete,
                Some("delete value"),
            ),
            b(Mode::Triggers, &["s"], SetTrigger, Some("set")),
            b(Mode::Triggers, &["D", "ctrl-d"], Delete, Some("clear")),
            b(
                Mode::PasswordForm,
                &["ctrl-g"],
                Generate,
                Some("generate password"),
            ),
            b(
                Mode::PasswordForm,
                &["ctrl-r"],
                ToggleMask,
                Some("show/hide password"),
            ),
            b(Mode::Confirm, &["y"], Yes, Some("yes")),
            b(Mode::Confirm, &["n", "esc"], Back, Some("no")),
            b(Mode::ConfirmTyped, &["enter"], Submit, Some("confirm")),
            b(Mode::ConfirmTyped, &["esc"], Back, Some("cancel")),
            b(Mode::Bulk, &["esc", "enter", "q"], Back, Some("close")),
            b(Mode::Bulk, &["x"], CancelBulk, Some("cancel run")),
        ]);
        // Workshop mode: copy (with the views above), the presenter's reveal, the tour.
        for mode in [Mode::Pools, Mode::PoolDetail, Mode::Auth, Mode::Tokens] {
            bindings.push(b(mode, &["Y"], Copy, None));
        }
        bindings.extend([
            b(Mode::AuthForm, &["ctrl-r"], RevealBriefly, None),
            b(Mode::Tour, &["]"], NextChapter, Some("next chapter")),
            b(Mode::Tour, &["["], PrevChapter, Some("previous")),
            b(Mode::Tour, &["enter"], Submit, Some("do it live")),
            b(Mode::Tour, &["esc"], Back, Some("leave the tour")),
            b(Mode::Chapters, &["enter"], Submit, Some("go to chapter")),
            b(Mode::Chapters, &["esc", "q"], Back, Some("close")),
        ]);
        bindings.extend([
            b(Mode::Prompt, &["enter"], Submit, Some("apply")),
            b(Mode::Prompt, &["tab"], Complete, Some("complete")),
            b(Mode::Prompt, &["esc"], Back, Some("cancel")),
            b(Mode::Overlay, &["esc", "q", "enter"], Back, Some("close")),
            b(Mode::Help, &["esc", "?", "q"], Back, Some("close help")),
            b(Global, &[":"], Command, Some("command")),
            b(Global, &["j", "down"], Down, None),
            b(Global, &["k", "up"], Up, None),
            b(Global, &["g", "home"], Top, None),
            b(Global, &["G", "end"], Bottom, None),
            b(Global, &["pgdn", "ctrl-f"], PageDown, None),
            b(Global, &["pgup", "ctrl-b"], PageUp, None),
            b(Global, &["?"], Help, Some("help")),
            b(Global, &["q", "ctrl-c"], Quit, Some("quit")),
            b(Global, &["ctrl-z"], Suspend, None),
        ]);
        Keymap {
            bindings,
            read_only: false,
        }
    }
}

impl Keymap {
    /// This keymap with the write bindings hidden (or shown again).
    pub fn with_read_only(mut self, read_only: bool) -> Self {
        self.read_only = read_only;
        self
    }

    fn live(&self, b: &Binding) -> bool {
        !(self.read_only && (b.action.is_write() || b.action.changes_a_token()))
    }

    /// Give `action` exactly `keys` in `mode` (the config file's overrides). The keys leave
    /// whatever else had them in that mode; no keys unbinds the action; an action new to the
    /// mode is added (listed in help, not in the hint bar).
    pub fn rebind(&mut self, mode: Mode, action: Action, keys: Vec<Key>) {
        for b in self
            .bindings
            .iter_mut()
            .filter(|b| b.mode == mode && b.action != action)
        {
            b.keys.retain(|k| !keys.contains(k));
        }
        let mut seen = false;
        self.bindings.retain_mut(|b| {
            if b.mode != mode {
                return true;
            }
            if b.action == action {
                if seen || keys.is_empty() {
                    return false;
                }
                seen = true;
                b.keys = keys.clone();
            }
            !b.keys.is_empty()
        });
        if !seen && !keys.is_empty() {
            self.bindings.push(Binding {
                mode,
                keys,
                action,
                hint: None,
            });
        }
    }

    /// The action a key has in a mode: the mode's own bindings first, then the global ones
    /// (the help overlay only takes its own and quit). A Ctrl key bound to suspend works in
    /// every mode, text fields included.
    pub fn action(&self, mode: Mode, ev: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(ev);
        let find = |m: Mode| {
            self.bindings
                .iter()
                .find(|b| b.mode == m && b.keys.contains(&key) && self.live(b))
                .map(|b| b.action)
        };
        let suspend = || {
            find(Mode::Global)
                .filter(|a| *a == Action::Suspend && key.mods.contains(KeyModifiers::CONTROL))
        };
        find(mode).or_else(suspend).or_else(|| match mode {
            Mode::Help => {
                find(Mode::Global).filter(|a| matches!(a, Action::Quit | Action::Up | Action::Down))
            }
            // The runner's forms take keys as text, but Ctrl-C still quits (as it does on a y/n
            // question, asking first when writes are in flight).
            Mode::AuthForm | Mode::Confirm => find(Mode::Global)
                .filter(|a| *a == Action::Quit && key.mods.contains(KeyModifiers::CONTROL)),
            // A prompt, a form and a typed confirmation hand every other key to the focused
            // text field (typing, ←/→, home/end, backspace/delete, ctrl-a/e/w/u/k).
            // Bind none of those here, or the field loses them.
            // The tour's panel hands the keys it does not take to the pane below (dispatch).
            Mode::Prompt | Mode::Form | Mode::PasswordForm | Mode::ConfirmTyped | Mode::Tour => {
                None
            }
            Mode::Overlay | Mode::Bulk | Mode::Chapters => find(Mode::Global).filter(|a| {
                // On the bulk panel `q` closes it; Ctrl-C quits (asking first while it runs).
                (matches!(mode, Mode::Bulk | Mode::Chapters) && *a == Action::Quit)
                    || matches!(
                        a,
                        Action::Up
                            | Action::Down
                            | Action::Top
                            | Action::Bottom
                            | Action::PageUp
                            | Action::PageDown
                    )
            }),
            _ => find(Mode::Global),
        })
    }

    /// The bindings that apply in a mode, mode-specific first.
    pub fn for_mode(&self, mode: Mode) -> impl Iterator<Item = &Binding> {
        let own = self
            .bindings
            .iter()
            .filter(move |b| b.mode == mode && self.live(b));
        let global = self.bindings.iter().filter(move |b| {
            b.mode == Mode::Global
                && !matches!(
                    mode,
                    Mode::Help
                        | Mode::AuthForm
                        | Mode::Tour
                        | Mode::Chapters
                        | Mode::Prompt
                        | Mode::Overlay
                        | Mode::Form
                        | Mode::PasswordForm
                        | Mode::Confirm
                        | Mode::ConfirmTyped
                        | Mode::Bulk
                )
        });
        own.chain(global)
    }

    /// The hint bar's (keys, label) pairs: the mode's own, then the global ones.
    pub fn hints_split(&self, mode: Mode) -> (Vec<Hint>, Vec<Hint>) {
        let (own, global): (Vec<&Binding>, Vec<&Binding>) = self
            .for_mode(mode)
            .filter(|b| b.hint.is_some())
            .partition(|b| b.mode != Mode::Global);
        let pairs = |v: Vec<&Binding>| {
            v.into_iter()
                .map(|b| {
                    let keys = b.keys.first().map(Key::label).unwrap_or_default();
                    (keys, b.hint.unwrap_or_default())
                })
                .collect()
        };
        (pairs(own), pairs(global))
    }

    /// (keys, label) pairs for the hint bar.
    pub fn hints(&self, mode: Mode) -> Vec<(String, &'static str)> {
        self.for_mode(mode)
            .filter_map(|b| {
                b.hint.map(|h| {
                    let keys = b.keys.first().map(Key::label).unwrap_or_default();
                    (keys, h)
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn parses_keys() {
        assert_eq!(Key::parse("ctrl-c").unwrap().mods, KeyModifiers::CONTROL);
        assert_eq!(Key::parse("G").unwrap().code, KeyCode::Char('G'));
        assert_eq!(Key::parse("pgdn").unwrap().code, KeyCode::PageDown);
        assert!(Key::parse("hyper-x").is_err());
    }

    #[test]
    fn shifted_letters_match() {
        let km = Keymap::default();
        let a = km.action(Mode::Pools, &ev(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert_eq!(a, Some(Action::Bottom));
    }

    #[test]
    fn shift_tab_moves_back_in_a_form_and_read_only_drops_the_writes() {
        let km = Keymap::default();
        let a = km.action(Mode::Form, &ev(KeyCode::BackTab, KeyModifiers::SHIFT));
        assert_eq!(a, Some(Action::PrevField));
        let d = ev(KeyCode::Char('D'), KeyModifiers::SHIFT);
        assert_eq!(km.action(Mode::Users, &d), Some(Action::Delete));
        let ro = Keymap::default().with_read_only(true);
        assert_eq!(ro.action(Mode::Users, &d), None);
        assert!(ro.hints(Mode::Groups).iter().all(|(_, h)| *h != "new"));
    }

    #[test]
    fn read_only_hides_the_runners_sign_out_and_revoke() {
        let (o, v) = (
            ev(KeyCode::Char('o'), KeyModifiers::NONE),
            ev(KeyCode::Char('v'), KeyModifiers::NONE),
        );
        let km = Keymap::default();
        assert_eq!(km.action(Mode::Tokens, &o), Some(Action::TokenSignOut));
        assert_eq!(km.action(Mode::Tokens, &v), Some(Action::Revoke));
        let ro = Keymap::default().with_read_only(true);
        assert_eq!(ro.action(Mode::Tokens, &o), None);
        assert_eq!(ro.action(Mode::Tokens, &v), None);
        let hints: Vec<_> = ro.hints(Mode::Tokens).into_iter().map(|(_, h)| h).collect();
        assert!(
            !hints.contains(&"sign out") && !hints.contains(&"revoke"),
            "{hints:?}"
        );
        assert!(
            hints.contains(&"GetUser") && hints.contains(&"refresh"),
            "{hints:?}"
        );
    }

    #[test]
    fn mode_bindings_win_and_help_is_modal() {
        let km = Keymap::default();
        assert_eq!(
            km.action(Mode::Pools, &ev(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::Open)
        );
        assert_eq!(
            km.action(Mode::Help, &ev(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::Back)
        );
        assert_eq!(
            km.action(Mode::Help, &ev(KeyCode::Char('r'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn ctrl_z_suspends_in_every_mode_and_a_plain_z_stays_text() {
        let km = Keymap::default();
        let ctrl_z = ev(KeyCode::Char('z'), KeyModifiers::CONTROL);
        for mode in [
            Mode::Pools,
            Mode::Users,
            Mode::Help,
            Mode::AuthForm,
            Mode::Prompt,
            Mode::Form,
            Mode::PasswordForm,
            Mode::Confirm,
            Mode::ConfirmTyped,
            Mode::Overlay,
            Mode::Bulk,
        ] {
            assert_eq!(km.action(mode, &ctrl_z), Some(Action::Suspend), "{mode:?}");
        }
        let z = ev(KeyCode::Char('z'), KeyModifiers::NONE);
        assert_eq!(km.action(Mode::Prompt, &z), None);
        // Listed in help (from the bindings), with the key it has.
        assert!(
            km.for_mode(Mode::Pools)
                .any(|b| b.action == Action::Suspend && b.keys[0].label() == "^z")
        );
        // Unbound in the config: Ctrl-Z does nothing.
        let mut off = Keymap::default();
        off.rebind(Mode::Global, Action::Suspend, vec![]);
        assert_eq!(off.action(Mode::Form, &ctrl_z), None);
    }

    #[test]
    fn the_runner_offers_the_token_keys_once_signed_in() {
        let km = Keymap::default();
        let c = ev(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(km.action(Mode::Tokens, &c), Some(Action::Credentials));
        assert_eq!(km.action(Mode::Auth, &c), None);
        let labels = |m| km.hints(m).into_iter().map(|(_, h)| h).collect::<Vec<_>>();
        assert!(labels(Mode::Auth).contains(&"send / retry"));
        assert!(!labels(Mode::Auth).contains(&"GetUser"));
        assert!(!labels(Mode::Tokens).contains(&"send / retry"));
        assert_eq!(labels(Mode::Tokens)[..2], ["next token", "AWS creds"]);
    }

    #[test]
    fn the_pool_chooser_has_keys_and_hints_of_its_own() {
        let km = Keymap::default();
        let key = |c| ev(c, KeyModifiers::NONE);
        assert_eq!(
            km.action(Mode::Tokens, &key(KeyCode::Char('C'))),
            Some(Action::ChooseCredentials)
        );
        for (code, action) in [
            (KeyCode::Char('j'), Action::Down),
            (KeyCode::Up, Action::Up),
            (KeyCode::Right, Action::CycleNext),
            (KeyCode::Left, Action::CyclePrev),
            (KeyCode::Enter, Action::Submit),
            (KeyCode::Esc, Action::Back),
        ] {
            assert_eq!(km.action(Mode::PoolChoice, &key(code)), Some(action));
        }
        assert_eq!(km.action(Mode::PoolChoice, &key(KeyCode::Char('c'))), None);
        let hints: Vec<_> = km.hints(Mode::PoolChoice).into_iter().collect();
        for want in [
            ("j", "pool"),
            ("→", "flow"),
            ("enter", "exchange"),
            ("esc", "cancel"),
        ] {
            assert!(hints.contains(&(want.0.to_string(), want.1)), "{hints:?}");
        }
    }

    #[test]
    fn hints_come_from_the_bindings() {
        let km = Keymap::default();
        let hints = km.hints(Mode::Pools);
        assert!(hints.contains(&("enter".to_string(), "describe")));
        assert!(hints.contains(&("q".to_string(), "quit")));
        assert!(!km.hints(Mode::Help).iter().any(|(_, h)| *h == "quit"));
    }
}
