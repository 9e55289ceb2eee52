#include "protocol/OrgSettings.h"

#include "domain/MessageTemplate.h"
#include "domain/PhoneNumber.h"
#include "domain/ReminderSchedule.h"
#include "protocol/JsonFields.h"

#include <Poco/JSON/Array.h>

#include <set>

namespace callsnare::protocol {

namespace {

bool blank(std::string_view text)
{
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::optional<SettingsProblem> minuteProblem(const char* field, const std::optional<std::int64_t>& minutes)
{
    if (minutes && (*minutes < 0 || *minutes >= MinutesPerDay)) {
        return SettingsProblem{field,
                               "must be between 0 and " + std::to_string(MinutesPerDay - 1)
                                   + " (minutes after midnight), got " + std::to_string(*minutes)};
    }
    return std::nullopt;
}

std::optional<SettingsProblem> templateProblem(const std::string& name, const std::string& text)
{
    const std::string field = "templates." + name;
    if (domain::defaultTemplateText(name).empty()) {
        return SettingsProblem{field, "\"" + name + "\" is not a template the automation sends"};
    }
    if (blank(text)) {
        return SettingsProblem{field, "must not be empty"};
    }
    if (text.size() > MaxTemplateBytes) {
        return SettingsProblem{field, "longer than " + std::to_string(MaxTemplateBytes) + " bytes"};
    }
    if (auto parsed = domain::MessageTemplate::parse(text); !parsed) {
        return SettingsProblem{field, parsed.error().message};
    }
    return std::nullopt;
}

std::optional<SettingsProblem> questionsProblem(const std::vector<domain::IntakeQuestion>& questions)
{
    if (questions.size() > MaxIntakeQuestions) {
        return SettingsProblem{"intake_questions",
                               "at most " + std::to_string(MaxIntakeQuestions) + " questions, got "
                                   + std::to_string(questions.size())};
    }
    std::set<std::string, std::less<>> keys;
    for (std::size_t i = 0; i < questions.size(); ++i) {
        const std::string item = "intake_questions[" + std::to_string(i) + "]";
        const auto& question = questions[i];
        if (blank(question.key)) {
            return SettingsProblem{item + ".key", "must not be empty"};
        }
        if (!keys.insert(question.key).second) {
            return SettingsProblem{item + ".key", "\"" + question.key + "\" is asked twice"};
        }
        if (blank(question.text)) {
            return SettingsProblem{item + ".text", "must not be empty"};
        }
        if (question.text.size() > MaxQuestionBytes) {
            return SettingsProblem{item + ".text",
                                   "longer than " + std::to_string(MaxQuestionBytes) + " bytes"};
        }
    }
    return std::nullopt;
}

// The domain's own checks (BusinessHours::create), asked one day and one
// holiday at a time so the problem names the field the owner got wrong.
std::optional<SettingsProblem> hoursProblem(const WeeklyHours& weekly)
{
    for (unsigned day = 0; day < 7; ++day) {
        WeeklyHours alone{};
        alone[day] = weekly[day];
        if (auto hours = domain::BusinessHours::create(alone); !hours) {
            return SettingsProblem{"business_hours." + std::string(weekdayKey(day)), hours.error().message};
        }
    }
    return std::nullopt;
}

std::optional<SettingsProblem> holidaysProblem(const std::vector<std::chrono::year_month_day>& holidays)
{
    if (holidays.size() > MaxHolidays) {
        return SettingsProblem{"holidays",
                               "at most " + std::to_string(MaxHolidays) + " holidays, got "
                                   + std::to_string(holidays.size())};
    }
    std::set<std::chrono::year_month_day> seen;
    for (std::size_t i = 0; i < holidays.size(); ++i) {
        const std::string item = "holidays[" + std::to_string(i) + "]";
        if (auto hours = domain::BusinessHours::create({}, {holidays[i]}); !hours) {
            return SettingsProblem{item, hours.error().message};
        }
        if (!seen.insert(holidays[i]).second) {
            return SettingsProblem{item, formatDate(holidays[i]) + " is listed twice"};
        }
    }
    return std::nullopt;
}

std::optional<SettingsProblem> offsetsProblem(const std::vector<std::int64_t>& offsets)
{
    const std::string field = "reminder_offsets_minutes";
    if (offsets.size() > MaxReminderOffsets) {
        return SettingsProblem{field,
                               "at most " + std::to_string(MaxReminderOffsets) + " reminders, got "
                                   + std::to_string(offsets.size())};
    }
    domain::ReminderPolicy policy;
    policy.zone = "UTC"; // only the offsets are in question here
    policy.offsets.clear();
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        if (offsets[i] > MaxReminderOffsetMinutes) {
            return SettingsProblem{field + "[" + std::to_string(i) + "]",
                                   "must be at most " + std::to_string(MaxReminderOffsetMinutes)
                                       + " minutes (two weeks) before the visit, got "
                                       + std::to_string(offsets[i])};
        }
        policy.offsets.push_back(std::chrono::minutes{offsets[i]});
        if (auto valid = policy.validate(); !valid) {
            return SettingsProblem{field + "[" + std::to_string(i) + "]", valid.error().message};
        }
    }
    return std::nullopt;
}

Poco::JSON::Array::Ptr encodeQuestions(const std::vector<domain::IntakeQuestion>& questions)
{
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& question : questions) {
        Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        item->set("key", question.key);
        item->set("text", question.text);
        items->add(item);
    }
    return items;
}

Poco::JSON::Object::Ptr encodeTemplates(const std::map<std::string, std::string, std::less<>>& templates)
{
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& [name, text] : templates) {
        out->set(name, text);
    }
    return out;
}

