#!/usr/bin/env bash
# The full size sweep, outside CI: every pane and popup at every terminal size from 1x1 to
# 300x100 (30,000 sizes), in a release build. `cargo test` runs a spread of those sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
COGNITO_TUI_SWEEP=full cargo test --release --lib ui::sweep -- --nocapture
