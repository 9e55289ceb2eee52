#pragma once

#include "domain/Lead.h"
#include "domain/Time.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace callsnare::store {

// A lead as stored: the domain's lead plus what only the desktop keeps about
// it.
struct LeadRecord {
    domain::Lead lead;
    // Optimistic concurrency: every update() adds one.
    qint64 version = 1;
    // Inbound texts nobody has looked at yet.
    int unreadCount = 0;
    // The newest fact on the lead (call, message, note, status): inbox order.
    domain::Instant lastActivityAt{};
};

// The facts on a lead whose time the relay's record may correct.
enum class TimedFact { Message, Note };

// The leads of one organization (table leads). Every statement is filtered on
// the organization: another organization's leads can be neither read nor
// changed through this object.
//
// Failures return false / nullopt with a readable sentence in `error`; a
// lookup that finds nothing returns nullopt and leaves `error` empty.
class LeadRepository {
public:
    LeadRepository(QSqlDatabase db, QString orgId);

    // Stores a new lead at version 1, unread 0, last activity = its last call.
    // Its contact must be one of this organization's.
    bool insert(const domain::Lead& lead, QString* error);

    // Saves an edit made to version `expectedVersion`: refused with a
    // "changed elsewhere" sentence when the stored version differs, so nobody
    // overwrites an edit they never saw. On success the version goes up by one
    // and is written to `newVersion` (when given). The contact never changes;
    // the last call and the last activity only ever move forward (a call
    // stored meanwhile is not undone by an edit made before it).
    bool update(const domain::Lead& lead, qint64 expectedVersion, qint64* newVersion, QString* error);

    // Stores the lead as the relay has it at `version` (a sync snapshot):
    // inserted when new, replaced when the stored version is not newer (the
    // stored row at the same version may be this desktop's own optimistic
    // edit, which the relay's answer supersedes; the same snapshot again
    // writes the same values). An older snapshot changes nothing. The unread
    // count is the desktop's own and is kept; the last activity only moves
    // forward, except at the stored version, where it is recomputed (see
    // recomputeActivity). `applied` (when given) tells whether the row was
    // written.
    bool saveRelayVersion(const domain::Lead& lead, qint64 version, bool* applied, QString* error);

    std::optional<LeadRecord> find(const QString& id, QString* error) const;
    // The lead with the most recent call from the contact.
    std::optional<LeadRecord> latestForContact(const QString& contactId, QString* error) const;

    // Sets the lead's last activity to the newest fact stored on it (its
    // stamps, calls, texts and notes). The incremental "only forward" rule
    // cannot take back an optimistic local time once the relay's record of
    // the same fact replaced it; this recomputation can, so a device that
    // acted ends with the same value as one that only mirrored the relay.
    bool recomputeActivity(const QString& leadId, QString* error);

    // The relay's record of a text or note this desktop wrote: its time
    // becomes the relay's and its lead's last activity is recomputed, so the
    // device that wrote it ends with what every other device holds.
    // `changed` (when given) tells whether the time moved.
    bool adoptRelayTime(TimedFact fact, const QString& id, domain::Instant createdAt, bool* changed,
                        QString* error);

    // The dispatcher has seen the lead: no unread texts left.
    bool markRead(const QString& leadId, QString* error);

private:
    std::optional<LeadRecord> selectOne(const QString& where, const QVariantList& values,
                                        QString* error) const;

    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::store
