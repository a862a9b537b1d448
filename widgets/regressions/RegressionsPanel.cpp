#include "regressions/RegressionsPanel.h"

#include "models/MetricCatalog.h"
#include "regressions/RegressionModel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace bengal {

namespace {

// Sorts on raw values, hides ignored findings on request and shows new ones in bold.
class RegressionProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setShowIgnored(bool show)
    {
        m_showIgnored = show;
        invalidateFilter();
    }

    QVariant data(const QModelIndex& index, int role) const override
    {
        if (role == Qt::FontRole &&
            index.data(RegressionModel::StateRole).toInt() == int(TriageState::New)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return QSortFilterProxyModel::data(index, role);
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        if (m_showIgnored)
            return true;
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        return index.data(RegressionModel::StateRole).toInt() != int(TriageState::Ignored);
    }

private:
    bool m_showIgnored = false;
};

} // namespace

RegressionsPanel::RegressionsPanel(RegressionModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_proxy(new RegressionProxy(this)),
      m_view(new QTableView(this)), m_summary(new QLabel(this)),
      m_showIgnored(new QCheckBox(tr("Show ignored"), this)),
      m_metricsButton(new QToolButton(this)), m_metricsMenu(new QMenu(this)),
      m_group(new QComboBox(this))
{
    setObjectName(QStringLiteral("regressionsPanel"));
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(RegressionModel::SortRole);
    m_proxy->setDynamicSortFilter(true);
    m_view->setObjectName(QStringLiteral("regressionsView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RegressionModel::BuildColumn, Qt::DescendingOrder); // newest first
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setObjectName(QStringLiteral("regressionsSummary"));

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    const struct
    {
        TriageState state;
        QString text;
        Qt::Key key;
        QString tip;
    } triage[] = {
        {TriageState::New, tr("&New"), Qt::Key_N, tr("Back to new: counted on the badge again")},
        {TriageState::Acknowledged, tr("&Acknowledge"), Qt::Key_A, tr("Seen and being dealt with")},
        {TriageState::Ignored, tr("&Ignore"), Qt::Key_I, tr("Noise: no marker, no alarm")},
        {TriageState::Expected, tr("&Expected"), Qt::Key_E,
         tr("A known consequence of a wanted change")},
    };
    m_triage.resize(4);
    for (const auto& t : triage) {
        auto* action = new QAction(t.text, this);
        action->setShortcut(QKeySequence(t.key));
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(t.tip + QStringLiteral(" (%1)").arg(QKeySequence(t.key).toString()));
        const TriageState state = t.state;
        connect(action, &QAction::triggered, this, [this, state] { setCurrentState(state); });
        addAction(action);
        m_triage[int(t.state)] = action;
    }
    m_intended = new QAction(tr("Mark Intended &Change"), this);
    m_intended->setToolTip(tr("This step was wanted: a new baseline starts at its build"));
    connect(m_intended, &QAction::triggered, this, [this] {
        if (currentRow() >= 0)
            emit intendedChangeRequested(currentRow());
    });
    m_confirm = new QAction(tr("C&onfirm…"), this);
    m_confirm->setShortcut(QKeySequence(Qt::Key_C));
    m_confirm->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_confirm->setToolTip(
        tr("Run the build again a few times and test the runs against the baseline (C)"));
    connect(m_confirm, &QAction::triggered, this, [this] {
        if (currentRow() >= 0)
            emit confirmRequested(currentRow());
    });
    addAction(m_confirm);
    for (QAction* action :
         {m_triage[int(TriageState::Acknowledged)], m_triage[int(TriageState::Ignored)],
          m_triage[int(TriageState::Expected)], m_triage[int(TriageState::New)], m_intended,
          m_confirm}) {
        auto* button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        buttons->addWidget(button);
        if (action == m_triage[int(TriageState::New)])
            buttons->addSpacing(12);
    }
    buttons->addStretch(1);
    buttons->addWidget(m_showIgnored);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);

    // What is analysed, next to the summary that says it: compact, and out of the triage row.
    m_metricsButton->setObjectName(QStringLiteral("regressionsMetrics"));
    m_metricsButton->setMenu(m_metricsMenu);
    m_metricsButton->setPopupMode(QToolButton::InstantPopup);
    m_metricsButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_metricsButton->setToolTip(tr("The metrics analysed for this history"));
    // The style's small indicator would sit on the text; the text carries its own arrow.
    m_metricsButton->setStyleSheet(
        QStringLiteral("QToolButton::menu-indicator { image: none; width: 0px; }"));
    m_group->setObjectName(QStringLiteral("regressionsGroup"));
    const struct
    {
        BuildGrouping grouping;
        QString text;
    } groupings[] = {
        {BuildGrouping::Kind, tr("Kind (incremental × parallel)")},
        {BuildGrouping::Incremental, tr("Incremental only")},
        {BuildGrouping::Parallel, tr("Parallel only")},
        {BuildGrouping::None, tr("None (all builds together)")},
    };
    for (const auto& g : groupings)
        m_group->addItem(g.text, int(g.grouping));
    m_group->setToolTip(tr("Which builds are compared with each other: a build is judged only "
                           "against builds of the same group"));
    m_group->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* groupLabel = new QLabel(tr("&Group by:"), this);
    groupLabel->setBuddy(m_group);
    auto* footer = new QHBoxLayout;
    footer->setContentsMargins(0, 0, 0, 0);
    footer->addWidget(m_summary, 1);
    footer->addWidget(m_metricsButton);
    footer->addSpacing(8);
    footer->addWidget(groupLabel);
    footer->addWidget(m_group);
    layout->addLayout(footer);
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    updateMetricsButton();
    connect(m_group, &QComboBox::activated, this, [this] { emit groupingChanged(grouping()); });

    connect(m_showIgnored, &QCheckBox::toggled, this, &RegressionsPanel::setShowIgnored);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex& index) {
        emit buildActivated(m_proxy->mapToSource(index).row());
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, &RegressionsPanel::showMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RegressionsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RegressionsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &RegressionsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [this] { m_view->resizeColumnsToContents(); });
    updateActions();
}

int RegressionsPanel::currentRow() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_proxy->mapToSource(current).row() : -1;
}

