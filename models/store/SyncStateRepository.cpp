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

bool SyncStateRepository::tokenStore(QString* store, QString* error) const
{
    QVariant value;
    if (!readColumn(QStringLiteral("token_store"), &value, error)) {
        return false;
    }
    *store = value.toString();
    return true;
}

bool SyncStateRepository::deviceToken(QString* token, QString* error) const
{
    QVariant value;
    if (!readColumn(QStringLiteral("device_token"), &value, error)) {
        return false;
    }
    *token = value.toString();
    return true;
}

bool SyncStateRepository::setToken(const QString& store, const QString& token, QString* error)
{
    if (store != QLatin1String("keychain") && store != QLatin1String("profile") && !store.isEmpty()) {
        return fail(error, QStringLiteral("\"%1\" is not a place for the device token.").arg(store));
    }
    const QString kept = store == QLatin1String("profile") ? token : QString();
    return ensureRow(error)
        && execute(m_db,
                   QStringLiteral("UPDATE sync_state SET token_store = ?, device_token = ? WHERE org_id = ?"),
                   {store, kept, m_orgId}, error);
}

bool SyncStateRepository::enrollments(const QSqlDatabase& db, std::vector<Enrollment>* found, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!execute(query,
                 QStringLiteral("SELECT org_id, relay_url, device_id FROM sync_state WHERE device_id <> '' "
                                "ORDER BY org_id"),
                 {}, error)) {
        return false;
    }
    found->clear();
    while (query.next()) {
        found->push_back({query.value(0).toString(), query.value(1).toString(), query.value(2).toString()});
    }
    return true;
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
