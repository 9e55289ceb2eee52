#pragma once

#include "domain/Booking.h"
#include "domain/Time.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <optional>
#include <vector>

namespace callsnare::store {

// The calendar's visits of one organization (table bookings). Every statement
// is filtered on the organization, so another organization's bookings can be
// neither read nor changed through this object.
//
// Failures return false / nullopt with a readable sentence in `error`; a
// lookup that finds nothing returns nullopt and leaves `error` empty.
class BookingRepository {
public:
    BookingRepository(QSqlDatabase db, QString orgId);

    // Stores a new booking as given (its version included). Refused: a booking
    // of another organization, a lead that is not this organization's, an id
    // already taken.
    bool insert(const domain::Booking& booking, QString* error);

    // Saves an edit made to version `expectedVersion` (optimistic
    // concurrency): refused with a "changed elsewhere" sentence when the
    // stored version differs, so nobody overwrites an edit they never saw. On
    // success the stored version becomes the stored one plus one and is
    // written to `newVersion` (when given). booking.version is ignored.
    bool update(const domain::Booking& booking, qint64 expectedVersion, qint64* newVersion, QString* error);

    // Stores the booking as the relay has it at booking.version (a sync
    // snapshot): inserted when new, replaced when the stored version is not
    // newer (see LeadRepository::saveRelayVersion), left alone when it is.
    bool saveRelayVersion(const domain::Booking& booking, bool* applied, QString* error);

    std::optional<domain::Booking> find(const QString& id, QString* error) const;
    // The lead's bookings, earliest visit first.
    bool forLead(const QString& leadId, std::vector<domain::Booking>* bookings, QString* error) const;
    // Bookings starting in [from, to), earliest first, canceled ones included
    // (the calendar shows them struck through).
    bool between(domain::Instant from, domain::Instant to, std::vector<domain::Booking>* bookings,
                 QString* error) const;

private:
    bool belongsHere(const domain::Booking& booking, QString* error) const;
    bool leadIsOurs(const QString& leadId, bool* ours, QString* error) const;
    bool select(const QString& where, const QVariantList& values, std::vector<domain::Booking>* bookings,
                QString* error) const;

    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::store
