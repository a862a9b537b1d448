#pragma once

#include <cstdint>

namespace bengal {

// The demo generator's own random numbers. std:: distributions are not used on purpose: their
// output differs between standard libraries, and a seed must give the same history everywhere.

// splitmix64: turns any 64-bit value into a well-mixed one; used to seed xoshiro.
inline std::uint64_t splitMix64(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// xoshiro256**: small, fast, and good enough for synthetic data.
class DemoRandom
{
public:
    // A stream for (seed, stream): every build draws from its own stream, so what one build draws
    // never shifts the numbers of the next (a step or an option change stays local).
    DemoRandom(std::uint64_t seed, std::uint64_t stream)
    {
        std::uint64_t mix = seed ^ (stream * 0xD1B54A32D192ED03ULL);
        for (std::uint64_t& word : m_state)
            word = splitMix64(mix);
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, 1), 53 random bits.
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }

    double uniform(double low, double high) { return low + (high - low) * uniform(); }

    // Uniform whole number in [0, bound).
    std::uint64_t below(std::uint64_t bound) { return bound == 0 ? 0 : next() % bound; }

    bool chance(double probability) { return uniform() < probability; }

    // Uniform in (0, 1): never 0, so its logarithm is finite.
    double open01() { return (double(next() >> 11) + 0.5) * 0x1.0p-53; }

    // Standard normal by the ziggurat method (Marsaglia & Tsang, in Doornik's ZIGNOR form):
    // most draws cost one random number and one table look-up, which matters at ~45 normals
    // per build and a million builds.
    double normal();

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::uint64_t m_state[4] = {};
};

} // namespace bengal
