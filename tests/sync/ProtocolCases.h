#pragma once

// What the protocol's tests share: instants from text, an error as one line,
// and one event's fact decoded through the page codec as a client reads it.

#include "protocol/EventFacts.h"
#include "protocol/JsonFields.h"
#include "protocol/SyncEvents.h"

#include <QString>

#include <string>

namespace protocol_cases {

using namespace callsnare;
using namespace callsnare::protocol;

inline domain::Instant at(const char* text)
{
    return parseInstant(text).value();
}

inline QString errorText(const domain::Error& error)
{
    return QString::fromStdString(error.code + ": " + error.message);
}

// One event of `kind` carrying `data`, through the page codec as a client reads it.
inline domain::Result<EventFact> decodedFact(const std::string& kind, const std::string& data)
{
    const auto page
        = decodeEventPage(encodeEventPage({"o", 7, false}, {{7, kind, at("2026-03-10T14:00:00Z"), data}}));
    if (!page) {
        return page.error();
    }
    return decodeFact(page->events[0]);
}

} // namespace protocol_cases
