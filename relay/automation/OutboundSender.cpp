#include "relay/automation/OutboundSender.h"

#include "relay/server/JsonLog.h"
#include "relay/server/Metrics.h"
#include "relay/storage/GroupCommitWriter.h"
#include "relay/storage/OrgDirectory.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <random>

namespace callsnare::relay {

namespace {

Poco::Logger& logger()
{
    // Logger::get() takes a process-wide lock: look it up once.
    static Poco::Logger& instance = Poco::Logger::get("callsnare.relay.sender");
    return instance;
}

// What the carrier needs to send one job as its organization.
struct SendingIdentity {
    std::string accountSid;
    std::string authToken;
    std::string from;
    std::string messagingServiceSid;
};

} // namespace

OutboundSender::OutboundSender(GroupCommitWriter& writer, OrgDirectory& directory, SqlDialect dialect,
                               const domain::TimeZoneConverter& zones, Metrics& metrics,
                               SenderOptions options)
    : m_writer(writer), m_directory(directory), m_queue(dialect, zones), m_options(std::move(options)),
      m_client(m_options.twilioApiBase, m_options.carrierTimeout),
      m_textBackLatency(
          metrics.histogram("callsnare_textback_latency_seconds",
                            "From receiving a missed call to handing its text-back to the carrier.")),
      m_metrics(metrics)
{
}

OutboundSender::~OutboundSender()
{
    stop();
}

void OutboundSender::start()
{
    const std::lock_guard lock(m_mutex);
    if (m_started) {
        return;
    }
    m_started = true;
    for (int i = 0; i < std::max(1, m_options.threads); ++i) {
        m_workers.emplace_back([this] { workerLoop(); });
    }
    m_poller = std::thread([this] { pollerLoop(); });
}

void OutboundSender::stop()
{
    {
        const std::lock_guard lock(m_mutex);
        if (m_stopping || !m_started) {
            m_stopping = true;
            return;
        }
        m_stopping = true;
    }
    m_work.notify_all();
    m_pollWake.notify_all();
    for (auto& worker : m_workers) {
        worker.join();
    }
    m_poller.join();
}

void OutboundSender::dispatch(std::vector<OutboundJob> jobs)
{
    if (jobs.empty()) {
        return;
    }
    {
        const std::lock_guard lock(m_mutex);
        if (m_stopping) {
            return; // still claimed in storage: the next start takes them over
        }
        for (auto& job : jobs) {
            m_jobs.push_back(std::move(job));
        }
    }
    // One waiting thread per job: waking every idle sender for each text-back
    // cost more CPU than sending it.
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        m_work.notify_one();
    }
}

std::size_t OutboundSender::backlog() const
{
    const std::lock_guard lock(m_mutex);
    return m_jobs.size() + m_inFlight;
}

void OutboundSender::workerLoop()
{
    for (;;) {
        OutboundJob job;
        {
            std::unique_lock lock(m_mutex);
            m_work.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_jobs.empty()) {
                return;
            }
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
            ++m_inFlight;
        }
        try {
            process(std::move(job));
        } catch (const std::exception& e) {
            logEvent(logger(), Poco::Message::PRIO_ERROR, "sending a text failed",
                     {{"error", std::string(e.what())}});
        }
        const std::lock_guard lock(m_mutex);
        --m_inFlight;
    }
}

void OutboundSender::pollerLoop()
{
    bool takeOver = m_options.takeOverClaimsAtStart;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            if (m_stopping) {
                return;
            }
        }
        const std::int64_t nowMs = nowMillis();
        auto claimed = m_writer.compute<std::vector<OutboundJob>>([&](Poco::Data::Session& session) {
            return domain::Result<std::vector<OutboundJob>>(m_queue.claimDue(session, nowMs, 64, takeOver));
        });
        std::chrono::milliseconds wait = m_options.pollInterval;
        if (claimed) {
            takeOver = false;
            if (claimed.value().size() == 64) {
                wait = std::chrono::milliseconds{0};
            }
            dispatch(std::move(claimed).value());
        } else {
            logEvent(logger(), Poco::Message::PRIO_ERROR, "claiming due texts failed",
                     {{"error", claimed.error().message}});
        }
        std::unique_lock lock(m_mutex);
        m_pollWake.wait_for(lock, wait, [this] { return m_stopping; });
    }
}

void OutboundSender::record(const char* what, const OutboundJob& job,
                            std::function<void(Poco::Data::Session&)> work)
{
    // Not waited for: a sender thread moves on to the next text while the
    // outcome joins the next group commit. Until it commits the job stays
    // claimed, so nothing else touches it; if it fails, the claim expires and
    // the job is taken up again (asking the carrier first).
    m_writer.submit([work = std::move(work), label = std::string(what),
                     messageId = job.messageId](Poco::Data::Session& session) -> domain::Result<void> {
        try {
            work(session);
        } catch (const std::exception& e) {
            logEvent(logger(), Poco::Message::PRIO_ERROR, "recording a send outcome failed",
                     {{"what", label}, {"message_id", messageId}, {"error", std::string(e.what())}});
            throw;
        }
        return {};
    });
}

