#pragma once

#include "domain/BusinessHours.h"
#include "domain/Time.h"

#include <QString>
#include <QTimeZone>

#include <chrono>

namespace callsnare::ui {

// How long a homeowner may wait for a person's answer: the organization's
// target (5 minutes unless set), counted in business hours only, so a text at
// 16:58 on a Friday is 2 minutes old at 08:00 on Monday.
class ResponseTarget {
public:
    static constexpr std::chrono::minutes kDefaultTarget{5};

    ResponseTarget();

    std::chrono::minutes target() const { return m_target; }
    void setTarget(std::chrono::minutes target) { m_target = target; }
    void setHours(domain::BusinessHours hours) { m_hours = std::move(hours); }
    void setTimeZone(const QTimeZone& zone) { m_zone = zone; }

    // The business-hours time between `since` and `now`. Only the last
    // kLookBackDays are counted: by then any target has long passed.
    std::chrono::seconds waited(domain::Instant since, domain::Instant now) const;
    bool isOverdue(domain::Instant since, domain::Instant now) const { return waited(since, now) > m_target; }
    // "waiting 7 min", from the business-hours time waited.
    static QString waitingText(std::chrono::seconds waited);

    static constexpr int kLookBackDays = 31;

private:
    std::chrono::minutes m_target = kDefaultTarget;
    domain::BusinessHours m_hours;
    QTimeZone m_zone;
};

} // namespace callsnare::ui
