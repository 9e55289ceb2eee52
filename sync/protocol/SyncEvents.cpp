#include "protocol/SyncEvents.h"

#include "protocol/JsonFields.h"

#include <Poco/JSON/Array.h>
#include <Poco/UTF8String.h>

namespace callsnare::protocol {

namespace {

void appendString(std::string& out, const std::string& text)
{
    out += '"';
    out += Poco::UTF8::escape(text, true);
    out += '"';
}

} // namespace

std::string encodeEventPage(const EventPageHeader& header, const std::vector<EventRecord>& events)
{
    std::string out;
    std::size_t size = 128;
    for (const auto& event : events) {
        size += event.dataJson.size() + event.kind.size() + 64;
    }
    out.reserve(size);
    out += "{\"protocol\":" + std::to_string(ProtocolVersion) + ",\"org_id\":";
    appendString(out, header.orgId);
    out += ",\"events\":[";
    bool first = true;
    for (const auto& event : events) {
        out += first ? "" : ",";
        first = false;
        out += "{\"seq\":" + std::to_string(event.seq) + ",\"kind\":";
        appendString(out, event.kind);
        out += ",\"at\":\"" + domain::formatInstant(event.at) + "\",\"data\":";
        out += event.dataJson.empty() ? "{}" : event.dataJson;
        out += '}';
    }
    out += "],\"last_seq\":" + std::to_string(header.lastSeq)
        + ",\"has_more\":" + (header.hasMore ? "true" : "false") + "}";
    return out;
}

domain::Result<EventPage> decodeEventPage(std::string_view json)
{
    auto root = parseObject(json, "The event page");
    if (!root) {
        return root.error();
    }
    JsonFields fields(root.value(), "");
    fields.requireProtocol();
    EventPage page;
    page.header.orgId = fields.string("org_id");
    page.header.lastSeq = fields.integer("last_seq");
    page.header.hasMore = fields.boolean("has_more");
    const auto events = fields.array("events");
    if (!fields.ok()) {
        return fields.error();
    }
    page.events.reserve(events->size());
    for (unsigned i = 0; i < events->size(); ++i) {
        const std::string path = "events[" + std::to_string(i) + "]";
        const auto item = events->get(i);
        if (item.type() != typeid(Poco::JSON::Object::Ptr)) {
            return domain::makeError("invalid_field", path + ": expected an object");
        }
        JsonFields event(item.extract<Poco::JSON::Object::Ptr>(), path);
        SyncEvent decoded{event.integer("seq"), event.string("kind"), event.instant("at"),
                          event.object("data")};
        if (event.ok() && !page.events.empty() && decoded.seq <= page.events.back().seq) {
            event.reject("seq", "events must be in increasing seq order");
        }
        if (event.ok() && decoded.seq <= 0) {
            event.reject("seq", "must be positive");
        }
        if (!event.ok()) {
            return event.error();
        }
        page.events.push_back(std::move(decoded));
    }
    return page;
}

} // namespace callsnare::protocol
