#include "QtTimeZoneConverter.h"

#include <QDateTime>
#include <QTimeZone>

using namespace callsnare::domain;
using namespace std::chrono;

namespace {

QTimeZone zoneNamed(std::string_view zone)
{
    return QTimeZone(QByteArray(zone.data(), static_cast<qsizetype>(zone.size())));
}

} // namespace

bool QtTimeZoneConverter::knows(std::string_view zone) const
{
    return zoneNamed(zone).isValid();
}

LocalTime QtTimeZoneConverter::toLocal(Instant instant, std::string_view zone) const
{
    const QTimeZone tz = zoneNamed(zone);
    const QDateTime at = QDateTime::fromSecsSinceEpoch(instant.time_since_epoch().count(), QTimeZone::utc());
    return LocalTime{seconds{instant.time_since_epoch().count() + tz.offsetFromUtc(at)}};
}

Instant QtTimeZoneConverter::toInstant(LocalTime local, std::string_view zone) const
{
    // Try the offsets in force just before and just after the wall time; the
    // earlier instant that reads back as `local` wins (fall-back overlap).
    // When neither reads back, the wall time fell in a spring-forward gap and
    // is read with the offset from before the gap, which lands after it.
    const QTimeZone tz = zoneNamed(zone);
    const qint64 wallSeconds = local.time_since_epoch().count();
    const auto offsetAt = [&tz](qint64 utcSeconds) {
        return tz.offsetFromUtc(QDateTime::fromSecsSinceEpoch(utcSeconds, QTimeZone::utc()));
    };
    const qint64 day = 86400;
    const int before = offsetAt(wallSeconds - day);
    const int after = offsetAt(wallSeconds + day);
    qint64 best = -1;
    bool found = false;
    for (const int offset : {before, after}) {
        const qint64 candidate = wallSeconds - offset;
        if (candidate + offsetAt(candidate) == wallSeconds && (!found || candidate < best)) {
            best = candidate;
            found = true;
        }
    }
    if (!found) {
        best = wallSeconds - before;
    }
    return Instant{seconds{best}};
}

Instant utc(const char* iso)
{
    const QDateTime at = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    Q_ASSERT(at.isValid());
    return Instant{seconds{at.toSecsSinceEpoch()}};
}

LocalTime wall(const char* text)
{
    QDateTime at = QDateTime::fromString(QString::fromLatin1(text), QStringLiteral("yyyy-MM-dd HH:mm"));
    Q_ASSERT(at.isValid());
    at.setTimeZone(QTimeZone::utc());
    return LocalTime{seconds{at.toSecsSinceEpoch()}};
}
