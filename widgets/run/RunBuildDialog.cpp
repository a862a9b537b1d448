#include "run/RunBuildDialog.h"

#include "collector/CollectorSession.h"
#include "collector/PendingRuns.h"
#include "collector/RunOutcomeText.h"
#include "collector/RunRequest.h"
#include "models/RunPhaseModel.h"
#include "run/RunConsole.h"
#include "run/RunMemoryChart.h"
#include "run/RunSettingsForm.h"
#include "store/CollectorRunsRepository.h"
#include "store/Database.h"

#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace bengal {

namespace {

QLabel* plainLabel(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText); // paths and build output are never markup
    return label;
}

QString secondsText(double ms)
{
    return QString::number(ms / 1000.0, 'f', 1);
}

} // namespace

RunBuildDialog::RunBuildDialog(Database* database, QWidget* parent)
    : QDialog(parent), m_database(database), m_form(new RunSettingsForm(this)),
      m_phases(new RunPhaseModel(this)), m_console(new RunConsole(this)),
      m_chart(new RunMemoryChart(this))
{
    setObjectName(QStringLiteral("runBuildDialog"));
    setWindowTitle(tr("Run Build"));
    setSizeGripEnabled(true);
    buildLayout();
    m_tick.setInterval(100);
    connect(&m_tick, &QTimer::timeout, this, &RunBuildDialog::tick);
    setRunning(false);
    resize(940, 720);
}

RunBuildDialog::~RunBuildDialog()
{
    // The session's destructor kills a running build's tree; let it go while we still exist,
    // deaf to it, so nothing reaches a half-destroyed window.
    if (m_session)
        m_session->disconnect(this);
    delete m_session;
}

void RunBuildDialog::buildLayout()
{
    m_message = plainLabel(this, QStringLiteral("runMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: white; "
                                            "background: #b3261e; border-radius: 3px; "
                                            "padding: 6px; }"));
    m_message->hide();

    m_runLabel = plainLabel(this, QStringLiteral("runProgress"));
    QFont bold = m_runLabel->font();
    bold.setBold(true);
    m_runLabel->setFont(bold);
    m_elapsedLabel = plainLabel(this, QStringLiteral("runElapsed"));
    m_rssLabel = plainLabel(this, QStringLiteral("runRss"));
    auto* status = new QHBoxLayout;
    status->addWidget(m_runLabel);
    status->addStretch(1);
    status->addWidget(m_rssLabel);
    status->addSpacing(18);
    status->addWidget(m_elapsedLabel);

    m_phaseView = new QTableView(this);
    m_phaseView->setObjectName(QStringLiteral("runPhases"));
    m_phaseView->setModel(m_phases);
    m_phaseView->verticalHeader()->hide();
    m_phaseView->setSelectionMode(QAbstractItemView::NoSelection);
    m_phaseView->setFocusPolicy(Qt::NoFocus);
    m_phaseView->setShowGrid(false);
    m_phaseView->setAlternatingRowColors(true);
    m_phaseView->verticalHeader()->setDefaultSectionSize(m_phaseView->fontMetrics().height() + 6);
    QHeaderView* header = m_phaseView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(RunPhaseModel::NameColumn, QHeaderView::Stretch);
    m_phaseView->setMinimumWidth(360);

    auto* top = new QSplitter(Qt::Horizontal, this);
    top->setChildrenCollapsible(false);
    top->addWidget(m_phaseView);
    top->addWidget(m_chart);
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 1);
    top->setSizes({430, 470}); // the table's size hint would otherwise squeeze the chart

    m_console->setObjectName(QStringLiteral("runConsole"));
    auto* body = new QSplitter(Qt::Vertical, this);
    body->setObjectName(QStringLiteral("runSplitter"));
    body->setChildrenCollapsible(false);
    body->addWidget(top);
    body->addWidget(m_console);
    body->setStretchFactor(0, 3);
    body->setStretchFactor(1, 2);

    // One line per run, not wrapped: a wrapped label's height is not always granted by the
    // layout, and a long path must not widen the dialog (the console has every line in full).
    m_outcome = plainLabel(this, QStringLiteral("runOutcome"));
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outcome->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);

    auto* buttons = new QDialogButtonBox(this);
    m_runButton = buttons->addButton(tr("&Run"), QDialogButtonBox::AcceptRole);
    m_runButton->setObjectName(QStringLiteral("runStart"));
    m_cancelButton = buttons->addButton(tr("&Cancel Build"), QDialogButtonBox::ActionRole);
    m_cancelButton->setObjectName(QStringLiteral("runCancel"));
    m_cancelButton->setToolTip(tr("End the build and every process it started (Esc)"));
    m_closeButton = buttons->addButton(QDialogButtonBox::Close);
    m_closeButton->setObjectName(QStringLiteral("runClose"));
    m_closeButton->setToolTip(tr("Hide this window; a running build goes on"));
    connect(m_runButton, &QPushButton::clicked, this, &RunBuildDialog::startRun);
    connect(m_cancelButton, &QPushButton::clicked, this, &RunBuildDialog::cancelRun);
    connect(m_closeButton, &QPushButton::clicked, this, &QWidget::hide);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addWidget(m_message);
    layout->addLayout(status);
    layout->addWidget(body, 1);
    layout->addWidget(m_outcome);
    layout->addWidget(buttons);
}

