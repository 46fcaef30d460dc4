//! `cognito-tui sandbox`: start a local emulator, seed a workshop file into it, open the TUI
//! on it, and stop the emulator when the TUI exits. No terminal, a bad seed file or an
//! emulator that does not start fails on stderr (exit 2) before raw mode; a failed seeding
//! is exit code 1.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::emulator::{Emulator, Kind};
use super::start::{connect, fail};
use super::{seed, tui};
use crate::cognito::ConnectOptions;
use crate::core::input::keymap::Keymap;

/// The workshop file seeded when none is given: `assets/workshop.json` on ministack,
/// `assets/mfa-workshop.json` (MFA set-up) on moto.
pub fn default_seed(kind: Kind) -> PathBuf {
    let file = match kind {
        Kind::Ministack => "assets/workshop.json",
        Kind::Moto => "assets/mfa-workshop.json",
    };
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(file)
}

pub async fn run(
    mut opts: ConnectOptions,
    seed_file: Option<PathBuf>,
    kind: Kind,
    log_path: &Path,
    keymap: Keymap,
    mut workshop: crate::app::workshop::WorkshopSetup,
) -> ExitCode {
    if opts.endpoint_url.is_some() {
        return fail("sandbox starts its own emulator; drop --endpoint-url");
    }
    if let Err(code) = tui::require_terminal() {
        return code;
    }
    let file = seed_file.unwrap_or_else(|| default_seed(kind));
    if let Err(e) = seed::load(&file) {
        return fail(e);
    }
    eprintln!("Starting the local Cognito emulator ({})…", kind.name());
    let emu = match tokio::task::spawn_blocking(move || Emulator::start(kind)).await {
        Ok(Ok(emu)) => emu,
        Ok(Err(e)) => return fail(e),
        Err(e) => return fail(e),
    };
    // The sandbox speaks to its own emulator with its test credentials.
    opts.endpoint_url = Some(emu.endpoint());
    opts.profile = None;
    opts.static_credentials = Some(("test".into(), "test".into()));
    opts.region = Some(opts.region.unwrap_or_else(|| "us-east-1".into()));
    // The seed writes to the sandbox's own emulator even with --read-only, which then holds
    // for the TUI.
    let seeder = ConnectOptions {
        read_only: false,
        ..opts.clone()
    };
    let api = match connect(&seeder).await {
        Ok(api) => api,
        Err(code) => return code,
    };
    eprintln!("Seeding {} on {}…", file.display(), emu.endpoint());
    match seed::seed(&api, &file, None).await {
        Ok(report) => {
            let _ = report.print(&mut std::io::stderr());
        }
        Err(e) => {
            let e = crate::domain::untrusted::printable(&e.to_string());
            eprintln!("cognito-tui: seeding the sandbox failed at {e}");
            return ExitCode::from(1);
        }
    }
    let api = if opts.read_only {
        match connect(&opts).await {
            Ok(api) => api,
            Err(code) => return code,
        }
    } else {
        api
    };
    workshop.greet = true;
    let code = tui::run(api, None, log_path, &opts, keymap, workshop).await;
    drop(emu);
    // Not eprintln!: after a hang-up stderr is gone, and that must not panic.
    let _ = writeln!(std::io::stderr(), "Sandbox stopped.");
    code
}
