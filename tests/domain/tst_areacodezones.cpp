#include "domain/AreaCodeZones.h"
#include "domain/PhoneNumber.h"

#include "QtTimeZoneConverter.h"

#include <QDateTime>
#include <QSet>
#include <QTest>
#include <QTimeZone>

using namespace callsnare::domain;

namespace {

QString q(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString zoneOrNone(const std::optional<std::string_view>& zone)
{
    return zone ? q(*zone) : QStringLiteral("(none)");
}

} // namespace

class TestAreaCodeZones : public QObject {
    Q_OBJECT

private slots:
    void knownCodes_data()
    {
        QTest::addColumn<QString>("areaCode");
        QTest::addColumn<QString>("zone");
        const auto row = [](const char* code, const char* where, const char* zone) {
            QTest::addRow("%s %s", code, where) << QString::fromLatin1(code) << QString::fromLatin1(zone);
        };
        row("212", "Manhattan", "America/New_York");
        row("305", "Miami", "America/New_York");
        row("617", "Boston", "America/New_York");
        row("202", "Washington DC", "America/New_York");
        row("313", "Detroit", "America/Detroit");
        row("906", "Upper Peninsula", "America/Detroit");
        row("317", "Indianapolis", "America/Indiana/Indianapolis");
        row("812", "southern Indiana", "America/Indiana/Indianapolis");
        row("219", "Gary", "America/Chicago");
        row("502", "Louisville", "America/Kentucky/Louisville");
        row("270", "western Kentucky", "America/Chicago");
        row("512", "Austin", "America/Chicago");
        row("737", "Austin overlay", "America/Chicago");
        row("312", "Chicago", "America/Chicago");
        row("850", "Florida panhandle", "America/Chicago");
        row("615", "Nashville", "America/Chicago");
        row("865", "Knoxville", "America/New_York");
        row("303", "Denver", "America/Denver");
        row("915", "El Paso", "America/Denver");
        row("801", "Salt Lake City", "America/Denver");
        row("208", "Idaho", "America/Boise");
        row("602", "Phoenix", "America/Phoenix");
        row("928", "northern Arizona", "America/Phoenix");
        row("213", "Los Angeles", "America/Los_Angeles");
        row("702", "Las Vegas", "America/Los_Angeles");
        row("206", "Seattle", "America/Los_Angeles");
        row("907", "Alaska", "America/Anchorage");
        row("808", "Hawaii", "Pacific/Honolulu");
        row("787", "Puerto Rico", "America/Puerto_Rico");
        row("939", "Puerto Rico overlay", "America/Puerto_Rico");
        row("340", "US Virgin Islands", "America/St_Thomas");
        row("671", "Guam", "Pacific/Guam");
        row("670", "Northern Mariana Islands", "Pacific/Saipan");
        row("684", "American Samoa", "Pacific/Pago_Pago");
        row("416", "Toronto", "America/Toronto");
        row("514", "Montreal", "America/Toronto");
        row("807", "Thunder Bay", "America/Toronto");
        row("604", "Vancouver", "America/Vancouver");
        row("403", "Calgary", "America/Edmonton");
        row("204", "Manitoba", "America/Winnipeg");
        row("306", "Saskatchewan", "America/Regina");
        row("506", "New Brunswick", "America/Moncton");
        row("902", "Nova Scotia", "America/Halifax");
        row("709", "Newfoundland", "America/St_Johns");
        row("867", "territories", "America/Edmonton");
        row("809", "Dominican Republic", "America/Santo_Domingo");
        row("876", "Jamaica", "America/Jamaica");
        row("441", "Bermuda", "Atlantic/Bermuda");
        row("242", "Bahamas", "America/Nassau");
        row("246", "Barbados", "America/Barbados");
        row("868", "Trinidad", "America/Port_of_Spain");
    }

    void knownCodes()
    {
        QFETCH(QString, areaCode);
        QFETCH(QString, zone);
        QCOMPARE(zoneOrNone(zoneForAreaCode(areaCode.toStdString())), zone);
    }

    void codesWithoutAZone_data()
    {
        QTest::addColumn<QString>("areaCode");
        for (const char* code : {"800", "833", "844", "855", "866", "877", "888", "900", "500", "521", "533",
                                 "544", "566", "577", "588", "600", "622", "700", "710", "456", "880"}) {
            QTest::addRow("non-geographic %s", code) << QString::fromLatin1(code);
        }
        for (const char* code : {"555", "999", "370", "211", "911"}) {
            QTest::addRow("not in service %s", code) << QString::fromLatin1(code);
        }
        for (const char* code : {"", "21", "2125", "abc", "099", "+1212"}) {
            QTest::addRow("malformed \"%s\"", code) << QString::fromLatin1(code);
        }
    }

