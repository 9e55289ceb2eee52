#pragma once

#include "domain/Result.h"
#include "domain/Time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace callsnare::relay {

class RelayDatabase;

struct SupportMessage {
    std::string id;
    std::string direction;
    std::string author;
    std::string body;
    std::string carrierSid;
    std::string status;
    std::optional<std::int64_t> errorCode;
    domain::Instant createdAt{};
};

struct SupportLead {
    std::string id;
    std::string contactPhone;
    bool contactOptedOut = false;
    std::string state;
    std::string outcome;
    domain::Instant missedAt{};
    std::optional<domain::Instant> firstTextAt, firstReplyAt, bookedAt, handedOffAt, closedAt;
    domain::Instant lastCallAt{};
    std::int64_t callCount = 0;
    bool automationPaused = false;
    bool urgent = false;
    std::vector<SupportMessage> messages;
};

// An operator's support view of one organization: its leads, newest first,
// with lifecycle timestamps and every message. Read-only, org-scoped.
class LeadSupportView {
public:
    explicit LeadSupportView(RelayDatabase& database) : m_database(database) { }

    domain::Result<std::vector<SupportLead>> leads(std::string_view orgId, std::size_t limit = 500);

private:
    RelayDatabase& m_database;
};

} // namespace callsnare::relay
