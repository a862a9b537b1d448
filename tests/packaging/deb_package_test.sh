#!/usr/bin/env bash
# Builds the Debian package from this build tree with CPack, unpacks it into a scratch root
# (dpkg -x) and checks it the way a user's machine would see it: the file name, that Depends
# names runtime packages only and covers every library the binary links, the files installed,
# and that the installed bengal-perf runs (--version, summary on a real history).
# Usage: deb_package_test.sh CPACK BUILD_DIR SOURCE_DIR VERSION APP_ID
# Exits 77 (ctest: skipped) only when dpkg-deb is missing (Debian: dpkg); see require_tool.sh.
set -u
source "${BASH_SOURCE[0]%/*}/require_tool.sh"
cpack=$1 build_dir=$2 source_dir=$3 version=$4 app_id=$5

for tool in dpkg-deb dpkg; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        skip_or_fail "$tool is not installed (Debian: dpkg); the Debian package cannot be built or unpacked"
    fi
done

failures=0
fail()
{
    echo "FAIL: $*"
    failures=$((failures + 1))
}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/bengal-perf-deb.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# --- Build the package --------------------------------------------------------------------------
if ! "$cpack" -G DEB --config "$build_dir/CPackConfig.cmake" -B "$scratch/out" >"$scratch/cpack.log" 2>&1; then
    cat "$scratch/cpack.log"
    echo "FAIL: cpack could not build the package (is everything built?)"
    exit 1
fi
arch=$(dpkg --print-architecture)
deb=$scratch/out/bengal-perf_${version}_${arch}.deb
if [[ ! -f $deb ]]; then
    cat "$scratch/cpack.log"
    ls -l "$scratch/out"
    echo "FAIL: expected $deb"
    exit 1
fi
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"
dpkg-deb --info "$deb"

# --- Control fields -----------------------------------------------------------------------------
[[ $(dpkg-deb -f "$deb" Package) == bengal-perf ]] || fail "Package is not bengal-perf"
[[ $(dpkg-deb -f "$deb" Version) == "$version" ]] || fail "Version is not $version"
[[ $(dpkg-deb -f "$deb" Section) == devel ]] || fail "Section is not devel"
[[ -n $(dpkg-deb -f "$deb" Maintainer) ]] || fail "no Maintainer"

depends=$(dpkg-deb -f "$deb" Depends)
# Package names only: drop version constraints and split alternatives and the list.
mapfile -t depended < <(sed -e 's/([^)]*)//g' -e 's/[,|]/\n/g' <<<"$depends" | tr -d ' ' | sed '/^$/d' | sort -u)
for package in "${depended[@]}"; do
    [[ $package == *-dev || $package == *-dev:* ]] && fail "Depends names a development package: $package"
done
for package in libqt6core6 libqt6widgets6 libqt6sql6-sqlite qt6-qpa-plugins; do
    [[ " ${depended[*]} " == *" $package "* ]] || fail "Depends lacks $package"
done

