#include "regressions/ConfirmDialog.h"

#include "collector/CollectorSession.h"
#include "collector/CommandWords.h"
#include "models/MetricCatalog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace bengal {

ConfirmDialog::ConfirmDialog(const Request& request, QWidget* parent)
    : QDialog(parent), m_request(request), m_command(new QLineEdit(defaultCommand(), this)),
      m_folder(new QLineEdit(siteFolderOf(request.historyPath), this)),
      m_runCount(new QSpinBox(this)), m_warmupCount(new QSpinBox(this)),
      m_progress(new QProgressBar(this)), m_result(new QPlainTextEdit(this)),
      m_run(new QPushButton(tr("&Run"), this)),
      m_acknowledge(new QPushButton(tr("&Acknowledge"), this)),
      m_ignore(new QPushButton(tr("&Ignore as Noise"), this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(QStringLiteral("confirmDialog"));
    setWindowTitle(tr("Confirm Regression"));
    auto* heading = new QLabel(request.title, this);
    heading->setTextFormat(Qt::PlainText);
    heading->setWordWrap(true);
    auto* explain = new QLabel(
        tr("Runs the build again and tests the runs against the %n baseline build(s) before the "
           "finding (Mann–Whitney). Warm-ups run first and are not counted.",
           nullptr, int(request.baseline.size())),
        this);
    explain->setWordWrap(true);
    if (!canConfirmMetric(request.metric))
        explain->setText(explain->text() + QLatin1Char(' ') +
                         tr("A run does not measure %1: only build time, phases and RSS can be "
                            "confirmed.")
                             .arg(MetricCatalog::label(request.metric)));

    m_runCount->setRange(3, 50);
    m_runCount->setValue(5);
    m_warmupCount->setRange(0, 10);
    m_warmupCount->setValue(1);
    auto* browse = new QToolButton(this);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose the site folder"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString folder =
            QFileDialog::getExistingDirectory(this, tr("Site Folder"), m_folder->text());
        if (!folder.isEmpty())
            m_folder->setText(folder);
    });
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("Command:"), m_command);
    form->addRow(tr("Working folder:"), folderRow);
    form->addRow(tr("Runs:"), m_runCount);
    form->addRow(tr("Warm-ups:"), m_warmupCount);

    m_progress->setVisible(false);
    m_result->setReadOnly(true);
    m_result->setObjectName(QStringLiteral("confirmResult"));
    m_result->setPlaceholderText(tr("The verdict appears here after the runs."));
    m_result->setMinimumHeight(110);
    m_acknowledge->setEnabled(false);
    m_ignore->setEnabled(false);
    m_buttons->addButton(m_run, QDialogButtonBox::ActionRole);
    m_buttons->addButton(m_acknowledge, QDialogButtonBox::AcceptRole);
    m_buttons->addButton(m_ignore, QDialogButtonBox::AcceptRole);
    m_run->setDefault(true);
    connect(m_run, &QPushButton::clicked, this, &ConfirmDialog::start);
    connect(m_acknowledge, &QPushButton::clicked, this, [this] {
        m_chosen = TriageState::Acknowledged;
        accept();
    });
    connect(m_ignore, &QPushButton::clicked, this, [this] {
        m_chosen = TriageState::Ignored;
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConfirmDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(explain);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_result, 1);
    layout->addWidget(m_buttons);
    resize(560, 420);
}

ConfirmDialog::~ConfirmDialog()
{
    if (m_session && m_session->isRunning())
        m_session->cancel();
}

QString ConfirmDialog::defaultCommand()
{
    return QStringLiteral("bengal build --profile theme-dev");
}

QString ConfirmDialog::siteFolderOf(const QString& historyPath)
{
    if (historyPath.isEmpty())
        return QDir::currentPath();
    QDir dir = QFileInfo(historyPath).absoluteDir();
    const QString path = QDir::fromNativeSeparators(dir.absolutePath());
    // Bengal's layouts (bengal-metrics.md): <site>/.bengal/metrics/ since v0.1.5, before that
    // .bengal-metrics/ in the folder the build ran in.
    int up = path.endsWith(QLatin1String("/.bengal/metrics"))   ? 2
             : path.endsWith(QLatin1String("/.bengal-metrics")) ? 1
                                                                : 0;
    while (up-- > 0)
        dir.cdUp();
    return dir.absolutePath();
}

