#pragma once

// Hand-made history lines for the detail and compare tests.

#include "HistoryTestUtils.h"

#include <QByteArray>
#include <QFile>
#include <QString>

namespace bengal::test {

// The 51-key record of bengal-metrics.md §2.4 (HEAD format, nested maps), on one line, with
// the timestamp, build time and kind replaceable, plus `extra` members appended.
inline QByteArray record51(const char* timestamp, double buildTimeMs = 2921.734123,
                           bool incremental = false, const QByteArray& extra = QByteArray())
{
    QByteArray line =
        QByteArray("{\"timestamp\": \"") + timestamp +
        "\", \"python_version\": \"3.14.0\", \"platform\": \"linux\", \"total_pages\": 137, "
        "\"regular_pages\": 100, \"generated_pages\": 37, \"autodoc_pages\": 0, \"tag_pages\": 0, "
        "\"archive_pages\": 0, \"pagination_pages\": 0, \"total_assets\": 58, "
        "\"total_sections\": 4, \"taxonomies_count\": 24, \"total_directives\": 0, "
        "\"build_time_ms\": " +
        QByteArray::number(buildTimeMs, 'g', 17) +
        ", \"parallel\": true, \"incremental\": " + (incremental ? "true" : "false") +
        ", \"skipped\": false, \"completion_policy\": \"complete\", \"fonts_time_ms\": 0, "
        "\"discovery_time_ms\": 131.207, \"taxonomy_time_ms\": 18.412, \"menu_time_ms\": 2.118, "
        "\"related_posts_time_ms\": 11.903, \"rendering_time_ms\": 1314.775, "
        "\"pages_rendered\": 137, \"assets_time_ms\": 96.514, \"postprocess_time_ms\": 265.331, "
        "\"postprocess_task_timings_ms\": {\"special pages\": 12.4, \"output formats\": 171.9, "
        "\"sitemap\": 9.8, \"robots.txt\": 0.4, \"rss\": 21.7, \"graph data\": 6.2}, "
        "\"postprocess_output_timings_ms\": {\"page_json\": 88.2, \"page_llm_txt\": 41.6, "
        "\"site_index_json\": 19.3, \"site_llm_full\": 14.1}, "
        "\"post_render_timings_ms\": {\"asset_audit\": 357.0, \"artifact_inventory\": 11.2, "
        "\"cache_save\": 290.1, \"stats\": 1.3, \"health\": 10.2, \"provenance_save\": 6.0}, "
        "\"phase_timings_ms\": {\"Initialization\": 1.2, \"Discovery\": 133.0, "
        "\"Config/filter\": 121.4, \"Content\": 43.1, \"Parsing\": 45.2, \"Snapshot\": 29.3, "
        "\"Assets\": 97.0, \"Rendering\": 1315.2, \"Post-process\": 265.3, "
        "\"Artifact inventory\": 11.2, \"Cache save\": 290.1, \"Stats\": 1.3, "
        "\"Health check\": 10.2, \"Provenance save\": 6.0}, \"health_check_time_ms\": 10.2, "
        "\"memory_rss_mb\": 142.609375, \"memory_heap_mb\": 61.27, \"memory_peak_mb\": 212.84, "
        "\"cache_hits\": 0, \"cache_misses\": 100, \"time_saved_ms\": 0, "
        "\"cache_bypass_hits\": 0, \"cache_bypass_misses\": 0, \"block_cache_hits\": 411, "
        "\"block_cache_misses\": 3, \"block_cache_site_blocks\": 3, "
        "\"block_cache_time_saved_ms\": 164.4, \"parsed_cache_hits\": 0, "
        "\"rendered_cache_hits\": 0, \"parsed_cache_misses\": 100, \"render_p50_ms\": 7.91, "
        "\"render_p95_ms\": 21.43, \"render_max_ms\": 58.27";
    if (!extra.isEmpty())
        line += ", " + extra;
    return line + "}";
}

// A small 21-key-style record: kind and the main times given.
inline QByteArray smallRecord(const char* timestamp, double buildTimeMs, bool incremental,
                              bool parallel = true, const QByteArray& extra = QByteArray())
{
    QByteArray body = "\"python_version\": \"3.12.2\", \"platform\": \"darwin\", "
                      "\"total_pages\": 100, \"build_time_ms\": " +
                      QByteArray::number(buildTimeMs, 'g', 17) +
                      ", \"parallel\": " + (parallel ? "true" : "false") +
                      ", \"incremental\": " + (incremental ? "true" : "false") +
                      ", \"rendering_time_ms\": " + QByteArray::number(buildTimeMs / 2, 'g', 17);
    if (!extra.isEmpty())
        body += ", " + extra;
    return record(timestamp, body);
}

inline bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}

} // namespace bengal::test
