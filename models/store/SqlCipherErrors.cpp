#include "store/SqlCipherErrors.h"

#include <QCoreApplication>

#include <sqlcipher/sqlite3.h>

namespace callsnare::store {

namespace {

QString translate(const char* text)
{
    return QCoreApplication::translate("callsnare::store::SqlCipherDriver", text);
}

} // namespace

QSqlError sqliteError(sqlite3* db, int code, const QString& driverText, QSqlError::ErrorType type)
{
    // sqlite3_errmsg() describes the last call on the connection; when the
    // code we were handed is older than that, its generic text is the honest one.
    const char* message
        = db && sqlite3_extended_errcode(db) == code ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    QString text = driverText;
    if ((code & 0xff) == SQLITE_READONLY) {
        text = translate("The profile is open read-only; the change was not saved.");
    }
    return QSqlError(text, QString::fromUtf8(message), type, QString::number(code));
}

QString wrongPassphraseMessage()
{
    return translate("The passphrase is wrong, or the file is not a CallSnare profile.");
}

} // namespace callsnare::store
