#include "domain/Organization.h"
#include "domain/WireNames.h"

#include <utility>

namespace callsnare::domain {

namespace {

constexpr WireNameTable<BillingState, 4> billingNames{{
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
    return nameIn(billingNames, state);
}

std::optional<BillingState> parseBillingState(std::string_view text)
{
    return valueIn(billingNames, text);
}

std::string_view Organization::templateText(std::string_view templateName) const
{
    const auto found = templates.find(templateName);
    return found == templates.end() ? std::string_view{} : std::string_view{found->second};
}

} // namespace callsnare::domain
