#include "regressions/RegressionsController.h"

#include "charts/TrendChart.h"
#include "detail/BuildLine.h"
#include "history/HistorySession.h"
#include "models/MetricCatalog.h"
#include "regressions/RegressionMarkers.h"
#include "regressions/RegressionModel.h"
#include "regressions/RegressionNotifier.h"
#include "regressions/RegressionOptions.h"
#include "regressions/RegressionScanner.h"
#include "regressions/RegressionsPanel.h"
#include "store/BaselinesRepository.h"
#include "store/Database.h"

#include <QDateTime>
#include <algorithm>
#include <QMenu>
#include <QToolButton>
#include <QPushButton>

namespace bengal {

namespace {

QString keyText(const FindingKey& key)
{
    return key.metric + QLatin1Char('\n') + key.kind + QLatin1Char('\n') +
           QString::fromLatin1(key.buildKey);
}

bool usable(Database* database)
{
    return database && database->isOpen();
}

} // namespace

RegressionsController::RegressionsController(HistorySession* session, Database* database,
                                             TrendChart* phaseChart, TrendChart* memoryChart,
                                             QWidget* window)
    : QObject(window), m_session(session), m_database(database), m_phaseChart(phaseChart),
      m_memoryChart(memoryChart), m_scanner(new RegressionScanner(this)),
      m_model(new RegressionModel(this)), m_panel(new RegressionsPanel(m_model, window)),
      m_badge(new QPushButton(window)), m_bar(new NotificationBar(window)),
      m_notifier(new RegressionNotifier(m_bar, this))
{
    m_model->setDatabase(usable(database) ? database : nullptr);
    m_scanner->setSession(session);
    m_scanner->setOptionsProvider([this] { return scanOptions(); });
    m_panel->setIntendedCheck([this](int modelRow) { return isIntendedChange(modelRow); });

    m_badge->setObjectName(QStringLiteral("regressionsBadge"));
    m_badge->setFlat(true);
    m_badge->setCursor(Qt::PointingHandCursor);
    m_badge->setToolTip(tr("Regressions nobody has looked at yet: click to open the list"));
    m_badge->setStyleSheet(QStringLiteral(
        "QPushButton { background: #c62828; color: white; font-weight: bold; border: none; "
        "padding: 1px 8px; border-radius: 8px; }"));
    m_badge->hide();
    connect(m_badge, &QPushButton::clicked, this, &RegressionsController::showPanelRequested);
    connect(m_notifier, &RegressionNotifier::activated, this,
            &RegressionsController::showPanelRequested);

    connect(m_scanner, &RegressionScanner::findingsReady, this, &RegressionsController::onFindings);
    connect(m_scanner, &RegressionScanner::findingsCleared, this, [this] {
        m_seen.clear();
        m_shownChoices.clear();
        m_model->clear();
        updateMarkers();
        updateBadge();
    });
    connect(m_model, &RegressionModel::newCountChanged, this, &RegressionsController::updateBadge);
    connect(m_model, &RegressionModel::statesChanged, this, &RegressionsController::updateMarkers);
    connect(m_panel, &RegressionsPanel::buildActivated, this, &RegressionsController::activate);
    connect(m_panel, &RegressionsPanel::confirmRequested, this,
            &RegressionsController::openConfirm);
    connect(m_panel, &RegressionsPanel::intendedChangeRequested, this,
            &RegressionsController::markIntendedChange);
    connect(m_panel, &RegressionsPanel::metricsChanged, this, &RegressionsController::setMetrics);
    connect(m_panel, &RegressionsPanel::groupingChanged, this, &RegressionsController::setGrouping);
}

RegressionsController::~RegressionsController() = default;

void RegressionsController::onFindings(const std::shared_ptr<const RegressionBatch>& batch)
{
    // Keep the user's place in the list across the reset a new batch causes.
    const int current = m_panel->currentRow();
    const std::optional<FindingKey> currentKey =
        current >= 0 ? std::optional(m_model->item(current).key()) : std::nullopt;
    m_model->setHistoryPath(m_session->filePath());
    m_model->setBatch(batch);
    if (currentKey)
        m_panel->selectRow(m_model->rowOfKey(*currentKey));
    notifyFresh(*batch);
    updateChoices(*batch);
    updateMarkers();
    updateBadge();
}

void RegressionsController::updateChoices(const RegressionBatch& batch)
{
    // The stored choice, not the batch's: a run that started before the user's last click
    // must not tick back what was just unticked.
    Q_UNUSED(batch);
    const HistoryStore& store = m_session->store();
    const RegressionOptions chosen = RegressionOptions::load(m_session->filePath());
    const QStringList available = store.metricNames();
    const QStringList checked = windowRegressionMetrics(store, chosen.metrics);
    const QStringList shown = available + QStringList{QString()} + checked;
    // Never rebuilt under the user's pointer: the menu updates when it is next opened.
    if (shown != m_shownChoices && !m_panel->metricsButton()->menu()->isVisible()) {
        m_shownChoices = shown;
        m_panel->setMetricChoices(available, checked, defaultRegressionMetrics(store));
    }
    m_panel->setGrouping(chosen.grouping);
}

RegressionScanner::Options RegressionsController::scanOptions() const
{
    RegressionScanner::Options options;
    const QString path = m_session->filePath();
    const RegressionOptions chosen = RegressionOptions::load(path);
    options.metrics = chosen.metrics;
    options.grouping = chosen.grouping;
    if (usable(m_database)) {
        for (const IntendedChange& mark : BaselinesRepository(*m_database).intendedChanges(path)) {
            if (const auto hash = lineHashOfKey(mark.buildKey))
                options.marks.push_back({mark.metric, *hash});
        }
    }
    return options;
}

void RegressionsController::setMetrics(const QStringList& metrics)
{
    const QString path = m_session->filePath();
    RegressionOptions options = RegressionOptions::load(path);
    options.metrics =
        metrics == defaultRegressionMetrics(m_session->store()) ? QStringList{} : metrics;
    options.save(path);
    if (m_scanner->isLoaded())
        m_scanner->rescan();
}

void RegressionsController::setGrouping(BuildGrouping grouping)
{
    const QString path = m_session->filePath();
    RegressionOptions options = RegressionOptions::load(path);
    options.grouping = grouping;
    options.save(path);
    if (m_scanner->isLoaded())
        m_scanner->rescan();
}

void RegressionsController::notifyFresh(const RegressionBatch& batch)
{
    // Only findings that start at a build appended live, that were not in an earlier batch and
    // that nobody has triaged: the notification is news, not a summary.
    QList<const RegressionItem*> fresh;
    QSet<QString> seen;
    for (const RegressionItem& item : batch.items) {
        const QString key = keyText(item.key());
        seen.insert(key);
        if (batch.liveFrom < 0 || item.finding.index < batch.liveFrom || m_seen.contains(key))
            continue;
        if (item.finding.kind == Finding::Kind::Trend ||
            m_model->state(item.key()) != TriageState::New)
            continue;
        fresh.append(&item);
    }
    m_seen = seen;
    if (fresh.isEmpty())
        return;
    const Finding& f = fresh.first()->finding;
    QString phase = RegressionModel::phaseLabel(f);
    if (phase.isEmpty() && MetricCatalog::isPhase(f.metric))
        phase = MetricCatalog::label(f.metric);
    const QString title =
        tr("%1 regression in build #%2").arg(MetricCatalog::label(f.metric)).arg(f.index + 1);
    QString message =
        tr("%1: %2").arg(RegressionModel::kindLabel(f.kind), RegressionModel::sizeText(f));
    if (!phase.isEmpty())
        message += tr("; phase: %1").arg(phase);
    if (fresh.size() > 1)
        message += tr(" (and %n more)", nullptr, int(fresh.size() - 1));
    m_notifier->notify(title, message);
}

void RegressionsController::updateMarkers()
{
    const RegressionMarkerSets sets = regressionMarkers(*m_model, m_session->store());
    if (m_phaseChart)
        m_phaseChart->setMarkerLayer(QLatin1String(kRegressionMarkerLayer), sets.phases,
                                     sets.phaseTooltips);
    if (m_memoryChart)
        m_memoryChart->setMarkerLayer(QLatin1String(kRegressionMarkerLayer), sets.memory,
                                      sets.memoryTooltips);
}

void RegressionsController::updateBadge()
{
    const int count = m_model->newCount();
    m_badge->setText(tr("⚑ %n new regression(s)", nullptr, count));
    m_badge->setVisible(count > 0);
    const std::shared_ptr<const RegressionBatch> batch = m_model->batch();
    if (!batch) {
        m_panel->setSummary(QString());
        return;
    }
    // Say when the window does not analyse what `bengal-perf regressions` would.
    QStringList differences;
    if (batch->metrics != defaultRegressionMetrics(m_session->store()))
        differences << tr("chosen metrics");
    if (batch->grouping != BuildGrouping::Kind)
        differences << tr("--group %1").arg(buildGroupingName(batch->grouping));
    const QString same =
        differences.isEmpty()
            ? tr("the metrics of `bengal-perf regressions`")
            : tr("`bengal-perf regressions` with %1").arg(differences.join(tr(" and ")));
    m_panel->setSummary(tr("%n finding(s), %1 new · %2 builds, %3 analysed in %4 ms (%5)", nullptr,
                           int(batch->items.size()))
                            .arg(count)
                            .arg(batch->builds)
                            .arg(batch->metrics.size() == 1
                                     ? batch->metrics.first()
                                     : tr("%n metric(s)", nullptr, int(batch->metrics.size())))
                            .arg(qRound(batch->elapsedMs))
                            .arg(same));
}

void RegressionsController::activate(int modelRow)
{
    if (modelRow < 0 || modelRow >= m_model->rowCount())
        return;
    const qsizetype row = storeRowOf(m_model->item(modelRow), m_session->store());
    if (row >= 0)
        emit buildActivated(int(row));
}

qsizetype RegressionsController::baselineStart(const QString& metric, qsizetype findingRow) const
{
    if (!usable(m_database))
        return -1;
    qsizetype start = -1;
    BaselinesRepository baselines(*m_database);
    for (const IntendedChange& mark : baselines.intendedChanges(m_session->filePath(), metric)) {
        const auto hash = lineHashOfKey(mark.buildKey);
        const qsizetype row = hash ? m_session->store().findHash(*hash) : -1;
        if (row >= 0 && row <= findingRow)
            start = std::max(start, row);
    }
    return start;
}

ConfirmDialog::Request RegressionsController::confirmRequest(int modelRow) const
{
    ConfirmDialog::Request request;
    request.historyPath = m_session->filePath();
    if (modelRow < 0 || modelRow >= m_model->rowCount())
        return request;
    const RegressionItem& item = m_model->item(modelRow);
    const Finding& f = item.finding;
    const qsizetype row = storeRowOf(item, m_session->store());
    request.metric = f.metric;
    request.title = tr("%1 of %2 at build #%3: %4")
                        .arg(RegressionModel::kindLabel(f.kind), MetricCatalog::label(f.metric))
                        .arg(f.index + 1)
                        .arg(RegressionModel::sizeText(f));
    const std::shared_ptr<const RegressionBatch> batch = m_model->batch();
    request.baseline =
        confirmBaseline(m_session->store(), f.metric, row, 20, baselineStart(f.metric, row),
                        batch ? batch->grouping : BuildGrouping::Kind)
            .values;
    return request;
}

void RegressionsController::openConfirm(int modelRow)
{
    if (modelRow < 0 || modelRow >= m_model->rowCount())
        return;
    const FindingKey key = m_model->item(modelRow).key();
    auto* dialog = new ConfirmDialog(confirmRequest(modelRow), m_panel->window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, dialog, key] {
        // The list may have been replaced while the runs went on: find the finding again.
        const int row = m_model->rowOfKey(key);
        if (dialog->chosenState() && row >= 0)
            m_model->setState(row, *dialog->chosenState());
    });
    emit confirmDialogOpened(dialog);
    dialog->open();
}

