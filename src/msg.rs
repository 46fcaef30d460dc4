//! `Msg`: everything that can happen to the app — a key, a resize, a tick, or the result of
//! a call. The loop feeds these to `update`, one at a time.

use crossterm::event::{KeyEvent, MouseEvent};

use crate::cognito::{
    self, AppClient, ClientSummary, Device, Group, Page, PoolDetail, PoolSummary, User,
};
use crate::model::RequestId;
use crate::secret::Secret;

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Tick,
    /// A call's result, with when it arrived (Unix seconds, read by the loop).
    Api(RequestId, Response, i64),
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
}
