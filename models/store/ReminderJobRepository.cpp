#include "store/ReminderJobRepository.h"

#include "domain/EntityWireNames.h"
#include "store/StoreLogging.h"
#include "store/StoreSql.h"

#include <QSqlQuery>
#include <QUuid>

#include <utility>

namespace callsnare::store {

namespace {

bool fail(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
}

bool jobFrom(const QSqlQuery& query, domain::ReminderJob* job, QString* error)
{
    const QString kind = query.value(3).toString();
    const QString status = query.value(7).toString();
    const auto parsedKind = domain::valueIn(domain::kReminderKindNames, kind.toStdString());
    const auto parsedStatus = domain::valueIn(domain::kReminderStatusNames, status.toStdString());
    if (!parsedKind || !parsedStatus) {
        return fail(error,
                    QStringLiteral("The reminder job %1 has an unknown kind or status (\"%2\", \"%3\") "
                                   "in the profile.")
                        .arg(query.value(0).toString(), kind, status));
    }
    job->id = toStdString(query.value(0));
    job->orgId = toStdString(query.value(1));
    job->bookingId = toStdString(query.value(2));
    job->kind = *parsedKind;
    job->offset = std::chrono::minutes{query.value(4).toLongLong()};
    job->bookingStartsAt = instantFrom(query.value(5));
    job->dueAt = instantFrom(query.value(6));
    job->status = *parsedStatus;
    return true;
}

} // namespace

ReminderJobRepository::ReminderJobRepository(QSqlDatabase db, QString orgId)
    : m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

bool ReminderJobRepository::upsert(const domain::ReminderJob& job, QString* error)
{
    if (toQString(job.orgId) != m_orgId) {
        return fail(
            error,
            QStringLiteral("The reminder job %1 belongs to another organization.").arg(toQString(job.id)));
    }
    return write(job, error);
}

std::optional<domain::ReminderJob> ReminderJobRepository::find(const QString& id, QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(
            query,
            QStringLiteral("SELECT id, org_id, booking_id, kind, offset_minutes, booking_starts_at, due_at, "
                           "status FROM reminder_jobs WHERE id = ? AND org_id = ?"),
            {id, m_orgId}, error)
        || !query.next()) {
        return std::nullopt;
    }
    domain::ReminderJob job;
    if (!jobFrom(query, &job, error)) {
        return std::nullopt;
    }
    return job;
}

bool ReminderJobRepository::forBooking(const QString& bookingId, std::vector<domain::ReminderJob>* jobs,
                                       QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(
            query,
            QStringLiteral("SELECT id, org_id, booking_id, kind, offset_minutes, booking_starts_at, due_at, "
                           "status FROM reminder_jobs WHERE org_id = ? AND booking_id = ? "
                           "ORDER BY due_at, kind = 'confirmation' DESC, offset_minutes DESC, id"),
            {m_orgId, bookingId}, error)) {
        return false;
    }
    jobs->clear();
    while (query.next()) {
        domain::ReminderJob job;
        if (!jobFrom(query, &job, error)) {
            return false;
        }
        jobs->push_back(std::move(job));
    }
    return true;
}

