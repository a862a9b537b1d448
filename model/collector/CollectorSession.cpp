#include "collector/CollectorSession.h"

#include "collector/BengalCommand.h"
#include "collector/BengalEventFollower.h"
#include "collector/ProcessTreeSampler.h"
#include "collector/PythonStyleJson.h"
#include "collector/RunMeasurements.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryFile>

#include <csignal>

namespace bengal {

namespace {

constexpr int MaxSeriesPoints = 2000; // ~100 s at 50 ms before the series is coarsened
constexpr int NotStartedStatus = 127; // the shell's "command not found"

} // namespace

CollectorSession::CollectorSession(const CollectorSettings& settings, QObject* parent)
    : QObject(parent), m_settings(settings), m_launcher(new BuildLauncher(this)),
      m_sampler(new ProcessTreeSampler(this)), m_follower(new BengalEventFollower(this))
{
    m_sampler->setIntervalMs(m_settings.intervalMs);
    m_launcher->setTreePidsProvider([this] { return m_sampler->livePids(); });
    connect(m_launcher, &BuildLauncher::started, this, &CollectorSession::onStarted);
    connect(m_launcher, &BuildLauncher::finished, this, &CollectorSession::onLaunchFinished);
    connect(m_launcher, &BuildLauncher::failedToStart, this, &CollectorSession::onFailedToStart);
    connect(m_launcher, &BuildLauncher::standardOutput, this, &CollectorSession::standardOutput);
    connect(m_launcher, &BuildLauncher::standardError, this, &CollectorSession::standardError);
    connect(m_sampler, &ProcessTreeSampler::sampled, this,
            [this](qint64 atMs, qint64 bytes) { emit sampled(atMs, toMiB(bytes)); });
    connect(m_follower, &BengalEventFollower::phaseStarted, this, &CollectorSession::phaseStarted);
    connect(m_follower, &BengalEventFollower::phaseFinished, this,
            [this](const QString& name, double startMs, double durationMs) {
                const qint64 peak =
                    peakRssWithin(m_sampler->samples(), startMs, startMs + durationMs);
                emit phaseFinished(PhaseMeasurement{name, startMs, durationMs, toMiB(peak)});
            });
    connect(&m_environmentWatcher, &QFutureWatcher<RunEnvironment>::finished, this,
            [this] { launch(m_environmentWatcher.result()); });
}

CollectorSession::~CollectorSession()
{
    m_environmentWatcher.waitForFinished(); // the git probe must not outlive us
    // The launcher kills a running build's tree (asking the sampler for escaped members):
    // let it do so while the rest of the session still exists.
    delete m_launcher;
}

QString CollectorSession::collectorPath() const
{
    return QFileInfo(m_settings.historyPath).dir().filePath(QStringLiteral("collector.jsonl"));
}

double CollectorSession::meanSampleCostMicroseconds() const
{
    return m_sampleCount > 0 ? m_sampleCostUs / double(m_sampleCount) : 0.0;
}

void CollectorSession::start()
{
    if (m_running)
        return;
    m_running = true;
    m_cancelled = false;
    m_runNumber = 0;
    startNextRun();
}

void CollectorSession::cancel(int signal)
{
    if (!m_running)
        return;
    m_cancelled = true;
    m_cancelSignal = signal;
    if (m_launcher->isRunning())
        m_launcher->cancel(signal);
    // Otherwise the environment probe is running; launch() sees the flag and stops.
}

void CollectorSession::startNextRun()
{
    const int total = m_settings.warmups + m_settings.repeats;
    if (m_cancelled || m_runNumber >= total) {
        endSession();
        return;
    }
    ++m_runNumber;
    const bool warmup = m_runNumber <= m_settings.warmups;
    const int index = warmup ? m_runNumber - 1 : m_runNumber - 1 - m_settings.warmups;
    emit runStarted(m_runNumber, total, warmup, index);
    m_environmentWatcher.setFuture(captureRunEnvironmentAsync(m_settings.workingDirectory));
}

void CollectorSession::launch(const RunEnvironment& environment)
{
    if (m_cancelled) {
        m_lastStatus = 128 + m_cancelSignal;
        endSession();
        return;
    }
    m_environment = environment;
    m_historyBefore = snapshotHistory(m_settings.historyPath);

    LaunchSpec spec;
    spec.program = m_settings.program;
    spec.arguments = m_settings.arguments;
    spec.workingDirectory = m_settings.workingDirectory;
    spec.environment = m_settings.environment;
    spec.output = m_settings.output;
    spec.graceMs = m_settings.graceMs;

    m_eventLog.reset();
    m_eventsPath.clear();
    const QDir cwd(m_settings.workingDirectory);
    const BengalCommand bengal = analyseBengalCommand(spec.program, spec.arguments);
    if (!m_settings.eventsFile.isEmpty()) {
        m_eventsPath = cwd.absoluteFilePath(m_settings.eventsFile);
    } else if (bengal.isBengalBuild && !bengal.logFile.isEmpty()) {
        m_eventsPath = cwd.absoluteFilePath(bengal.logFile);
    } else if (bengal.isBengalBuild) {
        m_eventLog = std::make_unique<QTemporaryFile>(
            QDir::temp().filePath(QStringLiteral("bengal-perf-events-XXXXXX.jsonl")));
        if (m_eventLog->open()) {
            m_eventLog->close(); // Bengal opens it itself and truncates it
            m_eventsPath = m_eventLog->fileName();
            spec.arguments = withLogFile(spec.program, spec.arguments, m_eventsPath);
        }
    }

    if (bengal.isBengalBuild && spec.output == LaunchSpec::Output::Capture &&
        !spec.environment.contains(QStringLiteral("BENGAL_ALLOW_GIL"))) {
        // Bengal (after v0.5.1) asks before building on a GIL Python and exits 2 when stdin is
        // not a terminal; captured runs have no terminal to answer on. The reference's own
        // wrapper launch sets this too.
        spec.environment.insert(QStringLiteral("BENGAL_ALLOW_GIL"), QStringLiteral("1"));
    }

    m_startTimestamp = utcTimestamp();
    m_launchEpochMs = QDateTime::currentMSecsSinceEpoch();
    const ChildrenUsage before = childrenUsage();
    m_usageBeforeUserMs = before.userMs;
    m_usageBeforeSystemMs = before.systemMs;
    // Only a child larger than we are can raise ru_maxrss by itself (see ownResidentBytes).
    m_usageBeforeMaxRss = qMax(before.maxRssBytes, ownResidentBytes() + 1024 * 1024);
    m_launcher->start(spec);
}

void CollectorSession::onStarted(qint64 pid)
{
    m_sampler->start(pid, m_launcher->runClock());
    if (!m_eventsPath.isEmpty())
        m_follower->start(m_eventsPath, m_launcher->runClock(), m_launchEpochMs,
                          m_settings.intervalMs);
}

void CollectorSession::onFailedToStart(const QString& message)
{
    m_sampler->stop();
    m_lastStatus = NotStartedStatus;
    emit failedToStart(message);
    endSession(); // nothing ran, so there is nothing to file
}

void CollectorSession::onLaunchFinished(const LaunchOutcome& outcome)
{
    m_sampler->stop();
    m_sampleCount += m_sampler->sampleCount();
    m_sampleCostUs += m_sampler->meanSampleCostMicroseconds() * double(m_sampler->sampleCount());
    m_follower->finish(double(outcome.wallMs));
    RunRecord record = assembleRecord(outcome);
    m_lastStatus = outcome.shellStatus();
    RunFiling filing = file(record, m_lastStatus);
    m_filings.append(filing);
    m_eventLog.reset();
    emit runFinished(filing);
    if (outcome.cancelled)
        m_cancelled = true;
    startNextRun();
}

RunRecord CollectorSession::assembleRecord(const LaunchOutcome& outcome) const
{
    RunRecord record;
    record.timestamp = m_startTimestamp;
    record.command = QStringList{m_settings.program} + m_settings.arguments;
    record.cwd = QFileInfo(m_settings.workingDirectory).absoluteFilePath();
    record.label = m_settings.label;
    record.exitCode = outcome.exitCode;
    record.signal = outcome.signal;
    record.cancelled = outcome.cancelled;
    record.wallMs = double(outcome.wallMs);

    // The launcher reaped the root, so the kernel's count of reaped children is exact for it
    // and every descendant reaped along the chain; orphans reaped by init are added from the
    // tree's last sight of them. The live sampled figure is a floor.
    const ChildrenUsage after = childrenUsage();
    const TreeReading last = m_sampler->lastReading();
    record.cpuUserMs =
        qMax(after.userMs - m_usageBeforeUserMs + m_sampler->lostUserMs(), last.userMs);
    record.cpuSysMs =
        qMax(after.systemMs - m_usageBeforeSystemMs + m_sampler->lostSystemMs(), last.systemMs);
    qint64 peak = m_sampler->peakRssBytes();
    if (after.maxRssBytes > m_usageBeforeMaxRss)
        peak = qMax(peak, after.maxRssBytes); // one process of this run peaked between samples
    record.peakRssMb = toMiB(peak);

    record.phases = measurePhases(m_follower->phases(), m_sampler->samples());
    record.rssSamplesMb = rssSeriesMb(m_sampler->samples(), m_sampler->intervalMs(),
                                      MaxSeriesPoints, &record.sampleIntervalMs);
    record.host = m_environment.host;
    record.cpus = m_environment.cpus;
    record.loadAverage1m = m_environment.loadAverage1m;
    record.git = m_environment.git;
    record.warmup = m_runNumber <= m_settings.warmups;
    record.repeatIndex = record.warmup ? m_runNumber - 1 : m_runNumber - 1 - m_settings.warmups;
    return record;
}

RunFiling CollectorSession::file(const RunRecord& measured, int shellStatus)
{
    RunFiling filing;
    filing.record = measured;
    filing.shellStatus = shellStatus;
    RunRecord& record = filing.record;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    record.buildTimestamp =
        findBuildRecord(m_settings.historyPath, m_historyBefore, m_launchEpochMs, now);
    filing.buildWroteHistory = record.buildTimestamp.has_value();
    if (!filing.buildWroteHistory && record.succeeded() && !record.cancelled) {
        const QString savedAt = utcTimestamp();
        filing.historyLine = bengalHistoryLine(record, savedAt);
        filing.historyResult = appendRecordLine(m_settings.historyPath, filing.historyLine);
        if (filing.historyResult.ok)
            record.buildTimestamp = savedAt;
    }
    filing.collectorLine = collectorRecordLine(record);
    filing.collectorResult = appendRecordLine(collectorPath(), filing.collectorLine);
    return filing;
}

void CollectorSession::endSession()
{
    m_running = false;
    emit finished(m_lastStatus);
}

} // namespace bengal
