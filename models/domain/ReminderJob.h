#pragma once

#include "domain/Time.h"

#include <chrono>
#include <string>

namespace callsnare::domain {

enum class ReminderKind { Confirmation, Reminder };
enum class ReminderStatus { Pending, Sent, Canceled };

// One scheduled text about a booking. A reminder is identified by how long
// before the visit it is meant to arrive (`offset`) and by the visit time it
// announces, so a moved booking yields new jobs instead of stale ones.
struct ReminderJob {
    std::string id;
    std::string orgId;
    std::string bookingId;
    ReminderKind kind = ReminderKind::Reminder;
    std::chrono::minutes offset{}; // zero for the confirmation
    Instant bookingStartsAt{};
    Instant dueAt{};
    ReminderStatus status = ReminderStatus::Pending;

    friend bool operator==(const ReminderJob&, const ReminderJob&) = default;
};

// Sent and Canceled are final: such a job is history and never changes again
// (replanReminders leaves it alone, the sender never sends it twice), so a
// copy that says otherwise is stale.
constexpr bool isFinal(ReminderStatus status)
{
    return status != ReminderStatus::Pending;
}

} // namespace callsnare::domain
