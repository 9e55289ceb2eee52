#pragma once

#include "domain/Contact.h"
#include "domain/Lead.h"
#include "domain/Time.h"
#include "protocol/EventFacts.h"
#include "relay/storage/SqlDialect.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace Poco::Data {
class Session;
}

namespace callsnare::relay {

class EventBatch;

// The contact and lead rows the webhook ingests read and write, always
// inside a GroupCommitWriter unit and always scoped by organization. Failures
// throw Poco::Exception, which the writer turns into the unit's error.
//
// Every write to a lead row bumps its version and appends the whole lead to
// the org's event log ("lead.created" / "lead.updated"), so a synced device
// always holds the lead as the relay has it and can name the version it
// edits.
//
// With an EventBatch, the snapshots join the unit's other events there and
// are numbered when the caller flushes it; without one they are appended at
// once.
class LeadRecords {
public:
    explicit LeadRecords(SqlDialect dialect, EventBatch* events = nullptr)
        : m_dialect(dialect), m_events(events)
    {
    }

    // The org's dedupe window; nullopt when the org does not exist.
    std::optional<std::chrono::minutes> dedupeWindow(Poco::Data::Session& session,
                                                     std::string_view orgId) const;

    // The id of the org's contact for `e164`, created when new (`created` says
    // which). On PostgreSQL the contact row stays locked until commit, so two
    // replicas ingesting the same caller at once take turns and never open
    // two leads for one caller.
    std::string ensureContact(Poco::Data::Session& session, std::string_view orgId, std::string_view e164,
                              domain::Instant at, bool& created) const;

    domain::OptOutState optOut(Poco::Data::Session& session, std::string_view orgId,
                               std::string_view contactId) const;
    void setOptOut(Poco::Data::Session& session, std::string_view orgId, std::string_view contactId,
                   bool optedOut, domain::Instant at, std::string_view source) const;

    // The contact's lead with the latest call, open or not.
    std::optional<domain::Lead> latestLead(Poco::Data::Session& session, std::string_view orgId,
                                           std::string_view contactId) const;

    std::optional<domain::Lead> findLead(Poco::Data::Session& session, std::string_view orgId,
                                         std::string_view leadId) const;

    // Writes automation_paused and urgent from `lead`, and sets why a
    // dispatcher should look at it when `attention` is given.
    void setAutomationFlags(Poco::Data::Session& session, const domain::Lead& lead,
                            std::optional<std::string_view> attention, domain::Instant at) const;
    // How many of the org's intake questions were asked on the lead.
    int intakeAsked(Poco::Data::Session& session, std::string_view orgId, std::string_view leadId) const;
    void setIntakeAsked(Poco::Data::Session& session, std::string_view orgId, std::string_view leadId,
                        int asked) const;

    // A new lead of the contact whose number is `phone`. Its snapshot is
    // made from the values written (and the columns' defaults), not read back.
    void insertLead(Poco::Data::Session& session, const domain::Lead& lead, std::string_view phone,
                    int callCount, domain::Instant at) const;
    // One more call on the lead of the contact whose number is `phone`:
    // call_count + 1, last_call_at moved forward only (calls can arrive out of
    // order). The snapshot is the row the UPDATE returns.
    void addCall(Poco::Data::Session& session, std::string_view orgId, std::string_view leadId,
                 std::string_view phone, domain::Instant callAt) const;
    // Writes state and lifecycle timestamps after a domain transition.
    void saveLifecycle(Poco::Data::Session& session, const domain::Lead& lead, domain::Instant at) const;

    // The lead as sync sends it (with its contact's number and version).
    std::optional<protocol::LeadSnapshot> snapshot(Poco::Data::Session& session, std::string_view orgId,
                                                   std::string_view leadId) const;

    static std::string newId();

private:
    // The first lead of the org matching `condition` (an SQL fragment with
    // one parameter, bound to `key`, plus any ORDER BY).
    std::optional<domain::Lead> selectLead(Poco::Data::Session& session, std::string_view orgId,
                                           std::string_view condition, std::string_view key) const;
    // Appends the lead's snapshot, read from its row, to the event log as `kind`.
    void publish(Poco::Data::Session& session, std::string_view orgId, std::string_view leadId,
                 std::string_view kind, domain::Instant at) const;
    // Appends a snapshot the caller already holds.
    void publish(Poco::Data::Session& session, std::string_view orgId, const protocol::LeadSnapshot& lead,
                 std::string_view kind, domain::Instant at) const;
    std::string sql(std::string_view text) const { return portableSql(m_dialect, text); }

    SqlDialect m_dialect;
    EventBatch* m_events;
};

} // namespace callsnare::relay
