#pragma once

#include <QList>
#include <QPointer>
#include <QWidget>

#include <cstdint>

class QHBoxLayout;
class QLabel;
class QSplitter;
class QTableView;

namespace bengal {

class ComparisonModel;
class DirectionColorProxy;
class HistorySession;
class PhaseBarsWidget;
struct AppendResult;

// Builds side by side: a reference build A and up to three others, or one build against the
// median of the builds before it. Shows every metric with its change against A (positive means
// slower or bigger; worse red, better green), the phase bars on one scale, and the environment
// fields that differ highlighted. "Copy as Markdown" (Ctrl+Shift+M) puts the table on the
// clipboard. Builds are remembered by their line hash, so they survive appends and reloads.
class CompareView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int MaxBuilds = 4;

    explicit CompareView(QWidget* parent = nullptr);
    ~CompareView() override;

    void setSession(HistorySession* session);

    // The compared builds as store rows (A first); -1 stands for a median column.
    QList<int> builds() const;
    ComparisonModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    PhaseBarsWidget* phaseBars() const { return m_bars; }
    QString markdown() const;
    // The environment fields that differ, as shown above the table; empty when none.
    QString environmentSummary() const;

public slots:
    // A = rows[0], then up to three more (extra rows are ignored, invalid ones skipped).
    void setBuilds(const QList<int>& rows);
    // A = the median of the `builds` builds before `row` (of its kind when sameKindOnly),
    // B = the build itself.
    void setAgainstMedian(int row, int builds = 20, bool sameKindOnly = true);
    // Makes `row` the reference A (it leaves the other places if it was there).
    void setReference(int row);
    // Adds `row` after the others; with four builds already, it replaces the last one.
    void addToComparison(int row);
    void removeBuild(int position);
    void clear();
    void copyAsMarkdown();

signals:
    void comparisonChanged();
    // The user double-clicked a build's column: the window can select it elsewhere.
    void buildActivated(int storeRow);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Pick
    {
        bool median = false;
        std::uint64_t hash = 0; // the build, or the build a median window ends before
        int builds = 0;
        bool sameKindOnly = true;
    };
    void setPicks(const QList<Pick>& picks);
    void rebuild();
    void rebuildChips();
    void onAppended(const AppendResult& result);
    std::uint64_t hashOf(int row) const;

    QPointer<HistorySession> m_session;
    QList<Pick> m_picks;
    QLabel* m_placeholder;
    QWidget* m_content;
    QHBoxLayout* m_chips;
    QLabel* m_differences;
    PhaseBarsWidget* m_bars;
    ComparisonModel* m_model;
    DirectionColorProxy* m_proxy;
    QTableView* m_table;
    QSplitter* m_splitter;
};

} // namespace bengal
