#pragma once

#include <QPair>
#include <QSqlDatabase>
#include <QString>
#include <QVector>

namespace callsnare::store {

// Rows per table of a whole profile, every organization together: what
// `callsnare-cli db stats` shows. Tables come from the schema itself, so a
// table added by a later migration is counted without a change here; SQLite's
// own tables and the full-text index's internal tables are left out.
class TableCounts {
public:
    using Counts = QVector<QPair<QString, qint64>>;

    // By table name.
    static bool count(const QSqlDatabase& db, Counts* counts, QString* error);
};

} // namespace callsnare::store
