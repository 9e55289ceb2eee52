#include "relay/twilio/TwilioVocabulary.h"

#include <array>
#include <string>
#include <utility>

namespace callsnare::relay {

bool isMissedDialStatus(std::string_view dialCallStatus)
{
    return dialCallStatus == "busy" || dialCallStatus == "no-answer" || dialCallStatus == "failed"
        || dialCallStatus == "canceled";
}

bool isFinalCallStatus(std::string_view callStatus)
{
    return callStatus == "completed" || isMissedDialStatus(callStatus);
}

std::optional<domain::DeliveryStatus> deliveryStatusFromTwilio(std::string_view messageStatus)
{
    using domain::DeliveryStatus;
    static constexpr std::array<std::pair<std::string_view, DeliveryStatus>, 9> table{{
        {"accepted", DeliveryStatus::Queued},
        {"scheduled", DeliveryStatus::Queued},
        {"queued", DeliveryStatus::Queued},
        {"sending", DeliveryStatus::Sending},
        {"sent", DeliveryStatus::Sent},
        {"delivered", DeliveryStatus::Delivered},
        {"undelivered", DeliveryStatus::Undelivered},
        {"failed", DeliveryStatus::Failed},
        // A canceled (scheduled) message will never be delivered.
        {"canceled", DeliveryStatus::Failed},
    }};
    for (const auto& [name, status] : table) {
        if (name == messageStatus) {
            return status;
        }
    }
    return std::nullopt;
}

std::optional<domain::InboundKeyword> keywordFromOptOutType(std::string_view optOutType)
{
    std::string upper;
    for (const char c : optOutType) {
        upper.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
    }
    if (upper == "STOP") {
        return domain::InboundKeyword::OptOut;
    }
    if (upper == "START") {
        return domain::InboundKeyword::OptIn;
    }
    if (upper == "HELP") {
        return domain::InboundKeyword::Help;
    }
    return std::nullopt;
}

} // namespace callsnare::relay
