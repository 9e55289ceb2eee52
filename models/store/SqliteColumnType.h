#pragma once

#include <QMetaType>
#include <QStringView>

namespace callsnare::store {

// The Qt type a column declared as `declaredType` reads back as, following
// SQLite's affinity rules (INT -> integer, CHAR/CLOB/TEXT -> text, BLOB ->
// bytes, REAL/FLOA/DOUB -> double). Returns an invalid QMetaType when the
// declaration says nothing (expressions) or only NUMERIC affinity applies:
// the caller then uses the storage class of an actual value.
QMetaType metaTypeForDeclaredType(QStringView declaredType);

} // namespace callsnare::store
