#pragma once

#include "domain/Lead.h"
#include "domain/Result.h"
#include "domain/Time.h"
#include "protocol/OrgSettings.h"
#include "protocol/ProofRecordFact.h"
#include "protocol/ReminderJobFact.h"
#include "protocol/SyncEvents.h"

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace callsnare::protocol {

// What the events of the log say, decoded strictly by kind. The relay writes
// these payloads; a client applies them to its store.

// "lead.created", "lead.updated": the whole lead after a change, with the
// version a mutation must name as its base to edit it.
struct LeadSnapshot {
    std::string leadId;
    std::string contactId;
    std::string phone; // the contact's E.164 number
    domain::LeadState state = domain::LeadState::Missed;
    std::optional<domain::CloseOutcome> outcome;
    domain::LeadTimestamps stamps;
    domain::Instant lastCallAt{};
    std::int64_t callCount = 1;
    bool automationPaused = false;
    bool urgent = false;
    std::optional<std::string> attention; // why a dispatcher should look ("soft_opt_out")
    std::int64_t version = 1;
};

// The domain's lead of a snapshot, in organization `orgId`.
domain::Lead leadOf(const LeadSnapshot& snapshot, std::string orgId);

// "contact.opted_out", "contact.opted_in".
struct ContactOptOut {
    std::string contactId;
    std::string phone;
    bool optedOut = false;
    std::string source; // domain ConsentSource wire name
    domain::Instant changedAt{};
};

// "call.missed", "call.answered".
struct CallFact {
    std::string carrier;
    std::string callSid;
    std::optional<std::string> from; // nullopt: caller id withheld
    std::string to;
    std::string status; // the carrier's call status
    bool missed = true;
    std::optional<std::string> leadId;
    std::optional<std::string> contactId;
    domain::Instant occurredAt{};
};

// "message.received" (a homeowner's text) and "message.queued" (a text we
// will send): a new message row.
struct MessageFact {
    std::string messageId;
    std::optional<std::string> leadId;
    std::optional<std::string> contactId;
    std::string direction; // "inbound" | "outbound"
    std::string author; // "homeowner" | "automation" | "dispatcher"
    std::string body;
    std::string status; // domain DeliveryStatus wire name
    std::optional<std::string> carrierSid;
    domain::Instant at{};
};

// "message.sent", "message.status", "message.failed", "message.refused",
// "message.deferred": where an outbound text is now.
struct MessageProgress {
    std::optional<std::string> messageId; // nullopt: a callback for a text the relay does not know
    std::optional<std::string> carrierSid;
    std::optional<std::string> status; // nullopt: nothing changes (deferred, or a status not applied)
    std::optional<std::int64_t> errorCode;
    std::string detail; // the reason or explanation, when there is one
};

// "note.added".
struct NoteFact {
    std::string noteId;
    std::string leadId;
    std::string author;
    std::string body;
    domain::Instant createdAt{};
};

// A fact for a lead's timeline with a human-readable detail: automation
// decisions ("automation.text_back"), flags, urgency, intake answers, hand-offs,
// take-over and release, state changes by a dispatcher.
struct LeadActivity {
    std::optional<std::string> leadId; // nullopt: about no lead (a withheld caller)
    std::string kind;
    std::string detail;
};

// "booking.created", "booking.changed", "booking.canceled".
struct BookingSnapshot {
    std::string bookingId;
    std::string leadId;
    domain::Instant startsAt{};
    std::int64_t durationMinutes = 120;
    std::string technician;
    std::string address;
    std::string status; // "scheduled" | "canceled"
    std::int64_t version = 1;
};

// A kind this version does not know: skipped, never an error, so a newer
// relay can add kinds.
struct UnknownFact {
    std::string kind;
};

// ReminderJobSnapshot (ReminderJobFact.h) and ProofRecordFact
// (ProofRecordFact.h) are the reminder.* and proof.recorded facts.
using EventFact = std::variant<LeadSnapshot, ContactOptOut, CallFact, MessageFact, MessageProgress, NoteFact,
                               LeadActivity, BookingSnapshot, OrgSettings, ReminderJobSnapshot,
                               ProofRecordFact, UnknownFact>;

// The event's data decoded for its kind; an error names the field.
domain::Result<EventFact> decodeFact(const SyncEvent& event);

// A page with every event's fact decoded. The events keep seq, kind and at;
// their JSON data is released once decoded, so whoever decodes (the desktop's
// page fetcher, on its own thread) also frees it, and the thread that applies
// the page only writes.
struct DecodedEvent {
    SyncEvent event;
    EventFact fact;
};
struct DecodedPage {
    EventPageHeader header;
    std::vector<DecodedEvent> events;
};

// Decodes every event's fact; the first that does not decode fails the page.
domain::Result<DecodedPage> decodeFacts(EventPage page);
// A page as the relay sends it (decodeEventPage), facts included.
domain::Result<DecodedPage> decodeFactPage(std::string_view json);

// The relay's encoders for the snapshot-shaped facts.
Poco::JSON::Object::Ptr encodeLeadSnapshot(const LeadSnapshot& lead);
Poco::JSON::Object::Ptr encodeNote(const NoteFact& note);
Poco::JSON::Object::Ptr encodeBooking(const BookingSnapshot& booking);

// Decoders the relay also uses for a conflict's "current" object.
domain::Result<LeadSnapshot> decodeLeadSnapshot(Poco::JSON::Object::Ptr data, const std::string& path);
domain::Result<BookingSnapshot> decodeBooking(Poco::JSON::Object::Ptr data, const std::string& path);

} // namespace callsnare::protocol
