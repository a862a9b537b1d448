#pragma once

// Hand-made collector.jsonl lines for the runs tests.

#include <QByteArray>
#include <QFile>
#include <QString>

namespace bengal::test {

// One collector.jsonl line (with '\n') in the collector's own key order.
inline QByteArray collectorLine(
    const char* start, const char* build, const char* exitCode, const char* signal, double peakMb,
    const QByteArray& samples = "[10.5, 50.25, 80.0, 20.0]",
    const QByteArray& phases =
        R"([{"name": "discovery", "start_ms": 0.0, "duration_ms": 40.0, "peak_rss_mb": 50.25},)"
        R"( {"name": "rendering", "start_ms": 40.0, "duration_ms": 110.0, "peak_rss_mb": 80.0}])")
{
    QByteArray line = QByteArray("{\"timestamp\": \"") + start + "\", \"build_timestamp\": " +
                      (build ? QByteArray("\"") + build + "\"" : QByteArray("null")) +
                      ", \"command\": [\"bengal\", \"build\"], \"cwd\": \"/site\", \"label\": "
                      "\"ci\", \"exit_code\": " +
                      exitCode + ", \"signal\": " + signal +
                      ", \"wall_ms\": 190.5, \"cpu_user_ms\": 120.0, \"cpu_sys_ms\": 15.5, "
                      "\"peak_rss_mb\": " +
                      QByteArray::number(peakMb) + ", \"phases\": " + phases +
                      ", \"rss_samples\": {\"interval_ms\": 50, \"mb\": " + samples +
                      "}, \"host\": \"buildbox\", \"cpus\": 8, \"loadavg_1m\": 1.25, \"git\": "
                      "{\"commit\": \"0123456789abcdef0123456789abcdef01234567\", \"dirty\": "
                      "true}, \"warmup\": false, \"repeat_index\": 0}\n";
    return line;
}

inline bool appendTo(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::Append))
        return false;
    return file.write(bytes) == bytes.size();
}

} // namespace bengal::test
