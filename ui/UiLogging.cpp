#include "ui/UiLogging.h"

namespace callsnare::ui {

Q_LOGGING_CATEGORY(lcUi, "callsnare.ui")

} // namespace callsnare::ui
