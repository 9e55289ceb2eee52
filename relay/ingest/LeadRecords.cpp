#include "relay/ingest/LeadRecords.h"

#include "protocol/EventFacts.h"
#include "protocol/JsonFields.h"
#include "relay/storage/EventLog.h"
#include "relay/storage/StatementCache.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>
#include <Poco/UUIDGenerator.h>

#include <vector>

using namespace Poco::Data::Keywords;

namespace callsnare::relay {

namespace {

Poco::Int64 seconds(domain::Instant at)
{
    return static_cast<Poco::Int64>(at.time_since_epoch().count());
}

domain::Instant instantFrom(const Poco::Dynamic::Var& value)
{
    return domain::Instant{std::chrono::seconds{value.convert<Poco::Int64>()}};
}

std::optional<domain::Instant> optionalInstant(const Poco::Data::RecordSet& rows, std::size_t column)
{
    if (rows.isNull(column, 0)) {
        return std::nullopt;
    }
    return instantFrom(rows.value(column, 0));
}

Poco::Nullable<Poco::Int64> nullableSeconds(const std::optional<domain::Instant>& at)
{
    return at ? Poco::Nullable<Poco::Int64>(seconds(*at)) : Poco::Nullable<Poco::Int64>();
}

} // namespace

std::string LeadRecords::newId()
{
    return Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
}

std::optional<std::chrono::minutes> LeadRecords::dedupeWindow(Poco::Data::Session& session,
                                                              std::string_view orgId) const
{
    std::vector<Poco::Int64> minutes;
    selectCached(session, sql("SELECT dedupe_window_minutes FROM organizations WHERE id = ?"), minutes,
                 std::string(orgId));
    if (minutes.empty()) {
        return std::nullopt;
    }
    return std::chrono::minutes{minutes.front()};
}

std::string LeadRecords::ensureContact(Poco::Data::Session& session, std::string_view orgId,
                                       std::string_view e164, domain::Instant at, bool& created) const
{
    // Every missed call runs these two: kept prepared on the writer's session.
    const std::string org(orgId);
    const std::string phone(e164);
    created = executeCached(session,
                            sql("INSERT INTO contacts (id, org_id, phone, created_at) VALUES (?, ?, ?, ?) "
                                "ON CONFLICT DO NOTHING"),
                            newId(), org, phone, seconds(at))
        == 1;

    const std::string lock = m_dialect == SqlDialect::PostgreSql ? " FOR UPDATE" : "";
    std::vector<std::string> ids;
    selectCached(session, sql("SELECT id FROM contacts WHERE org_id = ? AND phone = ?" + lock), ids, org,
                 phone);
    if (ids.size() != 1) {
        throw Poco::Data::DataException("the contact row vanished while it was being written");
    }
    return ids.front();
}

domain::OptOutState LeadRecords::optOut(Poco::Data::Session& session, std::string_view orgId,
                                        std::string_view contactId) const
{
    std::string org(orgId);
    std::string contact(contactId);
    Poco::Data::Statement select(session);
    select << sql("SELECT opted_out, opt_out_changed_at FROM contacts WHERE org_id = ? AND id = ?"), use(org),
        use(contact);
    select.execute();
    Poco::Data::RecordSet rows(select);
    domain::OptOutState state;
    if (rows.rowCount() == 1) {
        state.optedOut = rows.value(0, 0).convert<Poco::Int64>() != 0;
        state.changedAt = optionalInstant(rows, 1);
    }
    return state;
}

void LeadRecords::setOptOut(Poco::Data::Session& session, std::string_view orgId, std::string_view contactId,
                            bool optedOut, domain::Instant at, std::string_view source) const
{
    int flag = optedOut ? 1 : 0;
    Poco::Int64 changedAt = seconds(at);
    std::string sourceText(source);
    std::string org(orgId);
    std::string contact(contactId);
    session << sql("UPDATE contacts SET opted_out = ?, opt_out_changed_at = ?, opt_out_source = ? "
                   "WHERE org_id = ? AND id = ?"),
        use(flag), use(changedAt), use(sourceText), use(org), use(contact), now;
}

std::optional<domain::Lead> LeadRecords::latestLead(Poco::Data::Session& session, std::string_view orgId,
                                                    std::string_view contactId) const
{
    return selectLead(session, orgId, "contact_id = ? ORDER BY last_call_at DESC, missed_at DESC", contactId);
}

std::optional<domain::Lead> LeadRecords::findLead(Poco::Data::Session& session, std::string_view orgId,
                                                  std::string_view leadId) const
{
    return selectLead(session, orgId, "id = ?", leadId);
}

std::optional<domain::Lead> LeadRecords::selectLead(Poco::Data::Session& session, std::string_view orgId,
                                                    std::string_view condition, std::string_view key) const
{
    std::string org(orgId);
    std::string value(key);
    Poco::Data::Statement select(session);
    select << sql(
        "SELECT id, contact_id, state, outcome, missed_at, first_text_at, first_reply_at, booked_at, "
        "handed_off_at, closed_at, last_call_at, automation_paused, urgent FROM leads "
        "WHERE org_id = ? AND "
        + std::string(condition) + " LIMIT 1"),
        use(org), use(value);
    select.execute();
    Poco::Data::RecordSet rows(select);
    if (rows.rowCount() == 0) {
        return std::nullopt;
    }
    domain::Lead lead;
    lead.id = rows.value(0, 0).convert<std::string>();
    lead.orgId = org;
    lead.contactId = rows.value(1, 0).convert<std::string>();
    const auto state = domain::parseLeadState(rows.value(2, 0).convert<std::string>());
    if (!state) {
        throw Poco::Data::DataException("a lead has an unknown state");
    }
    lead.state = *state;
    if (!rows.isNull(3, 0)) {
        lead.outcome = domain::parseCloseOutcome(rows.value(3, 0).convert<std::string>());
    }
    lead.stamps.missedAt = instantFrom(rows.value(4, 0));
    lead.stamps.firstTextAt = optionalInstant(rows, 5);
    lead.stamps.firstReplyAt = optionalInstant(rows, 6);
    lead.stamps.bookedAt = optionalInstant(rows, 7);
    lead.stamps.handedOffAt = optionalInstant(rows, 8);
    lead.stamps.closedAt = optionalInstant(rows, 9);
    lead.lastCallAt = instantFrom(rows.value(10, 0));
    lead.automationPaused = rows.value(11, 0).convert<Poco::Int64>() != 0;
    lead.urgent = rows.value(12, 0).convert<Poco::Int64>() != 0;
    return lead;
}

void LeadRecords::setAutomationFlags(Poco::Data::Session& session, const domain::Lead& lead,
                                     std::optional<std::string_view> attention, domain::Instant at) const
{
    int paused = lead.automationPaused ? 1 : 0;
    int urgent = lead.urgent ? 1 : 0;
    Poco::Nullable<std::string> reason
        = attention ? Poco::Nullable<std::string>(std::string(*attention)) : Poco::Nullable<std::string>();
    Poco::Int64 updatedAt = seconds(at);
    std::string org = lead.orgId;
    std::string id = lead.id;
    session << sql("UPDATE leads SET automation_paused = ?, urgent = ?, attention = COALESCE(?, attention), "
                   "updated_at = ?, version = version + 1 WHERE org_id = ? AND id = ?"),
        use(paused), use(urgent), use(reason), use(updatedAt), use(org), use(id), now;
    publish(session, org, id, "lead.updated", at);
}

int LeadRecords::intakeAsked(Poco::Data::Session& session, std::string_view orgId,
                             std::string_view leadId) const
{
    std::string org(orgId);
    std::string id(leadId);
    std::vector<int> asked;
    session << sql("SELECT intake_asked FROM leads WHERE org_id = ? AND id = ?"), use(org), use(id),
        into(asked), now;
    return asked.empty() ? 0 : asked.front();
}

void LeadRecords::setIntakeAsked(Poco::Data::Session& session, std::string_view orgId,
                                 std::string_view leadId, int asked) const
{
    std::string org(orgId);
    std::string id(leadId);
    session << sql("UPDATE leads SET intake_asked = ? WHERE org_id = ? AND id = ?"), use(asked), use(org),
        use(id), now;
}

void LeadRecords::insertLead(Poco::Data::Session& session, const domain::Lead& lead, int callCount,
                             domain::Instant at) const
{
    executeCached(
        session,
        sql("INSERT INTO leads (id, org_id, contact_id, state, missed_at, first_reply_at, last_call_at, "
            "call_count, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        lead.id, lead.orgId, lead.contactId, std::string(domain::wireName(lead.state)),
        seconds(lead.stamps.missedAt), nullableSeconds(lead.stamps.firstReplyAt), seconds(lead.lastCallAt),
        callCount, seconds(at));
    publish(session, lead.orgId, lead.id, "lead.created", at);
}

void LeadRecords::addCall(Poco::Data::Session& session, std::string_view orgId, std::string_view leadId,
                          domain::Instant callAt) const
{
    const Poco::Int64 call = seconds(callAt);
    // CASE rather than MAX()/GREATEST(): the same text runs on both databases.
    executeCached(
        session,
        sql("UPDATE leads SET call_count = call_count + 1, "
            "last_call_at = CASE WHEN last_call_at < ? THEN ? ELSE last_call_at END, updated_at = ?, "
            "version = version + 1 WHERE org_id = ? AND id = ?"),
        call, call, call, std::string(orgId), std::string(leadId));
    publish(session, orgId, leadId, "lead.updated", callAt);
}

void LeadRecords::saveLifecycle(Poco::Data::Session& session, const domain::Lead& lead,
                                domain::Instant at) const
{
    std::string state(domain::wireName(lead.state));
    Poco::Nullable<std::string> outcome = lead.outcome
        ? Poco::Nullable<std::string>(std::string(domain::wireName(*lead.outcome)))
        : Poco::Nullable<std::string>();
    Poco::Nullable<Poco::Int64> firstText = nullableSeconds(lead.stamps.firstTextAt);
    Poco::Nullable<Poco::Int64> firstReply = nullableSeconds(lead.stamps.firstReplyAt);
    Poco::Nullable<Poco::Int64> booked = nullableSeconds(lead.stamps.bookedAt);
    Poco::Nullable<Poco::Int64> handedOff = nullableSeconds(lead.stamps.handedOffAt);
    Poco::Nullable<Poco::Int64> closed = nullableSeconds(lead.stamps.closedAt);
    Poco::Int64 updatedAt = seconds(at);
    std::string org = lead.orgId;
    std::string id = lead.id;
    session << sql(
        "UPDATE leads SET state = ?, outcome = ?, first_text_at = ?, first_reply_at = ?, booked_at = ?, "
        "handed_off_at = ?, closed_at = ?, updated_at = ?, version = version + 1 WHERE org_id = ? AND id = "
        "?"),
        use(state), use(outcome), use(firstText), use(firstReply), use(booked), use(handedOff), use(closed),
        use(updatedAt), use(org), use(id), now;
    publish(session, org, id, "lead.updated", at);
}

std::optional<protocol::LeadSnapshot>
LeadRecords::snapshot(Poco::Data::Session& session, std::string_view orgId, std::string_view leadId) const
{
    Poco::Data::Statement select(session);
    std::string org(orgId);
    std::string id(leadId);
    select << sql(
        "SELECT l.id, l.contact_id, c.phone, l.state, l.outcome, l.missed_at, l.first_text_at, "
        "l.first_reply_at, l.booked_at, l.handed_off_at, l.closed_at, l.last_call_at, l.call_count, "
        "l.automation_paused, l.urgent, l.attention, l.version "
        "FROM leads l JOIN contacts c ON c.org_id = l.org_id AND c.id = l.contact_id "
        "WHERE l.org_id = ? AND l.id = ?"),
        use(org), use(id);
    select.execute();
    Poco::Data::RecordSet rows(select);
    if (rows.rowCount() == 0) {
        return std::nullopt;
    }
    protocol::LeadSnapshot lead;
    lead.leadId = rows.value(0, 0).convert<std::string>();
    lead.contactId = rows.value(1, 0).convert<std::string>();
    lead.phone = rows.value(2, 0).convert<std::string>();
    const auto state = domain::parseLeadState(rows.value(3, 0).convert<std::string>());
    if (!state) {
        throw Poco::Data::DataException("a lead has an unknown state");
    }
    lead.state = *state;
    if (!rows.isNull(4, 0)) {
        lead.outcome = domain::parseCloseOutcome(rows.value(4, 0).convert<std::string>());
    }
    lead.stamps.missedAt = instantFrom(rows.value(5, 0));
    lead.stamps.firstTextAt = optionalInstant(rows, 6);
    lead.stamps.firstReplyAt = optionalInstant(rows, 7);
    lead.stamps.bookedAt = optionalInstant(rows, 8);
    lead.stamps.handedOffAt = optionalInstant(rows, 9);
    lead.stamps.closedAt = optionalInstant(rows, 10);
    lead.lastCallAt = instantFrom(rows.value(11, 0));
    lead.callCount = rows.value(12, 0).convert<Poco::Int64>();
    lead.automationPaused = rows.value(13, 0).convert<Poco::Int64>() != 0;
    lead.urgent = rows.value(14, 0).convert<Poco::Int64>() != 0;
    if (!rows.isNull(15, 0)) {
        lead.attention = rows.value(15, 0).convert<std::string>();
    }
    lead.version = rows.value(16, 0).convert<Poco::Int64>();
    return lead;
}

void LeadRecords::publish(Poco::Data::Session& session, std::string_view orgId, std::string_view leadId,
                          std::string_view kind, domain::Instant at) const
{
    const auto lead = snapshot(session, orgId, leadId);
    if (!lead) {
        throw Poco::Data::DataException("a lead vanished while it was being written");
    }
    const auto seq = EventLog(m_dialect).append(
        session, orgId, kind, protocol::stringify(*protocol::encodeLeadSnapshot(*lead)), at);
    if (!seq) {
        throw Poco::Data::DataException(seq.error().message);
    }
}

} // namespace callsnare::relay
