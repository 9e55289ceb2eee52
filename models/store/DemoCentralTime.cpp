#include "store/DemoCentralTime.h"

namespace callsnare::store {

using namespace std::chrono;

namespace {

constexpr hours kStandardOffset{6};
constexpr hours kDaylightOffset{5};

// 02:00 local on the n-th Sunday of the month, as an instant (UTC).
sys_seconds switchInstant(year y, month m, unsigned nthSunday, hours offsetBefore)
{
    const sys_days day{year_month_weekday{y, m, weekday_indexed{Sunday, nthSunday}}};
    return day + hours{2} + offsetBefore;
}

} // namespace

bool DemoCentralTime::isDaylightTime(domain::Instant instant)
{
    const year y = year_month_day{floor<days>(instant)}.year();
    const sys_seconds begins = switchInstant(y, March, 2, kStandardOffset);
    const sys_seconds ends = switchInstant(y, November, 1, kDaylightOffset);
    return instant >= begins && instant < ends;
}

domain::LocalTime DemoCentralTime::local(domain::Instant instant)
{
    const auto offset = isDaylightTime(instant) ? kDaylightOffset : kStandardOffset;
    return domain::LocalTime{(instant - offset).time_since_epoch()};
}

domain::Instant DemoCentralTime::instant(domain::LocalTime local)
{
    // Try standard time first, then daylight time; a wall-clock time skipped in
    // spring reads as standard time (an hour later once converted back), a
    // repeated one in autumn takes the earlier (daylight) instant.
    const domain::Instant asDaylight{local.time_since_epoch() + kDaylightOffset};
    if (isDaylightTime(asDaylight)) {
        return asDaylight;
    }
    return domain::Instant{local.time_since_epoch() + kStandardOffset};
}

domain::LocalTime DemoCentralTime::toLocal(domain::Instant instant, std::string_view) const
{
    return local(instant);
}

domain::Instant DemoCentralTime::toInstant(domain::LocalTime local, std::string_view) const
{
    return instant(local);
}

} // namespace callsnare::store