std::vector<domain::IntakeQuestion> readQuestions(JsonFields& fields, Poco::JSON::Array::Ptr items)
{
    std::vector<domain::IntakeQuestion> questions;
    if (!items) {
        return questions;
    }
    for (unsigned i = 0; i < items->size() && fields.ok(); ++i) {
        const std::string path = fields.pathOf("intake_questions") + "[" + std::to_string(i) + "]";
        const auto value = items->get(i);
        if (value.type() != typeid(Poco::JSON::Object::Ptr)) {
            fields.fail(domain::makeError("invalid_field", path + ": expected an object"));
            break;
        }
        JsonFields item(value.extract<Poco::JSON::Object::Ptr>(), path);
        domain::IntakeQuestion question{item.string("key"), item.string("text")};
        if (!item.ok()) {
            fields.fail(item.error());
            break;
        }
        questions.push_back(std::move(question));
    }
    return questions;
}

std::map<std::string, std::string, std::less<>> readTemplates(JsonFields& fields,
                                                              Poco::JSON::Object::Ptr object)
{
    std::map<std::string, std::string, std::less<>> templates;
    if (!object) {
        return templates;
    }
    for (const auto& [name, value] : *object) {
        if (!value.isString()) {
            fields.reject("templates." + name, "expected a string");
            break;
        }
        templates.emplace(name, value.convert<std::string>());
    }
    return templates;
}

} // namespace

bool SettingsChange::empty() const
{
    return !timeZone && !quietStartMinutes && !quietEndMinutes && !quietPolicy && !dedupeWindowMinutes
        && templates.empty() && !intakeQuestions && !onCallNumber && !businessHours && !holidays
        && !reminderOffsetsMinutes && !responseTargetMinutes;
}

