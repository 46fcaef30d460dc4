#!/usr/bin/env bash
# Run the whole test suite: installs the pinned emulators into .venv (once), checks
# formatting, then runs every test (unit, screen snapshots, integration against the
# emulator, end to end in a pseudo-terminal).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-emulators.sh
cargo fmt --check
cargo test --locked "$@"
