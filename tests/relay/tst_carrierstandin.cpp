// The carrier stand-in (callsnare-carrier-standin) against Twilio's documented
// wire format: Messages API answers and errors, listing, faults, keyword
// opt-outs, and — with the REAL callsnare-relay binary — that the webhooks it
// signs are accepted and its status callbacks are stored by the relay.

#include "CarrierStandInProcess.h"
#include "RelayProcess.h"
#include "TestHttpClient.h"

#include "relay/storage/RelayDatabase.h"

#include <Poco/Data/Session.h>

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QtTest>

using namespace callsnare;
using callsnare::test::CarrierStandInProcess;
using callsnare::test::HttpReply;
using callsnare::test::RelayProcess;
using callsnare::test::TestHttpClient;
using namespace Poco::Data::Keywords;

namespace {

using Form = QList<QPair<QByteArray, QByteArray>>;

const QByteArray accountA = "AC0000000000000000000000000000000a";
const QByteArray accountB = "AC0000000000000000000000000000000b";
const QByteArray tokenA = "token-of-org-a";
const QByteArray tokenB = "token-of-org-b";
const QByteArray serviceA = "MG0000000000000000000000000000000a";
const QByteArray orgNumber = "+15125550199";
const QByteArray otherNumber = "+15125550177";
const QByteArray homeowner = "+15125550142";
const QByteArray neighbour = "+15125550143";

Form text(const QByteArray& to, const QByteArray& body = "We missed your call. Reply here.",
          const QByteArray& from = orgNumber)
{
    Form form;
    if (!to.isEmpty())
        form.append(qMakePair(QByteArray("To"), QByteArray(to)));
    if (!from.isEmpty())
        form.append(qMakePair(QByteArray("From"), QByteArray(from)));
    if (!body.isEmpty())
        form.append(qMakePair(QByteArray("Body"), QByteArray(body)));
    return form;
}

} // namespace

class TestCarrierStandIn : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void wrongCredentialsGetTwilios401_data();
    void wrongCredentialsGetTwilios401();
    void invalidSendsGetTwiliosErrors_data();
    void invalidSendsGetTwiliosErrors();
    void acceptedSendIsAMessageResource();
    void everyPostIsAnotherTextAndKeepsItsIdempotencyToken();
    void listingFiltersNewestFirst();
    void errorFaultsHitTheNextMatchingSends();
    void droppedAnswerStillSendsTheText();
    void badControlInputIsRefused_data();
    void badControlInputIsRefused();

    void stopBlocksSendsAndStartClearsIt();
    void advancedOptOutConfirmsItself();
    void inboundTextAndCallAreAcceptedByTheRelay();
    void signaturesOverTheWrongBaseAreRefused();
    void statusCallbacksAreStoredByTheRelay();

private:
    bool startStandIn(QString* error, bool withRelay = false, const QUrl& publicUrl = {},
                      bool carrierOptOutA = false);
    bool startRelay(QString* error);
    QString createOrganization(QString* error);
    qint64 deliveryUpdates(const QString& sid);
    double metric(const QByteArray& line);

    std::unique_ptr<CarrierStandInProcess> m_standIn;
    std::unique_ptr<RelayProcess> m_relay;
    QString m_orgId;
    TestHttpClient m_http;
};

#define START_STANDIN_WITH(...)                                                                              \
    {                                                                                                        \
        QString startError;                                                                                  \
        QVERIFY2(startStandIn(&startError, __VA_ARGS__), qPrintable(startError));                            \
    }
#define START_STANDIN() START_STANDIN_WITH(false)

void TestCarrierStandIn::init()
{
    m_standIn.reset();
    m_relay.reset();
}

void TestCarrierStandIn::cleanup()
{
    if (m_standIn) {
        const bool running = m_standIn->isRunning();
        const bool stopped = m_standIn->stop();
        const QByteArray log = m_standIn->standardError();
        QVERIFY2(running && stopped, log.constData());
        // No secret reaches its log.
        QVERIFY2(!log.contains(tokenA) && !log.contains(tokenB), log.constData());
    }
    if (m_relay) {
        const bool stopped = m_relay->stop();
        QVERIFY2(stopped, m_relay->standardError().constData());
    }
}

