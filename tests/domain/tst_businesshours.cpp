#include "QtTimeZoneConverter.h"
#include "domain/BusinessHours.h"

#include <QTest>

using namespace callsnare::domain;
using namespace std::chrono;

class TestBusinessHours : public QObject {
    Q_OBJECT

private slots:
    void weekdayOffice_data()
    {
        QTest::addColumn<QString>("local");
        QTest::addColumn<bool>("open");

        // 2026-07-06 is a Monday.
        QTest::newRow("monday before opening") << "2026-07-06 07:59" << false;
        QTest::newRow("monday at opening") << "2026-07-06 08:00" << true;
        QTest::newRow("monday midday") << "2026-07-06 12:30" << true;
        QTest::newRow("monday last minute") << "2026-07-06 16:59" << true;
        QTest::newRow("monday at closing") << "2026-07-06 17:00" << false;
        QTest::newRow("friday afternoon") << "2026-07-10 15:00" << true;
        QTest::newRow("saturday midday") << "2026-07-11 12:00" << false;
        QTest::newRow("sunday midday") << "2026-07-12 12:00" << false;
        QTest::newRow("midnight") << "2026-07-07 00:00" << false;
    }

    void weekdayOffice()
    {
        QFETCH(QString, local);
        QFETCH(bool, open);
        const BusinessHours hours = BusinessHours::weekdays(8h, 17h);
        QCOMPARE(hours.isOpen(wall(local.toLatin1().constData())), open);
    }

    void holidaysCloseTheWholeDay()
    {
        auto hours = BusinessHours::create(
            {{{}, {{8h, 17h}}, {{8h, 17h}}, {{8h, 17h}}, {{8h, 17h}}, {{8h, 17h}}, {}}},
            {2026y / July / 3, 2026y / December / 25});
        QVERIFY2(hours.ok(), hours.ok() ? "" : hours.error().message.c_str());
        QVERIFY(!hours->isOpen(wall("2026-07-03 10:00"))); // Friday, Independence Day observed
        QVERIFY(hours->isOpen(wall("2026-07-02 10:00")));
        QVERIFY(hours->isHoliday(2026y / December / 25));
        QVERIFY(!hours->isHoliday(2026y / December / 24));
    }

    void splitDaysAndRoundTheClock()
    {
        // A lunch break and a 24-hour Saturday on call.
        std::array<BusinessHours::DaySchedule, 7> weekly{};
        weekly[Monday.c_encoding()] = {{13h, 17h}, {8h, 12h}};
        weekly[Saturday.c_encoding()] = {{0h, 24h}};
        auto hours = BusinessHours::create(weekly);
        QVERIFY(hours.ok());
        QCOMPARE(hours->day(Monday).front().open, minutes{8h}); // sorted
        QVERIFY(hours->isOpen(wall("2026-07-06 11:59")));
        QVERIFY(!hours->isOpen(wall("2026-07-06 12:30")));
        QVERIFY(hours->isOpen(wall("2026-07-06 13:00")));
        QVERIFY(hours->isOpen(wall("2026-07-11 00:00")));
        QVERIFY(hours->isOpen(wall("2026-07-11 23:59")));
        QVERIFY(!hours->isOpen(wall("2026-07-12 00:00")));
    }

    void invalidSchedulesAreRefused_data()
    {
        QTest::addColumn<int>("openMinute");
        QTest::addColumn<int>("closeMinute");
        QTest::addColumn<int>("secondOpen");
        QTest::addColumn<int>("secondClose");

        QTest::newRow("closes before it opens") << 17 * 60 << 8 * 60 << -1 << -1;
        QTest::newRow("empty stretch") << 9 * 60 << 9 * 60 << -1 << -1;
        QTest::newRow("past midnight") << 20 * 60 << 25 * 60 << -1 << -1;
        QTest::newRow("negative") << -30 << 60 << -1 << -1;
        QTest::newRow("overlap") << 8 * 60 << 12 * 60 << 11 * 60 << 15 * 60;
    }

    void invalidSchedulesAreRefused()
    {
        QFETCH(int, openMinute);
        QFETCH(int, closeMinute);
        QFETCH(int, secondOpen);
        QFETCH(int, secondClose);
        std::array<BusinessHours::DaySchedule, 7> weekly{};
        weekly[Tuesday.c_encoding()].push_back({minutes{openMinute}, minutes{closeMinute}});
        if (secondOpen >= 0) {
            weekly[Tuesday.c_encoding()].push_back({minutes{secondOpen}, minutes{secondClose}});
        }
        const auto hours = BusinessHours::create(weekly);
        QVERIFY(!hours.ok());
        QCOMPARE(QString::fromStdString(hours.error().code), QStringLiteral("invalid_business_hours"));
    }

    void invalidHolidayIsRefused()
    {
        const auto hours = BusinessHours::create({}, {2026y / February / 30});
        QVERIFY(!hours.ok());
    }
};

QTEST_GUILESS_MAIN(TestBusinessHours)
#include "tst_businesshours.moc"
