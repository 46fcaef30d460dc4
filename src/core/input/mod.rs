//! What the user types, made into meaning: the keymap (the only source of the hint bar and
//! `?`), the actions keys stand for, the `:` command line, the server-side filter parser,
//! and `TextInput`, the one editable text field every prompt and form holds. Pure.

pub mod action;
pub mod command;
pub mod filter;
pub mod keymap;
pub mod text;
