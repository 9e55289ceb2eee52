#include "domain/ReminderSchedule.h"

#include <algorithm>
#include <optional>
#include <set>

namespace callsnare::domain {

using namespace std::chrono;

Result<void> ReminderPolicy::validate() const
{
    std::set<minutes> seen;
    for (const minutes offset : offsets) {
        if (offset <= minutes{0}) {
            return makeError("invalid_reminder_offset",
                             "A reminder offset must be a positive time before the visit, got "
                                 + std::to_string(offset.count()) + " minutes.");
        }
        if (!seen.insert(offset).second) {
            return makeError("invalid_reminder_offset",
                             "The reminder offset of " + std::to_string(offset.count())
                                 + " minutes is listed twice.");
        }
    }
    // A zero margin would put the reminder on the first minute of quiet hours.
    if (quietMargin <= minutes{0}) {
        return makeError("invalid_quiet_margin", "The margin before quiet hours must be at least a minute.");
    }
    if (zone.empty()) {
        return makeError("missing_reminder_zone",
                         "Reminders need the recipient's time zone to respect quiet hours.");
    }
    return {};
}

namespace {

ReminderJob jobFor(const Booking& booking, ReminderKind kind, minutes offset, Instant dueAt)
{
    ReminderJob job;
    job.orgId = booking.orgId;
    job.bookingId = booking.id;
    job.kind = kind;
    job.offset = offset;
    job.bookingStartsAt = booking.startsAt;
    job.dueAt = dueAt;
    job.status = ReminderStatus::Pending;
    return job;
}

// When a reminder nominally due at `due` may go out, or nothing if no time
// outside quiet hours is left between now and the visit.
std::optional<Instant> placeReminder(Instant due, Instant now, Instant startsAt, const ReminderPolicy& policy,
                                     const TimeZoneConverter& zones)
{
    const QuietHours& quiet = policy.quietHours;
    const LocalTime local = zones.toLocal(due, policy.zone);
    if (!quiet.contains(local)) {
        return due;
    }
    // Earlier first: a reminder the evening before beats one in the rush
    // just before the visit. A huge margin could reach into the previous
    // quiet period, which would not help.
    const LocalTime earlierLocal = quiet.periodStart(local) - policy.quietMargin;
    const Instant earlier = zones.toInstant(earlierLocal, policy.zone);
    if (earlier > now && !quiet.contains(zones.toLocal(earlier, policy.zone))) {
        return earlier;
    }
    const Instant later = zones.toInstant(quiet.periodEnd(local), policy.zone);
    if (later > now && later < startsAt) {
        return later;
    }
    return std::nullopt;
}

bool isDueFirst(const ReminderJob& a, const ReminderJob& b)
{
    if (a.dueAt != b.dueAt) {
        return a.dueAt < b.dueAt;
    }
    if (a.kind != b.kind) {
        return a.kind == ReminderKind::Confirmation;
    }
    return a.offset > b.offset;
}

} // namespace

std::vector<ReminderJob> planReminders(const Booking& booking, Instant now, const ReminderPolicy& policy,
                                       const TimeZoneConverter& zones)
{
    std::vector<ReminderJob> jobs;
    if (booking.status == BookingStatus::Canceled || booking.startsAt <= now) {
        return jobs;
    }

    const Instant confirmAt = policy.quietHours.nextAllowed(now, policy.zone, zones);
    if (confirmAt < booking.startsAt) {
        jobs.push_back(jobFor(booking, ReminderKind::Confirmation, minutes{0}, confirmAt));
    }

    std::vector<ReminderJob> reminders;
    for (const minutes offset : policy.offsets) {
        const Instant due = booking.startsAt - offset;
        if (due <= now || due >= booking.startsAt) {
            continue;
        }
        const std::optional<Instant> placed = placeReminder(due, now, booking.startsAt, policy, zones);
        if (placed) {
            reminders.push_back(jobFor(booking, ReminderKind::Reminder, offset, *placed));
        }
    }

    // Smallest offset first per instant, so the survivor of a collision is the
    // reminder closest to the visit.
    std::sort(reminders.begin(), reminders.end(), [](const ReminderJob& a, const ReminderJob& b) {
        return a.dueAt != b.dueAt ? a.dueAt < b.dueAt : a.offset < b.offset;
    });
    const auto sameInstant = [](const ReminderJob& a, const ReminderJob& b) { return a.dueAt == b.dueAt; };
    reminders.erase(std::unique(reminders.begin(), reminders.end(), sameInstant), reminders.end());

    jobs.insert(jobs.end(), reminders.begin(), reminders.end());
    std::sort(jobs.begin(), jobs.end(), isDueFirst);
    return jobs;
}

ReminderChanges replanReminders(const Booking& booking, const std::vector<ReminderJob>& existing, Instant now,
                                const ReminderPolicy& policy, const TimeZoneConverter& zones)
{
    ReminderChanges changes;
    std::vector<bool> kept(existing.size(), false);
    const auto isPending = [&](std::size_t i) {
        return existing[i].bookingId == booking.id && existing[i].status == ReminderStatus::Pending;
    };
    const auto isSent = [&](std::size_t i) {
        return existing[i].bookingId == booking.id && existing[i].status == ReminderStatus::Sent;
    };

    if (booking.status != BookingStatus::Canceled) {
        const std::vector<ReminderJob> desired = planReminders(booking, now, policy, zones);

        // Confirmation: one per visit time, whether still pending or sent.
        bool announced = false;
        for (std::size_t i = 0; i < existing.size(); ++i) {
            const ReminderJob& job = existing[i];
            if (job.kind != ReminderKind::Confirmation || job.bookingStartsAt != booking.startsAt) {
                continue;
            }
            if (isPending(i) && !announced) {
                kept[i] = true;
                announced = true;
            } else if (isSent(i)) {
                announced = true;
            }
        }

        // Overdue reminders about to be sent for the same visit time stay.
        std::set<minutes> covered;
        const bool started = booking.startsAt <= now;
        for (std::size_t i = 0; i < existing.size() && !started; ++i) {
            const ReminderJob& job = existing[i];
            const bool inPolicy
                = std::find(policy.offsets.begin(), policy.offsets.end(), job.offset) != policy.offsets.end();
            if (isPending(i) && job.kind == ReminderKind::Reminder && job.bookingStartsAt == booking.startsAt
                && job.dueAt <= now && inPolicy && covered.insert(job.offset).second) {
                kept[i] = true;
            }
        }

        for (const ReminderJob& want : desired) {
            if (want.kind == ReminderKind::Confirmation) {
                if (!announced) {
                    changes.create.push_back(want);
                }
                continue;
            }
            if (covered.contains(want.offset)) {
                continue;
            }
            bool satisfied = false;
            for (std::size_t i = 0; i < existing.size() && !satisfied; ++i) {
                const ReminderJob& job = existing[i];
                const bool sameReminder = job.kind == ReminderKind::Reminder && job.offset == want.offset
                    && job.bookingStartsAt == want.bookingStartsAt;
                if (sameReminder && isPending(i) && !kept[i] && job.dueAt == want.dueAt) {
                    kept[i] = true;
                    satisfied = true;
                }
            }
            for (std::size_t i = 0; i < existing.size() && !satisfied; ++i) {
                const ReminderJob& job = existing[i];
                satisfied = isSent(i) && job.kind == ReminderKind::Reminder && job.offset == want.offset
                    && job.bookingStartsAt == want.bookingStartsAt;
            }
            if (!satisfied) {
                changes.create.push_back(want);
            }
        }
    }

    for (std::size_t i = 0; i < existing.size(); ++i) {
        if (!isPending(i)) {
            continue;
        }
        (kept[i] ? changes.keep : changes.cancel).push_back(existing[i].id);
    }
    return changes;
}

} // namespace callsnare::domain
