#pragma once

#include "domain/AutomationTexts.h"
#include "domain/Result.h"
#include "protocol/BusinessHoursWire.h"

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace callsnare::protocol {

class JsonFields;

// What an owner may set, checked alike by the desktop before it queues a
// change and by the relay's decoder, so both say the same thing.
inline constexpr std::int64_t MinutesPerDay = 24 * 60;
inline constexpr std::int64_t MaxDedupeWindowMinutes = 7 * MinutesPerDay;
inline constexpr std::size_t MaxTemplateBytes = 1600; // ten SMS segments, as a dispatcher's text
inline constexpr std::size_t MaxIntakeQuestions = 10;
inline constexpr std::size_t MaxQuestionBytes = 320;
inline constexpr std::size_t MaxHolidays = 366;
inline constexpr std::size_t MaxReminderOffsets = 5;
// A reminder more than two weeks ahead of the visit reminds no one.
inline constexpr std::int64_t MaxReminderOffsetMinutes = 14 * MinutesPerDay;
inline constexpr std::int64_t MaxResponseTargetMinutes = MinutesPerDay;

// "org.settings": the organization's settings as a whole, appended when the
// organization is made and after every change, with the version a
// settings.change must name as its base. Templates and intake questions are
// what the automation uses (the org's own text, else the product's default).
struct OrgSettings {
    std::string timeZone; // IANA
    std::int64_t quietStartMinutes = 0; // after local midnight; start == end: no quiet hours
    std::int64_t quietEndMinutes = 0;
    std::string quietPolicy = "defer"; // "defer" | "skip"
    std::int64_t dedupeWindowMinutes = MinutesPerDay;
    std::map<std::string, std::string, std::less<>> templates; // name -> text
    std::vector<domain::IntakeQuestion> intakeQuestions;
    std::optional<std::string> onCallNumber; // E.164
    // When the office answers (the automation's text-back choice); holidays
    // close a day whatever the weekly hours say.
    WeeklyHours businessHours = defaultWeeklyHours();
    std::vector<std::chrono::year_month_day> holidays;
    // Minutes before a visit its reminders go out.
    std::vector<std::int64_t> reminderOffsetsMinutes{24 * 60, 2 * 60};
    // How long a homeowner's reply may wait for a human answer before the
    // inbox nudges the dispatchers.
    std::int64_t responseTargetMinutes = 5;
    std::int64_t version = 1;
};

// "settings.change": the settings an owner changed; unset ones stay as they
// are. Templates not named keep their text; intake questions are replaced as
// a list.
struct SettingsChange {
    std::optional<std::string> timeZone;
    std::optional<std::int64_t> quietStartMinutes;
    std::optional<std::int64_t> quietEndMinutes;
    std::optional<std::string> quietPolicy;
    std::optional<std::int64_t> dedupeWindowMinutes;
    std::map<std::string, std::string, std::less<>> templates;
    std::optional<std::vector<domain::IntakeQuestion>> intakeQuestions;
    std::optional<std::optional<std::string>> onCallNumber; // inner nullopt: no on-call number
    // Each replaces the whole list or week.
    std::optional<WeeklyHours> businessHours;
    std::optional<std::vector<std::chrono::year_month_day>> holidays;
    std::optional<std::vector<std::int64_t>> reminderOffsetsMinutes;
    std::optional<std::int64_t> responseTargetMinutes;

    bool empty() const;
};

// The first thing wrong with a change: the field's name (as on the wire,
// "templates.text_back", "intake_questions[1].key", "business_hours.sat";
// empty for the change as a whole) and what is wrong with it. The relay also checks the time zone
// exists, which only it can.
struct SettingsProblem {
    std::string field;
    std::string problem;
};
std::optional<SettingsProblem> checkSettingsChange(const SettingsChange& change);

Poco::JSON::Object::Ptr encodeOrgSettings(const OrgSettings& settings);
domain::Result<OrgSettings> decodeOrgSettings(Poco::JSON::Object::Ptr data, const std::string& path);
OrgSettings readOrgSettings(JsonFields& fields);

void encodeSettingsChange(Poco::JSON::Object& data, const SettingsChange& change);
// Reads and checks a change (checkSettingsChange); problems go to `fields`.
SettingsChange readSettingsChange(JsonFields& fields);

} // namespace callsnare::protocol
