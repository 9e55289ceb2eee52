// The Twilio webhook routes end to end: the REAL callsnare-relay binary on
// 127.0.0.1 with real storage (SQLite in its data dir, and a throwaway
// PostgreSQL cluster), organizations created through the real admin CLI, and
// every request signed by an independent signer written with Qt. The relay's
// public URL (https://relay.example.test, given with --public-url) differs
// from the address the test connects to, as behind a real proxy: signatures
// cover the public URL. The test reads what was stored through its own
// connection to the same database, and metrics from GET /metrics.

#include "PgCluster.h"
#include "RelayProcess.h"
#include "TestHttpClient.h"

#include "relay/server/RelayConfig.h"
#include "relay/storage/EventLog.h"
#include "relay/storage/RelayDatabase.h"
#include "relay/twilio/TwilioWebhookRoutes.h"

#include <Poco/Data/Session.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QProcessEnvironment>
#include <QtTest>

#include <algorithm>

using namespace callsnare;
using namespace callsnare::relay;
using namespace Poco::Data::Keywords;
using callsnare::test::HttpReply;
using callsnare::test::RelayProcess;
using callsnare::test::TestHttpClient;

namespace {

using Params = QList<QPair<QByteArray, QByteArray>>;

const QByteArray publicUrl = "https://relay.example.test";
const char* const orgANumber = "+15125550199";
const char* const orgBNumber = "+15125550177";
const QByteArray accountA = "AC0000000000000000000000000000000a";
const QByteArray accountB = "AC0000000000000000000000000000000b";
const QByteArray tokenA = "token-of-org-a";
const QByteArray tokenB = "token-of-org-b";
const QByteArray serviceA = "MG0000000000000000000000000000000a";
const QByteArray homeowner = "+15125550142";

// The test's own signer: Twilio's algorithm from its documentation, written
// with Qt so it shares no code with the relay.
QByteArray sign(const QByteArray& token, const QByteArray& url, Params params)
{
    std::sort(params.begin(), params.end());
    QByteArray text = url;
    for (const auto& [name, value] : params) {
        text += name + value;
    }
    return QMessageAuthenticationCode::hash(text, token, QCryptographicHash::Sha1).toBase64();
}

QByteArray formEncode(const Params& params)
{
    QByteArray body;
    for (const auto& [name, value] : params) {
        if (!body.isEmpty()) {
            body += '&';
        }
        body += name.toPercentEncoding() + '=' + value.toPercentEncoding();
    }
    return body;
}

Params callParams(const QByteArray& callSid, const QByteArray& to = orgANumber,
                  const QByteArray& account = accountA)
{
    return {{"AccountSid", account},
            {"ApiVersion", "2010-04-01"},
            {"CallSid", callSid},
            {"CallStatus", "in-progress"},
            {"Direction", "inbound"},
            {"From", homeowner},
            {"To", to}};
}

Params smsParams(const QByteArray& sid, const QByteArray& body)
{
    return {{"AccountSid", accountA}, {"MessageSid", sid}, {"SmsSid", sid},  {"From", homeowner},
            {"To", orgANumber},       {"Body", body},      {"NumMedia", "0"}};
}

} // namespace

class TestTwilioWebhooks : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void voiceDialsTheOffice_data() { backends(); }
    void voiceDialsTheOffice();
    void missedCallStoresLeadOnceAcrossRetries_data() { backends(); }
    void missedCallStoresLeadOnceAcrossRetries();
    void badSignaturesAreRefusedAndStoreNothing_data() { backends(); }
    void badSignaturesAreRefusedAndStoreNothing();
    void signedUrlWithDefaultPortIsAccepted_data() { backends(); }
    void signedUrlWithDefaultPortIsAccepted();
    void messagingServiceRequestIsAccepted_data() { backends(); }
    void messagingServiceRequestIsAccepted();
    void oneOrganizationsCredentialsNeverReachAnother_data() { backends(); }
    void oneOrganizationsCredentialsNeverReachAnother();
    void stopOptsOut_data() { backends(); }
    void stopOptsOut();
    void deliveryStatusesAreKeyedAndNeverGoBack_data() { backends(); }
    void deliveryStatusesAreKeyedAndNeverGoBack();
    void badRequestsGetJsonErrorsAndStoreNothing_data() { backends(); }
    void badRequestsGetJsonErrorsAndStoreNothing();

