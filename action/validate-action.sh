#!/usr/bin/env bash
# Checks action/action.yml, the workflows and the documented example against GitHub's schemas with
# @action-validator/cli 0.6.0 (npm, WASM, no binary download). It takes one file per call, so this loops.
# Run from anywhere; needs node/npx. Exits non-zero if any file fails.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
status=0
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for file in action/action.yml .github/workflows/*.yml docs/examples/*.yml; do
  checked="$file"
  # the validator tells actions from workflows by file name, and .github/workflows/action.yml is a workflow
  if [ "$file" != action/action.yml ] && [ "$(basename "$file")" = action.yml ]; then
    checked="$tmp/$(basename "$file" .yml)-workflow.yml"
    cp "$file" "$checked"
  fi
  if npx --yes @action-validator/cli@0.6.0 "$checked"; then
    echo "ok: $file"
  else
    echo "FAILED: $file" >&2
    status=1
  fi
done
exit "$status"
