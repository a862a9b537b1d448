#!/usr/bin/env bash
# The rendered hicolor PNGs exist for every size, are exactly that size, and are not blank.
# Usage: icons_test.sh RSVG_CONVERT ICON_DIR APP_ID SIZE...
# RSVG_CONVERT is what CMake found; the PNGs are only rendered when it was found.
set -u
source "${BASH_SOURCE[0]%/*}/require_tool.sh"
rsvg=$1 icon_dir=$2 app_id=$3
shift 3
if [[ -z $rsvg || $rsvg == *NOTFOUND ]]; then
    skip_or_fail "rsvg-convert was not found at configure time (Debian: librsvg2-bin); only the scalable icon is installed"
fi
failures=0
for size in "$@"; do
    png=$icon_dir/${size}x${size}/$app_id.png
    if [[ ! -s $png ]]; then
        echo "FAIL: $png is missing"
        failures=$((failures + 1))
        continue
    fi
    # PNG signature, then the IHDR chunk: width and height as big-endian 32-bit at offset 16.
    read -r w h < <(od -An -tu4 --endian=big -j16 -N8 "$png")
    if [[ $w != "$size" || $h != "$size" ]]; then
        echo "FAIL: $png is ${w}x${h}, not ${size}x${size}"
        failures=$((failures + 1))
    fi
    # A blank (fully transparent) render compresses to almost nothing.
    if (($(stat -c %s "$png") < 300)); then
        echo "FAIL: $png looks blank ($(stat -c %s "$png") bytes)"
        failures=$((failures + 1))
    fi
done
((failures == 0)) || exit 1
echo "icons: $* px"
