#include "ui/Clock.h"

#include <chrono>

namespace callsnare::ui {

Clock systemClock()
{
    return
        [] { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); };
}

} // namespace callsnare::ui