void RunBuildDialog::setOpenHistory(const QString& historyFile)
{
    m_openHistory = historyFile;
    if (!historyFile.isEmpty() && !isRunning() && m_form->workingDirectory().isEmpty())
        m_form->setWorkingDirectory(siteFolderOfHistory(historyFile));
}

bool RunBuildDialog::isRunning() const
{
    return m_session && m_session->isRunning();
}

QString RunBuildDialog::messageText() const
{
    return m_message->text();
}

QString RunBuildDialog::progressText() const
{
    return m_runLabel->text();
}

QString RunBuildDialog::outcomeText() const
{
    return m_outcome->text();
}

void RunBuildDialog::showMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

bool RunBuildDialog::startRun()
{
    if (isRunning())
        return false;
    RunRequest request = m_form->request();
    request.openHistory = m_openHistory;
    const RunRequestCheck check = checkRunRequest(request);
    if (!check.ok()) {
        QStringList lines;
        for (const QString& error : check.errors)
            lines << QStringLiteral("• ") + error;
        showMessage(lines.join(QLatin1Char('\n')));
        return false;
    }
    showMessage({});
    m_historyPath = check.settings.historyPath;
    m_outcomes.clear();
    m_outcome->clear();
    m_console->clearConsole();
    m_phases->clear();
    m_chart->clear();
    m_cancelRequested = false;

    delete m_session; // the previous, finished session
    m_session = new CollectorSession(check.settings, this);
    CollectorSession* session = m_session;
    connect(session, &CollectorSession::runStarted, this, &RunBuildDialog::onRunStarted);
    connect(session, &CollectorSession::standardOutput, m_console, &RunConsole::appendOutput);
    connect(session, &CollectorSession::standardError, m_console, &RunConsole::appendError);
    connect(session, &CollectorSession::sampled, this, &RunBuildDialog::onSampled);
    connect(session, &CollectorSession::phaseStarted, m_phases, &RunPhaseModel::phaseStarted);
    connect(session, &CollectorSession::phaseFinished, m_phases, &RunPhaseModel::phaseFinished);
    connect(session, &CollectorSession::runFinished, this, &RunBuildDialog::onRunFinished);
    connect(session, &CollectorSession::failedToStart, this, [this](const QString& message) {
        showMessage(tr("Could not start %1: %2")
                        .arg(m_session ? m_session->settings().program : QString(), message));
    });
    connect(session, &CollectorSession::finished, this, &RunBuildDialog::onFinished);

    m_console->appendNote(tr("Filing to %1").arg(m_historyPath));
    m_sessionClock.start();
    setRunning(true);
    session->start();
    return true;
}

void RunBuildDialog::cancelRun()
{
    if (!isRunning() || m_cancelRequested)
        return;
    m_cancelRequested = true;
    m_runLabel->setText(tr("Cancelling: ending the build's processes…"));
    m_cancelButton->setEnabled(false);
    m_session->cancel();
}

void RunBuildDialog::reject()
{
    if (isRunning())
        cancelRun();
    else
        QDialog::reject();
}

void RunBuildDialog::closeEvent(QCloseEvent* event)
{
    // The window's close button hides the dialog like Close: a running build goes on.
    event->accept();
    hide();
}

void RunBuildDialog::setRunning(bool running)
{
    m_form->setEnabled(!running);
    m_runButton->setEnabled(!running);
    m_runButton->setDefault(!running);
    m_cancelButton->setEnabled(running && !m_cancelRequested);
    if (running)
        m_tick.start();
    else
        m_tick.stop();
}

