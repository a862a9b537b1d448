#include "export/DataExport.h"

#include "export/AtomicFileWriter.h"
#include "history/HistoryStore.h"
#include "models/MetricCatalog.h"

#include <algorithm>
#include <numeric>

namespace bengal {

QStringList exportMetricColumns(const HistoryStore& store)
{
    QStringList names = store.metricNames();
    std::stable_sort(names.begin(), names.end(), [](const QString& a, const QString& b) {
        return MetricCatalog::rank(a) < MetricCatalog::rank(b);
    });
    return names;
}

std::vector<std::uint32_t> allRows(const HistoryStore& store)
{
    std::vector<std::uint32_t> rows(std::size_t(store.size()));
    std::iota(rows.begin(), rows.end(), 0u);
    return rows;
}

bool exportData(const HistoryStore& store, std::span<const std::uint32_t> rows, DataFormat format,
                const QString& path, QString* error, const QString& sourcePath)
{
    AtomicFileWriter writer(path);
    const bool written = format == DataFormat::Csv ? writeCsv(store, rows, writer)
                                                   : writeJson(store, rows, sourcePath, writer);
    if (written && writer.commit())
        return true;
    if (error)
        *error = writer.errorString();
    return false;
}

} // namespace bengal
