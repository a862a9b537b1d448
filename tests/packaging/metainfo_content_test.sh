#!/usr/bin/env bash
# What a software centre shows, beyond what appstreamcli checks: the release of this version
# (from project() in CMake) with release notes, and screenshots that exist in docs/screenshots/
# (published at BENGAL_PERF_SCREENSHOT_BASE_URL under the same names).
# Usage: metainfo_content_test.sh METAINFO VERSION SCREENSHOT_DIR
set -u
metainfo=$1 version=$2 screenshots=$3
failures=0
fail()
{
    echo "FAIL: $*"
    failures=$((failures + 1))
}
# The newest release comes first and is this version.
first_release=$(grep -m1 -o '<release [^>]*>' "$metainfo")
[[ $first_release == *"version=\"$version\""* ]] ||
    fail "the first <release> is '$first_release', not version $version"
[[ $first_release =~ date=\"[0-9]{4}-[0-9]{2}-[0-9]{2}\" ]] || fail "the release has no date"
# Its notes: the text between it and the next </release>.
notes=$(sed -n "/<release version=\"$version\"/,/<\/release>/p" "$metainfo")
grep -q '<description>' <<<"$notes" || fail "release $version has no <description> (release notes)"
(($(grep -c '<li>' <<<"$notes") >= 1)) || fail "release $version notes list no changes"

mapfile -t images < <(sed -n 's/.*<image[^>]*>\(.*\)<\/image>.*/\1/p' "$metainfo")
((${#images[@]} >= 1)) || fail "no screenshots"
grep -q '<screenshot type="default">' "$metainfo" || fail "no default screenshot"
for image in "${images[@]}"; do
    [[ $image == https://* ]] || fail "screenshot $image is not an https URL"
    [[ -s $screenshots/$(basename "$image") ]] ||
        fail "screenshot $(basename "$image") is not in $screenshots"
done
grep -q '@[A-Z_]*@' "$metainfo" && fail "unconfigured @VARIABLES@ left in $metainfo"
((failures == 0)) || exit 1
echo "metainfo: release $version with notes; screenshots: ${images[*]}"
