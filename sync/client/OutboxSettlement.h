#pragma once

#include "domain/Time.h"
#include "protocol/SyncMutations.h"
#include "store/OutboxRepository.h"
#include "store/SyncConflictRepository.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <vector>

namespace callsnare::syncclient {

struct SettleReport {
    int applied = 0; // accepted by the relay and removed from the outbox
    int conflicts = 0; // 409/404/422: removed and recorded as conflicts
    int kept = 0; // still queued (no answer, or a transient answer)
    std::vector<store::SyncConflict> recorded;
};

// Turns the relay's answers to a flushed batch into outbox and store changes,
// all in one transaction: applied mutations leave the outbox; stale, unknown
// and refused ones leave it too and become conflicts the UI shows (a 409's
// current state is written to the store; a refused text is marked refused);
// anything else stays queued, and so does everything after it, so the queue
// keeps its order.
class OutboxSettlement {
public:
    OutboxSettlement(QSqlDatabase db, QString orgId);

    // The POST /v1/sync/mutations body for queued entries (their payloads are
    // already batch items).
    static QByteArray batchBody(const std::vector<store::OutboxEntry>& entries);

    bool settle(const std::vector<store::OutboxEntry>& sent,
                const std::vector<protocol::MutationResult>& results, domain::Instant now,
                SettleReport* report, QString* error);
    // The batch did not reach the relay (network error, 5xx): each entry
    // counts an attempt and keeps the reason for the user.
    bool recordFailure(const std::vector<store::OutboxEntry>& sent, const QString& reason, QString* error);

private:
    bool reject(const store::OutboxEntry& entry, const protocol::MutationResult& result, domain::Instant now,
                SettleReport* report, QString* error);

    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::syncclient
