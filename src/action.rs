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
    /// Open the pool's app clients.
    Clients,
    /// Open the pool's users.
    Users,
    /// Open the pool's groups.
    Groups,
    /// Open the pool's attribute schema (with a user's values from a user).
    Attributes,
    /// Open the pool's Lambda trigger slots.
    Triggers,
    /// `:` the command line.
    Command,
    /// `/` filter the loaded rows locally.
    Filter,
    /// The server-side ListUsers filter.
    ServerFilter,
    /// Describe the selected item.
    Describe,
    /// The selected item as raw JSON.
    Json,
    /// Reveal the app client's secret.
    Reveal,
    /// Submit the prompt.
    Submit,
    /// Complete the prompt's word.
    Complete,
    /// Open the auth-flow runner (for the selected pool, client or user).
    SignIn,
    /// Next / previous field of a form.
    NextField,
    PrevField,
    /// Next / previous choice of the focused field.
    CycleNext,
    CyclePrev,
    /// Step-through mode: Enter sends each request.
    ToggleStep,
    /// Fill in the current TOTP code from the secret set up in this run (demo).
    GenerateCode,
    /// Start a new sign-in run.
    NewRun,
    /// The next token tab.
    NextTab,
    /// GetUser with the access token.
    WhoAmI,
    /// GlobalSignOut with the access token.
    SignOut,
    /// RevokeToken on the refresh token.
    Revoke,
    /// REFRESH_TOKEN_AUTH with the refresh token.
    RefreshTokens,
    /// Export the sign-in transcript as Markdown.
    Export,
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
            Action::Clients => "the pool's app clients",
            Action::Users => "the pool's users",
            Action::Groups => "the pool's groups",
            Action::Attributes => "attribute schema (+ a user's values)",
            Action::Triggers => "the Lambda trigger slots",
            Action::Command => "command line (:users :groups …)",
            Action::Filter => "filter the loaded rows (every column)",
            Action::ServerFilter => "server-side filter (ListUsers Filter)",
            Action::Describe => "describe the selected item",
            Action::Json => "the selected item as raw JSON",
            Action::Reveal => "reveal the client secret",
            Action::Submit => "apply",
            Action::Complete => "complete",
            Action::SignIn => "open the sign-in runner",
            Action::NextField => "next field",
            Action::PrevField => "previous field",
            Action::CycleNext => "next choice",
            Action::CyclePrev => "previous choice",
            Action::ToggleStep => "step-through: Enter sends each request",
            Action::GenerateCode => {
                "fill in the TOTP code from the secret set up in this run (demo)"
            }
            Action::NewRun => "start a new sign-in",
            Action::NextTab => "next token",
            Action::WhoAmI => "GetUser with the access token",
            Action::SignOut => "GlobalSignOut, then show the old token refused",
            Action::Revoke => "RevokeToken, then show the old token refused",
            Action::RefreshTokens => "REFRESH_TOKEN_AUTH with the refresh token",
            Action::Export => "export the transcript as Markdown",
        }
    }
}
