#pragma once

// Plain parameterized INSERTs for the search and inbox tests, so they set up
// exactly the rows they reason about without going through repositories.

#include "domain/EntityWireNames.h"
#include "store/AwaitingReply.h"
#include "store/Profile.h"
#include "store/StoreSql.h"

#include <QDir>
#include <QSqlDatabase>
#include <QString>
#include <QTemporaryDir>
#include <QVariant>

#include <memory>

namespace storetest {

using callsnare::store::execute;

inline QVariant null()
{
    return QVariant(QMetaType::fromType<QString>());
}

// A fresh profile in the test's temporary directory.
inline std::unique_ptr<callsnare::store::Profile> makeProfile(const QTemporaryDir& dir, const QString& name,
                                                              QString* error)
{
    return callsnare::store::Profile::create(dir.filePath(name + QStringLiteral(".csnare")),
                                             QStringLiteral("test passphrase"), error);
}

inline QString tempRoot()
{
    const QString root = qEnvironmentVariable("CALLSNARE_TEST_TMPDIR");
    return root.isEmpty() ? QDir::tempPath() : root;
}

inline bool addOrg(const QSqlDatabase& db, const QString& id, QString* error)
{
    return execute(
        db,
        QStringLiteral("INSERT INTO organizations (id, name, time_zone, billing_state, "
                       "dedupe_window_minutes, quiet_start_minute, quiet_end_minute, quiet_policy, "
                       "reminder_offsets) VALUES (?, ?, 'America/Chicago', 'active', 120, 1260, 480, "
                       "'hold', '1440,120')"),
        {id, QStringLiteral("HVAC ") + id}, error);
}

inline bool addContact(const QSqlDatabase& db, const QString& orgId, const QString& id, const QString& phone,
                       const QString& name, QString* error)
{
    return execute(db, QStringLiteral("INSERT INTO contacts (id, org_id, phone, name) VALUES (?, ?, ?, ?)"),
                   {id, orgId, phone, name}, error);
}

struct LeadRow {
    QString id;
    QString contactId;
    QString state = QStringLiteral("missed");
    qint64 missedAt = 1'700'000'000;
    qint64 lastActivityAt = 1'700'000'000;
    int unread = 0;
    QVariant firstReplyAt = null();
    QVariant outcome = null();
    QVariant bookedAt = null();
    bool urgent = false;
    bool paused = false;
};

inline bool addLead(const QSqlDatabase& db, const QString& orgId, const LeadRow& lead, QString* error)
{
    return execute(
        db,
        QStringLiteral("INSERT INTO leads (id, org_id, contact_id, state, outcome, missed_at, "
                       "first_reply_at, booked_at, last_call_at, last_activity_at, unread_count, "
                       "automation_paused, urgent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {lead.id, orgId, lead.contactId, lead.state, lead.outcome, lead.missedAt, lead.firstReplyAt,
         lead.bookedAt, lead.missedAt, lead.lastActivityAt, lead.unread, lead.paused ? 1 : 0,
         lead.urgent ? 1 : 0},
        error);
}

// What every writer of messages runs after its INSERT (AwaitingReply), for
// rows written here by hand.
inline bool keepAwaitingReply(const QSqlDatabase& db, const QString& orgId, const QString& leadId,
                              const QString& direction, const QString& author, qint64 at, QString* error)
{
    const auto how = callsnare::domain::valueIn(callsnare::domain::kDirectionNames, direction.toStdString());
    const auto who = callsnare::domain::valueIn(callsnare::domain::kMessageAuthorNames, author.toStdString());
    if (!how || !who) {
        *error = QStringLiteral("unknown direction or author: %1 %2").arg(direction, author);
        return false;
    }
    return callsnare::store::AwaitingReply::afterInsert(db, orgId, leadId, *how, *who, at, error);
}

inline bool addMessage(const QSqlDatabase& db, const QString& orgId, const QString& leadId, const QString& id,
                       const QString& direction, const QString& body, qint64 at, QString* error)
{
    const bool inbound = direction == QLatin1String("inbound");
    const QString author = inbound ? QStringLiteral("homeowner") : QStringLiteral("automation");
    return execute(
               db,
               QStringLiteral("INSERT INTO messages (id, org_id, lead_id, direction, author, body, status, "
                              "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
               {id, orgId, leadId, direction, author, body,
                inbound ? QStringLiteral("received") : QStringLiteral("delivered"), at},
               error)
        && keepAwaitingReply(db, orgId, leadId, direction, author, at, error);
}

inline bool addNote(const QSqlDatabase& db, const QString& orgId, const QString& leadId, const QString& id,
                    const QString& body, qint64 at, QString* error)
{
    return execute(db,
                   QStringLiteral("INSERT INTO notes (id, org_id, lead_id, author, body, created_at) "
                                  "VALUES (?, ?, ?, 'dispatcher', ?, ?)"),
                   {id, orgId, leadId, body, at}, error);
}

inline bool addCall(const QSqlDatabase& db, const QString& orgId, const QString& leadId, const QString& id,
                    qint64 at, QString* error)
{
    return execute(db,
                   QStringLiteral("INSERT INTO call_events (id, org_id, lead_id, carrier, carrier_call_id, "
                                  "from_number, to_number, outcome, carrier_status, occurred_at) "
                                  "VALUES (?, ?, ?, 'twilio', ?, '+15125550142', '+15125550100', 'missed', "
                                  "'no-answer', ?)"),
                   {id, orgId, leadId, QStringLiteral("CA") + id, at}, error);
}

inline bool addLifecycle(const QSqlDatabase& db, const QString& orgId, const QString& leadId,
                         const QString& id, const QString& detail, qint64 at, QString* error)
{
    return execute(
        db,
        QStringLiteral("INSERT INTO lifecycle_events (id, org_id, lead_id, kind, detail, occurred_at) "
                       "VALUES (?, ?, ?, 'state_changed', ?, ?)"),
        {id, orgId, leadId, detail, at}, error);
}

inline bool addBooking(const QSqlDatabase& db, const QString& orgId, const QString& leadId, const QString& id,
                       qint64 startsAt, QString* error)
{
    return execute(db,
                   QStringLiteral("INSERT INTO bookings (id, org_id, lead_id, starts_at, duration_minutes, "
                                  "technician, address, status) VALUES (?, ?, ?, ?, 120, 'Sam', "
                                  "'12 Elm St', 'scheduled')"),
                   {id, orgId, leadId, startsAt}, error);
}

} // namespace storetest
