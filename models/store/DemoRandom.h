#pragma once

#include <QtGlobal>

#include <array>
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>

namespace callsnare::store {

// The demo generator's source of randomness. std::mt19937_64's output is fixed
// by the standard; the distributions are not (libstdc++ and libc++ differ), so
// every draw below is made from the raw 64-bit words by our own arithmetic and
// the same seed gives the same demo data everywhere.
class DemoRandom {
public:
    explicit DemoRandom(quint64 seed) : m_engine(seed) { }

    // SplitMix64's finalizer: a bijection on 64-bit words that scatters nearby
    // inputs, used to derive independent seeds from (seed, index).
    static quint64 mix(quint64 value)
    {
        value += 0x9e3779b97f4a7c15ULL;
        value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
        value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
        return value ^ (value >> 31);
    }

    quint64 next() { return m_engine(); }

    // Uniform in [0, bound), by rejection so that no value is favoured.
    quint64 below(quint64 bound)
    {
        if (bound <= 1) {
            return 0;
        }
        const quint64 limit = ~quint64{0} - (~quint64{0} % bound);
        quint64 draw = next();
        while (draw >= limit) {
            draw = next();
        }
        return draw % bound;
    }

    // Uniform in [low, high], both included.
    qint64 between(qint64 low, qint64 high)
    {
        const auto span = static_cast<quint64>(high - low) + 1;
        return low + static_cast<qint64>(below(span));
    }

    int betweenInt(int low, int high) { return static_cast<int>(between(low, high)); }

    // True `perMille` times out of 1000.
    bool chance(int perMille) { return below(1000) < static_cast<quint64>(perMille); }

    template <typename T> const T& pick(std::span<const T> items)
    {
        return items[static_cast<std::size_t>(below(items.size()))];
    }
    template <typename T, std::size_t N> const T& pick(const std::array<T, N>& items)
    {
        return items[static_cast<std::size_t>(below(N))];
    }

    // `count` hexadecimal digits, lower case.
    std::string hex(int count)
    {
        static constexpr std::string_view digits = "0123456789abcdef";
        std::string text;
        text.reserve(static_cast<std::size_t>(count));
        quint64 bits = 0;
        for (int i = 0; i < count; ++i) {
            if (i % 16 == 0) {
                bits = next();
            }
            text.push_back(digits[static_cast<std::size_t>(bits & 0xfU)]);
            bits >>= 4;
        }
        return text;
    }

    // The 10 random bytes of a version 7 UUID (domain::timeOrderedId).
    std::array<std::uint8_t, 10> idBytes()
    {
        std::array<std::uint8_t, 10> bytes{};
        quint64 bits = next();
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            if (i == 8) {
                bits = next();
            }
            bytes[i] = static_cast<std::uint8_t>(bits & 0xffU);
            bits >>= 8;
        }
        return bytes;
    }

    // A version 4 (random) UUID: "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".
    std::string uuid()
    {
        std::string text = hex(32);
        text[12] = '4';
        static constexpr std::string_view variants = "89ab";
        text[16] = variants[static_cast<std::size_t>(below(4))];
        return text.substr(0, 8) + '-' + text.substr(8, 4) + '-' + text.substr(12, 4) + '-'
            + text.substr(16, 4) + '-' + text.substr(20);
    }

private:
    std::mt19937_64 m_engine;
};

} // namespace callsnare::store
