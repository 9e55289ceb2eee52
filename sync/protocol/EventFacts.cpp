#include "protocol/EventFacts.h"

#include "domain/EntityWireNames.h"
#include "domain/Message.h"
#include "protocol/JsonFields.h"

#include <map>

namespace callsnare::protocol {

namespace {

using Decoder = domain::Result<EventFact> (*)(JsonFields&, const SyncEvent&);

template <typename T> domain::Result<EventFact> finish(JsonFields& fields, T fact)
{
    if (!fields.ok()) {
        return fields.error();
    }
    return EventFact(std::move(fact));
}

// A field holding one of an enumeration's wire names.
template <typename Parse>
std::string checkedName(JsonFields& fields, const std::string& key, Parse parse, const char* what)
{
    std::string text = fields.string(key);
    if (fields.ok() && !parse(text)) {
        fields.reject(key, "\"" + text + "\" is not " + what);
    }
    return text;
}

bool isDeliveryStatus(std::string_view text)
{
    return domain::parseDeliveryStatus(text).has_value();
}

std::optional<std::string> optionalDeliveryStatus(JsonFields& fields, const std::string& key)
{
    auto status = fields.optionalString(key);
    if (status && !isDeliveryStatus(*status)) {
        fields.reject(key, "\"" + *status + "\" is not a delivery status");
    }
    return status;
}

LeadSnapshot readLead(JsonFields& fields)
{
    LeadSnapshot lead;
    lead.leadId = fields.string("lead_id");
    lead.contactId = fields.string("contact_id");
    lead.phone = fields.string("phone");
    const std::string state = checkedName(
        fields, "state", [](std::string_view text) { return domain::parseLeadState(text).has_value(); },
        "a lead state");
    lead.state = domain::parseLeadState(state).value_or(domain::LeadState::Missed);
    if (const auto outcome = fields.optionalString("outcome")) {
        lead.outcome = domain::parseCloseOutcome(*outcome);
        if (!lead.outcome) {
            fields.reject("outcome", "\"" + *outcome + "\" is not a close outcome");
        }
    }
    lead.stamps.missedAt = fields.instant("missed_at");
    lead.stamps.firstTextAt = fields.optionalInstant("first_text_at");
    lead.stamps.firstReplyAt = fields.optionalInstant("first_reply_at");
    lead.stamps.bookedAt = fields.optionalInstant("booked_at");
    lead.stamps.handedOffAt = fields.optionalInstant("handed_off_at");
    lead.stamps.closedAt = fields.optionalInstant("closed_at");
    lead.lastCallAt = fields.instant("last_call_at");
    lead.callCount = fields.integer("call_count");
    lead.automationPaused = fields.boolean("automation_paused");
    lead.urgent = fields.boolean("urgent");
    lead.attention = fields.optionalString("attention");
    lead.version = fields.integer("version");
    if (fields.ok() && lead.version < 1) {
        fields.reject("version", "must be at least 1");
    }
    return lead;
}

BookingSnapshot readBooking(JsonFields& fields)
{
    BookingSnapshot booking;
    booking.bookingId = fields.string("booking_id");
    booking.leadId = fields.string("lead_id");
    booking.startsAt = fields.instant("starts_at");
    booking.durationMinutes = fields.integer("duration_minutes");
    booking.technician = fields.optionalString("technician").value_or("");
    booking.address = fields.optionalString("address").value_or("");
    booking.status = checkedName(
        fields, "status",
        [](std::string_view text) { return domain::valueIn(domain::kBookingStatusNames, text).has_value(); },
        "a booking status");
    booking.version = fields.integer("version");
    return booking;
}

domain::Result<EventFact> leadSnapshot(JsonFields& fields, const SyncEvent&)
{
    return finish(fields, readLead(fields));
}

domain::Result<EventFact> optOut(JsonFields& fields, const SyncEvent&)
{
    ContactOptOut change;
    change.contactId = fields.string("contact_id");
    change.phone = fields.string("phone");
    change.optedOut = fields.boolean("opted_out");
    change.source = checkedName(
        fields, "source",
        [](std::string_view text) { return domain::valueIn(domain::kConsentSourceNames, text).has_value(); },
        "a consent source");
    change.changedAt = fields.instant("changed_at");
    return finish(fields, std::move(change));
}

domain::Result<EventFact> call(JsonFields& fields, const SyncEvent& event)
{
    CallFact fact;
    fact.carrier = fields.string("carrier");
    fact.callSid = fields.string("call_sid");
    const std::string from = fields.string("from");
    if (!fields.optionalBoolean("withheld").value_or(false)) {
        fact.from = from;
    }
    fact.to = fields.string("to");
    fact.status = fields.string("status");
    fact.missed = event.kind == "call.missed";
    fact.leadId = fields.optionalString("lead_id");
    fact.contactId = fields.optionalString("contact_id");
    fact.occurredAt = fields.instant("occurred_at");
    return finish(fields, std::move(fact));
}

domain::Result<EventFact> received(JsonFields& fields, const SyncEvent&)
{
    MessageFact message;
    message.messageId = fields.string("message_id");
    message.leadId = fields.optionalString("lead_id");
    message.contactId = fields.string("contact_id");
    message.direction = "inbound";
    message.author = "homeowner";
    message.body = fields.string("body");
    message.status = "received";
    message.carrierSid = fields.string("message_sid");
    message.at = fields.instant("received_at");
    return finish(fields, std::move(message));
}

domain::Result<EventFact> queued(JsonFields& fields, const SyncEvent& event)
{
    MessageFact message;
    message.messageId = fields.string("message_id");
    message.leadId = fields.optionalString("lead_id");
    message.contactId = fields.optionalString("contact_id");
    message.direction = "outbound";
    message.author = checkedName(
        fields, "author",
        [](std::string_view text) { return domain::valueIn(domain::kMessageAuthorNames, text).has_value(); },
        "a message author");
    message.body = fields.string("body");
    message.status = checkedName(fields, "status", isDeliveryStatus, "a delivery status");
    message.at = event.at;
    return finish(fields, std::move(message));
}

domain::Result<EventFact> progress(JsonFields& fields, const SyncEvent& event)
{
    MessageProgress update;
    update.messageId = event.kind == "message.status" ? fields.optionalString("message_id")
                                                      : std::optional(fields.string("message_id"));
    if (event.kind == "message.sent") {
        update.carrierSid = fields.string("carrier_sid");
        update.status = optionalDeliveryStatus(fields, "status");
    } else if (event.kind == "message.status") {
        update.carrierSid = fields.string("message_sid");
        // A callback the relay did not apply (out of order, already final) changes nothing.
        const bool applied = fields.boolean("applied");
        update.status = optionalDeliveryStatus(fields, "status");
        if (!applied) {
            update.status.reset();
        }
        update.errorCode = fields.optionalInteger("error_code");
    } else if (event.kind == "message.failed") {
        update.status = "failed";
        update.errorCode = fields.optionalInteger("error_code");
        update.detail = fields.string("reason");
    } else if (event.kind == "message.refused") {
        update.status = "refused";
        update.detail = fields.string("explanation");
    } else { // message.deferred
        update.detail = fields.string("explanation");
    }
    return finish(fields, std::move(update));
}

domain::Result<EventFact> note(JsonFields& fields, const SyncEvent&)
{
    NoteFact fact;
    fact.noteId = fields.string("note_id");
    fact.leadId = fields.string("lead_id");
    fact.author = fields.string("author");
    fact.body = fields.string("body");
    fact.createdAt = fields.instant("created_at");
    return finish(fields, std::move(fact));
}

// The timeline detail of each activity kind, from its payload.
domain::Result<EventFact> activity(JsonFields& fields, const SyncEvent& event)
{
    LeadActivity fact;
    fact.kind = event.kind;
    fact.leadId = fields.optionalString("lead_id");
    if (event.kind == "automation.text_back") {
        fact.detail = fields.string("explanation");
    } else if (event.kind == "lead.flagged") {
        fact.detail = fields.string("attention");
    } else if (event.kind == "lead.urgent") {
        fact.detail = fields.string("terms");
    } else if (event.kind == "lead.answered") {
        const std::string key = fields.string("question_key");
        fact.detail = key + ": " + fields.string("answer");
    } else if (event.kind == "lead.handed_off") {
        fact.detail = fields.string("reason");
    } else if (event.kind == "lead.state_changed") {
        const std::string state = fields.string("state");
        const auto outcome = fields.optionalString("outcome");
        fact.detail = outcome ? state + " (" + *outcome + ")" : state;
    } else { // lead.taken_over, lead.released
        fact.detail = fields.string("by");
    }
    if (event.kind != "automation.text_back" && fields.ok() && !fact.leadId) {
        fields.reject("lead_id", "required string is missing");
    }
    return finish(fields, std::move(fact));
}

domain::Result<EventFact> booking(JsonFields& fields, const SyncEvent&)
{
    return finish(fields, readBooking(fields));
}

domain::Result<EventFact> settings(JsonFields& fields, const SyncEvent&)
{
    return finish(fields, readOrgSettings(fields));
}

domain::Result<EventFact> reminder(JsonFields& fields, const SyncEvent& event)
{
    return finish(fields, readReminderJob(fields, event.kind));
}

domain::Result<EventFact> proof(JsonFields& fields, const SyncEvent&)
{
    return finish(fields, readProofRecord(fields));
}

const std::map<std::string, Decoder, std::less<>>& decoders()
{
    static const std::map<std::string, Decoder, std::less<>> table{
        {"lead.created", leadSnapshot},
        {"lead.updated", leadSnapshot},
        {"contact.opted_out", optOut},
        {"contact.opted_in", optOut},
        {"call.missed", call},
        {"call.answered", call},
        {"message.received", received},
        {"message.queued", queued},
        {"message.sent", progress},
        {"message.status", progress},
        {"message.failed", progress},
        {"message.refused", progress},
        {"message.deferred", progress},
        {"note.added", note},
        {"automation.text_back", activity},
        {"lead.flagged", activity},
        {"lead.urgent", activity},
        {"lead.answered", activity},
        {"lead.handed_off", activity},
        {"lead.state_changed", activity},
        {"lead.taken_over", activity},
        {"lead.released", activity},
        {"booking.created", booking},
        {"booking.changed", booking},
        {"booking.canceled", booking},
        {"org.settings", settings},
        {"reminder.scheduled", reminder},
        {"reminder.sent", reminder},
        {"reminder.canceled", reminder},
        {"proof.recorded", proof},
    };
    return table;
}

} // namespace

domain::Result<EventFact> decodeFact(const SyncEvent& event)
{
    const auto found = decoders().find(event.kind);
    if (found == decoders().end()) {
        return EventFact(UnknownFact{event.kind});
    }
    JsonFields fields(event.data, "events[seq " + std::to_string(event.seq) + "].data");
    return found->second(fields, event);
}

domain::Result<DecodedPage> decodeFacts(EventPage page)
{
    DecodedPage decoded;
    decoded.header = std::move(page.header);
    decoded.events.reserve(page.events.size());
    for (SyncEvent& event : page.events) {
        auto fact = decodeFact(event);
        if (!fact) {
            return fact.error();
        }
        event.data = nullptr;
        decoded.events.push_back({std::move(event), std::move(fact).value()});
    }
    return decoded;
}

domain::Result<DecodedPage> decodeFactPage(std::string_view json)
{
    auto page = decodeEventPage(json);
    if (!page) {
        return page.error();
    }
    return decodeFacts(std::move(page).value());
}

domain::Result<LeadSnapshot> decodeLeadSnapshot(Poco::JSON::Object::Ptr data, const std::string& path)
{
    JsonFields fields(std::move(data), path);
    LeadSnapshot lead = readLead(fields);
    if (!fields.ok()) {
        return fields.error();
    }
    return lead;
}

domain::Result<BookingSnapshot> decodeBooking(Poco::JSON::Object::Ptr data, const std::string& path)
{
    JsonFields fields(std::move(data), path);
    BookingSnapshot booking = readBooking(fields);
    if (!fields.ok()) {
        return fields.error();
    }
    return booking;
}

domain::Lead leadOf(const LeadSnapshot& snapshot, std::string orgId)
{
    domain::Lead lead;
    lead.id = snapshot.leadId;
    lead.orgId = std::move(orgId);
    lead.contactId = snapshot.contactId;
    lead.state = snapshot.state;
    lead.outcome = snapshot.outcome;
    lead.stamps = snapshot.stamps;
    lead.lastCallAt = snapshot.lastCallAt;
    lead.automationPaused = snapshot.automationPaused;
    lead.urgent = snapshot.urgent;
    return lead;
}

Poco::JSON::Object::Ptr encodeLeadSnapshot(const LeadSnapshot& lead)
{
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("lead_id", lead.leadId);
    out->set("contact_id", lead.contactId);
    out->set("phone", lead.phone);
    out->set("state", std::string(domain::wireName(lead.state)));
    setOptional(*out, "outcome",
                lead.outcome ? std::optional<std::string>(std::string(domain::wireName(*lead.outcome)))
                             : std::nullopt);
    out->set("missed_at", domain::formatInstant(lead.stamps.missedAt));
    setOptional(*out, "first_text_at", lead.stamps.firstTextAt);
    setOptional(*out, "first_reply_at", lead.stamps.firstReplyAt);
    setOptional(*out, "booked_at", lead.stamps.bookedAt);
    setOptional(*out, "handed_off_at", lead.stamps.handedOffAt);
    setOptional(*out, "closed_at", lead.stamps.closedAt);
    out->set("last_call_at", domain::formatInstant(lead.lastCallAt));
    out->set("call_count", static_cast<Poco::Int64>(lead.callCount));
    out->set("automation_paused", lead.automationPaused);
    out->set("urgent", lead.urgent);
    setOptional(*out, "attention", lead.attention);
    out->set("version", static_cast<Poco::Int64>(lead.version));
    return out;
}

Poco::JSON::Object::Ptr encodeNote(const NoteFact& note)
{
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("note_id", note.noteId);
    out->set("lead_id", note.leadId);
    out->set("author", note.author);
    out->set("body", note.body);
    out->set("created_at", domain::formatInstant(note.createdAt));
    return out;
}

Poco::JSON::Object::Ptr encodeBooking(const BookingSnapshot& booking)
{
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("booking_id", booking.bookingId);
    out->set("lead_id", booking.leadId);
    out->set("starts_at", domain::formatInstant(booking.startsAt));
    out->set("duration_minutes", static_cast<Poco::Int64>(booking.durationMinutes));
    out->set("technician", booking.technician);
    out->set("address", booking.address);
    out->set("status", booking.status);
    out->set("version", static_cast<Poco::Int64>(booking.version));
    return out;
}

} // namespace callsnare::protocol
