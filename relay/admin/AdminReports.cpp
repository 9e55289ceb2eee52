#include "relay/admin/AdminReports.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <ostream>

namespace callsnare::relay {

namespace {

Poco::Dynamic::Var instantOrNull(const std::optional<domain::Instant>& at)
{
    return at ? Poco::Dynamic::Var(domain::formatInstant(*at)) : Poco::Dynamic::Var();
}

Poco::Dynamic::Var textOrNull(const std::string& text)
{
    return text.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(text);
}

void writeObject(const std::string& orgId, const char* key, const Poco::JSON::Array& items, std::ostream& out)
{
    Poco::JSON::Object result(Poco::JSON_PRESERVE_KEY_ORDER);
    result.set("org_id", orgId);
    result.set(key, items);
    result.stringify(out);
    out << '\n';
}

} // namespace

void writeLeadsText(const std::vector<SupportLead>& leads, std::ostream& out)
{
    for (const SupportLead& lead : leads) {
        out << lead.id << '\t' << lead.contactPhone << '\t' << lead.state << '\t'
            << domain::formatInstant(lead.missedAt) << '\t' << lead.callCount << " call(s)\t"
            << lead.messages.size() << " message(s)\n";
    }
}

void writeLeadsJson(const std::string& orgId, const std::vector<SupportLead>& leads, std::ostream& out)
{
    Poco::JSON::Array list;
    for (const SupportLead& lead : leads) {
        Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
        item.set("id", lead.id);
        item.set("contact_phone", lead.contactPhone);
        item.set("contact_opted_out", lead.contactOptedOut);
        item.set("state", lead.state);
        item.set("outcome", textOrNull(lead.outcome));
        item.set("missed_at", domain::formatInstant(lead.missedAt));
        item.set("first_text_at", instantOrNull(lead.firstTextAt));
        item.set("first_reply_at", instantOrNull(lead.firstReplyAt));
        item.set("booked_at", instantOrNull(lead.bookedAt));
        item.set("handed_off_at", instantOrNull(lead.handedOffAt));
        item.set("closed_at", instantOrNull(lead.closedAt));
        item.set("last_call_at", domain::formatInstant(lead.lastCallAt));
        item.set("call_count", static_cast<Poco::Int64>(lead.callCount));
        item.set("automation_paused", lead.automationPaused);
        item.set("urgent", lead.urgent);
        Poco::JSON::Array messages;
        for (const SupportMessage& message : lead.messages) {
            Poco::JSON::Object entry(Poco::JSON_PRESERVE_KEY_ORDER);
            entry.set("id", message.id);
            entry.set("direction", message.direction);
            entry.set("author", message.author);
            entry.set("body", message.body);
            entry.set("carrier_sid", textOrNull(message.carrierSid));
            entry.set("status", message.status);
            entry.set("error_code",
                      message.errorCode ? Poco::Dynamic::Var(static_cast<Poco::Int64>(*message.errorCode))
                                        : Poco::Dynamic::Var());
            entry.set("created_at", domain::formatInstant(message.createdAt));
            messages.add(entry);
        }
        item.set("messages", messages);
        list.add(item);
    }
    writeObject(orgId, "leads", list, out);
}

void writeDevicesText(const std::vector<DeviceListing>& devices, std::ostream& out)
{
    for (const DeviceListing& device : devices) {
        out << device.id << '\t' << device.name << '\t' << domain::formatInstant(device.createdAt) << '\t'
            << (device.revokedAt ? "revoked" : "active") << '\n';
    }
}

void writeDevicesJson(const std::string& orgId, const std::vector<DeviceListing>& devices, std::ostream& out)
{
    Poco::JSON::Array list;
    for (const DeviceListing& device : devices) {
        Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
        item.set("id", device.id);
        item.set("name", device.name);
        item.set("created_at", domain::formatInstant(device.createdAt));
        item.set("last_seen_at", instantOrNull(device.lastSeenAt));
        item.set("revoked_at", instantOrNull(device.revokedAt));
        list.add(item);
    }
    writeObject(orgId, "devices", list, out);
}

} // namespace callsnare::relay
