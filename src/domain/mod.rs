//! The app's own types and rules, shared by every layer: pools, clients, users, groups,
//! errors, secrets, JWT decoding, trigger slots, the password policy, date text, the rules
//! for the server's untrusted text and page tokens, identity pools and the role explainer.
//! No SDK, no UI, no I/O.

pub mod error;
pub mod format;
pub mod identity;
pub mod identity_report;
pub mod jwt;
pub mod oauth;
pub mod policy;
pub mod roles;
pub mod secret;
pub mod triggers;
pub mod types;
pub mod untrusted;

pub use error::{CognitoError, ErrorKind, Result, WriteOutcome};
pub use secret::Secret;
pub use types::*;
