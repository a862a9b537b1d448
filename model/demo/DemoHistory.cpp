#include "demo/DemoHistory.h"

#include "demo/DemoRecordWriter.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTemporaryFile>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace bengal {

namespace {

struct DefaultStep
{
    double at; // share of the history before the step
    const char* metric;
    double factor;
};

// Realistic events in a site's life (docs/DEMO.md): heavier templates, new output formats,
// more memory, a discovery cache, a render optimisation. Each is at least 20% so that it is a
// clear ground truth, and they sit apart so that each has room on both sides.
constexpr DefaultStep DefaultSteps[] = {
    {0.25, "rendering_time_ms", 1.30}, {0.40, "postprocess_time_ms", 1.50},
    {0.55, "memory_rss_mb", 1.25},     {0.66, "discovery_time_ms", 0.70},
    {0.85, "rendering_time_ms", 0.80},
};

// Below this many builds the default steps would sit too close together to tell apart.
constexpr qsizetype MinBuildsForDefaultSteps = 20;

constexpr qsizetype WriteChunkBytes = qsizetype(1) << 20;
// rw-r--r--, what Bengal's own open(..., "a") gives under the usual umask.
constexpr QFileDevice::Permissions NewFilePermissions =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
    QFileDevice::ReadOther;

std::vector<DemoStep> stepsInForce(const DemoOptions& options)
{
    std::vector<DemoStep> steps;
    if (options.defaultSteps)
        steps = defaultDemoSteps(options.builds);
    for (const DemoStep& step : options.steps) {
        if (demoStepTarget(step.metric).isValid() && step.factor > 0.0 &&
            std::isfinite(step.factor) && step.buildIndex >= 0)
            steps.push_back(step);
    }
    std::stable_sort(steps.begin(), steps.end(), [](const DemoStep& a, const DemoStep& b) {
        return a.buildIndex < b.buildIndex;
    });
    return steps;
}

std::vector<DemoResolvedStep> resolve(const std::vector<DemoStep>& steps)
{
    std::vector<DemoResolvedStep> resolved;
    resolved.reserve(steps.size());
    for (const DemoStep& step : steps)
        resolved.push_back({step.buildIndex, demoStepTarget(step.metric), step.factor});
    return resolved;
}

QString tr(const char* text)
{
    return QCoreApplication::translate("bengal::DemoHistory", text);
}

} // namespace

std::vector<DemoStep> defaultDemoSteps(qsizetype builds)
{
    std::vector<DemoStep> steps;
    if (builds < MinBuildsForDefaultSteps)
        return steps;
    for (const DefaultStep& step : DefaultSteps) {
        steps.push_back({qsizetype(std::llround(step.at * double(builds))),
                         QString::fromLatin1(step.metric), step.factor});
    }
    return steps;
}

DemoHistoryGenerator::DemoHistoryGenerator(DemoOptions options)
    : m_steps(stepsInForce(options)), m_simulator(options, resolve(m_steps))
{}

QByteArray DemoHistoryGenerator::nextLine()
{
    std::string line;
    line.reserve(2048);
    appendNextLine(line);
    return QByteArray(line.data(), qsizetype(line.size()));
}

void DemoHistoryGenerator::appendNextLine(std::string& out)
{
    appendDemoRecord(out, m_simulator.next());
}

qsizetype DemoHistoryGenerator::produced() const
{
    return m_simulator.produced();
}

const std::vector<DemoStep>& DemoHistoryGenerator::steps() const
{
    return m_steps;
}

QString DemoHistoryGenerator::validate(const DemoOptions& options)
{
    if (options.builds < 0)
        return tr("the number of builds cannot be negative");
    if (options.schemaKeys != 0 && !isDemoSchema(options.schemaKeys))
        return tr("there is no Bengal record layout with %1 keys (use 0, 21, 25, 26, 29, 46 or 51)")
            .arg(options.schemaKeys);
    if (!(options.noise >= 0.0 && options.noise <= 1.0))
        return tr("the noise must be between 0 and 1");
    if (!(options.incrementalShare >= 0.0 && options.incrementalShare <= 1.0) ||
        !(options.sequentialShare >= 0.0 && options.sequentialShare <= 1.0))
        return tr("the shares of incremental and sequential builds must be between 0 and 1");
    if (!std::isfinite(options.driftPerBuild))
        return tr("the drift must be a finite number");
    if (!(options.pageGrowth >= 0.0 && options.pageGrowth <= 10.0))
        return tr("the page growth must be between 0 and 10");
    for (const DemoStep& step : options.steps) {
        if (!demoStepTarget(step.metric).isValid())
            return tr("a step cannot act on '%1'; known metrics: %2")
                .arg(step.metric, demoStepMetricNames().join(QLatin1String(", ")));
        if (!(step.factor > 0.0) || !std::isfinite(step.factor))
            return tr("the factor of the step on '%1' must be a positive number").arg(step.metric);
        if (step.buildIndex < 0 || step.buildIndex >= options.builds)
            return tr("the step on '%1' starts at build %2, outside the %3 builds")
                .arg(step.metric)
                .arg(step.buildIndex)
                .arg(options.builds);
    }
    return {};
}

bool writeDemoHistory(const QString& path, const DemoOptions& options, QString* error)
{
    const auto fail = [&](const QString& reason) {
        if (error)
            *error = tr("cannot write %1: %2").arg(path, reason);
        return false;
    };
    const QString invalid = DemoHistoryGenerator::validate(options);
    if (!invalid.isEmpty())
        return fail(invalid);

    // A temporary file next to the target, renamed over it at the end: readers see the old file
    // or the whole new one, never half of it. Unlike QSaveFile there is no fsync: for a
    // regenerable demo file, durability across a power cut is not worth seconds of waiting.
    const QFileInfo target(path);
    QTemporaryFile file(target.absolutePath() + QLatin1String("/.") + target.fileName() +
                        QLatin1String(".XXXXXX"));
    if (!file.open())
        return fail(file.errorString());
    file.setPermissions(target.exists() ? target.permissions() : NewFilePermissions);
    DemoHistoryGenerator generator(options);
    std::string chunk;
    chunk.reserve(WriteChunkBytes + 8192);
    for (qsizetype i = 0; i < options.builds; ++i) {
        generator.appendNextLine(chunk);
        if (qsizetype(chunk.size()) >= WriteChunkBytes || i + 1 == options.builds) {
            if (file.write(chunk.data(), qint64(chunk.size())) != qint64(chunk.size()))
                return fail(file.errorString());
            chunk.clear(); // keeps the buffer
        }
    }
    if (!file.flush())
        return fail(file.errorString());
    if (std::rename(QFile::encodeName(file.fileName()).constData(),
                    QFile::encodeName(target.absoluteFilePath()).constData()) != 0)
        return fail(QString::fromLocal8Bit(std::strerror(errno)));
    file.setAutoRemove(false); // it is the target now
    return true;
}

} // namespace bengal
