// Automation end to end: the real relay binary and the carrier stand-in on
// 127.0.0.1, on SQLite and on a throwaway PostgreSQL cluster. Missed calls
// and replies go in through the stand-in as Twilio sends them; what the
// homeowner's phone would receive is what the stand-in's Messages API took.

#include "PgCluster.h"
#include "RelayWithCarrier.h"

#include "relay/storage/EventLog.h"
#include "relay/storage/RelayDatabase.h"

#include <Poco/Data/Session.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <memory>

using namespace callsnare::relay;
using callsnare::test::RelayWithCarrier;
using namespace Poco::Data::Keywords;

namespace {

const QByteArray account = "AC0000000000000000000000000000000a";
const QByteArray token = "automation-flow-token";
const QByteArray orgNumber = "+15125550199";
const QByteArray homeowner = "+15125550142";
const QByteArray neighbour = "+15125550143";
const QByteArray onCall = "+15125550177";

} // namespace

class TestAutomationFlow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void missedCallIsTextedBackOnce_data() { backends(); }
    void missedCallIsTextedBackOnce();
    void stopSilencesAndStartRestores_data() { backends(); }
    void stopSilencesAndStartRestores();
    void pastDueBillingIsNotTexted_data() { backends(); }
    void pastDueBillingIsNotTexted();
    void leadThatRepliedFirstIsTextedBackOnce_data() { backends(); }
    void leadThatRepliedFirstIsTextedBackOnce();
    void carrierUnsubscribedErrorOptsOut_data() { backends(); }
    void carrierUnsubscribedErrorOptsOut();
    void unheardSendIsReconciledNotRepeated_data() { backends(); }
    void unheardSendIsReconciledNotRepeated();
    void replyRunsIntakeAndHandsOff_data() { backends(); }
    void replyRunsIntakeAndHandsOff();
    void urgentReplyAlertsOnCall_data() { backends(); }
    void urgentReplyAlertsOnCall();
    void crashAfterSendIsNotRepeated();
    void crashBeforeSendSendsOnceAfterRestart();

private:
    void backends();
    // The relay and the stand-in on `backend`, with one organization.
    bool start(const QString& backend, QString* error);
    // Runs `callsnare-relay admin` against the relay's storage; stdout, or empty with *error.
    QByteArray admin(QStringList arguments, QString* error) { return m_system->admin(arguments, error); }
    QJsonArray textsTo(const QByteArray& number);
    Poco::Int64 count(const std::string& sql, const std::string& key);
    QStringList eventKinds();
    QString lastEventWith(const QString& kind, const QString& field);
    double metric(const QByteArray& line);

    callsnare::test::PgCluster m_cluster;
    QString m_pgSkipReason;
    int m_databases = 0;
    std::unique_ptr<RelayWithCarrier> m_system;
    std::unique_ptr<RelayDatabase> m_database;
    std::string m_orgId;
};

#define START(backend)                                                                                       \
    {                                                                                                        \
        if ((backend) == QLatin1String("postgresql") && !m_cluster.isRunning())                              \
            QSKIP(qPrintable(m_pgSkipReason));                                                               \
        QString startError;                                                                                  \
        QVERIFY2(start((backend), &startError), qPrintable(startError));                                     \
    }

#define START_FETCHED()                                                                                      \
    QFETCH(QString, backend);                                                                                \
    START(backend)

void TestAutomationFlow::initTestCase()
{
    qunsetenv("CALLSNARE_RELAY_SECRETS_KEY");
    if (!callsnare::test::PgCluster::available(&m_pgSkipReason))
        return;
    QString error;
    QVERIFY2(m_cluster.start(&error), qPrintable(error));
}

void TestAutomationFlow::cleanupTestCase()
{
    m_cluster.stop();
}

void TestAutomationFlow::cleanup()
{
    m_database.reset();
    if (!m_system)
        return;
    QString error;
    const bool drained = m_system->stop(&error);
    m_system.reset();
    QVERIFY2(drained, qPrintable(error));
}

void TestAutomationFlow::backends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

