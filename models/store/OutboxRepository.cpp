#include "store/OutboxRepository.h"

#include "store/StoreSql.h"

#include <QJsonDocument>
#include <QJsonParseError>
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

OutboxRepository::OutboxRepository(QSqlDatabase db, QString orgId)
    : m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

bool OutboxRepository::enqueue(const QString& clientUuid, const QString& kind, const QString& payloadJson,
                               domain::Instant createdAt, qint64* id, QString* error)
{
    if (clientUuid.isEmpty() || kind.isEmpty()) {
        return fail(error, QStringLiteral("A queued change needs a client id and a kind."));
    }
    QJsonParseError parseError;
    QJsonDocument::fromJson(payloadJson.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(error,
                    QStringLiteral("The change %1 is not valid JSON: %2 at offset %3.")
                        .arg(clientUuid, parseError.errorString())
                        .arg(parseError.offset));
    }
    // client_uuid is unique across the file; OR IGNORE turns a duplicate into
    // "no row" without telling which organization holds it.
    QSqlQuery query(m_db);
    if (!execute(
            query,
            QStringLiteral("INSERT OR IGNORE INTO outbox (org_id, client_uuid, kind, payload, created_at) "
                           "VALUES (?, ?, ?, ?, ?)"),
            {m_orgId, clientUuid, kind, payloadJson, instantValue(createdAt)}, error)) {
        return false;
    }
    if (query.numRowsAffected() != 1) {
        return fail(error, QStringLiteral("The change %1 is already queued.").arg(clientUuid));
    }
    if (id) {
        *id = query.lastInsertId().toLongLong();
    }
    return true;
}

bool OutboxRepository::pending(int limit, std::vector<OutboxEntry>* entries, QString* error) const
{
    if (limit < 0) {
        return fail(error, QStringLiteral("The number of queued changes to read cannot be negative."));
    }
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query,
                 QStringLiteral("SELECT id, client_uuid, kind, payload, created_at, attempts, last_error "
                                "FROM outbox WHERE org_id = ? ORDER BY id LIMIT ?"),
                 {m_orgId, limit}, error)) {
        return false;
    }
    entries->clear();
    while (query.next()) {
        OutboxEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.clientUuid = query.value(1).toString();
        entry.kind = query.value(2).toString();
        entry.payloadJson = query.value(3).toString();
        entry.createdAt = instantFrom(query.value(4));
        entry.attempts = query.value(5).toInt();
        entry.lastError = query.value(6).toString();
        entries->push_back(std::move(entry));
    }
    return true;
}

bool OutboxRepository::count(qint64* count, QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query, QStringLiteral("SELECT count(*) FROM outbox WHERE org_id = ?"), {m_orgId}, error)
        || !query.next()) {
        return false;
    }
    *count = query.value(0).toLongLong();
    return true;
}

bool OutboxRepository::recordAttempt(qint64 id, const QString& errorText, QString* error)
{
    QSqlQuery query(m_db);
    if (!execute(query,
                 QStringLiteral(
                     "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ? AND org_id = ?"),
                 {errorText, id, m_orgId}, error)) {
        return false;
    }
    if (query.numRowsAffected() != 1) {
        return fail(error, QStringLiteral("This organization has no queued change %1.").arg(id));
    }
    return true;
}

bool OutboxRepository::remove(qint64 id, QString* error)
{
    QSqlQuery query(m_db);
    if (!execute(query, QStringLiteral("DELETE FROM outbox WHERE id = ? AND org_id = ?"), {id, m_orgId},
                 error)) {
        return false;
    }
    if (query.numRowsAffected() != 1) {
        return fail(error, QStringLiteral("This organization has no queued change %1.").arg(id));
    }
    return true;
}

} // namespace callsnare::store
