#pragma once

#include "collector/RunRequest.h"

#include <QWidget>

class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace bengal {

// The inputs of a run: working folder (with Browse), command line, environment overrides,
// warm-ups, repeats and label. It only collects them; checkRunRequest() judges them.
class RunSettingsForm : public QWidget
{
    Q_OBJECT
public:
    static QString defaultCommand() { return QStringLiteral("bengal build --profile theme-dev"); }

    explicit RunSettingsForm(QWidget* parent = nullptr);

    RunRequest request() const;
    void setWorkingDirectory(const QString& folder);
    QString workingDirectory() const;
    void setCommand(const QString& command);
    void setEnvironmentText(const QString& text);
    void setRuns(int warmups, int repeats);
    void setLabel(const QString& label);

    QLineEdit* folderEdit() const { return m_folder; }
    QLineEdit* commandEdit() const { return m_command; }
    QPlainTextEdit* environmentEdit() const { return m_environment; }
    QSpinBox* warmupsBox() const { return m_warmups; }
    QSpinBox* repeatsBox() const { return m_repeats; }
    QLineEdit* labelEdit() const { return m_label; }

private:
    void browse();

    QLineEdit* m_folder;
    QPushButton* m_browse;
    QLineEdit* m_command;
    QPlainTextEdit* m_environment;
    QSpinBox* m_warmups;
    QSpinBox* m_repeats;
    QLineEdit* m_label;
};

} // namespace bengal
