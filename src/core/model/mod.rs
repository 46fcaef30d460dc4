//! The Model: the one owner of the app's state — the view stack, each pane's state, the
//! flash line and the error log — plus what `update` and `ui` both read from it: `derive`
//! (values computed from the state) and `layout` (the screen's geometry). Plain data: no
//! I/O, no SDK, no terminal, and it calls neither `update` nor `ui`.

pub mod chapters;
pub mod derive;
pub mod diagnosis;
pub mod forms;
pub mod hosted;
pub mod layout;
pub mod list;
pub mod loadable;
pub mod pool_choice;
pub mod preflight;
pub mod runner;
pub mod workshop;

pub use forms::{Bulk, Confirm, Confirmed, Field, FieldKind, Form, FormKind, ItemEnd};
pub use list::{ListPane, Searchable};
pub use loadable::{LoadState, Loadable};

use crate::core::input::filter::UserFilter;
use crate::core::input::text::TextInput;
use crate::core::msg::RequestId;
use crate::domain::secret::Secret;
use crate::domain::{
    AppClient, ClientSummary, CognitoError, Device, Group, PoolDetail, PoolSummary, User,
};

/// Where the user is. The last entry of the stack is on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    Pools,
    PoolDetail {
        pool_id: String,
        name: String,
    },
    Clients(PoolRef),
    ClientDetail {
        pool: PoolRef,
        client_id: String,
        name: String,
    },
    Users(PoolRef),
    UserDetail {
        pool: PoolRef,
        username: String,
    },
    Groups(PoolRef),
    Members {
        pool: PoolRef,
        group: String,
    },
    /// The pool's schema; from a user, with that user's values.
    Attributes {
        pool: PoolRef,
        user: Option<String>,
    },
    Triggers(PoolRef),
    Errors,
    /// The auth-flow runner for a pool.
    Auth(PoolRef),
}

/// The pool a view belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolRef {
    pub id: String,
    pub name: String,
}

impl PoolRef {
    pub fn label(&self) -> &str {
        if self.name.is_empty() {
            &self.id
        } else {
            &self.name
        }
    }
}

impl View {
    pub fn crumb(&self) -> String {
        match self {
            View::Pools => "pools".to_string(),
            View::PoolDetail { name, pool_id } => {
                if name.is_empty() {
                    pool_id.clone()
                } else {
                    name.clone()
                }
            }
            View::Clients(p) => format!("clients@{}", p.label()),
            View::ClientDetail { name, .. } => name.clone(),
            View::Users(p) => format!("users@{}", p.label()),
            View::UserDetail { username, .. } => username.clone(),
            View::Groups(p) => format!("groups@{}", p.label()),
            View::Members { group, .. } => format!("members@{group}"),
            View::Attributes { pool, user: None } => format!("attributes@{}", pool.label()),
            View::Attributes { user: Some(u), .. } => format!("attributes@{u}"),
            View::Triggers(p) => format!("triggers@{}", p.label()),
            View::Errors => "errors".to_string(),
            View::Auth(p) => format!("sign-in@{}", p.label()),
        }
    }

    /// The pool this view is about, if any.
    pub fn pool(&self) -> Option<PoolRef> {
        match self {
            View::Pools | View::Errors => None,
            View::PoolDetail { pool_id, name } => Some(PoolRef {
                id: pool_id.clone(),
                name: name.clone(),
            }),
            View::Clients(p)
            | View::Users(p)
            | View::Groups(p)
            | View::Triggers(p)
            | View::Auth(p) => Some(p.clone()),
            View::ClientDetail { pool, .. }
            | View::UserDetail { pool, .. }
            | View::Members { pool, .. }
            | View::Attributes { pool, .. } => Some(pool.clone()),
        }
    }
}

