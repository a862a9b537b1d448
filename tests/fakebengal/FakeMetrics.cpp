#include "FakeMetrics.h"

#include "FakeSupport.h"

#include <fcntl.h>
#include <unistd.h>

#include <utility>
#include <vector>

namespace fake {

namespace {

double timeOf(const PhaseTimes& times, const char* phase)
{
    const auto it = times.find(phase);
    return it == times.end() ? 0.0 : it->second;
}

// Keys and values in BuildStats.to_dict() order (a subset of the 51-key HEAD record).
std::vector<std::pair<std::string, std::string>> record(double buildMs, const PhaseTimes& times)
{
    return {
        {"timestamp", jsonString(utcIsoNow())},
        {"python_version", jsonString("3.14.0")},
        {"platform", jsonString("linux")},
        {"total_pages", "42"},
        {"regular_pages", "30"},
        {"generated_pages", "12"},
        {"total_assets", "7"},
        {"total_sections", "3"},
        {"taxonomies_count", "5"},
        {"build_time_ms", jsonNumber(buildMs)},
        {"parallel", "true"},
        {"incremental", "false"},
        {"skipped", "false"},
        {"completion_policy", jsonString("complete")},
        {"discovery_time_ms", jsonNumber(timeOf(times, "discovery"))},
        {"taxonomy_time_ms", jsonNumber(timeOf(times, "taxonomies"))},
        {"menu_time_ms", jsonNumber(timeOf(times, "menus"))},
        {"rendering_time_ms", jsonNumber(timeOf(times, "rendering"))},
        {"assets_time_ms", jsonNumber(timeOf(times, "assets"))},
        {"postprocess_time_ms", jsonNumber(timeOf(times, "postprocessing"))},
        {"health_check_time_ms", jsonNumber(timeOf(times, "health_check"))},
        {"memory_rss_mb", jsonNumber(double(selfRssKib()) / 1024.0)},
        {"memory_heap_mb", "0.0"},
        {"memory_peak_mb", "0.0"},
    };
}

std::string render(const std::vector<std::pair<std::string, std::string>>& fields, bool indent)
{
    std::string text = "{";
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            text += indent ? "," : ", ";
        if (indent)
            text += "\n  ";
        text += jsonString(fields[i].first) + ": " + fields[i].second;
    }
    return text + (indent ? "\n}" : "}");
}

} // namespace

void saveMetrics(const std::string& root, double buildMs, const PhaseTimes& times)
{
    const std::string dir = root + "/.bengal/metrics";
    makeDirectories(dir);
    const auto fields = record(buildMs, times);
    const std::string line = render(fields, false) + "\n";
    const int fd =
        ::open((dir + "/history.jsonl").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0) {
        (void)::write(fd, line.data(), line.size()); // open(..., "a") + one write, no lock
        ::close(fd);
    }
    writeFile(dir + "/latest.json", render(fields, true));
}

} // namespace fake
