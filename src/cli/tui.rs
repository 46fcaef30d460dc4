//! Opening the TUI from the command line: the config file (key bindings, theme) is read and
//! checked first, so a bad one fails on stderr before raw mode, and so does a missing
//! terminal ([`require_terminal`]); then the gateway and the app's context and settings are
//! handed to `app::run`, which owns the terminal. Its exit code: 0 for a quit, 128 + the
//! signal when a signal ended it.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use super::start::{connect, fail};
use crate::app::workshop::WorkshopSetup;
use crate::app::{self, Settings, config};
use crate::cognito::{CognitoApi, ConnectOptions, SdkCognito};
use crate::core::input::keymap::Keymap;
use crate::core::model::Context;
use crate::ui;

/// The key bindings of the config file (its theme installed), or the start-up failure.
/// `color: false` (`NO_COLOR`, `--color never`) draws without colour, whatever the file says.
pub fn load_config(path: Option<&Path>, color: bool) -> Result<Keymap, ExitCode> {
    match config::load(path) {
        Ok(c) => {
            ui::theme::install(if color {
                c.theme
            } else {
                ui::theme::Theme::monochrome()
            });
            Ok(c.keymap())
        }
        Err(e) => Err(fail(e)),
    }
}

/// The TUI needs a terminal on stdin and stdout; without one (cron, `ssh` without `-t`, a
/// pipe) the start-up failure says which subcommands work without it.
pub fn require_terminal() -> Result<(), ExitCode> {
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return Ok(());
    }
    Err(fail(
        "the TUI needs a terminal, and stdin or stdout is not one here.\n  \
         Without a terminal, use a subcommand: `pools`, `export`, `auth` or `seed` \
         (cognito-tui --help lists them).",
    ))
}

/// `cognito-tui` without a subcommand: connect as the flags say, then [`run`].
pub async fn start(
    opts: &ConnectOptions,
    profile: Option<String>,
    log_path: &Path,
    keymap: Keymap,
    workshop: WorkshopSetup,
) -> ExitCode {
    if let Err(code) = require_terminal() {
        return code;
    }
    match connect(opts).await {
        Ok(api) => run(api, profile, log_path, opts, keymap, workshop).await,
        Err(code) => code,
    }
}

/// Run the TUI on a connected gateway until it quits.
pub async fn run(
    api: SdkCognito,
    profile: Option<String>,
    log_path: &Path,
    opts: &ConnectOptions,
    keymap: Keymap,
    workshop: WorkshopSetup,
) -> ExitCode {
    let ctx = Context {
        region: api.region().to_string(),
        endpoint: api.endpoint().map(str::to_string),
        profile,
        read_only: api.read_only(),
        log_path: Some(log_path.display().to_string()),
    };
    let api: Arc<dyn CognitoApi> = Arc::new(api);
    let settings = Settings {
        // The gateway has its own timeout; this outer bound catches anything else.
        call_timeout: opts.call_timeout + Duration::from_secs(2),
        keymap: keymap.with_read_only(ctx.read_only),
        connect: Some(opts.clone()),
        workshop,
    };
    match app::run(api, ctx, settings).await {
        Ok(exit) => ExitCode::from(exit.code()),
        Err(e) => {
            eprintln!("cognito-tui: {e}");
            ExitCode::from(1)
        }
    }
}
