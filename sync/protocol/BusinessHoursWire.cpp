#include "protocol/BusinessHoursWire.h"

#include "protocol/JsonFields.h"

#include <cstdio>

namespace callsnare::protocol {

namespace {

constexpr std::string_view kWeekdayKeys[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

bool digits(std::string_view text)
{
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

int number(std::string_view text)
{
    int value = 0;
    for (const char c : text) {
        value = value * 10 + (c - '0');
    }
    return value;
}

std::string twoDigits(long long value)
{
    const auto digit = [](long long d) { return static_cast<char>('0' + d % 10); };
    return {digit(value / 10), digit(value)};
}

bool isInteger(const Poco::Dynamic::Var& value)
{
    return value.isInteger() && !value.isBoolean();
}

} // namespace

WeeklyHours defaultWeeklyHours()
{
    WeeklyHours weekly{};
    for (unsigned day = std::chrono::Monday.c_encoding(); day <= std::chrono::Friday.c_encoding(); ++day) {
        weekly[day] = {domain::OpenInterval{std::chrono::hours{8}, std::chrono::hours{17}}};
    }
    return weekly;
}

std::string_view weekdayKey(unsigned weekday)
{
    return weekday < 7 ? kWeekdayKeys[weekday] : std::string_view();
}

std::string formatClock(domain::TimeOfDay time)
{
    return twoDigits(time.count() / 60) + ":" + twoDigits(time.count() % 60);
}

std::optional<domain::TimeOfDay> parseClock(std::string_view text)
{
    if (text.size() != 5 || text[2] != ':' || !digits(text.substr(0, 2)) || !digits(text.substr(3, 2))) {
        return std::nullopt;
    }
    const int hours = number(text.substr(0, 2));
    const int minutes = number(text.substr(3, 2));
    if (hours > 24 || minutes > 59 || (hours == 24 && minutes != 0)) {
        return std::nullopt;
    }
    return domain::TimeOfDay{hours * 60 + minutes};
}

std::string formatDate(std::chrono::year_month_day date)
{
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

std::optional<std::chrono::year_month_day> parseDate(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(text.substr(0, 4))
        || !digits(text.substr(5, 2)) || !digits(text.substr(8, 2))) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{
        std::chrono::year{number(text.substr(0, 4))},
        std::chrono::month{static_cast<unsigned>(number(text.substr(5, 2)))},
        std::chrono::day{static_cast<unsigned>(number(text.substr(8, 2)))}};
    if (!date.ok()) {
        return std::nullopt;
    }
    return date;
}

Poco::JSON::Object::Ptr encodeWeeklyHours(const WeeklyHours& weekly)
{
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (unsigned day = 0; day < 7; ++day) {
        Poco::JSON::Array::Ptr stretches = new Poco::JSON::Array;
        for (const auto& stretch : weekly[day]) {
            Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            item->set("open", formatClock(stretch.open));
            item->set("close", formatClock(stretch.close));
            stretches->add(item);
        }
        out->set(std::string(kWeekdayKeys[day]), stretches);
    }
    return out;
}

WeeklyHours readWeeklyHours(JsonFields& fields, const std::string& key, Poco::JSON::Object::Ptr object)
{
    WeeklyHours weekly{};
    if (!object) {
        return weekly;
    }
    for (const auto& [name, value] : *object) {
        unsigned day = 0;
        while (day < 7 && kWeekdayKeys[day] != name) {
            ++day;
        }
        const std::string dayKey = key + "." + name;
        if (day == 7) {
            fields.reject(dayKey, "is not a weekday (sun, mon, tue, wed, thu, fri, sat)");
            return weekly;
        }
        if (value.type() != typeid(Poco::JSON::Array::Ptr)) {
            fields.reject(dayKey, "expected an array of {\"open\", \"close\"}");
            return weekly;
        }
        const auto stretches = value.extract<Poco::JSON::Array::Ptr>();
        for (unsigned i = 0; i < stretches->size(); ++i) {
            const std::string itemKey = dayKey + "[" + std::to_string(i) + "]";
            const auto item = stretches->get(i);
            if (item.type() != typeid(Poco::JSON::Object::Ptr)) {
                fields.reject(itemKey, "expected an object");
                return weekly;
            }
            JsonFields stretch(item.extract<Poco::JSON::Object::Ptr>(), fields.pathOf(itemKey));
            const std::string open = stretch.string("open");
            const std::string close = stretch.string("close");
            if (!stretch.ok()) {
                fields.fail(stretch.error());
                return weekly;
            }
            const auto openAt = parseClock(open);
            const auto closeAt = parseClock(close);
            if (!openAt) {
                fields.reject(itemKey + ".open", "\"" + open + "\" is not a time like 08:00");
                return weekly;
            }
            if (!closeAt) {
                fields.reject(itemKey + ".close", "\"" + close + "\" is not a time like 17:00");
                return weekly;
            }
            weekly[day].push_back({*openAt, *closeAt});
        }
    }
    return weekly;
}

Poco::JSON::Array::Ptr encodeHolidays(const std::vector<std::chrono::year_month_day>& holidays)
{
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& date : holidays) {
        out->add(formatDate(date));
    }
    return out;
}

std::vector<std::chrono::year_month_day> readHolidays(JsonFields& fields, const std::string& key,
                                                      Poco::JSON::Array::Ptr items)
{
    std::vector<std::chrono::year_month_day> holidays;
    if (!items) {
        return holidays;
    }
    for (unsigned i = 0; i < items->size(); ++i) {
        const std::string itemKey = key + "[" + std::to_string(i) + "]";
        const auto value = items->get(i);
        if (!value.isString()) {
            fields.reject(itemKey, "expected a date like 2026-12-25");
            break;
        }
        const auto date = parseDate(value.convert<std::string>());
        if (!date) {
            fields.reject(itemKey, "\"" + value.convert<std::string>() + "\" is not a date like 2026-12-25");
            break;
        }
        holidays.push_back(*date);
    }
    return holidays;
}

Poco::JSON::Array::Ptr encodeMinutesList(const std::vector<std::int64_t>& minutes)
{
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const std::int64_t value : minutes) {
        out->add(static_cast<Poco::Int64>(value));
    }
    return out;
}

std::vector<std::int64_t> readMinutesList(JsonFields& fields, const std::string& key,
                                          Poco::JSON::Array::Ptr items)
{
    std::vector<std::int64_t> minutes;
    if (!items) {
        return minutes;
    }
    for (unsigned i = 0; i < items->size(); ++i) {
        const auto value = items->get(i);
        if (!isInteger(value)) {
            fields.reject(key + "[" + std::to_string(i) + "]", "expected a whole number of minutes");
            break;
        }
        minutes.push_back(value.convert<std::int64_t>());
    }
    return minutes;
}

} // namespace callsnare::protocol
