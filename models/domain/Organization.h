#pragma once

#include "domain/BusinessHours.h"
#include "domain/PhoneNumber.h"
#include "domain/QuietHours.h"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace callsnare::domain {

enum class BillingState { Trial, Active, PastDue, Canceled };

// Automated texts go out only while the account is in good standing.
bool isInGoodStanding(BillingState state);
std::string_view wireName(BillingState state);
std::optional<BillingState> parseBillingState(std::string_view text);

// Names of the templates every organization has (see MessageTemplate.h for
// the placeholders they may use).
namespace TemplateName {
inline constexpr std::string_view TextBack = "text_back";
inline constexpr std::string_view TextBackAfterHours = "text_back_after_hours";
inline constexpr std::string_view BookingConfirmation = "booking_confirmation";
inline constexpr std::string_view BookingReminder = "booking_reminder";
inline constexpr std::string_view OptOutConfirmation = "opt_out_confirmation";
inline constexpr std::string_view Help = "help";
} // namespace TemplateName

// One HVAC business: who it is, when it answers, and how automation behaves.
struct Organization {
    std::string id;
    std::string name;
    std::string timeZone; // IANA, e.g. "America/Chicago"
    std::vector<PhoneNumber> numbers; // the numbers homeowners call
    std::optional<PhoneNumber> officeNumber; // where calls ring first
    BusinessHours hours = BusinessHours::weekdays(std::chrono::hours{8}, std::chrono::hours{17});
    QuietHours quietHours;
    // A repeat call from the same number within this window of the lead's
    // last call joins that lead instead of opening a new one.
    std::chrono::minutes dedupeWindow{std::chrono::hours{24}};
    std::vector<std::chrono::minutes> reminderOffsets{std::chrono::hours{24}, std::chrono::hours{2}};
    std::map<std::string, std::string, std::less<>> templates;
    BillingState billing = BillingState::Trial;

    // The org's template by name, or an empty view when it has none.
    std::string_view templateText(std::string_view templateName) const;
};

} // namespace callsnare::domain
