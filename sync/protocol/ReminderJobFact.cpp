#include "protocol/ReminderJobFact.h"

#include "domain/EntityWireNames.h"
#include "protocol/JsonFields.h"

#include <chrono>

namespace callsnare::protocol {

namespace {

constexpr domain::WireNameTable<domain::ReminderStatus, 3> kReminderEventKinds{{
    {domain::ReminderStatus::Pending, "reminder.scheduled"},
    {domain::ReminderStatus::Sent, "reminder.sent"},
    {domain::ReminderStatus::Canceled, "reminder.canceled"},
}};

template <typename Enum, std::size_t N>
Enum readName(JsonFields& fields, const std::string& key, const domain::WireNameTable<Enum, N>& table,
              const char* what, Enum fallback)
{
    const std::string text = fields.string(key);
    if (!fields.ok()) {
        return fallback;
    }
    const auto value = domain::valueIn(table, text);
    if (!value) {
        fields.reject(key, "\"" + text + "\" is not " + what);
        return fallback;
    }
    return *value;
}

} // namespace

std::string_view reminderEventKind(domain::ReminderStatus status)
{
    return domain::nameIn(kReminderEventKinds, status);
}

ReminderJobSnapshot reminderSnapshotOf(const domain::ReminderJob& job, std::string leadId)
{
    ReminderJobSnapshot snapshot;
    snapshot.reminderId = job.id;
    snapshot.bookingId = job.bookingId;
    snapshot.leadId = std::move(leadId);
    snapshot.kind = job.kind;
    snapshot.offsetMinutes = job.offset.count();
    snapshot.bookingStartsAt = job.bookingStartsAt;
    snapshot.dueAt = job.dueAt;
    snapshot.status = job.status;
    return snapshot;
}

domain::ReminderJob reminderJobOf(const ReminderJobSnapshot& snapshot, std::string orgId)
{
    domain::ReminderJob job;
    job.id = snapshot.reminderId;
    job.orgId = std::move(orgId);
    job.bookingId = snapshot.bookingId;
    job.kind = snapshot.kind;
    job.offset = std::chrono::minutes{snapshot.offsetMinutes};
    job.bookingStartsAt = snapshot.bookingStartsAt;
    job.dueAt = snapshot.dueAt;
    job.status = snapshot.status;
    return job;
}

Poco::JSON::Object::Ptr encodeReminderJob(const ReminderJobSnapshot& job)
{
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("reminder_id", job.reminderId);
    out->set("booking_id", job.bookingId);
    out->set("lead_id", job.leadId);
    out->set("kind", std::string(domain::nameIn(domain::kReminderKindNames, job.kind)));
    out->set("offset_minutes", static_cast<Poco::Int64>(job.offsetMinutes));
    out->set("booking_starts_at", domain::formatInstant(job.bookingStartsAt));
    out->set("due_at", domain::formatInstant(job.dueAt));
    out->set("status", std::string(domain::nameIn(domain::kReminderStatusNames, job.status)));
    return out;
}

ReminderJobSnapshot readReminderJob(JsonFields& fields, std::string_view kind)
{
    ReminderJobSnapshot job;
    job.reminderId = fields.string("reminder_id");
    job.bookingId = fields.string("booking_id");
    job.leadId = fields.string("lead_id");
    job.kind = readName(fields, "kind", domain::kReminderKindNames,
                        "a reminder kind (confirmation or reminder)", domain::ReminderKind::Reminder);
    job.offsetMinutes = fields.integer("offset_minutes");
    if (fields.ok() && job.kind == domain::ReminderKind::Confirmation && job.offsetMinutes != 0) {
        fields.reject("offset_minutes", "must be 0 for a confirmation");
    }
    if (fields.ok() && job.kind == domain::ReminderKind::Reminder && job.offsetMinutes <= 0) {
        fields.reject("offset_minutes", "must be positive for a reminder");
    }
    job.bookingStartsAt = fields.instant("booking_starts_at");
    job.dueAt = fields.instant("due_at");
    job.status = readName(fields, "status", domain::kReminderStatusNames,
                          "a reminder status (pending, sent or canceled)", domain::ReminderStatus::Pending);
    // The kind and the status say the same thing twice; a payload where they
    // disagree cannot be applied either way.
    if (fields.ok() && reminderEventKind(job.status) != kind) {
        fields.reject("status",
                      "\"" + std::string(domain::nameIn(domain::kReminderStatusNames, job.status))
                          + "\" does not match the event kind " + std::string(kind));
    }
    return job;
}

} // namespace callsnare::protocol
