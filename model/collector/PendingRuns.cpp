#include "collector/PendingRuns.h"

#include "collector/CollectorSession.h"
#include "collector/HistoryAppender.h"
#include "store/CollectorRunsRepository.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace bengal {

namespace {

QString tr(const char* text, int n = -1)
{
    return QCoreApplication::translate("bengal::PendingRuns", text, nullptr, n);
}

QByteArray withoutNewline(QByteArray line)
{
    while (line.endsWith('\n'))
        line.chop(1);
    return line;
}

} // namespace

QString collectorLogPath(const QString& historyPath)
{
    return QFileInfo(historyPath).dir().filePath(QStringLiteral("collector.jsonl"));
}

KeptRunLines keepRunLines(CollectorRunsRepository& runs, const QString& historyPath,
                          const RunFiling& filing)
{
    KeptRunLines kept;
    const QDateTime runAt = QDateTime::fromString(filing.record.timestamp, Qt::ISODateWithMs);
    const auto keep = [&](const QByteArray& line, const LineAppendResult& result,
                          CollectorLineTarget target) {
        if (line.isEmpty())
            return;
        const bool pending = !result.ok;
        if (!runs.add(historyPath, withoutNewline(line), runAt.toUTC(), pending, target))
            kept.storeFailed = true;
        else if (pending)
            ++kept.pending;
    };
    // The history record first: written later, it goes out before its collector line too.
    keep(filing.historyLine, filing.historyResult, CollectorLineTarget::HistoryLog);
    keep(filing.collectorLine, filing.collectorResult, CollectorLineTarget::CollectorLog);
    return kept;
}

PendingWriteResult writePendingRuns(CollectorRunsRepository& runs, const QString& historyPath)
{
    PendingWriteResult result;
    QSet<QString> refused;
    for (const CollectorRun& run : runs.pending(historyPath)) {
        const QString path = run.target == CollectorLineTarget::HistoryLog
                                 ? run.historyPath
                                 : collectorLogPath(run.historyPath);
        if (refused.contains(path)) {
            ++result.failed;
            continue;
        }
        const LineAppendResult appended = appendRecordLine(path, run.line);
        if (appended.ok && runs.markWritten(run.id)) {
            ++result.written;
            continue;
        }
        ++result.failed;
        refused.insert(path);
        result.errors << (appended.ok ? tr("%1: written, but the local store could not mark it "
                                           "written; it may be written again")
                                            .arg(path)
                                      : appended.message);
    }
    return result;
}

QString describePendingWrite(const PendingWriteResult& result)
{
    if (result.written == 0 && result.failed == 0)
        return tr("No pending runs to write.");
    QString text = tr("Wrote %n pending line(s).", result.written);
    if (result.failed > 0) {
        text += QLatin1Char(' ') + tr("%n line(s) still pending: ", result.failed) +
                result.errors.join(QStringLiteral("; "));
    }
    return text;
}

} // namespace bengal