bool TestAutomationFlow::start(const QString& backend, QString* error)
{
    QString databaseUri;
    if (backend == QLatin1String("postgresql")) {
        databaseUri = m_cluster.createDatabase(QStringLiteral("automation_%1").arg(++m_databases), error);
        if (databaseUri.isEmpty())
            return false;
    }
    m_system = std::make_unique<RelayWithCarrier>(QStringLiteral(CALLSNARE_RELAY_PATH),
                                                  QStringLiteral(CALLSNARE_CARRIER_STANDIN_PATH));
    m_system->addAccount(account, token);
    if (!m_system->start(databaseUri, error))
        return false;
    m_orgId = m_system->createOrg("Cool Breeze HVAC", account, token, orgNumber, error).toStdString();
    if (m_orgId.empty())
        return false;

    DatabaseOptions options;
    options.dataDir = m_system->dataDir().toStdString();
    options.databaseUri = databaseUri.toStdString();
    auto database = RelayDatabase::open(options);
    if (!database) {
        *error = QString::fromStdString(database.error().message);
        return false;
    }
    m_database = std::move(database).value();
    return true;
}

QJsonArray TestAutomationFlow::textsTo(const QByteArray& number)
{
    QJsonArray texts;
    for (const QJsonValue& message : m_system->standIn().messages()) {
        if (message.toObject().value("to").toString() == QLatin1String(number))
            texts.append(message);
    }
    return texts;
}

Poco::Int64 TestAutomationFlow::count(const std::string& sql, const std::string& key)
{
    Poco::Int64 n = -1;
    std::string bound = key;
    Poco::Data::Session session = m_database->reader();
    session << m_database->sql(sql), use(bound), into(n), now;
    return n;
}

QStringList TestAutomationFlow::eventKinds()
{
    QStringList kinds;
    Poco::Data::Session session = m_database->reader();
    auto events = EventLog(m_database->dialect()).read(session, m_orgId, 0, 10000);
    if (events) {
        for (const StoredEvent& event : events.value())
            kinds << QString::fromStdString(event.kind);
    }
    return kinds;
}

QString TestAutomationFlow::lastEventWith(const QString& kind, const QString& field)
{
    Poco::Data::Session session = m_database->reader();
    auto events = EventLog(m_database->dialect()).read(session, m_orgId, 0, 10000);
    QString value;
    if (events) {
        for (const StoredEvent& event : events.value()) {
            if (QString::fromStdString(event.kind) == kind) {
                const QJsonObject payload
                    = QJsonDocument::fromJson(QByteArray::fromStdString(event.payload)).object();
                value = payload.value(field).toVariant().toString();
            }
        }
    }
    return value;
}

double TestAutomationFlow::metric(const QByteArray& line)
{
    callsnare::test::TestHttpClient http;
    const auto reply = http.get(m_system->relay().url(QStringLiteral("/metrics")));
    for (const QByteArray& row : reply.body.split('\n')) {
        if (row.startsWith(line + ' '))
            return row.mid(line.size() + 1).toDouble();
    }
    return 0;
}

void TestAutomationFlow::missedCallIsTextedBackOnce()
{
    START_FETCHED();
    const QJsonObject first = m_system->standIn().call(account, homeowner, orgNumber);
    QCOMPARE(first.value("relay_status").toInt(), 200);
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(homeowner).size(), 1, 10000);
    const QJsonObject text = textsTo(homeowner).first().toObject();
    QVERIFY2(text.value("body").toString().contains("Cool Breeze HVAC"),
             qPrintable(text.value("body").toString()));
    QVERIFY(text.value("body").toString().contains("STOP"));
    QCOMPARE(text.value("from").toString(), QString::fromLatin1(orgNumber));
    QVERIFY(!text.value("idempotency_token").toString().isEmpty());
    QVERIFY(text.value("status_callback").toString().endsWith("/v1/carrier/twilio/sms/status"));

    // Delivered (the stand-in's callbacks), and the lead moved to texted.
    QTRY_COMPARE_WITH_TIMEOUT(
        count("SELECT COUNT(*) FROM messages WHERE org_id = ? AND direction = 'outbound' "
              "AND status = 'delivered'",
              m_orgId),
        Poco::Int64{1}, 10000);
    QCOMPARE(
        count(
            "SELECT COUNT(*) FROM leads WHERE org_id = ? AND state = 'texted' AND first_text_at IS NOT NULL",
            m_orgId),
        Poco::Int64{1});

    // A second call inside the dedupe window joins the lead: no second text.
    QCOMPARE(m_system->standIn().call(account, homeowner, orgNumber).value("relay_status").toInt(), 200);
    QCOMPARE(lastEventWith("automation.text_back", "reason"), QStringLiteral("already_texted"));
    QCOMPARE(count("SELECT COUNT(*) FROM outbound_jobs WHERE org_id = ?", m_orgId), Poco::Int64{1});
    QCOMPARE(textsTo(homeowner).size(), 1);
    QVERIFY(metric("callsnare_textback_latency_seconds_count") >= 1.0);
}

