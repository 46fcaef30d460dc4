//! The pure half of the app: no I/O, no clock, no SDK, no terminal. A [`msg::Msg`] comes in,
//! [`update`] changes the [`model`] and hands back [`effect::Effect`]s (plain data) for the
//! runtime to run. `input` turns keys into actions and typed text into commands.

pub mod effect;
pub mod hosted;
pub mod input;
pub mod model;
pub mod msg;
pub mod update;
