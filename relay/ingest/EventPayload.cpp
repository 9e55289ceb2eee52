#include "relay/ingest/EventPayload.h"

#include <sstream>

namespace callsnare::relay {

EventPayload& EventPayload::set(const std::string& key, std::string_view value)
{
    m_object.set(key, std::string(value));
    return *this;
}

EventPayload& EventPayload::setOptional(const std::string& key, const std::optional<std::string>& value)
{
    if (value) {
        m_object.set(key, *value);
    } else {
        m_object.set(key, Poco::Dynamic::Var());
    }
    return *this;
}

EventPayload& EventPayload::set(const std::string& key, bool value)
{
    m_object.set(key, value);
    return *this;
}

EventPayload& EventPayload::set(const std::string& key, int value)
{
    m_object.set(key, value);
    return *this;
}

EventPayload& EventPayload::setOptional(const std::string& key, const std::optional<int>& value)
{
    if (value) {
        m_object.set(key, *value);
    } else {
        m_object.set(key, Poco::Dynamic::Var());
    }
    return *this;
}

EventPayload& EventPayload::setInstant(const std::string& key, domain::Instant value)
{
    m_object.set(key, domain::formatInstant(value));
    return *this;
}

std::string EventPayload::toJson() const
{
    std::ostringstream out;
    m_object.stringify(out);
    return out.str();
}

} // namespace callsnare::relay
