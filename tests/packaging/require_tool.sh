#!/usr/bin/env bash
# Sourced by the packaging tests. skip_or_fail REASON: a missing tool makes a test "skipped"
# (exit 77) on a developer's machine, but a failure where BENGAL_REQUIRE_PACKAGING_TOOLS=1
# (CMake option of the same name, ON in the ci and asan presets that CI runs), so CI never
# reports a packaging check as passed that did not run.
skip_or_fail()
{
    if [[ ${BENGAL_REQUIRE_PACKAGING_TOOLS:-0} == 1 ]]; then
        echo "FAIL: $* (BENGAL_REQUIRE_PACKAGING_TOOLS is on: this check must run)"
        exit 1
    fi
    echo "SKIP: $*"
    exit 77
}

# optional_tool TOOL PACKAGE: true when TOOL is installed. Otherwise the extra check that
# needs it is left out with a note, or, where the tools are required, the test fails.
optional_tool()
{
    command -v "$1" >/dev/null 2>&1 && return 0
    if [[ ${BENGAL_REQUIRE_PACKAGING_TOOLS:-0} == 1 ]]; then
        echo "FAIL: $1 is not installed (Debian: $2) and BENGAL_REQUIRE_PACKAGING_TOOLS is on"
        exit 1
    fi
    echo "note: $1 is not installed (Debian: $2); its check is left out"
    return 1
}
