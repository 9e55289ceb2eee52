#pragma once

#include "domain/CallEvent.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <vector>

namespace callsnare::store {

// The calls of one organization as the carrier reported them (table
// call_events). Every statement is filtered on the organization.
class CallEventRepository {
public:
    enum class InsertOutcome {
        Inserted,
        // The carrier already reported this call (same carrier and call id):
        // nothing was stored, not even an update of the lead.
        AlreadyStored,
    };

    CallEventRepository(QSqlDatabase db, QString orgId);

    // Stores the call once per (carrier, carrier call id) and, when it joins a
    // lead, moves that lead's last call and last activity forward. The lead
    // must be one of this organization's.
    bool insert(const domain::CallEvent& event, InsertOutcome* outcome, QString* error);

    // The lead's calls, oldest first.
    bool listForLead(const QString& leadId, std::vector<domain::CallEvent>* events, QString* error) const;

private:
    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::store
