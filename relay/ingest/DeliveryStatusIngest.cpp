#include "relay/ingest/DeliveryStatusIngest.h"

#include "relay/automation/TwilioMessagesClient.h"
#include "relay/ingest/EventPayload.h"
#include "relay/ingest/LeadRecords.h"
#include "relay/storage/EventLog.h"
#include "relay/storage/StatementCache.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <tuple>
#include <vector>

using namespace Poco::Data::Keywords;

namespace callsnare::relay {

void DeliveryStatusIngest::optOutRecipient(Poco::Data::Session& session, const std::string& orgId,
                                           const std::string& messageId, domain::Instant at) const
{
    std::string org = orgId;
    std::string id = messageId;
    std::vector<std::string> contacts;
    std::vector<std::string> phones;
    session << portableSql(m_dialect,
                           "SELECT contact_id, to_number FROM outbound_jobs WHERE org_id = ? AND "
                           "message_id = ? AND contact_id IS NOT NULL"),
        use(org), use(id), into(contacts), into(phones), now;
    const LeadRecords records(m_dialect);
    if (contacts.empty() || records.optOut(session, org, contacts.front()).optedOut) {
        return;
    }
    records.setOptOut(session, org, contacts.front(), true, at, "carrier_error");
    EventPayload change;
    change.set("contact_id", contacts.front()).set("phone", phones.front()).set("opted_out", true);
    change.set("source", "carrier_error").set("error_code", TwilioUnsubscribedRecipient);
    change.setInstant("changed_at", at);
    auto seq = EventLog(m_dialect).append(session, org, "contact.opted_out", change.toJson(), at);
    if (!seq) {
        throw Poco::Data::DataException(seq.error().message);
    }
}

domain::Result<DeliveryStatusReceipt> DeliveryStatusIngest::apply(Poco::Data::Session& session,
                                                                  const DeliveryStatusReport& report) const
{
    const EventLog events(m_dialect);
    DeliveryStatusReceipt receipt;

    // Every status callback runs these: kept prepared on the writer's session.
    const std::string& org = report.orgId;
    const std::string& sid = report.messageSid;
    const std::string& carrierStatus = report.carrierStatus;
    const Poco::Nullable<int> errorCode
        = report.errorCode ? Poco::Nullable<int>(*report.errorCode) : Poco::Nullable<int>();
    const Poco::Int64 at = report.at.time_since_epoch().count();
    if (executeCached(session,
                      portableSql(m_dialect,
                                  "INSERT INTO delivery_updates (org_id, message_sid, status, error_code, "
                                  "received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
                      org, sid, carrierStatus, errorCode, at)
        == 0) {
        receipt.duplicate = true;
        return receipt;
    }

    // Locked on PostgreSQL so two replicas applying callbacks of one message
    // compare against each other's result, not a stale status.
    const std::string lock = m_dialect == SqlDialect::PostgreSql ? " FOR UPDATE" : "";
    std::vector<std::tuple<std::string, std::string>> messages;
    selectCached(
        session,
        portableSql(m_dialect, "SELECT id, status FROM messages WHERE org_id = ? AND carrier_sid = ?" + lock),
        messages, org, sid);
    if (messages.size() == 1) {
        receipt.messageId = std::get<0>(messages.front());
        const auto current = domain::parseDeliveryStatus(std::get<1>(messages.front()));
        if (report.status && current && domain::isDeliveryProgress(*current, *report.status)) {
            executeCached(session,
                          portableSql(m_dialect,
                                      "UPDATE messages SET status = ?, error_code = COALESCE(?, error_code), "
                                      "updated_at = ? WHERE org_id = ? AND id = ?"),
                          std::string(domain::wireName(*report.status)), errorCode, at, org,
                          receipt.messageId);
            receipt.applied = true;
        }
        // The carrier refused the text as unsubscribed after accepting it:
        // the recipient opted out of this sender, so the contact is opted out.
        if (report.errorCode == TwilioUnsubscribedRecipient) {
            optOutRecipient(session, org, receipt.messageId, report.at);
        }
    }

    EventPayload update;
    update.set("carrier", report.carrier).set("message_sid", sid);
    update.setOptional("message_id",
                       receipt.messageId.empty() ? std::optional<std::string>() : receipt.messageId);
    update.set("carrier_status", carrierStatus);
    update.setOptional("status",
                       report.status
                           ? std::optional<std::string>(std::string(domain::wireName(*report.status)))
                           : std::optional<std::string>());
    update.setOptional("error_code", report.errorCode).set("applied", receipt.applied);
    update.setInstant("received_at", report.at);
    auto seq = events.append(session, org, "message.status", update.toJson(), report.at);
    if (!seq) {
        return seq.error();
    }
    return receipt;
}

} // namespace callsnare::relay
