#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace callsnare::standin {

struct SentMessage;
struct StandInConfig;
class StandInLedger;

// Moves each accepted message through sent to its final status, in order,
// one message after the other, and posts a signed status callback for each
// step to the message's StatusCallback (when it has one). Like Twilio it
// sends no callback for the initial status.
class StatusCallbackWorker {
public:
    StatusCallbackWorker(const StandInConfig& config, StandInLedger& ledger);
    ~StatusCallbackWorker();
    StatusCallbackWorker(const StatusCallbackWorker&) = delete;
    StatusCallbackWorker& operator=(const StatusCallbackWorker&) = delete;

    void start();
    // Finishes the message in progress; the ones still queued are dropped.
    // Returns how many were dropped.
    std::size_t stop();
    void enqueue(const std::string& messageSid);

private:
    void run();
    void progress(const std::string& messageSid);
    void advance(const SentMessage& message, const std::string& status, std::optional<int> errorCode);

    const StandInConfig& m_config;
    StandInLedger& m_ledger;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::string> m_queue;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace callsnare::standin
