#include "collector/RunOutcomeText.h"

#include "collector/CollectorSession.h"
#include "collector/PendingRuns.h"

#include <QCoreApplication>
#include <QStringList>

#include <csignal>
#include <cstring>

namespace bengal {

namespace {

QString tr(const char* text, int n = -1)
{
    return QCoreApplication::translate("bengal::RunOutcomeText", text, nullptr, n);
}

QString signalName(int signal)
{
    const char* abbrev = sigabbrev_np(signal);
    return abbrev ? QStringLiteral("SIG") + QString::fromLatin1(abbrev) : QString::number(signal);
}

} // namespace

QString describeRunOutcome(const RunFiling& filing)
{
    const RunRecord& record = filing.record;
    QString ending;
    if (record.signal && record.cancelled)
        ending = tr("cancelled (%1)").arg(signalName(*record.signal));
    else if (record.signal)
        ending = tr("killed by %1").arg(signalName(*record.signal));
    else
        ending = tr("exit %1").arg(record.exitCode.value_or(-1));
    return tr("%1 after %2 s · tree peak RSS %3 MiB · CPU %4 s · %n phase(s)",
              int(record.phases.size()))
        .arg(ending, QString::number(record.wallMs / 1000.0, 'f', 2),
             QString::number(record.peakRssMb, 'f', 1),
             QString::number((record.cpuUserMs + record.cpuSysMs) / 1000.0, 'f', 2));
}

QString describeFilingProblems(const RunFiling& filing, const KeptRunLines& kept, bool haveStore)
{
    QStringList problems;
    if (!filing.historyLine.isEmpty() && !filing.historyResult.ok)
        problems << tr("The build record was not added to the history: %1.")
                        .arg(filing.historyResult.message);
    if (!filing.collectorResult.ok)
        problems << tr("The measurements were not added to collector.jsonl: %1.")
                        .arg(filing.collectorResult.message);
    if (problems.isEmpty())
        return {};
    if (haveStore && !kept.storeFailed && kept.pending > 0)
        problems << tr("The run was kept in the local store and will be written by Build ▸ "
                       "Write Pending Runs once the problem is fixed.");
    else
        problems << tr("The local store could not keep the run either; its lines are shown in "
                       "the console.");
    return problems.join(QLatin1Char('\n'));
}

} // namespace bengal
