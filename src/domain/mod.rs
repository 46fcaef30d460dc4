//! The app's own types and rules, shared by every layer: pools, clients, users, groups,
//! errors, secrets, JWT decoding, trigger slots, the password policy, date text, and the rules
//! for the server's untrusted text and page tokens. No SDK, no UI, no I/O.

pub mod error;
pub mod format;
pub mod jwt;
pub mod oauth;
pub mod policy;
pub mod secret;
pub mod triggers;
pub mod types;
pub mod untrusted;

pub use error::{CognitoError, ErrorKind, Result, WriteOutcome};
pub use secret::Secret;
pub use types::*;
