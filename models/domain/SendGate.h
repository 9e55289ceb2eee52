#pragma once

#include "domain/Contact.h"
#include "domain/Organization.h"
#include "domain/QuietHours.h"
#include "domain/Time.h"

#include <optional>
#include <string>
#include <string_view>

namespace callsnare::domain {

// Why a text is being sent; it decides which stop conditions apply.
enum class SendPurpose {
    TextBack, // the first text after a missed call
    Intake, // a response rule's question
    Reminder, // a booking confirmation or reminder
    OptOutConfirmation, // the one reply to STOP (CTIA)
    OptInConfirmation, // the reply to START
    Help, // the reply to HELP
    OnCallAlert, // an urgent lead, texted to the org's own on-call person
    Dispatcher, // typed by a person at the office
};

std::string_view wireName(SendPurpose purpose);
std::optional<SendPurpose> parseSendPurpose(std::string_view text);

// Sent without a person pressing send.
bool isAutomated(SendPurpose purpose);

enum class SendVerdictKind { Send, Defer, Refuse };

enum class SendRefusal {
    OptedOut,
    BillingNotInGoodStanding,
    AutomationPaused,
    QuietHours, // inside quiet hours and the org's policy is to skip
    OptedBackIn, // a STOP confirmation whose contact has since texted START
};

std::string_view wireName(SendVerdictKind kind);
std::string_view wireName(SendRefusal refusal);

struct SendVerdict {
    SendVerdictKind kind = SendVerdictKind::Send;
    std::optional<Instant> deferUntil; // Defer only
    std::optional<SendRefusal> refusal; // Refuse only
    BillingState billing = BillingState::Active; // for the explanation

    bool sends() const { return kind == SendVerdictKind::Send; }
    // One line for the activity log: "not sent: opted out",
    // "not sent: billing past_due", "deferred to ...: quiet hours".
    std::string explanation() const;
};

// Everything the check reads, looked up by the caller at send time.
struct SendCheck {
    SendPurpose purpose = SendPurpose::TextBack;
    // The recipient's opt-out state; a recipient who is not a homeowner
    // (the on-call person) has the default, not opted out.
    OptOutState recipientOptOut;
    BillingState billing = BillingState::Active;
    bool leadAutomationPaused = false;
    QuietHours quietHours;
    std::string recipientZone; // IANA; the caller falls back to the org's zone
    Instant now{};
};

// The one enforcement point every outbound text passes at send time, in
// order:
// 1. an opted-out recipient gets nothing but the single STOP confirmation, and
//    that confirmation goes only to a recipient still opted out (a retried
//    one must not arrive after the START confirmation);
// 2. the compliance replies (STOP/START confirmation, HELP) go out whatever
//    the billing, automation or clock, since CTIA requires them;
// 3. a dispatcher's text needs nothing more;
// 4. other automated texts need billing in good standing, the lead's
//    automation not taken over (on-call alerts excepted: they go to the org's
//    own staff), and — for texts to the homeowner — the recipient's clock
//    outside quiet hours (deferred to their end, or refused when the org's
//    policy is to skip).
SendVerdict judgeSend(const SendCheck& check, const TimeZoneConverter& zones);

} // namespace callsnare::domain
