#!/usr/bin/env bash
# The shipped MIME definition compiles and maps *.jsonl and *.ndjson to application/x-ndjson,
# the type the .desktop file declares, so file managers offer bengal-perf for histories, and the
# entry passes the chosen file on the command line.
# Usage: mime_test.sh MIME_XML DESKTOP_FILE
set -u
source "${BASH_SOURCE[0]%/*}/require_tool.sh"
mime_xml=$1 desktop=$2
if ! command -v update-mime-database >/dev/null 2>&1; then
    skip_or_fail "update-mime-database is not installed (Debian: shared-mime-info)"
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/mime/packages"
cp "$mime_xml" "$scratch/mime/packages/"
# Pointing XDG_DATA_HOME at the scratch folder keeps its "not in the search path" note quiet.
if ! output=$(XDG_DATA_HOME=$scratch update-mime-database "$scratch/mime" 2>&1) || [[ -n $output ]]; then
    printf '%s\n' "$output"
    echo "FAIL: update-mime-database rejected $mime_xml"
    exit 1
fi
failures=0
for glob in '*.jsonl' '*.ndjson'; do
    # globs2 lines are WEIGHT:TYPE:GLOB.
    cut -d: -f2- "$scratch/mime/globs2" | grep -Fxq "application/x-ndjson:$glob" ||
        { echo "FAIL: $glob is not mapped to application/x-ndjson"; failures=$((failures + 1)); }
done
grep -q '^MimeType=.*application/x-ndjson;' "$desktop" ||
    { echo "FAIL: $desktop does not declare application/x-ndjson"; failures=$((failures + 1)); }
# "Open with" passes the one chosen file as a local path (%f), which bengal-perf takes as PATH.
grep -qx 'Exec=bengal-perf %f' "$desktop" ||
    { echo "FAIL: $desktop does not run 'bengal-perf %f'"; failures=$((failures + 1)); }
((failures == 0)) || exit 1
echo "MIME type application/x-ndjson: *.jsonl, *.ndjson"
