//! Small text formatters shared by the panes: lists, the spinner. `date` and `yes_no` live
//! in `domain::format` (the update layer writes them too) and are re-exported here.

pub use crate::domain::format::{date, yes_no};

pub fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

pub fn spinner(ticks: u64) -> &'static str {
    SPINNER[(ticks % SPINNER.len() as u64) as usize]
}
