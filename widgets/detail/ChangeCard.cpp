#include "detail/ChangeCard.h"

#include "detail/DetailColors.h"
#include "report/MetricUnits.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>

#include <cmath>

namespace bengal {

namespace {

QLabel* plainLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // history text is never markup
    return label;
}

MetricUnit unitFor(const QString& metric)
{
    if (metric.endsWith(QLatin1String("_ratio")) || metric == QLatin1String("cache_effectiveness"))
        return MetricUnit::Ratio;
    return unitOf(metric);
}

} // namespace

ChangeCard::ChangeCard(QWidget* parent) : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setObjectName(QStringLiteral("changeCard"));
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(8, 6, 8, 6);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(1);
    m_title = plainLabel(this);
    m_value = plainLabel(this);
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_value->setFont(big);
    m_percentile = plainLabel(this);
    m_percentile->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    grid->addWidget(m_title, 0, 0, 1, 2);
    grid->addWidget(m_value, 1, 0);
    grid->addWidget(m_percentile, 1, 1);
    const QString names[] = {tr("vs previous"), tr("vs baseline"), tr("vs median")};
    for (int i = 0; i < 3; ++i) {
        m_names[i] = plainLabel(this);
        m_names[i]->setText(names[i]);
        m_rows[i] = plainLabel(this);
        m_rows[i]->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        grid->addWidget(m_names[i], 2 + i, 0);
        grid->addWidget(m_rows[i], 2 + i, 1);
    }
    grid->setColumnStretch(0, 1);
}

void ChangeCard::setChanges(const QString& title, const QString& valueText,
                            const MetricChanges& changes, int medianWindow)
{
    m_changes = changes;
    m_title->setText(title);
    m_value->setText(valueText);
    const MetricUnit unit = unitFor(changes.metric);
    const Change* list[] = {&changes.vsPrevious, &changes.vsBaseline, &changes.vsMedian};
    const QString references[] = {
        tr("the previous build"), changes.baselineDescription,
        tr("the median of the last %n comparable build(s)", nullptr, int(changes.medianCount))};
    for (int i = 0; i < 3; ++i) {
        const Change& c = *list[i];
        QString text = tr("n/a");
        if (c.isValid())
            text = std::isnan(c.percent) ? formatSignedValue(c.delta, unit)
                                         : formatSignedPercent(c.percent);
        m_rows[i]->setText(text);
        const QString tip =
            c.isValid() ? tr("Against %1: %2 → %3 (%4). Positive means slower or bigger; %5.")
                              .arg(references[i], formatValue(c.reference, unit),
                                   formatValue(c.value, unit), formatSignedValue(c.delta, unit),
                                   polarityText(changes.polarity))
                        : tr("No reference: %1 has no value").arg(references[i]);
        m_rows[i]->setToolTip(tip);
        m_names[i]->setToolTip(tip);
    }
    if (std::isfinite(changes.percentile)) {
        m_percentile->setText(tr("P%1").arg(qRound(changes.percentile)));
        m_percentile->setToolTip(
            tr("Percentile rank among the last %n comparable build(s) (same full/incremental "
               "and parallel/sequential kind): 100 is the biggest, 0 the smallest.",
               nullptr, int(changes.medianCount)));
    } else {
        m_percentile->setText(QString());
        m_percentile->setToolTip(tr("No comparable builds before this one"));
    }
    setToolTip(tr("Median window: %n comparable build(s)", nullptr, medianWindow));
    applyColors();
}

QString ChangeCard::rowText(int row) const
{
    return m_rows[row]->text();
}

QColor ChangeCard::rowColor(int row) const
{
    return m_rows[row]->palette().color(QPalette::WindowText);
}

QString ChangeCard::percentileText() const
{
    return m_percentile->text();
}

void ChangeCard::applyColors()
{
    const Change* list[] = {&m_changes.vsPrevious, &m_changes.vsBaseline, &m_changes.vsMedian};
    for (int i = 0; i < 3; ++i) {
        QPalette p = m_rows[i]->palette();
        p.setColor(QPalette::WindowText, directionColor(list[i]->direction, palette()));
        m_rows[i]->setPalette(p);
    }
    QPalette muted = m_title->palette();
    muted.setColor(QPalette::WindowText, directionColor(Direction::Same, palette()));
    m_title->setPalette(muted);
    m_percentile->setPalette(muted);
    for (QLabel* name : m_names)
        name->setPalette(muted);
}

void ChangeCard::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        applyColors();
    QFrame::changeEvent(event);
}

} // namespace bengal
