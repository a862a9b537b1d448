#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (default 60) on a corpus seeded from tests/data/*.jsonl
# and fails on any finding: a crash, an invariant, a sanitizer report, a leak, an input slower
# than 25 s (BENGAL_FUZZ_TIMEOUT; generous for a loaded machine: inputs take milliseconds) or a
# process above 2 GiB. The reproducer is kept under BUILD/fuzz-artifacts/.
#   tests/fuzz/run.sh [BUILD_DIR=build/fuzz] [SECONDS=60]
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build/fuzz}
seconds=${2:-60}
status=0
passed=0
failed=0
for target in fuzz_line_parser fuzz_tail; do
    exe="$build/tests/fuzz/$target"
    corpus="$build/fuzz-corpus/$target"
    artifacts="$build/fuzz-artifacts/$target"
    mkdir -p "$corpus" "$artifacts"
    cp "$src"/tests/data/*.jsonl "$corpus"/
    log="$build/fuzz-artifacts/$target.log"
    if "$exe" -max_total_time="$seconds" -timeout=${BENGAL_FUZZ_TIMEOUT:-25} -rss_limit_mb=2048 -max_len=16384 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
        echo "fuzz: $target ran ${seconds} s without a finding: $runs inputs, $rate/s, $cov"
        passed=$((passed + 1))
    else
        status=1
        failed=$((failed + 1))
        echo "fuzz: $target FOUND A PROBLEM (reproducer in $artifacts, log $log):" >&2
        grep -E 'ERROR|invariant failed|SUMMARY|Test unit written' "$log" | head -20 >&2 || tail -30 "$log" >&2
    fi
done
echo "fuzz: $passed passed, $failed failed"
exit $status
