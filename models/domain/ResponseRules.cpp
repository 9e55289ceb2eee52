#include "domain/ResponseRules.h"

#include "domain/WireNames.h"

namespace callsnare::domain {

namespace {

constexpr WireNameTable<HandOffReason, 3> handOffNames{{
    {HandOffReason::IntakeComplete, "intake_complete"},
    {HandOffReason::AskedForCall, "asked_for_call"},
    {HandOffReason::NoRule, "no_rule"},
}};

bool isAutomationsLead(const Lead& lead)
{
    return lead.state == LeadState::Missed || lead.state == LeadState::Texted
        || lead.state == LeadState::Replied;
}

} // namespace

std::string_view wireName(HandOffReason reason)
{
    return nameIn(handOffNames, reason);
}

std::optional<HandOffReason> parseHandOffReason(std::string_view text)
{
    return valueIn(handOffNames, text);
}

ReplyPlan planReply(std::span<const IntakeQuestion> questions, std::size_t askedSoFar, const Lead& lead,
                    const ReplyCues& cues)
{
    ReplyPlan plan;
    if (lead.automationPaused || !isAutomationsLead(lead) || cues.softOptOut) {
        return plan;
    }
    if (askedSoFar > 0 && askedSoFar <= questions.size()) {
        plan.answerKey = questions[askedSoFar - 1].key;
    }
    if (cues.asksForCall) {
        plan.handOff = HandOffReason::AskedForCall;
    } else if (questions.empty()) {
        plan.handOff = HandOffReason::NoRule;
    } else if (askedSoFar >= questions.size()) {
        plan.handOff = HandOffReason::IntakeComplete;
    } else {
        plan.askIndex = askedSoFar;
    }
    return plan;
}

} // namespace callsnare::domain
