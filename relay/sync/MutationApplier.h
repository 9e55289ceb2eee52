#pragma once

#include "domain/Time.h"
#include "protocol/EventFacts.h"
#include "protocol/SyncMutations.h"
#include "relay/automation/OutboundQueue.h"
#include "relay/storage/SqlDialect.h"

#include <optional>

namespace Poco::Data {
class Session;
}

namespace callsnare::relay {

struct DeviceIdentity;

struct AppliedMutation {
    protocol::MutationResult result;
    // A dispatcher's text cleared to go: hand it to the sender after commit.
    std::optional<OutboundJob> sendNow;
};

// Applies one device's mutation inside a writer unit, exactly once: the
// first answer is stored under the client's id (sync_mutations) and every
// replay gets that answer back, whatever happened since.
//
// Edits name the version they were made on; a stale one is refused with 409
// and the thing as it is now. Every change appends its events (the lead's
// snapshot, the note, the booking, a timeline entry saying who did it), so
// every device sees it. A dispatcher's text goes through the outbound queue,
// the automation's one enforcement point (opt-out, quiet hours...). A
// settings change writes the rows the automation reads, so its next decision
// follows it, and appends the settings as a whole ("org.settings").
//
// Storage failures throw Poco::Exception: the unit rolls back and nothing,
// not even the answer, is stored, so the device's retry is applied afresh.
class MutationApplier {
public:
    MutationApplier(SqlDialect dialect, const domain::TimeZoneConverter& zones)
        : m_dialect(dialect), m_zones(zones), m_queue(dialect, zones)
    {
    }

    AppliedMutation apply(Poco::Data::Session& session, const DeviceIdentity& device,
                          const protocol::Mutation& mutation, domain::Instant at) const;

    // Stores the answer to a mutation that could not be decoded, so a replay
    // gets the same answer; returns the stored (first) answer.
    protocol::MutationResult refuse(Poco::Data::Session& session, const DeviceIdentity& device,
                                    const std::string& clientId, const domain::Error& error) const;

private:
    std::optional<protocol::MutationResult>
    storedAnswer(Poco::Data::Session& session, const std::string& orgId, const std::string& clientId) const;
    void storeAnswer(Poco::Data::Session& session, const DeviceIdentity& device, const std::string& kind,
                     const protocol::MutationResult& result, domain::Instant at) const;

    AppliedMutation sendMessage(Poco::Data::Session& session, const DeviceIdentity& device,
                                const protocol::Mutation& mutation, domain::Instant at) const;
    protocol::MutationResult addNote(Poco::Data::Session& session, const DeviceIdentity& device,
                                     const protocol::Mutation& mutation, domain::Instant at) const;
    protocol::MutationResult setLeadState(Poco::Data::Session& session, const DeviceIdentity& device,
                                          const protocol::Mutation& mutation, domain::Instant at) const;
    protocol::MutationResult takeOver(Poco::Data::Session& session, const DeviceIdentity& device,
                                      const protocol::Mutation& mutation, domain::Instant at) const;
    protocol::MutationResult writeBooking(Poco::Data::Session& session, const DeviceIdentity& device,
                                          const protocol::Mutation& mutation, domain::Instant at) const;
    protocol::MutationResult changeSettings(Poco::Data::Session& session, const DeviceIdentity& device,
                                            const protocol::Mutation& mutation, domain::Instant at) const;

    // The lead a versioned edit names, in `lead`; or the answer refusing the
    // edit (404 unknown lead, 409 stale with the lead as it is now).
    std::optional<protocol::MutationResult> editableLead(Poco::Data::Session& session,
                                                         const DeviceIdentity& device,
                                                         const protocol::Mutation& mutation,
                                                         const std::string& leadId,
                                                         std::optional<protocol::LeadSnapshot>& lead) const;
    std::optional<protocol::BookingSnapshot> booking(Poco::Data::Session& session, const std::string& orgId,
                                                     const std::string& bookingId) const;
    void appendEvent(Poco::Data::Session& session, const std::string& orgId, std::string_view kind,
                     const Poco::JSON::Object& payload, domain::Instant at) const;
    std::string sql(std::string_view text) const { return portableSql(m_dialect, text); }

    SqlDialect m_dialect;
    const domain::TimeZoneConverter& m_zones;
    OutboundQueue m_queue;
};

} // namespace callsnare::relay
