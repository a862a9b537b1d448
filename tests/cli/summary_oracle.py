#!/usr/bin/env python3
"""Independent reference for `bengal-perf summary --json` (issue 2's line rules, json.loads and
numpy): reads a history file itself and compares its expectations with the program's output.

usage: summary_oracle.py BENGAL_PERF HISTORY [--last N]
Exit 0 when they agree, 1 with a list of differences, 77 when numpy is missing (test skipped).
"""
import datetime
import json
import math
import re
import subprocess
import sys

try:
    import numpy as np
except ImportError:
    print("numpy not available: skipped")
    sys.exit(77)

MAX_LINE = 1024 * 1024
TS = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?$")
CLASSIC = ["discovery_time_ms", "taxonomy_time_ms", "rendering_time_ms", "assets_time_ms",
           "postprocess_time_ms"]


class NonFinite:
    def __init__(self, name):
        self.name = name


def depth(value):
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


def finite_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(float(v))


def parse_ts(text):
    m = TS.match(text)
    if not m:
        return None, "form"
    y, mo, d, h, mi, s = (int(g) for g in m.groups()[:6])
    frac = m.group(7)
    micros = int((frac[1:] + "000000")[:6]) if frac else 0
    off = m.group(8)
    try:
        if off in (None, "Z"):
            tz = datetime.timezone.utc
        else:
            sign = -1 if off[0] == "-" else 1
            oh, om = int(off[1:3]), int(off[4:6])
            if oh > 23 or om > 59:
                return None, "date"
            tz = datetime.timezone(sign * datetime.timedelta(hours=oh, minutes=om))
        dt = datetime.datetime(y, mo, d, h, mi, s, micros, tzinfo=tz)
    except ValueError:
        return None, "date"
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    delta = dt - epoch
    return (delta.days * 86400 + delta.seconds) * 1000000 + delta.microseconds, None


def read(path):
    data = open(path, "rb").read()
    pieces = data.split(b"\n")
    builds, rejected, warnings, seen = [], [], [], {}
    for number, raw in enumerate(pieces, start=1):
        if number == len(pieces) and raw == b"":
            break
        limit = MAX_LINE + (1 if raw.endswith(b"\r") else 0)
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            if len(raw) > limit:
                rejected.append((number, "longer than 1 MiB"))
                continue
            raw = raw[3:]
        elif len(raw) > limit:
            rejected.append((number, "longer than 1 MiB"))
            continue
        line = raw.rstrip(b" \t\r")
        if line.strip(b" \t\r") == b"":
            continue
        try:
            text = line.decode("utf-8")
            obj = json.loads(text, parse_constant=NonFinite)
        except (UnicodeDecodeError, ValueError):
            rejected.append((number, "invalid JSON"))
            continue
        if depth(obj) > 64:
            rejected.append((number, "nesting deeper than 64"))
            continue
        if not isinstance(obj, dict):
            rejected.append((number, "not a JSON object"))
            continue
        if "timestamp" not in obj:
            rejected.append((number, "no timestamp"))
            continue
        if not isinstance(obj["timestamp"], str):
            rejected.append((number, "not a string"))
            continue
        ts, why = parse_ts(obj["timestamp"])
        if ts is None:
            rejected.append((number, "is not of the form" if why == "form" else "not a real calendar date"))
            continue
        if line in seen:
            rejected.append((number, "duplicate of line %d" % seen[line]))
            continue
        seen[line] = number
        metrics, line_warnings = {}, []

        def value(name, v, is_time, warn):
            if finite_number(v):
                if is_time and v < 0:
                    line_warnings.append((number, name))
                    return
                metrics[name] = float(v)
            elif warn:
                line_warnings.append((number, name))

        for key, v in obj.items():
            if key == "timestamp" or isinstance(v, bool):
                continue
            if isinstance(v, dict):
                is_time_map = key.endswith("_ms")
                for child, cv in v.items():
                    value(key + "." + child, cv, is_time_map, is_time_map)
                continue
            if isinstance(v, str) and not (key.endswith("_ms") or key.endswith("_mb")):
                continue
            value(key, v, key.endswith("_ms"), key.endswith("_ms") or key.endswith("_mb"))
        if "build_time_ms" in metrics:
            ledger = [val for name, val in metrics.items() if name.startswith("phase_timings_ms.")]
            attributed = sum(ledger) if ledger else sum(metrics.get(c, 0.0) for c in CLASSIC)
            metrics["unattributed_ms"] = metrics["build_time_ms"] - attributed
            if metrics.get("total_pages", 0) > 0:
                metrics["ms_per_page"] = metrics["build_time_ms"] / metrics["total_pages"]
        builds.append((ts, number, metrics))
        warnings.extend(line_warnings)
    builds.sort(key=lambda b: (b[0], b[1]))
    return builds, rejected, warnings


def close(a, b):
    return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-300)


def main():
    binary, history = sys.argv[1], sys.argv[2]
    args = [binary, "summary", "--json"] + sys.argv[3:] + [history]
    out = subprocess.run(args, capture_output=True, check=True).stdout
    got = json.loads(out)
    builds, rejected, warnings = read(history)
    if "--last" in sys.argv:
        builds = builds[-int(sys.argv[sys.argv.index("--last") + 1]):]
    problems = []
    if got["builds"] != len(builds):
        problems.append("builds: %s != %s" % (got["builds"], len(builds)))
    got_rejected = [(r["line"], r["reason"]) for r in got["rejected"]]
    if [l for l, _ in got_rejected] != [l for l, _ in rejected]:
        problems.append("rejected lines: %s != %s" % ([l for l, _ in got_rejected], [l for l, _ in rejected]))
    else:
        for (line, reason), (_, expected) in zip(got_rejected, rejected):
            if expected not in reason:
                problems.append("line %d: reason %r lacks %r" % (line, reason, expected))
    got_warnings = [(w["line"], w["key"]) for w in got["warnings"]]
    if got_warnings != warnings:
        problems.append("warnings: %s != %s" % (got_warnings, warnings))
    names = sorted({n for _, _, m in builds for n in m})
    if sorted(got["metrics"]) != names:
        problems.append("metric names differ: %s" % sorted(set(names) ^ set(got["metrics"])))
    for name in names:
        values = np.array([m[name] for _, _, m in builds if name in m])
        expected = {"count": len(values), "min": values.min(), "median": np.median(values),
                    "p90": np.quantile(values, 0.9), "max": values.max(), "mean": values.mean(),
                    "last": values[-1]}
        actual = got["metrics"].get(name, {})
        for stat, want in expected.items():
            if stat not in actual or not close(float(actual[stat]), float(want)):
                problems.append("%s.%s: %r != %r" % (name, stat, actual.get(stat), want))
    if builds:
        for key, (ts, _, _) in (("first_timestamp", builds[0]), ("last_timestamp", builds[-1])):
            got_ts, _ = parse_ts(got[key].replace("Z", "+00:00"))
            if got_ts != ts:
                problems.append("%s: %s" % (key, got[key]))
    for p in problems[:40]:
        print(p)
    print("%s: %d builds, %d rejected, %d warnings, %d metrics: %s" % (
        history, len(builds), len(rejected), len(warnings), len(names),
        "agree" if not problems else "%d difference(s)" % len(problems)))
    sys.exit(1 if problems else 0)


main()
