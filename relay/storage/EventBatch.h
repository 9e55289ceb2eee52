#pragma once

#include "domain/Result.h"
#include "domain/Time.h"
#include "relay/storage/SqlDialect.h"

#include <string>
#include <string_view>
#include <vector>

namespace Poco::Data {
class Session;
}

namespace callsnare::relay {

// The events one writer unit appends, held until flush() numbers them all
// with one bump of the org's counter (EventLog::appendAll) instead of one
// per event: a missed call's lead snapshot, call and text-back decision cost
// one counter update, not three. The numbers follow the order of add(), so
// the log reads as if each event had been appended when it was added; code
// that appends directly in between must flush() first.
class EventBatch {
public:
    explicit EventBatch(SqlDialect dialect) : m_dialect(dialect) { }

    void add(std::string_view orgId, std::string_view kind, std::string payloadJson, domain::Instant at);

    // Appends every held event, in order, and forgets them. Errors as
    // EventLog::append (an unknown organization, a storage failure).
    domain::Result<void> flush(Poco::Data::Session& session);
    // The same, throwing Poco::Data::DataException (inside automation code).
    void flushOrThrow(Poco::Data::Session& session);

    bool empty() const { return m_events.empty(); }

private:
    struct Held {
        std::string orgId;
        std::string kind;
        std::string payload;
        domain::Instant at;
    };

    SqlDialect m_dialect;
    std::vector<Held> m_events;
};

} // namespace callsnare::relay
