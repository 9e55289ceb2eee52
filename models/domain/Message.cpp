#include "domain/Message.h"
#include "domain/WireNames.h"

#include <utility>

namespace callsnare::domain {

namespace {

constexpr WireNameTable<DeliveryStatus, 8> statusNames{{
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
    return nameIn(statusNames, status);
}

std::optional<DeliveryStatus> parseDeliveryStatus(std::string_view text)
{
    return valueIn(statusNames, text);
}

bool isDeliveryProgress(DeliveryStatus from, DeliveryStatus to)
{
    if (from == DeliveryStatus::Received || to == DeliveryStatus::Received) {
        return false;
    }
    return progressRank(to) > progressRank(from);
}

} // namespace callsnare::domain
