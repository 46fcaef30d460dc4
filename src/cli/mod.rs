//! The subcommands' bodies, one file each, and the emulator the sandbox starts. `main.rs`
//! holds only the flags. Everything here writes to stdout/stderr, never to a raw terminal.

pub mod auth;
pub mod emulator;
pub mod export;
pub mod seed;
