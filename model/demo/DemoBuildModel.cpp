#include "demo/DemoBuildModel.h"

#include "demo/DemoRandom.h"

#include <algorithm>
#include <cmath>

namespace bengal {

namespace {

constexpr qint64 MicrosPerSecond = 1000000;
constexpr double Ln2 = 0.69314718055994530942;

// Builds come in bursts (minutes apart while someone works on the site) and pauses (hours).
constexpr double BurstShare = 0.9;
constexpr double BurstGapSeconds[2] = {90.0, 1500.0};
constexpr double PauseGapSeconds[2] = {3600.0, 57600.0};
// Python omits ".ffffff" when the microseconds are 0: one in a million in reality, made more
// common here so that readers meet the short form in every sizeable demo history.
constexpr double WholeSecondShare = 0.001;

// How the noise of one timing splits into a part shared by the whole build (a busy machine)
// and a part of its own; the two weights keep each timing's spread at `noise`.
constexpr double SharedNoiseWeight = 0.6;
constexpr double OwnNoiseWeight = 0.8;

// Incremental builds re-render about this share of the pages (log-normal spread).
constexpr double RerenderedShare = 0.08;
constexpr double RerenderedSpread = 0.25;
constexpr double HealthSkipShare = 0.6;
constexpr double SiteOutputSkipShare = 0.5;

// The `dev` profile (tracemalloc on) is chosen now and then and kept for a while.
constexpr double ToDevProfile = 0.01;
constexpr double FromDevProfile = 0.03;

// Pages grow slowly and ever more slowly (a post now and then): `rate` of the first count per
// factor e of builds beyond the first 1000, so even a million builds stay a plausible site.
double pageGrowth(double rate, qsizetype index)
{
    return 1.0 + rate * std::log1p(double(index) / 1000.0);
}

double round2(double value)
{
    return std::round(value * 100.0) / 100.0;
}
double fromBytes(qint64 bytes)
{
    return double(bytes) / (1024.0 * 1024.0);
}

} // namespace

DemoSite makeDemoSite(quint64 seed)
{
    DemoRandom rng(seed, 0);
    DemoSite site;
    site.regularPages0 = 100 + qint64(rng.below(300));
    site.sections0 = 4 + qint64(rng.below(24));
    site.assets0 = 30 + qint64(rng.below(40));
    site.generatedRatio = rng.uniform(0.3, 0.45);
    site.taxonomyRatio = rng.uniform(0.15, 0.3);
    site.speed = std::exp(0.25 * rng.normal());
    site.siteBlocks = 3 + qint64(rng.below(4));
    site.platform = rng.chance(0.5) ? "linux" : "darwin";
    return site;
}

DemoBuildSimulator::DemoBuildSimulator(const DemoOptions& options,
                                       std::vector<DemoResolvedStep> steps)
    : m_options(options), m_site(makeDemoSite(options.seed)),
      m_span(demoSchemaSpan(options.schemaKeys)), m_steps(std::move(steps))
{
    std::stable_sort(m_steps.begin(), m_steps.end(),
                     [](const DemoResolvedStep& a, const DemoResolvedStep& b) {
                         return a.buildIndex < b.buildIndex;
                     });
    m_leafFactor.fill(1.0);
    QDateTime start = m_options.start;
    if (!start.isValid())
        start = QDateTime(QDate(2025, 10, 5), QTime(9, 0), Qt::UTC);
    m_lastMicros = start.toMSecsSinceEpoch() * 1000;
}

void DemoBuildSimulator::applyStepsUpTo(qsizetype index)
{
    for (; m_nextStep < m_steps.size() && m_steps[m_nextStep].buildIndex <= index; ++m_nextStep) {
        const DemoResolvedStep& step = m_steps[m_nextStep];
        for (int leaf = 0; leaf < DemoLeafCount; ++leaf) {
            if (step.target.leaves.test(std::size_t(leaf)))
                m_leafFactor[std::size_t(leaf)] *= step.factor;
        }
        if (step.target.memoryRss)
            m_rssFactor *= step.factor;
        if (step.target.memoryHeap)
            m_heapFactor *= step.factor;
        if (step.target.memoryPeak)
            m_peakFactor *= step.factor;
    }
}

// Where build `index` sits on Bengal's release timeline (builds beyond the planned count stay
// on the last release).
double DemoBuildSimulator::timelinePosition(qsizetype index) const
{
    const qsizetype builds = std::max<qsizetype>(m_options.builds, 1);
    const double share = double(std::min(index, builds - 1)) / double(builds);
    return m_span.begin + (m_span.end - m_span.begin) * share;
}

DemoBuild DemoBuildSimulator::next()
{
    const qsizetype index = m_index++;
    applyStepsUpTo(index);
    DemoRandom rng(m_options.seed, quint64(index) + 1);
    DemoBuild b;
    b.platform = m_site.platform;
    b.version = demoWriterVersionAt(timelinePosition(index));
    if (m_options.schemaKeys != 0)
        b.version.keyCount = m_options.schemaKeys;

    // Kind of build and profile.
    b.incremental = index > 0 && rng.chance(m_options.incrementalShare);
    b.parallel = !rng.chance(m_options.sequentialShare);
    const double profileDraw = rng.uniform();
    m_devProfile = m_devProfile ? profileDraw >= FromDevProfile : profileDraw < ToDevProfile;
    b.tracemalloc = b.version.alwaysTracemalloc || m_devProfile;

    // The site as it is at this build.
    b.regularPages =
        qint64(std::floor(double(m_site.regularPages0) * pageGrowth(m_options.pageGrowth, index)));
    b.generatedPages = qint64(std::floor(double(b.regularPages) * m_site.generatedRatio)) + 2;
    b.totalPages = b.regularPages + b.generatedPages;
    b.totalAssets = m_site.assets0 + b.regularPages / 25;
    b.totalSections = m_site.sections0 + b.regularPages / 60;
    b.taxonomiesCount = qint64(std::floor(double(b.regularPages) * m_site.taxonomyRatio)) + 3;

    const double rerendered =
        std::clamp(RerenderedShare * std::exp(RerenderedSpread * rng.normal()), 0.01, 0.5);
    if (b.incremental) {
        b.pagesRendered = std::max<qint64>(1, std::llround(double(b.totalPages) * rerendered));
        b.changedPages = std::clamp<qint64>(std::llround(double(b.regularPages) * rerendered), 1,
                                            b.regularPages);
    } else {
        b.pagesRendered = b.totalPages;
        b.changedPages = b.regularPages;
    }
    const double renderedShare = double(b.pagesRendered) / double(b.totalPages);

    // Timings.
    const double noise = m_options.noise;
    const double shared = SharedNoiseWeight * noise * rng.normal();
    const double drift = std::exp(std::clamp(m_options.driftPerBuild * double(index), -Ln2, Ln2));
    for (int i = 0; i < DemoLeafCount; ++i) {
        const DemoLeafCost& cost = demoLeafCost(DemoLeaf(i));
        double ms = cost.fixedMs + cost.perPageMs * double(b.totalPages) +
                    cost.perAssetMs * double(b.totalAssets);
        ms *= m_site.speed * drift * m_leafFactor[std::size_t(i)];
        if (b.incremental)
            ms *= cost.incrementalShare + cost.perRenderedShare * renderedShare;
        if (!b.parallel)
            ms *= cost.sequentialFactor;
        b.ms[std::size_t(i)] = ms * std::exp(shared + OwnNoiseWeight * noise * rng.normal());
    }
    b.healthSkipped = rng.chance(HealthSkipShare) && b.incremental;
    b.siteIndexSkipped = rng.chance(SiteOutputSkipShare) && b.incremental;
    b.siteLlmFullSkipped = rng.chance(SiteOutputSkipShare) && b.incremental;
    if (b.healthSkipped)
        b.ms[std::size_t(DemoLeaf::Health)] = 0.0;
    if (b.siteIndexSkipped)
        b.ms[std::size_t(DemoLeaf::SiteIndexJson)] = 0.0;
    if (b.siteLlmFullSkipped)
        b.ms[std::size_t(DemoLeaf::SiteLlmFull)] = 0.0;

    // Per-page render times (the parallel cost of a page, whatever the mode).
    const double perPage = b.ms[std::size_t(DemoLeaf::Rendering)] /
                           (b.parallel ? 1.0 : demoLeafCost(DemoLeaf::Rendering).sequentialFactor) /
                           double(b.pagesRendered);
    b.renderP50Ms = round2(perPage * 0.82 * std::exp(noise * rng.normal()));
    b.renderP95Ms = std::max(b.renderP50Ms,
                             round2(b.renderP50Ms * 2.71 * std::exp(2.0 * noise * rng.normal())));
    b.renderMaxMs = std::max(b.renderP95Ms,
                             round2(b.renderP95Ms * 2.72 * std::exp(5.0 * noise * rng.normal())));

    // Memory: RSS is a delta in whole 4 KiB pages and can be negative on small incremental
    // builds; heap (a delta) and peak (absolute) exist only while tracemalloc runs.
    const double memoryBase = (30.0 + 0.2 * double(b.totalPages)) * drift;
    const double rssNoise = std::exp(0.1 * rng.normal());
    const double released = rng.uniform(); // memory handed back during a small build
    const double rssMb = memoryBase * m_rssFactor *
                         (b.incremental ? 0.2 * rssNoise - 0.25 * released * released : rssNoise);
    b.memoryRssMb = double(std::llround(rssMb * 256.0)) / 256.0;
    const double heapMb = memoryBase * 0.55 * (b.incremental ? 0.3 : 1.0) * m_heapFactor *
                          std::exp(0.1 * rng.normal());
    const double peakMb = (heapMb * rng.uniform(1.05, 1.3) + 5.0) * m_peakFactor;
    if (b.tracemalloc) {
        b.memoryHeapMb = fromBytes(std::llround(heapMb * 1024.0 * 1024.0));
        b.memoryPeakMb = fromBytes(std::llround(peakMb * 1024.0 * 1024.0));
    }

    // Template block cache: every rendered page reuses the site-scoped blocks.
    b.blockCacheSiteBlocks = m_site.siteBlocks;
    b.blockCacheMisses = m_site.siteBlocks;
    b.blockCacheHits = b.pagesRendered * m_site.siteBlocks - m_site.siteBlocks;

    // Timestamp: taken at save time, after an idle gap since the previous save.
    // The first build starts at options.start.
    const bool burst = rng.chance(BurstShare);
    const double gap = burst ? rng.uniform(BurstGapSeconds[0], BurstGapSeconds[1])
                             : rng.uniform(PauseGapSeconds[0], PauseGapSeconds[1]);
    const double gapSeconds = index == 0 ? 0.0 : gap;
    const bool wholeSecond = rng.chance(WholeSecondShare);
    qint64 micros = m_lastMicros + std::llround(gapSeconds * double(MicrosPerSecond)) +
                    std::llround(demoTotalMs(b.ms) * 1000.0);
    if (wholeSecond)
        micros -= micros % MicrosPerSecond;
    b.epochMicros = micros;
    m_lastMicros = micros;
    return b;
}

} // namespace bengal
