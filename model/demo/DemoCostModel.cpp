#include "demo/DemoCostModel.h"

#include <initializer_list>
#include <numeric>
#include <span>
#include <vector>

namespace bengal {

namespace {

using L = DemoLeaf;

// fixed ms, ms per page, ms per asset, incremental share, + per re-rendered share, sequential.
// Full parallel build of 137 pages and 58 assets: ~2.8 s, of which Rendering ~47%,
// asset_audit ~10%, Cache save ~10%, Post-process ~10%; ledger misses ~11% ("unattributed").
// Incremental builds re-render ~8% of the pages and cost ~15-20% of a full build.
constexpr std::array<DemoLeafCost, DemoLeafCount> Costs{{
    /* Initialization    */ {1.2, 0.0, 0.0, 1.0, 0.0, 1.0},
    /* Discovery         */ {40.0, 0.67, 0.0, 0.35, 0.0, 1.0},
    /* DiscoveryWrap     */ {1.8, 0.0, 0.0, 1.0, 0.0, 1.0},
    /* ConfigFilter      */ {60.0, 0.45, 0.0, 0.3, 0.0, 1.0},
    /* Taxonomy          */ {0.0, 0.134, 0.0, 0.2, 0.0, 1.0},
    /* Menu              */ {0.5, 0.0118, 0.0, 0.5, 0.0, 1.0},
    /* RelatedPosts      */ {0.0, 0.087, 0.0, 0.2, 0.0, 1.0},
    /* ContentOther      */ {2.0, 0.0635, 0.0, 0.3, 0.0, 1.0},
    /* Parsing           */ {0.0, 0.33, 0.0, 0.0, 1.0, 1.3},
    /* Snapshot          */ {2.0, 0.197, 0.0, 0.3, 0.0, 1.0},
    /* Assets            */ {20.0, 0.0, 1.32, 0.15, 0.0, 1.3},
    /* AssetsWrap        */ {0.5, 0.0, 0.0, 1.0, 0.0, 1.0},
    /* Rendering         */ {0.0, 9.6, 0.0, 0.0, 1.0, 2.6},
    /* RenderingWrap     */ {0.4, 0.0, 0.0, 1.0, 0.0, 1.0},
    /* SpecialPages      */ {4.0, 0.06, 0.0, 0.5, 0.0, 1.0},
    /* OutputFormatsOwn  */ {3.0, 0.042, 0.0, 0.5, 0.0, 1.0},
    /* PageJson          */ {0.0, 0.644, 0.0, 0.0, 1.0, 1.0},
    /* PageLlmTxt        */ {0.0, 0.304, 0.0, 0.0, 1.0, 1.0},
    /* SiteIndexJson     */ {2.0, 0.126, 0.0, 0.6, 0.0, 1.0},
    /* SiteLlmFull       */ {1.0, 0.096, 0.0, 0.6, 0.0, 1.0},
    /* Sitemap           */ {1.0, 0.064, 0.0, 0.6, 0.0, 1.0},
    /* RobotsTxt         */ {0.4, 0.0, 0.0, 1.0, 0.0, 1.0},
    /* Rss               */ {2.0, 0.144, 0.0, 0.5, 0.0, 1.0},
    /* GraphData         */ {1.0, 0.038, 0.0, 0.5, 0.0, 1.0},
    /* PostprocessOther  */ {10.0, 0.24, 0.0, 0.4, 0.0, 1.0},
    /* AssetAudit        */ {0.0, 2.1, 0.0, 0.05, 0.9, 1.8},
    /* ArtifactInventory */ {1.0, 0.075, 0.0, 0.3, 0.0, 1.0},
    /* CacheSave         */ {80.0, 1.53, 0.0, 0.4, 0.0, 1.0},
    /* Stats             */ {1.3, 0.0, 0.0, 1.0, 0.0, 1.0},
    /* Health            */ {1.0, 0.067, 0.0, 1.0, 0.0, 1.0},
    /* ProvenanceSave    */ {1.0, 0.036, 0.0, 0.5, 0.0, 1.0},
    /* Overhead          */ {15.0, 0.05, 0.0, 0.6, 0.0, 1.0},
}};

constexpr std::array<L, 11> PostprocessLeaves{L::SpecialPages, L::OutputFormatsOwn, L::PageJson,
                                              L::PageLlmTxt,   L::SiteIndexJson,    L::SiteLlmFull,
                                              L::Sitemap,      L::RobotsTxt,        L::Rss,
                                              L::GraphData,    L::PostprocessOther};
constexpr std::array<L, 5> OutputFormatLeaves{L::OutputFormatsOwn, L::PageJson, L::PageLlmTxt,
                                              L::SiteIndexJson, L::SiteLlmFull};
constexpr std::array<L, 4> ContentLeaves{L::Taxonomy, L::Menu, L::RelatedPosts, L::ContentOther};

using LeafMask = std::bitset<DemoLeafCount>;

LeafMask mask(std::span<const L> leaves)
{
    LeafMask m;
    for (const L leaf : leaves)
        m.set(std::size_t(leaf));
    return m;
}

LeafMask mask(std::initializer_list<L> leaves)
{
    return mask(std::span<const L>(leaves.begin(), leaves.size()));
}

struct NamedTarget
{
    const char* metric;
    LeafMask leaves;
};

// Names that mean the same leaves are listed together: the flat field, the ledger entry, the
// post-render entry. A step on any of them moves all of them.
const std::vector<NamedTarget>& namedTargets()
{
    static const std::vector<NamedTarget> targets{
        {"discovery_time_ms", mask({L::Discovery, L::DiscoveryWrap})},
        {"phase_timings_ms.Discovery", mask({L::Discovery, L::DiscoveryWrap})},
        {"phase_timings_ms.Initialization", mask({L::Initialization})},
        {"phase_timings_ms.Config/filter", mask({L::ConfigFilter})},
        {"taxonomy_time_ms", mask({L::Taxonomy})},
        {"menu_time_ms", mask({L::Menu})},
        {"related_posts_time_ms", mask({L::RelatedPosts})},
        {"phase_timings_ms.Content", mask(ContentLeaves)},
        {"phase_timings_ms.Parsing", mask({L::Parsing})},
        {"phase_timings_ms.Snapshot", mask({L::Snapshot})},
        {"assets_time_ms", mask({L::Assets, L::AssetsWrap})},
        {"phase_timings_ms.Assets", mask({L::Assets, L::AssetsWrap})},
        {"rendering_time_ms", mask({L::Rendering, L::RenderingWrap})},
        {"phase_timings_ms.Rendering", mask({L::Rendering, L::RenderingWrap})},
        {"postprocess_time_ms", mask(PostprocessLeaves)},
        {"phase_timings_ms.Post-process", mask(PostprocessLeaves)},
        {"postprocess_task_timings_ms.special pages", mask({L::SpecialPages})},
        {"postprocess_task_timings_ms.output formats", mask(OutputFormatLeaves)},
        {"postprocess_task_timings_ms.sitemap", mask({L::Sitemap})},
        {"postprocess_task_timings_ms.robots.txt", mask({L::RobotsTxt})},
        {"postprocess_task_timings_ms.rss", mask({L::Rss})},
        {"postprocess_task_timings_ms.graph data", mask({L::GraphData})},
        {"postprocess_output_timings_ms.page_json", mask({L::PageJson})},
        {"postprocess_output_timings_ms.page_llm_txt", mask({L::PageLlmTxt})},
        {"postprocess_output_timings_ms.site_index_json", mask({L::SiteIndexJson})},
        {"postprocess_output_timings_ms.site_llm_full", mask({L::SiteLlmFull})},
        {"post_render_timings_ms.asset_audit", mask({L::AssetAudit})},
        {"post_render_timings_ms.artifact_inventory", mask({L::ArtifactInventory})},
        {"phase_timings_ms.Artifact inventory", mask({L::ArtifactInventory})},
        {"post_render_timings_ms.cache_save", mask({L::CacheSave})},
        {"phase_timings_ms.Cache save", mask({L::CacheSave})},
        {"post_render_timings_ms.stats", mask({L::Stats})},
        {"phase_timings_ms.Stats", mask({L::Stats})},
        {"health_check_time_ms", mask({L::Health})},
        {"post_render_timings_ms.health", mask({L::Health})},
        {"phase_timings_ms.Health check", mask({L::Health})},
        {"post_render_timings_ms.provenance_save", mask({L::ProvenanceSave})},
        {"phase_timings_ms.Provenance save", mask({L::ProvenanceSave})},
    };
    return targets;
}

double sumOf(const DemoLeafTimes& t, std::span<const L> leaves)
{
    double sum = 0.0;
    for (const L leaf : leaves)
        sum += t[std::size_t(leaf)];
    return sum;
}

} // namespace

const DemoLeafCost& demoLeafCost(DemoLeaf leaf)
{
    return Costs[std::size_t(leaf)];
}

DemoStepTarget demoStepTarget(const QString& metric)
{
    DemoStepTarget target;
    if (metric == QLatin1String("build_time_ms")) {
        target.leaves.set();
    } else if (metric == QLatin1String("memory_rss_mb")) {
        target.memoryRss = true;
    } else if (metric == QLatin1String("memory_heap_mb")) {
        target.memoryHeap = true;
    } else if (metric == QLatin1String("memory_peak_mb")) {
        target.memoryPeak = true;
    } else {
        for (const NamedTarget& named : namedTargets()) {
            if (metric == QLatin1String(named.metric))
                target.leaves |= named.leaves;
        }
    }
    return target;
}

QStringList demoStepMetricNames()
{
    QStringList names{QStringLiteral("build_time_ms"), QStringLiteral("memory_rss_mb"),
                      QStringLiteral("memory_heap_mb"), QStringLiteral("memory_peak_mb")};
    for (const NamedTarget& named : namedTargets())
        names.append(QLatin1String(named.metric));
    return names;
}

double demoPostprocessMs(const DemoLeafTimes& t)
{
    return sumOf(t, PostprocessLeaves);
}
double demoOutputFormatsMs(const DemoLeafTimes& t)
{
    return sumOf(t, OutputFormatLeaves);
}
double demoContentMs(const DemoLeafTimes& t)
{
    return sumOf(t, ContentLeaves);
}
double demoTotalMs(const DemoLeafTimes& t)
{
    return std::accumulate(t.begin(), t.end(), 0.0);
}

} // namespace bengal
