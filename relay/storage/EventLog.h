#pragma once

#include "domain/Result.h"
#include "domain/Time.h"
#include "relay/storage/SqlDialect.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace Poco::Data {
class Session;
}

namespace callsnare::relay {

// An event to append: what it is and when it happened.
struct NewEvent {
    std::string_view kind;
    std::string_view payload; // JSON text
    domain::Instant at{};
};

struct StoredEvent {
    std::int64_t seq = 0;
    std::string kind; // "call.missed", "lead.created", "message.received", ...
    std::string payload; // JSON text
    domain::Instant createdAt{};
};

// The organization's event log that sync serves: every fact, in order, with a
// sequence number that is monotonic and gapless per organization.
//
// append() runs inside the caller's transaction (a GroupCommitWriter unit), so
// the event commits or rolls back with the fact it describes. The number comes
// from the org's row in org_event_counters, bumped with UPDATE ... RETURNING:
// on PostgreSQL the row lock serializes replicas appending to the same org
// until their commit, and other orgs never wait; on SQLite the single writer
// lock does the same. appendAll() numbers several events with one bump.
class EventLog {
public:
    explicit EventLog(SqlDialect dialect) : m_dialect(dialect) { }

    domain::Result<std::int64_t> append(Poco::Data::Session& session, std::string_view orgId,
                                        std::string_view kind, std::string_view payloadJson,
                                        domain::Instant at) const;

    // Appends `events` in order with consecutive numbers, taken with one
    // update of the counter; the number of the first.
    domain::Result<std::int64_t> appendAll(Poco::Data::Session& session, std::string_view orgId,
                                           std::span<const NewEvent> events) const;

    // Up to `limit` events of the org with seq > afterSeq, in order.
    domain::Result<std::vector<StoredEvent>> read(Poco::Data::Session& session, std::string_view orgId,
                                                  std::int64_t afterSeq, std::size_t limit) const;

    // The org's latest seq (0 when it has none).
    domain::Result<std::int64_t> lastSeq(Poco::Data::Session& session, std::string_view orgId) const;

    // Creates the org's counter row; part of creating an organization.
    // Throws Poco::Exception (it runs inside a writer unit).
    void createCounter(Poco::Data::Session& session, std::string_view orgId) const;

private:
    domain::Result<std::int64_t> appendOrThrow(Poco::Data::Session& session, std::string_view orgId,
                                               std::span<const NewEvent> events) const;

    SqlDialect m_dialect;
};

} // namespace callsnare::relay