bool TestCarrierStandIn::startStandIn(QString* error, bool withRelay, const QUrl& publicUrl,
                                      bool carrierOptOutA)
{
    if (withRelay && !startRelay(error))
        return false;
    m_standIn = std::make_unique<CarrierStandInProcess>(QStringLiteral(CALLSNARE_CARRIER_STANDIN_PATH));
    m_standIn->addAccount(accountA, tokenA);
    m_standIn->addAccount(accountB, tokenB);
    if (carrierOptOutA)
        m_standIn->addAdvancedOptOut(accountA);
    if (withRelay)
        m_standIn->setRelayUrl(m_relay->baseUrl(), publicUrl);
    return m_standIn->start(error);
}

// The relay without --public-url: its public base is then the address it
// listens on, the one the stand-in connects to.
bool TestCarrierStandIn::startRelay(QString* error)
{
    qunsetenv("CALLSNARE_RELAY_SECRETS_KEY");
    m_relay = std::make_unique<RelayProcess>(QStringLiteral(CALLSNARE_RELAY_PATH));
    if (!m_relay->start(error))
        return false;
    m_orgId = createOrganization(error);
    return !m_orgId.isEmpty();
}

QString TestCarrierStandIn::createOrganization(QString* error)
{
    const QString tokenFile = m_relay->filePath(QStringLiteral("token-a"));
    {
        QFile file(tokenFile);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            || file.write(tokenA) < 0) {
            *error = QStringLiteral("cannot write %1").arg(tokenFile);
            return {};
        }
    }
    const QStringList arguments{QStringLiteral("admin"),
                                QStringLiteral("--data-dir"),
                                m_relay->filePath(QStringLiteral("data")),
                                QStringLiteral("org"),
                                QStringLiteral("create"),
                                QStringLiteral("--name"),
                                QStringLiteral("Cool Breeze HVAC"),
                                QStringLiteral("--timezone"),
                                QStringLiteral("America/Chicago"),
                                QStringLiteral("--number"),
                                QString::fromLatin1(orgNumber),
                                QStringLiteral("--forward-to"),
                                QStringLiteral("+15125550100"),
                                QStringLiteral("--account-sid"),
                                QString::fromLatin1(accountA),
                                QStringLiteral("--messaging-service-sid"),
                                QString::fromLatin1(serviceA),
                                QStringLiteral("--auth-token-file"),
                                tokenFile,
                                QStringLiteral("--json")};
    QProcess admin;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : environment.keys()) {
        if (name.startsWith(QLatin1String("CALLSNARE_RELAY_")))
            environment.remove(name);
    }
    admin.setProcessEnvironment(environment);
    admin.start(QStringLiteral(CALLSNARE_RELAY_PATH), arguments);
    if (!admin.waitForFinished(60000) || admin.exitStatus() != QProcess::NormalExit
        || admin.exitCode() != 0) {
        *error = QStringLiteral("admin org create failed: %1")
                     .arg(QString::fromUtf8(admin.readAllStandardError()));
        return {};
    }
    const QByteArray output = admin.readAllStandardOutput();
    const QString id = QJsonDocument::fromJson(output).object().value(QStringLiteral("id")).toString();
    if (id.isEmpty())
        *error = QStringLiteral("admin org create printed no id: %1").arg(QString::fromUtf8(output));
    return id;
}

// Rows the relay stored for status callbacks of one message, read through
// its own database as an operator would.
qint64 TestCarrierStandIn::deliveryUpdates(const QString& sid)
{
    relay::DatabaseOptions options;
    options.dataDir = m_relay->filePath(QStringLiteral("data")).toStdString();
    auto database = relay::RelayDatabase::open(options);
    if (!database)
        return -1;
    Poco::Data::Session session = database.value()->reader();
    Poco::Int64 count = -1;
    std::string bound = sid.toStdString();
    session << database.value()->sql("SELECT COUNT(*) FROM delivery_updates WHERE message_sid = ?"),
        use(bound), into(count), now;
    return count;
}

double TestCarrierStandIn::metric(const QByteArray& line)
{
    const HttpReply reply = m_http.get(m_relay->url(QStringLiteral("/metrics")));
    const qsizetype at = reply.body.indexOf(line + ' ');
    if (reply.status != 200 || at < 0)
        return 0.0;
    const qsizetype end = reply.body.indexOf('\n', at);
    return reply.body.mid(at + line.size() + 1, end - at - line.size() - 1).toDouble();
}

