//! `Action`: what a key means, named so bindings can be listed in help and configured.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    /// Suspend to the shell (Ctrl-Z); `fg` brings the screen back.
    Suspend,
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
    /// The user's auth events (threat protection), in the user detail.
    AuthEvents,
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
    TokenSignOut,
    /// RevokeToken on the refresh token.
    Revoke,
    /// REFRESH_TOKEN_AUTH with the refresh token.
    RefreshTokens,
    /// Open the managed-login authorize URL in the default browser.
    OpenBrowser,
    /// Exchange the ID token at an identity pool for AWS credentials.
    Credentials,
    /// Choose the identity pool and the flow (enhanced or basic) before the exchange.
    ChooseCredentials,
    /// The identity pools that trust the selected user pool.
    IdentityPools,
    /// Export the sign-in transcript as Markdown.
    Export,
    // --- admin (writes; hidden in read-only mode) ---
    /// Create: a user, a group, a member, a custom attribute.
    New,
    /// Edit the selected item (a group, a user's attribute).
    Edit,
    /// Delete the selected (or marked) item(s), after a confirmation.
    Delete,
    Enable,
    Disable,
    ConfirmSignUp,
    SetPassword,
    ResetPassword,
    SignOut,
    AddToGroup,
    RemoveFromGroup,
    Mfa,
    /// Set a trigger slot's function.
    SetTrigger,
    /// Mark (or unmark) the selected row for a bulk action.
    Mark,
    /// Mark every row the filter shows (or unmark them all).
    MarkAll,
    // --- forms, confirmations, bulk (NextField / PrevField above) ---
    /// Generate a temporary password that fits the pool's policy.
    Generate,
    /// Show or hide the password being typed.
    ToggleMask,
    /// Yes, do it.
    Yes,
    /// Show the last bulk run's results again.
    ShowBulk,
    /// Stop the running bulk run after the item under way.
    CancelBulk,
    // --- workshop mode ---
    /// Copy the selected id, ARN or name (or the decoded claims) to the clipboard (OSC 52).
    Copy,
    /// Presenter mode: show the hidden item (TOTP secret, a code) for a few seconds.
    RevealBriefly,
    /// The guided tour's next / previous chapter.
    NextChapter,
    PrevChapter,
}

impl Action {
    /// What the action does, for the help screen.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit cognito-tui",
            Action::Suspend => "suspend to the shell (fg to come back)",
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
            Action::AuthEvents => "the user's auth events (threat protection)",
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
            Action::TokenSignOut => "GlobalSignOut, then show the old token refused",
            Action::Revoke => "RevokeToken, then show the old token refused",
            Action::RefreshTokens => "REFRESH_TOKEN_AUTH with the refresh token",
            Action::OpenBrowser => "open the authorize URL in the browser (managed login)",
            Action::IdentityPools => "the identity pools that trust this user pool",
            Action::Credentials => {
                "exchange the ID token at an identity pool for AWS credentials, role explained"
            }
            Action::ChooseCredentials => {
                "choose the identity pool and the flow (enhanced / basic), then exchange"
            }
            Action::Export => "export the transcript as Markdown",
            Action::New => "new (user, group, member, custom attribute)",
            Action::Edit => "edit (group, attribute value)",
            Action::Delete => "delete (asks first)",
            Action::Enable => "enable the user(s)",
            Action::Disable => "disable the user(s) (asks first)",
            Action::ConfirmSignUp => "confirm the user's sign-up",
            Action::SetPassword => "set a password (permanent or temporary)",
            Action::ResetPassword => "reset the password (asks first)",
            Action::SignOut => "sign the user(s) out everywhere (asks first)",
            Action::AddToGroup => "add the user(s) to a group",
            Action::RemoveFromGroup => "remove the user from a group",
            Action::Mfa => "set the user's MFA preference",
            Action::SetTrigger => "set the trigger's function",
            Action::Mark => "mark / unmark the row",
            Action::MarkAll => "mark all filtered rows / unmark all",
            Action::Generate => "generate a password that fits the policy",
            Action::ToggleMask => "show / hide the password",
            Action::Yes => "yes, do it",
            Action::ShowBulk => "the last bulk run's results",
            Action::CancelBulk => "cancel the bulk run after the item under way",
            Action::Copy => "copy the id, ARN, name or claims (clipboard)",
            Action::RevealBriefly => "presenter mode: show the secret or code for 10 s",
            Action::NextChapter => "the tour's next chapter",
            Action::PrevChapter => "the tour's previous chapter",
        }
    }

    /// Whether the action changes a token on the server (GlobalSignOut, RevokeToken): hidden
    /// in read-only mode like the writes (the gateway refuses them anyway).
    pub fn changes_a_token(self) -> bool {
        matches!(self, Action::TokenSignOut | Action::Revoke)
    }

    /// Whether the action writes (or prepares a write): hidden in read-only mode.
    pub fn is_write(self) -> bool {
        matches!(
            self,
            Action::New
                | Action::Edit
                | Action::Delete
                | Action::Enable
                | Action::Disable
                | Action::ConfirmSignUp
                | Action::SetPassword
                | Action::ResetPassword
                | Action::SignOut
                | Action::AddToGroup
                | Action::RemoveFromGroup
                | Action::Mfa
                | Action::SetTrigger
                | Action::Mark
                | Action::MarkAll
        )
    }
}
