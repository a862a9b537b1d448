#include "runs/CollectorLineParser.h"

#include "parse/NonFiniteRewriter.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <limits>

namespace bengal::CollectorLineParser {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString tr(const char* text, const char* comment = nullptr, int n = -1)
{
    return QCoreApplication::translate("bengal::CollectorLineParser", text, comment, n);
}

// Collects the field warnings of one line.
class Fields
{
public:
    Fields(const QJsonObject& object, std::int64_t line, std::int64_t offset,
           std::vector<Problem>& problems)
        : m_object(object), m_line(line), m_offset(offset), m_problems(problems)
    {}

    void warn(const QString& key, const QString& reason)
    {
        m_problems.push_back({Problem::Kind::Warning, m_line, m_offset, key, reason});
    }

    // A number; NaN (and a warning) when missing, null or not a number.
    double number(const QString& key, const QJsonValue& value)
    {
        if (value.isDouble())
            return value.toDouble();
        if (value.isString() && isNonFiniteMarker(value.toString().toStdString())) {
            warn(key,
                 tr("%1 is not a measurement: left out")
                     .arg(QString::fromUtf8(nonFiniteMarkerName(value.toString().toStdString()))));
            return kNaN;
        }
        warn(key, value.isUndefined() ? tr("missing") : tr("not a number: left out"));
        return kNaN;
    }
    double number(const char* key)
    {
        return number(QLatin1String(key), m_object.value(QLatin1String(key)));
    }

    // An integer or null; a warning for anything else.
    std::optional<int> optionalInt(const char* key)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isNull() || value.isUndefined())
            return std::nullopt;
        const double d = value.toDouble(kNaN);
        if (!value.isDouble() || d != std::trunc(d) || std::abs(d) > 1e9) {
            warn(QLatin1String(key), tr("not an integer: left out"));
            return std::nullopt;
        }
        return int(d);
    }

    QString string(const char* key)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isString())
            return value.toString();
        if (!value.isUndefined() && !value.isNull())
            warn(QLatin1String(key), tr("not a string: left out"));
        return QString();
    }

    bool boolean(const char* key)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isBool())
            return value.toBool();
        if (!value.isUndefined())
            warn(QLatin1String(key), tr("not true or false: taken as false"));
        return false;
    }

private:
    const QJsonObject& m_object;
    std::int64_t m_line;
    std::int64_t m_offset;
    std::vector<Problem>& m_problems;
};

void readPhases(const QJsonObject& object, Fields& fields, CollectedRun& run)
{
    const QJsonValue value = object.value(QLatin1String("phases"));
    if (value.isUndefined() || value.isNull())
        return;
    if (!value.isArray()) {
        fields.warn(QStringLiteral("phases"), tr("not a list: left out"));
        return;
    }
    const QJsonArray phases = value.toArray();
    for (qsizetype i = 0; i < phases.size(); ++i) {
        const QString key = QStringLiteral("phases[%1]").arg(i);
        const QJsonObject phase = phases.at(i).toObject();
        const QJsonValue name = phase.value(QLatin1String("name"));
        if (!phases.at(i).isObject() || !name.isString()) {
            fields.warn(key, tr("not a phase with a name: left out"));
            continue;
        }
        const double start = fields.number(key + QStringLiteral(".start_ms"),
                                           phase.value(QLatin1String("start_ms")));
        const double duration = fields.number(key + QStringLiteral(".duration_ms"),
                                              phase.value(QLatin1String("duration_ms")));
        if (!std::isfinite(start) || !std::isfinite(duration) || duration < 0)
            continue; // a phase without a place in time cannot be drawn
        const QJsonValue peak = phase.value(QLatin1String("peak_rss_mb"));
        run.phases.push_back({name.toString(), float(start), float(duration),
                              peak.isDouble() ? float(peak.toDouble()) : float(kNaN)});
    }
}

