//! cognito-tui: a terminal console for Amazon Cognito user pools.

pub mod action;
pub mod admin;
pub mod app;
pub mod auth;
pub mod auth_view;
pub mod cognito;
pub mod command;
pub mod config;
pub mod effect;
pub mod emulator;
pub mod export;
pub mod filter;
pub mod headless;
pub mod jwt;
pub mod keymap;
pub mod logging;
pub mod model;
pub mod msg;
pub mod secret;
pub mod seed;
pub mod triggers;
pub mod tui;
pub mod ui;
pub mod update;
