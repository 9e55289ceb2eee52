#include "protocol/JsonFields.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>

#include <charconv>
#include <sstream>

namespace callsnare::protocol {

namespace {

std::string describe(const Poco::Dynamic::Var& value)
{
    if (value.isEmpty()) {
        return "null";
    }
    if (value.isString()) {
        return "a string";
    }
    if (value.isBoolean()) {
        return "a boolean";
    }
    if (value.isNumeric()) {
        return "a number";
    }
    if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
        return "an object";
    }
    if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
        return "an array";
    }
    return "a value of another type";
}

template <typename T> bool holds(const Poco::Dynamic::Var& value);

template <> bool holds<std::string>(const Poco::Dynamic::Var& value)
{
    return value.isString();
}
template <> bool holds<bool>(const Poco::Dynamic::Var& value)
{
    return value.isBoolean();
}
template <> bool holds<std::int64_t>(const Poco::Dynamic::Var& value)
{
    return value.isInteger();
}
template <> bool holds<Poco::JSON::Object::Ptr>(const Poco::Dynamic::Var& value)
{
    return value.type() == typeid(Poco::JSON::Object::Ptr);
}
template <> bool holds<Poco::JSON::Array::Ptr>(const Poco::Dynamic::Var& value)
{
    return value.type() == typeid(Poco::JSON::Array::Ptr);
}

template <typename T> T extract(const Poco::Dynamic::Var& value)
{
    return value.extract<T>();
}
template <> std::int64_t extract<std::int64_t>(const Poco::Dynamic::Var& value)
{
    return value.convert<Poco::Int64>();
}

int digits(std::string_view text, std::size_t at, std::size_t count, bool& ok)
{
    int value = 0;
    const auto* first = text.data() + at;
    auto [end, error] = std::from_chars(first, first + count, value);
    ok = ok && error == std::errc() && end == first + count;
    return value;
}

} // namespace

domain::Result<Poco::JSON::Object::Ptr> parseObject(std::string_view text, std::string_view what)
{
    try {
        Poco::JSON::Parser parser;
        const Poco::Dynamic::Var root = parser.parse(std::string(text));
        if (root.type() != typeid(Poco::JSON::Object::Ptr)) {
            return domain::makeError("malformed_json", std::string(what) + " must be a JSON object.");
        }
        return root.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& error) {
        return domain::makeError("malformed_json",
                                 std::string(what) + " is not valid JSON: " + error.message() + ".");
    }
}

JsonFields::JsonFields(Poco::JSON::Object::Ptr object, std::string path)
    : m_object(std::move(object)), m_path(std::move(path))
{
    if (!m_object) {
        m_error = domain::makeError("invalid_field",
                                    (m_path.empty() ? "message" : m_path) + ": expected an object");
    }
}

std::string JsonFields::pathOf(const std::string& key) const
{
    return m_path.empty() ? key : m_path + "." + key;
}

void JsonFields::reject(const std::string& key, const std::string& problem)
{
    if (!m_error) {
        m_error = domain::makeError("invalid_field", pathOf(key) + ": " + problem);
    }
}

template <typename T>
std::optional<T> JsonFields::read(const std::string& key, bool required, const char* expected)
{
    if (m_error) {
        return std::nullopt;
    }
    if (!m_object->has(key) || m_object->isNull(key)) {
        if (required) {
            m_error
                = domain::makeError("missing_field", pathOf(key) + ": required " + expected + " is missing");
        }
        return std::nullopt;
    }
    const Poco::Dynamic::Var value = m_object->get(key);
    if (!holds<T>(value)) {
        reject(key, std::string("expected ") + expected + ", got " + describe(value));
        return std::nullopt;
    }
    return extract<T>(value);
}

std::string JsonFields::string(const std::string& key)
{
    return read<std::string>(key, true, "a string").value_or("");
}

std::optional<std::string> JsonFields::optionalString(const std::string& key)
{
    return read<std::string>(key, false, "a string");
}

std::int64_t JsonFields::integer(const std::string& key)
{
    return read<std::int64_t>(key, true, "an integer").value_or(0);
}

std::optional<std::int64_t> JsonFields::optionalInteger(const std::string& key)
{
    return read<std::int64_t>(key, false, "an integer");
}

