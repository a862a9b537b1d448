#pragma once

#include "demo/DemoTimestamp.h"

#include <span>

namespace bengal {

// Every top-level key a Bengal history record has had, named as Bengal writes it.
enum class DemoKey : quint8
{
    Timestamp,
    PythonVersion,
    Platform,
    TotalPages,
    RegularPages,
    GeneratedPages,
    AutodocPages,
    TagPages,
    ArchivePages,
    PaginationPages,
    TotalAssets,
    TotalSections,
    TaxonomiesCount,
    TotalDirectives,
    BuildTimeMs,
    Parallel,
    Incremental,
    Skipped,
    CompletionPolicy,
    FontsTimeMs,
    DiscoveryTimeMs,
    TaxonomyTimeMs,
    MenuTimeMs,
    RelatedPostsTimeMs,
    RenderingTimeMs,
    PagesRendered,
    AssetsTimeMs,
    PostprocessTimeMs,
    PostprocessTaskTimingsMs,
    PostprocessOutputTimingsMs,
    PostRenderTimingsMs,
    PhaseTimingsMs,
    HealthCheckTimeMs,
    MemoryRssMb,
    MemoryHeapMb,
    MemoryPeakMb,
    CacheHits,
    CacheMisses,
    TimeSavedMs,
    CacheBypassHits,
    CacheBypassMisses,
    BlockCacheHits,
    BlockCacheMisses,
    BlockCacheSiteBlocks,
    BlockCacheTimeSavedMs,
    ParsedCacheHits,
    RenderedCacheHits,
    ParsedCacheMisses,
    RenderP50Ms,
    RenderP95Ms,
    RenderMaxMs,
};

const char* demoKeyName(DemoKey key);

// The record layouts of released Bengal versions, by key count (21, 25, 26, 29, 46, 51), each
// in the order Bengal writes them (envelope first, then BuildStats.to_dict()). Empty for any
// other count. The transient 24/47/49/50-key layouts only existed between releases.
std::span<const DemoKey> demoSchemaKeys(int keyCount);
bool isDemoSchema(int keyCount);
// The released layouts in the order Bengal went through them: 21, 25, 26, 29, 46, 51.
std::span<const int> demoSchemaSequence();

// What a Bengal release writes besides its key set.
struct DemoWriterVersion
{
    int keyCount = 21;
    DemoTimestampStyle timestampStyle = DemoTimestampStyle::NaiveUtc;
    bool alwaysTracemalloc = true; // v0.1.0-v0.1.5 traced memory on every build
    const char* pythonVersion = "3.12.2";
};

// Bengal's release history mapped onto [0, 1): the writer version at a position. A history in
// "schema sequence" mode walks the whole range; a single-schema history walks only the span of
// that key count (demoSchemaSpan), so its timestamp and memory conventions stay true to it.
DemoWriterVersion demoWriterVersionAt(double position);
struct DemoSpan
{
    double begin = 0.0;
    double end = 1.0;
};
DemoSpan demoSchemaSpan(int keyCount); // keyCount 0 = the whole timeline

} // namespace bengal