private:
    void backends();
    bool startRelay(const QString& kind, QString* error);
    // `callsnare-relay admin ... org create ... --json` against the running
    // relay's storage; the new organization's id, or empty with *error set.
    std::string createOrganization(const char* number, const QByteArray& account, const QByteArray& service,
                                   const QByteArray& token, QString* error);
    HttpReply post(const char* path, const Params& params, const QByteArray& token = tokenA,
                   const QByteArray& signedBase = publicUrl);
    Poco::Int64 count(const std::string& sql, const std::string& key = {});
    // The kinds of the org's events, but its settings (made with the org).
    std::vector<std::string> eventKinds(const std::string& orgId);
    double metric(const std::string& line);

    callsnare::test::PgCluster m_cluster;
    QString m_pgSkipReason;
    int m_databases = 0;

    // Defaults only: the relay runs with its default body limit.
    const RelayConfig m_config;
    std::unique_ptr<RelayProcess> m_relay;
    QString m_databaseUri; // empty: SQLite in the relay's data dir
    // The test's own view of the relay's database, for reading what was stored.
    std::unique_ptr<RelayDatabase> m_database;
    quint16 m_port = 0;
    std::string m_orgA;
    std::string m_orgB;
    TestHttpClient m_http;
};

#define START_RELAY()                                                                                        \
    {                                                                                                        \
        QFETCH(QString, backend);                                                                            \
        if (backend == QLatin1String("postgresql") && !m_cluster.isRunning())                                \
            QSKIP(qPrintable(m_pgSkipReason));                                                               \
        QString startError;                                                                                  \
        QVERIFY2(startRelay(backend, &startError), qPrintable(startError));                                  \
    }

void TestTwilioWebhooks::initTestCase()
{
    qunsetenv("CALLSNARE_RELAY_SECRETS_KEY");
    if (!callsnare::test::PgCluster::available(&m_pgSkipReason)) {
        return;
    }
    QString error;
    QVERIFY2(m_cluster.start(&error), qPrintable(error));
}

void TestTwilioWebhooks::cleanupTestCase()
{
    m_cluster.stop();
}

void TestTwilioWebhooks::init()
{
}

void TestTwilioWebhooks::cleanup()
{
    m_database.reset();
    if (m_relay && m_relay->isRunning()) {
        // The relay drains, stops its writer and exits cleanly on SIGTERM.
        const bool stopped = m_relay->stop();
        const QByteArray log = m_relay->standardError();
        m_relay.reset();
        QVERIFY2(stopped, log.constData());
    } else if (m_relay) {
        const QByteArray log = m_relay->standardError();
        m_relay.reset();
        QFAIL(qPrintable(QStringLiteral("the relay exited early:\n") + QString::fromUtf8(log)));
    }
}

void TestTwilioWebhooks::backends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

bool TestTwilioWebhooks::startRelay(const QString& kind, QString* error)
{
    m_databaseUri.clear();
    if (kind == QLatin1String("postgresql")) {
        m_databaseUri = m_cluster.createDatabase(QStringLiteral("twilio_hooks_%1").arg(++m_databases), error);
        if (m_databaseUri.isEmpty()) {
            return false;
        }
    }
    m_relay = std::make_unique<RelayProcess>(QStringLiteral(CALLSNARE_RELAY_PATH));
    QStringList arguments{QStringLiteral("--public-url"), QString::fromLatin1(publicUrl)};
    if (!m_databaseUri.isEmpty()) {
        arguments << QStringLiteral("--database") << m_databaseUri;
    }
    m_relay->setArguments(arguments);
    if (!m_relay->start(error)) {
        return false;
    }
    m_port = m_relay->port();

    // Created beside the running relay, as an operator does.
    m_orgA = createOrganization(orgANumber, accountA, serviceA, tokenA, error);
    if (m_orgA.empty()) {
        return false;
    }
    m_orgB = createOrganization(orgBNumber, accountB, {}, tokenB, error);
    if (m_orgB.empty()) {
        return false;
    }

    DatabaseOptions options;
    options.dataDir = m_relay->filePath(QStringLiteral("data")).toStdString();
    options.databaseUri = m_databaseUri.toStdString();
    auto database = RelayDatabase::open(options);
    if (!database) {
        *error = QString::fromStdString(database.error().message);
        return false;
    }
    m_database = std::move(database).value();
    return true;
}

