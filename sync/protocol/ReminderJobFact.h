#pragma once

#include "domain/ReminderJob.h"
#include "domain/Time.h"

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace callsnare::protocol {

class JsonFields;

// "reminder.scheduled", "reminder.sent", "reminder.canceled": a reminder job's
// whole state after it was planned, sent or canceled (the kind names the
// status). A replanned booking cancels jobs and schedules new ones; a job's
// own times never change, so it carries no version: its status only moves
// from pending to sent or canceled.
struct ReminderJobSnapshot {
    std::string reminderId;
    std::string bookingId;
    std::string leadId; // the booking's lead
    domain::ReminderKind kind = domain::ReminderKind::Reminder;
    std::int64_t offsetMinutes = 0; // 0 for the confirmation
    domain::Instant bookingStartsAt{}; // the visit time the text announces
    domain::Instant dueAt{};
    domain::ReminderStatus status = domain::ReminderStatus::Pending;
};

// The event kind that announces a job in `status`.
std::string_view reminderEventKind(domain::ReminderStatus status);

// The snapshot of a job of a booking of lead `leadId`, and back (the domain's
// job in organization `orgId`).
ReminderJobSnapshot reminderSnapshotOf(const domain::ReminderJob& job, std::string leadId);
domain::ReminderJob reminderJobOf(const ReminderJobSnapshot& snapshot, std::string orgId);

Poco::JSON::Object::Ptr encodeReminderJob(const ReminderJobSnapshot& job);
// Reads the data of an event of `kind` (one reminderEventKind gives); the
// first problem stays in `fields`. The status must be the one the kind names.
ReminderJobSnapshot readReminderJob(JsonFields& fields, std::string_view kind);

} // namespace callsnare::protocol
