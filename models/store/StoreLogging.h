#pragma once

#include <QLoggingCategory>

namespace callsnare::store {

// "callsnare.store": everything the desktop persistence layer logs. Never a
// passphrase, a key or row contents.
Q_DECLARE_LOGGING_CATEGORY(lcStore)

} // namespace callsnare::store