std::string TestTwilioWebhooks::createOrganization(const char* number, const QByteArray& account,
                                                   const QByteArray& service, const QByteArray& token,
                                                   QString* error)
{
    // The token goes through a private file, never the command line.
    const QString tokenFile = m_relay->filePath(QStringLiteral("token-%1").arg(QString::fromLatin1(account)));
    {
        QFile file(tokenFile);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            || file.write(token) < 0) {
            *error = QStringLiteral("cannot write %1").arg(tokenFile);
            return {};
        }
    }
    // The same data dir as the relay: its secrets key seals the token.
    QStringList arguments{QStringLiteral("admin"), QStringLiteral("--data-dir"),
                          m_relay->filePath(QStringLiteral("data"))};
    if (!m_databaseUri.isEmpty()) {
        arguments << QStringLiteral("--database") << m_databaseUri;
    }
    arguments << QStringLiteral("org") << QStringLiteral("create") << QStringLiteral("--name")
              << QStringLiteral("Cool Breeze HVAC") << QStringLiteral("--timezone")
              << QStringLiteral("America/Chicago") << QStringLiteral("--number")
              << QString::fromLatin1(number) << QStringLiteral("--forward-to")
              << QStringLiteral("+15125550100") << QStringLiteral("--account-sid")
              << QString::fromLatin1(account) << QStringLiteral("--auth-token-file") << tokenFile
              << QStringLiteral("--json");
    if (!service.isEmpty()) {
        arguments << QStringLiteral("--messaging-service-sid") << QString::fromLatin1(service);
    }

    QProcess admin;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : environment.keys()) {
        if (name.startsWith(QLatin1String("CALLSNARE_RELAY_"))) {
            environment.remove(name);
        }
    }
    admin.setProcessEnvironment(environment);
    admin.start(QStringLiteral(CALLSNARE_RELAY_PATH), arguments);
    if (!admin.waitForFinished(60000) || admin.exitStatus() != QProcess::NormalExit
        || admin.exitCode() != 0) {
        *error = QStringLiteral("admin org create failed (exit %1): %2")
                     .arg(admin.exitCode())
                     .arg(QString::fromUtf8(admin.readAllStandardError()));
        return {};
    }
    const QByteArray output = admin.readAllStandardOutput();
    const std::string id = QJsonDocument::fromJson(output).object().value("id").toString().toStdString();
    if (id.empty()) {
        *error = QStringLiteral("admin org create printed no id: %1").arg(QString::fromUtf8(output));
    }
    return id;
}

HttpReply TestTwilioWebhooks::post(const char* path, const Params& params, const QByteArray& token,
                                   const QByteArray& signedBase)
{
    const QByteArray signature = sign(token, signedBase + path, params);
    const QUrl url(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(QString::fromLatin1(path)));
    return m_http.post(url, formEncode(params), "application/x-www-form-urlencoded",
                       {{"X-Twilio-Signature", signature}});
}

Poco::Int64 TestTwilioWebhooks::count(const std::string& sql, const std::string& key)
{
    Poco::Int64 n = -1;
    Poco::Data::Session session = m_database->reader();
    if (key.empty()) {
        session << m_database->sql(sql), into(n), now;
    } else {
        std::string bound = key;
        session << m_database->sql(sql), use(bound), into(n), now;
    }
    return n;
}

std::vector<std::string> TestTwilioWebhooks::eventKinds(const std::string& orgId)
{
    Poco::Data::Session session = m_database->reader();
    std::vector<std::string> kinds;
    auto events = EventLog(m_database->dialect()).read(session, orgId, 0, 1000);
    if (events) {
        for (const StoredEvent& event : events.value()) {
            // The settings the organization was made with are not the webhooks' doing.
            if (event.kind != "org.settings") {
                kinds.push_back(event.kind);
            }
        }
    }
    return kinds;
}

// The sample's value from the relay's own /metrics, 0 when it is absent.
double TestTwilioWebhooks::metric(const std::string& line)
{
    const HttpReply reply = m_http.get(m_relay->url(QStringLiteral("/metrics")));
    if (reply.status != 200) {
        return -1.0;
    }
    const std::string text = reply.body.toStdString();
    const std::size_t at = text.find(line + " ");
    return at == std::string::npos ? 0.0 : std::stod(text.substr(at + line.size() + 1));
}

