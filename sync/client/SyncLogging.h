#pragma once

#include <QLoggingCategory>

namespace callsnare::syncclient {

// "callsnare.sync": what the desktop's sync client logs. Never a token, an
// enrollment code or message contents.
Q_DECLARE_LOGGING_CATEGORY(lcSync)

} // namespace callsnare::syncclient
