#pragma once

// Hand-made histories with known findings for the regressions tests.

#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QString>
#include <QTimeZone>

namespace regressiontest {

// Deterministic noise in [-amplitude, +amplitude] (a small LCG: the tests need no quality).
struct Noise
{
    quint32 state;
    double next(double amplitude)
    {
        state = state * 1664525u + 1013904223u;
        return ((state >> 8) / double(1u << 24) * 2.0 - 1.0) * amplitude;
    }
};

struct HistorySpec
{
    int builds = 120;
    int stepAt = -1; // rendering x stepFactor from this build on (0-based)
    double stepFactor = 1.3;
    int pageStepAt = -1; // total_pages doubles from here (must never be reported)
    int spikeAt = -1;    // one build with rendering x spikeFactor
    double spikeFactor = 3.0;
    double renderingMs = 1000; // level before the step
    quint32 seed = 7;
    int firstIndex = 0;       // timestamps continue from here (for appending to a file)
    int incrementalEvery = 0; // > 0: every k-th build (i % k == k - 1) is an incremental build
    double incrementalScale = 0.15; // ... whose discovery and rendering take this share
};

// One full parallel build per hour: discovery ~200 ms, rendering ~renderingMs, taxonomy, assets
// and post-processing 45 ms together, build time their sum plus ~50 ms unattributed, RSS ~120 MB;
// ±2% uniform noise.
inline QByteArray history(const HistorySpec& spec)
{
    Noise noise{spec.seed + quint32(spec.firstIndex) * 7919u};
    const QDateTime start(QDate(2025, 10, 5), QTime(9, 0), QTimeZone::utc());
    QByteArray out;
    for (int i = spec.firstIndex; i < spec.firstIndex + spec.builds; ++i) {
        double rendering = spec.renderingMs * (1 + noise.next(0.02));
        if (spec.stepAt >= 0 && i >= spec.stepAt)
            rendering *= spec.stepFactor;
        if (i == spec.spikeAt)
            rendering *= spec.spikeFactor;
        double discovery = 200 * (1 + noise.next(0.02));
        const bool incremental =
            spec.incrementalEvery > 0 && i % spec.incrementalEvery == spec.incrementalEvery - 1;
        if (incremental) {
            rendering *= spec.incrementalScale;
            discovery *= spec.incrementalScale;
        }
        const double total = rendering + discovery + 45 + 50 * (1 + noise.next(0.02));
        const double rss = 120 * (1 + noise.next(0.02));
        const int pages = spec.pageStepAt >= 0 && i >= spec.pageStepAt ? 200 : 100;
        const QString ts =
            start.addSecs(qint64(i) * 3600).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
        out += QStringLiteral("{\"timestamp\": \"%1\", \"build_time_ms\": %2, \"parallel\": true, "
                              "\"incremental\": %7, \"discovery_time_ms\": %3, "
                              "\"taxonomy_time_ms\": 10.0, \"rendering_time_ms\": %4, "
                              "\"assets_time_ms\": 20.0, \"postprocess_time_ms\": 15.0, "
                              "\"memory_rss_mb\": %5, \"total_pages\": %6}\n")
                   .arg(ts)
                   .arg(total, 0, 'f', 3)
                   .arg(discovery, 0, 'f', 3)
                   .arg(rendering, 0, 'f', 3)
                   .arg(rss, 0, 'f', 3)
                   .arg(pages)
                   .arg(incremental ? QStringLiteral("true") : QStringLiteral("false"))
                   .toUtf8();
    }
    return out;
}

inline bool writeFile(const QString& path, const QByteArray& bytes, bool append = false)
{
    QFile file(path);
    if (!file.open(append ? QIODevice::Append : QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(bytes) == bytes.size();
}

} // namespace regressiontest