    void codesWithoutAZone()
    {
        QFETCH(QString, areaCode);
        QCOMPARE(zoneOrNone(zoneForAreaCode(areaCode.toStdString())), QStringLiteral("(none)"));
    }

    void homeZoneOfNumbers_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("zone");
        QTest::newRow("Austin") << "+1 (512) 555-0142"
                                << "America/Chicago";
        QTest::newRow("Vancouver") << "604.555.0199"
                                   << "America/Vancouver";
        QTest::newRow("Honolulu") << "1-808-555-0123"
                                  << "Pacific/Honolulu";
        QTest::newRow("San Juan") << "+17875550100"
                                  << "America/Puerto_Rico";
        QTest::newRow("toll free") << "+1 800 555 0100"
                                   << "(none)";
        QTest::newRow("London") << "+44 20 7946 0958"
                                << "(none)";
        QTest::newRow("Mexico City") << "+52 55 1234 5678"
                                     << "(none)";
    }

    void homeZoneOfNumbers()
    {
        QFETCH(QString, number);
        QFETCH(QString, zone);
        const Result<PhoneNumber> parsed = PhoneNumber::parse(number.toStdString());
        QVERIFY2(parsed.ok(), qPrintable(number));
        QCOMPARE(zoneOrNone(homeZoneOf(*parsed)), zone);
    }

    void tableIsSortedUniqueAndWellFormed()
    {
        const auto table = areaCodeZones();
        QVERIFY(table.size() > 400);
        for (std::size_t i = 0; i < table.size(); ++i) {
            const std::string_view code = table[i].areaCode;
            const QString where = q(code);
            QVERIFY2(
                code.size() == 3
                    && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }),
                qPrintable(where));
            QVERIFY2(code[0] >= '2', qPrintable(where));
            QVERIFY2(!(code[1] == '1' && code[2] == '1'), qPrintable(where + " is a service code"));
            QVERIFY2(code[1] != '9', qPrintable(where + ": 9 in the middle is reserved for expansion"));
            QVERIFY2(!(code[1] == code[2]),
                     qPrintable(where + " is an easily recognizable (non-geographic) code"));
            if (i > 0) {
                QVERIFY2(table[i - 1].areaCode < code, qPrintable(where + " is out of order or repeated"));
            }
            QVERIFY2(zoneForAreaCode(code) == table[i].zone, qPrintable(where));
        }
    }

    // Every zone is one QTimeZone (and so the system zoneinfo) knows, and its
    // offset is one the NANP region has: a typo in a zone name fails here.
    void everyZoneIsKnownAndPlausible()
    {
        const QtTimeZoneConverter converter;
        QSet<QString> zones;
        for (const AreaCodeZone& entry : areaCodeZones()) {
            zones.insert(q(entry.zone));
        }
        const QDateTime january = QDateTime(QDate(2026, 1, 15), QTime(12, 0), QTimeZone::utc());
        for (const QString& zone : std::as_const(zones)) {
            QVERIFY2(converter.knows(zone.toStdString()), qPrintable(zone));
            const int offsetHours = QTimeZone(zone.toLatin1()).offsetFromUtc(january) / 3600;
            const bool pacificIslands = zone == "Pacific/Guam" || zone == "Pacific/Saipan";
            QVERIFY2(pacificIslands ? offsetHours == 10 : (offsetHours >= -11 && offsetHours <= -3),
                     qPrintable(zone + QStringLiteral(" is at UTC%1").arg(offsetHours)));
        }
    }

    void countsPerCountry()
    {
        const QSet<QString> canadianZones{"America/Toronto",  "America/Vancouver", "America/Edmonton",
                                          "America/Winnipeg", "America/Regina",    "America/Halifax",
                                          "America/Moncton",  "America/St_Johns"};
        int canadian = 0;
        for (const AreaCodeZone& entry : areaCodeZones()) {
            canadian += canadianZones.contains(q(entry.zone)) ? 1 : 0;
        }
        QVERIFY2(canadian >= 50, qPrintable(QString::number(canadian)));
        QVERIFY2(static_cast<int>(areaCodeZones().size()) - canadian >= 360,
                 qPrintable(QString::number(areaCodeZones().size())));
    }
};

QTEST_APPLESS_MAIN(TestAreaCodeZones)
#include "tst_areacodezones.moc"