void TestCarrierStandIn::wrongCredentialsGetTwilios401_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::newRow("none") << QByteArray();
    QTest::newRow("wrong token") << QByteArray("Basic " + (accountA + ":nope").toBase64());
    QTest::newRow("another account's credentials")
        << QByteArray("Basic " + (accountB + ':' + tokenB).toBase64());
    QTest::newRow("not basic") << QByteArray("Bearer " + tokenA);
}

void TestCarrierStandIn::wrongCredentialsGetTwilios401()
{
    QFETCH(QByteArray, authorization);
    START_STANDIN();
    test::HttpHeaders headers{{"Content-Type", "application/x-www-form-urlencoded"}};
    if (!authorization.isEmpty())
        headers.append(qMakePair(QByteArray("Authorization"), QByteArray(authorization)));
    const HttpReply reply = m_http.send("POST", m_standIn->messagesUrl(accountA),
                                        "To=%2B15125550142&From=%2B15125550199&Body=hi", headers);
    QCOMPARE(reply.status, 401);
    const QJsonObject expected{{"code", 20003},
                               {"message", "Authenticate"},
                               {"more_info", "https://www.twilio.com/docs/errors/20003"},
                               {"status", 401}};
    QCOMPARE(reply.json(), expected);
    QTRY_COMPARE(m_standIn->requests().size(), 1);
    QCOMPARE(m_standIn->requests().at(0).toObject().value("error_code").toInt(), 20003);
    QVERIFY(m_standIn->messages().isEmpty());
}

void TestCarrierStandIn::invalidSendsGetTwiliosErrors_data()
{
    QTest::addColumn<Form>("form");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("no To") << text({}) << 21604 << "A 'To' phone number is required.";
    QTest::newRow("no Body") << text(homeowner, {}) << 21602 << "Message body is required.";
    QTest::newRow("no From or service")
        << text(homeowner, "hi", {}) << 21603 << "A 'From' phone number is required.";
    QTest::newRow("To not E.164") << text("5125550142") << 21211
                                  << "The 'To' number 5125550142 is not a valid phone number.";
}

void TestCarrierStandIn::invalidSendsGetTwiliosErrors()
{
    QFETCH(Form, form);
    QFETCH(int, code);
    QFETCH(QString, message);
    START_STANDIN();
    const HttpReply reply = m_standIn->sendMessage(accountA, tokenA, form);
    QCOMPARE(reply.status, 400);
    const QJsonObject expected{
        {"code", code},
        {"message", message},
        {"more_info", QStringLiteral("https://www.twilio.com/docs/errors/%1").arg(code)},
        {"status", 400}};
    QCOMPARE(reply.json(), expected);
    const QJsonArray requests = m_standIn->requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.at(0).toObject().value("status").toInt(), 400);
    QCOMPARE(requests.at(0).toObject().value("error_code").toInt(), code);
    QVERIFY(m_standIn->messages().isEmpty());
}