# --- Unpack into a scratch root ----------------------------------------------------------------
root=$scratch/root
dpkg -x "$deb" "$root" || { echo "FAIL: dpkg -x"; exit 1; }
expected=(
    usr/bin/bengal-perf
    "usr/share/applications/$app_id.desktop"
    "usr/share/metainfo/$app_id.metainfo.xml"
    "usr/share/mime/packages/$app_id.xml"
    "usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    usr/share/man/man1/bengal-perf.1.gz
    usr/share/bash-completion/completions/bengal-perf
    usr/share/doc/bengal-perf/copyright
)
if optional_tool rsvg-convert librsvg2-bin; then
    for size in 16 22 24 32 48 64 128 256; do
        expected+=("usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
    done
fi
for file in "${expected[@]}"; do
    [[ -s $root/$file ]] || fail "the package does not install /$file"
done
echo "package contents:"
(cd "$root" && find . -type f | sort)

# Installed copies still validate (what the user's software centre and menus read).
if optional_tool desktop-file-validate desktop-file-utils; then
    out=$(desktop-file-validate "$root/usr/share/applications/$app_id.desktop" 2>&1)
    [[ -z $out ]] || fail "installed .desktop: $out"
fi
if optional_tool appstreamcli appstream; then
    # validate-tree also checks the metainfo against the installed desktop entry it launches.
    out=$(appstreamcli validate-tree --no-net "$root" 2>&1) || fail "installed metainfo: $out"
fi
if optional_tool man man-db; then
    MANWIDTH=80 man -l "$root/usr/share/man/man1/bengal-perf.1.gz" >/dev/null 2>&1 ||
        fail "man -l cannot render the installed man page"
fi

# --- The installed binary ----------------------------------------------------------------------
bin=$root/usr/bin/bengal-perf
if optional_tool readelf binutils; then
    if readelf -d "$bin" | grep -E 'R(UN)?PATH' | grep -qF "$build_dir"; then
        fail "the installed binary has an RPATH into the build tree"
    fi
    # Every library the binary links directly comes from a package named in Depends.
    while read -r library; do
        path=$(ldconfig -p | awk -v lib="$library" '$1 == lib { print $NF; exit }')
        [[ -n $path ]] || { fail "$library is not installed on this machine"; continue; }
        owner=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -n1 | cut -d: -f1)
        [[ -z $owner ]] && owner=$(dpkg -S "$path" 2>/dev/null | head -n1 | cut -d: -f1)
        if [[ -z $owner ]]; then
            echo "note: no package owns $path; not checked"
        elif [[ " ${depended[*]} " != *" $owner "* ]]; then
            fail "the binary links $library from $owner, which Depends does not name"
        fi
    done < <(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
fi

# Only the installed files: no library or plugin path into the build tree, and a working folder
# outside it.
unset LD_LIBRARY_PATH QT_PLUGIN_PATH QT_QPA_PLATFORM_PLUGIN_PATH
cd "$scratch" || exit 1
if optional_tool ldd libc-bin; then
    libraries=$(ldd "$bin" 2>&1)
    grep -F 'not found' <<<"$libraries" && fail "the installed binary needs libraries that are not installed"
    grep -F "$build_dir" <<<"$libraries" && fail "the installed binary loads libraries from the build tree"
fi

export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR=$scratch/xdg-runtime XDG_CONFIG_HOME=$scratch/config XDG_DATA_HOME=$scratch/data
mkdir -m 700 "$XDG_RUNTIME_DIR"

out=$("$bin" --version 2>&1)
status=$?
echo "\$ bengal-perf --version -> $status: $out"
((status == 0)) || fail "installed bengal-perf --version exited with $status"
[[ $out == *"$version"* ]] || fail "installed bengal-perf --version does not print $version"

sample=$source_dir/tests/data/showcase-history.jsonl
out=$("$bin" summary "$sample" 2>&1)
status=$?
echo "\$ bengal-perf summary $(basename "$sample") -> $status"
printf '%s\n' "$out" | head -n 40
((status == 0)) || fail "installed bengal-perf summary exited with $status"
[[ -n $out ]] || fail "installed bengal-perf summary printed nothing"

out=$("$bin" summary --json "$sample" 2>/dev/null)
status=$?
echo "\$ bengal-perf summary --json $(basename "$sample") -> $status"
if ((status != 0)); then
    fail "installed bengal-perf summary --json exited with $status"
elif optional_tool python3 python3; then
    python3 -c '
import json, sys
summary = json.loads(sys.stdin.read())
assert summary["builds"] > 0, "no builds loaded"
assert "build_time_ms" in summary["metrics"], "no build_time_ms metric"
print("summary --json: %d builds, %d metrics" % (summary["builds"], len(summary["metrics"])))
' <<<"$out" || fail "installed bengal-perf summary --json is not the expected JSON"
else
    grep -q '"build_time_ms"' <<<"$out" || fail "installed bengal-perf summary --json lacks build_time_ms"
fi

if ((failures > 0)); then
    echo "$failures packaging check(s) failed"
    exit 1
fi
echo "Debian package OK: $(basename "$deb")"
