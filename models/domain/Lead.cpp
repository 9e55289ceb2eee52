#include "domain/Lead.h"
#include "domain/WireNames.h"

namespace callsnare::domain {

namespace {

constexpr WireNameTable<LeadState, 6> stateNames{{
    {LeadState::Missed, "missed"},
    {LeadState::Texted, "texted"},
    {LeadState::Replied, "replied"},
    {LeadState::Booked, "booked"},
    {LeadState::Office, "office"},
    {LeadState::Closed, "closed"},
}};

constexpr WireNameTable<CloseOutcome, 4> outcomeNames{{
    {CloseOutcome::Won, "won"},
    {CloseOutcome::Lost, "lost"},
    {CloseOutcome::Spam, "spam"},
    {CloseOutcome::Duplicate, "duplicate"},
}};

void stampFirst(std::optional<Instant>& stamp, Instant at)
{
    if (!stamp) {
        stamp = at;
    }
}

} // namespace

std::string_view wireName(LeadState state)
{
    return nameIn(stateNames, state);
}
std::optional<LeadState> parseLeadState(std::string_view text)
{
    return valueIn(stateNames, text);
}
std::string_view wireName(CloseOutcome outcome)
{
    return nameIn(outcomeNames, outcome);
}
std::optional<CloseOutcome> parseCloseOutcome(std::string_view text)
{
    return valueIn(outcomeNames, text);
}

Lead Lead::missed(std::string id, std::string orgId, std::string contactId, Instant at)
{
    Lead lead;
    lead.id = std::move(id);
    lead.orgId = std::move(orgId);
    lead.contactId = std::move(contactId);
    lead.stamps.missedAt = at;
    lead.lastCallAt = at;
    return lead;
}

bool isAllowedTransition(LeadState from, LeadState to)
{
    using enum LeadState;
    switch (from) {
    case Missed:
        return to == Texted || to == Replied || to == Booked || to == Office || to == Closed;
    case Texted:
        return to == Replied || to == Booked || to == Office || to == Closed;
    case Replied:
        return to == Booked || to == Office || to == Closed;
    case Booked:
        return to == Office || to == Closed;
    case Office:
        return to == Booked || to == Closed;
    case Closed:
        return false;
    }
    return false;
}

Result<Lead> applyTransition(const Lead& lead, const LeadTransition& transition)
{
    if (!isAllowedTransition(lead.state, transition.to)) {
        return makeError("illegal_transition",
                         "A lead cannot move from " + std::string(wireName(lead.state)) + " to "
                             + std::string(wireName(transition.to)) + ".");
    }
    if (transition.at < lead.stamps.missedAt) {
        return makeError("illegal_transition", "A lead cannot change state before the call that opened it.");
    }
    const bool closing = transition.to == LeadState::Closed;
    if (closing && !transition.outcome) {
        return makeError("missing_outcome",
                         "Closing a lead needs an outcome (won, lost, spam or duplicate).");
    }
    if (!closing && transition.outcome) {
        return makeError("unexpected_outcome", "Only a closed lead has an outcome.");
    }

    Lead next = lead;
    next.state = transition.to;
    switch (transition.to) {
    case LeadState::Missed:
        break;
    case LeadState::Texted:
        stampFirst(next.stamps.firstTextAt, transition.at);
        break;
    case LeadState::Replied:
        stampFirst(next.stamps.firstReplyAt, transition.at);
        break;
    case LeadState::Booked:
        stampFirst(next.stamps.bookedAt, transition.at);
        break;
    case LeadState::Office:
        stampFirst(next.stamps.handedOffAt, transition.at);
        break;
    case LeadState::Closed:
        next.stamps.closedAt = transition.at;
        next.outcome = transition.outcome;
        break;
    }
    return next;
}

} // namespace callsnare::domain
