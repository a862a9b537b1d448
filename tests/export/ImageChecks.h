#pragma once

// Image checks for the chart export tests (needs Qt Gui).

#include <QImage>

namespace bengal::test {

// Pixels that differ from the top-left corner's colour (the background), on a grid of `step`.
inline qsizetype drawnPixels(const QImage& image, int step = 2)
{
    const QRgb background = image.pixel(0, 0);
    qsizetype n = 0;
    for (int y = 0; y < image.height(); y += step) {
        for (int x = 0; x < image.width(); x += step)
            n += image.pixel(x, y) != background ? 1 : 0;
    }
    return n;
}

} // namespace bengal::test
