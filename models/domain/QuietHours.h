#pragma once

#include "domain/Time.h"

#include <string_view>

namespace callsnare::domain {

// What automation does with a text that falls in quiet hours.
enum class QuietHoursPolicy {
    Defer, // send when quiet hours end
    Skip, // do not send at all (recorded with its reason)
};

// The part of the day when no automated text goes out, judged at the
// recipient's wall clock. The default is TCPA's: nothing before 08:00 or from
// 21:00 on. The window may cross midnight; start == end means no quiet hours.
struct QuietHours {
    TimeOfDay start = std::chrono::hours{21};
    TimeOfDay end = std::chrono::hours{8};
    QuietHoursPolicy policy = QuietHoursPolicy::Defer;

    bool isEnabled() const { return start != end; }
    bool contains(LocalTime local) const;
    // For a local time inside quiet hours: when that quiet period began and
    // when it ends, as wall-clock times.
    LocalTime periodStart(LocalTime local) const;
    LocalTime periodEnd(LocalTime local) const;

    // The instant `instant` if it is outside quiet hours in `zone`, otherwise
    // the instant the quiet period ends there (DST-aware through the converter).
    Instant nextAllowed(Instant instant, std::string_view zone, const TimeZoneConverter& zones) const;

    friend bool operator==(const QuietHours&, const QuietHours&) = default;
};

} // namespace callsnare::domain
