#include "detail/BuildDetailView.h"

#include "detail/BaselineButton.h"
#include "detail/BuildDetailModel.h"
#include "detail/ChangeCard.h"
#include "detail/CollectedRunPanel.h"
#include "detail/DerivedFigures.h"
#include "detail/DetailColors.h"
#include "detail/NoteEditor.h"
#include "detail/PhaseBarsWidget.h"
#include "history/HistorySession.h"
#include "report/MetricUnits.h"
#include "runs/RunsSession.h"
#include "store/BaselinesRepository.h"
#include "store/Database.h"

#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace bengal {

namespace {

QLabel* plainLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // history text is never markup
    return label;
}

QString metricValueText(const QString& metric, double value)
{
    if (isDerivedFigure(metric))
        return formatDerived(metric, value);
    return formatValue(value, unitOf(metric));
}

} // namespace

BuildDetailView::BuildDetailView(QWidget* parent)
    : QWidget(parent), m_medianWindow(kDefaultMedianWindow)
{
    setObjectName(QStringLiteral("buildDetailView"));
    m_placeholder = new QLabel(tr("Select a build in a chart or in the table to see it in "
                                  "detail."),
                               this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_content = new QWidget(this);

    m_title = plainLabel(m_content);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_subtitle = plainLabel(m_content);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner = plainLabel(m_content);
    m_banner->setWordWrap(true);
    m_banner->setObjectName(QStringLiteral("sourceBanner"));
    m_banner->setAutoFillBackground(true);
    m_banner->setMargin(4);
    m_banner->hide();

    m_window = new QSpinBox(m_content);
    m_window->setRange(2, 1000);
    m_window->setValue(m_medianWindow);
    m_window->setToolTip(tr("How many earlier builds of the same kind the median and the "
                            "percentile rank use"));
    connect(m_window, &QSpinBox::valueChanged, this, &BuildDetailView::setMedianWindow);
    auto* previous = new QPushButton(tr("Compare with previous"), m_content);
    previous->setObjectName(QStringLiteral("compareWithPrevious"));
    connect(previous, &QPushButton::clicked, this, [this] {
        if (m_detail.row > 0)
            emit compareWithPreviousRequested(int(m_detail.row));
    });
    auto* againstMedian = new QPushButton(tr("Compare with median"), m_content);
    againstMedian->setObjectName(QStringLiteral("compareWithMedian"));
    connect(againstMedian, &QPushButton::clicked, this, [this] {
        if (m_detail.row > 0)
            emit compareWithMedianRequested(int(m_detail.row), m_medianWindow);
    });

    m_baseline = new BaselineButton(m_content);
    connect(m_baseline, &BaselineButton::baselineChanged, this, &BuildDetailView::refresh);
    connect(m_baseline, &BaselineButton::failed, this, [this](const QString& message) {
        m_banner->setText(message);
        m_banner->show();
    });

    m_bars = new PhaseBarsWidget(m_content);
    m_cardBox = new QWidget(m_content);
    m_cardGrid = new QGridLayout(m_cardBox);
    m_cardGrid->setContentsMargins(0, 0, 0, 0);
    m_cardGrid->setSpacing(6);

    m_model = new BuildDetailModel(this);
    m_proxy = new DirectionColorProxy(BuildDetailModel::DirectionRole,
                                      BuildDetailModel::IsGroupRole, -1, this);
    m_proxy->setSourceModel(m_model);
    m_tree = new QTreeView(m_content);
    m_tree->setObjectName(QStringLiteral("fieldTree"));
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Field names, shares and changes are never squeezed to an ellipsis (the tree scrolls
    // sideways when even they do not fit); the value column takes the width that is left, so a
    // long string (the timestamp) is elided, with the whole text in its tooltip, rather than
    // pushing the changes out of sight.
    m_tree->header()->setStretchLastSection(false);
    m_tree->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    for (int c = BuildDetailModel::FieldColumn; c < BuildDetailModel::ColumnCount; ++c)
        m_tree->header()->setSectionResizeMode(c, c == BuildDetailModel::ValueColumn
                                                      ? QHeaderView::Stretch
                                                      : QHeaderView::ResizeToContents);
    m_tree->header()->setMinimumSectionSize(60);

    m_notes = new NoteEditor(m_content);
    auto* noteBox = new QGroupBox(tr("Note and tags"), m_content);
    auto* noteLayout = new QVBoxLayout(noteBox);
    noteLayout->setContentsMargins(6, 6, 6, 6);
    noteLayout->addWidget(m_notes);

    auto* top = new QWidget(m_content);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(4);
    auto* titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(previous);
    titleRow->addWidget(againstMedian);
    topLayout->addLayout(titleRow);
    topLayout->addWidget(m_subtitle);
    // What the changes are measured against, on a row of its own so a narrow dock never
    // squeezes the time or the controls.
    auto* referenceRow = new QHBoxLayout;
    referenceRow->addWidget(new QLabel(tr("Median of last"), m_content));
    referenceRow->addWidget(m_window);
    referenceRow->addWidget(new QLabel(tr("comparable builds"), m_content));
    referenceRow->addStretch(1);
    referenceRow->addWidget(m_baseline);
    topLayout->addLayout(referenceRow);
    topLayout->addWidget(m_banner);
    topLayout->addWidget(m_bars);
    topLayout->addWidget(m_cardBox);

    m_runPanel = new CollectedRunPanel(m_content);
    m_runPanel->hide();

    auto* splitter = new QSplitter(Qt::Vertical, m_content);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_runPanel);
    splitter->addWidget(m_tree);
    splitter->addWidget(noteBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 4);
    splitter->setStretchFactor(2, 1);

    auto* contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(6, 6, 6, 6);
    contentLayout->addWidget(top);
    contentLayout->addWidget(splitter, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_content);
    applyPalette();
    clearBuild();
}

BuildDetailView::~BuildDetailView() = default;

void BuildDetailView::setSession(HistorySession* session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session) {
        connect(session, &HistorySession::appended, this, &BuildDetailView::onAppended);
        connect(session, &HistorySession::cleared, this, &BuildDetailView::clearBuild);
        // After a truncation or replacement the line may be gone: read it again.
        connect(session, &HistorySession::reloadStarted, this, [this] { m_reloadPending = true; });
    }
    clearBuild();
}

