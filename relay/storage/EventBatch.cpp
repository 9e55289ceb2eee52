#include "relay/storage/EventBatch.h"

#include "relay/storage/EventLog.h"

#include <Poco/Data/DataException.h>

namespace callsnare::relay {

void EventBatch::add(std::string_view orgId, std::string_view kind, std::string payloadJson,
                     domain::Instant at)
{
    m_events.push_back(Held{std::string(orgId), std::string(kind), std::move(payloadJson), at});
}

domain::Result<void> EventBatch::flush(Poco::Data::Session& session)
{
    const EventLog log(m_dialect);
    std::vector<NewEvent> run;
    // A unit's events almost always belong to one organization; each run of
    // one organization's events takes one bump of its counter.
    for (std::size_t first = 0; first < m_events.size();) {
        std::size_t end = first;
        run.clear();
        while (end < m_events.size() && m_events[end].orgId == m_events[first].orgId) {
            run.push_back(NewEvent{m_events[end].kind, m_events[end].payload, m_events[end].at});
            ++end;
        }
        const auto appended = log.appendAll(session, m_events[first].orgId, run);
        if (!appended) {
            m_events.clear();
            return appended.error();
        }
        first = end;
    }
    m_events.clear();
    return {};
}

void EventBatch::flushOrThrow(Poco::Data::Session& session)
{
    if (auto flushed = flush(session); !flushed) {
        throw Poco::Data::DataException(flushed.error().message);
    }
}

} // namespace callsnare::relay
