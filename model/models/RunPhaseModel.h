#pragma once

#include <QAbstractTableModel>
#include <QList>

namespace bengal {

struct PhaseMeasurement;

// The phases of the run in progress, live: one row per phase in start order with its start
// offset, its duration (the time so far while it runs) and the tree's peak RSS within it.
// Fed by a CollectorSession's phaseStarted/phaseFinished signals and a clock tick.
class RunPhaseModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        StartColumn,
        DurationColumn,
        PeakRssColumn,
        ColumnCount
    };
    enum Role
    {
        ValueRole = Qt::UserRole, // the raw number in ms or MiB (NaN when not known yet)
        StateRole                 // a State
    };
    enum class State
    {
        Running,
        Finished,
        Unfinished // the run ended before the phase did
    };

    explicit RunPhaseModel(QObject* parent = nullptr);

    void clear();
    void phaseStarted(const QString& name, double startMs);
    void phaseFinished(const PhaseMeasurement& phase);
    // The run clock (ms since launch): running phases show the time so far.
    void setElapsedMs(double elapsedMs);
    // The run is over after `wallMs`: phases still running become unfinished.
    void endRun(double wallMs);

    int runningCount() const;
    int finishedCount() const;
    QStringList phaseNames() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString name;
        double startMs = 0;
        double durationMs = 0; // so far, while running
        double peakRssMb = 0;
        State state = State::Running;
    };
    int runningRow(const QString& name) const;
    QVariant display(const Row& row, int column) const;
    void emitRowChanged(int row, int firstColumn, int lastColumn);

    QList<Row> m_rows;
};

} // namespace bengal
