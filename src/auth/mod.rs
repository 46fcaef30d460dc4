//! The sign-in engine, pure: no I/O, no clock, no randomness of its own, no AWS SDK, no
//! terminal. The caller drives a [`Runner`] step by step: it sends the runner's
//! [`AuthRequest`]s to Cognito, asks the user its [`Prompt`]s, and runs its [`SrpWork`] off the
//! UI loop, handing in the time and a random number generator.
//!
//! - `runner` (+ `runner/`): the state machine: states, events, calls, replies, errors.
//! - `flows`: the flows and their configuration. `requests`: requests and replies.
//! - `prompts`: questions and answers. `errors`: failed steps. `transcript`: what is shown.
//! - `srp_work`: the SRP computations handed out; `srp/`: the SRP-6a maths.
//! - `totp`, `secret_hash`: authenticator codes and `SECRET_HASH`.
//! - `session`: the transcript of a whole runner session (every run and token call).
//! - `oauth`: the hosted (managed login) flows: PKCE, pre-flight, redirect, token forms.
//! - `diagnose`: the pre-flight before a sign-in and the likely cause of a failed step.
//!
//! Callers use the flat paths re-exported here (`crate::auth::{Runner, Flow, AuthRequest, …}`).

pub mod diagnose;
mod errors;
mod flows;
pub mod oauth;
mod prompts;
mod requests;
mod runner;
pub mod secret_hash;
pub mod session;
pub mod srp;
mod srp_work;
pub mod totp;
mod transcript;

pub use errors::{ErrorKind, FlowError, Retry};
pub use flows::{FirstFactor, Flow, FlowConfig, Inputs};
pub use prompts::{Choice, CodeKind, Input, Prompt};
pub use requests::{
    AssociateSoftwareTokenResponse, AuthRequest, AuthResponse, MASK, MaskedRequest, Param, Params,
    Reply, Tokens, VerifySoftwareTokenResponse, expose_params,
};
pub use runner::{Runner, Status, Step};
pub use srp_work::{SrpDone, SrpWork};
pub use transcript::{ResponseSummary, TranscriptEntry, request_explanation, response_explanation};