void TestCarrierStandIn::acceptedSendIsAMessageResource()
{
    START_STANDIN();
    Form form = text(homeowner, "Sorry we missed your call!");
    form.append(qMakePair(QByteArray("StatusCallback"), QByteArray("http://127.0.0.1:9/status")));
    const HttpReply reply = m_standIn->sendMessage(accountA, tokenA, form);
    QVERIFY2(reply.status == 201, reply.describe().constData());
    const QJsonObject json = reply.json();
    QVERIFY2(
        QRegularExpression(QStringLiteral("^SM[0-9a-f]{32}$")).match(json.value("sid").toString()).hasMatch(),
        reply.body.constData());
    QCOMPARE(json.value("account_sid").toString(), QString::fromLatin1(accountA));
    QCOMPARE(json.value("to").toString(), QString::fromLatin1(homeowner));
    QCOMPARE(json.value("from").toString(), QString::fromLatin1(orgNumber));
    QVERIFY(json.value("messaging_service_sid").isNull());
    QCOMPARE(json.value("body").toString(), QStringLiteral("Sorry we missed your call!"));
    QCOMPARE(json.value("status").toString(), QStringLiteral("queued"));
    QCOMPARE(json.value("num_segments").toString(), QStringLiteral("1"));
    QCOMPARE(json.value("num_media").toString(), QStringLiteral("0"));
    QCOMPARE(json.value("direction").toString(), QStringLiteral("outbound-api"));
    QCOMPARE(json.value("api_version").toString(), QStringLiteral("2010-04-01"));
    const QRegularExpression rfc2822(
        QStringLiteral(R"(^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$)"));
    QVERIFY2(rfc2822.match(json.value("date_created").toString()).hasMatch(), reply.body.constData());
    QVERIFY2(rfc2822.match(json.value("date_updated").toString()).hasMatch(), reply.body.constData());
    QVERIFY(json.value("error_code").isNull());
    QVERIFY(json.value("error_message").isNull());
    QVERIFY(json.value("price").isNull());
    QCOMPARE(json.value("uri").toString(),
             QStringLiteral("/2010-04-01/Accounts/%1/Messages/%2.json")
                 .arg(QString::fromLatin1(accountA), json.value("sid").toString()));

    // Through a Messaging Service: "accepted", no sender yet.
    Form viaService = text(homeowner, "Hello", {});
    viaService.append(qMakePair(QByteArray("MessagingServiceSid"), QByteArray(serviceA)));
    const HttpReply service = m_standIn->sendMessage(accountA, tokenA, viaService);
    QVERIFY2(service.status == 201, service.describe().constData());
    QCOMPARE(service.json().value("status").toString(), QStringLiteral("accepted"));
    QCOMPARE(service.json().value("messaging_service_sid").toString(), QString::fromLatin1(serviceA));
    QVERIFY(service.json().value("from").isNull());

    // 161 GSM characters take two segments; 71 UCS-2 characters too.
    const HttpReply longText
        = m_standIn->sendMessage(accountA, tokenA, text(homeowner, QByteArray(161, 'a')));
    QCOMPARE(longText.json().value("num_segments").toString(), QStringLiteral("2"));

    const QJsonArray messages = m_standIn->messages();
    QCOMPARE(messages.size(), 3);
    const QJsonObject first = messages.at(0).toObject();
    QCOMPARE(first.value("sid").toString(), json.value("sid").toString());
    QCOMPARE(first.value("status_callback").toString(), QStringLiteral("http://127.0.0.1:9/status"));
    QCOMPARE(first.value("origin").toString(), QStringLiteral("api"));
    QVERIFY(first.value("received_at_ms").toDouble() > 0);
}

void TestCarrierStandIn::everyPostIsAnotherTextAndKeepsItsIdempotencyToken()
{
    START_STANDIN();
    const test::HttpHeaders key{{"I-Twilio-Idempotency-Token", "send-42"}};
    const HttpReply first = m_standIn->sendMessage(accountA, tokenA, text(homeowner), key);
    const HttpReply retry = m_standIn->sendMessage(accountA, tokenA, text(homeowner), key);
    QCOMPARE(first.status, 201);
    QCOMPARE(retry.status, 201);
    QVERIFY(first.json().value("sid") != retry.json().value("sid"));
    const QJsonArray messages = m_standIn->messages();
    QCOMPARE(messages.size(), 2);
    for (const QJsonValue& message : messages)
        QCOMPARE(message.toObject().value("idempotency_token").toString(), QStringLiteral("send-42"));
    const QJsonArray requests = m_standIn->requests();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(1).toObject().value("idempotency_token").toString(), QStringLiteral("send-42"));

    QVERIFY2(m_standIn->clearMessages(), qPrintable(m_standIn->lastError()));
    QVERIFY(m_standIn->messages().isEmpty());
    QVERIFY(m_standIn->requests().isEmpty());
}

