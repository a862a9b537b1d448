#include "charts/ChartTooltip.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace bengal {

namespace {
constexpr int kColumns = 4;
constexpr int kOffset = 16; // pixels between the cursor and the tooltip
} // namespace

ChartTooltip::ChartTooltip(QWidget* parent)
    : QFrame(parent), m_title(new QLabel(this)), m_note(new QLabel(this)), m_grid(new QGridLayout)
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    setForegroundRole(QPalette::ToolTipText);
    setAttribute(Qt::WA_TransparentForMouseEvents);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setForegroundRole(QPalette::ToolTipText);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addLayout(m_grid);
    layout->addWidget(m_note);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    m_note->setMaximumWidth(320);
    m_note->setForegroundRole(QPalette::ToolTipText);
    QFont small = m_note->font();
    small.setPointSizeF(small.pointSizeF() * 0.88);
    m_note->setFont(small);
    m_grid->setHorizontalSpacing(8);
    m_grid->setVerticalSpacing(1);
    hide();
}

QLabel* ChartTooltip::label(int row, int column)
{
    while (m_cells.size() <= row) {
        QList<QLabel*> cells;
        for (int c = 0; c < kColumns; ++c) {
            auto* l = new QLabel(this);
            l->setTextFormat(Qt::PlainText);
            l->setForegroundRole(QPalette::ToolTipText);
            if (c >= 2)
                l->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_grid->addWidget(l, int(m_cells.size()), c);
            cells.append(l);
        }
        cells[0]->setFixedSize(10, 10);
        m_cells.append(cells);
    }
    return m_cells[row][column];
}

void ChartTooltip::setContent(const QString& title, const QList<TooltipRow>& rows,
                              const QString& note)
{
    m_title->setText(title);
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    for (int r = 0; r < rows.size(); ++r) {
        const TooltipRow& row = rows[r];
        QLabel* swatch = label(r, 0);
        swatch->setAutoFillBackground(row.colour.isValid());
        if (row.colour.isValid()) {
            QPalette p = swatch->palette();
            p.setColor(swatch->backgroundRole(), row.colour);
            swatch->setPalette(p);
        }
        QLabel* name = label(r, 1);
        name->setText(row.label);
        QFont f = font();
        f.setBold(row.heading);
        name->setFont(f);
        label(r, 2)->setText(row.value);
        label(r, 3)->setText(row.change);
        for (int c = 0; c < kColumns; ++c)
            m_cells[r][c]->setVisible(c != 0 || row.colour.isValid() || !row.heading);
    }
    for (int r = int(rows.size()); r < m_cells.size(); ++r) {
        for (QLabel* l : std::as_const(m_cells[r]))
            l->hide();
    }
    m_used = int(rows.size());
    adjustSize();
}

void ChartTooltip::placeNear(const QPoint& anchor, int top)
{
    const QSize area = parentWidget() ? parentWidget()->size() : QSize();
    QPoint pos(anchor.x() + kOffset, top);
    if (pos.x() + width() > area.width())
        pos.setX(anchor.x() - kOffset - width());
    if (pos.y() + height() > area.height())
        pos.setY(std::max(0, area.height() - height()));
    pos.setX(std::max(0, pos.x()));
    move(pos);
    raise();
    show();
}

QString ChartTooltip::title() const
{
    return m_title->text();
}

QString ChartTooltip::plainText() const
{
    QStringList lines{m_title->text()};
    for (int r = 0; r < m_used; ++r) {
        QStringList cells;
        for (int c = 1; c < kColumns; ++c)
            cells.append(m_cells[r][c]->text());
        lines.append(cells.join(QLatin1Char('\t')));
    }
    if (!m_note->text().isEmpty())
        lines.append(m_note->text());
    return lines.join(QLatin1Char('\n'));
}

} // namespace bengal
