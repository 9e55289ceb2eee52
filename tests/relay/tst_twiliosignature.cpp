#include "relay/twilio/TwilioSignature.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QTest>

using callsnare::relay::FormParam;
using callsnare::relay::FormParams;
using callsnare::relay::TwilioSignature;

Q_DECLARE_METATYPE(callsnare::relay::FormParams)

namespace {

// The parameters of Twilio's published examples; `caller` differs between
// the security page (…5310) and the helper libraries' tests (…5309).
FormParams publishedParams(const std::string& caller)
{
    return {{"CallSid", "CA1234567890ABCDE"},
            {"Caller", caller},
            {"Digits", "1234"},
            {"From", caller},
            {"To", "+18005551212"}};
}

const std::string helperUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";
const std::string helperUrlWithPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
const std::string jsonBody = "{\"property\": \"value\", \"boolean\": true}";
const std::string jsonBodyHash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";

// An independent signer (Qt's HMAC, not the relay's), over a string the test
// spells out itself.
std::string qtSign(const std::string& token, const std::string& signedText)
{
    return QMessageAuthenticationCode::hash(QByteArray::fromStdString(signedText),
                                            QByteArray::fromStdString(token), QCryptographicHash::Sha1)
        .toBase64()
        .toStdString();
}

} // namespace

class TestTwilioSignature : public QObject {
    Q_OBJECT

private slots:
    void publishedVectors_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<FormParams>("params");
        QTest::addColumn<QString>("signature");

