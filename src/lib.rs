//! cognito-tui: a terminal console for Amazon Cognito user pools.
//!
//! The layers, in the order a key press travels (each module's own header says what it owns
//! and what it must not do):
//!
//! - [`cli`]: one file per subcommand, and every start-up check (stderr, exit 2, before raw mode).
//! - [`app`]: the runtime: the loop, the effect executor, the terminal, config, logging.
//! - [`core`]: the pure half: messages in, model changed, effects (data) out; keymap and input.
//! - [`ui`]: the screen as a pure function of the model.
//! - [`domain`]: the app's own types and rules (pools, users, secrets, JWTs, password policy).
//! - [`auth`]: the sign-in engine (state machine, SRP, TOTP), pure.
//! - [`cognito`]: the gateway, the only module that imports an AWS SDK.

pub mod app;
pub mod auth;
pub mod cli;
pub mod cognito;
pub mod core;
pub mod domain;
pub mod ui;
