#include "ProblemsPanel.h"

#include "history/HistoryFile.h"
#include "models/ProblemsModel.h"

#include <QHeaderView>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace bengal {

namespace {
constexpr std::size_t kShownBytes = 4096; // a raw line is shown up to this much
}

ProblemsPanel::ProblemsPanel(ProblemsModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_view(new QTableView(this)), m_raw(new QPlainTextEdit(this))
{
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->setVisible(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(ProblemsModel::LineColumn, 64);
    m_view->setColumnWidth(ProblemsModel::KindColumn, 80);
    m_view->setColumnWidth(ProblemsModel::KeyColumn, 200);
    m_view->setWordWrap(false);
    m_view->setObjectName(QStringLiteral("problemsTable"));
    m_raw->setReadOnly(true);
    m_raw->setPlaceholderText(tr("Select a problem to see its raw line."));
    m_raw->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_raw->setFont(QFont(QStringLiteral("monospace")));
    m_raw->setObjectName(QStringLiteral("rawLine"));
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    showRawLine(current.data(ProblemsModel::OffsetRole).toLongLong());
            });
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_raw);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
}

void ProblemsPanel::showRawLine(qint64 offset)
{
    bool cut = false;
    QString error;
    const auto bytes = HistoryFile::readLineAt(m_path, offset, kShownBytes, &cut, &error);
    if (!bytes) {
        m_raw->setPlainText(tr("Cannot read the line: %1").arg(error));
        return;
    }
    // Invalid UTF-8 shows as replacement characters; markup shows as the characters it is.
    QString text = QString::fromUtf8(*bytes);
    if (cut)
        text += tr("\n… (cut at %1 bytes)").arg(kShownBytes);
    m_raw->setPlainText(text);
}

QString ProblemsPanel::rawLineText() const
{
    return m_raw->toPlainText();
}

} // namespace bengal
