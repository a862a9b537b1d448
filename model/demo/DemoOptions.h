#pragma once

#include <QDateTime>
#include <QString>
#include <vector>

namespace bengal {

// A known change of level in a demo history: from build `buildIndex` (0-based, in file and time
// order; the 1-based index `regressions` reports is buildIndex + 1) on, `metric` is multiplied
// by `factor` in full and incremental builds alike. `metric` is a name Bengal writes, e.g.
// "rendering_time_ms" or "phase_timings_ms.Rendering" (the same thing: a step on one moves the
// other, and build_time_ms by the same amount). demoStepMetricNames() lists the names allowed.
struct DemoStep
{
    qsizetype buildIndex = 0;
    QString metric;
    double factor = 1.0;
};

struct DemoOptions
{
    qsizetype builds = 500;
    quint64 seed = 1;
    double noise = 0.05;         // multiplicative noise, standard deviation per timing
    int schemaKeys = 0;          // 0 = Bengal's layouts in sequence (21, 25, 26, 29, 46, 51 keys,
                                 // like a site upgrading Bengal); or one of those key counts only
    bool defaultSteps = true;    // a few known steps at realistic places (docs/DEMO.md)
    std::vector<DemoStep> steps; // extra steps (ground truth for benchmarks)
    double incrementalShare = 0.35; // incremental builds take ~10-20% of a full build's time
    double sequentialShare = 0.1;   // builds without parallel rendering
    double driftPerBuild = 0.0002;  // slow creep of every timing; capped at a factor of 2
    double pageGrowth = 0.1;        // the site gains this share of its first page count per
                                    // e-fold of builds beyond 1000 (0 = a site that never grows)
    QDateTime start;                // first build; invalid = 2025-10-05T09:00:00Z
};

} // namespace bengal
