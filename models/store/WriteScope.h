#pragma once

#include "store/StoreSql.h"

#include <QSqlDatabase>
#include <QString>

#include <string>

namespace callsnare::store {

// How the repositories group their writes, so that they work both on their
// own and inside a caller's transaction (a bulk import wraps thousands of
// inserts in one, and SQLite has no nested BEGIN):
//
// - A write of one row runs as a bare statement: SQLite makes it atomic on its
//   own, or it joins the caller's transaction.
// - A write of several rows (a message plus its lead and its search entry)
//   goes through writeAtomically(): with no transaction open it is one
//   transaction of its own; inside the caller's transaction it simply runs
//   there, and the caller's transaction is the unit of work. A repository
//   method that returns false may then have written part of its rows, so the
//   caller must roll back (inTransaction() does when its work returns false).
//   No savepoint per write: inside a bulk import that would copy every page
//   touched to the sub-journal again for each row.
// - For the same reason the hot writes avoid SQLite's statement journal (a
//   savepoint per statement that may fail halfway after writing: every
//   UPDATE, every INSERT ... SELECT). SQLCipher encrypts each page it copies
//   there, and applying a sync page spent half its time on that. UPDATEs on
//   that path say OR ROLLBACK (a constraint failure ends the whole
//   transaction, which the rule above asks of the caller anyway) and checks
//   of another row are a read before a one-row INSERT ... VALUES.

// Whether a transaction is open on the connection (autocommit is off).
bool isInTransaction(const QSqlDatabase& db);

template <typename Work> bool writeAtomically(QSqlDatabase db, QString* error, Work&& work)
{
    if (isInTransaction(db)) {
        return work();
    }
    return inTransaction(db, error, std::forward<Work>(work));
}

// Sets `error` (when given) and returns false, for one-line refusals.
bool refuse(QString* error, const QString& message);

// Refuses an entity whose org id is not the repository's: a repository only
// ever writes its own organization's rows.
bool checkOrg(const std::string& entityOrgId, const QString& orgId, const QString& what, QString* error);

} // namespace callsnare::store
