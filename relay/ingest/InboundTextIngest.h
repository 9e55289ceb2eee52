#pragma once

#include "domain/InboundKeyword.h"
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

// A text a homeowner sent to one of the org's numbers.
struct InboundTextReport {
    std::string orgId;
    std::string carrier = "twilio";
    std::string messageSid;
    domain::PhoneNumber from;
    std::string to; // our number as the carrier sent it
    std::string body;
    int mediaCount = 0;
    // What the carrier already recognised (Twilio's Advanced Opt-Out
    // OptOutType); nullopt lets the body decide (domain::classifyInboundText).
    std::optional<domain::InboundKeyword> carrierKeyword;
    domain::Instant at{};
    std::int64_t receivedMs = 0; // when the webhook arrived (Unix ms)
};

struct InboundTextReceipt {
    bool duplicate = false; // already stored (a carrier retry): nothing written
    std::string messageId;
    std::string leadId; // empty when a keyword arrived from someone without a lead
    domain::InboundKeyword keyword = domain::InboundKeyword::None;
    bool optOutChanged = false;
    // Texts cleared to go now; hand them to the sender after the commit.
    std::vector<OutboundJob> sendNow;
};

// Records one inbound text, exactly once per (org, MessageSid). A STOP-family
// keyword opts the contact out, a START-family one back in. A conversational
// text attaches to the caller's open lead (moving it to replied) or opens a
// lead; a keyword attaches to the caller's latest lead, if any, and moves no
// lead. Every fact goes to the org's event log in the same transaction.
class Automation;

// With `automation`, keyword replies, urgent words and the response rules run
// in the same unit.
class InboundTextIngest {
public:
    explicit InboundTextIngest(SqlDialect dialect, const Automation* automation = nullptr)
        : m_dialect(dialect), m_automation(automation)
    {
    }

    domain::Result<InboundTextReceipt> apply(Poco::Data::Session& session,
                                             const InboundTextReport& report) const;

private:
    SqlDialect m_dialect;
    const Automation* m_automation;
};

} // namespace callsnare::relay
