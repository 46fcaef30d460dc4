//! `Msg`: everything that can happen to the app — a key, a paste, a resize, a tick, or the
//! result of a call. The loop feeds these to `update`, one at a time.

use crossterm::event::{KeyEvent, MouseEvent};

use crate::auth::{Reply, SrpDone};
use crate::domain::ClientAuthInfo;
use crate::domain::secret::Secret;
use crate::domain::{AppClient, ClientSummary, Device, Group, Page, PoolDetail, PoolSummary, User};

/// Identifies one in-flight call; results whose id is no longer current are dropped.
pub type RequestId = u64;

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste), whole: it goes into the focused
    /// text field, if any, and is never read as key presses.
    Paste(String),
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
    Pools(crate::domain::Result<Page<PoolSummary>>),
    PoolDetail(crate::domain::Result<Box<PoolDetail>>),
    Clients(crate::domain::Result<Page<ClientSummary>>),
    Client(crate::domain::Result<Box<AppClient>>),
    ClientSecret(crate::domain::Result<Option<Secret>>),
    Users(crate::domain::Result<Page<User>>),
    User(crate::domain::Result<Box<User>>),
    UserGroups(crate::domain::Result<Page<Group>>),
    UserDevices(crate::domain::Result<Page<Device>>),
    Groups(crate::domain::Result<Page<Group>>),
    Members(crate::domain::Result<Page<User>>),
    /// The runner's app clients, with flows and secrets.
    AuthClients(crate::domain::Result<Vec<ClientAuthInfo>>),
    /// The facts behind a sign-in's pre-flight and diagnosis.
    SignInFacts(Box<crate::auth::diagnose::SignInFacts>),
    /// A user's auth events.
    AuthEvents(crate::domain::Result<Page<crate::auth::diagnose::AuthEvent>>),
    /// A sign-in call.
    Auth(crate::domain::Result<Box<Reply>>),
    /// SRP work done off the loop, or why it did not finish.
    Srp(crate::domain::Result<SrpDone>),
    Jwks(crate::domain::Result<String>),
    /// A token action (GetUser, sign-out, revoke, export): a one-line outcome.
    AuthAction(crate::domain::Result<String>),
    /// The identity pools as text: the overlay's title and lines.
    IdentityPools(crate::domain::Result<(String, Vec<String>)>),
    /// The identity pools that trust the runner's app client, or why none could be found.
    TrustingPools(crate::domain::Result<Vec<crate::domain::identity::IdentityPool>>),
    /// The identity pool exchange of the runner: what it did, also when it failed.
    Credentials(crate::domain::Result<crate::domain::identity::CredentialsView>),
    /// A `Request::Write` finished: done, refused, or its answer lost and checked.
    Written(crate::domain::WriteOutcome),
    /// A generated temporary password, or why none came.
    Generated(crate::domain::Result<Secret>),
    /// One user of a bulk run finished.
    BulkItem {
        index: usize,
        outcome: crate::domain::WriteOutcome,
    },
    /// Every user of a bulk run is done.
    BulkDone,
    /// A step of a managed-login run.
    Hosted(crate::core::hosted::HostedResponse),
    /// The pace of a bulk run, at its start and whenever throttling changed it: calls a
    /// second, and whether a throttle slowed it below Cognito's quota.
    BulkPace {
        per_second: f64,
        slowed: bool,
    },
}