void TestTwilioWebhooks::voiceDialsTheOffice()
{
    START_RELAY();
    const HttpReply reply = post(TwilioPaths::Voice, callParams("CA1"));
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.header("Content-Type").startsWith("text/xml"), reply.describe().constData());
    const QByteArray expected
        = "<Response><Dial timeout=\"20\" action=\"https://relay.example.test/v1/carrier/twilio/"
          "voice/dial-status\" method=\"POST\">+15125550100</Dial></Response>";
    QVERIFY2(reply.body.endsWith(expected), reply.body.constData());
    QCOMPARE(count("SELECT COUNT(*) FROM call_events"), 0);

    // A call the org's own line forwarded here is the missed call itself.
    Params forwarded = callParams("CA2");
    forwarded.append(qMakePair(QByteArray("ForwardedFrom"), QByteArray("+15125550100")));
    const HttpReply answer = post(TwilioPaths::Voice, forwarded);
    QCOMPARE(answer.status, 200);
    QVERIFY2(answer.body.contains("<Say>") && answer.body.contains("<Hangup/>"), answer.body.constData());
    QVERIFY2(!answer.body.contains("<Dial"), answer.body.constData());
    QCOMPARE(count("SELECT COUNT(*) FROM leads WHERE org_id = ?", m_orgA), 1);
}

void TestTwilioWebhooks::missedCallStoresLeadOnceAcrossRetries()
{
    START_RELAY();
    Params params = callParams("CA1");
    params.append(qMakePair(QByteArray("DialCallStatus"), QByteArray("no-answer")));
    params.append(qMakePair(QByteArray("DialCallSid"), QByteArray("CA9")));
    const HttpReply reply = post(TwilioPaths::DialStatus, params);
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.body.contains("<Say>") && reply.body.contains("<Hangup/>"), reply.body.constData());
    QCOMPARE(count("SELECT COUNT(*) FROM leads WHERE org_id = ?", m_orgA), 1);
    // The text-back decision and its queued text follow in the same transaction.
    const std::vector<std::string> stored = eventKinds(m_orgA);
    QVERIFY(stored.size() >= 4);
    QCOMPARE(
        std::vector<std::string>(stored.begin(), stored.begin() + 4),
        (std::vector<std::string>{"lead.created", "call.missed", "automation.text_back", "message.queued"}));

    // Twilio retries: 2xx, nothing new.
    for (int retry = 0; retry < 2; ++retry) {
        const HttpReply again = post(TwilioPaths::DialStatus, params);
        QCOMPARE(again.status, 200);
    }
    // So does the status callback of the same call.
    Params status = callParams("CA1");
    status[3].second = "no-answer";
    QCOMPARE(post(TwilioPaths::CallStatus, status).status, 204);
    QCOMPARE(count("SELECT COUNT(*) FROM call_events"), 1);
    QCOMPARE(count("SELECT call_count FROM leads WHERE org_id = ?", m_orgA), 1);
    const std::vector<std::string> after = eventKinds(m_orgA);
    QCOMPARE(std::count_if(
                 after.begin(), after.end(),
                 [](const std::string& kind) { return kind == "lead.created" || kind == "call.missed"; }),
             std::ptrdiff_t{2});
    QCOMPARE(metric("callsnare_twilio_retries_total{route=\"/v1/carrier/twilio/voice/dial-status\"}"), 2.0);

    // An answered call opens no lead.
    Params answered = callParams("CA2");
    answered.append(qMakePair(QByteArray("DialCallStatus"), QByteArray("completed")));
    const HttpReply ok = post(TwilioPaths::DialStatus, answered);
    QCOMPARE(ok.status, 200);
    QVERIFY2(!ok.body.contains("<Say>"), ok.body.constData());
    QCOMPARE(count("SELECT COUNT(*) FROM leads WHERE org_id = ?", m_orgA), 1);
}

