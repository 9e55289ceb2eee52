#include "domain/SendGate.h"

#include "domain/WireNames.h"

namespace callsnare::domain {

namespace {

constexpr WireNameTable<SendPurpose, 8> purposeNames{{
    {SendPurpose::TextBack, "text_back"},
    {SendPurpose::Intake, "intake"},
    {SendPurpose::Reminder, "reminder"},
    {SendPurpose::OptOutConfirmation, "opt_out_confirmation"},
    {SendPurpose::OptInConfirmation, "opt_in_confirmation"},
    {SendPurpose::Help, "help"},
    {SendPurpose::OnCallAlert, "on_call_alert"},
    {SendPurpose::Dispatcher, "dispatcher"},
}};

constexpr WireNameTable<SendVerdictKind, 3> kindNames{{
    {SendVerdictKind::Send, "send"},
    {SendVerdictKind::Defer, "defer"},
    {SendVerdictKind::Refuse, "refuse"},
}};

constexpr WireNameTable<SendRefusal, 5> refusalNames{{
    {SendRefusal::OptedOut, "opted_out"},
    {SendRefusal::BillingNotInGoodStanding, "billing"},
    {SendRefusal::AutomationPaused, "automation_paused"},
    {SendRefusal::QuietHours, "quiet_hours"},
    {SendRefusal::OptedBackIn, "opted_back_in"},
}};

bool isComplianceReply(SendPurpose purpose)
{
    return purpose == SendPurpose::OptOutConfirmation || purpose == SendPurpose::OptInConfirmation
        || purpose == SendPurpose::Help;
}

SendVerdict refuse(SendRefusal refusal, BillingState billing)
{
    SendVerdict verdict;
    verdict.kind = SendVerdictKind::Refuse;
    verdict.refusal = refusal;
    verdict.billing = billing;
    return verdict;
}

} // namespace

std::string_view wireName(SendPurpose purpose)
{
    return nameIn(purposeNames, purpose);
}

std::optional<SendPurpose> parseSendPurpose(std::string_view text)
{
    return valueIn(purposeNames, text);
}

bool isAutomated(SendPurpose purpose)
{
    return purpose != SendPurpose::Dispatcher;
}

std::string_view wireName(SendVerdictKind kind)
{
    return nameIn(kindNames, kind);
}

std::string_view wireName(SendRefusal refusal)
{
    return nameIn(refusalNames, refusal);
}

std::string SendVerdict::explanation() const
{
    switch (kind) {
    case SendVerdictKind::Send:
        return "sent";
    case SendVerdictKind::Defer:
        return "deferred to " + (deferUntil ? formatInstant(*deferUntil) : std::string("later"))
            + ": quiet hours";
    case SendVerdictKind::Refuse:
        break;
    }
    switch (refusal.value_or(SendRefusal::OptedOut)) {
    case SendRefusal::OptedOut:
        return "not sent: opted out";
    case SendRefusal::BillingNotInGoodStanding:
        return "not sent: billing " + std::string(wireName(billing));
    case SendRefusal::AutomationPaused:
        return "not sent: automation paused on this lead";
    case SendRefusal::QuietHours:
        return "not sent: quiet hours";
    case SendRefusal::OptedBackIn:
        return "not sent: opted back in since";
    }
    return "not sent";
}

SendVerdict judgeSend(const SendCheck& check, const TimeZoneConverter& zones)
{
    if (check.recipientOptOut.optedOut && check.purpose != SendPurpose::OptOutConfirmation) {
        return refuse(SendRefusal::OptedOut, check.billing);
    }
    if (!check.recipientOptOut.optedOut && check.purpose == SendPurpose::OptOutConfirmation) {
        return refuse(SendRefusal::OptedBackIn, check.billing);
    }
    if (isComplianceReply(check.purpose) || !isAutomated(check.purpose)) {
        return {};
    }
    if (!isInGoodStanding(check.billing)) {
        return refuse(SendRefusal::BillingNotInGoodStanding, check.billing);
    }
    if (check.purpose == SendPurpose::OnCallAlert) {
        return {};
    }
    if (check.leadAutomationPaused) {
        return refuse(SendRefusal::AutomationPaused, check.billing);
    }
    if (!check.quietHours.isEnabled() || !zones.knows(check.recipientZone)) {
        return {};
    }
    const Instant allowed = check.quietHours.nextAllowed(check.now, check.recipientZone, zones);
    if (allowed <= check.now) {
        return {};
    }
    if (check.quietHours.policy == QuietHoursPolicy::Skip) {
        return refuse(SendRefusal::QuietHours, check.billing);
    }
    SendVerdict verdict;
    verdict.kind = SendVerdictKind::Defer;
    verdict.deferUntil = allowed;
    verdict.billing = check.billing;
    return verdict;
}

} // namespace callsnare::domain
