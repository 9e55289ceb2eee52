#include "store/LeadRepository.h"

#include "store/StoreSql.h"
#include "store/WriteScope.h"

#include <QSqlQuery>

#include <algorithm>
#include <utility>

namespace callsnare::store {

namespace {

constexpr char kSelectLead[]
    = "SELECT id, org_id, contact_id, state, outcome, missed_at, first_text_at, "
      "first_reply_at, booked_at, handed_off_at, closed_at, last_call_at, "
      "automation_paused, urgent, version, unread_count, last_activity_at FROM leads";

QVariant outcomeValue(const std::optional<domain::CloseOutcome>& outcome)
{
    return outcome ? QVariant(toQString(domain::wireName(*outcome)))
                   : QVariant(QMetaType::fromType<QString>());
}

// The newest instant the lead itself records: what an edit of it may move the
// last activity up to.
domain::Instant latestInstant(const domain::Lead& lead)
{
    domain::Instant latest = std::max(lead.stamps.missedAt, lead.lastCallAt);
    for (const auto& stamp : {lead.stamps.firstTextAt, lead.stamps.firstReplyAt, lead.stamps.bookedAt,
                              lead.stamps.handedOffAt, lead.stamps.closedAt}) {
        if (stamp) {
            latest = std::max(latest, *stamp);
        }
    }
    return latest;
}

bool leadFrom(const QSqlQuery& query, LeadRecord* record, QString* error)
{
    const auto state = domain::parseLeadState(toStdString(query.value(3)));
    std::optional<domain::CloseOutcome> outcome;
    if (!query.value(4).isNull()) {
        outcome = domain::parseCloseOutcome(toStdString(query.value(4)));
    }
    if (!state || (!query.value(4).isNull() && !outcome)) {
        return refuse(error,
                      QStringLiteral("The stored lead \"%1\" is unreadable.").arg(query.value(0).toString()));
    }
    domain::Lead& lead = record->lead;
    lead.id = toStdString(query.value(0));
    lead.orgId = toStdString(query.value(1));
    lead.contactId = toStdString(query.value(2));
    lead.state = *state;
    lead.outcome = outcome;
    lead.stamps.missedAt = instantFrom(query.value(5));
    lead.stamps.firstTextAt = optionalInstantFrom(query.value(6));
    lead.stamps.firstReplyAt = optionalInstantFrom(query.value(7));
    lead.stamps.bookedAt = optionalInstantFrom(query.value(8));
    lead.stamps.handedOffAt = optionalInstantFrom(query.value(9));
    lead.stamps.closedAt = optionalInstantFrom(query.value(10));
    lead.lastCallAt = instantFrom(query.value(11));
    lead.automationPaused = query.value(12).toBool();
    lead.urgent = query.value(13).toBool();
    record->version = query.value(14).toLongLong();
    record->unreadCount = query.value(15).toInt();
    record->lastActivityAt = instantFrom(query.value(16));
    return true;
}

} // namespace

LeadRepository::LeadRepository(QSqlDatabase db, QString orgId)
    : m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

bool LeadRepository::insert(const domain::Lead& lead, QString* error)
{
    if (!checkOrg(lead.orgId, m_orgId, QStringLiteral("lead"), error)) {
        return false;
    }
    if (lead.id.empty()) {
        return refuse(error, QStringLiteral("A lead needs an id."));
    }
    const QString contactId = toQString(lead.contactId);
    // The row goes in only when the contact is this organization's. The check
    // is a read of its own so that the INSERT is one row with VALUES: an
    // INSERT ... SELECT needs a statement journal (see WriteScope.h).
    QSqlQuery contact(m_db);
    contact.setForwardOnly(true);
    if (!execute(contact, QStringLiteral("SELECT 1 FROM contacts WHERE id = ? AND org_id = ?"),
                 {contactId, m_orgId}, error)) {
        return false;
    }
    if (!contact.next()) {
        return refuse(error,
                      QStringLiteral("This organization has no contact \"%1\"; the lead was not saved.")
                          .arg(contactId));
    }
    contact.finish();
    return execute(
        m_db,
        QStringLiteral("INSERT INTO leads (id, org_id, contact_id, state, outcome, missed_at, first_text_at, "
                       "first_reply_at, booked_at, handed_off_at, closed_at, last_call_at, "
                       "last_activity_at, unread_count, automation_paused, urgent, version) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 1)"),
        {toQString(lead.id), m_orgId, contactId, toQString(domain::wireName(lead.state)),
         outcomeValue(lead.outcome), instantValue(lead.stamps.missedAt),
         instantValue(lead.stamps.firstTextAt), instantValue(lead.stamps.firstReplyAt),
         instantValue(lead.stamps.bookedAt), instantValue(lead.stamps.handedOffAt),
         instantValue(lead.stamps.closedAt), instantValue(lead.lastCallAt), instantValue(lead.lastCallAt),
         lead.automationPaused, lead.urgent},
        error);
}

bool LeadRepository::update(const domain::Lead& lead, qint64 expectedVersion, qint64* newVersion,
                            QString* error)
{
    if (!checkOrg(lead.orgId, m_orgId, QStringLiteral("lead"), error)) {
        return false;
    }
    const QString id = toQString(lead.id);
    QSqlQuery query(m_db);
    if (!execute(query,
                 QStringLiteral(
                     "UPDATE OR ROLLBACK leads SET state = ?, outcome = ?, missed_at = ?, first_text_at = ?, "
                     "first_reply_at = ?, booked_at = ?, handed_off_at = ?, closed_at = ?, "
                     "last_call_at = max(last_call_at, ?), last_activity_at = max(last_activity_at, ?), "
                     "automation_paused = ?, urgent = ?, version = version + 1 "
                     "WHERE id = ? AND org_id = ? AND version = ?"),
                 {toQString(domain::wireName(lead.state)), outcomeValue(lead.outcome),
                  instantValue(lead.stamps.missedAt), instantValue(lead.stamps.firstTextAt),
                  instantValue(lead.stamps.firstReplyAt), instantValue(lead.stamps.bookedAt),
                  instantValue(lead.stamps.handedOffAt), instantValue(lead.stamps.closedAt),
                  instantValue(lead.lastCallAt), instantValue(latestInstant(lead)), lead.automationPaused,
                  lead.urgent, id, m_orgId, expectedVersion},
                 error)) {
        return false;
    }
    if (query.numRowsAffected() == 0) {
        QString lookupError;
        const auto stored = find(id, &lookupError);
        if (!stored) {
            return refuse(error,
                          lookupError.isEmpty()
                              ? QStringLiteral("This organization has no lead \"%1\".").arg(id)
                              : lookupError);
        }
        return refuse(error,
                      QStringLiteral("The lead was changed elsewhere (now version %1, the edit was made to "
                                     "version %2); reload it and apply the change again.")
                          .arg(stored->version)
                          .arg(expectedVersion));
    }
    if (newVersion) {
        *newVersion = expectedVersion + 1;
    }
    return true;
}

bool LeadRepository::saveRelayVersion(const domain::Lead& lead, qint64 version, bool* applied, QString* error)
{
    if (applied) {
        *applied = false;
    }
    if (!checkOrg(lead.orgId, m_orgId, QStringLiteral("lead"), error)) {
        return false;
    }
    if (version < 1) {
        return refuse(error, QStringLiteral("A lead's version starts at 1."));
    }
    const QString id = toQString(lead.id);
    QString lookupError;
    const auto stored = find(id, &lookupError);
    if (!lookupError.isEmpty()) {
        return refuse(error, lookupError);
    }
    if (!stored) {
        if (!insert(lead, error)) {
            return false;
        }
        if (version != 1
            && !execute(
                m_db, QStringLiteral("UPDATE OR ROLLBACK leads SET version = ? WHERE id = ? AND org_id = ?"),
                {version, id, m_orgId}, error)) {
            return false;
        }
        if (applied) {
            *applied = true;
        }
        return true;
    }
    if (stored->version > version) {
        return true;
    }
    if (toQString(stored->lead.contactId) != toQString(lead.contactId)) {
        return refuse(error,
                      QStringLiteral("The lead \"%1\" belongs to another contact in this profile.").arg(id));
    }
    QSqlQuery query(m_db);
    if (!execute(query,
                 QStringLiteral(
                     "UPDATE OR ROLLBACK leads SET state = ?, outcome = ?, missed_at = ?, first_text_at = ?, "
                     "first_reply_at = ?, booked_at = ?, handed_off_at = ?, closed_at = ?, last_call_at = ?, "
                     "last_activity_at = max(last_activity_at, ?), automation_paused = ?, urgent = ?, "
                     "version = ? WHERE id = ? AND org_id = ? AND version <= ?"),
                 {toQString(domain::wireName(lead.state)), outcomeValue(lead.outcome),
                  instantValue(lead.stamps.missedAt), instantValue(lead.stamps.firstTextAt),
                  instantValue(lead.stamps.firstReplyAt), instantValue(lead.stamps.bookedAt),
                  instantValue(lead.stamps.handedOffAt), instantValue(lead.stamps.closedAt),
                  instantValue(lead.lastCallAt), instantValue(latestInstant(lead)), lead.automationPaused,
                  lead.urgent, version, id, m_orgId, version},
                 error)) {
        return false;
    }
    if (applied) {
        *applied = query.numRowsAffected() > 0;
    }
    // At the stored version the row may hold this desktop's optimistic edit,
    // whose local time the forward-only rule above kept.
    return stored->version < version || recomputeActivity(id, error);
}

bool LeadRepository::recomputeActivity(const QString& leadId, QString* error)
{
    // SQLite's max() of several arguments is NULL when one is NULL, hence coalesce.
    return execute(
        m_db,
        QStringLiteral(
            "UPDATE OR ROLLBACK leads SET last_activity_at = max(missed_at, last_call_at, "
            "coalesce(first_text_at, 0), coalesce(first_reply_at, 0), coalesce(booked_at, 0), "
            "coalesce(handed_off_at, 0), coalesce(closed_at, 0), "
            "coalesce((SELECT max(occurred_at) FROM call_events WHERE org_id = ? AND lead_id = ?), 0), "
            "coalesce((SELECT max(created_at) FROM messages WHERE org_id = ? AND lead_id = ?), 0), "
            "coalesce((SELECT max(created_at) FROM notes WHERE org_id = ? AND lead_id = ?), 0)) "
            "WHERE org_id = ? AND id = ?"),
        {m_orgId, leadId, m_orgId, leadId, m_orgId, leadId, m_orgId, leadId}, error);
}

bool LeadRepository::adoptRelayTime(TimedFact fact, const QString& id, domain::Instant createdAt,
                                    bool* changed, QString* error)
{
    if (changed) {
        *changed = false;
    }
    const QString table = fact == TimedFact::Message ? QStringLiteral("messages") : QStringLiteral("notes");
    QSqlQuery stored(m_db);
    stored.setForwardOnly(true);
    if (!execute(stored,
                 QStringLiteral("SELECT lead_id FROM %1 WHERE org_id = ? AND id = ? AND created_at <> ?")
                     .arg(table),
                 {m_orgId, id, instantValue(createdAt)}, error)) {
        return false;
    }
    if (!stored.next()) {
        return true;
    }
    const QString leadId = stored.value(0).toString();
    stored.finish();
    return writeAtomically(m_db, error, [&] {
        if (!execute(m_db,
                     QStringLiteral("UPDATE OR ROLLBACK %1 SET created_at = ? WHERE org_id = ? AND id = ?")
                         .arg(table),
                     {instantValue(createdAt), m_orgId, id}, error)
            || !recomputeActivity(leadId, error)) {
            return false;
        }
        if (changed) {
            *changed = true;
        }
        return true;
    });
}

std::optional<LeadRecord> LeadRepository::find(const QString& id, QString* error) const
{
    return selectOne(QStringLiteral("id = ?"), {id}, error);
}

std::optional<LeadRecord> LeadRepository::latestForContact(const QString& contactId, QString* error) const
{
    return selectOne(
        QStringLiteral("contact_id = ? ORDER BY last_call_at DESC, missed_at DESC, rowid DESC LIMIT 1"),
        {contactId}, error);
}

std::optional<LeadRecord> LeadRepository::selectOne(const QString& where, const QVariantList& values,
                                                    QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    QVariantList bound{m_orgId};
    bound.append(values);
    if (!execute(query, QString::fromLatin1(kSelectLead) + QStringLiteral(" WHERE org_id = ? AND ") + where,
                 bound, error)) {
        return std::nullopt;
    }
    if (!query.next()) {
        if (error) {
            error->clear();
        }
        return std::nullopt;
    }
    LeadRecord record;
    if (!leadFrom(query, &record, error)) {
        return std::nullopt;
    }
    return record;
}

bool LeadRepository::markRead(const QString& leadId, QString* error)
{
    QSqlQuery query(m_db);
    if (!execute(query, QStringLiteral("UPDATE leads SET unread_count = 0 WHERE id = ? AND org_id = ?"),
                 {leadId, m_orgId}, error)) {
        return false;
    }
    if (query.numRowsAffected() == 0) {
        return refuse(error, QStringLiteral("This organization has no lead \"%1\".").arg(leadId));
    }
    return true;
}

} // namespace callsnare::store
