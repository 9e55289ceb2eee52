#include "ui/ResponseTarget.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

namespace callsnare::ui {

namespace {

qint64 secondsOf(domain::Instant instant)
{
    return instant.time_since_epoch().count();
}

std::chrono::year_month_day ymd(QDate date)
{
    return std::chrono::year{date.year()} / std::chrono::month{static_cast<unsigned>(date.month())}
    / std::chrono::day{static_cast<unsigned>(date.day())};
}

// The instant a local time of day happens on `date`; 24:00 is the next midnight.
qint64 instantAt(QDate date, std::chrono::minutes timeOfDay, const QTimeZone& zone)
{
    const int minutes = static_cast<int>(timeOfDay.count());
    if (minutes >= 24 * 60) {
        return date.addDays(1).startOfDay(zone).toSecsSinceEpoch();
    }
    return QDateTime(date, QTime(minutes / 60, minutes % 60), zone).toSecsSinceEpoch();
}

} // namespace

ResponseTarget::ResponseTarget()
    : m_hours(domain::BusinessHours::weekdays(std::chrono::hours{8}, std::chrono::hours{17})),
      m_zone(QTimeZone::systemTimeZone())
{
}

std::chrono::seconds ResponseTarget::waited(domain::Instant since, domain::Instant now) const
{
    const qint64 end = secondsOf(now);
    const qint64 start = std::max(secondsOf(since), end - qint64{kLookBackDays} * 24 * 3600);
    if (end <= start) {
        return std::chrono::seconds{0};
    }
    const QDate first = QDateTime::fromSecsSinceEpoch(start, m_zone).date();
    const QDate last = QDateTime::fromSecsSinceEpoch(end, m_zone).date();
    qint64 total = 0;
    for (QDate date = first; date <= last; date = date.addDays(1)) {
        if (m_hours.isHoliday(ymd(date))) {
            continue;
        }
        // Qt counts Monday as 1 and Sunday as 7; the schedule counts Sunday as 0.
        const std::chrono::weekday weekday{static_cast<unsigned>(date.dayOfWeek() % 7)};
        for (const domain::OpenInterval& open : m_hours.day(weekday)) {
            const qint64 from = std::max(start, instantAt(date, open.open, m_zone));
            const qint64 to = std::min(end, instantAt(date, open.close, m_zone));
            total += std::max<qint64>(0, to - from);
        }
    }
    return std::chrono::seconds{total};
}

QString ResponseTarget::waitingText(std::chrono::seconds waited)
{
    const auto minutes = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(waited).count());
    if (minutes < 60) {
        return QCoreApplication::translate("callsnare::ui::ResponseTarget", "waiting %n min", nullptr,
                                           minutes);
    }
    return QCoreApplication::translate("callsnare::ui::ResponseTarget", "waiting %1 h %2 min")
        .arg(minutes / 60)
        .arg(minutes % 60);
}

} // namespace callsnare::ui