void RegressionsPanel::selectRow(int modelRow)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(modelRow, 0));
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void RegressionsPanel::setSummary(const QString& text)
{
    m_summary->setText(text);
}

void RegressionsPanel::setShowIgnored(bool show)
{
    m_showIgnored->setChecked(show);
    static_cast<RegressionProxy*>(m_proxy)->setShowIgnored(show);
}

QAction* RegressionsPanel::triageAction(TriageState state) const
{
    return m_triage.value(int(state));
}

void RegressionsPanel::setCurrentState(TriageState state)
{
    const int row = currentRow();
    if (row < 0)
        return;
    // Keep the cursor on a neighbour when the finding disappears from view (ignored).
    const int proxyRow = m_view->currentIndex().row();
    m_model->setState(row, state);
    if (!m_view->currentIndex().isValid() && m_proxy->rowCount() > 0)
        m_view->setCurrentIndex(m_proxy->index(std::min(proxyRow, m_proxy->rowCount() - 1), 0));
}

void RegressionsPanel::updateActions()
{
    const int row = currentRow();
    const bool has = row >= 0 && row < m_model->rowCount();
    const TriageState state = has ? m_model->state(row) : TriageState::New;
    for (int s = 0; s < m_triage.size(); ++s)
        m_triage[s]->setEnabled(has && int(state) != s);
    m_intended->setEnabled(has && m_model->item(row).finding.kind == Finding::Kind::Step);
    const bool marked = has && m_isIntended && m_isIntended(row);
    m_intended->setText(marked ? tr("Unmark Intended &Change") : tr("Mark Intended &Change"));
    m_intended->setToolTip(marked ? tr("No new baseline here: judge the builds after it against "
                                       "the builds before it again")
                                  : tr("This step was wanted: a new baseline starts at its build"));
    m_confirm->setEnabled(has);
}

