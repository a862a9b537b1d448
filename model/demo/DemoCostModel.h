#pragma once

#include <QString>
#include <QStringList>
#include <array>
#include <bitset>

namespace bengal {

// The demo's build is a sum of small timed parts ("leaves"). Every timing Bengal writes is a sum
// of some of them, so the flat fields, the phase ledger, the post-render and post-process maps
// and build_time_ms always agree, and a step on any of them moves all the others that contain it.
enum class DemoLeaf : int
{
    Initialization,
    // discovery_time_ms is Discovery; the ledger's "Discovery" adds DiscoveryWrap.
    Discovery,
    DiscoveryWrap,
    ConfigFilter,
    // The ledger's "Content": taxonomy_time_ms, menu_time_ms, related_posts_time_ms and the rest.
    Taxonomy,
    Menu,
    RelatedPosts,
    ContentOther,
    Parsing,
    Snapshot,
    // assets_time_ms / rendering_time_ms; the ledger entries add the small Wrap leaves.
    Assets,
    AssetsWrap,
    Rendering,
    RenderingWrap,
    // postprocess_time_ms: the tasks (the four generators make up "output formats") and the rest.
    SpecialPages,
    OutputFormatsOwn,
    PageJson,
    PageLlmTxt,
    SiteIndexJson,
    SiteLlmFull,
    Sitemap,
    RobotsTxt,
    Rss,
    GraphData,
    PostprocessOther,
    // Finalization: asset_audit runs outside the ledger; the others are ledger phases too.
    AssetAudit,
    ArtifactInventory,
    CacheSave,
    Stats,
    Health,
    ProvenanceSave,
    // Time nobody measures.
    Overhead,
    Count
};
constexpr int DemoLeafCount = int(DemoLeaf::Count);
using DemoLeafTimes = std::array<double, DemoLeafCount>;

// The cost of a leaf in a full parallel build, and how it changes for other kinds of builds.
// Shaped on Bengal's committed 100-page phase-attribution baseline (137 output pages).
struct DemoLeafCost
{
    double fixedMs;
    double perPageMs;        // per output page
    double perAssetMs;       // per asset
    double incrementalShare; // share of the full cost an incremental build still pays ...
    double perRenderedShare; // ... plus this times the share of pages it re-renders
    double sequentialFactor; // slow-down without parallel rendering
};
const DemoLeafCost& demoLeafCost(DemoLeaf leaf);

// The leaves a step on a metric scales; invalid for a metric the demo cannot step.
struct DemoStepTarget
{
    std::bitset<DemoLeafCount> leaves;
    bool memoryRss = false;
    bool memoryHeap = false;
    bool memoryPeak = false;
    bool isValid() const { return leaves.any() || memoryRss || memoryHeap || memoryPeak; }
};
DemoStepTarget demoStepTarget(const QString& metric);

// Every metric name a step may name: build_time_ms, the flat phase fields, the memory fields,
// and every entry of the four nested maps as "map.entry".
QStringList demoStepMetricNames();

// Sums of leaves as Bengal reports them.
double demoPostprocessMs(const DemoLeafTimes& t);
double demoOutputFormatsMs(const DemoLeafTimes& t);
double demoContentMs(const DemoLeafTimes& t);
double demoTotalMs(const DemoLeafTimes& t);

} // namespace bengal
