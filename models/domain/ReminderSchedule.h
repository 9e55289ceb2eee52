#pragma once

#include "domain/Booking.h"
#include "domain/QuietHours.h"
#include "domain/ReminderJob.h"
#include "domain/Result.h"
#include "domain/Time.h"

#include <chrono>
#include <string>
#include <vector>

namespace callsnare::domain {

// How a booking's texts are timed for one recipient.
//
// Offsets are ELAPSED time: a 24 h reminder is due at startsAt - 24 h as
// instants, so across a DST change it lands at a different wall-clock hour
// (23 or 25 wall-clock hours before the visit). The homeowner gets the same
// notice in real time whatever the calendar does, and no reminder is ever
// computed from a wall time that does not exist.
struct ReminderPolicy {
    std::vector<std::chrono::minutes> offsets{std::chrono::hours{24}, std::chrono::hours{2}};
    QuietHours quietHours;
    std::string zone; // the recipient's IANA zone; quiet hours are judged there
    // How long before quiet hours begin a reminder pulled out of them goes out,
    // so it does not arrive in the last minute before the curfew.
    std::chrono::minutes quietMargin{30};

    // Offsets must be positive and unique ("invalid_reminder_offset"), the
    // margin positive ("invalid_quiet_margin"), the zone named
    // ("missing_reminder_zone").
    Result<void> validate() const;
};

// The texts a booking should have, as of `now`, ids empty (the caller assigns),
// status Pending, in due order (a confirmation before a reminder due at the
// same instant).
//
// - A canceled booking, or one that has already started, gets none.
// - The confirmation is due now, or when quiet hours end if now is inside
//   them; it is dropped if that is not before the visit starts.
// - A reminder is due at startsAt - offset; none if that is at/before now. One
//   that falls in quiet hours moves EARLIER, to quietMargin before that quiet
//   period began (20:30 for quiet hours from 21:00); if that is at/before now
//   (or itself inside quiet hours) it moves LATER, to the end of the quiet
//   period, if that is still before the visit, and is dropped otherwise.
//   Wall times are turned into instants through the converter (DST-safe).
// - Reminders that land on the same instant collapse into one: the one with
//   the smaller offset (closer to the visit) is kept.
//
// The policy is expected to be valid; an invalid offset (not positive) simply
// yields no reminder and duplicates collapse.
std::vector<ReminderJob> planReminders(const Booking& booking, Instant now, const ReminderPolicy& policy,
                                       const TimeZoneConverter& zones);

// What to do with a booking's existing jobs after the booking changed: ids to
// cancel, ids to keep, new jobs to create (ids empty, in due order).
struct ReminderChanges {
    std::vector<std::string> cancel;
    std::vector<std::string> keep;
    std::vector<ReminderJob> create;
};

// Reconciles `existing` (the booking's jobs, any status) with what
// planReminders wants now. Sent and Canceled jobs are history: they never
// appear in cancel or keep. Jobs of another booking are ignored.
//
// - Canceled booking: every pending job is canceled, nothing is created.
// - Confirmation: if a pending or sent confirmation already announces the
//   booking's startsAt, none is created (a pending one is kept); otherwise a
//   new one is created (when planReminders wants one) and older pending
//   confirmations are canceled.
// - Reminder (offset o, desired dueAt d): a pending job with offset o, the
//   same bookingStartsAt and dueAt d is kept; if a SENT job with offset o and
//   the same bookingStartsAt exists, it is not sent again; otherwise created.
// - A pending reminder with the same offset and bookingStartsAt that is
//   already due (dueAt at/before now, visit not started) is kept as well and
//   replaces the desired one: the sender is about to deliver it and it is
//   still true; canceling it would lose the reminder altogether.
// - Every other pending job is canceled.
ReminderChanges replanReminders(const Booking& booking, const std::vector<ReminderJob>& existing, Instant now,
                                const ReminderPolicy& policy, const TimeZoneConverter& zones);

} // namespace callsnare::domain
