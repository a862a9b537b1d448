#include "detail/CompareView.h"

#include "detail/ComparisonExport.h"
#include "detail/ComparisonModel.h"
#include "detail/DetailColors.h"
#include "detail/PhaseBarsWidget.h"
#include "history/HistorySession.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace bengal {

CompareView::CompareView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("compareView"));
    m_placeholder = new QLabel(tr("Pick builds to compare: a reference build A and up to three "
                                  "others, or one build against the median of those before it."),
                               this);
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_content = new QWidget(this);

    auto* convention = new QLabel(tr("Changes against A: positive means slower or bigger; red "
                                     "is worse, green better, grey about the same."),
                                  m_content);
    convention->setWordWrap(true);
    auto* copy = new QPushButton(tr("Copy as Markdown"), m_content);
    copy->setObjectName(QStringLiteral("copyMarkdown"));
    copy->setToolTip(tr("Copy the comparison as a Markdown table (Ctrl+Shift+M)"));
    connect(copy, &QPushButton::clicked, this, &CompareView::copyAsMarkdown);
    auto* copyAction = new QAction(tr("Copy as Markdown"), this);
    copyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copyAction, &QAction::triggered, this, &CompareView::copyAsMarkdown);
    addAction(copyAction);
    auto* clearButton = new QPushButton(tr("Clear"), m_content);
    connect(clearButton, &QPushButton::clicked, this, &CompareView::clear);

    m_chips = new QHBoxLayout;
    m_chips->setSpacing(4);
    m_differences = new QLabel(m_content);
    m_differences->setTextFormat(Qt::PlainText); // environment strings come from the history
    m_differences->setWordWrap(true);
    m_differences->setAutoFillBackground(true);
    m_differences->setMargin(4);
    m_differences->setObjectName(QStringLiteral("environmentDifferences"));

    m_bars = new PhaseBarsWidget(m_content);
    m_model = new ComparisonModel(this);
    m_proxy = new DirectionColorProxy(ComparisonModel::DirectionRole, ComparisonModel::DiffersRole,
                                      ComparisonModel::DiffersRole, this);
    m_proxy->setSourceModel(m_model);
    m_table = new QTableView(m_content);
    m_table->setObjectName(QStringLiteral("comparisonTable"));
    m_table->setModel(m_proxy);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setHighlightSections(false);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionDoubleClicked, this,
            [this](int section) {
                const int build = m_model->buildOf(section);
                const QList<int> rows = builds();
                if (build >= 0 && build < rows.size() && rows[build] >= 0)
                    emit buildActivated(rows[build]);
            });

    auto* header = new QHBoxLayout;
    header->addWidget(convention, 1);
    header->addWidget(copy);
    header->addWidget(clearButton);
    m_splitter = new QSplitter(Qt::Vertical, m_content);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_bars);
    m_splitter->addWidget(m_table);
    m_splitter->setStretchFactor(1, 1);
    auto* contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(6, 6, 6, 6);
    contentLayout->addLayout(header);
    contentLayout->addLayout(m_chips);
    contentLayout->addWidget(m_differences);
    contentLayout->addWidget(m_splitter, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_content);
    changeEvent(nullptr);
    rebuild();
}

CompareView::~CompareView() = default;

void CompareView::setSession(HistorySession* session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session) {
        connect(session, &HistorySession::appended, this, &CompareView::onAppended);
        connect(session, &HistorySession::cleared, this, &CompareView::clear);
    }
    clear();
}

std::uint64_t CompareView::hashOf(int row) const
{
    return m_session->store().hash(row);
}

void CompareView::setBuilds(const QList<int>& rows)
{
    QList<Pick> picks;
    for (int row : rows) {
        if (!m_session || row < 0 || row >= m_session->store().size())
            continue;
        const std::uint64_t hash = hashOf(row);
        if (std::none_of(picks.begin(), picks.end(),
                         [hash](const Pick& p) { return !p.median && p.hash == hash; }) &&
            picks.size() < MaxBuilds)
            picks.append({false, hash, 0, true});
    }
    setPicks(picks);
}

void CompareView::setAgainstMedian(int row, int count, bool sameKindOnly)
{
    if (!m_session || row < 0 || row >= m_session->store().size() || count < 1)
        return;
    setPicks({{true, hashOf(row), count, sameKindOnly}, {false, hashOf(row), 0, true}});
}

void CompareView::setReference(int row)
{
    const QList<int> current = builds();
    QList<int> rows{row};
    for (int i = 0; i < current.size(); ++i) {
        if (i == 0 && !m_picks.first().median)
            continue; // the old A gives way
        if (current[i] >= 0 && current[i] != row)
            rows.append(current[i]);
    }
    setBuilds(rows);
}

void CompareView::addToComparison(int row)
{
    QList<int> rows = builds();
    if (rows.contains(row))
        return;
    if (m_picks.size() == 2 && m_picks.first().median)
        rows = {rows.last()}; // leave the median comparison: the build becomes A
    if (rows.size() >= MaxBuilds)
        rows.removeLast();
    rows.append(row);
    setBuilds(rows);
}

