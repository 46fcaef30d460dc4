//! One renderer per view: each draws its part of the Model, touching only visible rows. They
//! read the Model and never change it, and take colours from `theme` and shapes from
//! `widgets`; none calls `update`.

pub mod attributes;
pub mod clients;
pub mod credentials;
pub mod diagnosis;
pub mod errors;
pub mod groups;
pub mod help;
pub mod managed_login;
pub mod pool_choice;
pub mod pool_detail;
pub mod pools;
pub mod runner;
pub mod runner_hosted;
pub mod triggers;
pub mod user_detail;
pub mod users;
