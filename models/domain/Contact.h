#pragma once

#include "domain/PhoneNumber.h"
#include "domain/Time.h"

#include <optional>
#include <string>

namespace callsnare::domain {

// How a contact's opt-out state last changed.
enum class ConsentSource {
    Keyword, // the homeowner texted STOP / START
    CarrierError, // the carrier refused a send as unsubscribed (Twilio 21610)
    Dispatcher, // someone at the office recorded it
    Import, // brought in from another system
};

struct OptOutState {
    bool optedOut = false;
    std::optional<Instant> changedAt;
    std::optional<ConsentSource> source;

    friend bool operator==(const OptOutState&, const OptOutState&) = default;
};

// A homeowner, identified by phone number within one organization. Opt-out
// belongs to the contact, not to a lead: it blocks every text to the number.
struct Contact {
    std::string id;
    std::string orgId;
    PhoneNumber phone;
    std::string name;
    OptOutState optOut;
    // The homeowner's IANA zone when known better than the area code tells.
    std::optional<std::string> timeZoneOverride;

    // The first word of the name, for "{{first_name}}"; empty when unknown.
    std::string firstName() const;
};

} // namespace callsnare::domain
