#pragma once

#include "domain/Result.h"
#include "domain/Time.h"

#include <array>
#include <chrono>
#include <optional>
#include <vector>

namespace callsnare::domain {

// One stretch of opening time on a day, [open, close) in local minutes.
// close may be 24:00; a stretch never crosses midnight (split it in two).
struct OpenInterval {
    TimeOfDay open{};
    TimeOfDay close{};

    friend bool operator==(const OpenInterval&, const OpenInterval&) = default;
};

// When the office answers the phone: a weekly schedule in the organization's
// local time plus closed days (holidays), which override the schedule.
class BusinessHours {
public:
    using DaySchedule = std::vector<OpenInterval>;

    BusinessHours() = default;

    // Checks that every stretch lies within the day, is not empty and does not
    // overlap another stretch of the same day.
    static Result<BusinessHours> create(std::array<DaySchedule, 7> weekly,
                                        std::vector<std::chrono::year_month_day> holidays = {});
    // Monday to Friday 08:00-17:00, the usual residential HVAC office.
    static BusinessHours weekdays(TimeOfDay open, TimeOfDay close);

    bool isOpen(LocalTime local) const;
    bool isHoliday(std::chrono::year_month_day date) const;
    // Indexed by std::chrono::weekday::c_encoding() (0 = Sunday).
    const DaySchedule& day(std::chrono::weekday weekday) const;
    const std::vector<std::chrono::year_month_day>& holidays() const { return m_holidays; }

private:
    std::array<DaySchedule, 7> m_weekly{};
    std::vector<std::chrono::year_month_day> m_holidays;
};

} // namespace callsnare::domain