void TestAutomationFlow::stopSilencesAndStartRestores()
{
    START_FETCHED();
    // STOP from someone with no lead yet: opted out, one confirmation.
    QCOMPARE(m_system->standIn().inbound(account, homeowner, orgNumber, "STOP").value("relay_status").toInt(),
             200);
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(homeowner).size(), 1, 10000);
    QVERIFY(textsTo(homeowner).first().toObject().value("body").toString().contains("unsubscribed"));
    // A second STOP is not confirmed again.
    QCOMPARE(m_system->standIn().inbound(account, homeowner, orgNumber, "stop").value("relay_status").toInt(),
             200);

    // A missed call from the opted-out number: a lead, no text, the reason recorded.
    QCOMPARE(m_system->standIn().call(account, homeowner, orgNumber).value("relay_status").toInt(), 200);
    QCOMPARE(lastEventWith("automation.text_back", "reason"), QStringLiteral("opted_out"));
    QVERIFY(lastEventWith("automation.text_back", "explanation")
                .startsWith(QStringLiteral("not texted: opted out")));
    QCOMPARE(count("SELECT COUNT(*) FROM leads WHERE org_id = ?", m_orgId), Poco::Int64{1});

    // START: confirmed, and the next call is texted (the lead was never texted).
    QCOMPARE(
        m_system->standIn().inbound(account, homeowner, orgNumber, "START").value("relay_status").toInt(),
        200);
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(homeowner).size(), 2, 10000);
    QVERIFY(textsTo(homeowner).at(1).toObject().value("body").toString().contains("subscribed"));
    QCOMPARE(m_system->standIn().call(account, homeowner, orgNumber).value("relay_status").toInt(), 200);
    QVERIFY2(lastEventWith("automation.text_back", "action") == QLatin1String("send_now"),
             qPrintable(lastEventWith("automation.text_back", "explanation")));
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(homeowner).size(), 3, 10000);
    QVERIFY(textsTo(homeowner).at(2).toObject().value("body").toString().contains("missed your call"));
    QCOMPARE(count("SELECT COUNT(*) FROM outbound_jobs WHERE org_id = ? AND purpose = 'opt_out_confirmation'",
                   m_orgId),
             Poco::Int64{1});
}

void TestAutomationFlow::pastDueBillingIsNotTexted()
{
    START_FETCHED();
    QString error;
    QVERIFY2(
        !admin({"billing", "set", "--org", QString::fromStdString(m_orgId), "--state", "past_due"}, &error)
             .isNull(),
        qPrintable(error));
    QCOMPARE(m_system->standIn().call(account, homeowner, orgNumber).value("relay_status").toInt(), 200);
    QCOMPARE(lastEventWith("automation.text_back", "reason"), QStringLiteral("billing_not_in_good_standing"));
    QCOMPARE(count("SELECT COUNT(*) FROM outbound_jobs WHERE org_id = ?", m_orgId), Poco::Int64{0});
    QCOMPARE(count("SELECT COUNT(*) FROM leads WHERE org_id = ? AND state = 'missed'", m_orgId),
             Poco::Int64{1});
    // HELP is still answered: compliance replies ignore billing.
    QCOMPARE(m_system->standIn().inbound(account, homeowner, orgNumber, "HELP").value("relay_status").toInt(),
             200);
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(homeowner).size(), 1, 10000);
    QVERIFY(textsTo(homeowner).first().toObject().value("body").toString().contains("(512) 555-0100"));
}