/// Which key bindings apply: one per view, plus overlays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Global,
    Pools,
    PoolDetail,
    Clients,
    ClientDetail,
    Users,
    UserDetail,
    Groups,
    Members,
    Attributes,
    Triggers,
    Errors,
    /// A text prompt (`:` command, `/` filter, server-side filter): keys are typed.
    Prompt,
    /// A describe / JSON / sample-event overlay.
    Overlay,
    /// The auth-flow runner while a run is under way or failed: the timeline.
    Auth,
    /// The auth-flow runner signed in: the tokens and what can be done with them.
    Tokens,
    /// The runner's identity pool chooser (pool and flow) before the credentials exchange.
    PoolChoice,
    /// The auth-flow runner's set-up form or a challenge's answer: keys are typed.
    AuthForm,
    Help,
    /// A form: keys are typed into the focused field.
    Form,
    /// A form with a password field (it can generate one, and show or hide it).
    PasswordForm,
    /// A y/n confirmation of a destructive action.
    Confirm,
    /// A confirmation that asks to type the target's name.
    ConfirmTyped,
    /// A bulk run's progress and per-item results.
    Bulk,
    /// The guided tour's chapter panel: its keys first, the rest to the pane below.
    Tour,
    /// The guided tour's chapter list.
    Chapters,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

/// The one-line message under the pane; it clears itself after `ttl` ticks.
#[derive(Debug, Clone, PartialEq)]
pub struct Flash {
    pub level: Level,
    pub text: String,
    pub ttl: u16,
}

/// One failed call, for the error list.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorEntry {
    pub operation: &'static str,
    pub error: CognitoError,
    /// When the result arrived (Unix seconds), stamped by the loop, not read by `update`.
    pub at: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// `:` a command.
    Command,
    /// `/` the local filter over the loaded rows.
    Filter,
    /// The server-side ListUsers filter.
    ServerFilter,
}

/// A one-line text prompt at the bottom of the pane.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: TextInput,
    /// Why the last submit was refused (shown under the prompt; no call was made).
    pub error: Option<String>,
}

/// A read-only text overlay: describe, raw JSON, a trigger's sample event.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlay {
    pub title: String,
    pub lines: Vec<String>,
    pub scroll: u16,
}

#[derive(Debug)]
pub struct UsersState {
    pub pane: ListPane<User>,
    /// The server-side filter of the current listing.
    pub server_filter: Option<UserFilter>,
    /// The usernames marked (space) for a bulk action.
    pub marked: std::collections::BTreeSet<String>,
}

#[derive(Debug)]
pub struct UserState {
    pub pool_id: String,
    pub username: String,
    pub user: Loadable<User>,
    pub groups: Loadable<Vec<Group>>,
    pub devices: Loadable<Vec<Device>>,
    pub scroll: u16,
    /// The auth events, once asked for (`H`).
    pub events: Option<diagnosis::Events>,
}

#[derive(Debug)]
pub struct ClientState {
    pub pool_id: String,
    pub client_id: String,
    pub client: Loadable<AppClient>,
    /// The secret, only after an explicit reveal; dropped when the view closes.
    pub secret: Loadable<Option<Secret>>,
    pub scroll: u16,
}

#[derive(Debug)]
pub struct MembersState {
    pub group: String,
    pub pane: ListPane<User>,
}

#[derive(Debug, Default)]
pub struct PoolsState {
    /// Every pool loaded so far, across pages.
    pub list: Loadable<Vec<PoolSummary>>,
    /// Pages fetched in the current load.
    pub pages: usize,
    /// The page tokens followed in the current load (a repeated one ends it).
    pub trail: crate::domain::untrusted::TokenTrail,
    pub selected: usize,
}

#[derive(Debug)]
pub struct DetailState {
    pub pool_id: String,
    pub detail: Loadable<PoolDetail>,
    pub scroll: u16,
}

/// Facts about the session the header shows.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub region: String,
    pub endpoint: Option<String>,
    pub profile: Option<String>,
    pub read_only: bool,
    pub log_path: Option<String>,
}

