//! `Msg`: everything that can happen to the app — a key, a resize, a tick, or the result of
//! a call. The loop feeds these to `update`, one at a time.

use crossterm::event::{KeyEvent, MouseEvent};

use crate::auth::{Reply, SrpDone};
use crate::cognito::{self};
use crate::domain::ClientAuthInfo;
use crate::domain::secret::Secret;
use crate::domain::{AppClient, ClientSummary, Device, Group, Page, PoolDetail, PoolSummary, User};

/// Identifies one in-flight call; results whose id is no longer current are dropped.
pub type RequestId = u64;

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Tick,
    /// A call's result, with when it arrived (Unix seconds, read by the loop).
    Api(RequestId, Response, i64),
    /// The time (Unix seconds), told by the loop on every tick.
    Now(i64),
    /// The gateway was rebuilt (`Effect::Switch`), or why it could not be; on failure the
    /// previous gateway stays in use.
    Switched(RequestId, Result<Switched, String>),
}

/// Where the rebuilt gateway points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Switched {
    pub region: String,
    pub profile: Option<String>,
}

/// The result of one `Request`.
#[derive(Debug)]
pub enum Response {
    Pools(cognito::Result<Page<PoolSummary>>),
    PoolDetail(cognito::Result<Box<PoolDetail>>),
    Clients(cognito::Result<Page<ClientSummary>>),
    Client(cognito::Result<Box<AppClient>>),
    ClientSecret(cognito::Result<Option<Secret>>),
    Users(cognito::Result<Page<User>>),
    User(cognito::Result<Box<User>>),
    UserGroups(cognito::Result<Page<Group>>),
    UserDevices(cognito::Result<Page<Device>>),
    Groups(cognito::Result<Page<Group>>),
    Members(cognito::Result<Page<User>>),
    /// The runner's app clients, with flows and secrets.
    AuthClients(cognito::Result<Vec<ClientAuthInfo>>),
    /// A sign-in call.
    Auth(cognito::Result<Box<Reply>>),
    /// SRP work done off the loop (None if the job was already taken).
    Srp(Option<SrpDone>),
    Jwks(cognito::Result<String>),
    /// A token action (GetUser, sign-out, revoke, export): a one-line outcome.
    AuthAction(cognito::Result<String>),
    /// A `Request::Write` finished.
    Written(cognito::Result<()>),
    /// A generated temporary password.
    Generated(Secret),
    /// One user of a bulk run finished.
    BulkItem {
        index: usize,
        result: cognito::Result<()>,
    },
    /// Every user of a bulk run is done.
    BulkDone,
}
