#include "demo/DemoSchema.h"

#include <array>

namespace bengal {

namespace {

using K = DemoKey;

// clang-format off
// v0.1.0-v0.1.6 (bengal/utils/build_stats.py to_dict, plus the collector's envelope).
constexpr std::array<DemoKey, 21> Keys21{
    K::Timestamp, K::PythonVersion, K::Platform, K::TotalPages, K::RegularPages,
    K::GeneratedPages, K::TotalAssets, K::TotalSections, K::TaxonomiesCount, K::BuildTimeMs,
    K::Parallel, K::Incremental, K::Skipped, K::DiscoveryTimeMs, K::TaxonomyTimeMs,
    K::RenderingTimeMs, K::AssetsTimeMs, K::PostprocessTimeMs, K::MemoryRssMb, K::MemoryHeapMb,
    K::MemoryPeakMb};

// v0.1.7-v0.2.3: the block cache counters were appended to to_dict().
constexpr std::array<DemoKey, 25> Keys25{
    K::Timestamp, K::PythonVersion, K::Platform, K::TotalPages, K::RegularPages,
    K::GeneratedPages, K::TotalAssets, K::TotalSections, K::TaxonomiesCount, K::BuildTimeMs,
    K::Parallel, K::Incremental, K::Skipped, K::DiscoveryTimeMs, K::TaxonomyTimeMs,
    K::RenderingTimeMs, K::AssetsTimeMs, K::PostprocessTimeMs, K::MemoryRssMb, K::MemoryHeapMb,
    K::MemoryPeakMb, K::BlockCacheHits, K::BlockCacheMisses, K::BlockCacheSiteBlocks,
    K::BlockCacheTimeSavedMs};

// v0.2.4-v0.2.5 and v0.2.6: the new keys were appended in the order bengal-metrics.md lists
// them (the to_dict() of these two releases is not in the reference; v0.3.0 reordered all).
constexpr std::array<DemoKey, 26> Keys26{
    K::Timestamp, K::PythonVersion, K::Platform, K::TotalPages, K::RegularPages,
    K::GeneratedPages, K::TotalAssets, K::TotalSections, K::TaxonomiesCount, K::BuildTimeMs,
    K::Parallel, K::Incremental, K::Skipped, K::DiscoveryTimeMs, K::TaxonomyTimeMs,
    K::RenderingTimeMs, K::AssetsTimeMs, K::PostprocessTimeMs, K::MemoryRssMb, K::MemoryHeapMb,
    K::MemoryPeakMb, K::BlockCacheHits, K::BlockCacheMisses, K::BlockCacheSiteBlocks,
    K::BlockCacheTimeSavedMs, K::AutodocPages};

constexpr std::array<DemoKey, 29> Keys29{
    K::Timestamp, K::PythonVersion, K::Platform, K::TotalPages, K::RegularPages,
    K::GeneratedPages, K::TotalAssets, K::TotalSections, K::TaxonomiesCount, K::BuildTimeMs,
    K::Parallel, K::Incremental, K::Skipped, K::DiscoveryTimeMs, K::TaxonomyTimeMs,
    K::RenderingTimeMs, K::AssetsTimeMs, K::PostprocessTimeMs, K::MemoryRssMb, K::MemoryHeapMb,
    K::MemoryPeakMb, K::BlockCacheHits, K::BlockCacheMisses, K::BlockCacheSiteBlocks,
    K::BlockCacheTimeSavedMs, K::AutodocPages, K::ParsedCacheHits, K::RenderedCacheHits,
    K::ParsedCacheMisses};

// v0.3.0-v0.3.2 (bengal/orchestration/stats/models.py to_dict, regrouped by topic).
constexpr std::array<DemoKey, 46> Keys46{
    K::Timestamp, K::PythonVersion, K::Platform, K::TotalPages, K::RegularPages,
    K::GeneratedPages, K::AutodocPages, K::TagPages, K::ArchivePages, K::PaginationPages,
    K::TotalAssets, K::TotalSections, K::TaxonomiesCount, K::TotalDirectives, K::BuildTimeMs,
    K::Parallel, K::Incremental, K::Skipped, K::FontsTimeMs, K::DiscoveryTimeMs,
    K::TaxonomyTimeMs, K::MenuTimeMs, K::RelatedPostsTimeMs, K::RenderingTimeMs, K::PagesRendered,
    K::AssetsTimeMs, K::PostprocessTimeMs, K::HealthCheckTimeMs, K::MemoryRssMb, K::MemoryHeapMb,
    K::MemoryPeakMb, K::CacheHits, K::CacheMisses, K::TimeSavedMs, K::CacheBypassHits,
    K::CacheBypassMisses, K::BlockCacheHits, K::BlockCacheMisses, K::BlockCacheSiteBlocks,
    K::BlockCacheTimeSavedMs, K::ParsedCacheHits, K::RenderedCacheHits, K::ParsedCacheMisses,
    K::RenderP50Ms, K::RenderP95Ms, K::RenderMaxMs};

// v0.3.3 to HEAD (the 51-key example of bengal-metrics.md 2.4).
constexpr std::array<DemoKey, 51> Keys51{
    K::Timestamp, K::PythonVersion, K::Platform, K::TotalPages, K::RegularPages,
    K::GeneratedPages, K::AutodocPages, K::TagPages, K::ArchivePages, K::PaginationPages,
    K::TotalAssets, K::TotalSections, K::TaxonomiesCount, K::TotalDirectives, K::BuildTimeMs,
    K::Parallel, K::Incremental, K::Skipped, K::CompletionPolicy, K::FontsTimeMs,
    K::DiscoveryTimeMs, K::TaxonomyTimeMs, K::MenuTimeMs, K::RelatedPostsTimeMs,
    K::RenderingTimeMs, K::PagesRendered, K::AssetsTimeMs, K::PostprocessTimeMs,
    K::PostprocessTaskTimingsMs, K::PostprocessOutputTimingsMs, K::PostRenderTimingsMs,
    K::PhaseTimingsMs, K::HealthCheckTimeMs, K::MemoryRssMb, K::MemoryHeapMb, K::MemoryPeakMb,
    K::CacheHits, K::CacheMisses, K::TimeSavedMs, K::CacheBypassHits, K::CacheBypassMisses,
    K::BlockCacheHits, K::BlockCacheMisses, K::BlockCacheSiteBlocks, K::BlockCacheTimeSavedMs,
    K::ParsedCacheHits, K::RenderedCacheHits, K::ParsedCacheMisses, K::RenderP50Ms,
    K::RenderP95Ms, K::RenderMaxMs};
// clang-format on

constexpr std::array<int, 6> Sequence{21, 25, 26, 29, 46, 51};

// Where each layout sits on the release timeline [0, 1). The widths are a guess at how long a
// site stays on each release; what matters is that every layout gets a fair share of builds.
struct SchemaSpan
{
    int keyCount;
    DemoSpan span;
};
constexpr std::array<SchemaSpan, 6> Spans{{{21, {0.00, 0.22}},
                                           {25, {0.22, 0.45}},
                                           {26, {0.45, 0.50}},
                                           {29, {0.50, 0.56}},
                                           {46, {0.56, 0.70}},
                                           {51, {0.70, 1.00}}}};

// Inside the 21-key span: v0.1.4 required Python 3.14 (0.10); v0.1.6 made tracemalloc
// optional (0.17). Inside the 25-key span: v0.1.9 switched to aware timestamps (0.28).
constexpr double Python314At = 0.10;
constexpr double OptionalTracemallocAt = 0.17;
constexpr double AwareTimestampsAt = 0.28;
constexpr double Python3142At = 0.50;

} // namespace

const char* demoKeyName(DemoKey key)
{
    static constexpr const char* Names[] = {"timestamp",
                                            "python_version",
                                            "platform",
                                            "total_pages",
                                            "regular_pages",
                                            "generated_pages",
                                            "autodoc_pages",
                                            "tag_pages",
                                            "archive_pages",
                                            "pagination_pages",
                                            "total_assets",
                                            "total_sections",
                                            "taxonomies_count",
                                            "total_directives",
                                            "build_time_ms",
                                            "parallel",
                                            "incremental",
                                            "skipped",
                                            "completion_policy",
                                            "fonts_time_ms",
                                            "discovery_time_ms",
                                            "taxonomy_time_ms",
                                            "menu_time_ms",
                                            "related_posts_time_ms",
                                            "rendering_time_ms",
                                            "pages_rendered",
                                            "assets_time_ms",
                                            "postprocess_time_ms",
                                            "postprocess_task_timings_ms",
                                            "postprocess_output_timings_ms",
                                            "post_render_timings_ms",
                                            "phase_timings_ms",
                                            "health_check_time_ms",
                                            "memory_rss_mb",
                                            "memory_heap_mb",
                                            "memory_peak_mb",
                                            "cache_hits",
                                            "cache_misses",
                                            "time_saved_ms",
                                            "cache_bypass_hits",
                                            "cache_bypass_misses",
                                            "block_cache_hits",
                                            "block_cache_misses",
                                            "block_cache_site_blocks",
                                            "block_cache_time_saved_ms",
                                            "parsed_cache_hits",
                                            "rendered_cache_hits",
                                            "parsed_cache_misses",
                                            "render_p50_ms",
                                            "render_p95_ms",
                                            "render_max_ms"};
    static_assert(std::size(Names) == std::size_t(DemoKey::RenderMaxMs) + 1);
    return Names[std::size_t(key)];
}

std::span<const DemoKey> demoSchemaKeys(int keyCount)
{
    switch (keyCount) {
    case 21:
        return Keys21;
    case 25:
        return Keys25;
    case 26:
        return Keys26;
    case 29:
        return Keys29;
    case 46:
        return Keys46;
    case 51:
        return Keys51;
    default:
        return {};
    }
}

bool isDemoSchema(int keyCount)
{
    return !demoSchemaKeys(keyCount).empty();
}

std::span<const int> demoSchemaSequence()
{
    return Sequence;
}

DemoWriterVersion demoWriterVersionAt(double position)
{
    DemoWriterVersion version;
    for (const SchemaSpan& s : Spans) {
        if (position >= s.span.begin)
            version.keyCount = s.keyCount;
    }
    version.timestampStyle =
        position >= AwareTimestampsAt ? DemoTimestampStyle::AwareUtc : DemoTimestampStyle::NaiveUtc;
    version.alwaysTracemalloc = position < OptionalTracemallocAt;
    version.pythonVersion = position < Python314At    ? "3.12.2"
                            : position < Python3142At ? "3.14.0"
                                                      : "3.14.2";
    return version;
}

DemoSpan demoSchemaSpan(int keyCount)
{
    for (const SchemaSpan& s : Spans) {
        if (s.keyCount == keyCount)
            return s.span;
    }
    return {};
}

} // namespace bengal
