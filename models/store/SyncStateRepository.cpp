#include "store/SyncStateRepository.h"

#include "store/StoreLogging.h"
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

SyncStateRepository::SyncStateRepository(QSqlDatabase db, QString orgId)
    : m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

bool SyncStateRepository::cursor(qint64* cursor, QString* error) const
{
    QVariant value;
    if (!readColumn(QStringLiteral("cursor"), &value, error)) {
        return false;
    }
    *cursor = value.isValid() ? value.toLongLong() : 0;
    return true;
}

bool SyncStateRepository::setCursor(qint64 cursor, QString* error)
{
    if (cursor < 0) {
        return fail(error, QStringLiteral("The sync cursor cannot be negative (%1).").arg(cursor));
    }
    if (!ensureRow(error)) {
        return false;
    }
    // The direction check is part of the write, so no interleaving can move
    // the cursor back.
    QSqlQuery query(m_db);
    if (!execute(query, QStringLiteral("UPDATE sync_state SET cursor = ? WHERE org_id = ? AND cursor <= ?"),
                 {cursor, m_orgId, cursor}, error)) {
        return false;
    }
    if (query.numRowsAffected() == 1) {
        return true;
    }
    qint64 current = 0;
    if (!this->cursor(&current, error)) {
        return false;
    }
    qCWarning(lcStore) << "Sync cursor move refused:" << current << "->" << cursor;
    return fail(error,
                QStringLiteral("The sync cursor is at %1 and cannot move back to %2: events already "
                               "applied would be applied again.")
                    .arg(current)
                    .arg(cursor));
}

bool SyncStateRepository::relayUrl(QString* url, QString* error) const
{
    QVariant value;
    if (!readColumn(QStringLiteral("relay_url"), &value, error)) {
        return false;
    }
    *url = value.toString();
    return true;
}

bool SyncStateRepository::setRelayUrl(const QString& url, QString* error)
{
    return writeColumn(QStringLiteral("relay_url"), url, error);
}

bool SyncStateRepository::deviceId(QString* id, QString* error) const
{
    QVariant value;
    if (!readColumn(QStringLiteral("device_id"), &value, error)) {
        return false;
    }
    *id = value.toString();
    return true;
}

bool SyncStateRepository::setDeviceId(const QString& id, QString* error)
{
    return writeColumn(QStringLiteral("device_id"), id, error);
}

bool SyncStateRepository::ensureRow(QString* error)
{
    return execute(m_db, QStringLiteral("INSERT OR IGNORE INTO sync_state (org_id) VALUES (?)"), {m_orgId},
                   error);
}

// `column` is always one of the literals above, never input.
bool SyncStateRepository::readColumn(const QString& column, QVariant* value, QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query, QStringLiteral("SELECT %1 FROM sync_state WHERE org_id = ?").arg(column), {m_orgId},
                 error)) {
        return false;
    }
    *value = query.next() ? query.value(0) : QVariant();
    return true;
}

bool SyncStateRepository::writeColumn(const QString& column, const QVariant& value, QString* error)
{
    return ensureRow(error)
        && execute(m_db, QStringLiteral("UPDATE sync_state SET %1 = ? WHERE org_id = ?").arg(column),
                   {value, m_orgId}, error);
}

} // namespace callsnare::store
