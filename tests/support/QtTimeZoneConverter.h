#pragma once

#include "domain/Time.h"

// The domain's time zone converter backed by QTimeZone (the system zoneinfo),
// so rule tests run against real DST transitions with fixed instants.
class QtTimeZoneConverter final : public callsnare::domain::TimeZoneConverter {
public:
    bool knows(std::string_view zone) const override;
    callsnare::domain::LocalTime toLocal(callsnare::domain::Instant instant,
                                         std::string_view zone) const override;
    callsnare::domain::Instant toInstant(callsnare::domain::LocalTime local,
                                         std::string_view zone) const override;
};

// Shorthand for tests: the instant of a UTC wall-clock time, "2026-03-08T14:05:00Z".
callsnare::domain::Instant utc(const char* iso);
// A wall-clock time, "2026-03-08 02:30".
callsnare::domain::LocalTime wall(const char* text);
