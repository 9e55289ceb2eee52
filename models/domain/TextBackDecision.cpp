#include "domain/TextBackDecision.h"
#include "domain/WireNames.h"

namespace callsnare::domain {

namespace {

constexpr WireNameTable<TextBackAction, 3> actionNames{{
    {TextBackAction::SendNow, "send_now"},
    {TextBackAction::SendAt, "send_at"},
    {TextBackAction::Skip, "skip"},
}};

constexpr WireNameTable<TextBackReason, 10> reasonNames{{
    {TextBackReason::WithinBusinessHours, "within_business_hours"},
    {TextBackReason::AfterHours, "after_hours"},
    {TextBackReason::QuietHoursDeferred, "quiet_hours_deferred"},
    {TextBackReason::QuietHoursSkipped, "quiet_hours_skipped"},
    {TextBackReason::BillingNotInGoodStanding, "billing_not_in_good_standing"},
    {TextBackReason::OptedOut, "opted_out"},
    {TextBackReason::AlreadyTexted, "already_texted"},
    {TextBackReason::AutomationPaused, "automation_paused"},
    {TextBackReason::WithheldCallerId, "withheld_caller_id"},
    {TextBackReason::UnknownTimeZone, "unknown_time_zone"},
}};

constexpr WireNameTable<LeadPlacement, 2> placementNames{{
    {LeadPlacement::NewLead, "new_lead"},
    {LeadPlacement::JoinLead, "join_lead"},
}};

// Why a text did not go out, as the activity log reads it after "not texted: ".
std::string_view skipPhrase(TextBackReason reason)
{
    switch (reason) {
    case TextBackReason::QuietHoursSkipped:
        return "quiet hours at the recipient's clock (policy: skip)";
    case TextBackReason::BillingNotInGoodStanding:
        return "billing not in good standing";
    case TextBackReason::OptedOut:
        return "opted out";
    case TextBackReason::AlreadyTexted:
        return "already texted on this lead";
    case TextBackReason::AutomationPaused:
        return "automation paused on this lead";
    case TextBackReason::WithheldCallerId:
        return "caller id withheld";
    case TextBackReason::UnknownTimeZone:
        return "the organization's time zone is unknown";
    case TextBackReason::WithinBusinessHours:
    case TextBackReason::AfterHours:
    case TextBackReason::QuietHoursDeferred:
        break;
    }
    return wireName(reason);
}

std::string_view templatePhrase(std::string_view templateName)
{
    return templateName == TemplateName::TextBackAfterHours ? "after-hours template"
                                                            : "business-hours template";
}

// Quiet hours protect the homeowner, so they are judged at the homeowner's
// clock; a zone the converter does not know falls back to the org's.
std::string_view recipientZone(const TextBackInput& input, const TimeZoneConverter& zones)
{
    if (input.recipientZone && !input.recipientZone->empty() && zones.knows(*input.recipientZone)) {
        return *input.recipientZone;
    }
    return input.org.timeZone;
}

} // namespace

std::string_view wireName(TextBackAction action)
{
    return nameIn(actionNames, action);
}
std::optional<TextBackAction> parseTextBackAction(std::string_view text)
{
    return valueIn(actionNames, text);
}
std::string_view wireName(TextBackReason reason)
{
    return nameIn(reasonNames, reason);
}
std::optional<TextBackReason> parseTextBackReason(std::string_view text)
{
    return valueIn(reasonNames, text);
}
std::string_view wireName(LeadPlacement placement)
{
    return nameIn(placementNames, placement);
}
std::optional<LeadPlacement> parseLeadPlacement(std::string_view text)
{
    return valueIn(placementNames, text);
}

bool joinsLead(const Lead& lead, Instant callAt, std::chrono::minutes dedupeWindow)
{
    // A negative gap is a call the carrier delivered late: it still belongs here.
    return lead.isOpen() && callAt - lead.lastCallAt <= dedupeWindow;
}

std::string TextBackDecision::explanation() const
{
    std::string text;
    switch (action) {
    case TextBackAction::SendNow:
        text = reason == TextBackReason::AfterHours ? "send now: after hours, "
                                                    : "send now: within business hours, ";
        text += templatePhrase(templateName);
        break;
    case TextBackAction::SendAt:
        text = "deferred to ";
        text += sendAt ? formatInstant(*sendAt) : std::string("?");
        text += ": quiet hours at the recipient's clock, ";
        text += templatePhrase(templateName);
        break;
    case TextBackAction::Skip:
        text = "not texted: ";
        text += skipPhrase(reason);
        break;
    }
    if (placement == LeadPlacement::JoinLead) {
        text += "; joins lead ";
        text += joinLeadId;
    } else {
        text += "; new lead";
    }
    return text;
}

TextBackDecision decideTextBack(const TextBackInput& input, const TimeZoneConverter& zones)
{
    TextBackDecision decision;
    const auto skip = [&decision](TextBackReason reason) {
        decision.action = TextBackAction::Skip;
        decision.reason = reason;
        return decision;
    };

    // 1. No number: nothing to text and nothing to dedupe on. The office
    // still sees a new lead.
    if (!input.caller) {
        return skip(TextBackReason::WithheldCallerId);
    }

    // 2. Placement comes before any skip so every decision says where the call goes.
    const Lead* joined = nullptr;
    if (input.latestLead && joinsLead(*input.latestLead, input.callAt, input.org.dedupeWindow)) {
        joined = input.latestLead;
        decision.placement = LeadPlacement::JoinLead;
        decision.joinLeadId = joined->id;
    }

    // 3. Opt-out belongs to the contact and blocks every text.
    if (input.callerOptOut.optedOut) {
        return skip(TextBackReason::OptedOut);
    }

    // 4-5. One text-back per lead; a lead whose earlier text-back was skipped
    // (no stamp, nothing queued) gets another chance.
    if (joined) {
        if (joined->stamps.firstTextAt || input.latestLeadHasQueuedText) {
            return skip(TextBackReason::AlreadyTexted);
        }
        if (joined->automationPaused) {
            return skip(TextBackReason::AutomationPaused);
        }
    }

    // 6.
    if (!isInGoodStanding(input.org.billing)) {
        return skip(TextBackReason::BillingNotInGoodStanding);
    }

    // Without a known zone neither business hours nor quiet hours can be
    // judged; texting at a guessed hour could break TCPA quiet hours.
    if (!zones.knows(input.org.timeZone)) {
        return skip(TextBackReason::UnknownTimeZone);
    }

    // 7. The template follows the office's clock at the time of the call.
    const bool open = input.org.hours.isOpen(zones.toLocal(input.callAt, input.org.timeZone));
    decision.templateName = open ? TemplateName::TextBack : TemplateName::TextBackAfterHours;
    const TextBackReason hoursReason
        = open ? TextBackReason::WithinBusinessHours : TextBackReason::AfterHours;

    // 8. Quiet hours follow the homeowner's clock.
    const QuietHours& quiet = input.org.quietHours;
    const std::string_view zone = recipientZone(input, zones);
    if (quiet.contains(zones.toLocal(input.callAt, zone))) {
        if (quiet.policy == QuietHoursPolicy::Skip) {
            decision.templateName = {};
            return skip(TextBackReason::QuietHoursSkipped);
        }
        decision.action = TextBackAction::SendAt;
        decision.reason = TextBackReason::QuietHoursDeferred;
        decision.sendAt = quiet.nextAllowed(input.callAt, zone, zones);
        return decision;
    }

    decision.action = TextBackAction::SendNow;
    decision.reason = hoursReason;
    return decision;
}

} // namespace callsnare::domain
