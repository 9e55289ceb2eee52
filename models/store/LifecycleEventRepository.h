#pragma once

#include "domain/LifecycleEvent.h"

#include <QSqlDatabase>
#include <QString>

#include <vector>

namespace callsnare::store {

// The lead timeline's facts (table lifecycle_events) of one organization:
// state changes, automation decisions, take-overs. Append-only. Every
// statement is filtered on the organization.
//
// Every method returns false with a readable sentence in `error` when it
// fails; reads hand their result through an out parameter.
class LifecycleEventRepository {
public:
    LifecycleEventRepository(QSqlDatabase db, QString orgId);

    // Refused: an event of another organization, a lead that is not this
    // organization's, an id already taken.
    bool append(const domain::LifecycleEvent& event, QString* error);
    // Whether this organization has the event (a replayed sync event names it again).
    bool contains(const QString& id, bool* found, QString* error) const;
    // The lead's events in time order; events of the same second in the order
    // they were appended.
    bool forLead(const QString& leadId, std::vector<domain::LifecycleEvent>* events, QString* error) const;

private:
    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::store