void TestCarrierStandIn::listingFiltersNewestFirst()
{
    START_STANDIN();
    QCOMPARE(m_standIn->sendMessage(accountA, tokenA, text(homeowner, "one")).status, 201);
    QCOMPARE(m_standIn->sendMessage(accountA, tokenA, text(neighbour, "two")).status, 201);
    QCOMPARE(m_standIn->sendMessage(accountA, tokenA, text(homeowner, "three", otherNumber)).status, 201);
    QCOMPARE(m_standIn->sendMessage(accountB, tokenB, text(homeowner, "other account")).status, 201);

    const auto list
        = [&](const QString& query, const QByteArray& account = accountA, const QByteArray& token = tokenA) {
              QUrl url = m_standIn->messagesUrl(account);
              url.setQuery(query);
              return m_http.get(url, {{"Authorization", "Basic " + (account + ':' + token).toBase64()}});
          };
    const auto bodies = [](const HttpReply& reply) {
        QStringList result;
        for (const QJsonValue& message : reply.json().value("messages").toArray())
            result << message.toObject().value("body").toString();
        return result;
    };

    const HttpReply all = list(QStringLiteral("PageSize=20"));
    QVERIFY2(all.status == 200, all.describe().constData());
    QCOMPARE(bodies(all), (QStringList{"three", "two", "one"}));
    QCOMPARE(all.json().value("page").toInt(), 0);
    QCOMPARE(all.json().value("page_size").toInt(), 20);
    QVERIFY(all.json().value("next_page_uri").isNull());
    QVERIFY(all.json().value("first_page_uri").toString().contains(QString::fromLatin1(accountA)));

    QCOMPARE(bodies(list(QStringLiteral("To=%2B15125550142"))), (QStringList{"three", "one"}));
    QCOMPARE(bodies(list(QStringLiteral("To=%2B15125550142&From=%2B15125550199"))), QStringList{"one"});
    const QString today = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
    const QString tomorrow = QDateTime::currentDateTimeUtc().date().addDays(1).toString(Qt::ISODate);
    QCOMPARE(bodies(list(QStringLiteral("DateSent>=") + today)).size(), 3);
    QCOMPARE(bodies(list(QStringLiteral("DateSent%3E=") + tomorrow)).size(), 0);
    const HttpReply page = list(QStringLiteral("PageSize=1"));
    QCOMPARE(bodies(page), QStringList{"three"});
    QVERIFY(!page.json().value("next_page_uri").isNull());
    QCOMPARE(bodies(list({}, accountB, tokenB)), QStringList{"other account"});
    QCOMPARE(list({}, accountA, tokenB).status, 401);
}

void TestCarrierStandIn::errorFaultsHitTheNextMatchingSends()
{
    START_STANDIN();
    QVERIFY2(m_standIn->setFault({{"count", 2}, {"status", 500}}), qPrintable(m_standIn->lastError()));
    QVERIFY2(m_standIn->setFault({{"count", 1}, {"status", 429}, {"to", QString::fromLatin1(neighbour)}}),
             qPrintable(m_standIn->lastError()));
    for (int i = 0; i < 2; ++i) {
        const HttpReply failed = m_standIn->sendMessage(accountA, tokenA, text(homeowner));
        QCOMPARE(failed.status, 500);
        QCOMPARE(failed.json().value("code").toInt(), 20500);
        QCOMPARE(failed.json().value("status").toInt(), 500);
    }
    QCOMPARE(m_standIn->sendMessage(accountA, tokenA, text(homeowner)).status, 201);
    const HttpReply limited = m_standIn->sendMessage(accountA, tokenA, text(neighbour));
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.json().value("code").toInt(), 20429);
    QCOMPARE(m_standIn->sendMessage(accountA, tokenA, text(neighbour)).status, 201);
    QCOMPARE(m_standIn->messages().size(), 2);

    QVERIFY(m_standIn->setFault({{"count", 5}, {"status", 503}, {"code", 20503}}));
    QVERIFY(m_standIn->clearFaults());
    QCOMPARE(m_standIn->sendMessage(accountA, tokenA, text(homeowner)).status, 201);

    // A delay answers normally, late.
    QVERIFY(m_standIn->setFault({{"count", 1}, {"delay_ms", 50}}));
    QCOMPARE(m_standIn->sendMessage(accountA, tokenA, text(homeowner)).status, 201);
}

