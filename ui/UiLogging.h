#pragma once

#include <QLoggingCategory>

namespace callsnare::ui {

// "callsnare.ui": what the desktop app logs. Never a passphrase, a token or
// message contents.
Q_DECLARE_LOGGING_CATEGORY(lcUi)

} // namespace callsnare::ui
