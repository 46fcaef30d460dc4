#!/usr/bin/env bash
# The offline workshop sandbox in one command: installs the pinned emulator (once), builds,
# starts ministack on 127.0.0.1 and a free port, seeds assets/workshop.json, opens the TUI,
# and stops the emulator when you quit.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-emulators.sh
exec cargo run --quiet -- sandbox "$@"
