#include "ui/LeadText.h"

#include "domain/PhoneNumber.h"

#include <chrono>

namespace callsnare::ui {

QString LeadText::stateName(domain::LeadState state)
{
    switch (state) {
    case domain::LeadState::Missed:
        return tr("Missed");
    case domain::LeadState::Texted:
        return tr("Texted");
    case domain::LeadState::Replied:
        return tr("Replied");
    case domain::LeadState::Booked:
        return tr("Booked");
    case domain::LeadState::Office:
        return tr("Office");
    case domain::LeadState::Closed:
        return tr("Closed");
    }
    return {};
}

QString LeadText::outcomeName(domain::CloseOutcome outcome)
{
    switch (outcome) {
    case domain::CloseOutcome::Won:
        return tr("Won");
    case domain::CloseOutcome::Lost:
        return tr("Lost");
    case domain::CloseOutcome::Spam:
        return tr("Spam");
    case domain::CloseOutcome::Duplicate:
        return tr("Duplicate");
    }
    return {};
}

QString LeadText::deliveryStatusName(const QString& wireName)
{
    if (wireName == QLatin1String("queued")) {
        return tr("Queued");
    }
    if (wireName == QLatin1String("sending")) {
        return tr("Sending");
    }
    if (wireName == QLatin1String("sent")) {
        return tr("Sent");
    }
    if (wireName == QLatin1String("delivered")) {
        return tr("Delivered");
    }
    if (wireName == QLatin1String("undelivered")) {
        return tr("Not delivered");
    }
    if (wireName == QLatin1String("failed")) {
        return tr("Failed");
    }
    if (wireName == QLatin1String("refused")) {
        return tr("Not sent");
    }
    if (wireName == QLatin1String("received")) {
        return tr("Received");
    }
    return wireName;
}

QString LeadText::missedAgo(domain::Instant missedAt, domain::Instant now)
{
    using namespace std::chrono;
    const auto minutes = duration_cast<std::chrono::minutes>(now - missedAt).count();
    if (minutes < 1) {
        return tr("missed just now");
    }
    if (minutes < 60) {
        return tr("missed %n min ago", nullptr, static_cast<int>(minutes));
    }
    const auto hours = minutes / 60;
    if (hours < 24) {
        return tr("missed %n h ago", nullptr, static_cast<int>(hours));
    }
    const auto days = hours / 24;
    if (days < 60) {
        return tr("missed %n day(s) ago", nullptr, static_cast<int>(days));
    }
    return tr("missed %n month(s) ago", nullptr, static_cast<int>(days / 30));
}

QString LeadText::phoneDisplay(const QString& e164)
{
    const auto phone = domain::PhoneNumber::parse(e164.toStdString());
    if (!phone) {
        return e164;
    }
    return QString::fromStdString(phone->display());
}

} // namespace callsnare::ui
