#include "relay/automation/OutboundQueue.h"

#include "domain/AreaCodeZones.h"
#include "relay/automation/OrgAutomation.h"
#include "relay/ingest/EventPayload.h"
#include "relay/ingest/LeadRecords.h"
#include "relay/storage/EventLog.h"
#include "relay/storage/StatementCache.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <map>
#include <tuple>

using namespace Poco::Data::Keywords;

namespace callsnare::relay {

namespace {

domain::Instant instantOfMillis(std::int64_t ms)
{
    return domain::Instant{std::chrono::seconds{ms / 1000}};
}

std::int64_t millisOf(domain::Instant at)
{
    return static_cast<std::int64_t>(at.time_since_epoch().count()) * 1000;
}

void appendEvent(Poco::Data::Session& session, SqlDialect dialect, const std::string& orgId,
                 std::string_view kind, const EventPayload& payload, std::int64_t nowMs)
{
    auto seq = EventLog(dialect).append(session, orgId, kind, payload.toJson(), instantOfMillis(nowMs));
    if (!seq) {
        throw Poco::Data::DataException(seq.error().message);
    }
}

std::optional<std::string> nonEmpty(const std::string& text)
{
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

// The row columns every claim reads, in this order.
constexpr std::string_view JobColumns = "org_id, message_id, purpose, to_number, COALESCE(contact_id, ''), "
                                        "COALESCE(lead_id, ''), attempts, queued_ms, attempt_started_ms, "
                                        "unknown_outcome, state";

struct JobRow {
    OutboundJob job;
    std::string state;
    bool attemptMade = false;
};

std::vector<JobRow> readJobs(Poco::Data::RecordSet& rows)
{
    std::vector<JobRow> jobs;
    for (std::size_t row = 0; row < rows.rowCount(); ++row) {
        JobRow entry;
        OutboundJob& job = entry.job;
        job.orgId = rows.value(0, row).convert<std::string>();
        job.messageId = rows.value(1, row).convert<std::string>();
        job.purpose = domain::parseSendPurpose(rows.value(2, row).convert<std::string>())
                          .value_or(domain::SendPurpose::TextBack);
        job.to = rows.value(3, row).convert<std::string>();
        job.contactId = rows.value(4, row).convert<std::string>();
        job.leadId = rows.value(5, row).convert<std::string>();
        job.attempts = rows.value(6, row).convert<int>();
        job.queuedMs = rows.value(7, row).convert<Poco::Int64>();
        entry.attemptMade = !rows.isNull(8, row);
        job.attemptStartedMs = entry.attemptMade ? rows.value(8, row).convert<Poco::Int64>() : 0;
        job.reconcileFirst = rows.value(9, row).convert<int>() != 0;
        entry.state = rows.value(10, row).convert<std::string>();
        jobs.push_back(std::move(entry));
    }
    return jobs;
}

} // namespace

std::int64_t nowMillis()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

domain::SendVerdict OutboundQueue::judge(Poco::Data::Session& session, const OrgAutomation& settings,
                                         domain::SendPurpose purpose, const std::string& to,
                                         const std::string& contactId, const std::string& leadId,
                                         domain::Instant at) const
{
    domain::SendCheck check;
    check.purpose = purpose;
    check.billing = settings.org.billing;
    check.quietHours = settings.org.quietHours;
    check.now = at;

    std::string org = settings.org.id;
    std::string contactZone;
    if (!contactId.empty()) {
        std::vector<std::tuple<Poco::Int64, std::string>> rows;
        selectCached(
            session,
            sql("SELECT opted_out, COALESCE(time_zone, '') FROM contacts WHERE org_id = ? AND id = ?"), rows,
            org, contactId);
        if (rows.size() == 1) {
            check.recipientOptOut.optedOut = std::get<0>(rows.front()) != 0;
            contactZone = std::get<1>(rows.front());
        }
    }
    if (!leadId.empty()) {
        if (const auto lead = LeadRecords(m_dialect).findLead(session, org, leadId)) {
            check.leadAutomationPaused = lead->automationPaused;
        }
    }
    // Quiet hours protect the recipient: their own zone when set, else the
    // one their area code suggests, else the org's.
    std::optional<std::string_view> homeZone;
    if (const auto phone = domain::PhoneNumber::parse(to)) {
        homeZone = domain::homeZoneOf(phone.value());
    }
    if (!contactZone.empty() && m_zones.knows(contactZone)) {
        check.recipientZone = contactZone;
    } else if (homeZone && m_zones.knows(*homeZone)) {
        check.recipientZone = std::string(*homeZone);
    } else {
        check.recipientZone = settings.org.timeZone;
    }
    return domain::judgeSend(check, m_zones);
}

EnqueueResult OutboundQueue::enqueue(Poco::Data::Session& session, const OrgAutomation& settings,
                                     const OutboundText& text, std::int64_t receivedMs,
                                     domain::Instant decidedAt, const std::string& givenId) const
{
    EnqueueResult result;
    const std::int64_t nowMs = std::max(nowMillis(), millisOf(decidedAt));
    result.verdict
        = judge(session, settings, text.purpose, text.to.e164(), text.contactId, text.leadId, decidedAt);

    std::string org = text.orgId;
    std::string messageId = givenId.empty() ? LeadRecords::newId() : givenId;
    std::string decisionKey = text.decisionKey;
    std::string purpose(domain::wireName(text.purpose));
    std::string to = text.to.e164();
    Poco::Nullable<std::string> contact = text.contactId.empty()
        ? Poco::Nullable<std::string>()
        : Poco::Nullable<std::string>(text.contactId);
    Poco::Nullable<std::string> lead
        = text.leadId.empty() ? Poco::Nullable<std::string>() : Poco::Nullable<std::string>(text.leadId);
    std::string state;
    Poco::Int64 dueMs = nowMs;
    Poco::Nullable<Poco::Int64> leaseUntil;
    Poco::Nullable<Poco::Int64> attemptStarted;
    int attempts = 0;
    Poco::Nullable<std::string> lastError;
    switch (result.verdict.kind) {
    case domain::SendVerdictKind::Send:
        state = "sending";
        leaseUntil = nowMs + SendLease.count();
        attemptStarted = nowMs;
        attempts = 1;
        break;
    case domain::SendVerdictKind::Defer:
        state = "pending";
        dueMs = millisOf(*result.verdict.deferUntil);
        break;
    case domain::SendVerdictKind::Refuse:
        state = "refused";
        lastError = result.verdict.explanation();
        break;
    }
    const Poco::Int64 queuedMs = receivedMs > 0 ? receivedMs : nowMs;
    const Poco::Int64 updatedMs = nowMs;
    if (executeCached(
            session,
            sql("INSERT INTO outbound_jobs (org_id, message_id, decision_key, purpose, to_number, "
                "contact_id, "
                "lead_id, state, attempts, due_ms, lease_until_ms, attempt_started_ms, queued_ms, "
                "last_error, "
                "updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
            org, messageId, decisionKey, purpose, to, contact, lead, state, attempts, dueMs, leaseUntil,
            attemptStarted, queuedMs, lastError, updatedMs)
        == 0) {
        result.duplicate = true;
        return result;
    }
    result.messageId = messageId;

    const bool refused = result.verdict.kind == domain::SendVerdictKind::Refuse;
    const std::string author = text.purpose == domain::SendPurpose::Dispatcher ? "dispatcher" : "automation";
    const std::string status(
        domain::wireName(refused ? domain::DeliveryStatus::Refused : domain::DeliveryStatus::Queued));
    const Poco::Int64 createdAt = decidedAt.time_since_epoch().count();
    executeCached(
        session,
        sql("INSERT INTO messages (id, org_id, lead_id, direction, author, body, status, created_at, "
            "updated_at) VALUES (?, ?, ?, 'outbound', ?, ?, ?, ?, ?)"),
        messageId, org, lead, author, text.body, status, createdAt, createdAt);

    EventPayload queued;
    queued.set("message_id", messageId).setOptional("lead_id", nonEmpty(text.leadId));
    queued.setOptional("contact_id", nonEmpty(text.contactId)).set("to", to).set("body", text.body);
    queued.set("purpose", purpose).set("author", author).set("status", status);
    queued.set("verdict", domain::wireName(result.verdict.kind))
        .set("explanation", result.verdict.explanation());
    if (result.verdict.deferUntil) {
        queued.setInstant("send_at", *result.verdict.deferUntil);
    }
    appendEvent(session, m_dialect, org, "message.queued", queued, nowMs);

    if (result.verdict.sends()) {
        OutboundJob job;
        job.orgId = org;
        job.messageId = messageId;
        job.purpose = text.purpose;
        job.to = to;
        job.contactId = text.contactId;
        job.leadId = text.leadId;
        job.body = text.body;
        job.attempts = 1;
        job.queuedMs = queuedMs;
        job.attemptStartedMs = nowMs;
        result.sendNow = std::move(job);
    }
    return result;
}

std::vector<OutboundJob> OutboundQueue::claimDue(Poco::Data::Session& session, std::int64_t nowMs,
                                                 std::size_t limit, bool takeOverAllClaims) const
{
    // Replicas on PostgreSQL skip each other's rows instead of waiting.
    const std::string lock = m_dialect == SqlDialect::PostgreSql ? " FOR UPDATE SKIP LOCKED" : "";
    Poco::Int64 dueLimit = nowMs;
    Poco::Int64 leaseLimit = takeOverAllClaims ? std::numeric_limits<Poco::Int64>::max() : nowMs;
    int cap = static_cast<int>(limit);
    std::vector<JobRow> rows;
    for (const bool expiredClaims : {true, false}) {
        Poco::Data::Statement select(session);
        if (expiredClaims) {
            select << sql("SELECT " + std::string(JobColumns)
                          + " FROM outbound_jobs WHERE state = 'sending' AND lease_until_ms <= ? ORDER BY "
                            "due_ms LIMIT ?"
                          + lock),
                use(leaseLimit), use(cap);
        } else {
            select << sql(
                "SELECT " + std::string(JobColumns)
                + " FROM outbound_jobs WHERE state = 'pending' AND due_ms <= ? ORDER BY due_ms LIMIT ?"
                + lock),
                use(dueLimit), use(cap);
        }
        select.execute();
        Poco::Data::RecordSet found(select);
        for (auto& row : readJobs(found)) {
            rows.push_back(std::move(row));
        }
    }

    std::vector<OutboundJob> claimed;
    std::map<std::string, std::optional<OrgAutomation>> settingsByOrg;
    const OrgAutomationRecords records(m_dialect);
    for (JobRow& row : rows) {
        if (claimed.size() >= limit) {
            break;
        }
        OutboundJob& job = row.job;
        std::string org = job.orgId;
        std::string id = job.messageId;
        std::vector<std::string> bodies;
        session << sql("SELECT body FROM messages WHERE org_id = ? AND id = ?"), use(org), use(id),
            into(bodies), now;
        job.body = bodies.empty() ? std::string() : bodies.front();
        // A claim that expired while sending may have reached the carrier.
        if (row.state == "sending" && row.attemptMade) {
            job.reconcileFirst = true;
        }
        Poco::Int64 leaseUntil = nowMs + SendLease.count();
        Poco::Int64 updated = nowMs;
        if (job.reconcileFirst) {
            session << sql("UPDATE outbound_jobs SET state = 'sending', lease_until_ms = ?, updated_ms = ? "
                           "WHERE org_id = ? AND message_id = ?"),
                use(leaseUntil), use(updated), use(org), use(id), now;
            claimed.push_back(std::move(job));
            continue;
        }
        auto settings = settingsByOrg.find(org);
        if (settings == settingsByOrg.end()) {
            settings = settingsByOrg.emplace(org, records.load(session, org)).first;
        }
        if (!settings->second) {
            continue;
        }
        const domain::SendVerdict verdict = judge(session, *settings->second, job.purpose, job.to,
                                                  job.contactId, job.leadId, instantOfMillis(nowMs));
        if (!verdict.sends()) {
            settleHeld(session, job, verdict, nowMs);
            continue;
        }
        job.attempts += 1;
        job.attemptStartedMs = nowMs;
        int attempts = job.attempts;
        Poco::Int64 started = nowMs;
        session << sql("UPDATE outbound_jobs SET state = 'sending', attempts = ?, lease_until_ms = ?, "
                       "attempt_started_ms = ?, unknown_outcome = 0, updated_ms = ? WHERE org_id = ? AND "
                       "message_id = ?"),
            use(attempts), use(leaseUntil), use(started), use(updated), use(org), use(id), now;
        claimed.push_back(std::move(job));
    }
    return claimed;
}

std::optional<OutboundJob> OutboundQueue::beginAttempt(Poco::Data::Session& session, const OutboundJob& job,
                                                       std::int64_t nowMs) const
{
    const auto settings = OrgAutomationRecords(m_dialect).loadShared(session, job.orgId);
    if (!settings) {
        return std::nullopt;
    }
    const domain::SendVerdict verdict
        = judge(session, *settings, job.purpose, job.to, job.contactId, job.leadId, instantOfMillis(nowMs));
    if (!verdict.sends()) {
        settleHeld(session, job, verdict, nowMs);
        return std::nullopt;
    }
    OutboundJob next = job;
    next.attempts += 1;
    next.attemptStartedMs = nowMs;
    next.reconcileFirst = false;
    std::string org = job.orgId;
    std::string id = job.messageId;
    int attempts = next.attempts;
    Poco::Int64 leaseUntil = nowMs + SendLease.count();
    Poco::Int64 started = nowMs;
    Poco::Int64 updated = nowMs;
    session << sql(
        "UPDATE outbound_jobs SET state = 'sending', attempts = ?, lease_until_ms = ?, "
        "attempt_started_ms = ?, unknown_outcome = 0, updated_ms = ? WHERE org_id = ? AND message_id = ?"),
        use(attempts), use(leaseUntil), use(started), use(updated), use(org), use(id), now;
    return next;
}

void OutboundQueue::settleHeld(Poco::Data::Session& session, const OutboundJob& job,
                               const domain::SendVerdict& verdict, std::int64_t nowMs) const
{
    std::string org = job.orgId;
    std::string id = job.messageId;
    Poco::Int64 updated = nowMs;
    EventPayload held;
    held.set("message_id", id).setOptional("lead_id", nonEmpty(job.leadId));
    held.set("purpose", domain::wireName(job.purpose)).set("verdict", domain::wireName(verdict.kind));
    held.set("explanation", verdict.explanation());
    if (verdict.kind == domain::SendVerdictKind::Defer) {
        Poco::Int64 due = millisOf(*verdict.deferUntil);
        session << sql("UPDATE outbound_jobs SET state = 'pending', due_ms = ?, lease_until_ms = NULL, "
                       "updated_ms = ? WHERE org_id = ? AND message_id = ?"),
            use(due), use(updated), use(org), use(id), now;
        held.setInstant("send_at", *verdict.deferUntil);
        appendEvent(session, m_dialect, org, "message.deferred", held, nowMs);
        return;
    }
    std::string reason = verdict.explanation();
    session << sql("UPDATE outbound_jobs SET state = 'refused', lease_until_ms = NULL, last_error = ?, "
                   "updated_ms = ? WHERE org_id = ? AND message_id = ?"),
        use(reason), use(updated), use(org), use(id), now;
    setMessageStatus(session, org, id, domain::DeliveryStatus::Refused, std::nullopt, nowMs);
    appendEvent(session, m_dialect, org, "message.refused", held, nowMs);
}

void OutboundQueue::recordAccepted(Poco::Data::Session& session, const OutboundJob& job,
                                   const std::string& carrierSid, std::int64_t nowMs) const
{
    const std::string& org = job.orgId;
    const std::string& id = job.messageId;
    const std::string& sid = carrierSid;
    const Poco::Int64 updated = nowMs;
    executeCached(session,
                  sql("UPDATE outbound_jobs SET state = 'sent', lease_until_ms = NULL, unknown_outcome = 0, "
                      "last_error = NULL, updated_ms = ? WHERE org_id = ? AND message_id = ?"),
                  updated, org, id);
    executeCached(session, sql("UPDATE messages SET carrier_sid = ? WHERE org_id = ? AND id = ?"), sid, org,
                  id);

    // Status callbacks can beat this write: apply the furthest one already stored.
    domain::DeliveryStatus status = domain::DeliveryStatus::Sending;
    std::optional<int> errorCode;
    std::vector<std::tuple<std::string, Poco::Nullable<Poco::Int64>>> rows;
    selectCached(session,
                 sql("SELECT status, error_code FROM delivery_updates WHERE org_id = ? AND message_sid = ?"),
                 rows, org, sid);
    for (const auto& [reportedName, reportedCode] : rows) {
        const auto reported = domain::parseDeliveryStatus(reportedName);
        if (reported && domain::isDeliveryProgress(status, *reported)) {
            status = *reported;
            errorCode = reportedCode.isNull() ? std::nullopt
                                              : std::optional<int>(static_cast<int>(reportedCode.value()));
        }
    }
    setMessageStatus(session, org, id, status, errorCode, nowMs);

    const LeadRecords leads(m_dialect);
    const domain::Instant at = instantOfMillis(nowMs);
    // Only the text-back marks the lead texted; a STOP/START/HELP reply on it does not.
    // A lead that moved on before its text-back went out (the homeowner
    // wrote first) keeps its state but is stamped all the same: the stamp is
    // what stops a later call joining the lead from texting it back again.
    if (job.purpose == domain::SendPurpose::TextBack && !job.leadId.empty()) {
        if (auto lead = leads.findLead(session, org, job.leadId); lead && !lead->stamps.firstTextAt) {
            if (lead->state == domain::LeadState::Missed) {
                if (auto texted
                    = domain::applyTransition(*lead, {domain::LeadState::Texted, at, std::nullopt})) {
                    leads.saveLifecycle(session, texted.value(), at);
                }
            } else {
                domain::Lead stamped = *lead;
                stamped.stamps.firstTextAt = at;
                leads.saveLifecycle(session, stamped, at);
            }
        }
    }
    EventPayload sent;
    sent.set("message_id", id).setOptional("lead_id", nonEmpty(job.leadId)).set("carrier_sid", sid);
    sent.set("purpose", domain::wireName(job.purpose)).set("attempts", job.attempts);
    sent.set("status", domain::wireName(status));
    appendEvent(session, m_dialect, org, "message.sent", sent, nowMs);
}

bool OutboundQueue::adoptCarrierSid(Poco::Data::Session& session, const OutboundJob& job,
                                    const std::vector<std::string>& candidates, std::int64_t nowMs) const
{
    std::string org = job.orgId;
    for (const std::string& candidate : candidates) {
        std::string sid = candidate;
        Poco::Int64 taken = 0;
        session << sql("SELECT COUNT(*) FROM messages WHERE org_id = ? AND carrier_sid = ?"), use(org),
            use(sid), into(taken), now;
        if (taken == 0) {
            recordAccepted(session, job, candidate, nowMs);
            return true;
        }
    }
    return false;
}

void OutboundQueue::recordRetry(Poco::Data::Session& session, const OutboundJob& job, std::int64_t dueMs,
                                const std::string& error, bool outcomeUnknown, std::int64_t nowMs) const
{
    executeCached(
        session,
        sql("UPDATE outbound_jobs SET state = 'pending', due_ms = ?, lease_until_ms = NULL, last_error = ?, "
            "unknown_outcome = ?, updated_ms = ? WHERE org_id = ? AND message_id = ?"),
        static_cast<Poco::Int64>(dueMs), error, outcomeUnknown ? 1 : 0, static_cast<Poco::Int64>(nowMs),
        job.orgId, job.messageId);
}

void OutboundQueue::recordFailed(Poco::Data::Session& session, const OutboundJob& job,
                                 std::optional<int> errorCode, const std::string& reason,
                                 bool recipientOptedOut, std::int64_t nowMs) const
{
    std::string org = job.orgId;
    std::string id = job.messageId;
    std::string why = reason;
    Poco::Int64 updated = nowMs;
    session << sql("UPDATE outbound_jobs SET state = 'failed', lease_until_ms = NULL, last_error = ?, "
                   "updated_ms = ? WHERE org_id = ? AND message_id = ?"),
        use(why), use(updated), use(org), use(id), now;
    setMessageStatus(session, org, id, domain::DeliveryStatus::Failed, errorCode, nowMs);
    EventPayload failed;
    failed.set("message_id", id).setOptional("lead_id", nonEmpty(job.leadId));
    failed.set("purpose", domain::wireName(job.purpose))
        .setOptional("error_code", errorCode)
        .set("reason", reason);
    appendEvent(session, m_dialect, org, "message.failed", failed, nowMs);

    if (recipientOptedOut && !job.contactId.empty()) {
        const LeadRecords leads(m_dialect);
        if (!leads.optOut(session, org, job.contactId).optedOut) {
            leads.setOptOut(session, org, job.contactId, true, instantOfMillis(nowMs), "carrier_error");
            EventPayload change;
            change.set("contact_id", job.contactId).set("phone", job.to).set("opted_out", true);
            change.set("source", "carrier_error").setOptional("error_code", errorCode);
            change.setInstant("changed_at", instantOfMillis(nowMs));
            appendEvent(session, m_dialect, org, "contact.opted_out", change, nowMs);
        }
    }
}

std::optional<std::int64_t> OutboundQueue::nextDueMs(Poco::Data::Session& session) const
{
    Poco::Data::Statement select(session);
    select << sql("SELECT MIN(due_ms) FROM outbound_jobs WHERE state = 'pending'");
    select.execute();
    Poco::Data::RecordSet rows(select);
    if (rows.rowCount() == 0 || rows.isNull(0, 0)) {
        return std::nullopt;
    }
    return rows.value(0, 0).convert<Poco::Int64>();
}

void OutboundQueue::setMessageStatus(Poco::Data::Session& session, const std::string& orgId,
                                     const std::string& messageId, domain::DeliveryStatus status,
                                     std::optional<int> errorCode, std::int64_t nowMs) const
{
    const Poco::Nullable<int> code = errorCode ? Poco::Nullable<int>(*errorCode) : Poco::Nullable<int>();
    executeCached(session,
                  sql("UPDATE messages SET status = ?, error_code = COALESCE(?, error_code), updated_at = ? "
                      "WHERE org_id = ? AND id = ?"),
                  std::string(domain::wireName(status)), code, static_cast<Poco::Int64>(nowMs / 1000), orgId,
                  messageId);
}

} // namespace callsnare::relay
