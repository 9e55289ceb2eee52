#pragma once

#include "domain/Lead.h"
#include "domain/Time.h"

#include <QCoreApplication>
#include <QString>
#include <QTimeZone>

namespace callsnare::ui {

// What a dispatcher reads for the store's enum values and times: every
// string goes through tr() here, so the views never show a wire name.
class LeadText {
    Q_DECLARE_TR_FUNCTIONS(callsnare::ui::LeadText)

public:
    static QString stateName(domain::LeadState state);
    static QString outcomeName(domain::CloseOutcome outcome);
    // A delivery status wire name ("queued", "delivered"...) as shown on a text.
    static QString deliveryStatusName(const QString& wireName);
    // "missed just now", "missed 3 min ago", "missed 2 h ago", "missed yesterday", "missed 4 days ago".
    static QString missedAgo(domain::Instant missedAt, domain::Instant now);
    // A date and time in `zone`, to the minute, in the user's locale.
    static QString dateTime(domain::Instant at, const QTimeZone& zone);
    // "(512) 555-0142" for a NANP number, the number as given otherwise.
    static QString phoneDisplay(const QString& e164);
};

} // namespace callsnare::ui
