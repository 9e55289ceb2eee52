#include "ui/LeadText.h"

#include "domain/PhoneNumber.h"

#include <QDateTime>
#include <QLocale>

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
    // Without a plural-aware translation loaded, "%n" texts are used as
    // written: one and many are separate strings.
    const auto days = hours / 24;
    if (days == 1) {
        return tr("missed yesterday");
    }
    if (days < 60) {
        return tr("missed %n days ago", nullptr, static_cast<int>(days));
    }
    return tr("missed %n months ago", nullptr, static_cast<int>(days / 30));
}

QString LeadText::dateTime(domain::Instant at, const QTimeZone& zone)
{
    const QLocale locale;
    const QDateTime local = QDateTime::fromSecsSinceEpoch(at.time_since_epoch().count(), zone);
    // Minutes are what a dispatcher needs; some locales' short format has seconds.
    QString timeFormat = locale.timeFormat(QLocale::ShortFormat);
    timeFormat.remove(QStringLiteral(":ss"));
    return tr("%1 %2").arg(locale.toString(local.date(), QLocale::ShortFormat),
                           locale.toString(local.time(), timeFormat));
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
