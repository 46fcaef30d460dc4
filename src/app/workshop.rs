//! Workshop mode's start-up settings: `--presenter` and the chapter file (`--chapters FILE`),
//! read and checked before the TUI starts (a bad file fails on stderr), installed once, and
//! handed to the Model when the loop starts.

use std::path::Path;
use std::sync::OnceLock;

use crate::core::model::Model;
use crate::core::model::chapters::{self, Tour};

struct Setup {
    presenter: bool,
    chapters: Option<Tour>,
}

static SETUP: OnceLock<Setup> = OnceLock::new();

/// Read and check the chapter file (if one is named), then remember the settings for
/// [`install`]. The error names the file and says what is wrong.
pub fn configure(presenter: bool, chapters: Option<&Path>) -> Result<(), String> {
    let chapters = match chapters {
        None => None,
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the chapter file {}: {e}", path.display()))?;
            Some(
                chapters::parse(&text)
                    .map_err(|e| format!("the chapter file {}: {e}", path.display()))?,
            )
        }
    };
    let _ = SETUP.set(Setup {
        presenter,
        chapters,
    });
    Ok(())
}

/// Hand the settings to a new Model.
pub fn install(model: &mut Model) {
    if let Some(s) = SETUP.get() {
        model.workshop.presenter = s.presenter;
        model.workshop.chapters = s.chapters.clone();
    }
}
