#include "FilterBar.h"

#include "history/HistoryStore.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QSpinBox>

namespace bengal {

namespace {
constexpr qint64 kUsPerDay = 86400LL * 1000000LL;
}

FilterBar::FilterBar(QWidget* parent)
    : QWidget(parent), m_kind(new QComboBox(this)), m_mode(new QComboBox(this)),
      m_range(new QComboBox(this)), m_lastN(new QSpinBox(this)), m_from(new QDateTimeEdit(this)),
      m_to(new QDateTimeEdit(this))
{
    m_kind->addItem(tr("Full and incremental"), int(BuildFilter::Kind::Any));
    m_kind->addItem(tr("Full builds"), int(BuildFilter::Kind::Full));
    m_kind->addItem(tr("Incremental builds"), int(BuildFilter::Kind::Incremental));
    m_kind->setToolTip(tr("Compare like with like: incremental builds are much faster"));
    m_mode->addItem(tr("Parallel and sequential"), int(BuildFilter::Mode::Any));
    m_mode->addItem(tr("Parallel"), int(BuildFilter::Mode::Parallel));
    m_mode->addItem(tr("Sequential"), int(BuildFilter::Mode::Sequential));
    m_range->addItem(tr("All builds"), int(Range::All));
    m_range->addItem(tr("Last 7 days"), int(Range::Days7));
    m_range->addItem(tr("Last 30 days"), int(Range::Days30));
    m_range->addItem(tr("Last 90 days"), int(Range::Days90));
    m_range->addItem(tr("Last N builds"), int(Range::LastN));
    m_range->addItem(tr("Custom dates"), int(Range::Custom));
    m_range->setToolTip(tr("Day ranges count back from the newest build"));
    m_lastN->setRange(2, 10000000);
    m_lastN->setValue(100);
    m_lastN->setSuffix(tr(" builds"));
    m_lastN->setAccelerated(true);
    for (QDateTimeEdit* edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    m_from->setDateTime(QDateTime::currentDateTimeUtc().addDays(-30));
    m_to->setDateTime(QDateTime::currentDateTimeUtc());

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_kind);
    layout->addWidget(m_mode);
    layout->addWidget(m_range);
    layout->addWidget(m_lastN);
    layout->addWidget(m_from);
    layout->addWidget(m_to);

    for (QComboBox* box : {m_kind, m_mode, m_range})
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            updateVisibility();
            emit changed();
        });
    connect(m_lastN, &QSpinBox::valueChanged, this, &FilterBar::changed);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, &FilterBar::changed);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, &FilterBar::changed);
    updateVisibility();
}

void FilterBar::updateVisibility()
{
    const auto range = Range(m_range->currentData().toInt());
    m_lastN->setVisible(range == Range::LastN);
    m_from->setVisible(range == Range::Custom);
    m_to->setVisible(range == Range::Custom);
}

BuildFilter FilterBar::filterFor(const HistoryStore& store) const
{
    BuildFilter filter;
    filter.kind = BuildFilter::Kind(m_kind->currentData().toInt());
    filter.mode = BuildFilter::Mode(m_mode->currentData().toInt());
    const auto range = Range(m_range->currentData().toInt());
    const auto days = [&](int n) {
        if (!store.isEmpty())
            filter.from = store.timestampUs(store.size() - 1) - n * kUsPerDay;
    };
    switch (range) {
    case Range::All:
        break;
    case Range::Days7:
        days(7);
        break;
    case Range::Days30:
        days(30);
        break;
    case Range::Days90:
        days(90);
        break;
    case Range::LastN:
        filter.lastN = m_lastN->value();
        break;
    case Range::Custom:
        filter.from = m_from->dateTime().toMSecsSinceEpoch() * 1000;
        filter.to = m_to->dateTime().toMSecsSinceEpoch() * 1000;
        break;
    }
    return filter;
}

QJsonObject FilterBar::toJson() const
{
    return {{QStringLiteral("kind"), m_kind->currentIndex()},
            {QStringLiteral("mode"), m_mode->currentIndex()},
            {QStringLiteral("range"), m_range->currentIndex()},
            {QStringLiteral("lastN"), m_lastN->value()},
            {QStringLiteral("from"), m_from->dateTime().toString(Qt::ISODate)},
            {QStringLiteral("to"), m_to->dateTime().toString(Qt::ISODate)}};
}

void FilterBar::fromJson(const QJsonObject& json)
{
    const QSignalBlocker blockKind(m_kind), blockMode(m_mode), blockRange(m_range), blockN(m_lastN),
        blockFrom(m_from), blockTo(m_to);
    m_kind->setCurrentIndex(std::clamp(json.value("kind").toInt(), 0, m_kind->count() - 1));
    m_mode->setCurrentIndex(std::clamp(json.value("mode").toInt(), 0, m_mode->count() - 1));
    m_range->setCurrentIndex(std::clamp(json.value("range").toInt(), 0, m_range->count() - 1));
    m_lastN->setValue(json.value("lastN").toInt(100));
    if (const QDateTime from = QDateTime::fromString(json.value("from").toString(), Qt::ISODate);
        from.isValid())
        m_from->setDateTime(from);
    if (const QDateTime to = QDateTime::fromString(json.value("to").toString(), Qt::ISODate);
        to.isValid())
        m_to->setDateTime(to);
    updateVisibility();
    emit changed();
}

} // namespace bengal
