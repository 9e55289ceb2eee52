#pragma once

#include "domain/Time.h"

#include <chrono>
#include <string>

namespace callsnare::domain {

enum class BookingStatus { Scheduled, Canceled };

// A diagnostic visit on the calendar. `version` grows with every change so
// edits made elsewhere are detected instead of overwritten.
struct Booking {
    std::string id;
    std::string orgId;
    std::string leadId;
    Instant startsAt{};
    std::chrono::minutes duration{std::chrono::hours{2}};
    std::string technician;
    std::string address;
    BookingStatus status = BookingStatus::Scheduled;
    int version = 1;
};

} // namespace callsnare::domain
