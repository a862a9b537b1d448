// The dialog's live phase list: rows in start order, running phases tick, finished ones carry
// their duration and peak, phases still running at the end become unfinished.
#include "collector/RunRecord.h"
#include "models/RunPhaseModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace bengal;

namespace {

QString cell(const RunPhaseModel& model, int row, int column)
{
    return model.index(row, column).data().toString();
}

double value(const RunPhaseModel& model, int row, int column)
{
    return model.index(row, column).data(RunPhaseModel::ValueRole).toDouble();
}

RunPhaseModel::State state(const RunPhaseModel& model, int row)
{
    return RunPhaseModel::State(model.index(row, 0).data(RunPhaseModel::StateRole).toInt());
}

} // namespace

class TestRunPhaseModel : public QObject
{
    Q_OBJECT
private slots:
    void followsARun()
    {
        RunPhaseModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QCOMPARE(model.columnCount(), int(RunPhaseModel::ColumnCount));

        model.phaseStarted(QStringLiteral("initialization"), 12);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(state(model, 0), RunPhaseModel::State::Running);
        QCOMPARE(cell(model, 0, RunPhaseModel::PeakRssColumn), QStringLiteral("—"));

        model.setElapsedMs(512);
        QCOMPARE(value(model, 0, RunPhaseModel::DurationColumn), 500.0);
        QCOMPARE(cell(model, 0, RunPhaseModel::DurationColumn), QStringLiteral("0.50 s …"));
        QVERIFY(changed.count() >= 1);
        const QList<QVariant> last = changed.last();
        QCOMPARE(last.at(0).toModelIndex().column(), int(RunPhaseModel::DurationColumn));

        model.phaseFinished(PhaseMeasurement{QStringLiteral("initialization"), 12, 640, 41.25});
        model.phaseStarted(QStringLiteral("discovery"), 660);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(state(model, 0), RunPhaseModel::State::Finished);
        QCOMPARE(cell(model, 0, RunPhaseModel::DurationColumn), QStringLiteral("0.64 s"));
        QCOMPARE(cell(model, 0, RunPhaseModel::PeakRssColumn), QStringLiteral("41.3 MiB"));
        QCOMPARE(cell(model, 0, RunPhaseModel::StartColumn), QStringLiteral("0.01 s"));
        QCOMPARE(model.runningCount(), 1);
        QCOMPARE(model.finishedCount(), 1);

        // A tick leaves finished phases alone.
        model.setElapsedMs(5000);
        QCOMPARE(value(model, 0, RunPhaseModel::DurationColumn), 640.0);
        QCOMPARE(value(model, 1, RunPhaseModel::DurationColumn), 4340.0);

        model.endRun(5200);
        QCOMPARE(state(model, 1), RunPhaseModel::State::Unfinished);
        QCOMPARE(value(model, 1, RunPhaseModel::DurationColumn), 4540.0);
        QVERIFY(cell(model, 1, RunPhaseModel::DurationColumn).startsWith(QLatin1String("stopped")));
        QVERIFY(std::isnan(value(model, 1, RunPhaseModel::PeakRssColumn)));
        QCOMPARE(model.runningCount(), 0);
        QCOMPARE(model.phaseNames(), (QStringList{"initialization", "discovery"}));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void finishWithoutStartAndRepeatedNames()
    {
        RunPhaseModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The log began mid-phase: the phase still gets its row.
        model.phaseFinished(PhaseMeasurement{QStringLiteral("assets"), 100, 50, 10});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(state(model, 0), RunPhaseModel::State::Finished);
        // The same name twice: each completion closes the newest open one.
        model.phaseStarted(QStringLiteral("rendering"), 200);
        model.phaseStarted(QStringLiteral("rendering"), 300);
        model.phaseFinished(PhaseMeasurement{QStringLiteral("rendering"), 300, 20, 11});
        QCOMPARE(state(model, 1), RunPhaseModel::State::Running);
        QCOMPARE(state(model, 2), RunPhaseModel::State::Finished);
        QCOMPARE(model.headerData(RunPhaseModel::NameColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Phase"));
        QVERIFY(!model.index(0, 0).data(Qt::ToolTipRole).isValid());
    }
};

QTEST_GUILESS_MAIN(TestRunPhaseModel)
#include "tst_run_phase_model.moc"
