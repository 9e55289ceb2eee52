#pragma once

#include <QSqlError>
#include <QString>

struct sqlite3;

namespace callsnare::store {

// A QSqlError carrying SQLCipher's own message as databaseText() and its
// (extended) result code as nativeErrorCode(); `driverText` says, in the
// user's language, what CallSnare was doing. A write refused because the
// profile is read-only gets a clearer driver text of its own.
QSqlError sqliteError(sqlite3* db, int code, const QString& driverText, QSqlError::ErrorType type);

// The one message for "this key does not decrypt this file": SQLCipher cannot
// tell a wrong passphrase from a file that is not ours, so neither do we.
QString wrongPassphraseMessage();

} // namespace callsnare::store
