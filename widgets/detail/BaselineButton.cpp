#include "detail/BaselineButton.h"

#include "detail/BuildChanges.h"
#include "store/Database.h"

#include <QActionGroup>
#include <QInputDialog>
#include <QMenu>

#include <algorithm>

namespace bengal {

namespace {

bool usable(const Database* database)
{
    return database && database->isOpen() && !database->isReadOnly();
}

} // namespace

// A push button rather than a tool button: its size hint leaves room for the menu arrow.
BaselineButton::BaselineButton(QWidget* parent) : QPushButton(parent)
{
    setObjectName(QStringLiteral("baselineButton"));
    setToolTip(tr("What \"vs baseline\" compares with; kept in the local store for this history"));
    auto* menu = new QMenu(this);
    m_pin = menu->addAction(QString(), this, &BaselineButton::pinShownBuild);
    m_pin->setObjectName(QStringLiteral("pinBaseline"));
    m_pin->setCheckable(true);
    menu->addSeparator();
    m_group = new QActionGroup(this);
    m_group->addAction(m_pin);
    for (int builds : kWindows) {
        QAction* action =
            menu->addAction(tr("Rolling median of the last %1 comparable builds").arg(builds), this,
                            [this, builds] { useRollingMedian(builds); });
        action->setCheckable(true);
        action->setData(builds);
        m_group->addAction(action);
    }
    // Any other N (data 0: "not one of the above").
    m_otherWindow =
        menu->addAction(tr("Rolling median of the last N comparable builds…"), this, [this] {
            bool ok = false;
            const int builds = QInputDialog::getInt(
                this, tr("Baseline"), tr("Median of how many comparable builds before each build?"),
                setting().window, 1, 100000, 1, &ok);
            if (ok)
                useRollingMedian(builds);
        });
    m_otherWindow->setCheckable(true);
    m_otherWindow->setData(0);
    m_group->addAction(m_otherWindow);
    menu->addSeparator();
    menu->addAction(
        tr("Back to the default (median of the last %1)").arg(BaselineSetting::DefaultWindow), this,
        &BaselineButton::useDefault);
    setMenu(menu);
    updateText();
}

void BaselineButton::setDatabase(Database* database)
{
    m_database = database;
    updateText();
}

void BaselineButton::setBuild(const QString& historyPath, const QByteArray& buildKey,
                              int buildIndex)
{
    m_historyPath = historyPath;
    m_buildKey = buildKey;
    m_buildIndex = buildIndex;
    updateText();
}

BaselineSetting BaselineButton::setting() const
{
    if (!m_database || !m_database->isOpen() || m_historyPath.isEmpty())
        return {};
    return BaselinesRepository(*m_database).effective(m_historyPath, kAllMetricsGroup);
}

QString BaselineButton::describe() const
{
    const BaselineSetting current = setting();
    switch (current.mode) {
    case BaselineSetting::Mode::PinnedBuild:
        return current.buildKey == m_buildKey ? tr("Baseline: this build")
                                              : tr("Baseline: a pinned build");
    case BaselineSetting::Mode::SinceDate:
        return tr("Baseline: since %1")
            .arg(current.since.toUTC().toString(QStringLiteral("yyyy-MM-dd")));
    case BaselineSetting::Mode::RollingMedian:
        break;
    }
    return tr("Baseline: median of %1").arg(current.window);
}

bool BaselineButton::pinShownBuild()
{
    if (m_buildKey.isEmpty())
        return false;
    BaselineSetting pinned;
    pinned.mode = BaselineSetting::Mode::PinnedBuild;
    pinned.buildKey = m_buildKey;
    return store(pinned);
}

bool BaselineButton::useRollingMedian(int builds)
{
    BaselineSetting rolling;
    rolling.window = builds;
    return store(rolling);
}

bool BaselineButton::useDefault()
{
    return store(std::nullopt);
}

bool BaselineButton::store(const std::optional<BaselineSetting>& setting)
{
    if (!usable(m_database) || m_historyPath.isEmpty()) {
        emit failed(tr("The baseline cannot be kept: the local store is not available."));
        updateText();
        return false;
    }
    BaselinesRepository baselines(*m_database);
    const bool ok = setting ? baselines.set(m_historyPath, kAllMetricsGroup, *setting)
                            : baselines.reset(m_historyPath, kAllMetricsGroup);
    updateText();
    if (!ok) {
        emit failed(tr("The baseline was not saved: %1").arg(m_database->errorString()));
        return false;
    }
    emit baselineChanged();
    return true;
}

void BaselineButton::updateText()
{
    const bool enabled = usable(m_database) && !m_historyPath.isEmpty();
    setEnabled(enabled);
    m_pin->setEnabled(!m_buildKey.isEmpty());
    m_pin->setText(m_buildIndex > 0 ? tr("Pin build #%1 as the baseline").arg(m_buildIndex)
                                    : tr("Pin the shown build as the baseline"));
    setText(describe());
    const BaselineSetting current = setting();
    const bool listed =
        std::find(std::begin(kWindows), std::end(kWindows), current.window) != std::end(kWindows);
    m_otherWindow->setData(listed ? 0 : current.window);
    for (QAction* action : m_group->actions()) {
        action->setChecked(action == m_pin ? current.mode == BaselineSetting::Mode::PinnedBuild &&
                                                 current.buildKey == m_buildKey
                                           : current.mode == BaselineSetting::Mode::RollingMedian &&
                                                 action->data().toInt() == current.window);
    }
}

} // namespace bengal
