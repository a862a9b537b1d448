#pragma once

#include <QWidget>

class QPlainTextEdit;
class QTableView;

namespace bengal {

class ProblemsModel;

// Rejected lines and warnings with their line numbers; the raw line of the selected problem
// is read from the file on demand and shown as plain text (never as markup).
class ProblemsPanel : public QWidget
{
    Q_OBJECT
public:
    ProblemsPanel(ProblemsModel* model, QWidget* parent = nullptr);
    void setHistoryPath(const QString& path) { m_path = path; }
    QTableView* view() const { return m_view; }
    QString rawLineText() const;

private:
    void showRawLine(qint64 offset);

    ProblemsModel* m_model;
    QTableView* m_view;
    QPlainTextEdit* m_raw;
    QString m_path;
};

} // namespace bengal
