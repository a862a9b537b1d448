# bash completion for bengal-perf                           -*- shell-script -*-
# Installed to share/bash-completion/completions/bengal-perf and loaded on demand by
# bash-completion. Self-contained: it works without bash-completion's helpers, and uses
# _command_offset (when available) to complete the build command after `run --`.

_bengal_perf_add()
{
    # Append the lines of standard input to COMPREPLY (file names may contain spaces).
    mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY
}

_bengal_perf_words()
{
    # Offer each word of $1 that starts with $cur.
    _bengal_perf_add < <(compgen -W "$1" -- "$cur")
}

_bengal_perf_files()
{
    # Histories are .jsonl files or the site folders that contain them; "$1" = "any" for any
    # file (outputs), otherwise .jsonl/.ndjson files and folders.
    local item
    compopt -o filenames 2>/dev/null
    if [[ $1 == any ]]; then
        _bengal_perf_add < <(compgen -f -- "$cur")
        return
    fi
    _bengal_perf_add < <(compgen -d -- "$cur")
    while IFS= read -r item; do
        [[ -d $item ]] || COMPREPLY+=("$item")
    done < <(compgen -f -X '!*.jsonl' -- "$cur"; compgen -f -X '!*.ndjson' -- "$cur")
}

_bengal_perf()
{
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=""
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()

    local commands="summary watch compare regressions check export report run demo"
    local common="--help --version"
    # The window's own options (no command): bengal-perf [--palette NAME] [--size WxH] ... [PATH]
    local window="--palette --size --screenshot --startup-probe"

    # The subcommand is the first word after the program that is neither an option nor the
    # value of a window option.
    local i command="" command_at=0
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        --palette | --size | --screenshot) ((i++)) ;;
        -*) ;;
        *)
            command=${COMP_WORDS[i]}
            command_at=$i
            break
            ;;
        esac
    done

    if [[ -z $command ]]; then
        case $prev in
        --palette)
            _bengal_perf_words "system light dark"
            return 0
            ;;
        --size) return 0 ;;
        --screenshot)
            _bengal_perf_files any
            return 0
            ;;
        esac
        if [[ $cur == -* ]]; then
            _bengal_perf_words "$common $window"
        else
            _bengal_perf_words "$commands"
            _bengal_perf_files history
        fi
        return 0
    fi

    # `run ... -- COMMAND ARGS`: everything after `--` belongs to the build command.
    if [[ $command == run ]]; then
        for ((i = command_at + 1; i < COMP_CWORD; i++)); do
            if [[ ${COMP_WORDS[i]} == -- ]]; then
                if ((i + 1 == COMP_CWORD)); then
                    _bengal_perf_add < <(compgen -c -- "$cur")
                elif declare -F _command_offset >/dev/null; then
                    _command_offset $((i + 1))
                else
                    _bengal_perf_files any
                fi
                return 0
            fi
        done
    fi

    # Values of options that take one.
    case $prev in
    --last | --builds | --seed | --window | --threshold | --repeat | --warmup | --interval-ms | \
        --poll-ms | --pixel-ratio)
        return 0 # a number: nothing sensible to offer
        ;;
    --label | --from | --to | --size | --step)
        return 0
        ;;
    --schema)
        _bengal_perf_words "0 21 25 26 29 46 51"
        return 0
        ;;
    --metric)
        _bengal_perf_words "build_time_ms discovery_time_ms taxonomy_time_ms rendering_time_ms
            assets_time_ms postprocess_time_ms unattributed_ms ms_per_page total_pages
            memory_rss_mb memory_heap_mb memory_peak_mb"
        return 0
        ;;
    --group)
        _bengal_perf_words "kind incremental parallel none"
        return 0
        ;;
    --chart)
        _bengal_perf_words "phases memory total dashboard"
        return 0
        ;;
    --format)
        if [[ $command == report ]]; then
            _bengal_perf_words "html md"
        else
            _bengal_perf_words "png svg pdf csv json"
        fi
        return 0
        ;;
    --theme)
        _bengal_perf_words "light dark"
        return 0
        ;;
    --out | --events)
        _bengal_perf_files any
        return 0
        ;;
    --history)
        _bengal_perf_files history
        return 0
        ;;
    esac

    local options=""
    case $command in
    summary) options="--json --last" ;;
    watch) options="--poll-ms" ;;
    compare) options="--json" ;;
    regressions) options="--json --metric --group --ignore-marks" ;;
    check) options="--metric --threshold --window --group --ignore-marks --json" ;;
    export) options="--chart --format --out --size --pixel-ratio --theme --from --to --last" ;;
    report) options="--last --format --out --ignore-marks" ;;
    run) options="--history --repeat --warmup --interval-ms --label --events --" ;;
    demo) options="--builds --out --seed --schema --no-steps --step" ;;
    *) return 0 ;; # not a command we know: leave the word alone
    esac

    if [[ $cur == -* ]]; then
        _bengal_perf_words "$options $common"
        return 0
    fi

    case $command in
    run) ;; # operands come after `--`
    demo) ;; # no operands
    compare)
        # PATH first, then build specifiers.
        local operands=0
        for ((i = command_at + 1; i < COMP_CWORD; i++)); do
            [[ ${COMP_WORDS[i]} == -* ]] || ((operands++))
        done
        if ((operands == 0)); then
            _bengal_perf_files history
        else
            _bengal_perf_words "latest previous median:"
            [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == median: ]] && compopt -o nospace 2>/dev/null
        fi
        ;;
    *) _bengal_perf_files history ;;
    esac
    return 0
}

complete -F _bengal_perf bengal-perf
