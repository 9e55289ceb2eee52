#pragma once

#include "domain/PhoneNumber.h"
#include "domain/Time.h"

#include <optional>
#include <string>

namespace callsnare::domain {

enum class CallOutcome { Missed, Answered };

// One call as the carrier reported it. (carrier, carrierCallId) is unique:
// a carrier's retry of the same webhook is the same call.
struct CallEvent {
    std::string id;
    std::string orgId;
    std::string leadId; // empty for answered calls that opened no lead
    std::string carrier; // "twilio"
    std::string carrierCallId; // Twilio's CallSid
    std::optional<PhoneNumber> from; // empty when the caller withheld the number
    PhoneNumber to;
    CallOutcome outcome = CallOutcome::Missed;
    std::string carrierStatus; // e.g. DialCallStatus "no-answer"
    Instant occurredAt{};
};

} // namespace callsnare::domain
