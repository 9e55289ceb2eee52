#pragma once

#include "domain/Result.h"
#include "domain/Time.h"

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace callsnare::protocol {

// One entry of an organization's event log as the relay stores it: the
// payload stays JSON text, so a page is written without re-parsing it.
struct EventRecord {
    std::int64_t seq = 0;
    std::string kind; // "call.missed", "lead.updated", ...
    domain::Instant at{};
    std::string dataJson; // a JSON object
};

// One event as a client reads it.
struct SyncEvent {
    std::int64_t seq = 0;
    std::string kind;
    domain::Instant at{};
    Poco::JSON::Object::Ptr data;
};

// GET /v1/sync/events: events with seq > after, in order.
//   {"protocol":1,"org_id":"...","events":[{"seq":1,"kind":"...","at":"...Z","data":{...}}],
//    "last_seq":42,"has_more":false}
// last_seq is the org's newest seq when the page was read; has_more says
// whether events after this page's last one already exist.
struct EventPageHeader {
    std::string orgId;
    std::int64_t lastSeq = 0;
    bool hasMore = false;
};

std::string encodeEventPage(const EventPageHeader& header, const std::vector<EventRecord>& events);

struct EventPage {
    EventPageHeader header;
    std::vector<SyncEvent> events;
};

// Strict: the envelope and every event's seq/kind/at/data must be present
// and typed, seqs strictly increasing. Event data is checked when applied
// (EventFacts.h), so a kind this version does not know still decodes.
domain::Result<EventPage> decodeEventPage(std::string_view json);

} // namespace callsnare::protocol
