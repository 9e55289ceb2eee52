#include "relay/sync/MutationApplier.h"

#include "domain/EntityWireNames.h"
#include "domain/PhoneNumber.h"
#include "protocol/EventFacts.h"
#include "protocol/JsonFields.h"
#include "relay/automation/OrgAutomation.h"
#include "relay/automation/OrgSettingsRecords.h"
#include "relay/ingest/LeadRecords.h"
#include "relay/storage/EventLog.h"
#include "relay/sync/DeviceRegistry.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>

using namespace Poco::Data::Keywords;

namespace callsnare::relay {

namespace {

using protocol::MutationResult;

Poco::Int64 seconds(domain::Instant at)
{
    return static_cast<Poco::Int64>(at.time_since_epoch().count());
}

MutationResult refused(const protocol::Mutation& mutation, int status, std::string code, std::string message)
{
    MutationResult result;
    result.id = mutation.id;
    result.status = status;
    result.error = domain::makeError(std::move(code), std::move(message));
    return result;
}

MutationResult unknownLead(const protocol::Mutation& mutation, const std::string& leadId)
{
    return refused(mutation, 404, "unknown_lead", "The organization has no lead " + leadId + ".");
}

MutationResult stale(const protocol::Mutation& mutation, const std::string& what, std::int64_t current,
                     Poco::JSON::Object::Ptr state)
{
    MutationResult result
        = refused(mutation, 409, "stale",
                  "The " + what + " changed since version " + std::to_string(mutation.baseVersion.value_or(0))
                      + " (now version " + std::to_string(current) + "); review it and try again.");
    result.current = std::move(state);
    return result;
}

MutationResult applied(const protocol::Mutation& mutation, Poco::JSON::Object::Ptr data)
{
    MutationResult result;
    result.id = mutation.id;
    result.status = 200;
    result.data = std::move(data);
    return result;
}

Poco::JSON::Object::Ptr object()
{
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

// Who did it, for the timeline: the device's name.
Poco::JSON::Object::Ptr activity(const std::string& leadId, const DeviceIdentity& device)
{
    auto payload = object();
    payload->set("lead_id", leadId);
    payload->set("by", device.name);
    payload->set("device_id", device.deviceId);
    return payload;
}

} // namespace

void MutationApplier::appendEvent(Poco::Data::Session& session, const std::string& orgId,
                                  std::string_view kind, const Poco::JSON::Object& payload,
                                  domain::Instant at) const
{
    const auto seq = EventLog(m_dialect).append(session, orgId, kind, protocol::stringify(payload), at);
    if (!seq) {
        throw Poco::Data::DataException(seq.error().message);
    }
}

std::optional<MutationResult> MutationApplier::storedAnswer(Poco::Data::Session& session,
                                                            const std::string& orgId,
                                                            const std::string& clientId) const
{
    std::string org = orgId;
    std::string id = clientId;
    std::vector<std::string> answers;
    session << sql("SELECT result FROM sync_mutations WHERE org_id = ? AND client_id = ?"), use(org), use(id),
        into(answers), now;
    if (answers.empty()) {
        return std::nullopt;
    }
    auto parsed = protocol::parseObject(answers.front(), "A stored mutation answer");
    auto decoded = parsed ? protocol::decodeMutationResult(parsed.value(), "stored")
                          : domain::Result<MutationResult>(parsed.error());
    if (!decoded) {
        throw Poco::Data::DataException("a stored mutation answer is unreadable: " + decoded.error().message);
    }
    return std::move(decoded).value();
}

void MutationApplier::storeAnswer(Poco::Data::Session& session, const DeviceIdentity& device,
                                  const std::string& kind, const MutationResult& result,
                                  domain::Instant at) const
{
    std::string org = device.orgId;
    std::string id = result.id;
    std::string deviceId = device.deviceId;
    std::string kindText = kind;
    int status = result.status;
    std::string answer = protocol::stringify(*protocol::encodeMutationResult(result));
    Poco::Int64 received = seconds(at);
    session << sql(
        "INSERT INTO sync_mutations (org_id, client_id, device_id, kind, status, result, received_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)"),
        use(org), use(id), use(deviceId), use(kindText), use(status), use(answer), use(received), now;
}

MutationResult MutationApplier::refuse(Poco::Data::Session& session, const DeviceIdentity& device,
                                       const std::string& clientId, const domain::Error& error) const
{
    if (auto first = storedAnswer(session, device.orgId, clientId)) {
        return std::move(*first);
    }
    MutationResult result;
    result.id = clientId;
    result.status = 422;
    result.error = error;
    storeAnswer(session, device, "invalid", result,
                std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    return result;
}

AppliedMutation MutationApplier::apply(Poco::Data::Session& session, const DeviceIdentity& device,
                                       const protocol::Mutation& mutation, domain::Instant at) const
{
    if (auto first = storedAnswer(session, device.orgId, mutation.id)) {
        return {std::move(*first), std::nullopt};
    }
    AppliedMutation outcome;
    const auto& body = mutation.body;
    if (std::holds_alternative<protocol::SendMessage>(body)) {
        outcome = sendMessage(session, device, mutation, at);
    } else if (std::holds_alternative<protocol::AddNote>(body)) {
        outcome.result = addNote(session, device, mutation, at);
    } else if (std::holds_alternative<protocol::SetLeadState>(body)) {
        outcome.result = setLeadState(session, device, mutation, at);
    } else if (std::holds_alternative<protocol::TakeOver>(body)) {
        outcome.result = takeOver(session, device, mutation, at);
    } else if (std::holds_alternative<protocol::SettingsChange>(body)) {
        outcome.result = changeSettings(session, device, mutation, at);
    } else {
        outcome.result = writeBooking(session, device, mutation, at);
    }
    storeAnswer(session, device, mutation.kind, outcome.result, at);
    return outcome;
}

AppliedMutation MutationApplier::sendMessage(Poco::Data::Session& session, const DeviceIdentity& device,
                                             const protocol::Mutation& mutation, domain::Instant at) const
{
    const auto& send = std::get<protocol::SendMessage>(mutation.body);
    const LeadRecords leads(m_dialect);
    const auto lead = leads.snapshot(session, device.orgId, send.leadId);
    if (!lead) {
        return {unknownLead(mutation, send.leadId), std::nullopt};
    }
    std::string org = device.orgId;
    std::string messageId = send.messageId;
    std::vector<std::string> taken;
    session << sql("SELECT id FROM messages WHERE id = ?"), use(messageId), into(taken), now;
    if (!taken.empty()) {
        return {
            refused(mutation, 422, "duplicate_id", "A message with the id " + messageId + " already exists."),
            std::nullopt};
    }
    const auto settings = OrgAutomationRecords(m_dialect).load(session, org);
    auto to = domain::PhoneNumber::parse(lead->phone);
    if (!settings || !to) {
        throw Poco::Data::DataException("the lead's organization or number is unreadable");
    }
    OutboundText text{org,        "dispatcher:" + messageId, domain::SendPurpose::Dispatcher,
                      to.value(), lead->contactId,           lead->leadId,
                      send.body};
    EnqueueResult queued = m_queue.enqueue(session, *settings, text, 0, at, messageId);
    if (queued.verdict.kind == domain::SendVerdictKind::Refuse) {
        // The refused message is stored and synced like any other; the
        // dispatcher hears why at once.
        return {refused(mutation, 422, "send_refused", queued.verdict.explanation()), std::nullopt};
    }
    auto data = object();
    data->set("message_id", messageId);
    data->set("status", queued.verdict.kind == domain::SendVerdictKind::Send ? "queued" : "deferred");
    data->set("explanation", queued.verdict.explanation());
    return {applied(mutation, data), std::move(queued.sendNow)};
}

MutationResult MutationApplier::addNote(Poco::Data::Session& session, const DeviceIdentity& device,
                                        const protocol::Mutation& mutation, domain::Instant at) const
{
    const auto& note = std::get<protocol::AddNote>(mutation.body);
    if (!LeadRecords(m_dialect).snapshot(session, device.orgId, note.leadId)) {
        return unknownLead(mutation, note.leadId);
    }
    std::string id = note.noteId;
    std::string org = device.orgId;
    std::string lead = note.leadId;
    std::string author = note.author;
    std::string text = note.body;
    Poco::Int64 created = seconds(at);
    Poco::Data::Statement insert(session);
    insert << sql(
        "INSERT INTO notes (id, org_id, lead_id, author, body, created_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING"),
        use(id), use(org), use(lead), use(author), use(text), use(created);
    if (insert.execute() == 0) {
        return refused(mutation, 422, "duplicate_id", "A note with the id " + id + " already exists.");
    }
    appendEvent(session, org, "note.added", *protocol::encodeNote({id, lead, author, text, at}), at);
    auto data = object();
    data->set("note_id", id);
    return applied(mutation, data);
}

std::optional<MutationResult> MutationApplier::editableLead(Poco::Data::Session& session,
                                                            const DeviceIdentity& device,
                                                            const protocol::Mutation& mutation,
                                                            const std::string& leadId,
                                                            std::optional<protocol::LeadSnapshot>& lead) const
{
    lead = LeadRecords(m_dialect).snapshot(session, device.orgId, leadId);
    if (!lead) {
        return unknownLead(mutation, leadId);
    }
    if (lead->version != mutation.baseVersion) {
        return stale(mutation, "lead", lead->version, protocol::encodeLeadSnapshot(*lead));
    }
    return std::nullopt;
}

MutationResult MutationApplier::setLeadState(Poco::Data::Session& session, const DeviceIdentity& device,
                                             const protocol::Mutation& mutation, domain::Instant at) const
{
    const auto& move = std::get<protocol::SetLeadState>(mutation.body);
    const LeadRecords leads(m_dialect);
    std::optional<protocol::LeadSnapshot> lead;
    if (auto refusal = editableLead(session, device, mutation, move.leadId, lead)) {
        return std::move(*refusal);
    }
    auto moved
        = domain::applyTransition(protocol::leadOf(*lead, device.orgId), {move.state, at, move.outcome});
    if (!moved) {
        return refused(mutation, 422, moved.error().code, moved.error().message);
    }
    leads.saveLifecycle(session, moved.value(), at);
    auto payload = activity(lead->leadId, device);
    payload->set("state", std::string(domain::wireName(move.state)));
    protocol::setOptional(*payload, "outcome",
                          move.outcome
                              ? std::optional<std::string>(std::string(domain::wireName(*move.outcome)))
                              : std::nullopt);
    appendEvent(session, device.orgId, "lead.state_changed", *payload, at);
    auto data = object();
    data->set("version", static_cast<Poco::Int64>(lead->version + 1));
    return applied(mutation, data);
}

MutationResult MutationApplier::takeOver(Poco::Data::Session& session, const DeviceIdentity& device,
                                         const protocol::Mutation& mutation, domain::Instant at) const
{
    const auto& change = std::get<protocol::TakeOver>(mutation.body);
    const LeadRecords leads(m_dialect);
    std::optional<protocol::LeadSnapshot> lead;
    if (auto refusal = editableLead(session, device, mutation, change.leadId, lead)) {
        return std::move(*refusal);
    }
    auto data = object();
    if (lead->automationPaused == change.takeOver) {
        data->set("version", static_cast<Poco::Int64>(lead->version)); // already so: nothing to change
        return applied(mutation, data);
    }
    domain::Lead updated = protocol::leadOf(*lead, device.orgId);
    updated.automationPaused = change.takeOver;
    leads.setAutomationFlags(session, updated, std::nullopt, at);
    appendEvent(session, device.orgId, change.takeOver ? "lead.taken_over" : "lead.released",
                *activity(lead->leadId, device), at);
    data->set("version", static_cast<Poco::Int64>(lead->version + 1));
    return applied(mutation, data);
}

std::optional<protocol::BookingSnapshot> MutationApplier::booking(Poco::Data::Session& session,
                                                                  const std::string& orgId,
                                                                  const std::string& bookingId) const
{
    std::string org = orgId;
    std::string id = bookingId;
    Poco::Data::Statement select(session);
    select << sql("SELECT lead_id, starts_at, duration_minutes, technician, address, status, version "
                  "FROM bookings WHERE org_id = ? AND id = ?"),
        use(org), use(id);
    select.execute();
    Poco::Data::RecordSet rows(select);
    if (rows.rowCount() == 0) {
        return std::nullopt;
    }
    protocol::BookingSnapshot found;
    found.bookingId = bookingId;
    found.leadId = rows.value(0, 0).convert<std::string>();
    found.startsAt = domain::Instant{std::chrono::seconds{rows.value(1, 0).convert<Poco::Int64>()}};
    found.durationMinutes = rows.value(2, 0).convert<Poco::Int64>();
    found.technician = rows.value(3, 0).convert<std::string>();
    found.address = rows.value(4, 0).convert<std::string>();
    found.status = rows.value(5, 0).convert<std::string>();
    found.version = rows.value(6, 0).convert<Poco::Int64>();
    return found;
}

MutationResult MutationApplier::writeBooking(Poco::Data::Session& session, const DeviceIdentity& device,
                                             const protocol::Mutation& mutation, domain::Instant at) const
{
    const std::string org = device.orgId;
    const bool cancel = std::holds_alternative<protocol::BookingCancel>(mutation.body);
    const std::string bookingId = cancel ? std::get<protocol::BookingCancel>(mutation.body).bookingId
                                         : std::get<protocol::BookingWrite>(mutation.body).bookingId;
    const auto existing = booking(session, org, bookingId);
    protocol::BookingSnapshot next;
    std::string kind;
    if (mutation.kind == "booking.create") {
        const auto& write = std::get<protocol::BookingWrite>(mutation.body);
        if (existing) {
            return refused(mutation, 422, "duplicate_id",
                           "A booking with the id " + bookingId + " already exists.");
        }
        const LeadRecords leads(m_dialect);
        const auto lead = leads.snapshot(session, org, write.leadId);
        if (!lead) {
            return unknownLead(mutation, write.leadId);
        }
        if (lead->state == domain::LeadState::Closed) {
            return refused(mutation, 422, "lead_closed",
                           "The lead is closed; reopen it as a new lead to book.");
        }
        next = {bookingId,        write.leadId,  write.startsAt, write.durationMinutes,
                write.technician, write.address, "scheduled",    1};
        std::string id = bookingId, lead_id = write.leadId, technician = write.technician,
                    address = write.address;
        std::string status = next.status;
        std::string orgId = org;
        Poco::Int64 starts = seconds(write.startsAt), made = seconds(at);
        Poco::Int64 minutes = write.durationMinutes;
        session << sql(
            "INSERT INTO bookings (id, org_id, lead_id, starts_at, duration_minutes, technician, "
            "address, status, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)"),
            use(id), use(orgId), use(lead_id), use(starts), use(minutes), use(technician), use(address),
            use(status), use(made), use(made), now;
        if (lead->state != domain::LeadState::Booked) {
            auto booked = domain::applyTransition(protocol::leadOf(*lead, org),
                                                  {domain::LeadState::Booked, at, std::nullopt});
            if (booked) {
                leads.saveLifecycle(session, booked.value(), at);
            }
        }
        kind = "booking.created";
    } else {
        if (!existing) {
            return refused(mutation, 404, "unknown_booking",
                           "The organization has no booking " + bookingId + ".");
        }
        if (existing->version != mutation.baseVersion) {
            return stale(mutation, "booking", existing->version, protocol::encodeBooking(*existing));
        }
        if (existing->status == "canceled") {
            return refused(mutation, 422, "booking_canceled",
                           "The booking was canceled; book a new visit instead.");
        }
        next = *existing;
        next.version = existing->version + 1;
        if (cancel) {
            next.status = "canceled";
            kind = "booking.canceled";
        } else {
            const auto& write = std::get<protocol::BookingWrite>(mutation.body);
            next.startsAt = write.startsAt;
            next.durationMinutes = write.durationMinutes;
            next.technician = write.technician;
            next.address = write.address;
            kind = "booking.changed";
        }
        std::string id = bookingId, technician = next.technician, address = next.address,
                    status = next.status;
        std::string orgId = org;
        Poco::Int64 starts = seconds(next.startsAt), changed = seconds(at);
        Poco::Int64 minutes = next.durationMinutes;
        session << sql(
            "UPDATE bookings SET starts_at = ?, duration_minutes = ?, technician = ?, address = ?, "
            "status = ?, version = version + 1, updated_at = ? WHERE org_id = ? AND id = ?"),
            use(starts), use(minutes), use(technician), use(address), use(status), use(changed), use(orgId),
            use(id), now;
    }
    auto payload = protocol::encodeBooking(next);
    payload->set("by", device.name);
    appendEvent(session, org, kind, *payload, at);
    auto data = object();
    data->set("booking_id", bookingId);
    data->set("version", static_cast<Poco::Int64>(next.version));
    return applied(mutation, data);
}

MutationResult MutationApplier::changeSettings(Poco::Data::Session& session, const DeviceIdentity& device,
                                               const protocol::Mutation& mutation, domain::Instant at) const
{
    const auto& change = std::get<protocol::SettingsChange>(mutation.body);
    const OrgSettingsRecords records(m_dialect);
    const auto current = records.snapshot(session, device.orgId);
    if (!current) {
        throw Poco::Data::DataException("the device's organization is unreadable");
    }
    if (current->version != mutation.baseVersion) {
        return stale(mutation, "organization's settings", current->version,
                     protocol::encodeOrgSettings(*current));
    }
    // The decoder checked every value but the zone, which only the relay can.
    if (change.timeZone && !m_zones.knows(*change.timeZone)) {
        return refused(mutation, 422, "invalid_field",
                       "data.time_zone: \"" + *change.timeZone + "\" is not a time zone this relay knows");
    }
    auto changed = records.change(session, device.orgId, change, at);
    if (!changed) {
        return refused(mutation, 422, changed.error().code, changed.error().message);
    }
    auto data = object();
    data->set("version", static_cast<Poco::Int64>(changed->version));
    return applied(mutation, data);
}

} // namespace callsnare::relay
