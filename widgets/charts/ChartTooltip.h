#pragma once

#include <QColor>
#include <QFrame>
#include <QList>
#include <QString>

class QGridLayout;
class QLabel;

namespace bengal {

// One line of the hover tooltip.
struct TooltipRow
{
    QColor colour;  // swatch; invalid = none (section rows)
    QString label;  // plain text
    QString value;  // formatted with its unit
    QString change; // against the rolling median, e.g. "+12.4 % vs median"
    bool heading = false;
};

// The tooltip of a trend chart: a small frame over the plot with a grid of plain-text labels
// (history text is never interpreted as markup), placed beside the cursor and kept inside.
class ChartTooltip : public QFrame
{
    Q_OBJECT
public:
    explicit ChartTooltip(QWidget* parent);

    // `note` is a line of small print under the rows (empty: none).
    void setContent(const QString& title, const QList<TooltipRow>& rows,
                    const QString& note = QString());
    // Places it beside `anchor` (parent coordinates) with its top at `top` (the plot's top, so
    // it hides as little of the lines as it can), flipping sides to stay inside.
    void placeNear(const QPoint& anchor, int top);
    QString title() const;
    // Everything it shows, one row per line, cells separated by tabs (for tests and copying).
    QString plainText() const;

private:
    QLabel* label(int row, int column);

    QLabel* m_title;
    QLabel* m_note;
    QGridLayout* m_grid;
    QList<QList<QLabel*>> m_cells; // rows × (swatch, label, value, change)
    int m_used = 0;
};

} // namespace bengal
