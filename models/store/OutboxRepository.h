#pragma once

#include "domain/Time.h"

#include <QSqlDatabase>
#include <QString>
#include <QtGlobal>

#include <vector>

namespace callsnare::store {

// One dispatcher action waiting to reach the relay.
struct OutboxEntry {
    qint64 id = 0; // the queue order
    QString clientUuid; // the relay's idempotency key for the mutation
    QString kind;
    QString payloadJson;
    domain::Instant createdAt{};
    int attempts = 0;
    QString lastError; // empty until an attempt failed
};

// The queue of one organization's mutations not yet accepted by the relay
// (table outbox), flushed first in, first out. It lives in the profile, so it
// survives a restart. Every statement is filtered on the organization.
//
// Every method returns false with a readable sentence in `error` when it
// fails; reads hand their result through an out parameter.
class OutboxRepository {
public:
    OutboxRepository(QSqlDatabase db, QString orgId);

    // Queues a mutation; its queue id goes to `id` (when given). Refused: an
    // empty uuid or kind, a payload that is not a JSON object or array, a
    // client uuid already queued (in any organization: the relay keys on it).
    bool enqueue(const QString& clientUuid, const QString& kind, const QString& payloadJson,
                 domain::Instant createdAt, qint64* id, QString* error);
    // The oldest `limit` entries, oldest first.
    bool pending(int limit, std::vector<OutboxEntry>* entries, QString* error) const;
    bool count(qint64* count, QString* error) const;
    // Counts a failed delivery attempt and keeps its error for the user.
    bool recordAttempt(qint64 id, const QString& errorText, QString* error);
    // Drops an entry the relay accepted.
    bool remove(qint64 id, QString* error);

private:
    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::store
