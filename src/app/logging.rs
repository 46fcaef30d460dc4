//! Logging to a file (never to the screen). The AWS SDK's own logs are kept at warn so no
//! request or response body — which may hold a password or token — is ever written.

use std::path::{Path, PathBuf};

use tracing_subscriber::EnvFilter;

/// The default log file: `$XDG_STATE_HOME/cognito-tui/cognito-tui.log` (or the HOME
/// equivalent, by `etcetera`'s XDG strategy on every platform), falling back to the temp
/// directory without a home directory.
pub fn default_path() -> PathBuf {
    use etcetera::BaseStrategy;
    let base = etcetera::base_strategy::Xdg::new()
        .ok()
        .and_then(|xdg| xdg.state_dir())
        .unwrap_or_else(std::env::temp_dir);
    base.join("cognito-tui").join("cognito-tui.log")
}

/// Start logging to `path` (appending; the file is private, 0600). Level from `COGNITO_TUI_LOG` (default info).
pub fn init(path: &Path) -> Result<(), String> {
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        let mut folder = std::fs::DirBuilder::new();
        folder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut folder, 0o700);
        folder
            .create(dir)
            .map_err(|e| format!("cannot create the log directory {}: {e}", dir.display()))?;
    }
    let file = crate::app::files::open_private_append(path)
        .map_err(|e| format!("cannot open the log file {}: {e}", path.display()))?;
    let level = std::env::var("COGNITO_TUI_LOG").unwrap_or_else(|_| "info".into());
    // The user's level for our own code; the SDK, HTTP and TLS stacks stay at warn.
    let directives = format!(
        "{level},aws_smithy_runtime=warn,aws_smithy_runtime_api=warn,aws_smithy_http=warn,aws_config=warn,aws_sigv4=warn,aws_runtime=warn,hyper=warn,hyper_util=warn,rustls=warn,h2=warn"
    );
    let filter = EnvFilter::try_new(&directives)
        .map_err(|e| format!("COGNITO_TUI_LOG={level:?} is not a valid log filter: {e}"))?;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init()
        .map_err(|e| format!("cannot start logging: {e}"))
}
