#!/usr/bin/env bash
# The offline workshop sandbox in one command: installs the pinned emulator (once), builds,
# starts ministack on 127.0.0.1 and a free port, seeds assets/workshop.json, opens the TUI,
# and stops the emulator when you quit.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-emulators.sh
# Build the way the test command does, so the demo and the tests share one build.
echo "Building cognito-tui (the first build takes a few minutes)..." >&2
cargo test --locked --no-run --quiet 2>/dev/null || cargo test --locked --no-run
exec target/debug/cognito-tui sandbox "$@"