void CompareView::removeBuild(int position)
{
    if (position < 0 || position >= m_picks.size())
        return;
    QList<Pick> picks = m_picks;
    picks.removeAt(position);
    setPicks(picks);
}

void CompareView::clear()
{
    setPicks({});
}

QList<int> CompareView::builds() const
{
    QList<int> rows;
    for (const Pick& pick : m_picks)
        rows.append(pick.median || !m_session ? -1 : int(m_session->store().findHash(pick.hash)));
    return rows;
}

void CompareView::setPicks(const QList<Pick>& picks)
{
    m_picks = picks;
    rebuild();
}

void CompareView::onAppended(const AppendResult&)
{
    if (!m_picks.isEmpty())
        rebuild(); // rows may have moved, medians may have new builds in their window
}

void CompareView::rebuild()
{
    QList<CompareColumn> columns;
    if (m_session) {
        const HistoryStore& store = m_session->store();
        QList<Pick> kept;
        for (const Pick& pick : std::as_const(m_picks)) {
            const qsizetype row = store.findHash(pick.hash);
            if (row < 0)
                continue; // gone with a replaced file
            kept.append(pick);
            columns.append(pick.median ? medianColumn(store, row, pick.builds, pick.sameKindOnly)
                                       : buildColumn(store, row));
        }
        m_picks = kept;
    } else {
        m_picks.clear();
    }
    const Comparison comparison =
        m_session ? compareColumns(m_session->store(), columns) : Comparison{};
    m_model->setComparison(comparison);
    m_table->resizeColumnsToContents();

    QList<PhaseBarsWidget::Bar> bars;
    for (int i = 0; i < columns.size(); ++i)
        bars.append({QString(QChar(u'A' + i)) + QStringLiteral(": ") + columns[i].title(),
                     phaseBreakdown(m_session->store().metricNames(), columns[i].values)});
    if (m_session)
        m_bars->setColors(phaseColors(m_session->store(), palette()));
    const bool countChanged = bars.size() != m_bars->bars().size();
    m_bars->setBars(bars);
    // A new number of builds: the bars get the height they need and the table the rest (no
    // empty band left over from four bars, no clipped bars). Otherwise the user's split stays.
    if (countChanged) {
        const QList<int> sizes = m_splitter->sizes();
        const int total = sizes.value(0) + sizes.value(1);
        const int bars = m_bars->heightForWidth(m_bars->width() > 0 ? m_bars->width() : 360);
        if (total > bars)
            m_splitter->setSizes({bars, total - bars});
    }

    const QString differences = environmentSummary();
    m_differences->setText(differences);
    m_differences->setVisible(!differences.isEmpty());
    rebuildChips();
    m_placeholder->setVisible(columns.isEmpty());
    m_content->setVisible(!columns.isEmpty());
    emit comparisonChanged();
}

void CompareView::rebuildChips()
{
    while (QLayoutItem* item = m_chips->takeAt(0)) {
        if (QWidget* widget = item->widget()) {
            widget->hide();
            widget->deleteLater(); // a chip may be the sender of the click that got us here
        }
        delete item;
    }
    const Comparison& comparison = m_model->comparison();
    for (int i = 0; i < comparison.columns.size(); ++i) {
        auto* chip = new QToolButton(m_content);
        chip->setText(QString(QChar(u'A' + i)) + QStringLiteral(": ") +
                      comparison.columns[i].title() + QStringLiteral("  ✕"));
        chip->setToolTip(tr("Remove this build from the comparison"));
        chip->setAutoRaise(true);
        connect(chip, &QToolButton::clicked, this, [this, i] { removeBuild(i); });
        m_chips->addWidget(chip);
    }
    m_chips->addStretch(1);
}

QString CompareView::markdown() const
{
    return comparisonMarkdown(m_model->comparison());
}

QString CompareView::environmentSummary() const
{
    QStringList parts;
    for (const EnvironmentRow& row : m_model->comparison().environment) {
        if (row.differs)
            parts << QStringLiteral("%1 (%2)").arg(row.label,
                                                   row.values.join(QStringLiteral(" | ")));
    }
    return parts.isEmpty() ? QString()
                           : tr("Different environment: %1").arg(parts.join(QStringLiteral("; ")));
}

void CompareView::copyAsMarkdown()
{
    if (!m_model->comparison().columns.isEmpty())
        QGuiApplication::clipboard()->setText(markdown());
}

void CompareView::changeEvent(QEvent* event)
{
    if (!event || event->type() == QEvent::PaletteChange) {
        m_proxy->setPalette(palette());
        QPalette p = m_differences->palette();
        p.setColor(QPalette::Window, attentionBackground(palette()));
        m_differences->setPalette(p);
        if (m_session)
            m_bars->setColors(phaseColors(m_session->store(), palette()));
    }
    if (event)
        QWidget::changeEvent(event);
}

} // namespace bengal
