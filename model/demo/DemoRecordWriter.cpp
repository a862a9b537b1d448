#include "demo/DemoRecordWriter.h"

#include "demo/PythonJson.h"

#include <array>
#include <cmath>
#include <string>

namespace bengal {

namespace {

using L = DemoLeaf;

// Bengal rounds the ledger and the finalization maps to 0.1 ms (round(ms, 1)).
double round1(double value)
{
    return std::round(value * 10.0) / 10.0;
}

double leaf(const DemoBuild& b, L which)
{
    return b.ms[std::size_t(which)];
}

// Unset float fields are the dataclass default `0`, which json.dumps writes as an int.
void floatOrUnsetZero(PythonJsonObjectWriter& w, double value)
{
    if (value == 0.0)
        w.intValue(0);
    else
        w.floatValue(value);
}

void entry(PythonJsonObjectWriter& w, const char* name, double ms)
{
    w.key(name);
    w.floatValue(round1(ms));
}

// record_phase_timing() drops phases that took no time.
void ledgerEntry(PythonJsonObjectWriter& w, const char* name, double ms)
{
    if (ms > 0.0)
        entry(w, name, ms);
}

void writePhaseTimings(PythonJsonObjectWriter& w, const DemoBuild& b)
{
    w.begin();
    ledgerEntry(w, "Initialization", leaf(b, L::Initialization));
    ledgerEntry(w, "Discovery", leaf(b, L::Discovery) + leaf(b, L::DiscoveryWrap));
    ledgerEntry(w, "Config/filter", leaf(b, L::ConfigFilter));
    ledgerEntry(w, "Content", demoContentMs(b.ms));
    ledgerEntry(w, "Parsing", leaf(b, L::Parsing));
    ledgerEntry(w, "Snapshot", leaf(b, L::Snapshot));
    ledgerEntry(w, "Assets", leaf(b, L::Assets) + leaf(b, L::AssetsWrap));
    ledgerEntry(w, "Rendering", leaf(b, L::Rendering) + leaf(b, L::RenderingWrap));
    ledgerEntry(w, "Post-process", demoPostprocessMs(b.ms));
    ledgerEntry(w, "Artifact inventory", leaf(b, L::ArtifactInventory));
    ledgerEntry(w, "Cache save", leaf(b, L::CacheSave));
    ledgerEntry(w, "Stats", leaf(b, L::Stats));
    ledgerEntry(w, "Health check", leaf(b, L::Health));
    ledgerEntry(w, "Provenance save", leaf(b, L::ProvenanceSave));
    w.end();
}

void writePostRenderTimings(PythonJsonObjectWriter& w, const DemoBuild& b)
{
    w.begin();
    entry(w, "asset_audit", leaf(b, L::AssetAudit));
    entry(w, "artifact_inventory", leaf(b, L::ArtifactInventory));
    entry(w, "cache_save", leaf(b, L::CacheSave));
    entry(w, "stats", leaf(b, L::Stats));
    if (!b.healthSkipped)
        entry(w, "health", leaf(b, L::Health));
    entry(w, "provenance_save", leaf(b, L::ProvenanceSave));
    w.end();
}

void writePostprocessTasks(PythonJsonObjectWriter& w, const DemoBuild& b)
{
    w.begin();
    entry(w, "special pages", leaf(b, L::SpecialPages));
    entry(w, "output formats", demoOutputFormatsMs(b.ms));
    entry(w, "sitemap", leaf(b, L::Sitemap));
    entry(w, "robots.txt", leaf(b, L::RobotsTxt));
    entry(w, "rss", leaf(b, L::Rss));
    entry(w, "graph data", leaf(b, L::GraphData));
    w.end();
}

// Skipped site-wide outputs stay in the map as 0.0.
void writePostprocessOutputs(PythonJsonObjectWriter& w, const DemoBuild& b)
{
    w.begin();
    entry(w, "page_json", leaf(b, L::PageJson));
    entry(w, "page_llm_txt", leaf(b, L::PageLlmTxt));
    entry(w, "site_index_json", leaf(b, L::SiteIndexJson));
    entry(w, "site_llm_full", leaf(b, L::SiteLlmFull));
    w.end();
}

void writeValue(PythonJsonObjectWriter& w, std::string& out, const DemoBuild& b, DemoKey key)
{
    const qint64 unchangedRegular = b.regularPages - b.changedPages;
    switch (key) {
    case DemoKey::Timestamp:
        out.push_back('"');
        appendIsoTimestamp(out, b.epochMicros, b.version.timestampStyle);
        out.push_back('"');
        return;
    case DemoKey::PythonVersion:
        return w.stringValue(b.version.pythonVersion);
    case DemoKey::Platform:
        return w.stringValue(b.platform);
    case DemoKey::TotalPages:
        return w.intValue(b.totalPages);
    case DemoKey::RegularPages:
        return w.intValue(b.regularPages);
    case DemoKey::GeneratedPages:
        return w.intValue(b.generatedPages);
    // Exported but never populated on the build path (bengal-metrics.md 2.2).
    case DemoKey::AutodocPages:
    case DemoKey::TagPages:
    case DemoKey::ArchivePages:
    case DemoKey::PaginationPages:
    case DemoKey::TotalDirectives:
        return w.intValue(0);
    case DemoKey::TotalAssets:
        return w.intValue(b.totalAssets);
    case DemoKey::TotalSections:
        return w.intValue(b.totalSections);
    case DemoKey::TaxonomiesCount:
        return w.intValue(b.taxonomiesCount);
    case DemoKey::BuildTimeMs:
        return w.floatValue(demoTotalMs(b.ms));
    case DemoKey::Parallel:
        return w.boolValue(b.parallel);
    case DemoKey::Incremental:
        return w.boolValue(b.incremental);
    case DemoKey::Skipped:
        return w.boolValue(false);
    case DemoKey::CompletionPolicy:
        return w.stringValue("complete");
    case DemoKey::FontsTimeMs:
        return w.intValue(0); // the demo site has no fonts configured
    case DemoKey::DiscoveryTimeMs:
        return w.floatValue(leaf(b, L::Discovery));
    case DemoKey::TaxonomyTimeMs:
        return w.floatValue(leaf(b, L::Taxonomy));
    case DemoKey::MenuTimeMs:
        return w.floatValue(leaf(b, L::Menu));
    case DemoKey::RelatedPostsTimeMs:
        return w.floatValue(leaf(b, L::RelatedPosts));
    case DemoKey::RenderingTimeMs:
        return w.floatValue(leaf(b, L::Rendering));
    case DemoKey::PagesRendered:
        return w.intValue(b.pagesRendered);
    case DemoKey::AssetsTimeMs:
        return w.floatValue(leaf(b, L::Assets));
    case DemoKey::PostprocessTimeMs:
        return w.floatValue(demoPostprocessMs(b.ms));
    case DemoKey::PostprocessTaskTimingsMs:
        return writePostprocessTasks(w, b);
    case DemoKey::PostprocessOutputTimingsMs:
        return writePostprocessOutputs(w, b);
    case DemoKey::PostRenderTimingsMs:
        return writePostRenderTimings(w, b);
    case DemoKey::PhaseTimingsMs:
        return writePhaseTimings(w, b);
    case DemoKey::HealthCheckTimeMs:
        return floatOrUnsetZero(w, leaf(b, L::Health));
    case DemoKey::MemoryRssMb:
        return w.floatValue(b.memoryRssMb);
    case DemoKey::MemoryHeapMb:
        return w.floatValue(b.memoryHeapMb);
    case DemoKey::MemoryPeakMb:
        return w.floatValue(b.memoryPeakMb);
    // Page-level cache: a full build misses every regular page; an incremental one serves the
    // unchanged pages from cache (time_saved_ms is Bengal's heuristic hits x 50 ms x 0.8).
    case DemoKey::CacheHits:
        return w.intValue(b.incremental ? b.totalPages - b.pagesRendered : 0);
    case DemoKey::CacheMisses:
        return w.intValue(b.changedPages);
    case DemoKey::TimeSavedMs:
        if (!b.incremental)
            return w.intValue(0);
        return w.floatValue(double(b.totalPages - b.pagesRendered) * 50 * 0.8);
    case DemoKey::CacheBypassHits:
        return w.intValue(b.incremental ? b.changedPages : 0);
    case DemoKey::CacheBypassMisses:
        return w.intValue(b.incremental ? unchangedRegular : 0);
    case DemoKey::BlockCacheHits:
        return w.intValue(b.blockCacheHits);
    case DemoKey::BlockCacheMisses:
        return w.intValue(b.blockCacheMisses);
    case DemoKey::BlockCacheSiteBlocks:
        return w.intValue(b.blockCacheSiteBlocks);
    case DemoKey::BlockCacheTimeSavedMs:
        return w.floatValue(double(b.blockCacheHits) * 0.4);
    case DemoKey::ParsedCacheHits:
        return w.intValue(unchangedRegular);
    case DemoKey::RenderedCacheHits:
        return w.intValue(b.incremental ? unchangedRegular - unchangedRegular / 10 : 0);
    case DemoKey::ParsedCacheMisses:
        return w.intValue(b.changedPages);
    case DemoKey::RenderP50Ms:
        return w.floatValue(b.renderP50Ms);
    case DemoKey::RenderP95Ms:
        return w.floatValue(b.renderP95Ms);
    case DemoKey::RenderMaxMs:
        return w.floatValue(b.renderMaxMs);
    }
}

// `"name": ` for every key, made once: the keys are most of a line's bytes.
const std::array<std::string, std::size_t(DemoKey::RenderMaxMs) + 1>& quotedKeys()
{
    static const auto keys = [] {
        std::array<std::string, std::size_t(DemoKey::RenderMaxMs) + 1> quoted;
        for (std::size_t i = 0; i < quoted.size(); ++i) {
            appendPythonString(quoted[i], std::string_view(demoKeyName(DemoKey(i))));
            quoted[i].append(": ");
        }
        return quoted;
    }();
    return keys;
}

} // namespace

void appendDemoRecord(std::string& out, const DemoBuild& build)
{
    const auto& keys = quotedKeys();
    PythonJsonObjectWriter w(out);
    w.begin();
    for (const DemoKey key : demoSchemaKeys(build.version.keyCount)) {
        w.quotedKey(keys[std::size_t(key)]);
        writeValue(w, out, build, key);
    }
    w.end();
    out.push_back('\n');
}

} // namespace bengal
