#!/usr/bin/env bash
# What the program really accepts matches what the man page and the bash completion say:
# for the program and every subcommand, --help and --version work, and every option that
# --help lists is documented in that command's man page section and offered by the completion
# for that command (and the completion offers no option the command lacks).
# Usage: cli_options_documented_test.sh BENGAL_PERF MANPAGE COMPLETION VERSION COMMAND...
set -u
bin=$1 manpage=$2 completion=$3 version=$4
shift 4
failures=0
fail()
{
    echo "FAIL: $*"
    failures=$((failures + 1))
}
export QT_QPA_PLATFORM=offscreen

# long_options: the long options of a --help text (one per line), without the generic ones
# every command has (--help, --help-all, --version: the man page documents them once).
long_options()
{
    sed -n 's/^ \{1,\}\(-[A-Za-z], \)\{0,1\}\(--[a-z][a-z0-9-]*\).*/\2/p' |
        grep -vxE -- '--help|--help-all|--version' | sort -u
}

# man_section NAME: the roff source of ".SS NAME" up to the next section; "" = the OPTIONS section.
man_section()
{
    if [[ -z $1 ]]; then
        sed -n '/^\.SH OPTIONS$/,/^\.SH /p' "$manpage"
    else
        sed -n "/^\.SS $1\$/,/^\.S[SH] /p" "$manpage"
    fi
}

# completion_options NAME: the options the completion offers after "bengal-perf NAME".
completion_options()
{
    sed -n "s/^[[:space:]]*$1) options=\"\(.*\)\" ;;\$/\1/p" "$completion" | tr ' ' '\n' |
        grep -E -- '^--[a-z]' | sort -u
}

check_command()
{
    local name=$1 help status out option roff offered
    local -a words=()
    [[ -n $name ]] && words=("$name")
    help=$("$bin" "${words[@]}" --help 2>/dev/null)
    status=$?
    ((status == 0)) || fail "'bengal-perf ${words[*]} --help' exited with $status"
    [[ $(head -n1 <<<"$help") == "Usage: bengal-perf${name:+ $name}"* ]] ||
        fail "'bengal-perf ${words[*]} --help' does not start with 'Usage: bengal-perf${name:+ $name}': $(head -n1 <<<"$help")"
    out=$("$bin" "${words[@]}" --version 2>/dev/null)
    status=$?
    ((status == 0)) || fail "'bengal-perf ${words[*]} --version' exited with $status"
    [[ $out == "bengal-perf $version"* ]] || fail "'bengal-perf ${words[*]} --version' printed '$out', not version $version"

    mapfile -t options < <(long_options <<<"$help")
    roff=$(man_section "$name")
    [[ -n $roff ]] || fail "the man page has no section for '${name:-the window}'"
    for option in "${options[@]}"; do
        # roff escapes each dash: --ignore-marks is \-\-ignore\-marks.
        grep -qF -- "${option//-/\\-}" <<<"$roff" ||
            fail "man page, ${name:-OPTIONS}: '$option' is not documented"
    done
    # ... and the man page documents no option the program does not have (roff: \-\-name).
    while read -r option; do
        [[ $option =~ ^--(help|help-all|version)$ ]] && continue
        grep -qxF -- "$option" < <(printf '%s\n' "${options[@]}") ||
            fail "man page, ${name:-OPTIONS}: documents '$option', which '${name:-bengal-perf} --help' does not list"
    done < <(grep -oE -- '\\-\\-[a-z](\\-|[a-z0-9])*' <<<"$roff" | sed 's/\\-/-/g' | sort -u)
    [[ -z $name ]] && return # the window's options are completed at the top level (completion_test.sh)
    offered=$(completion_options "$name")
    for option in "${options[@]}"; do
        grep -qxF -- "$option" <<<"$offered" || fail "completion, $name: '$option' is not offered"
    done
    while read -r option; do
        [[ -z $option ]] && continue
        grep -qxF -- "$option" < <(printf '%s\n' "${options[@]}") ||
            fail "completion, $name: offers '$option', which '$name --help' does not list"
    done <<<"$offered"
    echo "${name:-bengal-perf}: ${options[*]}"
}

check_command ""
for command in "$@"; do
    check_command "$command"
done
# The window takes --help and --version after its other options too (they start the window's
# own parser, not the early headless path).
out=$("$bin" --palette dark --help 2>/dev/null)
status=$?
((status == 0)) && [[ $out == "Usage: bengal-perf"* ]] ||
    fail "'bengal-perf --palette dark --help' exited with $status: $(head -n1 <<<"$out")"
out=$("$bin" --palette dark --version 2>/dev/null)
[[ $out == "bengal-perf $version"* ]] || fail "'bengal-perf --palette dark --version' printed '$out'"
# The top-level help names every command.
help=$("$bin" --help 2>&1)
for command in "$@"; do
    grep -qE "^  $command " <<<"$help" || fail "'bengal-perf --help' does not list '$command'"
done
((failures == 0)) || { echo "$failures check(s) failed"; exit 1; }
echo "every option of every command is documented and completed"
