#include "relay/ingest/LeadRecords.h"

#include "domain/TimeOrderedId.h"

#include "protocol/EventFacts.h"
#include "protocol/JsonFields.h"
#include "relay/storage/EventBatch.h"
#include "relay/storage/EventLog.h"
#include "relay/storage/StatementCache.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>
#include <Poco/UUIDGenerator.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <tuple>
#include <vector>

#include <sys/random.h>

using namespace Poco::Data::Keywords;

namespace callsnare::relay {

namespace {

Poco::Int64 seconds(domain::Instant at)
{
    return static_cast<Poco::Int64>(at.time_since_epoch().count());
}

domain::Instant instantFrom(Poco::Int64 seconds)
{
    return domain::Instant{std::chrono::seconds{seconds}};
}

std::optional<domain::Instant> optionalInstant(const Poco::Nullable<Poco::Int64>& seconds)
{
    if (seconds.isNull()) {
        return std::nullopt;
    }
    return instantFrom(seconds.value());
}

Poco::Nullable<Poco::Int64> nullableSeconds(const std::optional<domain::Instant>& at)
{
    return at ? Poco::Nullable<Poco::Int64>(seconds(*at)) : Poco::Nullable<Poco::Int64>();
}

// A lead row's state, outcome and lifecycle stamps (first text, first reply,
// booked, handed off, closed) as the domain holds them.
void readLifecycle(const std::string& stateName, const Poco::Nullable<std::string>& outcome,
                   Poco::Int64 missedAt, const std::array<Poco::Nullable<Poco::Int64>, 5>& stamps,
                   domain::LeadState& state, std::optional<domain::CloseOutcome>& closeOutcome,
                   domain::LeadTimestamps& times)
{
    const auto parsed = domain::parseLeadState(stateName);
    if (!parsed) {
        throw Poco::Data::DataException("a lead has an unknown state");
    }
    state = *parsed;
    if (!outcome.isNull()) {
        closeOutcome = domain::parseCloseOutcome(outcome.value());
    }
    times.missedAt = instantFrom(missedAt);
    times.firstTextAt = optionalInstant(stamps[0]);
    times.firstReplyAt = optionalInstant(stamps[1]);
    times.bookedAt = optionalInstant(stamps[2]);
    times.handedOffAt = optionalInstant(stamps[3]);
    times.closedAt = optionalInstant(stamps[4]);
}

// A lead row's columns as a snapshot reads them (kLeadColumns, in order).
using LeadRow
    = std::tuple<std::string, std::string, std::string, Poco::Nullable<std::string>, Poco::Int64,
                 Poco::Nullable<Poco::Int64>, Poco::Nullable<Poco::Int64>, Poco::Nullable<Poco::Int64>,
                 Poco::Nullable<Poco::Int64>, Poco::Nullable<Poco::Int64>, Poco::Int64, Poco::Int64,
                 Poco::Int64, Poco::Int64, Poco::Nullable<std::string>, Poco::Int64>;
constexpr std::string_view kLeadColumns
    = "id, contact_id, state, outcome, missed_at, first_text_at, first_reply_at, booked_at, handed_off_at, "
      "closed_at, last_call_at, call_count, automation_paused, urgent, attention, version";

protocol::LeadSnapshot snapshotOf(LeadRow row, std::string phone)
{
    auto& [id, contactId, stateName, outcome, missedAt, firstTextAt, firstReplyAt, bookedAt, handedOffAt,
           closedAt, lastCallAt, callCount, paused, urgent, attention, version]
        = row;
    protocol::LeadSnapshot lead;
    lead.leadId = std::move(id);
    lead.contactId = std::move(contactId);
    lead.phone = std::move(phone);
    readLifecycle(stateName, outcome, missedAt, {firstTextAt, firstReplyAt, bookedAt, handedOffAt, closedAt},
                  lead.state, lead.outcome, lead.stamps);
    lead.lastCallAt = instantFrom(lastCallAt);
    lead.callCount = callCount;
    lead.automationPaused = paused != 0;
    lead.urgent = urgent != 0;
    if (!attention.isNull()) {
        lead.attention = attention.value();
    }
    lead.version = version;
    return lead;
}

} // namespace

std::string LeadRecords::newId()
{
    // Time-ordered (domain::timeOrderedId), so new rows land at the right
    // edge of the id indexes. The random bits come from the kernel 4 KiB at a
    // time: Poco's generator opens, reads and closes /dev/urandom for every
    // id, and every webhook makes several.
    constexpr std::size_t RandomBytes = 10;
    thread_local std::array<unsigned char, 4000> pool{};
    thread_local std::size_t used = pool.size();
    if (used + RandomBytes > pool.size()) {
        std::size_t filled = 0;
        while (filled < pool.size()) {
            const ssize_t got = getrandom(pool.data() + filled, pool.size() - filled, 0);
            if (got < 0) {
                if (errno == EINTR) {
                    continue;
                }
                return Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
            }
            filled += static_cast<std::size_t>(got);
        }
        used = 0;
    }
    std::array<std::uint8_t, RandomBytes> random{};
    std::memcpy(random.data(), pool.data() + used, RandomBytes);
    std::memset(pool.data() + used, 0, RandomBytes);
    used += RandomBytes;
    return domain::timeOrderedId(std::chrono::system_clock::now(), random);
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
    std::string id = newId();
    created = executeCached(session,
                            sql("INSERT INTO contacts (id, org_id, phone, created_at) VALUES (?, ?, ?, ?) "
                                "ON CONFLICT DO NOTHING"),
                            id, org, phone, seconds(at))
        == 1;
    if (created) {
        return id; // this unit's own row (on PostgreSQL already locked by the insert)
    }

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
    std::vector<std::tuple<Poco::Int64, Poco::Nullable<Poco::Int64>>> rows;
    selectCached(session,
                 sql("SELECT opted_out, opt_out_changed_at FROM contacts WHERE org_id = ? AND id = ?"), rows,
                 std::string(orgId), std::string(contactId));
    domain::OptOutState state;
    if (rows.size() == 1) {
        state.optedOut = std::get<0>(rows.front()) != 0;
        state.changedAt = optionalInstant(std::get<1>(rows.front()));
    }
    return state;
}

void LeadRecords::setOptOut(Poco::Data::Session& session, std::string_view orgId, std::string_view contactId,
                            bool optedOut, domain::Instant at, std::string_view source) const
{
    executeCached(session,
                  sql("UPDATE contacts SET opted_out = ?, opt_out_changed_at = ?, opt_out_source = ? "
                      "WHERE org_id = ? AND id = ?"),
                  optedOut ? 1 : 0, seconds(at), std::string(source), std::string(orgId),
                  std::string(contactId));
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
    using Row = std::tuple<std::string, std::string, std::string, Poco::Nullable<std::string>, Poco::Int64,
                           Poco::Nullable<Poco::Int64>, Poco::Nullable<Poco::Int64>,
                           Poco::Nullable<Poco::Int64>, Poco::Nullable<Poco::Int64>,
                           Poco::Nullable<Poco::Int64>, Poco::Int64, Poco::Int64, Poco::Int64>;
    std::vector<Row> rows;
    selectCached(
        session,
        sql("SELECT id, contact_id, state, outcome, missed_at, first_text_at, first_reply_at, booked_at, "
            "handed_off_at, closed_at, last_call_at, automation_paused, urgent FROM leads "
            "WHERE org_id = ? AND "
            + std::string(condition) + " LIMIT 1"),
        rows, std::string(orgId), std::string(key));
    if (rows.empty()) {
        return std::nullopt;
    }
    auto& [id, contactId, stateName, outcome, missedAt, firstTextAt, firstReplyAt, bookedAt, handedOffAt,
           closedAt, lastCallAt, paused, urgent]
        = rows.front();
    domain::Lead lead;
    lead.id = std::move(id);
    lead.orgId = std::string(orgId);
    lead.contactId = std::move(contactId);
    readLifecycle(stateName, outcome, missedAt, {firstTextAt, firstReplyAt, bookedAt, handedOffAt, closedAt},
                  lead.state, lead.outcome, lead.stamps);
    lead.lastCallAt = instantFrom(lastCallAt);
    lead.automationPaused = paused != 0;
    lead.urgent = urgent != 0;
    return lead;
}

void LeadRecords::setAutomationFlags(Poco::Data::Session& session, const domain::Lead& lead,
                                     std::optional<std::string_view> attention, domain::Instant at) const
{
    const Poco::Nullable<std::string> reason
        = attention ? Poco::Nullable<std::string>(std::string(*attention)) : Poco::Nullable<std::string>();
    executeCached(
        session,
        sql("UPDATE leads SET automation_paused = ?, urgent = ?, attention = COALESCE(?, attention), "
            "updated_at = ?, version = version + 1 WHERE org_id = ? AND id = ?"),
        lead.automationPaused ? 1 : 0, lead.urgent ? 1 : 0, reason, seconds(at), lead.orgId, lead.id);
    publish(session, lead.orgId, lead.id, "lead.updated", at);
}

int LeadRecords::intakeAsked(Poco::Data::Session& session, std::string_view orgId,
                             std::string_view leadId) const
{
    std::vector<Poco::Int64> asked;
    selectCached(session, sql("SELECT intake_asked FROM leads WHERE org_id = ? AND id = ?"), asked,
                 std::string(orgId), std::string(leadId));
    return asked.empty() ? 0 : static_cast<int>(asked.front());
}

void LeadRecords::setIntakeAsked(Poco::Data::Session& session, std::string_view orgId,
                                 std::string_view leadId, int asked) const
{
    executeCached(session, sql("UPDATE leads SET intake_asked = ? WHERE org_id = ? AND id = ?"), asked,
                  std::string(orgId), std::string(leadId));
}

void LeadRecords::insertLead(Poco::Data::Session& session, const domain::Lead& lead, std::string_view phone,
                             int callCount, domain::Instant at) const
{
    executeCached(
        session,
        sql("INSERT INTO leads (id, org_id, contact_id, state, missed_at, first_reply_at, last_call_at, "
            "call_count, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        lead.id, lead.orgId, lead.contactId, std::string(domain::wireName(lead.state)),
        seconds(lead.stamps.missedAt), nullableSeconds(lead.stamps.firstReplyAt), seconds(lead.lastCallAt),
        callCount, seconds(at));
    // The row as just written; the columns left out keep their defaults (no
    // outcome, no other stamps, not paused, not urgent, no attention, version 1).
    protocol::LeadSnapshot written;
    written.leadId = lead.id;
    written.contactId = lead.contactId;
    written.phone = std::string(phone);
    written.state = lead.state;
    written.stamps.missedAt = lead.stamps.missedAt;
    written.stamps.firstReplyAt = lead.stamps.firstReplyAt;
    written.lastCallAt = lead.lastCallAt;
    written.callCount = callCount;
    publish(session, lead.orgId, written, "lead.created", at);
}

void LeadRecords::addCall(Poco::Data::Session& session, std::string_view orgId, std::string_view leadId,
                          std::string_view phone, domain::Instant callAt) const
{
    const Poco::Int64 call = seconds(callAt);
    // CASE rather than MAX()/GREATEST(): the same text runs on both databases.
    // RETURNING gives the row as this UPDATE left it, even when another
    // replica changed it since this unit read it (PostgreSQL).
    std::vector<LeadRow> rows;
    selectCached(
        session,
        sql("UPDATE leads SET call_count = call_count + 1, "
            "last_call_at = CASE WHEN last_call_at < ? THEN ? ELSE last_call_at END, updated_at = ?, "
            "version = version + 1 WHERE org_id = ? AND id = ? RETURNING "
            + std::string(kLeadColumns)),
        rows, call, call, call, std::string(orgId), std::string(leadId));
    if (rows.size() != 1) {
        throw Poco::Data::DataException("a lead vanished while it was being written");
    }
    publish(session, orgId, snapshotOf(rows.front(), std::string(phone)), "lead.updated", callAt);
}

void LeadRecords::saveLifecycle(Poco::Data::Session& session, const domain::Lead& lead,
                                domain::Instant at) const
{
    const Poco::Nullable<std::string> outcome = lead.outcome
        ? Poco::Nullable<std::string>(std::string(domain::wireName(*lead.outcome)))
        : Poco::Nullable<std::string>();
    executeCached(
        session,
        sql("UPDATE leads SET state = ?, outcome = ?, first_text_at = ?, first_reply_at = ?, booked_at = ?, "
            "handed_off_at = ?, closed_at = ?, updated_at = ?, version = version + 1 WHERE org_id = ? AND id "
            "= ?"),
        std::string(domain::wireName(lead.state)), outcome, nullableSeconds(lead.stamps.firstTextAt),
        nullableSeconds(lead.stamps.firstReplyAt), nullableSeconds(lead.stamps.bookedAt),
        nullableSeconds(lead.stamps.handedOffAt), nullableSeconds(lead.stamps.closedAt), seconds(at),
        lead.orgId, lead.id);
    publish(session, lead.orgId, lead.id, "lead.updated", at);
}

std::optional<protocol::LeadSnapshot>
LeadRecords::snapshot(Poco::Data::Session& session, std::string_view orgId, std::string_view leadId) const
{
    using Row = std::tuple<std::string, std::string, std::string, std::string, Poco::Nullable<std::string>,
                           Poco::Int64, Poco::Nullable<Poco::Int64>, Poco::Nullable<Poco::Int64>,
                           Poco::Nullable<Poco::Int64>, Poco::Nullable<Poco::Int64>,
                           Poco::Nullable<Poco::Int64>, Poco::Int64, Poco::Int64, Poco::Int64, Poco::Int64,
                           Poco::Nullable<std::string>, Poco::Int64>;
    std::vector<Row> rows;
    selectCached(
        session,
        sql("SELECT l.id, l.contact_id, c.phone, l.state, l.outcome, l.missed_at, l.first_text_at, "
            "l.first_reply_at, l.booked_at, l.handed_off_at, l.closed_at, l.last_call_at, l.call_count, "
            "l.automation_paused, l.urgent, l.attention, l.version "
            "FROM leads l JOIN contacts c ON c.org_id = l.org_id AND c.id = l.contact_id "
            "WHERE l.org_id = ? AND l.id = ?"),
        rows, std::string(orgId), std::string(leadId));
    if (rows.empty()) {
        return std::nullopt;
    }
    auto& [id, contactId, phone, stateName, outcome, missedAt, firstTextAt, firstReplyAt, bookedAt,
           handedOffAt, closedAt, lastCallAt, callCount, paused, urgent, attention, version]
        = rows.front();
    return snapshotOf(LeadRow{std::move(id), std::move(contactId), std::move(stateName), std::move(outcome),
                              missedAt, firstTextAt, firstReplyAt, bookedAt, handedOffAt, closedAt,
                              lastCallAt, callCount, paused, urgent, std::move(attention), version},
                      std::move(phone));
}

void LeadRecords::publish(Poco::Data::Session& session, std::string_view orgId, std::string_view leadId,
                          std::string_view kind, domain::Instant at) const
{
    const auto lead = snapshot(session, orgId, leadId);
    if (!lead) {
        throw Poco::Data::DataException("a lead vanished while it was being written");
    }
    publish(session, orgId, *lead, kind, at);
}

void LeadRecords::publish(Poco::Data::Session& session, std::string_view orgId,
                          const protocol::LeadSnapshot& lead, std::string_view kind, domain::Instant at) const
{
    std::string payload = protocol::stringify(*protocol::encodeLeadSnapshot(lead));
    if (m_events != nullptr) {
        m_events->add(orgId, kind, std::move(payload), at);
        return;
    }
    const auto seq = EventLog(m_dialect).append(session, orgId, kind, payload, at);
    if (!seq) {
        throw Poco::Data::DataException(seq.error().message);
    }
}

} // namespace callsnare::relay
