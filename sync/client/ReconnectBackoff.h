#pragma once

#include <chrono>
#include <random>

namespace callsnare::syncclient {

// How long the sync client waits before it tries the relay again after a
// network error or a 5xx: doubling from `initial` up to `cap`, each delay
// drawn from the upper half of its step ("equal jitter"), so many desktops
// that lost the relay together do not all come back in the same second, and
// none waits longer than `cap`.
class ReconnectBackoff {
public:
    explicit ReconnectBackoff(std::chrono::milliseconds initial = std::chrono::seconds{1},
                              std::chrono::milliseconds cap = std::chrono::seconds{60});

    // The delay before the next attempt; each call counts one more failure.
    std::chrono::milliseconds next();
    // The same with the jitter given (0..1), for tests.
    std::chrono::milliseconds next(double jitter);
    // The relay answered: the next failure starts from `initial` again.
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }

private:
    std::chrono::milliseconds m_initial;
    std::chrono::milliseconds m_cap;
    int m_failures = 0;
    std::mt19937_64 m_random;
};

} // namespace callsnare::syncclient
