#!/usr/bin/env bash
# Every subcommand registered in app/cli/CommandTable.cpp is documented by the man page and
# offered by the bash completion, so a new command cannot ship undocumented.
# Usage: commands_documented_test.sh COMMAND_TABLE_CPP MANPAGE COMPLETION
set -u
table=$1 manpage=$2 completion=$3
mapfile -t registered < <(sed -n 's/^[[:space:]]*{"\([a-z][a-z0-9-]*\)",.*/\1/p' "$table")
if ((${#registered[@]} == 0)); then
    echo "FAIL: found no command rows in $table (has its format changed?)"
    exit 1
fi
offered=$(sed -n 's/^[[:space:]]*local commands="\(.*\)"$/\1/p' "$completion")
failures=0
for command in "${registered[@]}"; do
    grep -q "^\.SS $command\$" "$manpage" || { echo "FAIL: man page lacks '$command'"; failures=$((failures + 1)); }
    [[ " $offered " == *" $command "* ]] || { echo "FAIL: completion lacks '$command'"; failures=$((failures + 1)); }
done
((failures == 0)) || exit 1
echo "documented: ${registered[*]}"
