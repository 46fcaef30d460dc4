//! Workshop mode's start-up settings: `--presenter` and the chapter file (`--chapters FILE`),
//! read and checked before the TUI starts (a bad file fails on stderr), and handed to the
//! Model when the loop starts (through `app::Settings`).

use std::path::Path;

use crate::core::model::Model;
use crate::core::model::chapters::{self, Tour};

/// What the TUI starts with in workshop mode (`app::Settings::workshop`).
#[derive(Debug, Default, Clone)]
pub struct WorkshopSetup {
    pub presenter: bool,
    /// `--chapters FILE`, read and checked; `None`: the bundled tour.
    pub chapters: Option<Tour>,
    /// Say at start that the guided tour is there (the sandbox does).
    pub greet: bool,
}

/// Read and check the chapter file (if one is named): the settings for [`install`]. The
/// error names the file and says what is wrong.
pub fn configure(presenter: bool, chapters: Option<&Path>) -> Result<WorkshopSetup, String> {
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
    Ok(WorkshopSetup {
        presenter,
        chapters,
        greet: false,
    })
}

/// Hand the settings to a new Model.
pub fn install(model: &mut Model, s: &WorkshopSetup) {
    model.workshop.presenter = s.presenter;
    model.workshop.chapters = s.chapters.clone();
    if s.greet {
        let mut flash =
            "the workshop sandbox is ready: :workshop starts the guided tour".to_string();
        if !model.workshop.presenter {
            flash.push_str(" (--presenter hides secrets on a shared screen)");
        }
        // Longer than a usual message: the pools are still loading when it appears.
        model.flash = Some(crate::core::model::Flash {
            level: crate::core::model::Level::Info,
            text: flash,
            ttl: 4 * crate::core::model::FLASH_TICKS,
        });
    }
}
