#include "store/NoteRepository.h"

#include "store/SearchIndex.h"
#include "store/StoreSql.h"
#include "store/WriteScope.h"

#include <QSqlQuery>

#include <utility>

namespace callsnare::store {

NoteRepository::NoteRepository(QSqlDatabase db, QString orgId)
    : m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

bool NoteRepository::insert(const domain::Note& note, QString* error)
{
    if (!checkOrg(note.orgId, m_orgId, QStringLiteral("note"), error)) {
        return false;
    }
    if (note.id.empty()) {
        return refuse(error, QStringLiteral("A note needs an id."));
    }
    const QString id = toQString(note.id);
    const QString leadId = toQString(note.leadId);
    return writeAtomically(m_db, error, [&] {
        // Touching the lead first also proves it is this organization's.
        QSqlQuery touch(m_db);
        if (!execute(touch,
                     QStringLiteral("UPDATE leads SET last_activity_at = max(last_activity_at, ?) "
                                    "WHERE id = ? AND org_id = ?"),
                     {instantValue(note.createdAt), leadId, m_orgId}, error)) {
            return false;
        }
        if (touch.numRowsAffected() == 0) {
            return refuse(
                error,
                QStringLiteral("This organization has no lead \"%1\"; the note was not saved.").arg(leadId));
        }
        return execute(m_db,
                       QStringLiteral("INSERT INTO notes (id, org_id, lead_id, author, body, created_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?)"),
                       {id, m_orgId, leadId, toQString(note.author), toQString(note.body),
                        instantValue(note.createdAt)},
                       error)
            && SearchIndex(m_db, m_orgId).indexNew(SearchKind::Note, id, leadId, toQString(note.body), error);
    });
}

bool NoteRepository::contains(const QString& id, bool* found, QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query, QStringLiteral("SELECT 1 FROM notes WHERE org_id = ? AND id = ?"), {m_orgId, id},
                 error)) {
        return false;
    }
    *found = query.next();
    return true;
}

bool NoteRepository::listForLead(const QString& leadId, std::vector<domain::Note>* notes,
                                 QString* error) const
{
    notes->clear();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query,
                 QStringLiteral("SELECT id, org_id, lead_id, author, body, created_at FROM notes "
                                "WHERE org_id = ? AND lead_id = ? ORDER BY created_at, rowid"),
                 {m_orgId, leadId}, error)) {
        return false;
    }
    while (query.next()) {
        domain::Note note;
        note.id = toStdString(query.value(0));
        note.orgId = toStdString(query.value(1));
        note.leadId = toStdString(query.value(2));
        note.author = toStdString(query.value(3));
        note.body = toStdString(query.value(4));
        note.createdAt = instantFrom(query.value(5));
        notes->push_back(std::move(note));
    }
    return true;
}

} // namespace callsnare::store
