#include "store/LifecycleEventRepository.h"

#include "store/StoreSql.h"

#include <QSqlQuery>

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

} // namespace

LifecycleEventRepository::LifecycleEventRepository(QSqlDatabase db, QString orgId)
    : m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

bool LifecycleEventRepository::append(const domain::LifecycleEvent& event, QString* error)
{
    const QString id = toQString(event.id);
    const QString leadId = toQString(event.leadId);
    if (toQString(event.orgId) != m_orgId) {
        return fail(error, QStringLiteral("The lifecycle event %1 belongs to another organization.").arg(id));
    }
    if (event.id.empty() || event.kind.empty()) {
        return fail(error, QStringLiteral("A lifecycle event needs an id and a kind."));
    }
    // The lead check is a read of its own so that the INSERT is one row with
    // VALUES: an INSERT ... SELECT needs a statement journal, whose every page
    // SQLCipher encrypts (see WriteScope.h). OR IGNORE turns a taken id into
    // "no row".
    QSqlQuery lead(m_db);
    lead.setForwardOnly(true);
    if (!execute(lead, QStringLiteral("SELECT 1 FROM leads WHERE id = ? AND org_id = ?"), {leadId, m_orgId},
                 error)) {
        return false;
    }
    if (!lead.next()) {
        return fail(error,
                    QStringLiteral("The lead %1 is not one of this organization's leads.").arg(leadId));
    }
    lead.finish();
    QSqlQuery query(m_db);
    if (!execute(query,
                 QStringLiteral("INSERT OR IGNORE INTO lifecycle_events (id, org_id, lead_id, kind, detail, "
                                "occurred_at) VALUES (?, ?, ?, ?, ?, ?)"),
                 {id, m_orgId, leadId, toQString(event.kind), toQString(event.detail),
                  instantValue(event.occurredAt)},
                 error)) {
        return false;
    }
    if (query.numRowsAffected() == 1) {
        return true;
    }
    return fail(error, QStringLiteral("A lifecycle event with the id %1 already exists.").arg(id));
}

bool LifecycleEventRepository::contains(const QString& id, bool* found, QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query, QStringLiteral("SELECT 1 FROM lifecycle_events WHERE org_id = ? AND id = ?"),
                 {m_orgId, id}, error)) {
        return false;
    }
    *found = query.next();
    return true;
}

bool LifecycleEventRepository::forLead(const QString& leadId, std::vector<domain::LifecycleEvent>* events,
                                       QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // rowid keeps the append order among events of the same second.
    if (!execute(query,
                 QStringLiteral("SELECT id, org_id, lead_id, kind, detail, occurred_at FROM lifecycle_events "
                                "WHERE org_id = ? AND lead_id = ? ORDER BY occurred_at, rowid"),
                 {m_orgId, leadId}, error)) {
        return false;
    }
    events->clear();
    while (query.next()) {
        domain::LifecycleEvent event;
        event.id = toStdString(query.value(0));
        event.orgId = toStdString(query.value(1));
        event.leadId = toStdString(query.value(2));
        event.kind = toStdString(query.value(3));
        event.detail = toStdString(query.value(4));
        event.occurredAt = instantFrom(query.value(5));
        events->push_back(std::move(event));
    }
    return true;
}

} // namespace callsnare::store
