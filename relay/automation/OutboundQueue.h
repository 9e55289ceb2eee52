#pragma once

#include "domain/Message.h"
#include "domain/PhoneNumber.h"
#include "domain/Result.h"
#include "domain/SendGate.h"
#include "domain/Time.h"
#include "relay/storage/SqlDialect.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace Poco::Data {
class Session;
}

namespace callsnare::relay {

struct OrgAutomation;

// A text automation (or a dispatcher) wants to send.
struct OutboundText {
    std::string orgId;
    // One text per decision: a second enqueue with the same key is a no-op
    // ("text_back:twilio:CA...", "opt_out_confirmation:SM...").
    std::string decisionKey;
    domain::SendPurpose purpose = domain::SendPurpose::TextBack;
    domain::PhoneNumber to;
    std::string contactId; // empty when the recipient is not a contact (the on-call person)
    std::string leadId; // empty when the text is not about a lead
    std::string body;
};

// A text claimed for a carrier attempt by this process.
struct OutboundJob {
    std::string orgId;
    std::string messageId;
    domain::SendPurpose purpose = domain::SendPurpose::TextBack;
    std::string to;
    std::string contactId;
    std::string leadId;
    std::string body;
    int attempts = 0; // including the one about to be made
    std::int64_t queuedMs = 0; // when the fact that caused it was received
    std::int64_t attemptStartedMs = 0;
    // An earlier attempt may have reached the carrier without us hearing
    // the answer (a crash, a cut connection): ask the carrier before sending.
    bool reconcileFirst = false;
};

struct EnqueueResult {
    bool duplicate = false; // the decision already has its text
    std::string messageId;
    domain::SendVerdict verdict;
    // Set when the verdict is Send: the job is already claimed for this
    // process; hand it to the sender once the transaction has committed.
    std::optional<OutboundJob> sendNow;
};

// How long a claim protects a job from other senders; past it the job is
// claimed again (after asking the carrier whether the text went out).
inline constexpr std::chrono::milliseconds SendLease{30000};

std::int64_t nowMillis();

// The outbound queue (outbound_jobs + the message rows), always inside a
// GroupCommitWriter unit. Every state change is appended to the org's event
// log in the same transaction. The one enforcement point
// (domain::judgeSend) runs here, at enqueue for an immediate send and again
// when a waiting job is claimed. Throws Poco::Exception on storage failures.
class OutboundQueue {
public:
    OutboundQueue(SqlDialect dialect, const domain::TimeZoneConverter& zones)
        : m_dialect(dialect), m_zones(zones)
    {
    }

    // messageId: empty mints a new one. A dispatcher's text keeps the id the
    // desktop gave it, so both sides name the same message.
    EnqueueResult enqueue(Poco::Data::Session& session, const OrgAutomation& settings,
                          const OutboundText& text, std::int64_t receivedMs, domain::Instant decidedAt,
                          const std::string& messageId = {}) const;

    // Claims up to `limit` jobs that are due (or whose claim expired) for this
    // process, running the gate on each: refused and deferred ones are settled
    // here and not returned.
    std::vector<OutboundJob> claimDue(Poco::Data::Session& session, std::int64_t nowMs, std::size_t limit,
                                      bool takeOverAllClaims) const;

    // For a job that needed reconciling and was not found at the carrier:
    // the gate again, then a new attempt. nullopt when it is not to be sent.
    std::optional<OutboundJob> beginAttempt(Poco::Data::Session& session, const OutboundJob& job,
                                            std::int64_t nowMs) const;

    void recordAccepted(Poco::Data::Session& session, const OutboundJob& job, const std::string& carrierSid,
                        std::int64_t nowMs) const;
    // After an unheard attempt: records the first of the carrier's candidate
    // sids that no other message of the org holds as this job's; false when
    // every candidate belongs to another text (this one was not sent).
    bool adoptCarrierSid(Poco::Data::Session& session, const OutboundJob& job,
                         const std::vector<std::string>& candidates, std::int64_t nowMs) const;
    // Another attempt at dueMs; `outcomeUnknown` makes it reconcile first.
    void recordRetry(Poco::Data::Session& session, const OutboundJob& job, std::int64_t dueMs,
                     const std::string& error, bool outcomeUnknown, std::int64_t nowMs) const;
    // A permanent failure; `recipientOptedOut` (Twilio 21610) also opts the contact out.
    void recordFailed(Poco::Data::Session& session, const OutboundJob& job, std::optional<int> errorCode,
                      const std::string& reason, bool recipientOptedOut, std::int64_t nowMs) const;

    // The earliest due time of a waiting job, for the sender's wake-up.
    std::optional<std::int64_t> nextDueMs(Poco::Data::Session& session) const;

private:
    domain::SendVerdict judge(Poco::Data::Session& session, const OrgAutomation& settings,
                              domain::SendPurpose purpose, const std::string& to,
                              const std::string& contactId, const std::string& leadId,
                              domain::Instant at) const;
    // Settles a job the gate did not let through: refused (message refused,
    // event) or deferred (pending until the verdict's time).
    void settleHeld(Poco::Data::Session& session, const OutboundJob& job, const domain::SendVerdict& verdict,
                    std::int64_t nowMs) const;
    void setMessageStatus(Poco::Data::Session& session, const std::string& orgId,
                          const std::string& messageId, domain::DeliveryStatus status,
                          std::optional<int> errorCode, std::int64_t nowMs) const;
    std::string sql(std::string_view text) const { return portableSql(m_dialect, text); }

    SqlDialect m_dialect;
    const domain::TimeZoneConverter& m_zones;
};

} // namespace callsnare::relay
