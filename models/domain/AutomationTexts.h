#pragma once

#include "domain/Organization.h"

#include <array>
#include <span>
#include <string>
#include <string_view>

namespace callsnare::domain {

// Extra template names automation uses beside those in Organization.h.
namespace TemplateName {
inline constexpr std::string_view OptInConfirmation = "opt_in_confirmation";
} // namespace TemplateName

// Every template the automation sends, in the order an owner's settings
// screen lists them; a device shows and edits these.
inline constexpr std::array<std::string_view, 7> AutomationTemplateNames = {
    TemplateName::TextBack,
    TemplateName::TextBackAfterHours,
    TemplateName::BookingConfirmation,
    TemplateName::BookingReminder,
    TemplateName::OptOutConfirmation,
    TemplateName::OptInConfirmation,
    TemplateName::Help,
};

// The wording an organization starts with for each template automation
// sends; an org's own text (Organization::templates) replaces it. The first
// automated text carries the company name and how to opt out (CTIA).
// Empty for names automation does not send.
std::string_view defaultTemplateText(std::string_view templateName);

// One intake question a response rule asks after the homeowner replies; the
// answer is stored on the lead under `key`.
struct IntakeQuestion {
    std::string key;
    std::string text;

    friend bool operator==(const IntakeQuestion&, const IntakeQuestion&) = default;
};

// What is wrong, the service address, the best time: what the office needs
// to book a diagnostic visit.
std::span<const IntakeQuestion> defaultIntakeQuestions();

} // namespace callsnare::domain