void TestAutomationFlow::leadThatRepliedFirstIsTextedBackOnce()
{
    START_FETCHED();
    const QString org = QString::fromStdString(m_orgId);
    QString error;
    QVERIFY2(!admin({"billing", "set", "--org", org, "--state", "past_due"}, &error).isNull(),
             qPrintable(error));
    // Not texted back; the homeowner writes in, and the lead moves past missed.
    QCOMPARE(m_system->standIn().call(account, homeowner, orgNumber).value("relay_status").toInt(), 200);
    QCOMPARE(
        m_system->standIn().inbound(account, homeowner, orgNumber, "Hello?").value("relay_status").toInt(),
        200);
    QCOMPARE(count("SELECT COUNT(*) FROM leads WHERE org_id = ? AND state = 'replied'", m_orgId),
             Poco::Int64{1});

    // Billing restored: the next call joins the lead, which was never texted.
    QVERIFY2(!admin({"billing", "set", "--org", org, "--state", "active"}, &error).isNull(),
             qPrintable(error));
    QCOMPARE(m_system->standIn().call(account, homeowner, orgNumber).value("relay_status").toInt(), 200);
    QTRY_COMPARE_WITH_TIMEOUT(count("SELECT COUNT(*) FROM outbound_jobs WHERE org_id = ? AND purpose = "
                                    "'text_back' AND state = 'sent'",
                                    m_orgId),
                              Poco::Int64{1}, 10000);
    QCOMPARE(count("SELECT COUNT(*) FROM leads WHERE org_id = ? AND first_text_at IS NOT NULL", m_orgId),
             Poco::Int64{1});

    // Once texted back, the lead is not texted back again.
    QCOMPARE(m_system->standIn().call(account, homeowner, orgNumber).value("relay_status").toInt(), 200);
    QCOMPARE(lastEventWith("automation.text_back", "reason"), QStringLiteral("already_texted"));
    QCOMPARE(count("SELECT COUNT(*) FROM outbound_jobs WHERE org_id = ? AND purpose = 'text_back'", m_orgId),
             Poco::Int64{1});
    QCOMPARE(textsTo(homeowner).size(), 1);
}

