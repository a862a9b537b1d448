#include "BuildTablePanel.h"

#include "models/BuildFilterProxy.h"
#include "models/BuildTableModel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace bengal {

namespace {
constexpr int kFilterDebounceMs = 250;
}

BuildTablePanel::BuildTablePanel(BuildTableModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_proxy(new BuildFilterProxy(this)),
      m_view(new QTableView(this)), m_filter(new QLineEdit(this)), m_debounce(new QTimer(this))
{
    m_proxy->setBuildModel(model);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(BuildTableModel::IndexColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->horizontalHeader()->setDefaultSectionSize(96);
    m_view->setWordWrap(false);
    m_view->setObjectName(QStringLiteral("buildTable"));
    // The fixed columns get room for their longest text whenever the columns are rebuilt.
    const auto fixWidths = [this] {
        const QFontMetrics fm = fontMetrics();
        m_view->setColumnWidth(BuildTableModel::IndexColumn,
                               fm.horizontalAdvance(QStringLiteral("0000000")) + 16);
        m_view->setColumnWidth(BuildTableModel::TimeColumn,
                               fm.horizontalAdvance(QStringLiteral("0000-00-00 00:00:00")) + 16);
        m_view->setColumnWidth(BuildTableModel::KindColumn,
                               fm.horizontalAdvance(QStringLiteral("incremental · sequential")) +
                                   16);
    };
    connect(m_proxy, &QAbstractItemModel::modelReset, this, fixWidths);
    fixWidths();

    m_filter->setPlaceholderText(
        tr("Filter builds by date, kind, Python version or platform (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("buildFilter"));
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kFilterDebounceMs);
    connect(m_filter, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, [this] { m_proxy->setText(m_filter->text()); });

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    emit buildSelected(m_proxy->mapToSource(current).row());
            });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);
}

void BuildTablePanel::setBuildFilter(const BuildFilter& filter)
{
    m_proxy->setBuildFilter(filter);
}

void BuildTablePanel::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void BuildTablePanel::selectStoreRow(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        m_view->clearSelection();
        return;
    }
    const QModelIndex index =
        m_proxy->mapFromSource(m_model->index(row, BuildTableModel::TimeColumn));
    if (!index.isValid())
        return; // filtered out
    if (m_view->currentIndex().row() == index.row())
        return;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::EnsureVisible);
}

int BuildTablePanel::selectedStoreRow() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_proxy->mapToSource(current).row() : -1;
}

} // namespace bengal
