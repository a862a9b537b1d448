#include "collector/RunRecord.h"

#include "collector/PythonStyleJson.h"

#include <cmath>

namespace bengal {

namespace {

// Rounds for the file: microsecond-level digits of a millisecond figure are noise.
double rounded(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

void optionalInt(PythonStyleJson& json, const std::optional<int>& value)
{
    if (value)
        json.value(*value);
    else
        json.null();
}

// Bengal's flat phase fields, in BuildStats.to_dict() order, and the logger phases behind them.
struct PhaseKey
{
    const char* phase;
    const char* key;
};
constexpr PhaseKey PhaseKeys[] = {
    {"fonts", "fonts_time_ms"},
    {"discovery", "discovery_time_ms"},
    {"taxonomies", "taxonomy_time_ms"},
    {"menus", "menu_time_ms"},
    {"rendering", "rendering_time_ms"},
    {"assets", "assets_time_ms"},
    {"postprocessing", "postprocess_time_ms"},
    {"health_check", "health_check_time_ms"},
};

} // namespace

const char* historyKeyForPhase(const QString& phaseName)
{
    for (const PhaseKey& entry : PhaseKeys) {
        if (phaseName == QLatin1String(entry.phase))
            return entry.key;
    }
    return nullptr;
}

QByteArray collectorRecordLine(const RunRecord& record)
{
    PythonStyleJson json;
    json.beginObject();
    json.key("timestamp").value(record.timestamp);
    json.key("build_timestamp");
    if (record.buildTimestamp)
        json.value(*record.buildTimestamp);
    else
        json.null();
    json.key("command").value(record.command);
    json.key("cwd").value(record.cwd);
    json.key("label").value(record.label);
    json.key("exit_code");
    optionalInt(json, record.exitCode);
    json.key("signal");
    optionalInt(json, record.signal);
    json.key("wall_ms").value(rounded(record.wallMs, 3));
    json.key("cpu_user_ms").value(rounded(record.cpuUserMs, 3));
    json.key("cpu_sys_ms").value(rounded(record.cpuSysMs, 3));
    json.key("peak_rss_mb").value(rounded(record.peakRssMb, 3));
    json.key("phases").beginArray();
    for (const PhaseMeasurement& phase : record.phases) {
        json.beginObject();
        json.key("name").value(phase.name);
        json.key("start_ms").value(rounded(phase.startMs, 3));
        json.key("duration_ms").value(rounded(phase.durationMs, 3));
        json.key("peak_rss_mb").value(rounded(phase.peakRssMb, 3));
        json.endObject();
    }
    json.endArray();
    json.key("rss_samples").beginObject();
    json.key("interval_ms").value(record.sampleIntervalMs);
    json.key("mb").beginArray();
    for (const double mb : record.rssSamplesMb)
        json.value(rounded(mb, 3));
    json.endArray().endObject();
    json.key("host").value(record.host);
    json.key("cpus").value(record.cpus);
    json.key("loadavg_1m").value(rounded(record.loadAverage1m, 2));
    json.key("git");
    if (record.git) {
        json.beginObject();
        json.key("commit").value(record.git->commit);
        json.key("dirty").value(record.git->dirty);
        json.endObject();
    } else {
        json.null();
    }
    json.key("warmup").value(record.warmup);
    json.key("repeat_index").value(record.repeatIndex);
    json.endObject();
    return json.text() + '\n';
}

QByteArray bengalHistoryLine(const RunRecord& record, const QString& timestamp)
{
    PythonStyleJson json;
    json.beginObject();
    json.key("timestamp").value(timestamp);
    json.key("build_time_ms").value(rounded(record.wallMs, 3));
    json.key("skipped").value(false);
    for (const PhaseKey& entry : PhaseKeys) {
        // A phase seen more than once (another logger, a second pass) counts in full.
        double total = 0;
        bool seen = false;
        for (const PhaseMeasurement& phase : record.phases) {
            if (phase.name == QLatin1String(entry.phase)) {
                total += phase.durationMs;
                seen = true;
            }
        }
        if (seen)
            json.key(entry.key).value(rounded(total, 3));
    }
    json.endObject();
    return json.text() + '\n';
}

} // namespace bengal
