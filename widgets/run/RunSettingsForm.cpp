#include "run/RunSettingsForm.h"

#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>

namespace bengal {

RunSettingsForm::RunSettingsForm(QWidget* parent)
    : QWidget(parent), m_folder(new QLineEdit(this)),
      m_browse(new QPushButton(tr("Browse…"), this)),
      m_command(new QLineEdit(defaultCommand(), this)), m_environment(new QPlainTextEdit(this)),
      m_warmups(new QSpinBox(this)), m_repeats(new QSpinBox(this)), m_label(new QLineEdit(this))
{
    m_folder->setObjectName(QStringLiteral("runFolder"));
    m_folder->setPlaceholderText(tr("The site folder the build runs in"));
    m_folder->setClearButtonEnabled(true);
    m_browse->setObjectName(QStringLiteral("runBrowse"));
    connect(m_browse, &QPushButton::clicked, this, &RunSettingsForm::browse);
    auto* folderRow = new QHBoxLayout;
    folderRow->setContentsMargins(0, 0, 0, 0);
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_browse);

    m_command->setObjectName(QStringLiteral("runCommand"));
    m_command->setToolTip(
        tr("Program and arguments, quoted as in a shell: 'a b', \"a b\" and a\\ b "
           "are one word. The program runs directly, never through a shell, so "
           "pipes, $VARIABLES, ~ and * are passed as they are."));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_command->setFont(fixed);

    m_environment->setObjectName(QStringLiteral("runEnvironment"));
    m_environment->setPlaceholderText(tr("KEY=VALUE, one per line (added to the inherited "
                                         "environment; # starts a comment)"));
    m_environment->setTabChangesFocus(true);
    m_environment->setLineWrapMode(QPlainTextEdit::WidgetWidth); // a long PATH stays visible
    m_environment->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_environment->setFont(fixed);
    const int lineHeight = QFontMetrics(fixed).lineSpacing();
    m_environment->setFixedHeight(lineHeight * 4 + 2 * m_environment->frameWidth() + 8);

    m_warmups->setObjectName(QStringLiteral("runWarmups"));
    m_warmups->setRange(0, 20);
    m_warmups->setToolTip(tr("Runs before the measured ones, filed as warm-ups"));
    m_repeats->setObjectName(QStringLiteral("runRepeats"));
    m_repeats->setRange(1, 100);
    m_repeats->setValue(1);
    m_repeats->setToolTip(tr("Measured runs, one after the other"));
    m_label->setObjectName(QStringLiteral("runLabel"));
    m_label->setPlaceholderText(tr("Optional, filed with every run (e.g. the change you test)"));

    auto* runsRow = new QHBoxLayout;
    runsRow->setContentsMargins(0, 0, 0, 0);
    auto* warmupsLabel = new QLabel(tr("&Warm-ups:"), this);
    warmupsLabel->setBuddy(m_warmups);
    runsRow->addWidget(m_repeats);
    runsRow->addSpacing(16);
    runsRow->addWidget(warmupsLabel);
    runsRow->addWidget(m_warmups);
    runsRow->addSpacing(16);
    auto* labelLabel = new QLabel(tr("&Label:"), this);
    labelLabel->setBuddy(m_label);
    runsRow->addWidget(labelLabel);
    runsRow->addWidget(m_label, 1);

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("Working &folder:"), folderRow);
    form->addRow(tr("Co&mmand:"), m_command);
    form->addRow(tr("&Environment:"), m_environment);
    form->addRow(tr("&Repeats:"), runsRow);
    // Buddies for the rows whose field is a layout.
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(folderRow)))
        label->setBuddy(m_folder);
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(runsRow)))
        label->setBuddy(m_repeats);
}

RunRequest RunSettingsForm::request() const
{
    RunRequest request;
    request.workingDirectory = m_folder->text();
    request.command = m_command->text();
    request.environment = m_environment->toPlainText();
    request.warmups = m_warmups->value();
    request.repeats = m_repeats->value();
    request.label = m_label->text();
    return request;
}

void RunSettingsForm::setWorkingDirectory(const QString& folder)
{
    m_folder->setText(folder);
}

QString RunSettingsForm::workingDirectory() const
{
    return m_folder->text();
}

void RunSettingsForm::setCommand(const QString& command)
{
    m_command->setText(command);
}

void RunSettingsForm::setEnvironmentText(const QString& text)
{
    m_environment->setPlainText(text);
}

void RunSettingsForm::setRuns(int warmups, int repeats)
{
    m_warmups->setValue(warmups);
    m_repeats->setValue(repeats);
}

void RunSettingsForm::setLabel(const QString& label)
{
    m_label->setText(label);
}

void RunSettingsForm::browse()
{
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Working Folder of the Build"), m_folder->text());
    if (!folder.isEmpty())
        m_folder->setText(folder);
}

} // namespace bengal
