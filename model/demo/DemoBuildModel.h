#pragma once

#include "demo/DemoCostModel.h"
#include "demo/DemoOptions.h"
#include "demo/DemoSchema.h"

#include <vector>

namespace bengal {

// One synthetic site: what stays the same from build to build (seeded).
struct DemoSite
{
    qint64 regularPages0 = 100;
    qint64 sections0 = 4;
    qint64 assets0 = 40;
    double generatedRatio = 0.35;
    double taxonomyRatio = 0.22;
    double speed = 1.0;    // how expensive this site's pages are
    qint64 siteBlocks = 3; // template blocks in the site-scoped block cache
    const char* platform = "linux";
};
DemoSite makeDemoSite(quint64 seed);

// Everything any record layout needs about one build; the record writer only formats it.
struct DemoBuild
{
    qint64 epochMicros = 0;
    DemoWriterVersion version;
    bool incremental = false;
    bool parallel = true;
    bool tracemalloc = false;
    qint64 totalPages = 0;
    qint64 regularPages = 0;
    qint64 generatedPages = 0;
    qint64 totalAssets = 0;
    qint64 totalSections = 0;
    qint64 taxonomiesCount = 0;
    qint64 pagesRendered = 0;
    qint64 changedPages = 0; // regular pages whose source changed (all of them when full)
    DemoLeafTimes ms{};
    bool healthSkipped = false;    // incremental builds often skip health checks
    bool siteIndexSkipped = false; // site-wide outputs are skipped when inputs did not change
    bool siteLlmFullSkipped = false;
    double memoryRssMb = 0.0;
    double memoryHeapMb = 0.0;
    double memoryPeakMb = 0.0;
    double renderP50Ms = 0.0;
    double renderP95Ms = 0.0;
    double renderMaxMs = 0.0;
    qint64 blockCacheHits = 0;
    qint64 blockCacheMisses = 0;
    qint64 blockCacheSiteBlocks = 0;
    const char* platform = "linux";
};

// A step with its metric already resolved to what it scales.
struct DemoResolvedStep
{
    qsizetype buildIndex = 0;
    DemoStepTarget target;
    double factor = 1.0;
};

// Simulates the builds of one site one after the other. Each build draws from its own random
// stream (seed, index), so steps and options never shift the random numbers of other builds:
// the same seed with and without a step gives the same history except where the step acts.
class DemoBuildSimulator
{
public:
    DemoBuildSimulator(const DemoOptions& options, std::vector<DemoResolvedStep> steps);

    DemoBuild next();
    qsizetype produced() const { return m_index; }

private:
    void applyStepsUpTo(qsizetype index);
    double timelinePosition(qsizetype index) const;

    DemoOptions m_options;
    DemoSite m_site;
    DemoSpan m_span;
    std::vector<DemoResolvedStep> m_steps; // sorted by buildIndex
    std::size_t m_nextStep = 0;
    DemoLeafTimes m_leafFactor{};
    double m_rssFactor = 1.0;
    double m_heapFactor = 1.0;
    double m_peakFactor = 1.0;
    qint64 m_lastMicros = 0;
    bool m_devProfile = false;
    qsizetype m_index = 0;
};

} // namespace bengal
