#!/usr/bin/env bash
# Checks action/action.yml and the workflows against GitHub's schemas with @action-validator/cli (npm, WASM, no
# binary download). Run from anywhere; needs node/npx.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
files=(action/action.yml .github/workflows/*.yml docs/examples/*.yml)
exec npx --yes @action-validator/cli@0.6.0 "${files[@]}"
