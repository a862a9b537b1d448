#pragma once

#include "collector/CollectorSession.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

class QLabel;
class QPushButton;
class QTableView;

namespace bengal {

class Database;
class RunConsole;
class RunMemoryChart;
class RunPhaseModel;
class RunSettingsForm;
struct PhaseMeasurement;
struct RunFiling;

// "Run build…": asks for a command and its folder, runs it under the collector (warm-ups and
// repeats one after the other) and shows it live: the output, the phases with their times, the
// tree's memory, the elapsed time and which run it is. Cancel (or Esc) ends the whole process
// tree. Each finished run is described (exit, wall time, tree peak RSS); a line that could not
// be appended is kept in the local store as a pending run, and the dialog says so.
// Close only hides the dialog: a running build goes on and the dialog shows it when reopened.
class RunBuildDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RunBuildDialog(Database* database, QWidget* parent = nullptr);
    ~RunBuildDialog() override;

    // The history the window has open: its site folder becomes the default working folder and
    // a run there files to it (so the window shows the new builds live).
    void setOpenHistory(const QString& historyFile);

    // Checks the form and starts; false (with the reasons shown) when the form is not right.
    bool startRun();
    void cancelRun();
    bool isRunning() const;

    RunSettingsForm* form() const { return m_form; }
    RunPhaseModel* phaseModel() const { return m_phases; }
    RunConsole* console() const { return m_console; }
    RunMemoryChart* memoryChart() const { return m_chart; }
    CollectorSession* session() const { return m_session; }
    QString messageText() const;
    QString progressText() const;
    QString outcomeText() const;

signals:
    // The session ended; `historyPath` is where its runs were filed.
    void runsFinished(const QString& historyPath);

public slots:
    void reject() override; // Esc: cancels a running build, else closes

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildLayout();
    void showMessage(const QString& text);
    void setRunning(bool running);
    void onRunStarted(int runNumber, int totalRuns, bool warmup, int repeatIndex);
    void onSampled(qint64 atMs, double rssMb);
    void onRunFinished(const RunFiling& filing);
    void onFinished(int lastStatus);
    void tick();
    double runClockMs() const;

    Database* m_database;
    QString m_openHistory;
    RunSettingsForm* m_form;
    RunPhaseModel* m_phases;
    RunConsole* m_console;
    RunMemoryChart* m_chart;
    QTableView* m_phaseView = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_runLabel = nullptr;
    QLabel* m_elapsedLabel = nullptr;
    QLabel* m_rssLabel = nullptr;
    QLabel* m_outcome = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QPushButton* m_closeButton = nullptr;

    QPointer<CollectorSession> m_session;
    QString m_historyPath;
    QStringList m_outcomes;
    QTimer m_tick;
    QElapsedTimer m_sessionClock;
    QElapsedTimer m_runClock;
    qint64 m_runClockOriginMs = -1; // m_runClock's reading at the launcher's time zero
    double m_lastRunMs = 0;         // the finished run's wall time, shown once its clock stops
    double m_sessionMs = 0;         // the finished session's duration
    double m_currentRssMb = 0;
    int m_runNumber = 0;
    int m_totalRuns = 0;
    bool m_cancelRequested = false;
};

} // namespace bengal
