#!/usr/bin/env bash
# Checks packaging/bengal-perf.bash: it parses (bash -n), and completing real command lines
# offers the subcommands, each command's options, option values and history files.
# Usage: completion_test.sh COMPLETION_FILE
set -u
completion=$1
failures=0

bash -n "$completion" || { echo "FAIL: bash -n $completion"; exit 1; }

# shellcheck source=/dev/null
source "$completion"
complete -p bengal-perf >/dev/null || { echo "FAIL: no completion registered for bengal-perf"; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/site/.bengal/metrics" "$scratch/other dir"
touch "$scratch/a-history.jsonl" "$scratch/b.ndjson" "$scratch/notes.txt"
cd "$scratch" || exit 1

# complete_line "WORDS..." -> COMPREPLY for the last word (an empty last word completes a new one).
complete_line()
{
    read -r -a COMP_WORDS <<<"$1"
    [[ $1 == *' ' ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE=$1
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _bengal_perf bengal-perf "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
}

# expect "LINE" WORD... : every WORD must be offered.
expect()
{
    local line=$1 word found
    shift
    complete_line "$line"
    for word in "$@"; do
        found=no
        for offered in "${COMPREPLY[@]}"; do [[ $offered == "$word" ]] && found=yes; done
        if [[ $found == no ]]; then
            echo "FAIL: '$line' does not offer '$word' (offered: ${COMPREPLY[*]})"
            failures=$((failures + 1))
        fi
    done
}

# refuse "LINE" WORD... : no WORD may be offered.
refuse()
{
    local line=$1 word
    shift
    complete_line "$line"
    for word in "$@"; do
        for offered in "${COMPREPLY[@]}"; do
            if [[ $offered == "$word" ]]; then
                echo "FAIL: '$line' offers '$word'"
                failures=$((failures + 1))
            fi
        done
    done
}

expect "bengal-perf " summary watch compare regressions check export report run demo site a-history.jsonl
refuse "bengal-perf " notes.txt
expect "bengal-perf --" --help --version --palette --size --screenshot --startup-probe
expect "bengal-perf --palette " system light dark
refuse "bengal-perf --palette " summary
expect "bengal-perf --palette dark " a-history.jsonl site summary
expect "bengal-perf --size 800x600 --palette light " a-history.jsonl
expect "bengal-perf --screenshot " notes.txt
expect "bengal-perf su" summary
refuse "bengal-perf su" watch
expect "bengal-perf summary --" --json --last --help --version
expect "bengal-perf summary " a-history.jsonl b.ndjson site "other dir"
refuse "bengal-perf summary " notes.txt summary
expect "bengal-perf watch " a-history.jsonl
expect "bengal-perf watch --" --poll-ms
refuse "bengal-perf watch --poll-ms " a-history.jsonl
expect "bengal-perf compare --" --json
expect "bengal-perf compare site " latest previous median:
expect "bengal-perf regressions --" --json --metric
expect "bengal-perf check --" --metric --threshold --window --json
expect "bengal-perf check --metric build" build_time_ms
expect "bengal-perf export --" --chart --format --out --size --theme --from --to --last
expect "bengal-perf export --chart " phases memory total dashboard
expect "bengal-perf export --format " png svg pdf csv json
expect "bengal-perf export --theme " light dark
expect "bengal-perf export --out " notes.txt
expect "bengal-perf report --" --last --format --out
expect "bengal-perf report --format " html md
refuse "bengal-perf report --format " png
expect "bengal-perf run --" --history --repeat --warmup --interval-ms --label --events --
expect "bengal-perf run --history " a-history.jsonl site
expect "bengal-perf run -- ba" bash
expect "bengal-perf demo --" --builds --out --seed --schema --no-steps --step
expect "bengal-perf demo --schema " 0 21 51
expect "bengal-perf export --" --pixel-ratio
refuse "bengal-perf demo --builds " a-history.jsonl

if ((failures > 0)); then
    echo "$failures completion check(s) failed"
    exit 1
fi
echo "bash completion: all checks passed"