void RunBuildDialog::onRunStarted(int runNumber, int totalRuns, bool warmup, int repeatIndex)
{
    m_runNumber = runNumber;
    m_totalRuns = totalRuns;
    const CollectorSettings& settings = m_session->settings();
    const QString kind =
        warmup ? tr("warm-up %1 of %2").arg(repeatIndex + 1).arg(settings.warmups)
               : tr("measured run %1 of %2").arg(repeatIndex + 1).arg(settings.repeats);
    m_runLabel->setText(tr("Run %1 of %2 · %3").arg(runNumber).arg(totalRuns).arg(kind));
    m_phases->clear();
    m_chart->clear();
    m_runClock.invalidate();
    m_runClockOriginMs = -1;
    m_lastRunMs = 0;
    m_currentRssMb = 0;
    m_console->appendNote(
        tr("▶ Run %1 of %2 (%3): %4")
            .arg(runNumber)
            .arg(totalRuns)
            .arg(kind,
                 (QStringList{settings.program} + settings.arguments).join(QLatin1Char(' '))));
    tick();
}

void RunBuildDialog::onSampled(qint64 atMs, double rssMb)
{
    if (!m_runClock.isValid()) {
        m_runClock.start();
        m_runClockOriginMs = -atMs; // the launcher's clock read atMs when ours read 0
    }
    m_currentRssMb = rssMb;
    m_chart->addSample(atMs, rssMb);
}

double RunBuildDialog::runClockMs() const
{
    return m_runClock.isValid() ? double(m_runClock.elapsed() - m_runClockOriginMs) : m_lastRunMs;
}

void RunBuildDialog::tick()
{
    if (m_runClock.isValid())
        m_phases->setElapsedMs(runClockMs());
    const double session =
        isRunning() && m_sessionClock.isValid() ? double(m_sessionClock.elapsed()) : m_sessionMs;
    m_elapsedLabel->setText(m_totalRuns > 1
                                ? tr("Elapsed %1 s · all runs %2 s")
                                      .arg(secondsText(runClockMs()), secondsText(session))
                                : tr("Elapsed %1 s").arg(secondsText(runClockMs())));
    const QString peak = QString::number(m_chart->peakMb(), 'f', 1);
    m_rssLabel->setText(
        isRunning()
            ? tr("Tree RSS %1 MiB · peak %2 MiB").arg(QString::number(m_currentRssMb, 'f', 1), peak)
            : tr("Tree peak RSS %1 MiB").arg(peak));
}

void RunBuildDialog::onRunFinished(const RunFiling& filing)
{
    m_console->finishStreams();
    m_phases->endRun(filing.record.wallMs);
    m_runClock.invalidate(); // the figures stop at the run's own wall time
    m_lastRunMs = filing.record.wallMs;
    m_chart->redrawNow();

    KeptRunLines kept;
    bool haveStore = m_database && m_database->isOpen();
    if (haveStore) {
        CollectorRunsRepository runs(*m_database);
        kept = keepRunLines(runs, m_historyPath, filing);
    }
    QString text =
        tr("Run %1 of %2: %3").arg(m_runNumber).arg(m_totalRuns).arg(describeRunOutcome(filing));
    const QString problems = describeFilingProblems(filing, kept, haveStore);
    if (!problems.isEmpty()) {
        text += QLatin1Char('\n') + problems;
        if (!haveStore || kept.storeFailed || kept.pending == 0) {
            // Nowhere else to keep them: the user can copy them from the console.
            for (const QByteArray& line : {filing.historyLine, filing.collectorLine})
                if (!line.isEmpty())
                    m_console->appendNote(QString::fromUtf8(line.trimmed()));
        }
    }
    m_console->appendNote(text);
    m_outcomes << text;
    m_outcome->setText(m_outcomes.join(QLatin1Char('\n')));
    tick();
}

void RunBuildDialog::onFinished(int lastStatus)
{
    m_console->finishStreams();
    m_sessionMs = double(m_sessionClock.elapsed());
    setRunning(false);
    const bool cancelled = m_cancelRequested;
    m_cancelRequested = false;
    if (cancelled)
        m_runLabel->setText(tr("Cancelled · no process of the build is left"));
    else if (m_session && m_session->filings().isEmpty())
        m_runLabel->setText(tr("Did not run"));
    else
        m_runLabel->setText(lastStatus == 0 ? tr("Finished")
                                            : tr("Finished with status %1").arg(lastStatus));
    if (m_session && !m_session->filings().isEmpty()) {
        m_outcome->setText(
            m_outcomes.join(QLatin1Char('\n')) + QLatin1Char('\n') +
            tr("Filed to %1 and %2.").arg(m_historyPath, collectorLogPath(m_historyPath)));
    }
    tick();
    emit runsFinished(m_historyPath);
}

} // namespace bengal
