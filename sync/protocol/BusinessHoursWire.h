#pragma once

#include "domain/BusinessHours.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace callsnare::protocol {

class JsonFields;

// Opening stretches per weekday, indexed by std::chrono::weekday::c_encoding()
// (0 = Sunday), as domain::BusinessHours keeps them.
using WeeklyHours = std::array<domain::BusinessHours::DaySchedule, 7>;

// Monday to Friday 08:00-17:00: what an organization has until its owner says
// otherwise, and what a snapshot without "business_hours" means.
WeeklyHours defaultWeeklyHours();

// The wire's day keys: "sun", "mon", ... "sat".
std::string_view weekdayKey(unsigned weekday);

// "HH:MM", 00:00 to 24:00 (24:00 only closes a day).
std::string formatClock(domain::TimeOfDay time);
std::optional<domain::TimeOfDay> parseClock(std::string_view text);
// "YYYY-MM-DD".
std::string formatDate(std::chrono::year_month_day date);
std::optional<std::chrono::year_month_day> parseDate(std::string_view text);

// {"sun": [], "mon": [{"open": "08:00", "close": "17:00"}], ...}: every day
// written; a day missing on reading is closed, an unknown day key is refused.
Poco::JSON::Object::Ptr encodeWeeklyHours(const WeeklyHours& weekly);
WeeklyHours readWeeklyHours(JsonFields& fields, const std::string& key, Poco::JSON::Object::Ptr object);

// ["2026-12-25", ...]
Poco::JSON::Array::Ptr encodeHolidays(const std::vector<std::chrono::year_month_day>& holidays);
std::vector<std::chrono::year_month_day> readHolidays(JsonFields& fields, const std::string& key,
                                                      Poco::JSON::Array::Ptr items);

// [1440, 120]: whole minutes; checking them is checkSettingsChange's work.
Poco::JSON::Array::Ptr encodeMinutesList(const std::vector<std::int64_t>& minutes);
std::vector<std::int64_t> readMinutesList(JsonFields& fields, const std::string& key,
                                          Poco::JSON::Array::Ptr items);

} // namespace callsnare::protocol
