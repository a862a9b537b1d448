#!/usr/bin/env bash
# Runs a validator and fails on a non-zero exit or on any output line matching PATTERN
# (the validator's warning/error markers), so warnings count as failures too.
# Usage: validator_test.sh PATTERN TOOL [ARG]...
# Exits 77 (ctest: skipped) only when TOOL is not installed; see require_tool.sh.
set -u
source "${BASH_SOURCE[0]%/*}/require_tool.sh"
pattern=$1
tool=$2
shift 2
if ! command -v "$tool" >/dev/null 2>&1; then
    skip_or_fail "$tool is not installed (Debian: desktop-file-utils, appstream)"
fi
output=$("$tool" "$@" 2>&1)
status=$?
printf '%s\n' "$output"
if [[ $status -ne 0 ]]; then
    echo "FAIL: $tool exited with $status"
    exit 1
fi
if [[ -n $pattern ]] && grep -Eq -- "$pattern" <<<"$output"; then
    echo "FAIL: $tool reported problems (lines matching '$pattern')"
    exit 1
fi
echo "OK: $tool $*"
