#include "QtTimeZoneConverter.h"
#include "domain/Contact.h"
#include "domain/Message.h"
#include "domain/Organization.h"
#include "domain/TimeOrderedId.h"

#include <QTest>

using namespace callsnare::domain;
using namespace std::chrono;

Q_DECLARE_METATYPE(callsnare::domain::DeliveryStatus)

// The small rules that live on the entities themselves, and the time zone
// converter the rule tests rely on.
class TestDomainTypes : public QObject {
    Q_OBJECT

private slots:
    void timeOrderedIdsAreVersion7AndSortByTime()
    {
        const system_clock::time_point t0 = sys_days{2026y / November / 26} + hours{9} + milliseconds{5};
        const std::array<std::uint8_t, 10> high{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
        const std::array<std::uint8_t, 10> low{};
        const std::string id = timeOrderedId(t0, high);
        QCOMPARE(id.size(), std::size_t{36});
        QCOMPARE(id[8], '-');
        QCOMPARE(id[14], '7'); // version
        QVERIFY(std::string_view("89ab").find(id[19]) != std::string_view::npos); // variant
        // The first 48 bits are the Unix milliseconds.
        char stamp[13];
        std::snprintf(
            stamp, sizeof stamp, "%012llx",
            static_cast<unsigned long long>(duration_cast<milliseconds>(t0.time_since_epoch()).count()));
        QCOMPARE(id.substr(0, 8) + id.substr(9, 4), std::string(stamp));
        // A millisecond later sorts after, whatever the random bits.
        QVERIFY(timeOrderedId(t0, high) < timeOrderedId(t0 + milliseconds{1}, low));
        QVERIFY(timeOrderedId(t0 + hours{24 * 400}, low) > timeOrderedId(t0, high));
    }

    void billingStanding()
    {
        QVERIFY(isInGoodStanding(BillingState::Trial));
        QVERIFY(isInGoodStanding(BillingState::Active));
        QVERIFY(!isInGoodStanding(BillingState::PastDue));
        QVERIFY(!isInGoodStanding(BillingState::Canceled));
        for (auto state :
             {BillingState::Trial, BillingState::Active, BillingState::PastDue, BillingState::Canceled}) {
            QCOMPARE(parseBillingState(wireName(state)), std::optional{state});
        }
        QCOMPARE(wireName(BillingState::PastDue), std::string_view("past_due"));
        QCOMPARE(parseBillingState("overdue"), std::optional<BillingState>{});
    }

    void deliveryOnlyMovesForward_data()
    {
        QTest::addColumn<DeliveryStatus>("from");
        QTest::addColumn<DeliveryStatus>("to");
        QTest::addColumn<bool>("progress");

        using enum DeliveryStatus;
        QTest::newRow("queued->sent") << Queued << Sent << true;
        QTest::newRow("sending->delivered") << Sending << Delivered << true;
        QTest::newRow("sent->failed") << Sent << Failed << true;
        QTest::newRow("queued->refused") << Queued << Refused << true;
        QTest::newRow("delivered->sent (late callback)") << Delivered << Sent << false;
        QTest::newRow("sent->sending") << Sent << Sending << false;
        QTest::newRow("sent->sent (retry)") << Sent << Sent << false;
        QTest::newRow("delivered->failed (final stays)") << Delivered << Failed << false;
        QTest::newRow("undelivered->delivered") << Undelivered << Delivered << false;
        QTest::newRow("received is not outbound") << Received << Delivered << false;
        QTest::newRow("nothing becomes received") << Queued << Received << false;
    }

    void deliveryOnlyMovesForward()
    {
        QFETCH(DeliveryStatus, from);
        QFETCH(DeliveryStatus, to);
        QFETCH(bool, progress);
        QCOMPARE(isDeliveryProgress(from, to), progress);
    }

    void deliveryStatusNamesMatchTwilio()
    {
        QCOMPARE(parseDeliveryStatus("undelivered"), std::optional{DeliveryStatus::Undelivered});
        QCOMPARE(parseDeliveryStatus("delivered"), std::optional{DeliveryStatus::Delivered});
        QCOMPARE(parseDeliveryStatus("Delivered"), std::optional<DeliveryStatus>{});
        QCOMPARE(wireName(DeliveryStatus::Queued), std::string_view("queued"));
    }

    void contactFirstName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("first");
        QTest::newRow("two words") << "Dana Whitfield"
                                   << "Dana";
        QTest::newRow("padded") << "  Luis  Ortega "
                                << "Luis";
        QTest::newRow("one word") << "Priya"
                                  << "Priya";
        QTest::newRow("unknown") << ""
                                 << "";
        QTest::newRow("blank") << "   "
                               << "";
        QTest::newRow("accented") << "José Álvarez"
                                  << "José";
    }

    void contactFirstName()
    {
        QFETCH(QString, name);
        QFETCH(QString, first);
        Contact contact{"c1", "org-1", PhoneNumber::parse("+15125550142").value(), name.toStdString(),
                        {},   {}};
        QCOMPARE(QString::fromStdString(contact.firstName()), first);
    }

    void organizationTemplatesByName()
    {
        Organization org;
        org.templates.emplace(std::string(TemplateName::TextBack), "Sorry we missed you!");
        QCOMPARE(org.templateText(TemplateName::TextBack), std::string_view("Sorry we missed you!"));
        QVERIFY(org.templateText(TemplateName::Help).empty());
    }

    void instantsFormatAsIso8601()
    {
        QCOMPARE(QString::fromStdString(formatInstant(utc("2026-03-08T07:05:09Z"))),
                 QStringLiteral("2026-03-08T07:05:09Z"));
        QCOMPARE(QString::fromStdString(formatLocal(wall("2026-12-31 23:59"))),
                 QStringLiteral("2026-12-31 23:59"));
        QCOMPARE(localWeekday(wall("2026-11-25 10:00")), Wednesday);
        QCOMPARE(timeOfDay(wall("2026-11-25 10:30")), minutes{630});
    }

    void converterHandlesGapsAndOverlaps_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("local");
        QTest::addColumn<QString>("instant");

        QTest::newRow("winter") << "America/Chicago"
                                << "2026-01-15 09:00"
                                << "2026-01-15T15:00:00Z";
        QTest::newRow("summer") << "America/Chicago"
                                << "2026-07-15 09:00"
                                << "2026-07-15T14:00:00Z";
        // 02:30 does not exist on 2026-03-08 in Chicago: read as 03:30 CDT.
        QTest::newRow("spring gap") << "America/Chicago"
                                    << "2026-03-08 02:30"
                                    << "2026-03-08T08:30:00Z";
        // 01:30 happens twice on 2026-11-01: the earlier (CDT) one.
        QTest::newRow("fall overlap") << "America/Chicago"
                                      << "2026-11-01 01:30"
                                      << "2026-11-01T06:30:00Z";
        QTest::newRow("utc") << "UTC"
                             << "2026-11-01 01:30"
                             << "2026-11-01T01:30:00Z";
    }

    void converterHandlesGapsAndOverlaps()
    {
        QFETCH(QString, zone);
        QFETCH(QString, local);
        QFETCH(QString, instant);
        const QtTimeZoneConverter zones;
        QVERIFY(zones.knows(zone.toStdString()));
        const Instant at = zones.toInstant(wall(local.toLatin1().constData()), zone.toStdString());
        QCOMPARE(QString::fromStdString(formatInstant(at)), instant);
        QVERIFY(!zones.knows("Mars/Olympus_Mons"));
    }
};

QTEST_GUILESS_MAIN(TestDomainTypes)
#include "tst_domaintypes.moc"
