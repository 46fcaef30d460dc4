//! `Msg`: everything that can happen to the app — a key, a resize, a tick, or the result of
//! a call. The loop feeds these to `update`, one at a time.

use crossterm::event::{KeyEvent, MouseEvent};

use crate::cognito::{self, PoolDetail, PoolSummary};
use crate::model::RequestId;

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Tick,
    Api(RequestId, Response),
}

/// The result of one `Request`.
#[derive(Debug)]
pub enum Response {
    Pools(cognito::Result<cognito::Page<PoolSummary>>),
    PoolDetail(cognito::Result<Box<PoolDetail>>),
}
