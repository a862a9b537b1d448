#pragma once

#include "regressions/RegressionBatch.h"
#include "store/TriageRepository.h"

#include <QAbstractTableModel>
#include <QHash>

#include <memory>

namespace bengal {

class Database;

// The findings of the latest detection run, one row each: metric, kind, build (or range),
// size, confidence, responsible phase and the user's triage state. Triage states live in the
// local store under (history, metric, kind, start build's line hash), so they survive reloads
// and restarts; without a store they live as long as the model.
class RegressionModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        MetricColumn,
        KindColumn,
        BuildColumn,
        SizeColumn,
        ConfidenceColumn,
        PhaseColumn,
        StateColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1, // raw values: numbers sort as numbers
        IndexRole,                   // the finding's 0-based build index in the snapshot
        StateRole,                   // int(TriageState)
        KindRole                     // int(Finding::Kind)
    };

    explicit RegressionModel(QObject* parent = nullptr);

    // Where triage states are kept (nullptr: in memory only) and for which history.
    void setDatabase(Database* database) { m_database = database; }
    void setHistoryPath(const QString& path);
    QString historyPath() const { return m_historyPath; }

    // Replaces the rows (a reset: the batch is a new list) and reads the stored states.
    void setBatch(std::shared_ptr<const RegressionBatch> batch);
    void clear();
    std::shared_ptr<const RegressionBatch> batch() const { return m_batch; }

    const RegressionItem& item(int row) const { return m_batch->items[std::size_t(row)]; }
    TriageState state(int row) const;
    TriageState state(const FindingKey& key) const;
    // Stores the state (and shows it); false when the store refused (the state is kept in
    // memory anyway, so the window stays consistent).
    bool setState(int row, TriageState state);
    int rowOfKey(const FindingKey& key) const;
    int newCount() const { return m_newCount; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Texts shared with the chart markers and notifications.
    static QString kindLabel(Finding::Kind kind);
    static QString sizeText(const Finding& finding);
    static QString buildText(const Finding& finding);
    static QString phaseLabel(const Finding& finding);

signals:
    void newCountChanged(int count);
    void statesChanged();

private:
    static QString keyString(const FindingKey& key);
    void loadStates();
    void recount();

    Database* m_database = nullptr;
    QString m_historyPath;
    std::shared_ptr<const RegressionBatch> m_batch;
    QHash<QString, TriageState> m_states; // by keyString; absent = New
    int m_newCount = 0;
};

} // namespace bengal