void RegressionsPanel::setMetricChoices(const QStringList& available, const QStringList& checked,
                                        const QStringList& defaults)
{
    m_defaultMetrics = defaults;
    m_metricsMenu->clear();
    QAction* reset = m_metricsMenu->addAction(tr("&Default Metrics"));
    reset->setObjectName(QStringLiteral("defaultMetrics"));
    connect(reset, &QAction::triggered, this, [this] {
        for (QAction* action : m_metricsMenu->actions()) {
            const QSignalBlocker block(action); // one change, not one per metric
            if (action->isCheckable())
                action->setChecked(m_defaultMetrics.contains(action->data().toString()));
        }
        onMetricToggled();
    });
    m_metricsMenu->addSeparator();
    // The defaults first (what `regressions` analyses), then the rest in catalogue order.
    QStringList rest;
    for (const QString& name : available)
        if (!defaults.contains(name))
            rest.append(name);
    std::stable_sort(rest.begin(), rest.end(), [](const QString& a, const QString& b) {
        return MetricCatalog::rank(a) < MetricCatalog::rank(b);
    });
    auto add = [this, &checked](const QString& name) {
        const QString label = MetricCatalog::label(name);
        QAction* action = m_metricsMenu->addAction(
            label == name ? name : QStringLiteral("%1  (%2)").arg(label, name));
        action->setCheckable(true);
        action->setChecked(checked.contains(name));
        action->setData(name);
        connect(action, &QAction::toggled, this, &RegressionsPanel::onMetricToggled);
    };
    for (const QString& name : defaults)
        if (available.contains(name))
            add(name);
    if (!rest.isEmpty())
        m_metricsMenu->addSeparator();
    for (const QString& name : rest)
        add(name);
    updateMetricsButton();
}

QStringList RegressionsPanel::checkedMetrics() const
{
    QStringList metrics;
    for (QAction* action : m_metricsMenu->actions())
        if (action->isCheckable() && action->isChecked())
            metrics.append(action->data().toString());
    return metrics;
}

void RegressionsPanel::onMetricToggled()
{
    const QStringList metrics = checkedMetrics();
    if (metrics.isEmpty()) {
        // Nothing to analyse is not a choice: the last metric stays ticked, nothing changed.
        if (auto* action = qobject_cast<QAction*>(sender()); action && action->isCheckable()) {
            const QSignalBlocker block(action);
            action->setChecked(true);
        }
        return;
    }
    updateMetricsButton();
    emit metricsChanged(metrics);
}

void RegressionsPanel::updateMetricsButton()
{
    const qsizetype count = checkedMetrics().size();
    m_metricsButton->setText(tr("Metrics (%1) ▾").arg(count));
    m_metricsButton->setEnabled(!m_metricsMenu->isEmpty());
}

void RegressionsPanel::setGrouping(BuildGrouping grouping)
{
    const QSignalBlocker block(m_group);
    m_group->setCurrentIndex(m_group->findData(int(grouping)));
}

BuildGrouping RegressionsPanel::grouping() const
{
    return BuildGrouping(m_group->currentData().toInt());
}

void RegressionsPanel::showMenu(const QPoint& pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    QMenu menu(this);
    QAction* show = menu.addAction(tr("Show Build"));
    connect(show, &QAction::triggered, this,
            [this, index] { emit buildActivated(m_proxy->mapToSource(index).row()); });
    menu.addSeparator();
    for (TriageState s :
         {TriageState::Acknowledged, TriageState::Ignored, TriageState::Expected, TriageState::New})
        menu.addAction(m_triage[int(s)]);
    menu.addSeparator();
    menu.addAction(m_intended);
    menu.addAction(m_confirm);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace bengal
