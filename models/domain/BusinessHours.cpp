#include "domain/BusinessHours.h"

#include <algorithm>

namespace callsnare::domain {

using namespace std::chrono;

Result<BusinessHours> BusinessHours::create(std::array<DaySchedule, 7> weekly,
                                            std::vector<year_month_day> holidays)
{
    for (auto& day : weekly) {
        std::sort(day.begin(), day.end(),
                  [](const OpenInterval& a, const OpenInterval& b) { return a.open < b.open; });
        for (std::size_t i = 0; i < day.size(); ++i) {
            const OpenInterval& stretch = day[i];
            if (stretch.open < 0min || stretch.close > 24h || stretch.open >= stretch.close) {
                return makeError("invalid_business_hours",
                                 "Each opening time must start before it ends, within one day.");
            }
            if (i > 0 && day[i - 1].close > stretch.open) {
                return makeError("invalid_business_hours", "Opening times on the same day must not overlap.");
            }
        }
    }
    for (const auto& date : holidays) {
        if (!date.ok()) {
            return makeError("invalid_business_hours", "A holiday is not a valid date.");
        }
    }
    BusinessHours hours;
    hours.m_weekly = std::move(weekly);
    hours.m_holidays = std::move(holidays);
    return hours;
}

BusinessHours BusinessHours::weekdays(TimeOfDay open, TimeOfDay close)
{
    BusinessHours hours;
    for (unsigned day = Monday.c_encoding(); day <= Friday.c_encoding(); ++day) {
        hours.m_weekly[day] = {OpenInterval{open, close}};
    }
    return hours;
}

bool BusinessHours::isHoliday(year_month_day date) const
{
    return std::find(m_holidays.begin(), m_holidays.end(), date) != m_holidays.end();
}

const BusinessHours::DaySchedule& BusinessHours::day(weekday weekday) const
{
    return m_weekly[weekday.c_encoding()];
}

bool BusinessHours::isOpen(LocalTime local) const
{
    if (isHoliday(localDate(local))) {
        return false;
    }
    const TimeOfDay now = timeOfDay(local);
    const DaySchedule& today = day(localWeekday(local));
    return std::any_of(today.begin(), today.end(), [now](const OpenInterval& stretch) {
        return stretch.open <= now && now < stretch.close;
    });
}

} // namespace callsnare::domain
