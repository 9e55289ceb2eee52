#include "domain/Time.h"

#include <cstdio>

namespace callsnare::domain {

using namespace std::chrono;

year_month_day localDate(LocalTime local)
{
    return year_month_day{floor<days>(local)};
}

weekday localWeekday(LocalTime local)
{
    return weekday{floor<days>(local)};
}

TimeOfDay timeOfDay(LocalTime local)
{
    return floor<minutes>(local - floor<days>(local));
}

LocalTime atTimeOfDay(year_month_day date, TimeOfDay time)
{
    return local_days{date} + time;
}

namespace {

std::string formatFields(sys_seconds moment, const char* format)
{
    const auto day = floor<days>(moment);
    const year_month_day date{day};
    const hh_mm_ss clock{moment - day};
    char text[32];
    std::snprintf(text, sizeof text, format, static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()));
    return text;
}

} // namespace

std::string formatInstant(Instant instant)
{
    return formatFields(instant, "%04d-%02u-%02uT%02d:%02d:%02dZ");
}

std::string formatLocal(LocalTime local)
{
    const std::string full
        = formatFields(sys_seconds{local.time_since_epoch()}, "%04d-%02u-%02u %02d:%02d:%02d");
    return full.substr(0, 16);
}

} // namespace callsnare::domain
