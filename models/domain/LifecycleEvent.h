#pragma once

#include "domain/Time.h"

#include <string>

namespace callsnare::domain {

// A fact about a lead worth showing in its timeline and proving later:
// a state change, an automation decision and its reason, a take-over.
struct LifecycleEvent {
    std::string id;
    std::string orgId;
    std::string leadId;
    std::string kind; // "state_changed", "text_back_skipped", "automation_paused", ...
    std::string detail; // the human-readable reason or the new state
    Instant occurredAt{};
};

} // namespace callsnare::domain
