#include "QtTimeZoneConverter.h"
#include "domain/ReminderSchedule.h"

#include <QStringList>
#include <QTest>

#include <algorithm>

using namespace callsnare::domain;
using namespace std::chrono_literals;

namespace {

constexpr const char* kNewYork = "America/New_York";

const QtTimeZoneConverter& zones()
{
    static const QtTimeZoneConverter converter;
    return converter;
}

// The instant a wall-clock reading in `zone` stands for.
Instant at(const char* wallText, const char* zone = kNewYork)
{
    return zones().toInstant(wall(wallText), zone);
}

ReminderPolicy policyIn(const char* zone = kNewYork)
{
    ReminderPolicy policy;
    policy.zone = zone;
    return policy;
}

Booking bookingAt(Instant startsAt)
{
    Booking booking;
    booking.id = "booking-1";
    booking.orgId = "org-1";
    booking.leadId = "lead-1";
    booking.startsAt = startsAt;
    return booking;
}

QString utcText(Instant instant)
{
    return QString::fromStdString(formatInstant(instant));
}

// "confirmation 2026-07-09 12:00" / "reminder 120 2026-07-09 20:30", the due
// time read on the recipient's wall clock.
QString describe(const ReminderJob& job, const char* zone = kNewYork)
{
    const QString when = QString::fromStdString(formatLocal(zones().toLocal(job.dueAt, zone)));
    if (job.kind == ReminderKind::Confirmation) {
        return QStringLiteral("confirmation ") + when;
    }
    return QStringLiteral("reminder %1 %2").arg(static_cast<qlonglong>(job.offset.count())).arg(when);
}

QStringList describe(const std::vector<ReminderJob>& jobs, const char* zone = kNewYork)
{
    QStringList out;
    for (const ReminderJob& job : jobs) {
        out << describe(job, zone);
    }
    return out;
}

QStringList ids(const std::vector<std::string>& list)
{
    QStringList out;
    for (const std::string& id : list) {
        out << QString::fromStdString(id);
    }
    return out;
}

// The jobs of a plan as the store would hold them: ids "confirmation",
// "r1440", "r120"..., all pending.
std::vector<ReminderJob> stored(std::vector<ReminderJob> jobs)
{
    for (ReminderJob& job : jobs) {
        job.id = job.kind == ReminderKind::Confirmation ? std::string("confirmation")
                                                        : "r" + std::to_string(job.offset.count());
    }
    return jobs;
}

ReminderJob& jobWithId(std::vector<ReminderJob>& jobs, const std::string& id)
{
    const auto it
        = std::find_if(jobs.begin(), jobs.end(), [&](const ReminderJob& job) { return job.id == id; });
    Q_ASSERT(it != jobs.end());
    return *it;
}

} // namespace

class TestReminderSchedule : public QObject {
    Q_OBJECT

private slots:
    void plan_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("startsAt"); // wall clock in zone
        QTest::addColumn<QString>("now");
        QTest::addColumn<QStringList>("expected");

