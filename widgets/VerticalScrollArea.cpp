#include "VerticalScrollArea.h"

#include <QEvent>
#include <QScrollBar>
#include <algorithm>

namespace bengal {

VerticalScrollArea::VerticalScrollArea(QWidget* content, QWidget* parent) : QScrollArea(parent)
{
    setWidget(content);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    content->installEventFilter(this);
}

QSize VerticalScrollArea::minimumSizeHint() const
{
    QSize size = QScrollArea::minimumSizeHint();
    if (widget()) {
        size.setWidth(widget()->minimumSizeHint().width() +
                      verticalScrollBar()->sizeHint().width() + 2 * frameWidth());
    }
    return size;
}

QSize VerticalScrollArea::sizeHint() const
{
    QSize size = QScrollArea::sizeHint();
    if (widget())
        size.setWidth(std::max(size.width(), minimumSizeHint().width()));
    return size;
}

bool VerticalScrollArea::eventFilter(QObject* watched, QEvent* event)
{
    // The content's minimum width changes as data arrives: the dock has to hear of it.
    if (watched == widget() && event->type() == QEvent::LayoutRequest)
        updateGeometry();
    return QScrollArea::eventFilter(watched, event);
}

} // namespace bengal
