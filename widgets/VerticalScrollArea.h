#pragma once

#include <QScrollArea>

namespace bengal {

// Scrolls its widget up and down only: as narrow as the widget can be, as short as the dock
// wants. A tall panel in a dock then never pushes the window's minimum height past the screen,
// and is never cut off at the side.
class VerticalScrollArea : public QScrollArea
{
public:
    explicit VerticalScrollArea(QWidget* content, QWidget* parent = nullptr);

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace bengal
