#!/usr/bin/env bash
# Install the pinned local Cognito emulators (ministack, moto) into the project's .venv.
# Idempotent: does nothing when the pins are already installed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
REQ=scripts/requirements-emulators.txt
CON=scripts/constraints-emulators.txt
STAMP=.venv/.emulators-installed
want=$(cat "$REQ" "$CON" | sha256sum | cut -d' ' -f1)
if [ -x .venv/bin/python ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  exit 0
fi
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' 2>/dev/null; then
  echo "setup-emulators: Python 3.10 or newer is needed (set PYTHON=/path/to/python3)" >&2
  exit 2
fi
echo "setup-emulators: installing ministack and moto into .venv (once)..." >&2
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$REQ" -c "$CON"
.venv/bin/python -c 'import ministack, moto' 
echo "$want" > "$STAMP"
echo "setup-emulators: done" >&2
