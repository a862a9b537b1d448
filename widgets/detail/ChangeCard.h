#pragma once

#include "detail/BuildChanges.h"

#include <QFrame>

class QLabel;

namespace bengal {

// One metric of the selected build: its value, its change against the previous build, the
// baseline and the median of comparable builds (red worse, green better, grey about the same),
// and its percentile rank among those comparable builds.
class ChangeCard : public QFrame
{
    Q_OBJECT
public:
    explicit ChangeCard(QWidget* parent = nullptr);

    // `title` and `valueText` are plain text.
    void setChanges(const QString& title, const QString& valueText, const MetricChanges& changes,
                    int medianWindow);
    const MetricChanges& changes() const { return m_changes; }
    // The text of a row (0 previous, 1 baseline, 2 median), and its colour, for tests.
    QString rowText(int row) const;
    QColor rowColor(int row) const;
    QString percentileText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColors();

    QLabel* m_title;
    QLabel* m_value;
    QLabel* m_percentile;
    QLabel* m_names[3];
    QLabel* m_rows[3];
    MetricChanges m_changes;
};

} // namespace bengal
