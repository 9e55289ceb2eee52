#include "relay/twilio/TwimlResponse.h"

#include <QTest>

using callsnare::relay::escapeXml;
using callsnare::relay::TwimlResponse;

namespace {
const std::string prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
}

class TestTwiml : public QObject {
    Q_OBJECT

private slots:
    void voiceAnswerDialsTheOffice()
    {
        const std::string xml = TwimlResponse()
                                    .dial("+15125550100", std::chrono::seconds{20},
                                          "https://relay.test/v1/carrier/twilio/voice/dial-status")
                                    .toXml();
        QCOMPARE(xml,
                 prolog
                     + "<Response><Dial timeout=\"20\" "
                       "action=\"https://relay.test/v1/carrier/twilio/voice/dial-status\" "
                       "method=\"POST\">+15125550100</Dial></Response>");
    }

    void dialStatusAnswerSaysAndHangsUp()
    {
        const std::string xml
            = TwimlResponse().say("Sorry we missed you. We'll text you shortly.").hangup().toXml();
        QCOMPARE(xml,
                 prolog
                     + "<Response><Say>Sorry we missed you. We&apos;ll text you "
                       "shortly.</Say><Hangup/></Response>");
    }

    void messagingAnswerIsEmpty() { QCOMPARE(TwimlResponse().toXml(), prolog + "<Response/>"); }

    void attributesAndTextAreEscaped()
    {
        const std::string xml = TwimlResponse()
                                    .dial("<x>&\"", std::chrono::seconds{15}, "https://r.test/a?b=1&c=\"2\"")
                                    .toXml();
        QVERIFY2(xml.find("action=\"https://r.test/a?b=1&amp;c=&quot;2&quot;\"") != std::string::npos,
                 xml.c_str());
        QVERIFY2(xml.find(">&lt;x&gt;&amp;&quot;</Dial>") != std::string::npos, xml.c_str());
    }

    void escapeXml_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("escaped");

        QTest::newRow("plain") << QByteArray("Hello") << QByteArray("Hello");
        QTest::newRow("all five") << QByteArray("&<>\"'") << QByteArray("&amp;&lt;&gt;&quot;&apos;");
        QTest::newRow("already escaped is escaped again") << QByteArray("&amp;") << QByteArray("&amp;amp;");
        QTest::newRow("utf-8 kept") << QByteArray("Café ☀️") << QByteArray("Café ☀️");
        QTest::newRow("whitespace kept") << QByteArray("a\tb\nc\r") << QByteArray("a\tb\nc\r");
        QTest::newRow("controls dropped") << QByteArray("a\x01\x1f"
                                                        "b")
                                          << QByteArray("ab");
    }

    void escapeXml()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, escaped);
        QCOMPARE(QByteArray::fromStdString(::escapeXml(text.toStdString())), escaped);
    }
};

QTEST_GUILESS_MAIN(TestTwiml)
#include "tst_twiml.moc"
