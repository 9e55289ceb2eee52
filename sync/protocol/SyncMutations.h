#pragma once

#include "domain/Lead.h"
#include "domain/Result.h"
#include "domain/Time.h"
#include "protocol/OrgSettings.h"

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace callsnare::protocol {

// What a dispatcher does on the desktop, sent to the relay as mutations.
// Ids of new things (message, note, booking) are minted by the desktop, so
// the desktop can show them at once and a replay names the same thing.

// "message.send": a dispatcher's text to the lead's homeowner. It goes through
// the relay's send gate like every text (opt-out refuses it).
struct SendMessage {
    std::string messageId;
    std::string leadId;
    std::string body;
};

// "note.add".
struct AddNote {
    std::string noteId;
    std::string leadId;
    std::string author;
    std::string body;
};

// "lead.set_state": a lifecycle move (booked, office, closed with outcome).
struct SetLeadState {
    std::string leadId;
    domain::LeadState state = domain::LeadState::Office;
    std::optional<domain::CloseOutcome> outcome;
};

// "lead.take_over" pauses the automation on the lead; "lead.release" resumes it.
struct TakeOver {
    std::string leadId;
    bool takeOver = true;
};

// "booking.create", "booking.change" (all fields given anew), "booking.cancel".
struct BookingWrite {
    std::string bookingId;
    std::string leadId; // booking.create only
    domain::Instant startsAt{};
    std::int64_t durationMinutes = 120;
    std::string technician;
    std::string address;
};
struct BookingCancel {
    std::string bookingId;
};

// "settings.change" is SettingsChange (protocol/OrgSettings.h): an owner's
// edit of the organization's settings, based on the settings' version.
using MutationBody
    = std::variant<SendMessage, AddNote, SetLeadState, TakeOver, BookingWrite, BookingCancel, SettingsChange>;

struct Mutation {
    std::string id; // the client's UUID: a replay is answered with the first result
    std::string kind;
    // The version of the edited thing the dispatcher saw (the lead for
    // lead.*, the booking for booking.change/cancel, the organization's
    // settings for settings.change); required there.
    std::optional<std::int64_t> baseVersion;
    MutationBody body;
};

// Whether a kind edits something that carries a version.
bool needsBaseVersion(std::string_view kind);

// POST /v1/sync/mutations
//   {"protocol":1,"mutations":[{"id":"<uuid>","kind":"note.add","base_version":null,"data":{...}}]}
std::string encodeMutationBatch(const std::vector<Mutation>& mutations);

// One item of a decoded batch: the id is always valid; the mutation may not be.
struct DecodedMutation {
    std::string id;
    domain::Result<Mutation> mutation;
};

// The whole batch fails (400) when the envelope is wrong or an item has no
// valid UUID; otherwise each item decodes on its own.
domain::Result<std::vector<DecodedMutation>> decodeMutationBatch(std::string_view json, std::size_t maxItems);

// The answer to one mutation. status is an HTTP status: 200 applied, 409
// stale base version (current holds the thing as it is now), 404 unknown
// lead/booking, 422 refused (invalid move, bad field).
struct MutationResult {
    std::string id;
    int status = 200;
    std::optional<domain::Error> error;
    Poco::JSON::Object::Ptr current; // on 409
    Poco::JSON::Object::Ptr data; // on 200: what was made (message status, new version)

    bool applied() const { return status == 200; }
};

// {"protocol":1,"results":[{"id":"...","status":200,"data":{...}},
//                          {"id":"...","status":409,"error":{"code":"stale","message":"..."},"current":{...}}]}
Poco::JSON::Object::Ptr encodeMutationResult(const MutationResult& result);
std::string encodeMutationResults(const std::vector<Poco::JSON::Object::Ptr>& results);
domain::Result<std::vector<MutationResult>> decodeMutationResults(std::string_view json);
domain::Result<MutationResult> decodeMutationResult(Poco::JSON::Object::Ptr item, const std::string& path);

bool isUuid(std::string_view text);

} // namespace callsnare::protocol
