#include "relay/storage/EventLog.h"

#include "relay/storage/StatementCache.h"

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

using namespace Poco::Data::Keywords;

namespace callsnare::relay {

namespace {

domain::Error readError(const Poco::Exception& e)
{
    return domain::makeError("storage_error", "Could not read the event log: " + e.displayText());
}

} // namespace

void EventLog::createCounter(Poco::Data::Session& session, std::string_view orgId) const
{
    std::string org(orgId);
    session << portableSql(
        m_dialect, "INSERT INTO org_event_counters (org_id, last_seq) VALUES (?, 0) ON CONFLICT DO NOTHING"),
        use(org), now;
}

domain::Result<std::int64_t> EventLog::append(Poco::Data::Session& session, std::string_view orgId,
                                              std::string_view kind, std::string_view payloadJson,
                                              domain::Instant at) const
{
    const NewEvent event{kind, payloadJson, at};
    return appendAll(session, orgId, std::span<const NewEvent>(&event, 1));
}

domain::Result<std::int64_t> EventLog::appendAll(Poco::Data::Session& session, std::string_view orgId,
                                                 std::span<const NewEvent> events) const
{
    try {
        return appendOrThrow(session, orgId, events);
    } catch (const Poco::Exception& e) {
        return domain::makeError("storage_error", "Could not append to the event log: " + e.displayText());
    }
}

domain::Result<std::int64_t> EventLog::appendOrThrow(Poco::Data::Session& session, std::string_view orgId,
                                                     std::span<const NewEvent> events) const
{
    // Runs for every fact the relay stores: kept prepared on the writer's session.
    const std::string org(orgId);
    const auto count = static_cast<Poco::Int64>(events.size());
    std::vector<Poco::Int64> seqs;
    const std::string bump = portableSql(
        m_dialect,
        "UPDATE org_event_counters SET last_seq = last_seq + ? WHERE org_id = ? RETURNING last_seq");
    selectCached(session, bump, seqs, count, org);
    if (seqs.empty()) {
        // An org from before counters existed, or created by hand: start it.
        createCounter(session, orgId);
        selectCached(session, bump, seqs, count, org);
    }
    if (seqs.size() != 1) {
        return domain::makeError("unknown_organization", "No such organization: " + org + ".");
    }
    // The counter now names the last of them.
    const Poco::Int64 first = seqs.front() - count + 1;
    const std::string insert = portableSql(
        m_dialect, "INSERT INTO events (org_id, seq, kind, payload, created_at) VALUES (?, ?, ?, ?, ?)");
    Poco::Int64 seq = first;
    for (const NewEvent& event : events) {
        const Poco::Int64 createdAt = event.at.time_since_epoch().count();
        executeCached(session, insert, org, seq, std::string(event.kind), std::string(event.payload),
                      createdAt);
        ++seq;
    }
    return static_cast<std::int64_t>(first);
}

domain::Result<std::vector<StoredEvent>> EventLog::read(Poco::Data::Session& session, std::string_view orgId,
                                                        std::int64_t afterSeq, std::size_t limit) const
{
    std::string org(orgId);
    Poco::Int64 after = afterSeq;
    Poco::Int64 count = static_cast<Poco::Int64>(limit);
    std::vector<Poco::Int64> seqs;
    std::vector<std::string> kinds;
    std::vector<std::string> payloads;
    std::vector<Poco::Int64> createdAts;
    try {
        session << portableSql(m_dialect,
                               "SELECT seq, kind, payload, created_at FROM events "
                               "WHERE org_id = ? AND seq > ? ORDER BY seq LIMIT ?"),
            use(org), use(after), use(count), into(seqs), into(kinds), into(payloads), into(createdAts), now;
    } catch (const Poco::Exception& e) {
        return readError(e);
    }
    std::vector<StoredEvent> events;
    events.reserve(seqs.size());
    for (std::size_t i = 0; i < seqs.size(); ++i) {
        events.push_back(StoredEvent{seqs[i], std::move(kinds[i]), std::move(payloads[i]),
                                     domain::Instant{std::chrono::seconds{createdAts[i]}}});
    }
    return events;
}

domain::Result<std::int64_t> EventLog::lastSeq(Poco::Data::Session& session, std::string_view orgId) const
{
    std::string org(orgId);
    Poco::Int64 seq = 0;
    try {
        session << portableSql(m_dialect, "SELECT COALESCE(MAX(seq), 0) FROM events WHERE org_id = ?"),
            use(org), into(seq), now;
    } catch (const Poco::Exception& e) {
        return readError(e);
    }
    return static_cast<std::int64_t>(seq);
}

} // namespace callsnare::relay