void ConfirmDialog::setCommand(const QString& commandLine)
{
    m_command->setText(commandLine);
}

void ConfirmDialog::setWorkingDirectory(const QString& folder)
{
    m_folder->setText(folder);
}

void ConfirmDialog::setRuns(int runs)
{
    m_runCount->setValue(runs);
}

void ConfirmDialog::setWarmups(int warmups)
{
    m_warmupCount->setValue(warmups);
}

bool ConfirmDialog::isRunning() const
{
    return m_session && m_session->isRunning();
}

QString ConfirmDialog::resultText() const
{
    return m_result->toPlainText();
}

void ConfirmDialog::setBusy(bool busy)
{
    m_run->setEnabled(!busy);
    m_command->setEnabled(!busy);
    m_folder->setEnabled(!busy);
    m_runCount->setEnabled(!busy);
    m_warmupCount->setEnabled(!busy);
    m_progress->setVisible(busy);
    m_buttons->button(QDialogButtonBox::Close)->setText(busy ? tr("Stop") : tr("Close"));
}

void ConfirmDialog::start()
{
    if (isRunning())
        return;
    QString quoteError;
    const QStringList words = splitCommandWords(m_command->text(), &quoteError);
    if (!quoteError.isEmpty()) {
        m_result->setPlainText(quoteError);
        return;
    }
    if (words.isEmpty()) {
        m_result->setPlainText(tr("Enter the command that builds the site."));
        return;
    }
    CollectorSettings settings;
    settings.program = words.first();
    settings.arguments = words.mid(1);
    settings.workingDirectory = m_folder->text();
    settings.environment = m_environment;
    settings.historyPath = m_request.historyPath;
    settings.warmups = m_warmupCount->value();
    settings.repeats = m_runCount->value();
    settings.label = QStringLiteral("confirm");
    settings.output = LaunchSpec::Output::Capture; // output arrives as signals we do not show
    m_runs.clear();
    m_failedRuns = 0;
    m_verdict.reset();
    m_acknowledge->setEnabled(false);
    m_ignore->setEnabled(false);
    m_progress->setRange(0, settings.warmups + settings.repeats);
    m_progress->setValue(0);
    m_result->setPlainText(tr("Running…"));
    delete m_session;
    m_session = new CollectorSession(settings, this);
    connect(m_session, &CollectorSession::runStarted, this,
            [this](int number, int total, bool warmup, int) {
                m_progress->setValue(number - 1);
                m_result->setPlainText(warmup ? tr("Warm-up %1 of %2…").arg(number).arg(total)
                                              : tr("Run %1 of %2…").arg(number).arg(total));
            });
    connect(m_session, &CollectorSession::runFinished, this, &ConfirmDialog::onRunFinished);
    connect(m_session, &CollectorSession::failedToStart, this,
            [this](const QString& message) { m_result->setPlainText(message); });
    connect(m_session, &CollectorSession::finished, this, &ConfirmDialog::onFinished);
    setBusy(true);
    m_session->start();
}

void ConfirmDialog::onRunFinished(const RunFiling& filing)
{
    m_progress->setValue(m_progress->value() + 1);
    if (filing.record.warmup)
        return;
    const double value = confirmRunValue(filing.record, m_request.metric);
    if (std::isfinite(value))
        m_runs.push_back(value);
    else
        ++m_failedRuns;
}

void ConfirmDialog::onFinished(int status)
{
    setBusy(false);
    const ConfirmVerdict verdict = judgeConfirmRuns(m_request.baseline, m_runs);
    m_verdict = verdict;
    QString text = ConfirmText::describe(verdict, m_request.metric);
    if (m_failedRuns > 0)
        text += QLatin1Char('\n') +
                tr("%n run(s) failed or did not measure this metric and were left out "
                   "(last exit status %1).",
                   nullptr, m_failedRuns)
                    .arg(status);
    m_result->setPlainText(text);
    m_acknowledge->setEnabled(true);
    m_ignore->setEnabled(true);
    (verdict.state == ConfirmVerdict::State::Slower ? m_acknowledge : m_ignore)->setDefault(true);
    emit verdictReady(verdict);
}

void ConfirmDialog::reject()
{
    if (isRunning()) {
        m_session->cancel(); // "Stop": the runs end, the verdict uses what finished
        return;
    }
    QDialog::reject();
}

} // namespace bengal
