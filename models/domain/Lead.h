#pragma once

#include "domain/Result.h"
#include "domain/Time.h"

#include <optional>
#include <string>
#include <string_view>

namespace callsnare::domain {

// missed -> texted -> replied -> booked | office -> closed(outcome)
enum class LeadState { Missed, Texted, Replied, Booked, Office, Closed };
enum class CloseOutcome { Won, Lost, Spam, Duplicate };

std::string_view wireName(LeadState state);
std::optional<LeadState> parseLeadState(std::string_view text);
std::string_view wireName(CloseOutcome outcome);
std::optional<CloseOutcome> parseCloseOutcome(std::string_view text);

// When the lead first reached each state; kept when it moves on.
struct LeadTimestamps {
    Instant missedAt{};
    std::optional<Instant> firstTextAt;
    std::optional<Instant> firstReplyAt;
    std::optional<Instant> bookedAt;
    std::optional<Instant> handedOffAt;
    std::optional<Instant> closedAt;

    friend bool operator==(const LeadTimestamps&, const LeadTimestamps&) = default;
};

// One missed opportunity: a homeowner who called and was not answered, and
// everything that follows until the lead is closed.
struct Lead {
    std::string id;
    std::string orgId;
    std::string contactId;
    LeadState state = LeadState::Missed;
    std::optional<CloseOutcome> outcome; // set when closed
    LeadTimestamps stamps;
    Instant lastCallAt{}; // the latest call that joined this lead
    bool automationPaused = false; // a dispatcher took over, or the homeowner asked us to stop
    bool urgent = false;

    // A lead opened by a missed call at `at`.
    static Lead missed(std::string id, std::string orgId, std::string contactId, Instant at);

    bool isOpen() const { return state != LeadState::Closed; }
};

// The target of a lifecycle move; `outcome` is required for Closed and
// refused for every other state.
struct LeadTransition {
    LeadState to;
    Instant at;
    std::optional<CloseOutcome> outcome;
};

// Whether the lifecycle allows moving from one state to another. Moves only go
// forward along the path; a lead may be booked, handed to the office or closed
// from any open state, and a booked lead may still go to the office.
bool isAllowedTransition(LeadState from, LeadState to);

// The lead after the move, with the state's first timestamp stamped; an
// illegal move (backwards, out of closed, to the same state, before the missed
// call, a close without outcome) is an error and leaves the lead unchanged.
Result<Lead> applyTransition(const Lead& lead, const LeadTransition& transition);

} // namespace callsnare::domain
