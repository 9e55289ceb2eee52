#include "store/StoreLogging.h"

namespace callsnare::store {

Q_LOGGING_CATEGORY(lcStore, "callsnare.store")

} // namespace callsnare::store
