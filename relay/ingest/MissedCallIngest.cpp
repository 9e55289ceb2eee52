#include "relay/ingest/MissedCallIngest.h"

#include "domain/TextBackDecision.h"
#include "relay/automation/Automation.h"
#include "relay/ingest/EventPayload.h"
#include "relay/ingest/LeadRecords.h"
#include "relay/storage/EventBatch.h"
#include "relay/storage/EventLog.h"
#include "relay/storage/StatementCache.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

using namespace Poco::Data::Keywords;

namespace callsnare::relay {

domain::Result<CallReceipt> MissedCallIngest::apply(Poco::Data::Session& session,
                                                    const CallReport& report) const
{
    const EventLog events(m_dialect);
    // The lead's snapshot, the call and the automation's decision are
    // numbered together at the end (one bump of the org's counter).
    EventBatch pending(m_dialect);
    const LeadRecords records(m_dialect, &pending);
    CallReceipt receipt;

    std::string org = report.orgId;
    std::string carrier = report.carrier;
    std::string callSid = report.callSid;
    std::string from = report.caller ? report.caller->e164() : report.rawFrom;
    std::string to = report.to.e164();
    std::string status = report.carrierStatus;
    Poco::Int64 occurredAt = report.at.time_since_epoch().count();
    const std::string insertCall
        = portableSql(m_dialect,
                      "INSERT INTO call_events (org_id, carrier, call_sid, from_number, to_number, status, "
                      "lead_id, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    // The call's key makes a retry (or a second replica racing on the same
    // call) a no-op before anything else is touched. On PostgreSQL the row is
    // inserted first, as that gate (its lead, which must exist first, is set
    // once known). On SQLite this unit holds the database's one write lock,
    // so looking the key up is gate enough, and the row is written once,
    // with its lead.
    const bool gateByInsert = m_dialect == SqlDialect::PostgreSql;
    const auto writeCall = [&](const std::string& leadId) {
        const Poco::Nullable<std::string> lead
            = leadId.empty() ? Poco::Nullable<std::string>() : Poco::Nullable<std::string>(leadId);
        return executeCached(session, insertCall, org, carrier, callSid, from, to, status, lead, occurredAt);
    };
    if (gateByInsert) {
        if (writeCall({}) == 0) {
            receipt.duplicate = true;
            return receipt;
        }
    } else {
        std::vector<Poco::Int64> stored;
        selectCached(session,
                     portableSql(m_dialect,
                                 "SELECT COUNT(*) FROM call_events "
                                 "WHERE org_id = ? AND carrier = ? AND call_sid = ?"),
                     stored, org, carrier, callSid);
        if (!stored.empty() && stored.front() > 0) {
            receipt.duplicate = true;
            return receipt;
        }
    }

    EventPayload call;
    call.set("carrier", carrier)
        .set("call_sid", callSid)
        .set("from", from)
        .set("to", to)
        .set("status", status);
    call.setInstant("occurred_at", report.at);

    if (!report.missed) {
        if (!gateByInsert && writeCall({}) != 1) {
            throw Poco::Data::DataException("the call was stored twice at once");
        }
        auto seq = events.append(session, org, "call.answered", call.toJson(), report.at);
        if (!seq) {
            return seq.error();
        }
        return receipt;
    }

    MissedCallFacts facts{org,          carrier, callSid,   report.caller,    {},
                          std::nullopt, {},      report.at, report.receivedMs};
    if (report.caller) {
        const auto window = records.dedupeWindow(session, org);
        if (!window) {
            return domain::makeError("unknown_organization", "No such organization.");
        }
        bool newContact = false;
        const std::string contactId
            = records.ensureContact(session, org, report.caller->e164(), report.at, newContact);
        const std::optional<domain::Lead> latest
            = newContact ? std::nullopt : records.latestLead(session, org, contactId);
        facts.contactId = contactId;
        facts.latestBefore = latest;
        facts.newContact = newContact;
        if (latest && domain::joinsLead(*latest, report.at, *window)) {
            records.addCall(session, org, latest->id, report.caller->e164(), report.at);
            receipt.leadId = latest->id;
        } else {
            const domain::Lead lead = domain::Lead::missed(LeadRecords::newId(), org, contactId, report.at);
            records.insertLead(session, lead, report.caller->e164(), 1, report.at);
            receipt.leadId = lead.id;
            receipt.newLead = true;
        }
        if (gateByInsert) {
            std::string leadId = receipt.leadId;
            executeCached(
                session,
                portableSql(
                    m_dialect,
                    "UPDATE call_events SET lead_id = ? WHERE org_id = ? AND carrier = ? AND call_sid = ?"),
                leadId, org, carrier, callSid);
        }
        call.set("contact_id", contactId);
    }
    if (!gateByInsert && writeCall(receipt.leadId) != 1) {
        throw Poco::Data::DataException("the call was stored twice at once");
    }

    call.setOptional("lead_id", receipt.leadId.empty() ? std::optional<std::string>() : receipt.leadId);
    call.set("placement",
             receipt.leadId.empty() ? std::string_view("none")
                                    : domain::wireName(receipt.newLead ? domain::LeadPlacement::NewLead
                                                                       : domain::LeadPlacement::JoinLead));
    call.set("withheld", !report.caller.has_value());
    pending.add(org, "call.missed", call.toJson(), report.at);
    if (m_automation) {
        facts.leadId = receipt.leadId;
        receipt.sendNow = m_automation->onMissedCall(session, facts, pending);
    }
    if (auto flushed = pending.flush(session); !flushed) {
        return flushed.error();
    }
    return receipt;
}

} // namespace callsnare::relay