void TestTwilioWebhooks::badSignaturesAreRefusedAndStoreNothing()
{
    START_RELAY();
    Params params = callParams("CA1");
    params.append(qMakePair(QByteArray("DialCallStatus"), QByteArray("busy")));

    const HttpReply wrongToken = post(TwilioPaths::DialStatus, params, "not-the-token");
    QCOMPARE(wrongToken.status, 403);
    QCOMPARE(wrongToken.json().value("error").toObject().value("code").toString(),
             QStringLiteral("invalid_signature"));

    // Signed over the address the request really went to, not the public URL.
    const QByteArray local = "http://127.0.0.1:" + QByteArray::number(m_port);
    QCOMPARE(post(TwilioPaths::DialStatus, params, tokenA, local).status, 403);

    // A parameter changed after signing.
    const QByteArray signature = sign(tokenA, publicUrl + TwilioPaths::DialStatus, params);
    Params tampered = params;
    tampered[5].second = "+15125550143";
    const QUrl url(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(TwilioPaths::DialStatus));
    QCOMPARE(m_http
                 .post(url, formEncode(tampered), "application/x-www-form-urlencoded",
                       {{"X-Twilio-Signature", signature}})
                 .status,
             403);
    // No signature at all.
    QCOMPARE(m_http.post(url, formEncode(params)).status, 403);

    QCOMPARE(count("SELECT COUNT(*) FROM call_events"), 0);
    QCOMPARE(count("SELECT COUNT(*) FROM leads"), 0);
    QCOMPARE(count("SELECT COUNT(*) FROM events WHERE kind <> 'org.settings'"), 0);
    QCOMPARE(
        metric("callsnare_twilio_signature_failures_total{route=\"/v1/carrier/twilio/voice/dial-status\"}"),
        4.0);
}

void TestTwilioWebhooks::signedUrlWithDefaultPortIsAccepted()
{
    START_RELAY();
    Params params = callParams("CA1");
    params.append(qMakePair(QByteArray("DialCallStatus"), QByteArray("failed")));
    QCOMPARE(post(TwilioPaths::DialStatus, params, tokenA, publicUrl + ":443").status, 200);
    QCOMPARE(count("SELECT COUNT(*) FROM leads WHERE org_id = ?", m_orgA), 1);
}

void TestTwilioWebhooks::messagingServiceRequestIsAccepted()
{
    START_RELAY();
    // Sent to a number of the service that is not one of the org's numbers:
    // the Messaging Service alone identifies the org.
    Params params = smsParams("SM1", "Is someone available today?");
    params[4].second = "+15125550123";
    params.append(qMakePair(QByteArray("MessagingServiceSid"), QByteArray(serviceA)));
    const HttpReply reply = post(TwilioPaths::Sms, params);
    QVERIFY2(reply.status == 200, reply.describe().constData());
    QVERIFY2(reply.body.endsWith("<Response/>"), reply.body.constData());
    const char* const inbound = "SELECT COUNT(*) FROM messages WHERE org_id = ? AND direction = 'inbound'";
    QCOMPARE(count(inbound, m_orgA), 1);
    QCOMPARE(post(TwilioPaths::Sms, params).status, 200); // retry
    QCOMPARE(count(inbound, m_orgA), 1);
}

void TestTwilioWebhooks::oneOrganizationsCredentialsNeverReachAnother()
{
    START_RELAY();
    Params params = callParams("CA1", orgANumber, accountB);
    params.append(qMakePair(QByteArray("DialCallStatus"), QByteArray("no-answer")));
    // Org A's number under org B's account, signed with B's token: no such route.
    const HttpReply foreign = post(TwilioPaths::DialStatus, params, tokenB);
    QCOMPARE(foreign.status, 404);
    QCOMPARE(foreign.json().value("error").toObject().value("code").toString(),
             QStringLiteral("unknown_number"));
    // Org A's number and account, signed with B's token: refused.
    Params own = callParams("CA1");
    own.append(qMakePair(QByteArray("DialCallStatus"), QByteArray("no-answer")));
    QCOMPARE(post(TwilioPaths::DialStatus, own, tokenB).status, 403);
    QCOMPARE(count("SELECT COUNT(*) FROM call_events"), 0);

    // Each org's own request lands in that org only.
    Params b = callParams("CA2", orgBNumber, accountB);
    b.append(qMakePair(QByteArray("DialCallStatus"), QByteArray("no-answer")));
    QCOMPARE(post(TwilioPaths::DialStatus, b, tokenB).status, 200);
    QCOMPARE(count("SELECT COUNT(*) FROM leads WHERE org_id = ?", m_orgB), 1);
    QCOMPARE(count("SELECT COUNT(*) FROM leads WHERE org_id = ?", m_orgA), 0);
    QVERIFY(eventKinds(m_orgA).empty());
}

