#pragma once

#include "domain/Booking.h"
#include "domain/CallEvent.h"
#include "domain/Contact.h"
#include "domain/Message.h"
#include "domain/QuietHours.h"
#include "domain/ReminderJob.h"
#include "domain/WireNames.h"

namespace callsnare::domain {

// The stored and wire names of the entity enums that have no wireName() of
// their own; databases (desktop and relay) and the sync protocol all use
// these. Once shipped, a name never changes.
inline constexpr domain::WireNameTable<domain::QuietHoursPolicy, 2> kQuietHoursPolicyNames{{
    {domain::QuietHoursPolicy::Defer, "defer"},
    {domain::QuietHoursPolicy::Skip, "skip"},
}};

inline constexpr domain::WireNameTable<domain::ConsentSource, 4> kConsentSourceNames{{
    {domain::ConsentSource::Keyword, "keyword"},
    {domain::ConsentSource::CarrierError, "carrier_error"},
    {domain::ConsentSource::Dispatcher, "dispatcher"},
    {domain::ConsentSource::Import, "import"},
}};

inline constexpr domain::WireNameTable<domain::CallOutcome, 2> kCallOutcomeNames{{
    {domain::CallOutcome::Missed, "missed"},
    {domain::CallOutcome::Answered, "answered"},
}};

inline constexpr domain::WireNameTable<domain::Direction, 2> kDirectionNames{{
    {domain::Direction::Inbound, "inbound"},
    {domain::Direction::Outbound, "outbound"},
}};

inline constexpr domain::WireNameTable<domain::MessageAuthor, 3> kMessageAuthorNames{{
    {domain::MessageAuthor::Homeowner, "homeowner"},
    {domain::MessageAuthor::Automation, "automation"},
    {domain::MessageAuthor::Dispatcher, "dispatcher"},
}};

inline constexpr domain::WireNameTable<domain::BookingStatus, 2> kBookingStatusNames{{
    {domain::BookingStatus::Scheduled, "scheduled"},
    {domain::BookingStatus::Canceled, "canceled"},
}};

inline constexpr domain::WireNameTable<domain::ReminderKind, 2> kReminderKindNames{{
    {domain::ReminderKind::Confirmation, "confirmation"},
    {domain::ReminderKind::Reminder, "reminder"},
}};

inline constexpr domain::WireNameTable<domain::ReminderStatus, 3> kReminderStatusNames{{
    {domain::ReminderStatus::Pending, "pending"},
    {domain::ReminderStatus::Sent, "sent"},
    {domain::ReminderStatus::Canceled, "canceled"},
}};

} // namespace callsnare::domain