std::int64_t OutboundSender::retryDelayMs(int attempts)
{
    thread_local std::mt19937_64 random{std::random_device{}()};
    const double ceiling
        = std::min(static_cast<double>(m_options.retryCap.count()),
                   static_cast<double>(m_options.retryBase.count()) * std::pow(2.0, attempts));
    std::uniform_int_distribution<std::int64_t> jitter(0, static_cast<std::int64_t>(ceiling));
    return jitter(random);
}

void OutboundSender::process(OutboundJob job)
{
    auto account = m_directory.findCarrierAccount(job.orgId);
    auto organization = m_directory.findOrganization(job.orgId);
    if (!account || !organization) {
        const std::string why = !account ? account.error().message : organization.error().message;
        record("retry", job, [=, this](Poco::Data::Session& session) {
            m_queue.recordRetry(session, job, nowMillis() + retryDelayMs(job.attempts), why,
                                job.reconcileFirst, nowMillis());
        });
        return;
    }
    if (!account.value() || !organization.value()) {
        record("failed", job, [=, this](Poco::Data::Session& session) {
            m_queue.recordFailed(session, job, std::nullopt, "the organization has no carrier account", false,
                                 nowMillis());
        });
        return;
    }
    const CarrierRoute& route = *account.value();
    const OrganizationRecord& org = *organization.value();
    TwilioSend text;
    text.accountSid = route.accountSid;
    text.authToken = route.authToken;
    text.to = job.to;
    text.messagingServiceSid = org.messagingServiceSid.value_or("");
    text.from = org.organization.numbers.empty() ? std::string() : org.organization.numbers.front().e164();
    text.body = job.body;
    text.statusCallback = m_options.statusCallbackUrl;
    text.idempotencyToken = job.messageId;

    if (job.reconcileFirst) {
        const auto since = std::chrono::sys_seconds{std::chrono::seconds{job.attemptStartedMs / 1000}};
        auto found = m_client.findSent(text, since);
        if (!found) {
            record("retry", job, [=, this](Poco::Data::Session& session) {
                m_queue.recordRetry(session, job, nowMillis() + retryDelayMs(job.attempts),
                                    found.error().message, true, nowMillis());
            });
            return;
        }
        if (!found.value().empty()) {
            auto adopted = m_writer.compute<bool>([&](Poco::Data::Session& session) {
                return domain::Result<bool>(
                    m_queue.adoptCarrierSid(session, job, found.value(), nowMillis()));
            });
            if (!adopted) {
                return; // the claim expires and the job is reconciled again
            }
            if (adopted.value()) {
                m_metrics
                    .counter("callsnare_outbound_reconciled_total",
                             "Texts found at the carrier after an unheard attempt.")
                    .increment();
                return;
            }
        }
        auto next = m_writer.compute<std::optional<OutboundJob>>([&](Poco::Data::Session& session) {
            return domain::Result<std::optional<OutboundJob>>(
                m_queue.beginAttempt(session, job, nowMillis()));
        });
        if (!next || !next.value()) {
            return;
        }
        job = std::move(*next.value());
    }

    const SendOutcome outcome = m_client.send(text);
    if (job.purpose == domain::SendPurpose::TextBack && job.attempts == 1) {
        m_textBackLatency.observe(static_cast<double>(nowMillis() - job.queuedMs) / 1000.0);
    }
    const char* outcomeLabel = "accepted";
    const std::int64_t nowMs = nowMillis();
    switch (outcome.kind) {
    case SendOutcomeKind::Accepted:
        record("accepted", job, [=, this](Poco::Data::Session& session) {
            m_queue.recordAccepted(session, job, outcome.sid, nowMs);
        });
        break;
    case SendOutcomeKind::Retry:
    case SendOutcomeKind::Unknown:
        outcomeLabel = outcome.kind == SendOutcomeKind::Retry ? "retry" : "unknown";
        if (job.attempts >= m_options.maxAttempts && outcome.kind == SendOutcomeKind::Retry) {
            outcomeLabel = "gave_up";
            record("failed", job, [=, this](Poco::Data::Session& session) {
                m_queue.recordFailed(session, job, outcome.errorCode,
                                     "gave up after " + std::to_string(job.attempts)
                                         + " attempts: " + outcome.message,
                                     false, nowMs);
            });
            break;
        }
        record("retry", job, [=, this](Poco::Data::Session& session) {
            m_queue.recordRetry(session, job, nowMs + retryDelayMs(job.attempts), outcome.message,
                                outcome.kind == SendOutcomeKind::Unknown, nowMs);
        });
        break;
    case SendOutcomeKind::Rejected:
        outcomeLabel = "rejected";
        record("failed", job, [=, this](Poco::Data::Session& session) {
            m_queue.recordFailed(session, job, outcome.errorCode, outcome.message,
                                 outcome.errorCode == TwilioUnsubscribedRecipient, nowMs);
        });
        break;
    }
    m_metrics
        .counter("callsnare_outbound_attempts_total", "Attempts to hand a text to the carrier, by outcome.",
                 {{"outcome", outcomeLabel}})
        .increment();
    if (outcome.kind != SendOutcomeKind::Accepted) {
        logEvent(logger(), Poco::Message::PRIO_WARNING, "carrier did not take a text",
                 {{"message_id", job.messageId},
                  {"attempt", job.attempts},
                  {"outcome", std::string(outcomeLabel)},
                  {"detail", outcome.message}});
    }
}

} // namespace callsnare::relay
