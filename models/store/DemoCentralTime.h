#pragma once

#include "domain/Time.h"

namespace callsnare::store {

// America/Chicago by the United States rules in force since 2007 (CST, UTC-6;
// CDT, UTC-5, from the second Sunday of March to the first Sunday of
// November, switching at 02:00 local). The demo data needs wall-clock times
// that are right and identical on every machine, whatever its zone database.
class DemoCentralTime final : public domain::TimeZoneConverter {
public:
    static constexpr std::string_view kZone = "America/Chicago";

    bool knows(std::string_view zone) const override { return zone == kZone; }
    domain::LocalTime toLocal(domain::Instant instant, std::string_view zone) const override;
    domain::Instant toInstant(domain::LocalTime local, std::string_view zone) const override;

    static domain::LocalTime local(domain::Instant instant);
    static domain::Instant instant(domain::LocalTime local);
    static bool isDaylightTime(domain::Instant instant);
};

} // namespace callsnare::store
