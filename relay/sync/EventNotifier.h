#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace callsnare::relay {

// Wakes sync long-polls when the writer committed: a device waiting for
// events hears about them within milliseconds instead of polling.
//
// The writer calls committed() after every transaction; a waiter takes
// generation() before it reads the log, and waits only if nothing was
// committed since (so a commit between its read and its wait is never
// missed). Commits of another relay replica are not seen here, which is why
// waiters also re-read the log at least once a second.
class EventNotifier {
public:
    void committed();
    std::uint64_t generation() const;

    // Waits until a commit after `seen`, the timeout, or shutdown(); true
    // when there was a commit.
    bool waitForCommit(std::uint64_t seen, std::chrono::milliseconds timeout);

    // Counts a long-poll in; false (and not counted) when `slots` already wait.
    bool enterWait(int slots);
    void leaveWait();

    // Releases every waiter at once and for good (the relay is draining).
    void shutdown();
    bool stopping() const;

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::uint64_t m_generation = 0;
    bool m_stopping = false;
    int m_waiters = 0;
};

} // namespace callsnare::relay
