#!/usr/bin/env bash
# The property tests with a million cases each (cargo test runs 256), in a release build,
# outside CI. Usage: scripts/proptest-long.sh [CASES]
set -euo pipefail
cd "$(dirname "$0")/.."
export PROPTEST_CASES="${1:-1000000}"
cargo test --release --test properties -- --test-threads 2
cargo test --release --lib the_lenient_reading_never_panics