#[derive(Debug)]
pub struct Model {
    pub ctx: Context,
    pub stack: Vec<View>,
    pub pools: PoolsState,
    pub detail: Option<DetailState>,
    pub clients: Option<ListPane<ClientSummary>>,
    pub client: Option<ClientState>,
    pub users: Option<UsersState>,
    pub user: Option<UserState>,
    pub groups: Option<ListPane<Group>>,
    pub members: Option<MembersState>,
    /// Cursors of the schema, trigger and error tables.
    pub attributes_selected: usize,
    pub triggers_selected: usize,
    pub errors_selected: usize,
    pub prompt: Option<Prompt>,
    pub overlay: Option<Overlay>,
    pub help: bool,
    /// A form being filled in (create user, set password, edit group …).
    pub form: Option<Form>,
    /// A destructive action waiting for its confirmation.
    pub confirm: Option<Confirm>,
    /// The last (or running) bulk run.
    pub bulk: Option<Bulk>,
    /// Every single write in flight (from a form, a confirmation or a key), by request id:
    /// each one's result is shown when it lands.
    pub writing: std::collections::BTreeMap<RequestId, crate::core::effect::Write>,
    pub flash: Option<Flash>,
    pub errors: Vec<ErrorEntry>,
    /// The auth-flow runner, while its view is open.
    pub auth: Option<runner::AuthState>,
    /// The managed login of a pool (`:domain`), shown on top of its detail: pool id, data.
    pub managed_login: Option<(String, Loadable<crate::domain::oauth::ManagedLogin>)>,
    /// The identity-pools read in flight (`:identity-pools`, `I`): only its answer is shown.
    pub identity_pools_request: Option<RequestId>,
    /// The time (Unix seconds) as last told by the loop; `update` never reads the clock.
    pub now: i64,
    /// Counts ticks, for the spinner.
    pub ticks: u64,
    pub next_id: RequestId,
    pub quit: bool,
    /// A region / profile switch in progress: its id and what it switches to.
    pub switching: Option<(RequestId, String)>,
    /// The terminal's size (columns, rows), from resize messages: where a click lands.
    pub size: (u16, u16),
    /// Presenter mode and the guided tour.
    pub workshop: workshop::Workshop,
}

/// How many ticks a flash stays (ticks are 250 ms apart).
pub const FLASH_TICKS: u16 = 16;

impl Model {
    pub fn new(ctx: Context) -> Self {
        Self {
            ctx,
            stack: vec![View::Pools],
            pools: PoolsState::default(),
            detail: None,
            managed_login: None,
            identity_pools_request: None,
            clients: None,
            client: None,
            users: None,
            user: None,
            groups: None,
            members: None,
            attributes_selected: 0,
            triggers_selected: 0,
            errors_selected: 0,
            prompt: None,
            overlay: None,
            help: false,
            form: None,
            confirm: None,
            bulk: None,
            writing: Default::default(),
            flash: None,
            errors: Vec::new(),
            auth: None,
            now: 0,
            ticks: 0,
            next_id: 1,
            quit: false,
            switching: None,
            size: (0, 0),
            workshop: Default::default(),
        }
    }

    pub fn view(&self) -> &View {
        self.stack.last().unwrap_or(&View::Pools)
    }

    pub fn mode(&self) -> Mode {
        if self.help {
            return Mode::Help;
        }
        if self.prompt.is_some() {
            return Mode::Prompt;
        }
        if let Some(f) = &self.form {
            let secret = f
                .fields
                .iter()
                .any(|f| matches!(f.kind, FieldKind::Secret { .. }));
            return if secret {
                Mode::PasswordForm
            } else {
                Mode::Form
            };
        }
        if let Some(c) = &self.confirm {
            return if c.typed.is_some() {
                Mode::ConfirmTyped
            } else {
                Mode::Confirm
            };
        }
        if self.bulk.as_ref().is_some_and(|b| b.shown) {
            return Mode::Bulk;
        }
        if self.overlay.is_some() {
            return Mode::Overlay;
        }
        if let Some(t) = &self.workshop.tour {
            if t.list.is_some() {
                return Mode::Chapters;
            }
            if t.shown {
                return Mode::Tour;
            }
        }
        self.view_mode()
    }

