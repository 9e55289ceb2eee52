#pragma once

#include "domain/InboundKeyword.h"
#include "domain/Message.h"

#include <optional>
#include <string_view>

namespace callsnare::relay {

// What Twilio's status words mean for CallSnare (CARRIERS.md).

// DialCallStatus of the <Dial> action: busy, no-answer, failed and canceled
// (the caller gave up while it rang) are missed; completed / answered are not.
bool isMissedDialStatus(std::string_view dialCallStatus);

// CallStatus of a call that reached us by the org's own no-answer forwarding:
// the call itself is the missed call unless it ended before it was ours.
// Statuses of a call still in progress are not an outcome yet.
bool isFinalCallStatus(std::string_view callStatus);

// MessageStatus -> the message's delivery status; nullopt for statuses that
// say nothing new about an outbound text (read, receiving, received, an
// unknown future status).
std::optional<domain::DeliveryStatus> deliveryStatusFromTwilio(std::string_view messageStatus);

// Advanced Opt-Out's OptOutType (STOP, START, HELP), case-insensitive;
// nullopt when absent or unknown.
std::optional<domain::InboundKeyword> keywordFromOptOutType(std::string_view optOutType);

} // namespace callsnare::relay
