#pragma once

#include "relay/automation/OutboundQueue.h"
#include "relay/automation/TwilioMessagesClient.h"
#include "relay/storage/SqlDialect.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace Poco::Data {
class Session;
}

namespace callsnare::domain {
class TimeZoneConverter;
}

namespace callsnare::relay {

class Counter;
class GroupCommitWriter;
class Histogram;
class Metrics;
class OrgDirectory;

struct SenderOptions {
    std::string twilioApiBase = "https://api.twilio.com";
    // Where Twilio posts delivery status (our public URL + the status route).
    std::string statusCallbackUrl;
    int threads = 16; // see RelayConfig::senderThreads
    // How often waiting texts are looked for when nothing wakes the sender.
    std::chrono::milliseconds pollInterval{500};
    int maxAttempts = 10;
    // Full-jitter exponential backoff: a random wait up to base * 2^attempt, capped.
    std::chrono::milliseconds retryBase{200};
    std::chrono::milliseconds retryCap{60000};
    std::chrono::milliseconds carrierTimeout{15000};
    // Only one relay writes (SQLite): claims left by an earlier run are
    // taken over at start instead of waiting for them to expire.
    bool takeOverClaimsAtStart = false;
};

// Posts queued texts to the carrier. Texts decided during a webhook arrive
// through dispatch() right after their transaction committed, so a text-back
// leaves within milliseconds; a poller claims everything else that is due
// (deferred texts, retries, claims a crashed relay left behind). Every
// outcome is recorded through the GroupCommitWriter before the job is done.
class OutboundSender {
public:
    OutboundSender(GroupCommitWriter& writer, OrgDirectory& directory, SqlDialect dialect,
                   const domain::TimeZoneConverter& zones, Metrics& metrics, SenderOptions options);
    ~OutboundSender();

    OutboundSender(const OutboundSender&) = delete;
    OutboundSender& operator=(const OutboundSender&) = delete;

    void start();
    // Finishes the texts in flight, leaves the rest queued in storage.
    void stop();

    // Jobs claimed in a committed transaction (EnqueueResult::sendNow).
    void dispatch(std::vector<OutboundJob> jobs);

    std::size_t backlog() const;

private:
    void workerLoop();
    void pollerLoop();
    void process(OutboundJob job);
    // Records `work` durably; logs (without secrets) when it fails.
    void record(const char* what, const OutboundJob& job, std::function<void(Poco::Data::Session&)> work);
    std::int64_t retryDelayMs(int attempts);

    GroupCommitWriter& m_writer;
    OrgDirectory& m_directory;
    OutboundQueue m_queue;
    SenderOptions m_options;
    TwilioMessagesClient m_client;
    Histogram& m_textBackLatency;
    Metrics& m_metrics;

    mutable std::mutex m_mutex;
    std::condition_variable m_work;
    std::condition_variable m_pollWake;
    std::deque<OutboundJob> m_jobs;
    std::size_t m_inFlight = 0;
    bool m_stopping = false;
    bool m_started = false;
    std::vector<std::thread> m_workers;
    std::thread m_poller;
};

} // namespace callsnare::relay
