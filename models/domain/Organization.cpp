#include "domain/Organization.h"

#include <array>
#include <utility>

namespace callsnare::domain {

namespace {

constexpr std::array<std::pair<BillingState, std::string_view>, 4> billingNames{{
    {BillingState::Trial, "trial"},
    {BillingState::Active, "active"},
    {BillingState::PastDue, "past_due"},
    {BillingState::Canceled, "canceled"},
}};

} // namespace

bool isInGoodStanding(BillingState state)
{
    return state == BillingState::Trial || state == BillingState::Active;
}

std::string_view wireName(BillingState state)
{
    for (const auto& [value, name] : billingNames) {
        if (value == state) {
            return name;
        }
    }
    return {};
}

std::optional<BillingState> parseBillingState(std::string_view text)
{
    for (const auto& [value, name] : billingNames) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

std::string_view Organization::templateText(std::string_view templateName) const
{
    const auto found = templates.find(templateName);
    return found == templates.end() ? std::string_view{} : std::string_view{found->second};
}

} // namespace callsnare::domain