void TestCarrierStandIn::droppedAnswerStillSendsTheText()
{
    START_STANDIN();
    QVERIFY(m_standIn->setFault({{"count", 1}, {"drop_after_accept", true}}));
    // A raw connection: an HTTP client library might resend on its own.
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_standIn->port());
    QVERIFY(socket.waitForConnected(5000));
    const QByteArray body = "To=%2B15125550142&From=%2B15125550199&Body=Hi";
    socket.write("POST /2010-04-01/Accounts/" + accountA
                 + "/Messages.json HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   "Authorization: Basic "
                 + (accountA + ':' + tokenA).toBase64()
                 + "\r\nI-Twilio-Idempotency-Token: lost-1\r\n"
                   "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                 + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 10000);
    QVERIFY2(socket.readAll().isEmpty(), "the stand-in answered a dropped send");

    const QJsonArray messages = m_standIn->messages();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).toObject().value("idempotency_token").toString(), QStringLiteral("lost-1"));
    const QJsonArray requests = m_standIn->requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.at(0).toObject().value("status").toInt(), 0);
    QCOMPARE(requests.at(0).toObject().value("dropped").toBool(), true);

    // The next send is answered again.
    QCOMPARE(m_standIn->sendMessage(accountA, tokenA, text(homeowner)).status, 201);
}

void TestCarrierStandIn::badControlInputIsRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::newRow("not JSON") << "/_standin/faults" << QByteArray("{count") << "invalid_json";
    QTest::newRow("fault without effect")
        << "/_standin/faults" << QByteArray(R"({"count":1})") << "invalid_fault";
    QTest::newRow("fault status not an error")
        << "/_standin/faults" << QByteArray(R"({"status":200})") << "invalid_field";
    QTest::newRow("count as text") << "/_standin/faults" << QByteArray(R"({"count":"2","status":500})")
                                   << "invalid_field";
    QTest::newRow("unknown final") << "/_standin/delivery"
                                   << QByteArray(R"({"to":"+15125550142","final":"lost"})")
                                   << "invalid_field";
    QTest::newRow("delivery without to")
        << "/_standin/delivery" << QByteArray(R"({"final":"failed"})") << "invalid_field";
    QTest::newRow("inbound from an unknown account")
        << "/_standin/inbound"
        << QByteArray(
               R"({"account_sid":"AC00000000000000000000000000000099","from":"+15125550142","to":"+15125550199","body":"hi"})")
        << "unknown_account";
    QTest::newRow("inbound without a relay")
        << "/_standin/inbound"
        << QByteArray(
               R"({"account_sid":"AC0000000000000000000000000000000a","from":"+15125550142","to":"+15125550199","body":"hi"})")
        << "no_relay_url";
    QTest::newRow("call with an unknown dial status")
        << "/_standin/call"
        << QByteArray(
               R"({"account_sid":"AC0000000000000000000000000000000a","from":"+15125550142","to":"+15125550199","dial_call_status":"maybe"})")
        << "invalid_field";
}

void TestCarrierStandIn::badControlInputIsRefused()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    START_STANDIN();
    const HttpReply reply = m_http.post(m_standIn->url(path), body, "application/json");
    QVERIFY2(reply.status == 400, reply.describe().constData());
    QCOMPARE(reply.json().value("error").toObject().value("code").toString(), code);
    QVERIFY(!reply.json().value("error").toObject().value("message").toString().isEmpty());
}

