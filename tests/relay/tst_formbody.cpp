#include "relay/twilio/FormBody.h"

#include <QTest>

using callsnare::relay::FormBody;
using callsnare::relay::FormParam;
using callsnare::relay::FormParams;

Q_DECLARE_METATYPE(callsnare::relay::FormParams)

class TestFormBody : public QObject {
    Q_OBJECT

private slots:
    void parsesValidBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<FormParams>("expected");

        QTest::newRow("empty") << QByteArray() << FormParams{};
        QTest::newRow("one pair") << QByteArray("CallSid=CA1") << FormParams{{"CallSid", "CA1"}};
        QTest::newRow("plus is space")
            << QByteArray("Body=no+heat+today") << FormParams{{"Body", "no heat today"}};
        QTest::newRow("percent plus")
            << QByteArray("From=%2B15125550142") << FormParams{{"From", "+15125550142"}};
        QTest::newRow("lowercase hex") << QByteArray("Body=a%2fb%2Fc") << FormParams{{"Body", "a/b/c"}};
        QTest::newRow("utf-8") << QByteArray("Body=%E2%98%80%EF%B8%8F+hot")
                               << FormParams{{"Body", "☀️ hot"}};
        QTest::newRow("newline kept")
            << QByteArray("Body=line1%0D%0Aline2") << FormParams{{"Body", "line1\r\nline2"}};
        QTest::newRow("empty value") << QByteArray("Body=&To=%2B1") << FormParams{{"Body", ""}, {"To", "+1"}};
        QTest::newRow("no equals sign") << QByteArray("Flag") << FormParams{{"Flag", ""}};
        QTest::newRow("equals in value") << QByteArray("Body=a=b") << FormParams{{"Body", "a=b"}};
        QTest::newRow("repeated names in order")
            << QByteArray("MediaUrl=b&To=x&MediaUrl=a&MediaUrl=b")
            << FormParams{{"MediaUrl", "b"}, {"To", "x"}, {"MediaUrl", "a"}, {"MediaUrl", "b"}};
        QTest::newRow("empty pairs skipped") << QByteArray("a=1&&b=2&") << FormParams{{"a", "1"}, {"b", "2"}};
        QTest::newRow("encoded name") << QByteArray("Media%55rl0=x") << FormParams{{"MediaUrl0", "x"}};
    }

    void parsesValidBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(FormParams, expected);
        const auto parsed = FormBody::parse(body.toStdString());
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
        QCOMPARE(parsed->params(), expected);
    }

    void refusesMalformedBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");

        QTest::newRow("truncated escape") << QByteArray("Body=100%") << "malformed_body";
        QTest::newRow("one hex digit") << QByteArray("Body=%4") << "malformed_body";
        QTest::newRow("bad hex") << QByteArray("Body=%G1") << "malformed_body";
        QTest::newRow("bad hex second") << QByteArray("Body=%1Z") << "malformed_body";
        QTest::newRow("bad escape in name") << QByteArray("B%zzody=x") << "malformed_body";
        QTest::newRow("empty name") << QByteArray("=value") << "malformed_body";
        QTest::newRow("raw space") << QByteArray("Body=a b") << "malformed_body";
        QTest::newRow("raw newline") << QByteArray("Body=a\nb") << "malformed_body";
        QTest::newRow("raw utf-8") << QByteArray("Body=\xc3\xa9") << "malformed_body";
        QTest::newRow("nul") << QByteArray("Body=a%00b") << "malformed_body";
        QTest::newRow("invalid utf-8") << QByteArray("Body=%C3%28") << "malformed_body";
        QTest::newRow("overlong utf-8") << QByteArray("Body=%C0%AF") << "malformed_body";
        QTest::newRow("surrogate") << QByteArray("Body=%ED%A0%80") << "malformed_body";
        QTest::newRow("truncated utf-8") << QByteArray("Body=%E2%98") << "malformed_body";
        QTest::newRow("raw quote") << QByteArray("Body=say+\"hi\"") << "malformed_body";
        QTest::newRow("raw brace") << QByteArray("Body={x}") << "malformed_body";
        QTest::newRow("json") << QByteArray("{\"CallSid\":\"CA1\"}") << "malformed_body";
    }

    void refusesMalformedBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        const auto parsed = FormBody::parse(body.toStdString());
        QVERIFY2(!parsed.ok(), "a malformed body was accepted");
        QCOMPARE(QString::fromStdString(parsed.error().code), code);
        QVERIFY(!parsed.error().message.empty());
    }

    void sizeLimits()
    {
        const std::string atLimit = "Body=" + std::string(95, 'x');
        QVERIFY(FormBody::parse(atLimit, 100).ok());
        const auto over = FormBody::parse(atLimit + "x", 100);
        QVERIFY(!over.ok());
        QCOMPARE(over.error().code, std::string("body_too_large"));

        std::string manyPairs;
        for (std::size_t i = 0; i <= FormBody::MaxParams; ++i) {
            manyPairs += "a=1&";
        }
        const auto tooMany = FormBody::parse(manyPairs);
        QVERIFY(!tooMany.ok());
        QCOMPARE(tooMany.error().code, std::string("body_too_large"));
    }

    void lookups()
    {
        const auto parsed = FormBody::parse("To=%2B1&MediaUrl=b&MediaUrl=a&Empty=");
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->value("To").value_or("?"), std::string_view("+1"));
        QCOMPARE(parsed->value("MediaUrl").value_or("?"), std::string_view("b"));
        QVERIFY(!parsed->value("to").has_value()); // names are case-sensitive
        QVERIFY(parsed->contains("Empty"));
        QCOMPARE(parsed->valueOr("Missing", "fallback"), std::string_view("fallback"));
        const std::vector<std::string_view> media{"b", "a"};
        QCOMPARE(parsed->values("MediaUrl"), media);
    }

    void encodeRoundTrips()
    {
        const FormParams params{{"Body", "a+b & c=d ☀️ 100%"}, {"From", "+15125550142"}, {"Empty", ""}};
        const std::string encoded = FormBody::encode(params);
        QCOMPARE(encoded.find(' '), std::string::npos);
        const auto parsed = FormBody::parse(encoded);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->params(), params);
    }
};

QTEST_GUILESS_MAIN(TestFormBody)
#include "tst_formbody.moc"
