#include "domain/Message.h"

#include <array>
#include <utility>

namespace callsnare::domain {

namespace {

constexpr std::array<std::pair<DeliveryStatus, std::string_view>, 8> statusNames{{
    {DeliveryStatus::Queued, "queued"},
    {DeliveryStatus::Sending, "sending"},
    {DeliveryStatus::Sent, "sent"},
    {DeliveryStatus::Delivered, "delivered"},
    {DeliveryStatus::Undelivered, "undelivered"},
    {DeliveryStatus::Failed, "failed"},
    {DeliveryStatus::Refused, "refused"},
    {DeliveryStatus::Received, "received"},
}};

int progressRank(DeliveryStatus status)
{
    switch (status) {
    case DeliveryStatus::Queued:
        return 0;
    case DeliveryStatus::Sending:
        return 1;
    case DeliveryStatus::Sent:
        return 2;
    case DeliveryStatus::Delivered:
    case DeliveryStatus::Undelivered:
    case DeliveryStatus::Failed:
    case DeliveryStatus::Refused:
    case DeliveryStatus::Received:
        return 3;
    }
    return 3;
}

} // namespace

std::string_view wireName(DeliveryStatus status)
{
    for (const auto& [value, name] : statusNames) {
        if (value == status) {
            return name;
        }
    }
    return {};
}

std::optional<DeliveryStatus> parseDeliveryStatus(std::string_view text)
{
    for (const auto& [value, name] : statusNames) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

bool isDeliveryProgress(DeliveryStatus from, DeliveryStatus to)
{
    if (from == DeliveryStatus::Received || to == DeliveryStatus::Received) {
        return false;
    }
    return progressRank(to) > progressRank(from);
}

} // namespace callsnare::domain
