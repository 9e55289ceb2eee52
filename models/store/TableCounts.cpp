#include "store/TableCounts.h"

#include "store/StoreSql.h"

#include <QSqlDriver>
#include <QSqlQuery>

namespace callsnare::store {

bool TableCounts::count(const QSqlDatabase& db, Counts* counts, QString* error)
{
    QSqlQuery tables(db);
    tables.setForwardOnly(true);
    // FTS4 keeps its index in shadow tables named <table>_content,
    // _segments, _segdir, _docsize and _stat; the virtual table counts them.
    if (!execute(tables,
                 QStringLiteral(
                     "SELECT t.name FROM sqlite_master AS t WHERE t.type = 'table' "
                     "AND t.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                     "AND NOT EXISTS (SELECT 1 FROM sqlite_master AS v WHERE v.type = 'table' "
                     "AND v.sql LIKE 'CREATE VIRTUAL TABLE%' AND t.name LIKE v.name || '\\_%' ESCAPE '\\') "
                     "ORDER BY t.name"),
                 {}, error)) {
        return false;
    }
    QStringList names;
    while (tables.next()) {
        names.append(tables.value(0).toString());
    }
    tables.finish();

    Counts result;
    for (const QString& name : names) {
        // A table name cannot be a bound parameter; it comes from the schema
        // and is quoted as an identifier.
        const QString table = db.driver()->escapeIdentifier(name, QSqlDriver::TableName);
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!execute(query, QStringLiteral("SELECT count(*) FROM %1").arg(table), {}, error)
            || !query.next()) {
            return false;
        }
        result.append({name, query.value(0).toLongLong()});
    }
    *counts = std::move(result);
    return true;
}

} // namespace callsnare::store
