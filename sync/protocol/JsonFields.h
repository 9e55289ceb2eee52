#pragma once

#include "domain/Result.h"
#include "domain/Time.h"

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace callsnare::protocol {

// The protocol version every message carries as "protocol"; a peer refuses
// messages of a version it does not speak.
inline constexpr int ProtocolVersion = 1;

// Parses JSON text into an object; an error (code "malformed_json") names
// where the text stopped making sense.
domain::Result<Poco::JSON::Object::Ptr> parseObject(std::string_view text, std::string_view what);

// Strict reading of one JSON object: every accessor checks presence and type
// and reports the first problem with the field's full path
// ("mutations[2].data.lead_id: expected a string, got a number"). Fields the
// reader is not asked about are ignored, so newer peers may add fields.
//
// Reading stops at the first error: later accessors return empty values and
// error() keeps the first problem.
class JsonFields {
public:
    JsonFields(Poco::JSON::Object::Ptr object, std::string path);

    std::string string(const std::string& key);
    // Absent or null gives nullopt; any other non-string is an error.
    std::optional<std::string> optionalString(const std::string& key);
    std::int64_t integer(const std::string& key);
    std::optional<std::int64_t> optionalInteger(const std::string& key);
    bool boolean(const std::string& key);
    std::optional<bool> optionalBoolean(const std::string& key);
    // ISO 8601 UTC, "2026-03-08T14:05:00Z".
    domain::Instant instant(const std::string& key);
    std::optional<domain::Instant> optionalInstant(const std::string& key);
    Poco::JSON::Object::Ptr object(const std::string& key);
    // Absent or null gives a null pointer.
    Poco::JSON::Object::Ptr optionalObject(const std::string& key);
    Poco::JSON::Array::Ptr array(const std::string& key);
    // Absent or null gives a null pointer.
    Poco::JSON::Array::Ptr optionalArray(const std::string& key);
    // Whether the object has `key` at all (null included): for fields where
    // null means "clear" and absence means "leave as it is".
    bool has(const std::string& key) const;

    // Records a problem found by the caller (a value out of range, an
    // unknown enumeration) against `key`.
    void reject(const std::string& key, const std::string& problem);
    // Records the problem a reader of a nested object found (its path is
    // already complete).
    void fail(const domain::Error& error);

    // Checks the object's "protocol" field.
    void requireProtocol();

    bool ok() const { return !m_error.has_value(); }
    const domain::Error& error() const { return *m_error; }
    std::string pathOf(const std::string& key) const;
    const std::string& path() const { return m_path; }

private:
    // The value at key when present, non-null and of type T; records an
    // error otherwise (a missing field only when `required`).
    template <typename T> std::optional<T> read(const std::string& key, bool required, const char* expected);
    std::optional<domain::Instant> optionalInstantImpl(const std::string& key, bool required);

    Poco::JSON::Object::Ptr m_object;
    std::string m_path;
    std::optional<domain::Error> m_error;
};

std::optional<domain::Instant> parseInstant(std::string_view text);

// Builders for the encoding side: null for an empty optional.
void setOptional(Poco::JSON::Object& object, const std::string& key, const std::optional<std::string>& value);
void setOptional(Poco::JSON::Object& object, const std::string& key,
                 const std::optional<std::int64_t>& value);
void setOptional(Poco::JSON::Object& object, const std::string& key,
                 const std::optional<domain::Instant>& value);
std::string stringify(const Poco::JSON::Object& object);

} // namespace callsnare::protocol