std::optional<SettingsProblem> checkSettingsChange(const SettingsChange& change)
{
    if (change.empty()) {
        return SettingsProblem{"", "names no setting to change"};
    }
    if (change.timeZone && blank(*change.timeZone)) {
        return SettingsProblem{"time_zone", "must not be empty"};
    }
    if (auto problem = minuteProblem("quiet_start_minutes", change.quietStartMinutes)) {
        return problem;
    }
    if (auto problem = minuteProblem("quiet_end_minutes", change.quietEndMinutes)) {
        return problem;
    }
    if (change.quietPolicy && *change.quietPolicy != "defer" && *change.quietPolicy != "skip") {
        return SettingsProblem{"quiet_policy",
                               "\"" + *change.quietPolicy
                                   + "\" is not a quiet hours policy "
                                     "(defer or skip)"};
    }
    if (change.dedupeWindowMinutes
        && (*change.dedupeWindowMinutes < 1 || *change.dedupeWindowMinutes > MaxDedupeWindowMinutes)) {
        return SettingsProblem{"dedupe_window_minutes",
                               "must be between 1 and " + std::to_string(MaxDedupeWindowMinutes) + ", got "
                                   + std::to_string(*change.dedupeWindowMinutes)};
    }
    for (const auto& [name, text] : change.templates) {
        if (auto problem = templateProblem(name, text)) {
            return problem;
        }
    }
    if (change.intakeQuestions) {
        if (auto problem = questionsProblem(*change.intakeQuestions)) {
            return problem;
        }
    }
    if (change.onCallNumber && *change.onCallNumber) {
        const std::string& text = **change.onCallNumber;
        const auto parsed = domain::PhoneNumber::parse(text);
        if (!parsed || parsed.value().e164() != text) {
            return SettingsProblem{"on_call_number",
                                   "\"" + text + "\" is not an E.164 number like +15125550100"};
        }
    }
    if (change.businessHours) {
        if (auto problem = hoursProblem(*change.businessHours)) {
            return problem;
        }
    }
    if (change.holidays) {
        if (auto problem = holidaysProblem(*change.holidays)) {
            return problem;
        }
    }
    if (change.reminderOffsetsMinutes) {
        if (auto problem = offsetsProblem(*change.reminderOffsetsMinutes)) {
            return problem;
        }
    }
    if (change.responseTargetMinutes
        && (*change.responseTargetMinutes < 1 || *change.responseTargetMinutes > MaxResponseTargetMinutes)) {
        return SettingsProblem{"response_target_minutes",
                               "must be between 1 and " + std::to_string(MaxResponseTargetMinutes) + ", got "
                                   + std::to_string(*change.responseTargetMinutes)};
    }
    return std::nullopt;
}

Poco::JSON::Object::Ptr encodeOrgSettings(const OrgSettings& settings)
{
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("time_zone", settings.timeZone);
    out->set("quiet_start_minutes", static_cast<Poco::Int64>(settings.quietStartMinutes));
    out->set("quiet_end_minutes", static_cast<Poco::Int64>(settings.quietEndMinutes));
    out->set("quiet_policy", settings.quietPolicy);
    out->set("dedupe_window_minutes", static_cast<Poco::Int64>(settings.dedupeWindowMinutes));
    out->set("templates", encodeTemplates(settings.templates));
    out->set("intake_questions", encodeQuestions(settings.intakeQuestions));
    setOptional(*out, "on_call_number", settings.onCallNumber);
    out->set("business_hours", encodeWeeklyHours(settings.businessHours));
    out->set("holidays", encodeHolidays(settings.holidays));
    out->set("reminder_offsets_minutes", encodeMinutesList(settings.reminderOffsetsMinutes));
    out->set("response_target_minutes", static_cast<Poco::Int64>(settings.responseTargetMinutes));
    out->set("version", static_cast<Poco::Int64>(settings.version));
    return out;
}

OrgSettings readOrgSettings(JsonFields& fields)
{
    OrgSettings settings;
    settings.timeZone = fields.string("time_zone");
    settings.quietStartMinutes = fields.integer("quiet_start_minutes");
    settings.quietEndMinutes = fields.integer("quiet_end_minutes");
    settings.quietPolicy = fields.string("quiet_policy");
    if (fields.ok() && settings.quietPolicy != "defer" && settings.quietPolicy != "skip") {
        fields.reject("quiet_policy", "\"" + settings.quietPolicy + "\" is not a quiet hours policy");
    }
    settings.dedupeWindowMinutes = fields.integer("dedupe_window_minutes");
    settings.templates = readTemplates(fields, fields.object("templates"));
    settings.intakeQuestions = readQuestions(fields, fields.array("intake_questions"));
    settings.onCallNumber = fields.optionalString("on_call_number");
    // Absent from a relay that predates them: the defaults they stood for.
    if (auto hours = fields.optionalObject("business_hours")) {
        settings.businessHours = readWeeklyHours(fields, "business_hours", hours);
    }
    settings.holidays = readHolidays(fields, "holidays", fields.optionalArray("holidays"));
    if (auto offsets = fields.optionalArray("reminder_offsets_minutes")) {
        settings.reminderOffsetsMinutes = readMinutesList(fields, "reminder_offsets_minutes", offsets);
    }
    settings.responseTargetMinutes = fields.optionalInteger("response_target_minutes").value_or(5);
    settings.version = fields.integer("version");
    if (fields.ok() && settings.version < 1) {
        fields.reject("version", "must be at least 1");
    }
    return settings;
}