    /// The mode of the view on screen, ignoring overlays.
    pub fn view_mode(&self) -> Mode {
        match self.view() {
            View::Pools => Mode::Pools,
            View::PoolDetail { .. } => Mode::PoolDetail,
            View::Clients(_) => Mode::Clients,
            View::ClientDetail { .. } => Mode::ClientDetail,
            View::Users(_) => Mode::Users,
            View::UserDetail { .. } => Mode::UserDetail,
            View::Groups(_) => Mode::Groups,
            View::Members { .. } => Mode::Members,
            View::Attributes { .. } => Mode::Attributes,
            View::Triggers(_) => Mode::Triggers,
            View::Errors => Mode::Errors,
            View::Auth(_) => match self.auth.as_ref() {
                Some(a) if a.takes_text() => Mode::AuthForm,
                Some(a) if matches!(a.stage, runner::Stage::SignedIn) && a.chooser.is_some() => {
                    Mode::PoolChoice
                }
                Some(a) if matches!(a.stage, runner::Stage::SignedIn) => Mode::Tokens,
                _ => Mode::Auth,
            },
        }
    }

    /// The write started last, while it is in flight.
    pub fn latest_write(&self) -> Option<RequestId> {
        self.writing.keys().next_back().copied()
    }

    /// The running bulk run, if one is running.
    pub fn running_bulk(&self) -> Option<&Bulk> {
        self.bulk.as_ref().filter(|b| !b.finished)
    }

    /// What quitting now would abandon, one line each; empty when nothing is in flight.
    pub fn in_flight(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .writing
            .values()
            .map(|w| format!("{} (its outcome would not be known)", w.operation()))
            .collect();
        if let Some(b) = self.running_bulk() {
            lines.push(format!(
                "the bulk {} run: {} of {} done, {} not started",
                b.op.verb(),
                b.done(),
                b.items.len(),
                b.items.len() - b.done()
            ));
        }
        lines
    }

    pub fn fresh_id(&mut self) -> RequestId {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    pub fn flash(&mut self, level: Level, text: impl Into<String>) {
        self.flash = Some(Flash {
            level,
            text: text.into(),
            ttl: FLASH_TICKS,
        });
    }

    pub fn is_loading(&self) -> bool {
        !self.writing.is_empty()
            || self.form.as_ref().is_some_and(|f| f.pending.is_some())
            || self.confirm.as_ref().is_some_and(|c| c.pending.is_some())
            || self.bulk.as_ref().is_some_and(|b| !b.finished)
            || self.switching.is_some()
            || self.pools.list.is_loading()
            || self.detail.as_ref().is_some_and(|d| d.detail.is_loading())
            || self.clients.as_ref().is_some_and(|c| c.list.is_loading())
            || self
                .client
                .as_ref()
                .is_some_and(|c| c.client.is_loading() || c.secret.is_loading())
            || self
                .users
                .as_ref()
                .is_some_and(|u| u.pane.list.is_loading())
            || self.user.as_ref().is_some_and(|u| {
                u.user.is_loading() || u.groups.is_loading() || u.devices.is_loading()
            })
            || self.groups.as_ref().is_some_and(|g| g.list.is_loading())
            || self
                .members
                .as_ref()
                .is_some_and(|m| m.pane.list.is_loading())
            || self.auth.as_ref().is_some_and(|a| a.is_busy())
    }

    /// Whether the loop should tick (a spinner turns or a flash must clear).
    pub fn needs_tick(&self) -> bool {
        self.is_loading()
            || self.flash.is_some()
            || self.workshop.revealed.is_some()
            // The token countdown and the TOTP code window.
            || (matches!(self.view(), View::Auth(_))
                && self
                    .auth
                    .as_ref()
                    .is_some_and(|a| a.tokens.is_some() || a.totp_secret.is_some()))
    }

    /// Back to an empty pools list (after a region or profile switch): every pane's state
    /// goes; the error log and the session facts stay.
    pub fn reset_views(&mut self) {
        self.stack = vec![View::Pools];
        self.pools = PoolsState::default();
        self.detail = None;
        self.clients = None;
        self.client = None;
        self.users = None;
        self.user = None;
        self.groups = None;
        self.members = None;
        self.attributes_selected = 0;
        self.triggers_selected = 0;
        self.errors_selected = 0;
        self.prompt = None;
        self.overlay = None;
    }

    pub fn breadcrumbs(&self) -> Vec<String> {
        self.stack.iter().map(View::crumb).collect()
    }
}
