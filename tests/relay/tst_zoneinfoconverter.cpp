#include "relay/time/ZoneinfoConverter.h"

#include "QtTimeZoneConverter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <atomic>
#include <thread>
#include <vector>

using namespace callsnare::domain;
using namespace callsnare::relay;
using namespace std::chrono;

namespace {

constexpr std::int64_t kHour = 3600;
const QString kSystemZoneinfo = QStringLiteral("/usr/share/zoneinfo");

std::int64_t secondsOf(Instant instant)
{
    return instant.time_since_epoch().count();
}

std::int64_t secondsOf(LocalTime local)
{
    return local.time_since_epoch().count();
}

Instant instantAt(std::int64_t seconds)
{
    return Instant{std::chrono::seconds{seconds}};
}

LocalTime localAt(std::int64_t seconds)
{
    return LocalTime{std::chrono::seconds{seconds}};
}

QByteArray readSystemZone(const char* zone)
{
    QFile file(kSystemZoneinfo + QLatin1Char('/') + QLatin1String(zone));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

quint32 bigEndian32(const QByteArray& bytes, qsizetype at)
{
    quint32 value = 0;
    for (qsizetype i = 0; i < 4; ++i) {
        value = (value << 8) | static_cast<quint8>(bytes[at + i]);
    }
    return value;
}

// The header and 32-bit data of a TZif file, marked as version 1: what an old
// zic writes, to check the fallback for files without a 64-bit section.
QByteArray versionOneOnly(const QByteArray& tzif)
{
    const quint32 isUt = bigEndian32(tzif, 20);
    const quint32 isStd = bigEndian32(tzif, 24);
    const quint32 leap = bigEndian32(tzif, 28);
    const quint32 times = bigEndian32(tzif, 32);
    const quint32 types = bigEndian32(tzif, 36);
    const quint32 chars = bigEndian32(tzif, 40);
    const qsizetype size = 44 + times * 5 + types * 6 + chars + leap * 8 + isStd + isUt;
    QByteArray v1 = tzif.left(size);
    v1[4] = '\0';
    return v1;
}

QString describe(std::int64_t seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc()).toString(Qt::ISODate);
}

} // namespace

