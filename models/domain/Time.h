#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace callsnare::domain {

// A point in time, UTC, to the second. Every fact the product stores carries one.
using Instant = std::chrono::sys_seconds;
// A wall-clock reading in some time zone (no zone attached): what a clock on
// the office wall or the homeowner's phone shows.
using LocalTime = std::chrono::local_seconds;
// A time of day as minutes after local midnight, 0..1440.
using TimeOfDay = std::chrono::minutes;

// The domain never reads a time zone database itself: the desktop passes one
// backed by QTimeZone, the relay one backed by the system zoneinfo, tests
// either with fixed instants. Zones are IANA names ("America/Chicago").
class TimeZoneConverter {
public:
    virtual ~TimeZoneConverter() = default;

    virtual bool knows(std::string_view zone) const = 0;
    virtual LocalTime toLocal(Instant instant, std::string_view zone) const = 0;
    // A wall-clock time that does not exist (skipped by a spring-forward
    // change) maps to the instant the clocks jumped to, plus the time past the
    // jump; one that happens twice (fall back) maps to the earlier instant.
    virtual Instant toInstant(LocalTime local, std::string_view zone) const = 0;
};

std::chrono::year_month_day localDate(LocalTime local);
std::chrono::weekday localWeekday(LocalTime local);
TimeOfDay timeOfDay(LocalTime local);
LocalTime atTimeOfDay(std::chrono::year_month_day date, TimeOfDay time);

// ISO 8601 in UTC, "2026-03-08T14:05:00Z".
std::string formatInstant(Instant instant);
// "2026-03-08 09:05" (what the domain shows of a local time).
std::string formatLocal(LocalTime local);

} // namespace callsnare::domain
