#pragma once

#include "domain/PhoneNumber.h"
#include "domain/Result.h"
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

namespace callsnare::relay {

// A call as the carrier reported it, already tied to its organization.
struct CallReport {
    std::string orgId;
    std::string carrier = "twilio";
    std::string callSid;
    std::string rawFrom; // as the carrier sent it ("anonymous" when withheld)
    std::optional<domain::PhoneNumber> caller; // nullopt: withheld or not a number
    domain::PhoneNumber to;
    std::string carrierStatus; // e.g. DialCallStatus "no-answer"
    bool missed = true;
    domain::Instant at{};
    std::int64_t receivedMs = 0; // when the webhook arrived (Unix ms)
};

struct CallReceipt {
    bool duplicate = false; // already stored (a carrier retry): nothing written
    std::string leadId; // empty: answered, or no caller number to open a lead on
    bool newLead = false;
    // Texts cleared to go now; hand them to the sender after the commit.
    std::vector<OutboundJob> sendNow;
};

// Records one call, exactly once per (org, carrier, CallSid). A missed call
// from a known number finds or creates the caller's contact and opens a lead
// or joins the caller's latest one (domain::joinsLead, the org's dedupe
// window), bumping its call count. Every fact goes to the org's event log in
// the same transaction. Runs as a GroupCommitWriter unit.
class Automation;

// With `automation`, the text-back decision runs in the same unit.
class MissedCallIngest {
public:
    explicit MissedCallIngest(SqlDialect dialect, const Automation* automation = nullptr)
        : m_dialect(dialect), m_automation(automation)
    {
    }

    domain::Result<CallReceipt> apply(Poco::Data::Session& session, const CallReport& report) const;

private:
    SqlDialect m_dialect;
    const Automation* m_automation;
};

} // namespace callsnare::relay