class TestZoneinfoConverter : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kSystemZoneinfo + "/America/New_York"),
                 "the system zoneinfo is missing; scripts/setup installs tzdata");
    }

    void agreesWithQTimeZone_data()
    {
        QTest::addColumn<QString>("zone");
        for (const char* zone : {"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
                                 "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu",
                                 "America/Puerto_Rico", "Europe/London", "Australia/Lord_Howe",
                                 "Asia/Kathmandu", "America/Toronto", "America/St_Johns", "Etc/UTC",
                                 // Footer rules with hours past 24 or below 0 and southern-hemisphere DST.
                                 "America/Nuuk", "Asia/Jerusalem", "America/Santiago", "Pacific/Chatham"}) {
            QTest::newRow(zone) << QString::fromLatin1(zone);
        }
    }

    // Many instants from 1970 to 2040 (past the last transition the files
    // list, so the footer rule is exercised), and every transition Qt knows
    // of with the seconds around it, in both directions.
    void agreesWithQTimeZone()
    {
        QFETCH(QString, zone);
        const std::string name = zone.toStdString();
        const ZoneinfoConverter converter;
        const QtTimeZoneConverter reference;
        QVERIFY(converter.knows(name));
        QVERIFY(reference.knows(name));

        const std::int64_t from = secondsOf(utc("1970-01-01T00:00:00Z"));
        const std::int64_t to = secondsOf(utc("2040-12-31T23:59:59Z"));
        const std::int64_t step = 6 * 24 * kHour + 23 * kHour + 17 * 60 + 13;
        int compared = 0;
        const auto compareAt = [&](std::int64_t utcSeconds) {
            const LocalTime local = converter.toLocal(instantAt(utcSeconds), name);
            const LocalTime expectedLocal = reference.toLocal(instantAt(utcSeconds), name);
            if (local != expectedLocal) {
                return QStringLiteral("toLocal(%1) is %2 s off Qt's")
                    .arg(describe(utcSeconds))
                    .arg(secondsOf(local) - secondsOf(expectedLocal));
            }
            // Wall times at, just before and just after this one.
            for (const std::int64_t wall : {secondsOf(local), secondsOf(local) - 1, secondsOf(local) + 1}) {
                const Instant back = converter.toInstant(localAt(wall), name);
                const Instant expectedBack = reference.toInstant(localAt(wall), name);
                if (back != expectedBack) {
                    return QStringLiteral("toInstant(wall %1) is %2, Qt says %3")
                        .arg(describe(wall), describe(secondsOf(back)), describe(secondsOf(expectedBack)));
                }
            }
            ++compared;
            return QString();
        };

        for (std::int64_t at = from; at <= to; at += step) {
            const QString problem = compareAt(at);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        const QTimeZone qtZone(zone.toLatin1());
        const auto transitions = qtZone.transitions(QDateTime::fromSecsSinceEpoch(from, QTimeZone::utc()),
                                                    QDateTime::fromSecsSinceEpoch(to, QTimeZone::utc()));
        for (const QTimeZone::OffsetData& transition : transitions) {
            const std::int64_t at = transition.atUtc.toSecsSinceEpoch();
            for (const std::int64_t around : {at - kHour, at - 1, at, at + 1, at + kHour}) {
                const QString problem = compareAt(around);
                QVERIFY2(problem.isEmpty(), qPrintable(problem));
            }
        }
        QVERIFY(compared > 3000);
    }

    void dst2026_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<int>("standardHours");
        QTest::newRow("New York") << "America/New_York" << -5;
        QTest::newRow("Chicago") << "America/Chicago" << -6;
        QTest::newRow("Denver") << "America/Denver" << -7;
        QTest::newRow("Los Angeles") << "America/Los_Angeles" << -8;
        QTest::newRow("Anchorage") << "America/Anchorage" << -9;
    }

    // Every second from 00:00 to 04:00 wall time on the days the US clocks
    // change in 2026 (March 8, November 1), against the documented rule.
    void dst2026()
    {
        QFETCH(QString, zone);
        QFETCH(int, standardHours);
        const std::string name = zone.toStdString();
        const ZoneinfoConverter converter;
        const std::int64_t standard = standardHours * kHour;
        const std::int64_t summerOffset = standard + kHour;

        // Spring forward: 02:00 standard time becomes 03:00 daylight time.
        const std::int64_t march = secondsOf(wall("2026-03-08 00:00"));
        const std::int64_t jumpWall = march + 2 * kHour;
        const std::int64_t jumpInstant = jumpWall - standard;
        for (std::int64_t wallSeconds = march; wallSeconds < march + 4 * kHour; ++wallSeconds) {
            std::int64_t expected = 0;
            if (wallSeconds < jumpWall) {
                expected = wallSeconds - standard;
            } else if (wallSeconds < jumpWall + kHour) {
                // Does not exist: the instant the clocks jumped to, plus the time past the jump.
                expected = jumpInstant + (wallSeconds - jumpWall);
            } else {
                expected = wallSeconds - summerOffset;
            }
            const std::int64_t got = secondsOf(converter.toInstant(localAt(wallSeconds), name));
            QVERIFY2(got == expected,
                     qPrintable(QStringLiteral("March wall %1: %2, expected %3")
                                    .arg(describe(wallSeconds), describe(got), describe(expected))));
            const bool inGap = wallSeconds >= jumpWall && wallSeconds < jumpWall + kHour;
            QCOMPARE(secondsOf(converter.toLocal(instantAt(got), name)),
                     inGap ? wallSeconds + kHour : wallSeconds);
        }

        // Fall back: 02:00 daylight time becomes 01:00 standard time; 01:xx happens twice.
        const std::int64_t november = secondsOf(wall("2026-11-01 00:00"));
        const std::int64_t overlapStart = november + kHour;
        const std::int64_t overlapEnd = november + 2 * kHour;
        for (std::int64_t wallSeconds = november; wallSeconds < november + 4 * kHour; ++wallSeconds) {
            const bool inOverlap = wallSeconds >= overlapStart && wallSeconds < overlapEnd;
            const std::int64_t expected
                = wallSeconds < overlapEnd ? wallSeconds - summerOffset : wallSeconds - standard;
            const std::int64_t got = secondsOf(converter.toInstant(localAt(wallSeconds), name));
            QVERIFY2(got == expected,
                     qPrintable(QStringLiteral("November wall %1: %2, expected %3")
                                    .arg(describe(wallSeconds), describe(got), describe(expected))));
            QCOMPARE(secondsOf(converter.toLocal(instantAt(got), name)), wallSeconds);
            if (inOverlap) {
                // The later reading exists too; the rule picked the earlier one.
                QCOMPARE(secondsOf(converter.toLocal(instantAt(wallSeconds - standard), name)), wallSeconds);
            }
        }
    }

    void zonesWithoutDst2026_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<int>("offsetMinutes");
        QTest::newRow("Phoenix") << "America/Phoenix" << -7 * 60;
        QTest::newRow("Honolulu") << "Pacific/Honolulu" << -10 * 60;
        QTest::newRow("Puerto Rico") << "America/Puerto_Rico" << -4 * 60;
        QTest::newRow("Kathmandu") << "Asia/Kathmandu" << 5 * 60 + 45;
    }

    void zonesWithoutDst2026()
    {
        QFETCH(QString, zone);
        QFETCH(int, offsetMinutes);
        const std::string name = zone.toStdString();
        const ZoneinfoConverter converter;
        const std::int64_t offset = offsetMinutes * 60;
        for (const char* day : {"2026-03-08 00:00", "2026-11-01 00:00"}) {
            const std::int64_t start = secondsOf(wall(day));
            for (std::int64_t wallSeconds = start; wallSeconds < start + 4 * kHour; wallSeconds += 60) {
                QCOMPARE(secondsOf(converter.toInstant(localAt(wallSeconds), name)), wallSeconds - offset);
                QCOMPARE(secondsOf(converter.toLocal(instantAt(wallSeconds), name)), wallSeconds + offset);
            }
        }
    }

    // Far past the last transition in the file: only the footer rule knows.
    void futureYearsFollowTheFooterRule_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("instant");
        QTest::addColumn<int>("offsetMinutes");
        QTest::newRow("New York, July 2099") << "America/New_York"
                                             << "2099-07-01T12:00:00Z" << -4 * 60;
        QTest::newRow("New York, January 2099") << "America/New_York"
                                                << "2099-01-15T12:00:00Z" << -5 * 60;
        QTest::newRow("New York, 2nd Sunday of March 2099, before") << "America/New_York"
                                                                    << "2099-03-08T06:59:59Z" << -5 * 60;
        QTest::newRow("New York, 2nd Sunday of March 2099, after") << "America/New_York"
                                                                   << "2099-03-08T07:00:00Z" << -4 * 60;
        QTest::newRow("Lord Howe, January 2099") << "Australia/Lord_Howe"
                                                 << "2099-01-15T00:00:00Z" << 11 * 60;
        QTest::newRow("Lord Howe, July 2099") << "Australia/Lord_Howe"
                                              << "2099-07-15T00:00:00Z" << 10 * 60 + 30;
        QTest::newRow("London, August 2150") << "Europe/London"
                                             << "2150-08-01T00:00:00Z" << 60;
    }

    void futureYearsFollowTheFooterRule()
    {
        QFETCH(QString, zone);
        QFETCH(QString, instant);
        QFETCH(int, offsetMinutes);
        const ZoneinfoConverter converter;
        const Instant at = utc(instant.toLatin1().constData());
        const LocalTime local = converter.toLocal(at, zone.toStdString());
        QCOMPARE(secondsOf(local) - secondsOf(at), std::int64_t{offsetMinutes} * 60);
        QCOMPARE(converter.toInstant(local, zone.toStdString()), at);
    }

    void unknownAndMalformedNames_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::newRow("empty") << "";
        QTest::newRow("unknown") << "Mars/Olympus_Mons";
        QTest::newRow("a directory") << "America";
        QTest::newRow("parent") << "../../../etc/passwd";
        QTest::newRow("parent inside") << "America/../America/New_York";
        QTest::newRow("absolute") << "/usr/share/zoneinfo/America/New_York";
        QTest::newRow("double slash") << "America//New_York";
        QTest::newRow("trailing slash") << "America/New_York/";
        QTest::newRow("space") << "America/New York";
        QTest::newRow("backslash") << "America\\New_York";
        QTest::newRow("dot file") << "zone.tab";
        QTest::newRow("too long") << QString(300, QLatin1Char('A'));
    }

    void unknownAndMalformedNames()
    {
        QFETCH(QString, zone);
        const ZoneinfoConverter converter;
        const std::string name = zone.toStdString();
        QVERIFY(!converter.knows(name));
        QVERIFY(!ZoneinfoConverter::isWellFormedZoneName(name) || zone == "Mars/Olympus_Mons"
                || zone == "America");
        // Read as UTC rather than failing: callers ask knows() first.
        const Instant at = utc("2026-07-01T12:00:00Z");
        QCOMPARE(secondsOf(converter.toLocal(at, name)), secondsOf(at));
        QCOMPARE(converter.toInstant(localAt(secondsOf(at)), name), at);
    }

    void nulInsideNameIsRefused()
    {
        const ZoneinfoConverter converter;
        QVERIFY(!converter.knows(std::string_view("America/New_York\0x", 18)));
        QVERIFY(converter.knows("America/New_York"));
    }

    void nameCannotLeaveTheRoot()
    {
        QTemporaryDir dir(
            QDir(qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath())).filePath("zi-XXXXXX"));
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath("root/Test"));
        const QByteArray newYork = readSystemZone("America/New_York");
        QVERIFY(!newYork.isEmpty());
        for (const QString& relative : {QStringLiteral("outside"), QStringLiteral("root/Test/Inside")}) {
            QFile file(dir.filePath(relative));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(newYork);
        }
        const ZoneinfoConverter converter(dir.filePath("root").toStdString());
        QVERIFY(converter.knows("Test/Inside"));
        QVERIFY(!converter.knows("../outside"));
        QVERIFY(!converter.knows("Test/../../outside"));
        QVERIFY(!converter.knows("America/New_York")); // not under this root
    }

    void corruptFilesAreUnknown_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        const QByteArray good = readSystemZone("America/New_York");
        QVERIFY(good.size() > 1000);
        const QByteArray v1 = versionOneOnly(good);

        QTest::newRow("intact copy") << good << true;
        QTest::newRow("version 1 data only") << v1 << true;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("magic only") << good.left(4) << false;
        QTest::newRow("header cut") << good.left(30) << false;
        QTest::newRow("header only") << good.left(44) << false;
        QTest::newRow("first block cut") << good.left(200) << false;
        QTest::newRow("second block cut") << good.left(good.size() / 2 + 400) << false;
        QTest::newRow("footer without final newline") << good.left(good.size() - 1) << false;
        QTest::newRow("footer cut") << good.left(good.size() - 10) << false;
        QTest::newRow("version 1 cut") << v1.left(v1.size() - 3) << false;
        QTest::newRow("text file") << QByteArray("# not a zone\nZone X 0 - UTC\n") << false;

        QByteArray badMagic = good;
        badMagic[0] = 'X';
        QTest::newRow("wrong magic") << badMagic << false;
        QByteArray badVersion = good;
        badVersion[4] = '9';
        QTest::newRow("unknown version") << badVersion << false;
        QByteArray hugeCount = v1;
        hugeCount[32] = '\x7f'; // transition count in the billions
        QTest::newRow("count past the end") << hugeCount << false;
        QByteArray badType = v1;
        badType[44 + static_cast<qsizetype>(bigEndian32(v1, 32)) * 4] = '\xff';
        QTest::newRow("type index out of range") << badType << false;
        QByteArray unordered = v1;
        for (qsizetype i = 0; i < 4; ++i) {
            unordered[44 + 4 + i] = unordered[44 + i]; // second transition equal to the first
        }
        QTest::newRow("transitions out of order") << unordered << false;
        const qsizetype footerStart = good.lastIndexOf('\n', good.size() - 2);
        QTest::newRow("garbage footer") << good.left(footerStart) + "\nnot a rule\n" << false;
        QTest::newRow("DST footer without rules") << good.left(footerStart) + "\nEST5EDT\n" << false;
        QTest::newRow("empty footer") << good.left(footerStart) + "\n\n" << true;
    }

    void corruptFilesAreUnknown()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QTemporaryDir dir(
            QDir(qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath())).filePath("zi-XXXXXX"));
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath("Test"));
        QFile file(dir.filePath("Test/Zone"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();

        const ZoneinfoConverter converter(dir.path().toStdString());
        QCOMPARE(converter.knows("Test/Zone"), valid);
        const Instant summer = utc("2026-07-01T12:00:00Z");
        const LocalTime local = converter.toLocal(summer, "Test/Zone");
        QCOMPARE(secondsOf(local) - secondsOf(summer), valid ? -4 * kHour : 0);
        if (valid) {
            // The version 1 fallback (transitions up to 2037) against Qt reading the system file.
            const QtTimeZoneConverter reference;
            for (std::int64_t at = secondsOf(utc("1970-01-01T00:00:00Z"));
                 at < secondsOf(utc("2037-01-01T00:00:00Z")); at += 3 * 24 * kHour + 5 * kHour + 11) {
                QCOMPARE(converter.toLocal(instantAt(at), "Test/Zone"),
                         reference.toLocal(instantAt(at), "America/New_York"));
            }
        }
    }

    // Many threads asking at once, on a converter that has parsed nothing yet,
    // get what one thread gets.
    void concurrentCallersAgree()
    {
        const std::vector<std::string> zones{"America/New_York",    "America/Chicago",  "America/Denver",
                                             "America/Los_Angeles", "Pacific/Honolulu", "Australia/Lord_Howe",
                                             "Nowhere/Unknown"};
        const ZoneinfoConverter single;
        const std::int64_t start = secondsOf(utc("2025-01-01T00:00:00Z"));
        std::vector<std::int64_t> expected;
        for (int i = 0; i < 2000; ++i) {
            const std::string& zone = zones[static_cast<std::size_t>(i) % zones.size()];
            expected.push_back(secondsOf(single.toLocal(instantAt(start + i * 7919), zone)));
        }

        const ZoneinfoConverter shared;
        std::atomic<int> mismatches{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 2000; ++i) {
                    const int index = (i + t * 251) % 2000;
                    const std::string& zone = zones[static_cast<std::size_t>(index) % zones.size()];
                    const LocalTime local = shared.toLocal(instantAt(start + index * 7919), zone);
                    if (secondsOf(local) != expected[static_cast<std::size_t>(index)]
                        || shared.toLocal(instantAt(secondsOf(shared.toInstant(local, zone))), zone)
                            != local) {
                        ++mismatches;
                    }
                }
            });
        }
        for (std::thread& thread : threads) {
            thread.join();
        }
        QCOMPARE(mismatches.load(), 0);
    }
};

QTEST_APPLESS_MAIN(TestZoneinfoConverter)
#include "tst_zoneinfoconverter.moc"