void TestAutomationFlow::carrierUnsubscribedErrorOptsOut()
{
    START_FETCHED();
    QVERIFY(m_system->standIn().setFault(
        {{"count", 1}, {"status", 400}, {"code", 21610}, {"to", QString(homeowner)}}));
    QCOMPARE(m_system->standIn().call(account, homeowner, orgNumber).value("relay_status").toInt(), 200);
    QTRY_COMPARE_WITH_TIMEOUT(count("SELECT COUNT(*) FROM contacts WHERE org_id = ? AND opted_out = 1 AND "
                                    "opt_out_source = 'carrier_error'",
                                    m_orgId),
                              Poco::Int64{1}, 10000);
    QCOMPARE(
        count("SELECT COUNT(*) FROM messages WHERE org_id = ? AND status = 'failed' AND error_code = 21610",
              m_orgId),
        Poco::Int64{1});
    // Never retried, and no text went out.
    QCOMPARE(textsTo(homeowner).size(), 0);
    QCOMPARE(m_system->standIn().requests().size(), 1);

    // The same error in a delivery callback (accepted, then refused) opts out too.
    QVERIFY(m_system->standIn().setDelivery(neighbour, "failed", 21610));
    QCOMPARE(m_system->standIn().call(account, neighbour, orgNumber).value("relay_status").toInt(), 200);
    QTRY_COMPARE_WITH_TIMEOUT(count("SELECT COUNT(*) FROM contacts WHERE org_id = ? AND opted_out = 1 AND "
                                    "opt_out_source = 'carrier_error'",
                                    m_orgId),
                              Poco::Int64{2}, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(
        count("SELECT COUNT(*) FROM messages WHERE org_id = ? AND status = 'failed'", m_orgId),
        Poco::Int64{2}, 10000);
}

void TestAutomationFlow::unheardSendIsReconciledNotRepeated()
{
    START_FETCHED();
    // The carrier takes the text and the connection drops before the answer.
    QVERIFY(m_system->standIn().setFault(
        {{"count", 1}, {"drop_after_accept", true}, {"to", QString(homeowner)}}));
    QCOMPARE(m_system->standIn().call(account, homeowner, orgNumber).value("relay_status").toInt(), 200);
    QTRY_COMPARE_WITH_TIMEOUT(
        count("SELECT COUNT(*) FROM outbound_jobs WHERE org_id = ? AND state = 'sent'", m_orgId),
        Poco::Int64{1}, 20000);
    QCOMPARE(textsTo(homeowner).size(), 1);
    QCOMPARE(metric("callsnare_outbound_reconciled_total"), 1.0);
    // The message row carries the carrier's sid found by asking.
    QCOMPARE(
        count("SELECT COUNT(*) FROM messages WHERE org_id = ? AND carrier_sid IS NOT NULL AND direction = "
              "'outbound'",
              m_orgId),
        Poco::Int64{1});
}

void TestAutomationFlow::replyRunsIntakeAndHandsOff()
{
    START_FETCHED();
    QCOMPARE(m_system->standIn().call(account, homeowner, orgNumber).value("relay_status").toInt(), 200);
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(homeowner).size(), 1, 10000);

    // Each reply answers the question before it and gets the next one.
    const QByteArray replies[] = {"AC blowing warm air", "12 Elm St, Austin", "Tomorrow morning"};
    const char* const expected[] = {"What's going on", "service address", "good time"};
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(m_system->standIn()
                     .inbound(account, homeowner, orgNumber, replies[i])
                     .value("relay_status")
                     .toInt(),
                 200);
        QTRY_COMPARE_WITH_TIMEOUT(textsTo(homeowner).size(), i + 2, 10000);
        QVERIFY2(textsTo(homeowner).at(i + 1).toObject().value("body").toString().contains(expected[i]),
                 qPrintable(textsTo(homeowner).at(i + 1).toObject().value("body").toString()));
    }
    QCOMPARE(
        m_system->standIn().inbound(account, homeowner, orgNumber, replies[2]).value("relay_status").toInt(),
        200);
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(homeowner).size(), 4, 10000);
    QCOMPARE(m_system->standIn()
                 .inbound(account, homeowner, orgNumber, "Evening works too")
                 .value("relay_status")
                 .toInt(),
             200);
    QCOMPARE(count("SELECT COUNT(*) FROM lead_answers WHERE org_id = ?", m_orgId), Poco::Int64{3});
    QCOMPARE(count("SELECT COUNT(*) FROM leads WHERE org_id = ? AND state = 'office'", m_orgId),
             Poco::Int64{1});
    QCOMPARE(lastEventWith("lead.handed_off", "reason"), QStringLiteral("intake_complete"));
    QCOMPARE(textsTo(homeowner).size(), 4);

    // Another homeowner asks for a call: straight to the office.
    QCOMPARE(m_system->standIn().call(account, neighbour, orgNumber).value("relay_status").toInt(), 200);
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(neighbour).size(), 1, 10000);
    QCOMPARE(m_system->standIn()
                 .inbound(account, neighbour, orgNumber, "Can you just call me?")
                 .value("relay_status")
                 .toInt(),
             200);
    QCOMPARE(lastEventWith("lead.handed_off", "reason"), QStringLiteral("asked_for_call"));

    // "Please stop texting me" is not the keyword: automation pauses, a dispatcher is flagged.
    const QByteArray third = "+15125550144";
    QCOMPARE(m_system->standIn().call(account, third, orgNumber).value("relay_status").toInt(), 200);
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(third).size(), 1, 10000);
    QCOMPARE(m_system->standIn()
                 .inbound(account, third, orgNumber, "please stop texting me")
                 .value("relay_status")
                 .toInt(),
             200);
    QCOMPARE(lastEventWith("lead.flagged", "attention"), QStringLiteral("soft_opt_out"));
    QCOMPARE(count("SELECT COUNT(*) FROM leads WHERE org_id = ? AND automation_paused = 1", m_orgId),
             Poco::Int64{1});
    QCOMPARE(count("SELECT COUNT(*) FROM contacts WHERE org_id = ? AND opted_out = 1", m_orgId),
             Poco::Int64{0});
    QCOMPARE(textsTo(third).size(), 1);
}