bool ReminderJobRepository::apply(const QString& bookingId, const domain::ReminderChanges& changes,
                                  std::vector<domain::ReminderJob>* created, QString* error)
{
    std::vector<domain::ReminderJob> stored;
    const bool applied = inTransaction(m_db, error, [&] {
        const QString cancelled
            = toQString(domain::nameIn(domain::kReminderStatusNames, domain::ReminderStatus::Canceled));
        const QString pending
            = toQString(domain::nameIn(domain::kReminderStatusNames, domain::ReminderStatus::Pending));
        const auto stale = [&](const std::string& id) {
            qCInfo(lcStore) << "Reminder changes refused: a job is no longer pending";
            return fail(error,
                        QStringLiteral("The reminder job %1 is no longer a pending job of booking %2: the "
                                       "reminders changed in the meantime. Plan them again.")
                            .arg(toQString(id), bookingId));
        };
        for (const std::string& id : changes.cancel) {
            QSqlQuery query(m_db);
            if (!execute(query,
                         QStringLiteral("UPDATE reminder_jobs SET status = ? "
                                        "WHERE id = ? AND org_id = ? AND booking_id = ? AND status = ?"),
                         {cancelled, toQString(id), m_orgId, bookingId, pending}, error)) {
                return false;
            }
            if (query.numRowsAffected() != 1) {
                return stale(id);
            }
        }
        for (const std::string& id : changes.keep) {
            QSqlQuery query(m_db);
            query.setForwardOnly(true);
            if (!execute(query,
                         QStringLiteral("SELECT 1 FROM reminder_jobs "
                                        "WHERE id = ? AND org_id = ? AND booking_id = ? AND status = ?"),
                         {toQString(id), m_orgId, bookingId, pending}, error)) {
                return false;
            }
            if (!query.next()) {
                return stale(id);
            }
        }
        for (domain::ReminderJob job : changes.create) {
            if (job.orgId.empty()) {
                job.orgId = m_orgId.toStdString();
            }
            if (toQString(job.orgId) != m_orgId || toQString(job.bookingId) != bookingId) {
                return fail(error,
                            QStringLiteral("A new reminder job must belong to booking %1 of this "
                                           "organization.")
                                .arg(bookingId));
            }
            job.id = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
            if (!write(job, error)) {
                return false;
            }
            stored.push_back(std::move(job));
        }
        return true;
    });
    if (applied && created) {
        *created = std::move(stored);
    }
    return applied;
}

bool ReminderJobRepository::bookingIsOurs(const QString& bookingId, bool* ours, QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query, QStringLiteral("SELECT 1 FROM bookings WHERE id = ? AND org_id = ?"),
                 {bookingId, m_orgId}, error)) {
        return false;
    }
    *ours = query.next();
    return true;
}

bool ReminderJobRepository::write(const domain::ReminderJob& job, QString* error)
{
    if (job.id.empty()) {
        return fail(error, QStringLiteral("A reminder job needs an id."));
    }
    // REPLACE would silently delete another organization's row that happens to
    // carry the id, so the statement refuses that case, and a booking that is
    // not ours, by inserting nothing.
    QSqlQuery query(m_db);
    const QString id = toQString(job.id);
    const QString bookingId = toQString(job.bookingId);
    if (!execute(query,
                 QStringLiteral(
                     "INSERT OR REPLACE INTO reminder_jobs (id, org_id, booking_id, kind, offset_minutes, "
                     "booking_starts_at, due_at, status) SELECT ?, ?, ?, ?, ?, ?, ?, ? "
                     "WHERE EXISTS (SELECT 1 FROM bookings WHERE id = ? AND org_id = ?) "
                     "AND NOT EXISTS (SELECT 1 FROM reminder_jobs WHERE id = ? AND org_id <> ?)"),
                 {id, m_orgId, bookingId, toQString(domain::nameIn(domain::kReminderKindNames, job.kind)),
                  QVariant::fromValue<qint64>(job.offset.count()), instantValue(job.bookingStartsAt),
                  instantValue(job.dueAt),
                  toQString(domain::nameIn(domain::kReminderStatusNames, job.status)), bookingId, m_orgId, id,
                  m_orgId},
                 error)) {
        return false;
    }
    if (query.numRowsAffected() >= 1) {
        return true;
    }
    bool ours = false;
    if (!bookingIsOurs(bookingId, &ours, error)) {
        return false;
    }
    if (!ours) {
        return fail(
            error,
            QStringLiteral("The booking %1 is not one of this organization's bookings.").arg(bookingId));
    }
    return fail(error,
                QStringLiteral("The reminder job id %1 is already used by another organization.").arg(id));
}

} // namespace callsnare::store
