#pragma once

#include "domain/ReminderJob.h"
#include "domain/ReminderSchedule.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <vector>

namespace callsnare::store {

// The desktop's mirror of the relay's reminder jobs (table reminder_jobs) of
// one organization. Every statement is filtered on the organization.
//
// Every method returns false (or nullopt) with a readable sentence in `error`
// when it fails; reads hand their result through an out parameter.
class ReminderJobRepository {
public:
    ReminderJobRepository(QSqlDatabase db, QString orgId);

    // Inserts the job, or replaces the stored job with the same id (the relay's
    // copy wins). Refused: a job of another organization, a booking that is
    // not this organization's, an id another organization's job carries.
    bool upsert(const domain::ReminderJob& job, QString* error);

    // The job with this id; nothing (and `error` left empty) when there is none.
    std::optional<domain::ReminderJob> find(const QString& id, QString* error) const;

    // The booking's jobs of any status, in due order (a confirmation before a
    // reminder due at the same instant).
    bool forBooking(const QString& bookingId, std::vector<domain::ReminderJob>* jobs, QString* error) const;

    // Applies domain::replanReminders' verdict for `bookingId` in one
    // transaction (so not inside another one): cancels the `cancel` jobs, checks
    // that the `keep` jobs are still pending, stores the `create` jobs under
    // fresh ids. All or nothing: a cancel or keep id that is not a pending job
    // of the booking means the jobs changed since the verdict was reached, and
    // nothing is changed. The stored new jobs go to `created` (when given).
    bool apply(const QString& bookingId, const domain::ReminderChanges& changes,
               std::vector<domain::ReminderJob>* created, QString* error);

private:
    bool bookingIsOurs(const QString& bookingId, bool* ours, QString* error) const;
    bool write(const domain::ReminderJob& job, QString* error);

    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::store