void TestCarrierStandIn::stopBlocksSendsAndStartClearsIt()
{
    // Account A lets the carrier manage opt-out (Advanced Opt-Out).
    START_STANDIN_WITH(true, QUrl(), true);
    QCOMPARE(m_standIn->sendMessage(accountA, tokenA, text(homeowner)).status, 201);

    const QJsonObject stop = m_standIn->inbound(accountA, homeowner, orgNumber, "  stop ");
    QVERIFY2(stop.value("relay_status").toInt() == 200,
             qPrintable(m_standIn->lastError() + QJsonDocument(stop).toJson()));
    const HttpReply blocked = m_standIn->sendMessage(accountA, tokenA, text(homeowner));
    QCOMPARE(blocked.status, 400);
    QCOMPARE(blocked.json().value("code").toInt(), 21610);
    QCOMPARE(blocked.json().value("message").toString(),
             QStringLiteral("Attempt to send to unsubscribed recipient"));
    // Only from that sender, only to that recipient.
    QCOMPARE(m_standIn->sendMessage(accountA, tokenA, text(homeowner, "hi", otherNumber)).status, 201);
    QCOMPARE(m_standIn->sendMessage(accountA, tokenA, text(neighbour)).status, 201);

    const QJsonObject start = m_standIn->inbound(accountA, homeowner, orgNumber, "Start");
    QCOMPARE(start.value("relay_status").toInt(), 200);
    QCOMPARE(m_standIn->sendMessage(accountA, tokenA, text(homeowner)).status, 201);

    // Through the Messaging Service: the opt-out covers the service.
    QCOMPARE(m_standIn->inbound(accountA, homeowner, orgNumber, "UNSUBSCRIBE", serviceA)
                 .value("relay_status")
                 .toInt(),
             200);
    Form viaService = text(homeowner, "hi", {});
    viaService.append(qMakePair(QByteArray("MessagingServiceSid"), QByteArray(serviceA)));
    QCOMPARE(m_standIn->sendMessage(accountA, tokenA, viaService).json().value("code").toInt(), 21610);

    // Account B manages opt-out itself: the carrier neither blocks nor confirms.
    QCOMPARE(m_standIn->inbound(accountB, homeowner, orgNumber, "STOP").value("relay_status").toInt() != 0,
             true);
    QCOMPARE(m_standIn->sendMessage(accountB, tokenB, text(homeowner)).status, 201);
    for (const QJsonValue& message : m_standIn->messages()) {
        const QJsonObject sent = message.toObject();
        if (sent.value("account_sid").toString() == QLatin1String(accountB))
            QCOMPARE(sent.value("origin").toString(), QStringLiteral("api"));
    }
}

void TestCarrierStandIn::advancedOptOutConfirmsItself()
{
    QString error;
    QVERIFY2(startRelay(&error), qPrintable(error));
    m_standIn = std::make_unique<CarrierStandInProcess>(QStringLiteral(CALLSNARE_CARRIER_STANDIN_PATH));
    m_standIn->addAccount(accountA, tokenA);
    m_standIn->addAdvancedOptOut(accountA);
    m_standIn->setRelayUrl(m_relay->baseUrl());
    QVERIFY2(m_standIn->start(&error), qPrintable(error));

    // A missed call opens the lead whose contact the STOP then opts out.
    QCOMPARE(m_standIn->call(accountA, homeowner, orgNumber).value("relay_status").toInt(), 200);
    const QJsonObject stop = m_standIn->inbound(accountA, homeowner, orgNumber, "STOP");
    QCOMPARE(stop.value("relay_status").toInt(), 200);
    const QJsonArray messages = m_standIn->messages();
    QCOMPARE(messages.size(), 1);
    const QJsonObject confirmation = messages.at(0).toObject();
    QCOMPARE(confirmation.value("origin").toString(), QStringLiteral("carrier"));
    QCOMPARE(confirmation.value("to").toString(), QString::fromLatin1(homeowner));
    QCOMPARE(confirmation.value("from").toString(), QString::fromLatin1(orgNumber));
    QVERIFY(confirmation.value("body").toString().contains(QLatin1String("unsubscribed")));
    // The relay saw OptOutType=STOP: the contact is opted out there too.
    QProcess admin;
    admin.start(QStringLiteral(CALLSNARE_RELAY_PATH),
                {QStringLiteral("admin"), QStringLiteral("--data-dir"),
                 m_relay->filePath(QStringLiteral("data")), QStringLiteral("leads"), QStringLiteral("--org"),
                 m_orgId, QStringLiteral("--json")});
    QVERIFY(admin.waitForFinished(60000));
    const QByteArray leads = admin.readAllStandardOutput();
    QVERIFY2(admin.exitCode() == 0, admin.readAllStandardError().constData());
    QVERIFY2(leads.contains("\"contact_opted_out\":true"), leads.constData());
}

