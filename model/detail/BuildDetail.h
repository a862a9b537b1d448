#pragma once

#include "core/Timestamp.h"
#include "detail/BuildChanges.h"
#include "detail/BuildLine.h"
#include "detail/FieldGroups.h"
#include "detail/PhaseBreakdown.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace bengal {

class HistoryStore;

// Everything the detail view shows about one build: every field of its line (read again from
// the file), the phase breakdown, derived figures and the changes against the previous build,
// the baseline and the median of comparable builds.
struct BuildDetail
{
    qsizetype row = -1; // store row; the 1-based build index is row + 1
    TimestampUs timestamp = 0;
    std::int64_t line = 0;
    QByteArray buildKey; // hex line hash, the key of the build's note in the local store
    std::uint8_t flags = 0;
    BuildLineRead::Status source = BuildLineRead::Status::NoFile;
    QString sourceMessage; // why the fields come from the store, when they do
    QByteArray rawLine;    // empty unless read from the file
    QList<DetailGroup> groups;
    PhaseBreakdown phases;
    // By store metric name, and by derived figure key (ms_per_page, pages_per_second, ...).
    QHash<QString, MetricChanges> changes;
    // The metrics the view shows as cards: build time, the biggest phase, ms per page, memory.
    QStringList headline;
    int medianWindow = 0;

    bool isValid() const { return row >= 0; }
    qsizetype index() const { return row + 1; }
    // "full · parallel", or what is known.
    QString kindText() const;
};

// The detail of `row` from already parsed fields (pure: no I/O).
BuildDetail describeBuild(const HistoryStore& store, qsizetype row, const QJsonObject& fields,
                          const ChangeOptions& options);

// Reads the build's line from `filePath` (checked against its hash; when the file changed or
// cannot be read the fields come from the store and sourceMessage says so), then describes it.
BuildDetail loadBuildDetail(const HistoryStore& store, qsizetype row, const QString& filePath,
                            const ChangeOptions& options);

} // namespace bengal
