//! `Action`: what a key means, named so bindings can be listed in help and configured.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    Back,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Refresh,
}

impl Action {
    /// What the action does, for the help screen.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit cognito-tui",
            Action::Help => "show or hide this help",
            Action::Back => "go back / close",
            Action::Up => "move up",
            Action::Down => "move down",
            Action::Top => "go to the first row",
            Action::Bottom => "go to the last row",
            Action::PageUp => "one page up",
            Action::PageDown => "one page down",
            Action::Open => "open the selected item",
            Action::Refresh => "refresh / retry",
        }
    }
}
