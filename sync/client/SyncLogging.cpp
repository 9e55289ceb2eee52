#include "client/SyncLogging.h"

namespace callsnare::syncclient {

Q_LOGGING_CATEGORY(lcSync, "callsnare.sync")

} // namespace callsnare::syncclient
