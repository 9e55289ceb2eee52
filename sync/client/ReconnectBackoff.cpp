#include "client/ReconnectBackoff.h"

#include <algorithm>

namespace callsnare::syncclient {

ReconnectBackoff::ReconnectBackoff(std::chrono::milliseconds initial, std::chrono::milliseconds cap)
    : m_initial(std::max(initial, std::chrono::milliseconds{1})), m_cap(std::max(cap, m_initial)),
      m_random(std::random_device{}())
{
}

std::chrono::milliseconds ReconnectBackoff::next()
{
    return next(std::uniform_real_distribution<double>(0.0, 1.0)(m_random));
}

std::chrono::milliseconds ReconnectBackoff::next(double jitter)
{
    jitter = std::clamp(jitter, 0.0, 1.0);
    // Doubling stops once the step reaches the cap (and before it could overflow).
    std::chrono::milliseconds step = m_initial;
    for (int i = 0; i < m_failures && step < m_cap; ++i) {
        step *= 2;
    }
    step = std::min(step, m_cap);
    ++m_failures;
    const auto half = step / 2;
    const auto extra = std::chrono::milliseconds{
        static_cast<std::chrono::milliseconds::rep>(static_cast<double>((step - half).count()) * jitter)};
    return half + extra;
}

} // namespace callsnare::syncclient