        const QString ny = QString::fromLatin1(kNewYork);
        QTest::newRow("days away: confirmation now, 24 h and 2 h")
            << ny << "2026-07-10 14:00"
            << "2026-07-06 15:00"
            << QStringList{"confirmation 2026-07-06 15:00", "reminder 1440 2026-07-09 14:00",
                           "reminder 120 2026-07-10 12:00"};
        QTest::newRow("tomorrow 09:00: 2 h reminder at 07:00 moves to 20:30 the evening before")
            << ny << "2026-07-10 09:00"
            << "2026-07-09 12:00"
            << QStringList{"confirmation 2026-07-09 12:00", "reminder 120 2026-07-09 20:30"};
        QTest::newRow("booked 23:00 for 09:00: 20:30 has passed, both go at 08:00")
            << ny << "2026-07-10 09:00"
            << "2026-07-09 23:00"
            << QStringList{"confirmation 2026-07-10 08:00", "reminder 120 2026-07-10 08:00"};
        QTest::newRow("08:00 visit booked 20:45: no reminder fits")
            << ny << "2026-07-10 08:00"
            << "2026-07-09 20:45" << QStringList{"confirmation 2026-07-09 20:45"};
        QTest::newRow("08:00 visit booked 21:30: even the confirmation would arrive at the visit")
            << ny << "2026-07-10 08:00"
            << "2026-07-09 21:30" << QStringList{};
        QTest::newRow("08:01 visit booked 21:30: 08:00 is still before it")
            << ny << "2026-07-10 08:01"
            << "2026-07-09 21:30"
            << QStringList{"confirmation 2026-07-10 08:00", "reminder 120 2026-07-10 08:00"};
        QTest::newRow("confirmation at 22:00 deferred to 08:00")
            << ny << "2026-07-12 13:00"
            << "2026-07-09 22:00"
            << QStringList{"confirmation 2026-07-10 08:00", "reminder 1440 2026-07-11 13:00",
                           "reminder 120 2026-07-12 11:00"};
        QTest::newRow("confirmation just after midnight deferred to 08:00 that morning")
            << ny << "2026-07-12 13:00"
            << "2026-07-10 00:00"
            << QStringList{"confirmation 2026-07-10 08:00", "reminder 1440 2026-07-11 13:00",
                           "reminder 120 2026-07-12 11:00"};
        QTest::newRow("confirmation at 20:59 goes now")
            << ny << "2026-07-12 13:00"
            << "2026-07-09 20:59"
            << QStringList{"confirmation 2026-07-09 20:59", "reminder 1440 2026-07-11 13:00",
                           "reminder 120 2026-07-12 11:00"};
        QTest::newRow("due exactly 21:00 is quiet")
            << ny << "2026-07-10 23:00"
            << "2026-07-06 12:00"
            << QStringList{"confirmation 2026-07-06 12:00", "reminder 1440 2026-07-09 20:30",
                           "reminder 120 2026-07-10 20:30"};
        QTest::newRow("due 20:59 stays")
            << ny << "2026-07-10 22:59"
            << "2026-07-06 12:00"
            << QStringList{"confirmation 2026-07-06 12:00", "reminder 1440 2026-07-09 20:30",
                           "reminder 120 2026-07-10 20:59"};
        QTest::newRow("due exactly 08:00 stays")
            << ny << "2026-07-10 10:00"
            << "2026-07-06 12:00"
            << QStringList{"confirmation 2026-07-06 12:00", "reminder 1440 2026-07-09 10:00",
                           "reminder 120 2026-07-10 08:00"};
        QTest::newRow("due 07:59 is quiet")
            << ny << "2026-07-10 09:59"
            << "2026-07-06 12:00"
            << QStringList{"confirmation 2026-07-06 12:00", "reminder 1440 2026-07-09 09:59",
                           "reminder 120 2026-07-09 20:30"};
        QTest::newRow("due at midnight: the quiet period began the evening before")
            << ny << "2026-07-10 02:00"
            << "2026-07-06 12:00"
            << QStringList{"confirmation 2026-07-06 12:00", "reminder 1440 2026-07-08 20:30",
                           "reminder 120 2026-07-09 20:30"};
        QTest::newRow("a reminder due exactly now is not planned")
            << ny << "2026-07-10 14:00"
            << "2026-07-10 12:00" << QStringList{"confirmation 2026-07-10 12:00"};
        QTest::newRow("a visit that has started gets nothing") << ny << "2026-07-10 14:00"
                                                               << "2026-07-10 14:00" << QStringList{};
        QTest::newRow("quiet hours are judged on the recipient's clock (Los Angeles)")
            << "America/Los_Angeles"
            << "2026-07-10 09:00"
            << "2026-07-09 12:00"
            << QStringList{"confirmation 2026-07-09 12:00", "reminder 120 2026-07-09 20:30"};
    }

    void plan()
    {
        QFETCH(QString, zone);
        QFETCH(QString, startsAt);
        QFETCH(QString, now);
        QFETCH(QStringList, expected);

        const std::string zoneName = zone.toStdString();
        const Booking booking = bookingAt(at(startsAt.toLatin1().constData(), zoneName.c_str()));
        const auto jobs = planReminders(booking, at(now.toLatin1().constData(), zoneName.c_str()),
                                        policyIn(zoneName.c_str()), zones());
        QCOMPARE(describe(jobs, zoneName.c_str()), expected);
    }

    void plannedJobsCarryTheBooking()
    {
        const Booking booking = bookingAt(at("2026-07-10 14:00"));
        const auto jobs = planReminders(booking, at("2026-07-06 15:00"), policyIn(), zones());
        QCOMPARE(jobs.size(), std::size_t{3});
        for (const ReminderJob& job : jobs) {
            QVERIFY(job.id.empty());
            QCOMPARE(QString::fromStdString(job.orgId), QStringLiteral("org-1"));
            QCOMPARE(QString::fromStdString(job.bookingId), QStringLiteral("booking-1"));
            QCOMPARE(job.bookingStartsAt, booking.startsAt);
            QCOMPARE(job.status, ReminderStatus::Pending);
        }
        QCOMPARE(jobs[0].kind, ReminderKind::Confirmation);
        QCOMPARE(jobs[0].offset, 0min);
        QCOMPARE(jobs[1].offset, std::chrono::minutes{24h});
        QCOMPARE(jobs[2].offset, std::chrono::minutes{2h});
    }

    void canceledBookingGetsNothing()
    {
        Booking booking = bookingAt(at("2026-07-10 14:00"));
        booking.status = BookingStatus::Canceled;
        QVERIFY(planReminders(booking, at("2026-07-06 15:00"), policyIn(), zones()).empty());
    }

    void offsetsAreElapsedTimeAcrossDst_data()
    {
        QTest::addColumn<QString>("startsAt"); // UTC
        QTest::addColumn<QString>("reminder24h"); // UTC
        QTest::addColumn<QString>("reminder24hLocal");

        // 2026-03-08 10:00 EDT; 24 h earlier is 09:00 EST the day before, 23
        // wall-clock hours (a wall-clock rule would say 10:00 = 15:00Z).
        QTest::newRow("spring forward, visit the day of the change") << "2026-03-08T14:00:00Z"
                                                                     << "2026-03-07T14:00:00Z"
                                                                     << "2026-03-07 09:00";
        // 2026-03-09 10:00 EDT: both ends are after the change, nothing shifts.
        QTest::newRow("spring forward, visit the day after") << "2026-03-09T14:00:00Z"
                                                             << "2026-03-08T14:00:00Z"
                                                             << "2026-03-08 10:00";
        // 2026-11-01 10:00 EST; 24 h earlier is 11:00 EDT (25 wall-clock hours).
        QTest::newRow("fall back, visit the day of the change") << "2026-11-01T15:00:00Z"
                                                                << "2026-10-31T15:00:00Z"
                                                                << "2026-10-31 11:00";
    }

    void offsetsAreElapsedTimeAcrossDst()
    {
        QFETCH(QString, startsAt);
        QFETCH(QString, reminder24h);
        QFETCH(QString, reminder24hLocal);

        const Booking booking = bookingAt(utc(startsAt.toLatin1().constData()));
        const auto jobs = planReminders(booking, utc("2026-02-01T12:00:00Z"), policyIn(), zones());
        const auto it = std::find_if(jobs.begin(), jobs.end(),
                                     [](const ReminderJob& job) { return job.offset == 24h; });
        QVERIFY2(it != jobs.end(), "no 24 h reminder planned");
        QCOMPARE(utcText(it->dueAt), reminder24h);
        QCOMPARE(QString::fromStdString(formatLocal(zones().toLocal(it->dueAt, kNewYork))), reminder24hLocal);
        QCOMPARE(it->bookingStartsAt - it->dueAt, std::chrono::seconds{24h});
    }

    void quietHourMovesAcrossDst_data()
    {
        QTest::addColumn<QString>("startsAt"); // UTC
        QTest::addColumn<QString>("now"); // UTC
        QTest::addColumn<QString>("reminder2h"); // UTC

        // 09:00 EDT on 2026-03-08: the 2 h reminder (07:00 EDT) moves to 20:30
        // EST the evening before, i.e. 01:30Z (a fixed EDT offset would give 00:30Z).
        QTest::newRow("spring forward, earlier") << "2026-03-08T13:00:00Z"
                                                 << "2026-03-07T17:00:00Z"
                                                 << "2026-03-08T01:30:00Z";
        // Booked at 23:00 EST: 20:30 has passed, 08:00 EDT is 12:00Z (not 13:00Z).
        QTest::newRow("spring forward, later") << "2026-03-08T13:00:00Z"
                                               << "2026-03-08T04:00:00Z"
                                               << "2026-03-08T12:00:00Z";
        // 09:00 EST on 2026-11-01: 20:30 EDT the evening before is 00:30Z.
        QTest::newRow("fall back, earlier") << "2026-11-01T14:00:00Z"
                                            << "2026-10-31T16:00:00Z"
                                            << "2026-11-01T00:30:00Z";
        // Booked at 23:00 EDT: 08:00 EST is 13:00Z (not 12:00Z).
        QTest::newRow("fall back, later") << "2026-11-01T14:00:00Z"
                                          << "2026-11-01T03:00:00Z"
                                          << "2026-11-01T13:00:00Z";
    }

    void quietHourMovesAcrossDst()
    {
        QFETCH(QString, startsAt);
        QFETCH(QString, now);
        QFETCH(QString, reminder2h);

        const Booking booking = bookingAt(utc(startsAt.toLatin1().constData()));
        const auto jobs = planReminders(booking, utc(now.toLatin1().constData()), policyIn(), zones());
        const auto it
            = std::find_if(jobs.begin(), jobs.end(), [](const ReminderJob& job) { return job.offset == 2h; });
        QVERIFY2(it != jobs.end(), qPrintable(describe(jobs).join(", ")));
        QCOMPARE(utcText(it->dueAt), reminder2h);
    }

    void remindersOnTheSameInstantCollapseToTheSmallerOffset_data()
    {
        QTest::addColumn<bool>("smallerFirst");
        QTest::newRow("offsets 10 h, 11 h") << true;
        QTest::newRow("offsets 11 h, 10 h") << false;
    }

    void remindersOnTheSameInstantCollapseToTheSmallerOffset()
    {
        QFETCH(bool, smallerFirst);
        // A 08:30 visit: 10 h before is 22:30, 11 h before 21:30, both quiet,
        // both pulled to 20:30.
        ReminderPolicy policy = policyIn();
        policy.offsets = smallerFirst ? std::vector<std::chrono::minutes>{10h, 11h}
                                      : std::vector<std::chrono::minutes>{11h, 10h};
        const auto jobs
            = planReminders(bookingAt(at("2026-07-10 08:30")), at("2026-07-08 12:00"), policy, zones());
        QCOMPARE(describe(jobs),
                 (QStringList{"confirmation 2026-07-08 12:00", "reminder 600 2026-07-09 20:30"}));
    }

    void quietMarginIsHonoured_data()
    {
        QTest::addColumn<int>("marginMinutes");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("60 min: 20:00")
            << 60 << QStringList{"confirmation 2026-07-09 12:00", "reminder 120 2026-07-09 20:00"};
        // 14 h before 21:00 is 07:00, inside the previous quiet period: no good,
        // so the reminder waits for 08:00.
        QTest::newRow("14 h reaches into the previous night: 08:00")
            << 14 * 60 << QStringList{"confirmation 2026-07-09 12:00", "reminder 120 2026-07-10 08:00"};
    }

    void quietMarginIsHonoured()
    {
        QFETCH(int, marginMinutes);
        QFETCH(QStringList, expected);
        ReminderPolicy policy = policyIn();
        policy.quietMargin = std::chrono::minutes{marginMinutes};
        const auto jobs
            = planReminders(bookingAt(at("2026-07-10 09:00")), at("2026-07-09 12:00"), policy, zones());
        QCOMPARE(describe(jobs), expected);
    }

    void policyValidation_data()
    {
        QTest::addColumn<QList<int>>("offsetMinutes");
        QTest::addColumn<int>("marginMinutes");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("error"); // empty: valid

        const QString ny = QString::fromLatin1(kNewYork);
        QTest::newRow("default") << QList<int>{1440, 120} << 30 << ny << "";
        QTest::newRow("no reminders at all") << QList<int>{} << 30 << ny << "";
        QTest::newRow("one minute") << QList<int>{1} << 30 << ny << "";
        QTest::newRow("zero offset") << QList<int>{1440, 0} << 30 << ny << "invalid_reminder_offset";
        QTest::newRow("negative offset") << QList<int>{-60} << 30 << ny << "invalid_reminder_offset";
        QTest::newRow("duplicate offset")
            << QList<int>{120, 1440, 120} << 30 << ny << "invalid_reminder_offset";
        QTest::newRow("zero margin lands on the quiet start")
            << QList<int>{120} << 0 << ny << "invalid_quiet_margin";
        QTest::newRow("negative margin") << QList<int>{120} << -5 << ny << "invalid_quiet_margin";
        QTest::newRow("no zone") << QList<int>{120} << 30 << ""
                                 << "missing_reminder_zone";
    }

    void policyValidation()
    {
        QFETCH(QList<int>, offsetMinutes);
        QFETCH(int, marginMinutes);
        QFETCH(QString, zone);
        QFETCH(QString, error);

        ReminderPolicy policy;
        policy.offsets.clear();
        for (const int offset : offsetMinutes) {
            policy.offsets.push_back(std::chrono::minutes{offset});
        }
        policy.quietMargin = std::chrono::minutes{marginMinutes};
        policy.zone = zone.toStdString();
        const Result<void> result = policy.validate();
        if (error.isEmpty()) {
            QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        } else {
            QVERIFY(!result.ok());
            QCOMPARE(QString::fromStdString(result.error().code), error);
            QVERIFY(!result.error().message.empty());
        }
    }

    // --- replanning ---------------------------------------------------------

    void unchangedBookingKeepsEverything_data()
    {
        QTest::addColumn<bool>("confirmationSent");
        QTest::newRow("confirmation sent") << true;
        QTest::newRow("confirmation pending") << false;
    }

    void unchangedBookingKeepsEverything()
    {
        QFETCH(bool, confirmationSent);
        const Booking booking = bookingAt(at("2026-07-10 14:00"));
        auto existing = stored(planReminders(booking, at("2026-07-06 15:00"), policyIn(), zones()));
        if (confirmationSent) {
            jobWithId(existing, "confirmation").status = ReminderStatus::Sent;
        }
        const auto changes = replanReminders(booking, existing, at("2026-07-07 09:30"), policyIn(), zones());
        QCOMPARE(ids(changes.cancel), QStringList{});
        QCOMPARE(ids(changes.keep),
                 confirmationSent ? (QStringList{"r1440", "r120"})
                                  : (QStringList{"confirmation", "r1440", "r120"}));
        QCOMPARE(describe(changes.create), QStringList{});
    }

    void movedBookingReplacesPendingJobs()
    {
        const Booking original = bookingAt(at("2026-07-10 14:00"));
        auto existing = stored(planReminders(original, at("2026-07-06 15:00"), policyIn(), zones()));
        Booking moved = original;
        moved.startsAt = at("2026-07-11 09:00");
        moved.version = 2;

        const auto changes = replanReminders(moved, existing, at("2026-07-07 09:30"), policyIn(), zones());
        QCOMPARE(ids(changes.cancel), (QStringList{"confirmation", "r1440", "r120"}));
        QCOMPARE(ids(changes.keep), QStringList{});
        QCOMPARE(describe(changes.create),
                 (QStringList{"confirmation 2026-07-07 09:30", "reminder 1440 2026-07-10 09:00",
                              "reminder 120 2026-07-10 20:30"}));
        for (const ReminderJob& job : changes.create) {
            QVERIFY(job.id.empty());
            QCOMPARE(job.bookingStartsAt, moved.startsAt);
            QCOMPARE(job.status, ReminderStatus::Pending);
        }
    }

    void sentReminderAndBookingMovedByADayGetsANewOne()
    {
        const Booking original = bookingAt(at("2026-07-10 14:00"));
        auto existing = stored(planReminders(original, at("2026-07-06 15:00"), policyIn(), zones()));
        jobWithId(existing, "confirmation").status = ReminderStatus::Sent;
        jobWithId(existing, "r1440").status = ReminderStatus::Sent;
        Booking moved = original;
        moved.startsAt = at("2026-07-11 14:00");

        const auto changes = replanReminders(moved, existing, at("2026-07-09 15:00"), policyIn(), zones());
        QCOMPARE(ids(changes.cancel), QStringList{"r120"});
        QCOMPARE(ids(changes.keep), QStringList{});
        QCOMPARE(describe(changes.create),
                 (QStringList{"confirmation 2026-07-09 15:00", "reminder 1440 2026-07-10 14:00",
                              "reminder 120 2026-07-11 12:00"}));
    }

    void sentReminderForTheSameVisitIsNotSentAgain()
    {
        // The 2 h reminder for a 09:00 visit went out at 20:30; at 20:45 the
        // technician changes. Planned afresh it would go at 08:00 (20:30 has
        // passed), but the homeowner already has it.
        const Booking original = bookingAt(at("2026-07-10 09:00"));
        auto existing = stored(planReminders(original, at("2026-07-09 12:00"), policyIn(), zones()));
        QCOMPARE(describe(existing),
                 (QStringList{"confirmation 2026-07-09 12:00", "reminder 120 2026-07-09 20:30"}));
        for (ReminderJob& job : existing) {
            job.status = ReminderStatus::Sent;
        }
        Booking edited = original;
        edited.technician = "Dana";
        edited.version = 2;

        const auto changes = replanReminders(edited, existing, at("2026-07-09 20:45"), policyIn(), zones());
        QCOMPARE(ids(changes.cancel), QStringList{});
        QCOMPARE(ids(changes.keep), QStringList{});
        QCOMPARE(describe(changes.create), QStringList{});
    }

    void overdueReminderForTheSameVisitIsKept()
    {
        // The 2 h reminder was due at 12:00 and the sender has not run yet:
        // an edit at 12:01 must not cancel it.
        const Booking booking = bookingAt(at("2026-07-10 14:00"));
        auto existing = stored(planReminders(booking, at("2026-07-06 15:00"), policyIn(), zones()));
        jobWithId(existing, "confirmation").status = ReminderStatus::Sent;
        jobWithId(existing, "r1440").status = ReminderStatus::Sent;

        const auto unchanged
            = replanReminders(booking, existing, at("2026-07-10 12:01"), policyIn(), zones());
        QCOMPARE(ids(unchanged.keep), QStringList{"r120"});
        QCOMPARE(ids(unchanged.cancel), QStringList{});
        QCOMPARE(describe(unchanged.create), QStringList{});

        Booking moved = booking;
        moved.startsAt = at("2026-07-10 16:00");
        const auto changed = replanReminders(moved, existing, at("2026-07-10 12:01"), policyIn(), zones());
        QCOMPARE(ids(changed.cancel), QStringList{"r120"});
        QCOMPARE(describe(changed.create),
                 (QStringList{"confirmation 2026-07-10 12:01", "reminder 120 2026-07-10 14:00"}));
    }

    void movedBackToAnAnnouncedTimeNeedsNoNewConfirmation()
    {
        const Booking original = bookingAt(at("2026-07-10 14:00"));
        auto first = stored(planReminders(original, at("2026-07-06 15:00"), policyIn(), zones()));
        jobWithId(first, "confirmation").status = ReminderStatus::Sent;
        for (ReminderJob& job : first) {
            if (job.kind == ReminderKind::Reminder) {
                job.status = ReminderStatus::Canceled; // canceled by the first move
            }
        }
        Booking moved = original;
        moved.startsAt = at("2026-07-11 14:00");
        auto second = planReminders(moved, at("2026-07-06 16:00"), policyIn(), zones());
        for (std::size_t i = 0; i < second.size(); ++i) {
            second[i].id = "second-" + std::to_string(i);
        }
        std::vector<ReminderJob> existing = first;
        existing.insert(existing.end(), second.begin(), second.end());

        const auto changes = replanReminders(original, existing, at("2026-07-06 17:00"), policyIn(), zones());
        QCOMPARE(ids(changes.cancel), (QStringList{"second-0", "second-1", "second-2"}));
        QCOMPARE(ids(changes.keep), QStringList{});
        QCOMPARE(describe(changes.create),
                 (QStringList{"reminder 1440 2026-07-09 14:00", "reminder 120 2026-07-10 12:00"}));
    }

    void canceledBookingCancelsAllPending()
    {
        Booking booking = bookingAt(at("2026-07-10 14:00"));
        auto existing = stored(planReminders(booking, at("2026-07-06 15:00"), policyIn(), zones()));
        jobWithId(existing, "confirmation").status = ReminderStatus::Sent;
        ReminderJob old = jobWithId(existing, "r120");
        old.id = "old";
        old.status = ReminderStatus::Canceled;
        existing.push_back(old);
        booking.status = BookingStatus::Canceled;

        const auto changes = replanReminders(booking, existing, at("2026-07-07 09:00"), policyIn(), zones());
        QCOMPARE(ids(changes.cancel), (QStringList{"r1440", "r120"}));
        QCOMPARE(ids(changes.keep), QStringList{});
        QCOMPARE(describe(changes.create), QStringList{});
    }

    void historyIsNeverTouched_data()
    {
        QTest::addColumn<QString>("change");
        QTest::newRow("unchanged") << "unchanged";
        QTest::newRow("moved") << "moved";
        QTest::newRow("canceled") << "canceled";
    }

    void historyIsNeverTouched()
    {
        QFETCH(QString, change);
        Booking booking = bookingAt(at("2026-07-10 14:00"));
        auto existing = stored(planReminders(booking, at("2026-07-06 15:00"), policyIn(), zones()));
        jobWithId(existing, "confirmation").status = ReminderStatus::Sent;
        jobWithId(existing, "r1440").status = ReminderStatus::Canceled;
        // Same offset, visit time and due time as a desired reminder, but sent
        // or canceled: neither may be "kept".
        ReminderJob sentTwin = jobWithId(existing, "r120");
        sentTwin.id = "sent-twin";
        sentTwin.status = ReminderStatus::Sent;
        ReminderJob canceledTwin = jobWithId(existing, "r120");
        canceledTwin.id = "canceled-twin";
        canceledTwin.status = ReminderStatus::Canceled;
        existing.push_back(sentTwin);
        existing.push_back(canceledTwin);
        // Another booking's pending job is not ours to cancel.
        ReminderJob foreign = jobWithId(existing, "r120");
        foreign.id = "foreign";
        foreign.bookingId = "booking-2";
        existing.push_back(foreign);

        if (change == "moved") {
            booking.startsAt = at("2026-07-12 14:00");
        } else if (change == "canceled") {
            booking.status = BookingStatus::Canceled;
        }
        const auto changes = replanReminders(booking, existing, at("2026-07-07 09:00"), policyIn(), zones());
        const QStringList touched = ids(changes.cancel) + ids(changes.keep);
        for (const char* untouchable : {"confirmation", "r1440", "sent-twin", "canceled-twin", "foreign"}) {
            QVERIFY2(!touched.contains(QLatin1String(untouchable)),
                     qPrintable(QStringLiteral("%1 was touched: %2").arg(untouchable, touched.join(", "))));
        }
        QCOMPARE(touched, QStringList{"r120"});
    }
};

QTEST_GUILESS_MAIN(TestReminderSchedule)
#include "tst_reminderschedule.moc"
