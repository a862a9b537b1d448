#include "charts/ChartPalette.h"

#include <array>

namespace bengal {

namespace {

// Tableau 10 with a darker yellow, then six more hues; all keep enough contrast against white
// and against a dark grey. On dark backgrounds they are lifted a little.
constexpr std::array<QRgb, 16> kSeriesColours{
    0x4e79a7, 0xf28e2b, 0xe15759, 0x59a14f, 0x76b7b2, 0xc9a227, 0xb07aa1, 0xff9da7,
    0x9c755f, 0x17becf, 0x7f3c8d, 0x11a579, 0x3969ac, 0xe68310, 0x80ba5a, 0xcf1c90,
};

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace

ChartPalette ChartPalette::fromPalette(const QPalette& palette)
{
    ChartPalette p;
    const QColor window = palette.color(QPalette::Active, QPalette::Window);
    const QColor base = palette.color(QPalette::Active, QPalette::Base);
    p.text = palette.color(QPalette::Active, QPalette::WindowText);
    p.dark = window.lightnessF() < 0.5;
    p.background = window;
    p.plotArea = base;
    p.mutedText = mix(p.text, window, 0.45);
    p.grid = mix(base, p.text, p.dark ? 0.22 : 0.14);
    p.minorGrid = mix(base, p.text, p.dark ? 0.10 : 0.06);
    p.axisLine = mix(base, p.text, 0.45);
    p.crosshair = mix(base, p.text, 0.6);
    p.selection = palette.color(QPalette::Active, QPalette::Highlight);
    p.marker = p.dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
    p.failure = p.dark ? QColor(0xff, 0xb3, 0x47) : QColor(0xb2, 0x5e, 0x00);
    p.total = p.text;
    p.unattributed = mix(base, p.text, 0.5);
    return p;
}

QColor ChartPalette::series(int index) const
{
    const QColor c(kSeriesColours[std::size_t(index) % kSeriesColours.size()]);
    return dark ? c.lighter(118) : c;
}

} // namespace bengal
