#pragma once

#include "domain/InboundKeyword.h"
#include "domain/Lead.h"
#include "domain/PhoneNumber.h"
#include "domain/Time.h"
#include "relay/automation/OutboundQueue.h"
#include "relay/storage/SqlDialect.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace Poco::Data {
class Session;
}

namespace callsnare::domain {
class TimeZoneConverter;
}

namespace callsnare::relay {

class EventBatch;

// A missed call as stored, with what the text-back decision reads.
struct MissedCallFacts {
    std::string orgId;
    std::string carrier;
    std::string callSid;
    std::optional<domain::PhoneNumber> caller; // nullopt: withheld
    std::string contactId; // empty when withheld
    // The caller's latest lead as it was before this call joined or opened one.
    std::optional<domain::Lead> latestBefore;
    std::string leadId; // the lead the call joined or opened; empty when withheld
    domain::Instant at{};
    std::int64_t receivedMs = 0; // when the webhook arrived (Unix ms)
    // The contact row was created by this call: not opted out, no zone of its own.
    bool newContact = false;
};

// An inbound text as stored.
struct InboundTextFacts {
    std::string orgId;
    std::string messageSid;
    domain::PhoneNumber from;
    std::string contactId;
    domain::InboundKeyword keyword = domain::InboundKeyword::None;
    bool optOutChanged = false;
    std::optional<domain::Lead> lead; // the lead it attached to, after any move
    std::string body;
    domain::Instant at{};
    std::int64_t receivedMs = 0;
};

// The automation that runs inside the transaction storing a carrier fact:
// the text-back decision on a missed call; keyword replies, soft opt-outs,
// urgent words and the intake questions on an inbound text. Texts it decides
// are queued in that same transaction (OutboundQueue), so a crash can neither
// lose nor repeat them; the ones cleared to go now are returned for the
// sender. Every decision, including "not texted", goes to the event log.
// Throws Poco::Exception on storage failures (the writer rolls the unit back).
class Automation {
public:
    Automation(SqlDialect dialect, const domain::TimeZoneConverter& zones)
        : m_dialect(dialect), m_zones(zones), m_queue(dialect, zones)
    {
    }

    // The decision joins `events` (the unit's batch, flushed by the caller);
    // a text it queues flushes the batch first, so the log keeps the order.
    std::vector<OutboundJob> onMissedCall(Poco::Data::Session& session, const MissedCallFacts& call,
                                          EventBatch& events) const;
    std::vector<OutboundJob> onInboundText(Poco::Data::Session& session, const InboundTextFacts& text) const;

private:
    std::string sql(std::string_view text) const { return portableSql(m_dialect, text); }

    SqlDialect m_dialect;
    const domain::TimeZoneConverter& m_zones;
    OutboundQueue m_queue;
};

} // namespace callsnare::relay
