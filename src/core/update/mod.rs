//! `update`: the app's logic as a pure function — a message in, the model changed and the
//! effects to run out. No I/O, no SDK, no clock reads, and no call into `ui` (what both need
//! is derived in `core::model`).
//!
//! `dispatch` routes each message and browse action; `navigation` owns the view stack,
//! loading and moving; `prompts` the `/`, `f` and `:` lines; `describe` the `d`/`y` views;
//! `responses` what a call's result does; `admin/` the writes (one file per resource);
//! `runner/` the sign-in runner view.

use crossterm::event::{KeyCode, KeyEventKind, MouseButton, MouseEventKind};
use serde::Serialize;

use crate::core::input::action::Action;

use crate::core::effect::{Effect, Request, Switch};
use crate::core::input::command::{self, Command};
use crate::core::input::filter;
use crate::core::input::keymap::Keymap;
use crate::core::input::text::{Edit, TextInput};
use crate::core::model::{
    ClientState, DetailState, ErrorEntry, Level, ListPane, Loadable, MembersState, Mode, Model,
    Overlay, PoolRef, Prompt, PromptKind, UserState, UsersState, View,
};
use crate::core::msg::{Msg, RequestId, Response, Switched};
use crate::domain::format::date;
use crate::domain::triggers::TRIGGERS;
use crate::domain::{CognitoError, ErrorKind, User};

mod admin;
mod describe;
mod dispatch;
mod identity;
mod managed_login;
mod navigation;
mod prompts;
mod responses;
pub mod runner;
#[cfg(test)]
mod tests;
mod workshop;

use describe::*;
use navigation::*;
use prompts::*;
use responses::*;

use dispatch::*;
pub use dispatch::{init, update};

/// Rows one PageUp/PageDown moves.
const PAGE: usize = 10;
/// Keep at most this many entries in the error log.
const MAX_ERRORS: usize = 200;
/// Ask for the next page when the cursor is this close to the last loaded row.
pub const PREFETCH: usize = 20;
