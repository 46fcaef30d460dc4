//! Reusable pieces of the screen: header, breadcrumbs, flash line, hint bar, messages.

pub mod bulk;
pub mod confirm;
pub mod crumbs;
pub mod flash;
pub mod form;
pub mod header;
pub mod hints;
pub mod message;
pub mod overlay;
pub mod prompt;
pub mod qr;
pub mod table;
