#include "domain/AutomationTexts.h"

#include "domain/Organization.h"

#include <array>
#include <utility>

namespace callsnare::domain {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 7> defaultTexts{{
    {TemplateName::TextBack,
     "Hi, this is {{company}}. Sorry we missed your call! How can we help? Reply STOP to opt out."},
    {TemplateName::TextBackAfterHours,
     "Hi, this is {{company}}. Sorry we missed your call - we're closed right now and will get back to you "
     "first thing. What can we help with? Reply STOP to opt out."},
    {TemplateName::OptOutConfirmation,
     "{{company}}: you are unsubscribed and will get no more texts from us. Reply START to resubscribe."},
    {TemplateName::OptInConfirmation,
     "{{company}}: you are subscribed to our texts again. Reply STOP to opt out."},
    {TemplateName::Help,
     "{{company}}: for help call or text {{office_phone}}. Msg&data rates may apply. Reply STOP to opt out."},
    {TemplateName::BookingConfirmation,
     "{{company}}: your visit is booked for {{booking_date}} at {{booking_time}}. Reply STOP to opt out."},
    {TemplateName::BookingReminder,
     "{{company}}: reminder of your visit on {{booking_date}} at {{booking_time}}. Reply STOP to opt out."},
}};

const std::array<IntakeQuestion, 3>& intakeDefaults()
{
    static const std::array<IntakeQuestion, 3> questions{{
        {"problem", "What's going on with your system? (e.g. no cooling, no heat, strange noise)"},
        {"address", "What's the service address?"},
        {"best_time", "When is a good time for a technician to come by?"},
    }};
    return questions;
}

} // namespace

std::string_view defaultTemplateText(std::string_view templateName)
{
    for (const auto& [name, text] : defaultTexts) {
        if (name == templateName) {
            return text;
        }
    }
    return {};
}

std::span<const IntakeQuestion> defaultIntakeQuestions()
{
    return intakeDefaults();
}

} // namespace callsnare::domain
