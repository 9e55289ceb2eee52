#include "store/SqliteColumnType.h"

#include <QByteArray>
#include <QString>

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

} // namespace callsnare::store
