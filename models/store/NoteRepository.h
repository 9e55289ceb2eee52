#pragma once

#include "domain/Note.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <vector>

namespace callsnare::store {

// What dispatchers wrote on one organization's leads (table notes). Every
// statement is filtered on the organization. Notes are kept in the full-text
// index (SearchKind::Note) in the same transaction.
class NoteRepository {
public:
    NoteRepository(QSqlDatabase db, QString orgId);

    // Stores the note on its lead (one of this organization's) and moves the
    // lead's last activity forward to the note's time (never back).
    bool insert(const domain::Note& note, QString* error);

    // Whether this organization has the note (a replayed sync event names it again).
    bool contains(const QString& id, bool* found, QString* error) const;

    // The lead's notes, oldest first.
    bool listForLead(const QString& leadId, std::vector<domain::Note>* notes, QString* error) const;

private:
    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::store
