#pragma once

#include "domain/Time.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <vector>

namespace callsnare::store {

// A dispatcher action the relay did not apply: its answer, and the thing as
// the relay has it now when the action was stale.
struct SyncConflict {
    qint64 id = 0;
    QString clientUuid; // the mutation's id
    QString kind; // the mutation's kind
    QString leadId; // empty when the action names no lead
    int status = 409; // 409 stale, 404 unknown, 422 refused
    QString code;
    QString message;
    QString mutationJson;
    QString currentJson; // empty unless the relay sent the current state
    domain::Instant recordedAt{};
    std::optional<domain::Instant> dismissedAt;
};

// The conflicts of one organization (table sync_conflicts), for the UI to
// show until someone dismisses them. Every statement is filtered on the
// organization.
//
// Every method returns false with a readable sentence in `error` when it
// fails; reads hand their result through an out parameter.
class SyncConflictRepository {
public:
    SyncConflictRepository(QSqlDatabase db, QString orgId);

    // Records the relay's answer to one mutation; a second answer for the same
    // mutation id is ignored (the relay answers replays from the first result).
    bool record(const SyncConflict& conflict, QString* error);
    // Conflicts nobody dismissed yet, oldest first.
    bool open(std::vector<SyncConflict>* conflicts, QString* error) const;
    bool countOpen(qint64* count, QString* error) const;
    bool dismiss(qint64 id, domain::Instant at, QString* error);

private:
    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::store
