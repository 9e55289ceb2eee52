#pragma once

#include "domain/AutomationTexts.h"
#include "domain/Lead.h"
#include "domain/ReplyCues.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace callsnare::domain {

// Why a lead went to the office.
enum class HandOffReason {
    IntakeComplete, // every intake question answered
    AskedForCall, // the homeowner wants a person
    NoRule, // the org has no intake questions to ask
};

std::string_view wireName(HandOffReason reason);
std::optional<HandOffReason> parseHandOffReason(std::string_view text);

// What automation does with one conversational reply on a lead.
struct ReplyPlan {
    // Store the reply as the answer to this question (the one last asked).
    std::optional<std::string> answerKey;
    // Ask this question next (index into the org's questions).
    std::optional<std::size_t> askIndex;
    // Move the lead to the office, with why.
    std::optional<HandOffReason> handOff;

    bool doesNothing() const { return !answerKey && !askIndex && !handOff; }
};

// The response rules for a reply, given how many of the org's intake
// questions were already asked on the lead. Nothing happens when automation
// is paused on the lead (taken over, or a soft opt-out) or the lead is no
// longer the automation's (booked, with the office, closed). Otherwise the
// reply answers the question last asked; then a request for a call hands the
// lead to the office, as do no questions at all and the last answer; else
// the next question is asked.
ReplyPlan planReply(std::span<const IntakeQuestion> questions, std::size_t askedSoFar, const Lead& lead,
                    const ReplyCues& cues);

} // namespace callsnare::domain