domain::Result<OrgSettings> decodeOrgSettings(Poco::JSON::Object::Ptr data, const std::string& path)
{
    JsonFields fields(std::move(data), path);
    OrgSettings settings = readOrgSettings(fields);
    if (!fields.ok()) {
        return fields.error();
    }
    return settings;
}

void encodeSettingsChange(Poco::JSON::Object& data, const SettingsChange& change)
{
    if (change.timeZone) {
        data.set("time_zone", *change.timeZone);
    }
    if (change.quietStartMinutes) {
        data.set("quiet_start_minutes", static_cast<Poco::Int64>(*change.quietStartMinutes));
    }
    if (change.quietEndMinutes) {
        data.set("quiet_end_minutes", static_cast<Poco::Int64>(*change.quietEndMinutes));
    }
    if (change.quietPolicy) {
        data.set("quiet_policy", *change.quietPolicy);
    }
    if (change.dedupeWindowMinutes) {
        data.set("dedupe_window_minutes", static_cast<Poco::Int64>(*change.dedupeWindowMinutes));
    }
    if (!change.templates.empty()) {
        data.set("templates", encodeTemplates(change.templates));
    }
    if (change.intakeQuestions) {
        data.set("intake_questions", encodeQuestions(*change.intakeQuestions));
    }
    if (change.onCallNumber) {
        // null clears the number; absence leaves it.
        setOptional(data, "on_call_number", *change.onCallNumber);
    }
    if (change.businessHours) {
        data.set("business_hours", encodeWeeklyHours(*change.businessHours));
    }
    if (change.holidays) {
        data.set("holidays", encodeHolidays(*change.holidays));
    }
    if (change.reminderOffsetsMinutes) {
        data.set("reminder_offsets_minutes", encodeMinutesList(*change.reminderOffsetsMinutes));
    }
    if (change.responseTargetMinutes) {
        data.set("response_target_minutes", static_cast<Poco::Int64>(*change.responseTargetMinutes));
    }
}

SettingsChange readSettingsChange(JsonFields& fields)
{
    SettingsChange change;
    change.timeZone = fields.optionalString("time_zone");
    change.quietStartMinutes = fields.optionalInteger("quiet_start_minutes");
    change.quietEndMinutes = fields.optionalInteger("quiet_end_minutes");
    change.quietPolicy = fields.optionalString("quiet_policy");
    change.dedupeWindowMinutes = fields.optionalInteger("dedupe_window_minutes");
    change.templates = readTemplates(fields, fields.optionalObject("templates"));
    if (auto questions = fields.optionalArray("intake_questions")) {
        change.intakeQuestions = readQuestions(fields, questions);
    }
    if (fields.has("on_call_number")) {
        change.onCallNumber = fields.optionalString("on_call_number");
    }
    if (auto hours = fields.optionalObject("business_hours")) {
        change.businessHours = readWeeklyHours(fields, "business_hours", hours);
    }
    if (auto holidays = fields.optionalArray("holidays")) {
        change.holidays = readHolidays(fields, "holidays", holidays);
    }
    if (auto offsets = fields.optionalArray("reminder_offsets_minutes")) {
        change.reminderOffsetsMinutes = readMinutesList(fields, "reminder_offsets_minutes", offsets);
    }
    change.responseTargetMinutes = fields.optionalInteger("response_target_minutes");
    if (!fields.ok()) {
        return change;
    }
    if (const auto problem = checkSettingsChange(change)) {
        if (problem->field.empty()) {
            fields.fail(domain::makeError("invalid_field", fields.path() + ": " + problem->problem));
        } else {
            fields.reject(problem->field, problem->problem);
        }
    }
    return change;
}

} // namespace callsnare::protocol
