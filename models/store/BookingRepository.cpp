#include "store/BookingRepository.h"

#include "domain/EntityWireNames.h"
#include "store/StoreLogging.h"
#include "store/StoreSql.h"

#include <QSqlQuery>

#include <utility>

namespace callsnare::store {

namespace {

const QString kColumns = QStringLiteral(
    "id, org_id, lead_id, starts_at, duration_minutes, technician, address, status, version");

bool fail(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
}

bool bookingFrom(const QSqlQuery& query, domain::Booking* booking, QString* error)
{
    const QString status = query.value(7).toString();
    const auto parsed = domain::valueIn(domain::kBookingStatusNames, status.toStdString());
    if (!parsed) {
        return fail(error,
                    QStringLiteral("The booking %1 has an unknown status \"%2\" in the profile.")
                        .arg(query.value(0).toString(), status));
    }
    booking->id = toStdString(query.value(0));
    booking->orgId = toStdString(query.value(1));
    booking->leadId = toStdString(query.value(2));
    booking->startsAt = instantFrom(query.value(3));
    booking->duration = std::chrono::minutes{query.value(4).toLongLong()};
    booking->technician = toStdString(query.value(5));
    booking->address = toStdString(query.value(6));
    booking->status = *parsed;
    booking->version = query.value(8).toInt();
    return true;
}

QVariant statusName(domain::BookingStatus status)
{
    return toQString(domain::nameIn(domain::kBookingStatusNames, status));
}

QVariant minutes(std::chrono::minutes duration)
{
    return QVariant::fromValue<qint64>(duration.count());
}

} // namespace

BookingRepository::BookingRepository(QSqlDatabase db, QString orgId)
    : m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

bool BookingRepository::insert(const domain::Booking& booking, QString* error)
{
    if (!belongsHere(booking, error)) {
        return false;
    }
    if (booking.version < 1) {
        return fail(error, QStringLiteral("A booking's version starts at 1."));
    }
    // The lead check rides in the statement itself, so a booking can never be
    // attached to another organization's lead; OR IGNORE turns a taken id into
    // "no row" instead of a bare constraint message.
    QSqlQuery query(m_db);
    const QString leadId = toQString(booking.leadId);
    if (!execute(query,
                 QStringLiteral("INSERT OR IGNORE INTO bookings (%1) "
                                "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? "
                                "WHERE EXISTS (SELECT 1 FROM leads WHERE id = ? AND org_id = ?)")
                     .arg(kColumns),
                 {toQString(booking.id), m_orgId, leadId, instantValue(booking.startsAt),
                  minutes(booking.duration), toQString(booking.technician), toQString(booking.address),
                  statusName(booking.status), booking.version, leadId, m_orgId},
                 error)) {
        return false;
    }
    if (query.numRowsAffected() == 1) {
        return true;
    }
    bool ours = false;
    if (!leadIsOurs(leadId, &ours, error)) {
        return false;
    }
    if (!ours) {
        return fail(error,
                    QStringLiteral("The lead %1 is not one of this organization's leads.").arg(leadId));
    }
    return fail(error, QStringLiteral("A booking with the id %1 already exists.").arg(toQString(booking.id)));
}

bool BookingRepository::update(const domain::Booking& booking, qint64 expectedVersion, qint64* newVersion,
                               QString* error)
{
    if (!belongsHere(booking, error)) {
        return false;
    }
    // One conditional statement: the version check and the write cannot be
    // separated by another writer.
    QSqlQuery query(m_db);
    const QString id = toQString(booking.id);
    const QString leadId = toQString(booking.leadId);
    if (!execute(query,
                 QStringLiteral("UPDATE bookings SET lead_id = ?, starts_at = ?, duration_minutes = ?, "
                                "technician = ?, address = ?, status = ?, version = version + 1 "
                                "WHERE id = ? AND org_id = ? AND version = ? "
                                "AND EXISTS (SELECT 1 FROM leads WHERE id = ? AND org_id = ?)"),
                 {leadId, instantValue(booking.startsAt), minutes(booking.duration),
                  toQString(booking.technician), toQString(booking.address), statusName(booking.status), id,
                  m_orgId, expectedVersion, leadId, m_orgId},
                 error)) {
        return false;
    }
    if (query.numRowsAffected() == 1) {
        if (newVersion) {
            *newVersion = expectedVersion + 1;
        }
        return true;
    }

    QString findError;
    const std::optional<domain::Booking> stored = find(id, &findError);
    if (!findError.isEmpty()) {
        return fail(error, findError);
    }
    if (!stored) {
        return fail(error, QStringLiteral("This organization has no booking %1.").arg(id));
    }
    if (stored->version != expectedVersion) {
        qCInfo(lcStore) << "Booking edit refused: version" << expectedVersion << "is now" << stored->version;
        return fail(error,
                    QStringLiteral("The booking was changed elsewhere (it is now at version %1, the edit "
                                   "was made to version %2). Reload it and make the change again.")
                        .arg(stored->version)
                        .arg(expectedVersion));
    }
    return fail(error, QStringLiteral("The lead %1 is not one of this organization's leads.").arg(leadId));
}

bool BookingRepository::saveRelayVersion(const domain::Booking& booking, bool* applied, QString* error)
{
    if (applied) {
        *applied = false;
    }
    QString findError;
    const std::optional<domain::Booking> stored = find(toQString(booking.id), &findError);
    if (!findError.isEmpty()) {
        return fail(error, findError);
    }
    if (!stored) {
        if (!insert(booking, error)) {
            return false;
        }
        if (applied) {
            *applied = true;
        }
        return true;
    }
    if (!belongsHere(booking, error)) {
        return false;
    }
    const QString leadId = toQString(booking.leadId);
    QSqlQuery query(m_db);
    if (!execute(query,
                 QStringLiteral("UPDATE bookings SET lead_id = ?, starts_at = ?, duration_minutes = ?, "
                                "technician = ?, address = ?, status = ?, version = ? "
                                "WHERE id = ? AND org_id = ? AND version <= ? "
                                "AND EXISTS (SELECT 1 FROM leads WHERE id = ? AND org_id = ?)"),
                 {leadId, instantValue(booking.startsAt), minutes(booking.duration),
                  toQString(booking.technician), toQString(booking.address), statusName(booking.status),
                  booking.version, toQString(booking.id), m_orgId, booking.version, leadId, m_orgId},
                 error)) {
        return false;
    }
    if (applied) {
        *applied = query.numRowsAffected() > 0;
    }
    return true;
}

std::optional<domain::Booking> BookingRepository::find(const QString& id, QString* error) const
{
    std::vector<domain::Booking> found;
    if (!select(QStringLiteral("id = ?"), {id}, &found, error) || found.empty()) {
        return std::nullopt;
    }
    return std::move(found.front());
}

bool BookingRepository::forLead(const QString& leadId, std::vector<domain::Booking>* bookings,
                                QString* error) const
{
    return select(QStringLiteral("lead_id = ?"), {leadId}, bookings, error);
}

bool BookingRepository::between(domain::Instant from, domain::Instant to,
                                std::vector<domain::Booking>* bookings, QString* error) const
{
    // (org_id, starts_at) is the bookings_by_start index.
    return select(QStringLiteral("starts_at >= ? AND starts_at < ?"), {instantValue(from), instantValue(to)},
                  bookings, error);
}

bool BookingRepository::belongsHere(const domain::Booking& booking, QString* error) const
{
    if (toQString(booking.orgId) != m_orgId) {
        return fail(
            error,
            QStringLiteral("The booking %1 belongs to another organization.").arg(toQString(booking.id)));
    }
    if (booking.id.empty() || booking.leadId.empty()) {
        return fail(error, QStringLiteral("A booking needs an id and a lead."));
    }
    if (booking.duration.count() <= 0) {
        return fail(error, QStringLiteral("A booking must last at least a minute."));
    }
    return true;
}

bool BookingRepository::leadIsOurs(const QString& leadId, bool* ours, QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query, QStringLiteral("SELECT 1 FROM leads WHERE id = ? AND org_id = ?"), {leadId, m_orgId},
                 error)) {
        return false;
    }
    *ours = query.next();
    return true;
}

bool BookingRepository::select(const QString& where, const QVariantList& values,
                               std::vector<domain::Booking>* bookings, QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    QVariantList bound{m_orgId};
    bound.append(values);
    if (!execute(query,
                 QStringLiteral("SELECT %1 FROM bookings WHERE org_id = ? AND %2 ORDER BY starts_at, id")
                     .arg(kColumns, where),
                 bound, error)) {
        return false;
    }
    bookings->clear();
    while (query.next()) {
        domain::Booking booking;
        if (!bookingFrom(query, &booking, error)) {
            return false;
        }
        bookings->push_back(std::move(booking));
    }
    return true;
}

} // namespace callsnare::store
