//! Pure sign-in logic: no I/O.

pub mod secret_hash;
pub mod srp;
