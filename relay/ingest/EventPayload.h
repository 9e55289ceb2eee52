#pragma once

#include "domain/Time.h"

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <string_view>

namespace callsnare::relay {

// Builds the JSON payload of one event-log entry: snake_case keys in the
// order they are added, absent values as null.
class EventPayload {
public:
    EventPayload() : m_object(Poco::JSON_PRESERVE_KEY_ORDER) { }

    EventPayload& set(const std::string& key, std::string_view value);
    EventPayload& set(const std::string& key, const char* value) { return set(key, std::string_view(value)); }
    EventPayload& setOptional(const std::string& key, const std::optional<std::string>& value);
    EventPayload& set(const std::string& key, bool value);
    EventPayload& set(const std::string& key, int value);
    EventPayload& setOptional(const std::string& key, const std::optional<int>& value);
    EventPayload& setInstant(const std::string& key, domain::Instant value);

    std::string toJson() const;

private:
    Poco::JSON::Object m_object;
};

} // namespace callsnare::relay
