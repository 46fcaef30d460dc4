//! Reusable pieces of the screen: header, breadcrumbs, flash line, hint bar, messages, the
//! list table, the detail body, popups (form, confirm, bulk, overlay, prompt), QR codes
//! and the text field.
//! Each draws what it is handed; none changes the Model or calls `update`.

pub mod bulk;
pub mod confirm;
pub mod crumbs;
pub mod detail;
pub mod flash;
pub mod form;
pub mod header;
pub mod hints;
pub mod input;
pub mod message;
pub mod overlay;
pub mod prompt;
pub mod qr;
pub mod table;
pub mod tour;