void BuildDetailView::setDatabase(Database* database)
{
    m_database = database;
    m_notes->setDatabase(database);
    m_baseline->setDatabase(database);
    refresh();
}

void BuildDetailView::setRuns(RunsSession* runs)
{
    if (m_runs)
        disconnect(m_runs, nullptr, this, nullptr);
    m_runs = runs;
    if (runs)
        connect(runs, &RunsSession::runsChanged, this, &BuildDetailView::updateCollectedRun);
    updateCollectedRun();
}

void BuildDetailView::updateCollectedRun()
{
    const CollectedRun* run =
        m_runs && m_detail.isValid() ? m_runs->runForRow(m_detail.row) : nullptr;
    if (!run) {
        m_shownRun = {-1, 0};
        m_runPanel->clear();
        m_runPanel->hide();
        return;
    }
    const QPair<qint64, qint64> key{run->line, run->startUs};
    if (key == m_shownRun && m_runPanel->isVisibleTo(m_content))
        return; // runs were added elsewhere: this one is drawn already
    m_shownRun = key;
    m_runPanel->setRun(*run);
    m_runPanel->show();
}

void BuildDetailView::setMedianWindow(int builds)
{
    if (builds == m_medianWindow || builds < 1)
        return;
    m_medianWindow = builds;
    m_window->setValue(builds);
    refresh();
}

void BuildDetailView::showBuild(int storeRow)
{
    if (!m_session || storeRow < 0 || storeRow >= m_session->store().size()) {
        clearBuild();
        return;
    }
    const HistoryStore& store = m_session->store();
    ChangeOptions options;
    options.medianWindow = m_medianWindow;
    if (m_database && m_database->isOpen())
        options.baselines = BaselinesRepository(*m_database).all(m_session->filePath());
    m_detail = loadBuildDetail(store, storeRow, m_session->filePath(), options);
    m_hash = store.hash(storeRow);
    m_reloadPending = false;

    m_model->setDetail(m_detail);
    m_tree->expandToDepth(0);
    m_bars->setColors(phaseColors(store, palette()));
    m_bars->setBars({{tr("Phases of build #%1").arg(m_detail.index()), m_detail.phases}});
    rebuildCards();
    updateHeader();
    m_notes->setBuild(m_session->filePath(), m_detail.buildKey,
                      tr("build #%1").arg(m_detail.index()));
    m_baseline->setBuild(m_session->filePath(), m_detail.buildKey, int(m_detail.index()));
    m_shownRun = {-1, 0};
    updateCollectedRun();
    m_placeholder->hide();
    m_content->show();
}

