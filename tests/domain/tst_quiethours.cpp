#include "QtTimeZoneConverter.h"
#include "domain/QuietHours.h"

#include <QTest>

using namespace callsnare::domain;
using namespace std::chrono;

class TestQuietHours : public QObject {
    Q_OBJECT

private slots:
    void overnightWindow_data()
    {
        QTest::addColumn<QString>("local");
        QTest::addColumn<bool>("quiet");
        QTest::addColumn<QString>("periodStart");
        QTest::addColumn<QString>("periodEnd");

        QTest::newRow("evening before") << "2026-07-06 20:59" << false << ""
                                        << "";
        QTest::newRow("quiet begins") << "2026-07-06 21:00" << true << "2026-07-06 21:00"
                                      << "2026-07-07 08:00";
        QTest::newRow("late evening") << "2026-07-06 23:59" << true << "2026-07-06 21:00"
                                      << "2026-07-07 08:00";
        QTest::newRow("midnight") << "2026-07-07 00:00" << true << "2026-07-06 21:00"
                                  << "2026-07-07 08:00";
        QTest::newRow("early morning") << "2026-07-07 07:59" << true << "2026-07-06 21:00"
                                       << "2026-07-07 08:00";
        QTest::newRow("quiet ends") << "2026-07-07 08:00" << false << ""
                                    << "";
        QTest::newRow("new year") << "2027-01-01 02:00" << true << "2026-12-31 21:00"
                                  << "2027-01-01 08:00";
    }

    void overnightWindow()
    {
        QFETCH(QString, local);
        QFETCH(bool, quiet);
        QFETCH(QString, periodStart);
        QFETCH(QString, periodEnd);
        const QuietHours hours; // 21:00-08:00, the TCPA default
        const LocalTime at = wall(local.toLatin1().constData());
        QCOMPARE(hours.contains(at), quiet);
        if (quiet) {
            QCOMPARE(QString::fromStdString(formatLocal(hours.periodStart(at))), periodStart);
            QCOMPARE(QString::fromStdString(formatLocal(hours.periodEnd(at))), periodEnd);
        }
    }

    void sameDayWindow()
    {
        const QuietHours siesta{13h, 15h, QuietHoursPolicy::Skip};
        QVERIFY(!siesta.contains(wall("2026-07-06 12:59")));
        QVERIFY(siesta.contains(wall("2026-07-06 13:00")));
        QVERIFY(!siesta.contains(wall("2026-07-06 15:00")));
        QCOMPARE(QString::fromStdString(formatLocal(siesta.periodEnd(wall("2026-07-06 14:00")))),
                 QStringLiteral("2026-07-06 15:00"));
    }

    void equalBoundsMeanNoQuietHours()
    {
        const QuietHours none{9h, 9h, QuietHoursPolicy::Defer};
        QVERIFY(!none.isEnabled());
        QVERIFY(!none.contains(wall("2026-07-06 09:00")));
        QVERIFY(!none.contains(wall("2026-07-06 03:00")));
    }

    void nextAllowedAcrossTimeZonesAndDst_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("instant");
        QTest::addColumn<QString>("allowed");

        QTest::newRow("daytime stays") << "America/New_York"
                                       << "2026-07-06T16:00:00Z"
                                       << "2026-07-06T16:00:00Z";
        // 22:00 EDT -> 08:00 EDT next morning.
        QTest::newRow("summer evening") << "America/New_York"
                                        << "2026-07-07T02:00:00Z"
                                        << "2026-07-07T12:00:00Z";
        // 23:30 EST on 2026-03-07; the clocks spring forward that night, 08:00 EDT = 12:00Z.
        QTest::newRow("spring forward") << "America/New_York"
                                        << "2026-03-08T04:30:00Z"
                                        << "2026-03-08T12:00:00Z";
        // 23:00 EDT on 2026-10-31; fall back that night, 08:00 EST = 13:00Z.
        QTest::newRow("fall back") << "America/New_York"
                                   << "2026-11-01T03:00:00Z"
                                   << "2026-11-01T13:00:00Z";
        // The same instant is 19:00 in Los Angeles: not quiet there.
        QTest::newRow("west coast evening") << "America/Los_Angeles"
                                            << "2026-07-07T02:00:00Z"
                                            << "2026-07-07T02:00:00Z";
        QTest::newRow("phoenix has no DST") << "America/Phoenix"
                                            << "2026-03-08T06:00:00Z"
                                            << "2026-03-08T15:00:00Z";
    }

    void nextAllowedAcrossTimeZonesAndDst()
    {
        QFETCH(QString, zone);
        QFETCH(QString, instant);
        QFETCH(QString, allowed);
        const QtTimeZoneConverter zones;
        const QuietHours hours;
        const Instant next
            = hours.nextAllowed(utc(instant.toLatin1().constData()), zone.toStdString(), zones);
        QCOMPARE(QString::fromStdString(formatInstant(next)), allowed);
    }
};

QTEST_GUILESS_MAIN(TestQuietHours)
#include "tst_quiethours.moc"
