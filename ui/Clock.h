#pragma once

#include "domain/Time.h"

#include <functional>

namespace callsnare::ui {

// Where the widgets read "now": the system clock in the app, a fixed instant
// in tests (demo data is generated against a fixed now), so ages and the
// "today" filter never depend on when a test runs.
using Clock = std::function<domain::Instant()>;

Clock systemClock();

} // namespace callsnare::ui