void TestCarrierStandIn::inboundTextAndCallAreAcceptedByTheRelay()
{
    START_STANDIN_WITH(true);
    const QJsonObject call = m_standIn->call(accountA, homeowner, orgNumber);
    QVERIFY2(call.value("relay_status").toInt() == 200, qPrintable(m_standIn->lastError()));
    QVERIFY(QRegularExpression(QStringLiteral("^CA[0-9a-f]{32}$"))
                .match(call.value("call_sid").toString())
                .hasMatch());
    QVERIFY2(call.value("relay_body").toString().contains(QLatin1String("<Hangup/>")),
             qPrintable(call.value("relay_body").toString()));

    const QJsonObject reply
        = m_standIn->inbound(accountA, homeowner, orgNumber, "My furnace is out, no heat", serviceA);
    QVERIFY2(reply.value("relay_status").toInt() == 200, qPrintable(m_standIn->lastError()));
    QVERIFY(QRegularExpression(QStringLiteral("^SM[0-9a-f]{32}$"))
                .match(reply.value("message_sid").toString())
                .hasMatch());

    QProcess admin;
    admin.start(QStringLiteral(CALLSNARE_RELAY_PATH),
                {QStringLiteral("admin"), QStringLiteral("--data-dir"),
                 m_relay->filePath(QStringLiteral("data")), QStringLiteral("leads"), QStringLiteral("--org"),
                 m_orgId, QStringLiteral("--json")});
    QVERIFY(admin.waitForFinished(60000));
    QVERIFY2(admin.exitCode() == 0, admin.readAllStandardError().constData());
    const QJsonArray leads
        = QJsonDocument::fromJson(admin.readAllStandardOutput()).object().value("leads").toArray();
    QCOMPARE(leads.size(), 1);
    const QJsonObject lead = leads.at(0).toObject();
    QCOMPARE(lead.value("contact_phone").toString(), QString::fromLatin1(homeowner));
    QCOMPARE(lead.value("call_count").toInt(), 1);
    bool found = false;
    for (const QJsonValue& message : lead.value("messages").toArray())
        found = found
            || message.toObject().value("body").toString() == QLatin1String("My furnace is out, no heat");
    QVERIFY2(found, QJsonDocument(lead).toJson().constData());
}

void TestCarrierStandIn::signaturesOverTheWrongBaseAreRefused()
{
    START_STANDIN_WITH(true, QUrl(QStringLiteral("https://not-the-relay.example.test")));
    const QJsonObject call = m_standIn->call(accountA, homeowner, orgNumber);
    QCOMPARE(call.value("relay_status").toInt(), 403);
    QVERIFY(
        metric("callsnare_twilio_signature_failures_total{route=\"/v1/carrier/twilio/voice/dial-status\"}")
        >= 1.0);
}

void TestCarrierStandIn::statusCallbacksAreStoredByTheRelay()
{
    START_STANDIN_WITH(true);
    const QByteArray callback = m_relay->url(QStringLiteral("/v1/carrier/twilio/sms/status")).toEncoded();
    Form form = text(homeowner);
    form.append(qMakePair(QByteArray("StatusCallback"), QByteArray(callback)));
    const HttpReply sent = m_standIn->sendMessage(accountA, tokenA, form);
    QVERIFY2(sent.status == 201, sent.describe().constData());
    const QString sid = sent.json().value("sid").toString();

    // sent, then delivered: two callbacks, both stored.
    QTRY_COMPARE_WITH_TIMEOUT(deliveryUpdates(sid), qint64(2), 15000);
    QTRY_COMPARE(m_standIn->messages().at(0).toObject().value("status").toString(),
                 QStringLiteral("delivered"));

    // An undelivered recipient: the final callback carries the error code.
    QVERIFY(m_standIn->setDelivery(neighbour, "undelivered", 30006));
    Form landline = text(neighbour);
    landline.append(qMakePair(QByteArray("StatusCallback"), QByteArray(callback)));
    const HttpReply second = m_standIn->sendMessage(accountA, tokenA, landline);
    const QString secondSid = second.json().value("sid").toString();
    QTRY_COMPARE_WITH_TIMEOUT(deliveryUpdates(secondSid), qint64(2), 15000);
    QTRY_COMPARE(m_standIn->messages().at(1).toObject().value("status").toString(),
                 QStringLiteral("undelivered"));
    QCOMPARE(m_standIn->messages().at(1).toObject().value("error_code").toInt(), 30006);
    QCOMPARE(metric("callsnare_twilio_facts_stored_total{route=\"/v1/carrier/twilio/sms/status\"}"), 4.0);
    QCOMPARE(metric("callsnare_twilio_signature_failures_total{route=\"/v1/carrier/twilio/sms/status\"}"),
             0.0);
}

QTEST_GUILESS_MAIN(TestCarrierStandIn)
#include "tst_carrierstandin.moc"
