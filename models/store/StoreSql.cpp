#include "store/StoreSql.h"

#include "store/SqlCipherResult.h"

#include <QSqlError>

namespace callsnare::store {

bool execute(QSqlQuery& query, const QString& sql, const QVariantList& values, QString* error)
{
    const auto fail = [&](const QString& stage) {
        if (error) {
            *error = QStringLiteral("%1 failed: %2").arg(stage, query.lastError().text());
        }
        return false;
    };
    if (!query.prepare(sql)) {
        return fail(QStringLiteral("Preparing a query"));
    }
    // Our own driver takes the values in one call; any other binds through Qt.
    bool ran = false;
    if (const auto* cipher = dynamic_cast<const SqlCipherResult*>(query.result())) {
        ran = const_cast<SqlCipherResult*>(cipher)->execWithValues(values);
    } else {
        for (qsizetype i = 0; i < values.size(); ++i) {
            query.bindValue(static_cast<int>(i), values.at(i));
        }
        ran = query.exec();
    }
    if (!ran) {
        return fail(QStringLiteral("Running a query"));
    }
    return true;
}

bool execute(const QSqlDatabase& db, const QString& sql, const QVariantList& values, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    return execute(query, sql, values, error);
}

} // namespace callsnare::store
