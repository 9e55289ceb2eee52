#pragma once

#include "domain/Contact.h"
#include "domain/Lead.h"
#include "domain/Organization.h"
#include "domain/PhoneNumber.h"
#include "domain/Time.h"

#include <optional>
#include <string>
#include <string_view>

namespace callsnare::domain {

// What automation does about a missed call.
enum class TextBackAction {
    SendNow,
    SendAt, // deferred; the decision carries the instant
    Skip,
};

// Why. Every decision carries exactly one, so the office can see why a
// homeowner was (not) texted.
enum class TextBackReason {
    WithinBusinessHours, // sent now with the business-hours template
    AfterHours, // sent now with the after-hours template
    QuietHoursDeferred, // inside the recipient's quiet hours; sent when they end
    QuietHoursSkipped, // inside quiet hours and the org's policy is to skip
    BillingNotInGoodStanding, // past due or canceled
    OptedOut, // the homeowner texted STOP (or equivalent)
    AlreadyTexted, // the joined lead was texted, or a text is queued on it
    AutomationPaused, // a dispatcher took over the joined lead
    WithheldCallerId, // nothing to text and nothing to dedupe on
    UnknownTimeZone, // the org's zone is unknown: hours cannot be judged
};

// Whether the call opens a lead or joins the caller's latest one.
enum class LeadPlacement { NewLead, JoinLead };

std::string_view wireName(TextBackAction action);
std::optional<TextBackAction> parseTextBackAction(std::string_view text);
std::string_view wireName(TextBackReason reason);
std::optional<TextBackReason> parseTextBackReason(std::string_view text);
std::string_view wireName(LeadPlacement placement);
std::optional<LeadPlacement> parseLeadPlacement(std::string_view text);

// Everything the decision depends on; the caller looks it up, the rule only reads it.
struct TextBackInput {
    const Organization& org;
    std::optional<PhoneNumber> caller; // nullopt: the caller withheld their number
    OptOutState callerOptOut;
    // The homeowner's IANA zone when known (Contact::timeZoneOverride, area
    // code); quiet hours fall back to the org's zone otherwise.
    std::optional<std::string> recipientZone;
    const Lead* latestLead = nullptr; // this caller's most recent lead in this org
    bool latestLeadHasQueuedText = false; // a deferred text-back is waiting on it
    Instant callAt{};
};

struct TextBackDecision {
    TextBackAction action = TextBackAction::Skip;
    TextBackReason reason = TextBackReason::WithheldCallerId;
    std::optional<Instant> sendAt; // set for SendAt only
    // TemplateName::TextBack or TextBackAfterHours; empty on Skip.
    std::string_view templateName;
    LeadPlacement placement = LeadPlacement::NewLead;
    std::string joinLeadId; // set for JoinLead only

    bool sends() const { return action != TextBackAction::Skip; }
    // One line for the activity log: "not texted: opted out",
    // "deferred to 2026-03-09T13:00:00Z: quiet hours, after-hours template".
    std::string explanation() const;
};

// The rules, in order: withheld caller id; placement (dedupe window); opt-out;
// already texted; automation paused; billing; business hours (template) at the
// org's clock; quiet hours at the recipient's clock.
TextBackDecision decideTextBack(const TextBackInput& input, const TimeZoneConverter& zones);

// Whether a call at `callAt` joins `lead`: it is open and the call falls no
// later than the dedupe window after its last call (earlier calls, delivered
// out of order, join too).
bool joinsLead(const Lead& lead, Instant callAt, std::chrono::minutes dedupeWindow);

} // namespace callsnare::domain
