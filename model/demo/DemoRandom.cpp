#include "demo/DemoRandom.h"

#include <array>
#include <cmath>

namespace bengal {

namespace {

// 128 strips of equal area under the normal density (Doornik 2005, "An Improved Ziggurat
// Method to Generate Normal Random Samples").
constexpr int Strips = 128;
constexpr double TailStart = 3.442619855899;      // R: where the tail strip begins
constexpr double StripArea = 9.91256303526217e-3; // V: the area of each strip

struct ZigguratTables
{
    std::array<double, Strips + 1> x{}; // strip edges, x[1] = R, x[Strips] = 0
    std::array<double, Strips> ratio{}; // x[i + 1] / x[i]: inside this, accept at once

    ZigguratTables()
    {
        double f = std::exp(-0.5 * TailStart * TailStart);
        x[0] = StripArea / f;
        x[1] = TailStart;
        x[Strips] = 0.0;
        for (int i = 2; i < Strips; ++i) {
            x[i] = std::sqrt(-2.0 * std::log(StripArea / x[i - 1] + f));
            f = std::exp(-0.5 * x[i] * x[i]);
        }
        for (int i = 0; i < Strips; ++i)
            ratio[i] = x[i + 1] / x[i];
    }
};

const ZigguratTables& tables()
{
    static const ZigguratTables t;
    return t;
}

} // namespace

double DemoRandom::normal()
{
    const ZigguratTables& t = tables();
    for (;;) {
        const std::uint64_t bits = next();
        // The top 53 bits make u in [-1, 1); the low 7 (unused by u) pick the strip.
        const double u = 2.0 * (double(bits >> 11) * 0x1.0p-53) - 1.0;
        const int i = int(bits & (Strips - 1));
        if (std::fabs(u) < t.ratio[i])
            return u * t.x[i];
        if (i == 0) {
            // The tail beyond R, by Marsaglia's method.
            double x = 0.0;
            double y = 0.0;
            do {
                x = std::log(open01()) / TailStart;
                y = std::log(open01());
            } while (-2.0 * y < x * x);
            return u < 0.0 ? x - TailStart : TailStart - x;
        }
        // The wedge between the strip's rectangle and the density.
        const double x = u * t.x[i];
        const double f0 = std::exp(-0.5 * (t.x[i] * t.x[i] - x * x));
        const double f1 = std::exp(-0.5 * (t.x[i + 1] * t.x[i + 1] - x * x));
        if (f1 + uniform() * (f0 - f1) < 1.0)
            return x;
    }
}

} // namespace bengal