bool RegressionsController::isIntendedChange(int modelRow) const
{
    if (!usable(m_database) || modelRow < 0 || modelRow >= m_model->rowCount())
        return false;
    const RegressionItem& item = m_model->item(modelRow);
    if (item.finding.kind != Finding::Kind::Step)
        return false;
    const QList<IntendedChange> marks =
        BaselinesRepository(*m_database)
            .intendedChanges(m_session->filePath(), item.finding.metric);
    return std::any_of(marks.begin(), marks.end(),
                       [&](const IntendedChange& mark) { return mark.buildKey == item.buildKey; });
}

void RegressionsController::markIntendedChange(int modelRow)
{
    if (modelRow < 0 || modelRow >= m_model->rowCount())
        return;
    const RegressionItem& item = m_model->item(modelRow);
    if (isIntendedChange(modelRow)) {
        BaselinesRepository(*m_database)
            .unmarkIntendedChange(m_session->filePath(), item.finding.metric, item.buildKey);
    } else {
        if (usable(m_database)) {
            BaselinesRepository baselines(*m_database);
            baselines.markIntendedChange(
                m_session->filePath(), item.finding.metric, item.buildKey,
                QDateTime::fromMSecsSinceEpoch(item.finding.timestampUs / 1000, Qt::UTC));
        }
        m_model->setState(modelRow, TriageState::Expected);
    }
    m_panel->refreshActions();
    // The mark is a new baseline (or no longer one): everything after it is judged again.
    if (m_scanner->isLoaded())
        m_scanner->rescan();
}

} // namespace bengal
