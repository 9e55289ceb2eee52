#include "store/SyncConflictRepository.h"

#include "store/StoreSql.h"
#include "store/WriteScope.h"

#include <QSqlQuery>

#include <utility>

namespace callsnare::store {

namespace {

QVariant textOrNull(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace

SyncConflictRepository::SyncConflictRepository(QSqlDatabase db, QString orgId)
    : m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

bool SyncConflictRepository::record(const SyncConflict& conflict, QString* error)
{
    if (conflict.clientUuid.isEmpty() || conflict.kind.isEmpty()) {
        return refuse(error, QStringLiteral("A sync conflict needs the mutation's id and kind."));
    }
    return execute(m_db,
                   QStringLiteral("INSERT OR IGNORE INTO sync_conflicts (org_id, client_uuid, kind, lead_id, "
                                  "status, code, message, mutation, current, recorded_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                   {m_orgId, conflict.clientUuid, conflict.kind, textOrNull(conflict.leadId), conflict.status,
                    conflict.code, conflict.message, conflict.mutationJson, textOrNull(conflict.currentJson),
                    instantValue(conflict.recordedAt)},
                   error);
}

bool SyncConflictRepository::open(std::vector<SyncConflict>* conflicts, QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(
            query,
            QStringLiteral("SELECT id, client_uuid, kind, lead_id, status, code, message, mutation, current, "
                           "recorded_at, dismissed_at FROM sync_conflicts "
                           "WHERE org_id = ? AND dismissed_at IS NULL ORDER BY id"),
            {m_orgId}, error)) {
        return false;
    }
    conflicts->clear();
    while (query.next()) {
        SyncConflict conflict;
        conflict.id = query.value(0).toLongLong();
        conflict.clientUuid = query.value(1).toString();
        conflict.kind = query.value(2).toString();
        conflict.leadId = query.value(3).toString();
        conflict.status = query.value(4).toInt();
        conflict.code = query.value(5).toString();
        conflict.message = query.value(6).toString();
        conflict.mutationJson = query.value(7).toString();
        conflict.currentJson = query.value(8).toString();
        conflict.recordedAt = instantFrom(query.value(9));
        conflict.dismissedAt = optionalInstantFrom(query.value(10));
        conflicts->push_back(std::move(conflict));
    }
    return true;
}

bool SyncConflictRepository::countOpen(qint64* count, QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(
            query,
            QStringLiteral("SELECT count(*) FROM sync_conflicts WHERE org_id = ? AND dismissed_at IS NULL"),
            {m_orgId}, error)
        || !query.next()) {
        return false;
    }
    *count = query.value(0).toLongLong();
    return true;
}

bool SyncConflictRepository::dismiss(qint64 id, domain::Instant at, QString* error)
{
    QSqlQuery query(m_db);
    if (!execute(query,
                 QStringLiteral("UPDATE sync_conflicts SET dismissed_at = ? "
                                "WHERE id = ? AND org_id = ? AND dismissed_at IS NULL"),
                 {instantValue(at), id, m_orgId}, error)) {
        return false;
    }
    if (query.numRowsAffected() != 1) {
        return refuse(error, QStringLiteral("This organization has no open sync conflict %1.").arg(id));
    }
    return true;
}

} // namespace callsnare::store
