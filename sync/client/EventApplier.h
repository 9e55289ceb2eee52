#pragma once

#include "domain/Result.h"
#include "protocol/EventFacts.h"
#include "protocol/SyncEvents.h"

#include <QSqlDatabase>
#include <QString>
#include <QtGlobal>

namespace callsnare::syncclient {

// What one page did to the store.
struct ApplyReport {
    int applied = 0; // events above the cursor that the store now reflects
    int skipped = 0; // at or below the cursor, unknown kinds, facts about no lead or booking held here
    qint64 cursor = 0; // the cursor after the page
};

// Applies pages of one organization's event log to the encrypted store.
//
// A page is one transaction, and the cursor moves in that same transaction,
// so a crash leaves either the whole page applied with its cursor or nothing.
// Applying is idempotent: events at or below the cursor are skipped, and
// every write is keyed (ids, carrier + call sid, lifecycle ids derived from
// org + seq, snapshot versions, proof sequences), so a page applied twice
// changes nothing.
// Every fact is decoded before the transaction opens: a fact that does not
// decode fails the page with the protocol's error and touches nothing.
class EventApplier {
public:
    EventApplier(QSqlDatabase db, QString orgId);

    // Decodes the page's facts (protocol::decodeFacts), then applies it.
    domain::Result<ApplyReport> apply(protocol::EventPage page);
    // A page decoded ahead, e.g. on the page fetcher's thread.
    domain::Result<ApplyReport> apply(const protocol::DecodedPage& page);

    // Writes what a 409 answer names as current (a lead or a booking
    // snapshot) with the same version rule as the events, inside the
    // caller's transaction.
    bool saveCurrent(const protocol::EventFact& fact, QString* error);

    // The id of a row the event log's entry `seq` makes (a call or a timeline
    // fact): the same on every device and every replay, and ordered by seq.
    static QString derivedId(const QString& orgId, qint64 seq);

private:
    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::syncclient
