//! The Model: the one owner of the app's state — the view stack, each pane's state, the
//! flash line and the error log. Plain data: no I/O, no SDK, no terminal.

pub mod loadable;

pub use loadable::{LoadState, Loadable};

use crate::cognito::{CognitoError, PoolDetail, PoolSummary};

/// Identifies one in-flight call; results whose id is no longer current are dropped.
pub type RequestId = u64;

/// Where the user is. The last entry of the stack is on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    Pools,
    PoolDetail { pool_id: String, name: String },
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
    Help,
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
}

#[derive(Debug, Default)]
pub struct PoolsState {
    /// Every pool loaded so far, across pages.
    pub list: Loadable<Vec<PoolSummary>>,
    /// Pages fetched in the current load.
    pub pages: usize,
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
    pub help: bool,
    pub flash: Option<Flash>,
    pub errors: Vec<ErrorEntry>,
    /// Counts ticks, for the spinner.
    pub ticks: u64,
    pub next_id: RequestId,
    pub quit: bool,
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
            help: false,
            flash: None,
            errors: Vec::new(),
            ticks: 0,
            next_id: 1,
            quit: false,
        }
    }

    pub fn view(&self) -> &View {
        self.stack.last().unwrap_or(&View::Pools)
    }

    pub fn mode(&self) -> Mode {
        if self.help {
            return Mode::Help;
        }
        match self.view() {
            View::Pools => Mode::Pools,
            View::PoolDetail { .. } => Mode::PoolDetail,
        }
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
        self.pools.list.is_loading()
            || self
                .detail
                .as_ref()
                .map(|d| d.detail.is_loading())
                .unwrap_or(false)
    }

    /// Whether the loop should tick (a spinner turns or a flash must clear).
    pub fn needs_tick(&self) -> bool {
        self.is_loading() || self.flash.is_some()
    }

    pub fn breadcrumbs(&self) -> Vec<String> {
        self.stack.iter().map(View::crumb).collect()
    }
}
