#include "relay/ingest/InboundTextIngest.h"

#include "domain/Lead.h"
#include "relay/automation/Automation.h"
#include "relay/ingest/EventPayload.h"
#include "relay/ingest/LeadRecords.h"
#include "relay/storage/EventLog.h"
#include "relay/storage/StatementCache.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;

namespace callsnare::relay {

namespace {

bool movesToReplied(domain::LeadState state)
{
    return state == domain::LeadState::Missed || state == domain::LeadState::Texted;
}

} // namespace

domain::Result<InboundTextReceipt> InboundTextIngest::apply(Poco::Data::Session& session,
                                                            const InboundTextReport& report) const
{
    const EventLog events(m_dialect);
    const LeadRecords records(m_dialect);
    InboundTextReceipt receipt;

    // The message row first: its key turns a retry into a no-op.
    const std::string id = LeadRecords::newId();
    const std::string& org = report.orgId;
    const std::string& sid = report.messageSid;
    const Poco::Int64 at = report.at.time_since_epoch().count();
    if (executeCached(session,
                      portableSql(m_dialect,
                                  "INSERT INTO messages (id, org_id, direction, author, body, carrier_sid, "
                                  "status, created_at, updated_at) "
                                  "VALUES (?, ?, 'inbound', 'homeowner', ?, ?, 'received', ?, ?) "
                                  "ON CONFLICT DO NOTHING"),
                      id, org, report.body, sid, at, at)
        == 0) {
        receipt.duplicate = true;
        return receipt;
    }
    receipt.messageId = id;

    bool newContact = false;
    const std::string contactId
        = records.ensureContact(session, org, report.from.e164(), report.at, newContact);
    receipt.keyword = report.carrierKeyword.value_or(domain::classifyInboundText(report.body));

    const domain::OptOutState optOut = records.optOut(session, org, contactId);
    const bool stop = receipt.keyword == domain::InboundKeyword::OptOut;
    const bool start = receipt.keyword == domain::InboundKeyword::OptIn;
    if ((stop && !optOut.optedOut) || (start && optOut.optedOut)) {
        records.setOptOut(session, org, contactId, stop, report.at, "keyword");
        receipt.optOutChanged = true;
        EventPayload change;
        change.set("contact_id", contactId).set("phone", report.from.e164()).set("opted_out", stop);
        change.set("source", "keyword").set("message_sid", sid).setInstant("changed_at", report.at);
        auto seq = events.append(session, org, stop ? "contact.opted_out" : "contact.opted_in",
                                 change.toJson(), report.at);
        if (!seq) {
            return seq.error();
        }
    }

    std::optional<domain::Lead> lead
        = newContact ? std::nullopt : records.latestLead(session, org, contactId);
    if (receipt.keyword == domain::InboundKeyword::None) {
        if (!lead || !lead->isOpen()) {
            // Someone texting first is a lead of its own, one that already replied.
            domain::Lead opened = domain::Lead::missed(LeadRecords::newId(), org, contactId, report.at);
            opened.state = domain::LeadState::Replied;
            opened.stamps.firstReplyAt = report.at;
            records.insertLead(session, opened, report.from.e164(), 0, report.at);
            lead = opened;
        } else if (movesToReplied(lead->state)) {
            auto moved
                = domain::applyTransition(*lead, {domain::LeadState::Replied, report.at, std::nullopt});
            if (moved) {
                records.saveLifecycle(session, *moved, report.at);
                lead = std::move(moved).value();
            }
        }
    }
    if (lead) {
        receipt.leadId = lead->id;
        executeCached(session,
                      portableSql(m_dialect, "UPDATE messages SET lead_id = ? WHERE org_id = ? AND id = ?"),
                      lead->id, org, id);
    }

    EventPayload received;
    received.set("message_id", id).set("carrier", report.carrier).set("message_sid", sid);
    received.setOptional("lead_id", receipt.leadId.empty() ? std::optional<std::string>() : receipt.leadId);
    received.setOptional("lead_state",
                         lead ? std::optional<std::string>(std::string(domain::wireName(lead->state)))
                              : std::optional<std::string>());
    received.set("contact_id", contactId).set("from", report.from.e164()).set("to", report.to);
    received.set("body", report.body).set("media_count", report.mediaCount);
    received.set("keyword", domain::wireName(receipt.keyword)).setInstant("received_at", report.at);
    auto seq = events.append(session, org, "message.received", received.toJson(), report.at);
    if (!seq) {
        return seq.error();
    }
    if (m_automation) {
        receipt.sendNow = m_automation->onInboundText(
            session,
            InboundTextFacts{org, sid, report.from, contactId, receipt.keyword, receipt.optOutChanged, lead,
                             report.body, report.at, report.receivedMs});
    }
    return receipt;
}

} // namespace callsnare::relay