        QTest::newRow("security page") << "https://example.com/myapp.php?foo=1&bar=2"
                                       << publishedParams("+14158675310") << "L/OH5YylLD5NRKLltdqwSvS0BnU=";
        QTest::newRow("helper tests") << QString::fromStdString(helperUrl) << publishedParams("+14158675309")
                                      << "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
        QTest::newRow("helper tests, :443")
            << QString::fromStdString(helperUrlWithPort) << publishedParams("+14158675309")
            << "kvajT1Ptam85bY51eRf/AJRuM3w=";
    }

    void publishedVectors()
    {
        QFETCH(QString, url);
        QFETCH(FormParams, params);
        QFETCH(QString, signature);

        QCOMPARE(QString::fromStdString(TwilioSignature::compute("12345", url.toStdString(), params)),
                 signature);
        QVERIFY(TwilioSignature::isValid("12345", url.toStdString(), params, signature.toStdString()));
        // Parameter order on the wire does not matter: they are sorted.
        FormParams reversed(params.rbegin(), params.rend());
        QVERIFY(TwilioSignature::isValid("12345", url.toStdString(), reversed, signature.toStdString()));
    }

    void portVariantsAreAccepted_data()
    {
        QTest::addColumn<QString>("receivedUrl");
        QTest::addColumn<QString>("signature");

        // Signed with the port, received without it, and the other way round.
        QTest::newRow("signed :443, received bare")
            << QString::fromStdString(helperUrl) << "kvajT1Ptam85bY51eRf/AJRuM3w=";
        QTest::newRow("signed bare, received :443")
            << QString::fromStdString(helperUrlWithPort) << "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    }

    void portVariantsAreAccepted()
    {
        QFETCH(QString, receivedUrl);
        QFETCH(QString, signature);
        QVERIFY(TwilioSignature::isValid("12345", receivedUrl.toStdString(), publishedParams("+14158675309"),
                                         signature.toStdString()));
    }

    void httpDefaultPortAndCustomPorts()
    {
        const FormParams params{{"CallSid", "CA1"}};
        const std::string suffix = "CallSidCA1";
        // http: the default port is 80, not 443.
        const std::string signedWith80 = qtSign("tok", "http://relay.test:80/v1/x" + suffix);
        QVERIFY(TwilioSignature::isValid("tok", "http://relay.test/v1/x", params, signedWith80));
        const std::string signedWith443 = qtSign("tok", "http://relay.test:443/v1/x" + suffix);
        QVERIFY(!TwilioSignature::isValid("tok", "http://relay.test/v1/x", params, signedWith443));
        // A custom port may be dropped by a proxy, but never swapped for another one.
        const std::string signedBare = qtSign("tok", "https://relay.test/v1/x" + suffix);
        QVERIFY(TwilioSignature::isValid("tok", "https://relay.test:8443/v1/x", params, signedBare));
        const std::string signed9443 = qtSign("tok", "https://relay.test:9443/v1/x" + suffix);
        QVERIFY(!TwilioSignature::isValid("tok", "https://relay.test:8443/v1/x", params, signed9443));
    }

    void urlVariants_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QStringList>("variants");

        QTest::newRow("https bare") << "https://a.test/p?q=1"
                                    << QStringList{"https://a.test/p?q=1", "https://a.test:443/p?q=1"};
        QTest::newRow("https :443") << "https://a.test:443/p"
                                    << QStringList{"https://a.test:443/p", "https://a.test/p"};
        QTest::newRow("http bare") << "http://127.0.0.1/p"
                                   << QStringList{"http://127.0.0.1/p", "http://127.0.0.1:80/p"};
        QTest::newRow("custom port") << "http://127.0.0.1:8080/p"
                                     << QStringList{"http://127.0.0.1:8080/p", "http://127.0.0.1/p"};
        QTest::newRow("credentials") << "https://user:pw@a.test/p"
                                     << QStringList{"https://user:pw@a.test/p",
                                                    "https://user:pw@a.test:443/p"};
        QTest::newRow("credentials + port")
            << "https://user:pw@a.test:8443/p"
            << QStringList{"https://user:pw@a.test:8443/p", "https://user:pw@a.test/p"};
        QTest::newRow("ipv6") << "http://[::1]:8080/p"
                              << QStringList{"http://[::1]:8080/p", "http://[::1]/p"};
        QTest::newRow("no path") << "https://a.test" << QStringList{"https://a.test", "https://a.test:443"};
        QTest::newRow("not a url") << "/v1/carrier" << QStringList{"/v1/carrier"};
    }

    void urlVariants()
    {
        QFETCH(QString, url);
        QFETCH(QStringList, variants);
        QStringList actual;
        for (const std::string& variant : TwilioSignature::urlVariants(url.toStdString())) {
            actual << QString::fromStdString(variant);
        }
        QCOMPARE(actual, variants);
    }

    void repeatedNamesAreDeduplicatedAndSorted()
    {
        // Values of one name sorted and de-duplicated, names sorted byte-wise
        // (uppercase before lowercase), as Twilio's helpers do.
        const FormParams params{{"b", "2"}, {"MediaUrl", "z"}, {"a", "9"},
                                {"a", "1"}, {"a", "9"},        {"A", "x"}};
        const std::string expected = qtSign("tok", "https://a.test/pAxMediaUrlza1a9b2");
        QCOMPARE(TwilioSignature::compute("tok", "https://a.test/p", params), expected);
        QVERIFY(TwilioSignature::isValid("tok", "https://a.test/p", params, expected));
    }

    void independentSignerAgrees()
    {
        const FormParams params{{"Body", "Need AC fixed ☀️ & fast"},
                                {"From", "+15125550142"},
                                {"Empty", ""}};
        const std::string url = "http://127.0.0.1:40123/v1/carrier/twilio/sms";
        const std::string expected
            = qtSign("secret-token", url + "BodyNeed AC fixed ☀️ & fastEmptyFrom+15125550142");
        QCOMPARE(TwilioSignature::compute("secret-token", url, params), expected);
    }

    void jsonBodyVector()
    {
        QCOMPARE(TwilioSignature::bodySha256Hex(jsonBody), jsonBodyHash);
        const std::string url = helperUrl + "&bodySHA256=" + jsonBodyHash;
        QCOMPARE(TwilioSignature::compute("12345", url, {}), std::string("a9nBmqA0ju/hNViExpshrM61xv4="));
        QVERIFY(TwilioSignature::isValidJsonBody("12345", url, jsonBody, "a9nBmqA0ju/hNViExpshrM61xv4="));
    }

    void jsonBodyTampering_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("signature");

        const QString url = QString::fromStdString(helperUrl + "&bodySHA256=" + jsonBodyHash);
        const QString body = QString::fromStdString(jsonBody);
        QTest::newRow("body changed") << url << "{\"property\": \"value\", \"boolean\": false}"
                                      << "a9nBmqA0ju/hNViExpshrM61xv4=";
        QTest::newRow("no hash in url")
            << QString::fromStdString(helperUrl) << body
            << QString::fromStdString(TwilioSignature::compute("12345", helperUrl, {}));
        QTest::newRow("wrong signature") << url << body << "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
        QTest::newRow("empty signature") << url << body << "";
    }

    void jsonBodyTampering()
    {
        QFETCH(QString, url);
        QFETCH(QString, body);
        QFETCH(QString, signature);
        QVERIFY(!TwilioSignature::isValidJsonBody("12345", url.toStdString(), body.toStdString(),
                                                  signature.toStdString()));
    }

    void tampering_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("url");
        QTest::addColumn<FormParams>("params");
        QTest::addColumn<QString>("signature");

        const QString good = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
        const QString url = QString::fromStdString(helperUrl);
        const FormParams params = publishedParams("+14158675309");

        FormParams oneChar = params;
        oneChar[4].value = "+18005551213";
        FormParams missing = params;
        missing.erase(missing.begin() + 2);
        FormParams extra = params;
        extra.push_back({"Digits", "9"});
        FormParams renamed = params;
        renamed[0].name = "callsid";
        FormParams emptied = params;
        emptied[2].value.clear();

        QTest::newRow("untouched (control)") << "12345" << url << params << good;
        QTest::newRow("one char of a param") << "12345" << url << oneChar << good;
        QTest::newRow("missing param") << "12345" << url << missing << good;
        QTest::newRow("extra repeated param") << "12345" << url << extra << good;
        QTest::newRow("param name case") << "12345" << url << renamed << good;
        QTest::newRow("param emptied") << "12345" << url << emptied << good;
        QTest::newRow("wrong token") << "12346" << url << params << good;
        QTest::newRow("empty token") << "" << url << params << good;
        QTest::newRow("wrong host") << "12345"
                                    << "https://mycompany.org/myapp.php?foo=1&bar=2" << params << good;
        QTest::newRow("wrong path") << "12345"
                                    << "https://mycompany.com/myapp.phq?foo=1&bar=2" << params << good;
        QTest::newRow("wrong query") << "12345"
                                     << "https://mycompany.com/myapp.php?foo=1&bar=3" << params << good;
        QTest::newRow("wrong scheme") << "12345"
                                      << "http://mycompany.com/myapp.php?foo=1&bar=2" << params << good;
        QTest::newRow("empty signature") << "12345" << url << params << "";
        QTest::newRow("non-base64 junk") << "12345" << url << params << "%%not base64!!";
        QTest::newRow("truncated") << "12345" << url << params << good.left(27);
        QTest::newRow("trailing newline") << "12345" << url << params << good + "\n";
        QTest::newRow("one char flipped") << "12345" << url << params << "RSOYDt4T1cUTdK1PDd93/VVr8B9=";
        QTest::newRow("lowercased") << "12345" << url << params << good.toLower();
    }

    void tampering()
    {
        QFETCH(QString, token);
        QFETCH(QString, url);
        QFETCH(FormParams, params);
        QFETCH(QString, signature);
        const bool control = QByteArray(QTest::currentDataTag()).startsWith("untouched");
        QCOMPARE(
            TwilioSignature::isValid(token.toStdString(), url.toStdString(), params, signature.toStdString()),
            control);
    }

    void constantTimeEquals_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<bool>("equal");

        QTest::newRow("same") << QByteArray("abc") << QByteArray("abc") << true;
        QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
        QTest::newRow("last byte") << QByteArray("abc") << QByteArray("abd") << false;
        QTest::newRow("prefix") << QByteArray("abc") << QByteArray("ab") << false;
        QTest::newRow("empty vs text") << QByteArray() << QByteArray("a") << false;
        // A shorter input padded with NULs must not compare equal.
        QTest::newRow("nul padding") << QByteArray("ab\0", 3) << QByteArray("ab") << false;
        QTest::newRow("high bytes") << QByteArray("\xff\x80") << QByteArray("\xff\x81") << false;
    }

    void constantTimeEquals()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QFETCH(bool, equal);
        const std::string_view left(a.constData(), static_cast<std::size_t>(a.size()));
        const std::string_view right(b.constData(), static_cast<std::size_t>(b.size()));
        QCOMPARE(TwilioSignature::constantTimeEquals(left, right), equal);
        QCOMPARE(TwilioSignature::constantTimeEquals(right, left), equal);
    }
};

QTEST_GUILESS_MAIN(TestTwilioSignature)
#include "tst_twiliosignature.moc"