void readSamples(const QJsonObject& object, Fields& fields, CollectedRun& run)
{
    const QJsonValue value = object.value(QLatin1String("rss_samples"));
    if (value.isUndefined() || value.isNull())
        return;
    const QJsonObject samples = value.toObject();
    const double interval = samples.value(QLatin1String("interval_ms")).toDouble(kNaN);
    const QJsonValue mb = samples.value(QLatin1String("mb"));
    if (!value.isObject() || !(interval > 0 && interval < 1e7) || !mb.isArray()) {
        fields.warn(QStringLiteral("rss_samples"),
                    tr("not {interval_ms > 0, mb: [...]}: the memory curve is left out"));
        return;
    }
    const QJsonArray list = mb.toArray();
    run.sampleIntervalMs = int(std::lround(interval));
    run.rssSamplesMb.reserve(std::size_t(list.size()));
    qsizetype bad = 0;
    for (const QJsonValue& v : list) {
        run.rssSamplesMb.push_back(v.isDouble() ? float(v.toDouble()) : float(kNaN));
        bad += v.isDouble() ? 0 : 1;
    }
    if (bad > 0)
        fields.warn(QStringLiteral("rss_samples.mb"),
                    tr("%n sample(s) not a number: drawn as gaps", nullptr, int(bad)));
}

void readGit(const QJsonObject& object, Fields& fields, CollectedRun& run)
{
    const QJsonValue value = object.value(QLatin1String("git"));
    if (value.isUndefined() || value.isNull())
        return;
    const QJsonObject git = value.toObject();
    if (!value.isObject() || !git.value(QLatin1String("commit")).isString()) {
        fields.warn(QStringLiteral("git"), tr("not {commit, dirty}: left out"));
        return;
    }
    run.gitCommit = git.value(QLatin1String("commit")).toString();
    run.gitDirty = git.value(QLatin1String("dirty")).toBool();
}

} // namespace

void parse(std::string_view line, std::int64_t lineNumber, std::int64_t offset,
           CollectedRunBatch& out)
{
    const auto reject = [&](const QString& reason) {
        out.problems.push_back({Problem::Kind::Rejected, lineNumber, offset, QString(), reason});
    };
    QJsonParseError error;
    QJsonDocument document = QJsonDocument::fromJson(
        QByteArray::fromRawData(line.data(), qsizetype(line.size())), &error);
    if (document.isNull()) {
        std::string rewritten;
        if (rewriteNonFinite(line, rewritten))
            document = QJsonDocument::fromJson(QByteArray::fromStdString(rewritten), &error);
    }
    if (document.isNull()) {
        reject(tr("not valid JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
        return;
    }
    if (!document.isObject()) {
        reject(tr("not a JSON object"));
        return;
    }
    const QJsonObject object = document.object();
    const QJsonValue stamp = object.value(QLatin1String("timestamp"));
    const std::optional<TimestampUs> start =
        stamp.isString() ? parseTimestamp(stamp.toString().toStdString()) : std::nullopt;
    if (!start) {
        reject(stamp.isUndefined() ? tr("no timestamp")
                                   : tr("timestamp is not an ISO-8601 date and time"));
        return;
    }

    CollectedRun run;
    run.startUs = *start;
    run.line = lineNumber;
    run.offset = offset;
    Fields fields(object, lineNumber, offset, out.problems);
    const QJsonValue build = object.value(QLatin1String("build_timestamp"));
    if (build.isString()) {
        run.buildUs = parseTimestamp(build.toString().toStdString());
        if (!run.buildUs)
            fields.warn(QStringLiteral("build_timestamp"),
                        tr("not an ISO-8601 date and time: the run is not joined to a build"));
    } else if (!build.isNull() && !build.isUndefined()) {
        fields.warn(QStringLiteral("build_timestamp"),
                    tr("not a string: the run is not joined to a build"));
    }
    const QJsonValue command = object.value(QLatin1String("command"));
    if (command.isArray()) {
        for (const QJsonValue& part : command.toArray())
            run.command.append(part.toString());
    } else if (!command.isUndefined()) {
        fields.warn(QStringLiteral("command"), tr("not a list: left out"));
    }
    run.cwd = fields.string("cwd");
    run.label = fields.string("label");
    run.exitCode = fields.optionalInt("exit_code");
    run.signal = fields.optionalInt("signal");
    run.wallMs = fields.number("wall_ms");
    run.cpuUserMs = fields.number("cpu_user_ms");
    run.cpuSysMs = fields.number("cpu_sys_ms");
    run.peakRssMb = fields.number("peak_rss_mb");
    readPhases(object, fields, run);
    readSamples(object, fields, run);
    run.host = fields.string("host");
    const std::optional<int> cpus = fields.optionalInt("cpus");
    run.cpus = cpus.value_or(0);
    run.loadAverage1m = fields.number("loadavg_1m");
    readGit(object, fields, run);
    run.warmup = fields.boolean("warmup");
    run.repeatIndex = fields.optionalInt("repeat_index").value_or(0);
    out.runs.push_back(std::move(run));
}

} // namespace bengal::CollectorLineParser