void TestAutomationFlow::urgentReplyAlertsOnCall()
{
    START_FETCHED();
    QString error;
    QVERIFY2(
        !admin({"automation", "set", "--org", QString::fromStdString(m_orgId), "--on-call", QString(onCall)},
               &error)
             .isNull(),
        qPrintable(error));
    QCOMPARE(m_system->standIn().call(account, homeowner, orgNumber).value("relay_status").toInt(), 200);
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(homeowner).size(), 1, 10000);
    QCOMPARE(m_system->standIn()
                 .inbound(account, homeowner, orgNumber, "No heat and I smell gas!")
                 .value("relay_status")
                 .toInt(),
             200);
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(onCall).size(), 1, 10000);
    const QString alert = textsTo(onCall).first().toObject().value("body").toString();
    QVERIFY2(alert.contains("URGENT") && alert.contains("no heat") && alert.contains("gas smell")
                 && alert.contains("(512) 555-0142"),
             qPrintable(alert));
    QCOMPARE(count("SELECT COUNT(*) FROM leads WHERE org_id = ? AND urgent = 1", m_orgId), Poco::Int64{1});
}

void TestAutomationFlow::crashAfterSendIsNotRepeated()
{
    START(QStringLiteral("sqlite"));
    // The carrier holds the answer; the relay dies while waiting for it.
    QVERIFY(m_system->standIn().setFault({{"count", 1}, {"delay_ms", 1500}, {"to", QString(homeowner)}}));
    QCOMPARE(m_system->standIn().call(account, homeowner, orgNumber).value("relay_status").toInt(), 200);
    // Killed while the request is in the carrier's hands, before any answer.
    QTest::qWait(500);
    QCOMPARE(textsTo(homeowner).size(), 0);
    m_system->killRelay();
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(homeowner).size(), 1, 10000);

    QString error;
    QVERIFY2(m_system->restartRelay(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(
        count("SELECT COUNT(*) FROM outbound_jobs WHERE org_id = ? AND state = 'sent'", m_orgId),
        Poco::Int64{1}, 20000);
    QCOMPARE(textsTo(homeowner).size(), 1);
    QCOMPARE(metric("callsnare_outbound_reconciled_total"), 1.0);
}

void TestAutomationFlow::crashBeforeSendSendsOnceAfterRestart()
{
    START(QStringLiteral("sqlite"));
    // The carrier is failing: the text-back waits, queued, for a retry.
    QVERIFY(m_system->standIn().setFault({{"count", 1000}, {"status", 503}, {"to", QString(homeowner)}}));
    QCOMPARE(m_system->standIn().call(account, homeowner, orgNumber).value("relay_status").toInt(), 200);
    QTRY_VERIFY_WITH_TIMEOUT(
        count("SELECT COUNT(*) FROM outbound_jobs WHERE org_id = ? AND state = 'pending' "
              "AND attempts >= 1",
              m_orgId)
            == 1,
        10000);
    m_system->killRelay();
    QCOMPARE(textsTo(homeowner).size(), 0);

    // The carrier recovers; the relay comes back and sends exactly once.
    QVERIFY(m_system->standIn().clearFaults());
    QString error;
    QVERIFY2(m_system->restartRelay(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(homeowner).size(), 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(
        count("SELECT COUNT(*) FROM outbound_jobs WHERE org_id = ? AND state = 'sent'", m_orgId),
        Poco::Int64{1}, 20000);
    QCOMPARE(textsTo(homeowner).size(), 1);
}

QTEST_GUILESS_MAIN(TestAutomationFlow)
#include "tst_automationflow.moc"
