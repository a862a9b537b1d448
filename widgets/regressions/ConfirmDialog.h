#pragma once

#include "regressions/ConfirmVerdict.h"
#include "store/TriageRepository.h"

#include <QDialog>
#include <QPointer>
#include <QProcessEnvironment>

#include <optional>
#include <vector>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace bengal {

class CollectorSession;
struct RunFiling;

// "Confirm" a finding before filing it: runs the build N times through the collector (warm-ups
// first, not counted), takes each run's figure for the finding's metric and tests the runs
// against the baseline builds with Mann–Whitney. Shows the verdict (medians, change, p) and
// only then offers to acknowledge or ignore the finding. Self-contained: command and folder
// come from a small form with defaults for a Bengal site.
class ConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    struct Request
    {
        QString metric; // the finding's metric
        QString title;  // what is being confirmed, for the heading (plain text)
        std::vector<double> baseline;
        QString historyPath; // runs are filed beside it (collector.jsonl), as "Run build"
    };

    ConfirmDialog(const Request& request, QWidget* parent = nullptr);
    ~ConfirmDialog() override;

    // The site folder of a history: <site>/.bengal/metrics/history.jsonl -> <site>.
    static QString siteFolderOf(const QString& historyPath);
    static QString defaultCommand();

    void setCommand(const QString& commandLine);
    void setWorkingDirectory(const QString& folder);
    void setRuns(int runs);
    void setWarmups(int warmups);
    void setEnvironment(const QProcessEnvironment& environment) { m_environment = environment; }

    // Starts the runs (the Run button does the same).
    void start();
    bool isRunning() const;
    std::optional<ConfirmVerdict> verdict() const { return m_verdict; }
    const std::vector<double>& runValues() const { return m_runs; }
    QString resultText() const;
    // What the user chose after the verdict (Acknowledge / Ignore), if anything.
    std::optional<TriageState> chosenState() const { return m_chosen; }

signals:
    void verdictReady(const bengal::ConfirmVerdict& verdict);

protected:
    void reject() override;

private:
    void onRunFinished(const RunFiling& filing);
    void onFinished(int status);
    void setBusy(bool busy);

    Request m_request;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    QLineEdit* m_command;
    QLineEdit* m_folder;
    QSpinBox* m_runCount;
    QSpinBox* m_warmupCount;
    QProgressBar* m_progress;
    QPlainTextEdit* m_result;
    QPushButton* m_run;
    QPushButton* m_acknowledge;
    QPushButton* m_ignore;
    QDialogButtonBox* m_buttons;
    QPointer<CollectorSession> m_session;
    std::vector<double> m_runs;
    int m_failedRuns = 0;
    std::optional<ConfirmVerdict> m_verdict;
    std::optional<TriageState> m_chosen;
};

} // namespace bengal
