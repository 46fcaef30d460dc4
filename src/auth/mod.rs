//! Pure sign-in logic: no I/O.

pub mod flow;
pub mod secret_hash;
pub mod srp;
pub mod totp;
