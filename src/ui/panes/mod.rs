//! One renderer per view: each draws its part of the Model, touching only visible rows.

pub mod help;
pub mod pool_detail;
pub mod pools;
