#include "relay/twilio/TwilioVocabulary.h"

#include <QTest>

using namespace callsnare;
using namespace callsnare::relay;

class TestTwilioVocabulary : public QObject {
    Q_OBJECT

private slots:
    void dialStatuses_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("missed");
        QTest::newRow("busy") << "busy" << true;
        QTest::newRow("no-answer") << "no-answer" << true;
        QTest::newRow("failed") << "failed" << true;
        QTest::newRow("canceled") << "canceled" << true;
        QTest::newRow("completed") << "completed" << false;
        QTest::newRow("answered") << "answered" << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("case matters") << "Busy" << false;
    }

    void dialStatuses()
    {
        QFETCH(QString, status);
        QFETCH(bool, missed);
        QCOMPARE(isMissedDialStatus(status.toStdString()), missed);
    }

    void messageStatuses_data()
    {
        QTest::addColumn<QString>("twilio");
        QTest::addColumn<QString>("status"); // wire name, empty for nullopt
        QTest::newRow("accepted") << "accepted"
                                  << "queued";
        QTest::newRow("scheduled") << "scheduled"
                                   << "queued";
        QTest::newRow("queued") << "queued"
                                << "queued";
        QTest::newRow("sending") << "sending"
                                 << "sending";
        QTest::newRow("sent") << "sent"
                              << "sent";
        QTest::newRow("delivered") << "delivered"
                                   << "delivered";
        QTest::newRow("undelivered") << "undelivered"
                                     << "undelivered";
        QTest::newRow("failed") << "failed"
                                << "failed";
        QTest::newRow("canceled") << "canceled"
                                  << "failed";
        QTest::newRow("read") << "read"
                              << "";
        QTest::newRow("received") << "received"
                                  << "";
        QTest::newRow("future status") << "partially_delivered"
                                       << "";
    }

    void messageStatuses()
    {
        QFETCH(QString, twilio);
        QFETCH(QString, status);
        const auto mapped = deliveryStatusFromTwilio(twilio.toStdString());
        QCOMPARE(mapped ? QString::fromStdString(std::string(domain::wireName(*mapped))) : QString(), status);
    }

    void optOutTypes()
    {
        QCOMPARE(keywordFromOptOutType("STOP"), std::optional{domain::InboundKeyword::OptOut});
        QCOMPARE(keywordFromOptOutType("start"), std::optional{domain::InboundKeyword::OptIn});
        QCOMPARE(keywordFromOptOutType("Help"), std::optional{domain::InboundKeyword::Help});
        QVERIFY(!keywordFromOptOutType("").has_value());
        QVERIFY(!keywordFromOptOutType("UNSUBSCRIBE").has_value()); // the body decides those
    }
};

QTEST_GUILESS_MAIN(TestTwilioVocabulary)
#include "tst_twiliovocabulary.moc"
