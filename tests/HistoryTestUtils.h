#pragma once

// Shared helpers for tests that read history text.

#include "history/HistoryReader.h"
#include "history/HistoryStore.h"

#include <QByteArray>
#include <QString>
#include <cmath>
#include <vector>

namespace bengal::test {

// Feeds `text` to a reader in chunks of `chunk` bytes (to exercise line splitting at every
// boundary), then finishes the read like a one-shot load.
inline void loadText(HistoryStore& store, const QByteArray& text, std::size_t chunk = 1 << 20,
                     bool finish = true)
{
    HistoryReader reader;
    std::vector<char> buffer(chunk + 64);
    for (qsizetype pos = 0; pos < text.size(); pos += qsizetype(chunk)) {
        const auto n = std::size_t(std::min<qsizetype>(qsizetype(chunk), text.size() - pos));
        std::copy_n(text.constData() + pos, n, buffer.data());
        reader.feed(buffer.data(), n);
    }
    if (finish)
        reader.finish();
    store.append(reader.takeBatch());
}

inline double metricOf(const HistoryStore& store, const QString& name, qsizetype row)
{
    const int column = store.metricIndex(name);
    return column < 0 ? std::nan("") : store.value(column, row);
}

// A minimal valid record with the given timestamp and extra JSON members.
inline QByteArray record(const char* timestamp, const QByteArray& extra = QByteArray())
{
    QByteArray line = QByteArray("{\"timestamp\": \"") + timestamp + "\"";
    if (!extra.isEmpty())
        line += ", " + extra;
    return line + "}";
}

} // namespace bengal::test
