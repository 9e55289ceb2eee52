#include "store/SqliteColumnType.h"

#include <QByteArray>
#include <QString>

#include <sqlcipher/sqlite3.h>

#include <algorithm>

namespace callsnare::store {

QMetaType metaTypeForDeclaredType(QStringView declaredType)
{
    if (declaredType.trimmed().isEmpty()) {
        return {};
    }
    const auto has
        = [declaredType](QStringView part) { return declaredType.contains(part, Qt::CaseInsensitive); };
    // Same order as SQLite's own affinity rules (datatype3.html, 3.1).
    if (has(u"INT")) {
        return QMetaType::fromType<qlonglong>();
    }
    if (has(u"CHAR") || has(u"CLOB") || has(u"TEXT")) {
        return QMetaType::fromType<QString>();
    }
    if (has(u"BLOB")) {
        return QMetaType::fromType<QByteArray>();
    }
    if (has(u"REAL") || has(u"FLOA") || has(u"DOUB")) {
        return QMetaType::fromType<double>();
    }
    return {};
}

void DeclaredColumnTypes::refresh(sqlite3_stmt* stmt)
{
    const int columns = sqlite3_column_count(stmt);
    const qsizetype known = std::min<qsizetype>(columns, m_types.size());
    m_declarations.resize(columns);
    m_types.resize(columns);
    for (int column = 0; column < columns; ++column) {
        const char* declared = sqlite3_column_decltype(stmt, column);
        const QByteArrayView text(declared ? declared : ""); // an expression declares nothing
        if (column < known && m_declarations.at(column) == text) {
            continue;
        }
        m_declarations[column] = text.toByteArray();
        m_types[column] = metaTypeForDeclaredType(QString::fromUtf8(text));
    }
}

void DeclaredColumnTypes::clear()
{
    m_declarations.clear();
    m_types.clear();
}

} // namespace callsnare::store
