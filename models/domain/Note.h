#pragma once

#include "domain/Time.h"

#include <string>

namespace callsnare::domain {

// Something a dispatcher wrote on a lead for colleagues; never sent.
struct Note {
    std::string id;
    std::string orgId;
    std::string leadId;
    std::string author;
    std::string body;
    Instant createdAt{};
};

} // namespace callsnare::domain
