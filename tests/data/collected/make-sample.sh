#!/bin/sh
# Makes the realistic sample in this folder: a history with builds Bengal wrote itself (not
# collected), then builds run through `bengal-perf run` (a warm-up, repeats, one failed run),
# all with the fake bengal from tests/fakebengal. Usage: make-sample.sh BUILD_DIR
set -eu
build=$(cd "$1" && pwd)
out=$(cd "$(dirname "$0")" && pwd)
perf="$build/app/bengal-perf"
bengal="$build/tests/fakebengal/bin/bengal"
PATH="$(dirname "$bengal"):$PATH" # commands are filed as given: `bengal build ...`
export PATH
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
cd "$site"
export FAKE_BENGAL_PHASE_MS="discovery=120,taxonomies=60,menus=20,rendering=700,assets=180,postprocessing=140,health_check=60"
export FAKE_BENGAL_ALLOC_MB=60 FAKE_BENGAL_CHILD_MB=40 FAKE_BENGAL_HOLD_MS=600
# Bengal on its own: history records, no collector.
for i in 1 2 3; do bengal build --profile theme-dev >/dev/null; sleep 1; done
# Collected: a warm-up and three measured runs, then a failed run, then two more.
"$perf" run --warmup 1 --repeat 3 --label sample -- bengal build --profile theme-dev >/dev/null
FAKE_BENGAL_FAIL=1 "$perf" run --label sample -- bengal build --profile theme-dev >/dev/null || true
sleep 1
FAKE_BENGAL_ALLOC_MB=90 "$perf" run --repeat 2 --label "bigger pages" -- bengal build --profile theme-dev >/dev/null
cp .bengal/metrics/history.jsonl .bengal/metrics/collector.jsonl "$out/"
