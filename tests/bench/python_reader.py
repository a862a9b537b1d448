#!/usr/bin/env python3
"""Reads a Bengal history the way Bengal's own report does, and times it.

The load benchmark runs this side by side with our loader on the same file. It does what
bengal/utils/observability/performance_report.py does in PerformanceReport.load_metrics():
json.loads per line, BuildMetric.from_dict (``.get(key, 0)`` per field), malformed lines
skipped; then it sorts the builds by timestamp (BuildMetric.datetime, naive = UTC) so that
both sides end with the same time-ordered builds.

Usage: python_reader.py HISTORY.jsonl
Prints one JSON object: {"seconds": <elapsed wall seconds>, "builds": <builds read>}.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any


@dataclass
class BuildMetric:
    """Bengal's BuildMetric: the fields its report reads from every record."""

    timestamp: str
    total_pages: int
    build_time_ms: float
    memory_rss_mb: float
    memory_heap_mb: float
    memory_peak_mb: float
    parallel: bool
    incremental: bool
    skipped: bool
    discovery_time_ms: float = 0
    taxonomy_time_ms: float = 0
    rendering_time_ms: float = 0
    assets_time_ms: float = 0
    postprocess_time_ms: float = 0

    @property
    def datetime(self) -> datetime:
        parsed = datetime.fromisoformat(self.timestamp.replace("Z", "+00:00"))
        # Bengal up to v0.1.8 wrote naive UTC; aware and naive values do not compare.
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BuildMetric:
        return cls(
            timestamp=data.get("timestamp", ""),
            total_pages=data.get("total_pages", 0),
            build_time_ms=data.get("build_time_ms", 0),
            memory_rss_mb=data.get("memory_rss_mb", 0),
            memory_heap_mb=data.get("memory_heap_mb", 0),
            memory_peak_mb=data.get("memory_peak_mb", 0),
            parallel=data.get("parallel", False),
            incremental=data.get("incremental", False),
            skipped=data.get("skipped", False),
            discovery_time_ms=data.get("discovery_time_ms", 0),
            taxonomy_time_ms=data.get("taxonomy_time_ms", 0),
            rendering_time_ms=data.get("rendering_time_ms", 0),
            assets_time_ms=data.get("assets_time_ms", 0),
            postprocess_time_ms=data.get("postprocess_time_ms", 0),
        )


def load(path: str) -> list[BuildMetric]:
    metrics: list[tuple[datetime, BuildMetric]] = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            try:
                metric = BuildMetric.from_dict(json.loads(line.strip()))
                metrics.append((metric.datetime, metric))
            except (ValueError, TypeError, AttributeError):
                continue  # a malformed line, not an object, or no usable timestamp
    # sorted() is stable: builds with the same timestamp keep their line order.
    metrics.sort(key=lambda pair: pair[0])
    return [metric for _, metric in metrics]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python_reader.py HISTORY.jsonl", file=sys.stderr)
        return 2
    start = time.perf_counter()
    try:
        builds = load(argv[1])
    except OSError as error:
        print(f"python_reader.py: {argv[1]}: {error.strerror}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - start
    print(json.dumps({"seconds": elapsed, "builds": len(builds)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