void BuildDetailView::refresh()
{
    if (m_detail.isValid())
        showBuild(int(m_detail.row));
}

void BuildDetailView::onAppended(const AppendResult& result)
{
    if (!m_detail.isValid() || !m_session)
        return;
    const qsizetype row = m_session->store().findHash(m_hash);
    if (row < 0)
        clearBuild();
    else if (row != m_detail.row || !result.contiguous || m_reloadPending)
        showBuild(int(row)); // builds landed before it (its references changed), or a reload
    else
        updateHeader(); // only the build count changed
}

void BuildDetailView::clearBuild()
{
    m_detail = BuildDetail{};
    m_hash = 0;
    m_model->clear();
    m_bars->setBars({});
    rebuildCards();
    m_notes->setBuild(QString(), QByteArray(), QString());
    m_baseline->setBuild(QString(), QByteArray(), 0);
    updateCollectedRun();
    m_content->hide();
    m_placeholder->show();
}

void BuildDetailView::rebuildCards()
{
    qDeleteAll(m_cards);
    m_cards.clear();
    for (const QString& metric : std::as_const(m_detail.headline)) {
        const MetricChanges changes = m_detail.changes.value(metric);
        auto* card = new ChangeCard(m_cardBox);
        card->setChanges(metricLabel(metric), metricValueText(metric, changes.value), changes,
                         m_medianWindow);
        m_cards.append(card);
    }
    m_cardColumns = 0;
    layoutCards();
}

void BuildDetailView::layoutCards()
{
    // From the view's own width: the card box may not have its new size yet.
    const int columns = std::clamp((width() - 12) / 200, 1, 4);
    if (columns == m_cardColumns && m_cardGrid->count() == m_cards.size())
        return;
    m_cardColumns = columns;
    for (ChangeCard* card : std::as_const(m_cards))
        m_cardGrid->removeWidget(card);
    for (int i = 0; i < m_cards.size(); ++i)
        m_cardGrid->addWidget(m_cards[i], i / columns, i % columns);
}

void BuildDetailView::updateHeader()
{
    if (!m_detail.isValid() || !m_session)
        return;
    m_title->setText(tr("Build #%1 of %2").arg(m_detail.index()).arg(m_session->store().size()));
    const QString time = QDateTime::fromMSecsSinceEpoch(m_detail.timestamp / 1000, Qt::UTC)
                             .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QStringList parts{tr("%1 UTC").arg(time)};
    if (!m_detail.kindText().isEmpty())
        parts << m_detail.kindText();
    parts << tr("line %1").arg(m_detail.line);
    m_subtitle->setText(parts.join(QStringLiteral(" · ")));
    m_subtitle->setToolTip(
        tr("Build key %1 (the hash of its line)").arg(QString::fromLatin1(m_detail.buildKey)));
    m_banner->setText(m_detail.sourceMessage);
    m_banner->setVisible(!m_detail.sourceMessage.isEmpty());
}

QString BuildDetailView::headerText() const
{
    return m_title->text() + QLatin1Char('\n') + m_subtitle->text();
}

QString BuildDetailView::sourceMessage() const
{
    return m_banner->isHidden() ? QString() : m_banner->text();
}

void BuildDetailView::applyPalette()
{
    m_proxy->setPalette(palette());
    QPalette banner = m_banner->palette();
    banner.setColor(QPalette::Window, attentionBackground(palette()));
    m_banner->setPalette(banner);
    if (m_session)
        m_bars->setColors(phaseColors(m_session->store(), palette()));
}

void BuildDetailView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void BuildDetailView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    layoutCards();
}

} // namespace bengal
