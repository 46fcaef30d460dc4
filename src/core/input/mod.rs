//! What the user types, made into meaning: the keymap (the only source of the hint bar and
//! `?`), the actions keys stand for, the `:` command line and the server-side filter parser.
//! Pure.

pub mod action;
pub mod command;
pub mod filter;
pub mod keymap;
