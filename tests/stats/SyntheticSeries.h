#pragma once

// Deterministic synthetic series for the statistics tests. mt19937_64 is fully specified by the
// standard and the normal deviates come from our own Box-Muller, so every platform sees the same
// numbers (std::normal_distribution is implementation-defined).

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <vector>

namespace bengal::test {

class Rng
{
public:
    explicit Rng(std::uint64_t seed) : m_engine(seed) {}
    double uniform() // in (0, 1)
    {
        return (double(m_engine() >> 11) + 0.5) / 9007199254740992.0;
    }
    double normal()
    {
        const double r = std::sqrt(-2.0 * std::log(uniform()));
        return r * std::cos(2.0 * std::numbers::pi * uniform());
    }
    bool chance(double p) { return uniform() < p; }

private:
    std::mt19937_64 m_engine;
};

// level * exp(noise * N(0,1)): multiplicative noise, as build times have.
inline double noisy(Rng& rng, double level, double noise)
{
    return level * std::exp(noise * rng.normal());
}

// n values around `level` with multiplicative noise; from `stepAt` on (if >= 0) the level is
// multiplied by `stepFactor`.
inline std::vector<double> stepSeries(Rng& rng, int n, double level, double noise, int stepAt = -1,
                                      double stepFactor = 1.0)
{
    std::vector<double> v;
    v.reserve(size_t(n));
    for (int i = 0; i < n; ++i)
        v.push_back(noisy(rng, stepAt >= 0 && i >= stepAt ? level * stepFactor : level, noise));
    return v;
}

} // namespace bengal::test
