#include "domain/QuietHours.h"

namespace callsnare::domain {

using namespace std::chrono;

namespace {

bool crossesMidnight(const QuietHours& quiet)
{
    return quiet.start > quiet.end;
}

} // namespace

bool QuietHours::contains(LocalTime local) const
{
    if (!isEnabled()) {
        return false;
    }
    const TimeOfDay now = timeOfDay(local);
    if (crossesMidnight(*this)) {
        return now >= start || now < end;
    }
    return now >= start && now < end;
}

LocalTime QuietHours::periodStart(LocalTime local) const
{
    const local_days today = floor<days>(local);
    const bool beganYesterday = crossesMidnight(*this) && timeOfDay(local) < end;
    return (beganYesterday ? today - days{1} : today) + start;
}

LocalTime QuietHours::periodEnd(LocalTime local) const
{
    const local_days today = floor<days>(local);
    const bool endsTomorrow = crossesMidnight(*this) && timeOfDay(local) >= start;
    return (endsTomorrow ? today + days{1} : today) + end;
}

Instant QuietHours::nextAllowed(Instant instant, std::string_view zone, const TimeZoneConverter& zones) const
{
    const LocalTime local = zones.toLocal(instant, zone);
    if (!contains(local)) {
        return instant;
    }
    return zones.toInstant(periodEnd(local), zone);
}

} // namespace callsnare::domain
