#!/usr/bin/env bash
# The README's two set-up commands:
#   .ci/bootstrap.sh run [PATH]   install what is missing, build (release) and open the window
#   .ci/bootstrap.sh test         install what is missing, build everything with ASan + UBSan and
#                                 -Werror, run every test under them, then fuzz each target 60 s
# Idempotent: packages already installed and an up-to-date build make both near-instant.
set -euo pipefail
cd "$(dirname "$0")/.."

build_pkgs=(g++ cmake ninja-build pkg-config qt6-base-dev qt6-charts-dev libqt6opengl6-dev
            libqt6sql6-sqlite qt6-svg-dev qt6-qpa-plugins libgl-dev libxkbcommon-dev
            libsimdjson-dev fonts-dejavu-core)
# The packaging tests fail (not skip) without desktop-file-utils, appstream, groff-base,
# man-db, shared-mime-info, librsvg2-bin, dpkg-dev and binutils (BENGAL_REQUIRE_PACKAGING_TOOLS).
test_pkgs=(xvfb xauth librsvg2-bin poppler-utils desktop-file-utils appstream dpkg-dev file
           groff-base man-db shared-mime-info binutils
           clang libclang-rt-14-dev python3 python3-numpy ccache)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_packages() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "bootstrap: installing ${missing[*]}" >&2
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

# Three configurations are built for `test`: ccache (when installed) keeps a rebuild on the
# same machine short. It only applies to build folders configured from now on.
use_ccache() {
    if command -v ccache >/dev/null 2>&1; then
        export CMAKE_CXX_COMPILER_LAUNCHER=ccache CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
    fi
}

jobs=$(nproc 2>/dev/null || echo 2)
mode=${1:-}
case "$mode" in
run)
    shift
    ensure_packages "${build_pkgs[@]}"
    cmake --preset release >/dev/null
    cmake --build --preset release -j "$jobs" --target bengal-perf
    exec build/release/app/bengal-perf "$@"
    ;;
test)
    ensure_packages "${build_pkgs[@]}" "${test_pkgs[@]}"
    use_ccache
    # Everything (benchmarks included) with AddressSanitizer + UndefinedBehaviorSanitizer and
    # -Werror at -O2, then the whole test suite under them: one build instead of a release and a
    # sanitizer build keeps CI near 15 minutes on two cores (docs/HARDENING.md).
    cmake --preset asan >/dev/null
    cmake --build --preset asan -j "$jobs"
    ctest --preset asan -j "$jobs"
    # Each fuzz target for a bounded time. Any finding fails the run.
    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz -j "$jobs"
    tests/fuzz/run.sh build/fuzz "${BENGAL_FUZZ_SECONDS:-60}"
    ;;
*)
    echo "usage: $0 run [PATH] | test" >&2
    exit 2
    ;;
esac
