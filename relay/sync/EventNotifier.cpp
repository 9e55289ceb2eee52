#include "relay/sync/EventNotifier.h"

namespace callsnare::relay {

void EventNotifier::committed()
{
    {
        const std::lock_guard lock(m_mutex);
        ++m_generation;
    }
    m_changed.notify_all();
}

std::uint64_t EventNotifier::generation() const
{
    const std::lock_guard lock(m_mutex);
    return m_generation;
}

bool EventNotifier::waitForCommit(std::uint64_t seen, std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait_for(lock, timeout, [&] { return m_generation != seen || m_stopping; });
    return m_generation != seen;
}

bool EventNotifier::enterWait(int slots)
{
    const std::lock_guard lock(m_mutex);
    if (m_waiters >= slots || m_stopping) {
        return false;
    }
    ++m_waiters;
    return true;
}

void EventNotifier::leaveWait()
{
    const std::lock_guard lock(m_mutex);
    --m_waiters;
}

void EventNotifier::shutdown()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
}

bool EventNotifier::stopping() const
{
    const std::lock_guard lock(m_mutex);
    return m_stopping;
}

} // namespace callsnare::relay
