//! The subcommands' bodies, one file each (`pools`, `seed`, `export`, `auth`, `credentials`,
//! `sandbox`, and
//! `tui` for opening the TUI), the emulator the sandbox starts, and `start`, the start-up
//! failure every body shares (stderr, exit code 2). `main.rs` holds only the flags and the
//! dispatch. Everything here writes to stdout/stderr, never to a raw terminal: the TUI's
//! terminal belongs to `app`.

pub mod auth;
pub mod credentials;
pub mod docs;
pub mod emulator;
pub mod explain;
pub mod export;
pub mod oauth;
pub mod oauth_refresh;
pub mod out;
pub mod pools;
pub mod sandbox;
pub mod seed;
pub mod seed_identity;
pub mod seed_oauth;
pub mod start;
pub mod tui;
