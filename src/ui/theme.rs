//! The colours, by role: the only place in `ui` that names a literal colour; every pane and
//! widget asks `theme()` for a role. The defaults are the built-in look; the config file's
//! `[colors]` table overrides any role by the names in `Theme::ROLES`. Set once at start-up,
//! before the first frame, and read-only afterwards: a process-wide value rather than one
//! more parameter threaded through every pane, since it never changes while the app runs.

use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};

use crate::core::model::Level;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Titles, the header's values, key labels, borders of focused boxes.
    pub accent: Color,
    /// Borders, secondary text, hints.
    pub muted: Color,
    /// Labels, notes, empty-state text, the text cursor.
    pub dim: Color,
    /// Errors, disabled users, destructive confirmations.
    pub error: Color,
    /// Warnings, loading, the READ-ONLY badge.
    pub warn: Color,
    /// Success.
    pub ok: Color,
    /// Plain text that must stand out: a request's name, a form's values.
    pub text: Color,
    /// What has the focus: the focused form field, the active tab, an open form's border.
    pub focus: Color,
    /// Secrets, tokens and other highlighted values.
    pub special: Color,
    /// The selected row's background and text.
    pub selected_bg: Color,
    pub selected_fg: Color,
    /// Text on badges (accent or warn background).
    pub badge_fg: Color,
    /// No colour at all (`NO_COLOR`, `--color never`): every role is the terminal's own
    /// colour, and what colour alone told (the selected row, badges) is drawn reversed.
    pub mono: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            accent: Color::Cyan,
            muted: Color::DarkGray,
            dim: Color::Gray,
            error: Color::Red,
            warn: Color::Yellow,
            ok: Color::Green,
            text: Color::White,
            focus: Color::Yellow,
            special: Color::Magenta,
            selected_bg: Color::Blue,
            selected_fg: Color::White,
            badge_fg: Color::Black,
            mono: false,
        }
    }
}

impl Theme {
    /// The cell under a text field's cursor: the field's own colours, reversed (not a
    /// colour role of its own, so it follows whatever the field is drawn in).
    pub fn cursor(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The block drawn after a field's last char when the cursor is there.
    pub fn cursor_end(&self) -> Style {
        Style::new().fg(self.dim)
    }

    /// The roles' names, as written in the config file.
    pub const ROLES: &[&str] = &[
        "accent",
        "muted",
        "dim",
        "error",
        "warn",
        "ok",
        "text",
        "focus",
        "special",
        "selected_bg",
        "selected_fg",
        "badge_fg",
    ];

    /// Set one role from a colour name (`red`, `lightblue`, `#33aaff`, `240`).
    pub fn set(&mut self, role: &str, value: &str) -> Result<(), String> {
        let color: Color = value.parse().map_err(|_| {
            format!("{value:?} is not a colour (a name like \"lightblue\", \"#33aaff\" or 0-255)")
        })?;
        let slot = match role {
            "accent" => &mut self.accent,
            "muted" => &mut self.muted,
            "dim" => &mut self.dim,
            "error" => &mut self.error,
            "warn" => &mut self.warn,
            "ok" => &mut self.ok,
            "text" => &mut self.text,
            "focus" => &mut self.focus,
            "special" => &mut self.special,
            "selected_bg" => &mut self.selected_bg,
            "selected_fg" => &mut self.selected_fg,
            "badge_fg" => &mut self.badge_fg,
            _ => {
                return Err(format!(
                    "unknown colour role {role:?} (known: {})",
                    Self::ROLES.join(", ")
                ));
            }
        };
        *slot = color;
        Ok(())
    }

    /// This theme without colour: every role the terminal's default, `mono` set.
    pub fn monochrome() -> Self {
        let r = Color::Reset;
        Self {
            accent: r,
            muted: r,
            dim: r,
            error: r,
            warn: r,
            ok: r,
            text: r,
            focus: r,
            special: r,
            selected_bg: r,
            selected_fg: r,
            badge_fg: r,
            mono: true,
        }
    }

    /// The colour of a levelled message (flash line, runner notes).
    pub fn level(&self, level: Level) -> Color {
        match level {
            Level::Info => self.ok,
            Level::Warn => self.warn,
            Level::Error => self.error,
        }
    }
}

static THEME: OnceLock<Theme> = OnceLock::new();

/// Install the theme; the first call wins (start-up only).
pub fn install(theme: Theme) {
    let _ = THEME.set(theme);
}

/// The theme in use: the installed one, else the defaults.
pub fn theme() -> &'static Theme {
    static DEFAULT: OnceLock<Theme> = OnceLock::new();
    THEME
        .get()
        .unwrap_or_else(|| DEFAULT.get_or_init(Theme::default))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_names_hex_and_indices() {
        let mut t = Theme::default();
        t.set("accent", "lightblue").unwrap();
        t.set("error", "#ff0000").unwrap();
        t.set("muted", "240").unwrap();
        assert_eq!(t.accent, Color::LightBlue);
        assert_eq!(t.error, Color::Rgb(255, 0, 0));
        assert_eq!(t.muted, Color::Indexed(240));
        assert!(
            t.set("acent", "red")
                .unwrap_err()
                .contains("unknown colour role")
        );
        assert!(t.set("ok", "blurple").unwrap_err().contains("not a colour"));
        t.set("focus", "blue").unwrap();
        t.set("text", "gray").unwrap();
        assert_eq!((t.focus, t.text), (Color::Blue, Color::Gray));
    }

    #[test]
    fn every_role_can_be_set() {
        for role in Theme::ROLES {
            let mut t = Theme::default();
            t.set(role, "#010203").unwrap();
            assert_ne!(t, Theme::default(), "{role}");
        }
    }
}
