#pragma once

#include <QJsonObject>
#include <QString>

namespace bengal {

struct Comparison;

// `bengal-perf compare --json`:
//   {"builds": [{"index": 12, "timestamp": "...Z"}, ...],
//    "metrics": {NAME: {"values": [...], "change": [null, ...], "change_pct": [null, ...]}}}
// index is the 1-based build index in time order. A median column has "index": null, the
// timestamp of the newest build of its window and "median_of": the number of builds in it.
// change and change_pct are against the first build (A): null where a value is missing or A
// is 0. Only metrics that at least one compared build has are listed.
QJsonObject comparisonJson(const Comparison& comparison);

// The comparison as a Markdown table ready to paste: one column per build, then the change and
// the change in percent against A for each other build; environment rows first, marked "≠"
// where they differ. History text is escaped so it never becomes markup.
QString comparisonMarkdown(const Comparison& comparison);

// Escapes text for a Markdown table cell (pipes, emphasis, HTML, links, code).
QString markdownEscape(const QString& text);

} // namespace bengal
