#include "store/WriteScope.h"

#include "store/SqlCipherDriver.h"

#include <sqlcipher/sqlite3.h>

namespace callsnare::store {

bool isInTransaction(const QSqlDatabase& db)
{
    const auto* driver = qobject_cast<const SqlCipherDriver*>(db.driver());
    return driver && driver->connection() && sqlite3_get_autocommit(driver->connection()) == 0;
}

bool refuse(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
}

bool checkOrg(const std::string& entityOrgId, const QString& orgId, const QString& what, QString* error)
{
    if (toQString(entityOrgId) == orgId) {
        return true;
    }
    return refuse(error,
                  QStringLiteral("The %1 belongs to organization \"%2\", not to \"%3\"; it was not saved.")
                      .arg(what, toQString(entityOrgId), orgId));
}

} // namespace callsnare::store