void TestTwilioWebhooks::stopOptsOut()
{
    START_RELAY();
    QCOMPARE(post(TwilioPaths::Sms, smsParams("SM1", "STOP")).status, 200);
    QCOMPARE(count("SELECT opted_out FROM contacts WHERE phone = ?", homeowner.toStdString()), 1);
    Params start = smsParams("SM2", "Hi again");
    start.append(qMakePair(QByteArray("OptOutType"), QByteArray("START")));
    QCOMPARE(post(TwilioPaths::Sms, start).status, 200);
    QCOMPARE(count("SELECT opted_out FROM contacts WHERE phone = ?", homeowner.toStdString()), 0);
}

void TestTwilioWebhooks::deliveryStatusesAreKeyedAndNeverGoBack()
{
    START_RELAY();
    {
        Poco::Data::Session session = m_database->openWriter();
        std::string org = m_orgA;
        session << m_database->sql(
            "INSERT INTO messages (id, org_id, direction, author, body, carrier_sid, status, "
            "created_at, updated_at) VALUES ('m1', ?, 'outbound', 'automation', 'Hi', "
            "'SMout', 'queued', 0, 0)"),
            use(org), now;
    }
    const auto status = [&](const QByteArray& value) {
        const Params params{{"AccountSid", accountA},
                            {"MessageSid", "SMout"},
                            {"MessageStatus", value},
                            {"From", orgANumber},
                            {"To", homeowner}};
        return post(TwilioPaths::SmsStatus, params).status;
    };
    QCOMPARE(status("sent"), 204);
    QCOMPARE(status("delivered"), 204);
    QCOMPARE(status("sent"), 204); // a retry of an earlier callback
    QCOMPARE(status("sending"), 204); // late, and behind "delivered"
    QCOMPARE(count("SELECT COUNT(*) FROM delivery_updates WHERE message_sid = ?", "SMout"), 3);
    Poco::Data::Session session = m_database->reader();
    std::string current;
    session << "SELECT status FROM messages WHERE id = 'm1'", into(current), now;
    QCOMPARE(current, std::string("delivered"));
}

void TestTwilioWebhooks::badRequestsGetJsonErrorsAndStoreNothing()
{
    START_RELAY();
    const QUrl url(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(TwilioPaths::DialStatus));
    const auto code = [](const HttpReply& reply) {
        return reply.json().value("error").toObject().value("code").toString();
    };

    const HttpReply malformed = m_http.post(url, "CallSid=CA1&To=%2G", "application/x-www-form-urlencoded");
    QCOMPARE(malformed.status, 400);
    QCOMPARE(code(malformed), QStringLiteral("malformed_body"));

    const HttpReply json = m_http.post(url, "{\"CallSid\":\"CA1\"}", "application/json");
    QCOMPARE(json.status, 415);
    QCOMPARE(code(json), QStringLiteral("unsupported_media_type"));

    Params unknown = callParams("CA1", "+15125550111");
    unknown.append(qMakePair(QByteArray("DialCallStatus"), QByteArray("busy")));
    const HttpReply notOurs = post(TwilioPaths::DialStatus, unknown);
    QCOMPARE(notOurs.status, 404);
    QCOMPARE(code(notOurs), QStringLiteral("unknown_number"));

    const HttpReply noStatus = post(TwilioPaths::DialStatus, callParams("CA1"));
    QCOMPARE(noStatus.status, 400);
    QCOMPARE(code(noStatus), QStringLiteral("missing_field"));

    Params noAccount = callParams("CA1");
    noAccount.removeFirst();
    const HttpReply missingAccount = post(TwilioPaths::DialStatus, noAccount);
    QCOMPARE(missingAccount.status, 400);
    QCOMPARE(code(missingAccount), QStringLiteral("missing_field"));

    const HttpReply huge = m_http.post(url, "Body=" + QByteArray(int(m_config.maxBodyBytes), 'x'),
                                       "application/x-www-form-urlencoded");
    QCOMPARE(huge.status, 413);

    QCOMPARE(count("SELECT COUNT(*) FROM call_events"), 0);
    QCOMPARE(count("SELECT COUNT(*) FROM events WHERE kind <> 'org.settings'"), 0);
}

QTEST_GUILESS_MAIN(TestTwilioWebhooks)
#include "tst_twiliowebhooks.moc"
