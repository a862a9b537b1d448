#!/usr/bin/env bash
# The man page renders without a single groff warning, and has a section for every subcommand.
# Usage: manpage_test.sh MANPAGE COMMAND...
set -u
source "${BASH_SOURCE[0]%/*}/require_tool.sh"
manpage=$1
shift
if ! command -v groff >/dev/null 2>&1; then
    skip_or_fail "groff is not installed (Debian: groff-base)"
fi
failures=0
# -ww: all warnings; -z: discard the output, keep the diagnostics.
diagnostics=$(groff -man -Tutf8 -ww -z "$manpage" 2>&1)
if [[ -n $diagnostics ]]; then
    printf '%s\n' "$diagnostics"
    echo "FAIL: groff reported problems in $manpage"
    failures=$((failures + 1))
fi
text=$(groff -man -Tutf8 -P-cbou "$manpage" 2>/dev/null)
for section in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS "EXIT STATUS" FILES; do
    grep -q "^$section\$" <<<"$text" || { echo "FAIL: no $section section"; failures=$((failures + 1)); }
done
for command in "$@"; do
    if ! grep -q "^\.SS $command\$" "$manpage"; then
        echo "FAIL: no '.SS $command' section for the '$command' subcommand"
        failures=$((failures + 1))
    fi
    if ! grep -q "bengal-perf $command" <<<"$text"; then
        echo "FAIL: the synopsis does not show 'bengal-perf $command'"
        failures=$((failures + 1))
    fi
done
# The version was configured in (no @VARIABLE@ left behind).
if grep -q '@[A-Z_]*@' "$manpage"; then
    echo "FAIL: unconfigured @VARIABLES@ left in $manpage"
    failures=$((failures + 1))
fi
((failures == 0)) || exit 1
echo "man page: renders cleanly and covers: $*"