bool JsonFields::boolean(const std::string& key)
{
    return read<bool>(key, true, "a boolean").value_or(false);
}

std::optional<bool> JsonFields::optionalBoolean(const std::string& key)
{
    return read<bool>(key, false, "a boolean");
}

domain::Instant JsonFields::instant(const std::string& key)
{
    return optionalInstantImpl(key, true).value_or(domain::Instant{});
}

std::optional<domain::Instant> JsonFields::optionalInstant(const std::string& key)
{
    return optionalInstantImpl(key, false);
}

std::optional<domain::Instant> JsonFields::optionalInstantImpl(const std::string& key, bool required)
{
    const auto text = read<std::string>(key, required, "a UTC time (\"2026-03-08T14:05:00Z\")");
    if (!text) {
        return std::nullopt;
    }
    auto parsed = parseInstant(*text);
    if (!parsed) {
        reject(key, "\"" + *text + "\" is not a UTC time like \"2026-03-08T14:05:00Z\"");
    }
    return parsed;
}

Poco::JSON::Object::Ptr JsonFields::object(const std::string& key)
{
    return read<Poco::JSON::Object::Ptr>(key, true, "an object").value_or(nullptr);
}

Poco::JSON::Object::Ptr JsonFields::optionalObject(const std::string& key)
{
    return read<Poco::JSON::Object::Ptr>(key, false, "an object").value_or(nullptr);
}

Poco::JSON::Array::Ptr JsonFields::array(const std::string& key)
{
    return read<Poco::JSON::Array::Ptr>(key, true, "an array").value_or(nullptr);
}

Poco::JSON::Array::Ptr JsonFields::optionalArray(const std::string& key)
{
    return read<Poco::JSON::Array::Ptr>(key, false, "an array").value_or(nullptr);
}

bool JsonFields::has(const std::string& key) const
{
    return m_object && m_object->has(key);
}

void JsonFields::fail(const domain::Error& error)
{
    if (!m_error) {
        m_error = error;
    }
}

void JsonFields::requireProtocol()
{
    const auto version = read<std::int64_t>("protocol", true, "an integer");
    if (version && *version != ProtocolVersion) {
        m_error = domain::makeError("unsupported_protocol",
                                    "protocol " + std::to_string(*version)
                                        + " is not supported (this side speaks "
                                        + std::to_string(ProtocolVersion) + ")");
    }
}

std::optional<domain::Instant> parseInstant(std::string_view text)
{
    // Exactly "YYYY-MM-DDTHH:MM:SSZ": one spelling, so equal instants encode equally.
    if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':'
        || text[16] != ':' || text[19] != 'Z') {
        return std::nullopt;
    }
    bool ok = true;
    const int year = digits(text, 0, 4, ok);
    const int month = digits(text, 5, 2, ok);
    const int day = digits(text, 8, 2, ok);
    const int hour = digits(text, 11, 2, ok);
    const int minute = digits(text, 14, 2, ok);
    const int second = digits(text, 17, 2, ok);
    const std::chrono::year_month_day date{std::chrono::year{year},
                                           std::chrono::month{static_cast<unsigned>(month)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    if (!ok || !date.ok() || hour > 23 || minute > 59 || second > 59) {
        return std::nullopt;
    }
    return domain::Instant{std::chrono::sys_days{date}} + std::chrono::hours{hour}
    + std::chrono::minutes{minute} + std::chrono::seconds{second};
}

void setOptional(Poco::JSON::Object& object, const std::string& key, const std::optional<std::string>& value)
{
    object.set(key, value ? Poco::Dynamic::Var(*value) : Poco::Dynamic::Var());
}

void setOptional(Poco::JSON::Object& object, const std::string& key, const std::optional<std::int64_t>& value)
{
    object.set(key, value ? Poco::Dynamic::Var(static_cast<Poco::Int64>(*value)) : Poco::Dynamic::Var());
}

void setOptional(Poco::JSON::Object& object, const std::string& key,
                 const std::optional<domain::Instant>& value)
{
    object.set(key, value ? Poco::Dynamic::Var(domain::formatInstant(*value)) : Poco::Dynamic::Var());
}

std::string stringify(const Poco::JSON::Object& object)
{
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

} // namespace callsnare::protocol
