#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QStringView>

struct sqlite3_stmt;

namespace callsnare::store {

// The Qt type a column declared as `declaredType` reads back as, following
// SQLite's affinity rules (INT -> integer, CHAR/CLOB/TEXT -> text, BLOB ->
// bytes, REAL/FLOA/DOUB -> double). Returns an invalid QMetaType when the
// declaration says nothing (expressions) or only NUMERIC affinity applies:
// the caller then uses the storage class of an actual value.
QMetaType metaTypeForDeclaredType(QStringView declaredType);

// The declared types of a prepared statement's result columns, worked out
// once and kept with the statement in the driver's cache. SQLite recompiles
// a kept statement after a schema change, so refresh() compares each
// column's declaration with the one the types were made from and works out
// again only what changed (a short byte compare per column).
class DeclaredColumnTypes {
public:
    void refresh(sqlite3_stmt* stmt);
    const QList<QMetaType>& types() const { return m_types; }
    void clear();

private:
    QList<QByteArray> m_declarations;
    QList<QMetaType> m_types;
};

} // namespace callsnare::store
