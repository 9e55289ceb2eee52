#pragma once

#include "domain/Time.h"

#include <optional>
#include <string>
#include <string_view>

namespace callsnare::domain {

enum class Direction { Inbound, Outbound };

// Where an outbound text is on its way to the homeowner; inbound texts are
// Received. Refused means our own send check stopped it (opt-out, billing...).
enum class DeliveryStatus { Queued, Sending, Sent, Delivered, Undelivered, Failed, Refused, Received };

std::string_view wireName(DeliveryStatus status);
std::optional<DeliveryStatus> parseDeliveryStatus(std::string_view text);
// Carriers report statuses out of order; a status only ever moves forward
// (queued -> sending -> sent -> delivered | undelivered | failed), and a
// final status never changes.
bool isDeliveryProgress(DeliveryStatus from, DeliveryStatus to);

// Who wrote an outbound text.
enum class MessageAuthor { Homeowner, Automation, Dispatcher };

struct Message {
    std::string id;
    std::string orgId;
    std::string leadId;
    Direction direction = Direction::Outbound;
    MessageAuthor author = MessageAuthor::Automation;
    std::string body;
    std::string carrierId; // Twilio's MessageSid, empty until the carrier accepted it
    DeliveryStatus status = DeliveryStatus::Queued;
    std::optional<int> carrierErrorCode;
    Instant createdAt{};
};

} // namespace callsnare::domain
