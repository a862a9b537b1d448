#pragma once

#include "detail/BuildDetail.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QGridLayout;
class QLabel;
class QSpinBox;
class QSplitter;
class QTreeView;

namespace bengal {

class BaselineButton;
class BuildDetailModel;
class ChangeCard;
class CollectedRunPanel;
class Database;
class DirectionColorProxy;
class HistorySession;
class NoteEditor;
class PhaseBarsWidget;
class RunsSession;
struct AppendResult;

// The selected build in detail: a header (index, time, kind, line), the phase breakdown as a
// bar with shares, cards with the change of the headline metrics against the previous build,
// the baseline and the median of comparable builds (with the percentile rank), every field of
// the build as a tree (read again from the file), and the note and tag editor.
class BuildDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit BuildDetailView(QWidget* parent = nullptr);
    ~BuildDetailView() override;

    // The session whose builds are shown; follows its appends and clears.
    void setSession(HistorySession* session);
    // The local store for notes and baselines; nullptr disables the note editor.
    void setDatabase(Database* database);
    // The runs of collector.jsonl: a build a run produced shows what the collector measured.
    void setRuns(RunsSession* runs);
    void setMedianWindow(int builds);
    int medianWindow() const { return m_medianWindow; }

    int currentRow() const { return int(m_detail.row); }
    const BuildDetail& detail() const { return m_detail; }
    BuildDetailModel* model() const { return m_model; }
    QTreeView* fieldTree() const { return m_tree; }
    PhaseBarsWidget* phaseBars() const { return m_bars; }
    NoteEditor* noteEditor() const { return m_notes; }
    BaselineButton* baselineButton() const { return m_baseline; }
    CollectedRunPanel* collectedRunPanel() const { return m_runPanel; }
    QList<ChangeCard*> cards() const { return m_cards; }
    QString headerText() const;
    QString sourceMessage() const;

public slots:
    // Shows a build by store row; -1 shows nothing.
    void showBuild(int storeRow);
    // Reads the build again (the file, the store's baselines).
    void refresh();

signals:
    // The user asked to compare this build with the one before it, or with the median of the
    // comparable builds before it (the window connects these to the compare view).
    void compareWithPreviousRequested(int storeRow);
    void compareWithMedianRequested(int storeRow, int builds);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void onAppended(const AppendResult& result);
    void clearBuild();
    void rebuildCards();
    void layoutCards();
    void updateHeader();
    void applyPalette();
    void updateCollectedRun();

    QPointer<HistorySession> m_session;
    QPointer<RunsSession> m_runs;
    QPair<qint64, qint64> m_shownRun{-1, 0}; // line and start of the run the panel shows
    Database* m_database = nullptr;
    int m_medianWindow;
    BuildDetail m_detail;
    std::uint64_t m_hash = 0;
    bool m_reloadPending = false;

    QLabel* m_placeholder;
    QWidget* m_content;
    QLabel* m_title;
    QLabel* m_subtitle;
    QLabel* m_banner;
    QSpinBox* m_window;
    BaselineButton* m_baseline;
    PhaseBarsWidget* m_bars;
    QWidget* m_cardBox;
    QGridLayout* m_cardGrid;
    QList<ChangeCard*> m_cards;
    int m_cardColumns = 0;
    BuildDetailModel* m_model;
    DirectionColorProxy* m_proxy;
    QTreeView* m_tree;
    NoteEditor* m_notes;
    CollectedRunPanel* m_runPanel;
};

} // namespace bengal
