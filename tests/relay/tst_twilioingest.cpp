// The webhook ingests (missed calls, inbound texts, delivery statuses) as
// GroupCommitWriter units on both databases the relay runs on: SQLite in a
// temp dir and a real, throwaway PostgreSQL cluster. Each row of each test
// starts from a fresh database.

#include "PgCluster.h"

#include "domain/PhoneNumber.h"
#include "protocol/EventFacts.h"
#include "protocol/JsonFields.h"
#include "relay/ingest/DeliveryStatusIngest.h"
#include "relay/ingest/InboundTextIngest.h"
#include "relay/ingest/LeadRecords.h"
#include "relay/ingest/MissedCallIngest.h"
#include "relay/storage/EventLog.h"
#include "relay/storage/GroupCommitWriter.h"
#include "relay/storage/OrgDirectory.h"
#include "relay/storage/RelayDatabase.h"
#include "relay/storage/SecretBox.h"

#include <Poco/Data/Session.h>

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace callsnare;
using namespace callsnare::relay;
using namespace Poco::Data::Keywords;

namespace {

domain::PhoneNumber phone(const char* text)
{
    return domain::PhoneNumber::parse(text).value();
}

domain::Instant at(const char* iso)
{
    const QDateTime parsed = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    return domain::Instant{std::chrono::seconds{parsed.toSecsSinceEpoch()}};
}

const char* const homeowner = "+15125550142";
const char* const orgNumber = "+15125550199";

// Result<T> does not name T; only used in unevaluated context by Backend::apply.
template <typename T> T receiptOf(const domain::Result<T>&);

struct Backend {
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<RelayDatabase> database;
    std::unique_ptr<GroupCommitWriter> writer;
    std::unique_ptr<OrgDirectory> directory;
    std::string orgId;

    // Runs one ingest as a writer unit; the receipt comes back once committed.
    template <typename Ingest, typename Report> auto apply(const Report& report)
    {
        const Ingest ingest(database->dialect());
        using Receipt = decltype(receiptOf(ingest.apply(std::declval<Poco::Data::Session&>(), report)));
        return writer->compute<Receipt>([&](Poco::Data::Session& s) { return ingest.apply(s, report); });
    }

    Poco::Int64 count(const std::string& sql, const std::string& key)
    {
        Poco::Int64 n = -1;
        std::string bound = key;
        Poco::Data::Session session = database->reader();
        session << database->sql(sql), use(bound), into(n), now;
        return n;
    }

    std::string text(const std::string& sql, const std::string& key)
    {
        std::vector<std::string> values;
        std::string bound = key;
        Poco::Data::Session session = database->reader();
        session << database->sql(sql), use(bound), into(values), now;
        return values.empty() ? std::string("<none>") : values.front();
    }

    std::vector<StoredEvent> events()
    {
        Poco::Data::Session session = database->reader();
        auto read = EventLog(database->dialect()).read(session, orgId, 0, 1000);
        return read.ok() ? read.value() : std::vector<StoredEvent>{};
    }

    // The payload of the org's latest "lead.*" event about `leadId`.
    std::string lastLeadEvent(const std::string& leadId)
    {
        std::string payload;
        for (const StoredEvent& event : events()) {
            if (event.kind.starts_with("lead.") && event.payload.find(leadId) != std::string::npos) {
                payload = event.payload;
            }
        }
        return payload;
    }

    // The lead's snapshot as read back from its stored row, encoded.
    std::string storedSnapshot(const std::string& leadId)
    {
        Poco::Data::Session session = database->reader();
        const auto lead = LeadRecords(database->dialect()).snapshot(session, orgId, leadId);
        return lead ? protocol::stringify(*protocol::encodeLeadSnapshot(*lead)) : std::string("<none>");
    }

    QStringList eventKinds()
    {
        QStringList kinds;
        for (const StoredEvent& event : events()) {
            kinds << QString::fromStdString(event.kind);
        }
        return kinds;
    }
};

CallReport missedCall(const std::string& orgId, const char* callSid, const char* from, const char* when)
{
    CallReport report{orgId,       "twilio", callSid, from, std::nullopt, phone(orgNumber),
                      "no-answer", true,     at(when)};
    if (auto caller = domain::PhoneNumber::parse(from); caller && !domain::isWithheldCallerId(from)) {
        report.caller = caller.value();
    }
    return report;
}

InboundTextReport inboundText(const std::string& orgId, const char* sid, const char* body, const char* when)
{
    return InboundTextReport{orgId, "twilio", sid,          phone(homeowner), orgNumber,
                             body,  0,        std::nullopt, at(when)};
}

} // namespace

class TestTwilioIngest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void missedCallOpensLeadAndLogsIt_data() { backends(); }
    void missedCallOpensLeadAndLogsIt();
    void retriedCallStoresNothing_data() { backends(); }
    void retriedCallStoresNothing();
    void repeatCallsJoinInsideTheDedupeWindow_data() { backends(); }
    void repeatCallsJoinInsideTheDedupeWindow();
    void answeredAndWithheldCallsOpenNoLead_data() { backends(); }
    void answeredAndWithheldCallsOpenNoLead();
    void inboundTextRepliesOnTheLead_data() { backends(); }
    void inboundTextRepliesOnTheLead();
    void textFromSomeoneNewOpensALead_data() { backends(); }
    void textFromSomeoneNewOpensALead();
    void stopAndStartChangeOptOut_data() { backends(); }
    void stopAndStartChangeOptOut();
    void deliveryStatusesOnlyMoveForward_data() { backends(); }
    void deliveryStatusesOnlyMoveForward();
    void organizationsStayApart_data() { backends(); }
    void organizationsStayApart();
    void leadEventsCarryTheStoredLead_data() { backends(); }
    void leadEventsCarryTheStoredLead();

private:
    void backends();
    bool open(const QString& kind, Backend& backend, QString* error);
    std::string createOrg(Backend& backend, const char* number, const char* account);

    callsnare::test::PgCluster m_cluster;
    QString m_pgSkipReason;
    int m_databases = 0;
};

#define OPEN_BACKEND(b)                                                                                      \
    Backend b;                                                                                               \
    {                                                                                                        \
        QFETCH(QString, backend);                                                                            \
        if (backend == QLatin1String("postgresql") && !m_cluster.isRunning())                                \
            QSKIP(qPrintable(m_pgSkipReason));                                                               \
        QString openError;                                                                                   \
        QVERIFY2(open(backend, b, &openError), qPrintable(openError));                                       \
    }

#define VERIFY_OK(result) QVERIFY2((result).ok(), (result).ok() ? "" : (result).error().message.c_str())

void TestTwilioIngest::initTestCase()
{
    qunsetenv("CALLSNARE_RELAY_SECRETS_KEY");
    if (!callsnare::test::PgCluster::available(&m_pgSkipReason)) {
        return;
    }
    QString error;
    QVERIFY2(m_cluster.start(&error), qPrintable(error));
}

void TestTwilioIngest::cleanupTestCase()
{
    m_cluster.stop();
}

void TestTwilioIngest::backends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

bool TestTwilioIngest::open(const QString& kind, Backend& backend, QString* error)
{
    backend.dir = std::make_unique<QTemporaryDir>();
    DatabaseOptions options;
    options.dataDir = backend.dir->path().toStdString();
    if (kind == QLatin1String("postgresql")) {
        const QString uri
            = m_cluster.createDatabase(QStringLiteral("twilio_ingest_%1").arg(++m_databases), error);
        if (uri.isEmpty()) {
            return false;
        }
        options.databaseUri = uri.toStdString();
    }
    auto database = RelayDatabase::open(options);
    if (!database) {
        *error = QString::fromStdString(database.error().message);
        return false;
    }
    backend.database = std::move(database).value();
    auto writer = GroupCommitWriter::start(*backend.database);
    if (!writer) {
        *error = QString::fromStdString(writer.error().message);
        return false;
    }
    backend.writer = std::move(writer).value();
    auto secrets = SecretBox::load(options.dataDir);
    if (!secrets) {
        *error = QString::fromStdString(secrets.error().message);
        return false;
    }
    backend.directory = std::make_unique<OrgDirectory>(*backend.database, *backend.writer, secrets.value());
    backend.orgId = createOrg(backend, orgNumber, "AC00000000000000000000000000000001");
    if (backend.orgId.empty()) {
        *error = QStringLiteral("could not create the organization");
        return false;
    }
    return true;
}

std::string TestTwilioIngest::createOrg(Backend& backend, const char* number, const char* account)
{
    NewOrganization spec{"Cool Breeze HVAC",
                         "America/Chicago",
                         phone(number),
                         phone("+15125550100"),
                         account,
                         std::nullopt,
                         "token"};
    auto created = backend.directory->createOrganization(spec);
    return created.ok() ? created.value() : std::string();
}

void TestTwilioIngest::missedCallOpensLeadAndLogsIt()
{
    OPEN_BACKEND(b);
    auto receipt = b.apply<MissedCallIngest>(missedCall(b.orgId, "CA1", homeowner, "2026-07-01T15:00:00Z"));
    VERIFY_OK(receipt);
    QVERIFY(!receipt->duplicate);
    QVERIFY(receipt->newLead);
    QVERIFY(!receipt->leadId.empty());

    QCOMPARE(b.count("SELECT COUNT(*) FROM leads WHERE org_id = ?", b.orgId), 1);
    QCOMPARE(b.text("SELECT state FROM leads WHERE id = ?", receipt->leadId), std::string("missed"));
    QCOMPARE(b.text("SELECT lead_id FROM call_events WHERE call_sid = ?", "CA1"), receipt->leadId);
    QCOMPARE(b.text("SELECT phone FROM contacts WHERE org_id = ?", b.orgId), std::string(homeowner));
    QCOMPARE(b.eventKinds(), (QStringList{"lead.created", "call.missed"}));

    const auto events = b.events();
    QCOMPARE(events[0].seq + 1, events[1].seq);
    const QJsonObject call = QJsonDocument::fromJson(QByteArray::fromStdString(events[1].payload)).object();
    QCOMPARE(call.value("call_sid").toString(), QStringLiteral("CA1"));
    QCOMPARE(call.value("lead_id").toString(), QString::fromStdString(receipt->leadId));
    QCOMPARE(call.value("status").toString(), QStringLiteral("no-answer"));
    QCOMPARE(call.value("placement").toString(), QStringLiteral("new_lead"));
}

void TestTwilioIngest::retriedCallStoresNothing()
{
    OPEN_BACKEND(b);
    const CallReport report = missedCall(b.orgId, "CA1", homeowner, "2026-07-01T15:00:00Z");
    VERIFY_OK(b.apply<MissedCallIngest>(report));
    const auto eventsBefore = b.events().size();
    for (int retry = 0; retry < 3; ++retry) {
        auto again = b.apply<MissedCallIngest>(report);
        VERIFY_OK(again);
        QVERIFY(again->duplicate);
    }
    QCOMPARE(b.count("SELECT COUNT(*) FROM call_events WHERE org_id = ?", b.orgId), 1);
    QCOMPARE(b.count("SELECT COUNT(*) FROM leads WHERE org_id = ?", b.orgId), 1);
    QCOMPARE(b.count("SELECT call_count FROM leads WHERE org_id = ?", b.orgId), 1);
    QCOMPARE(b.events().size(), eventsBefore);
}

void TestTwilioIngest::repeatCallsJoinInsideTheDedupeWindow()
{
    OPEN_BACKEND(b);
    auto first = b.apply<MissedCallIngest>(missedCall(b.orgId, "CA1", homeowner, "2026-07-01T15:00:00Z"));
    auto second = b.apply<MissedCallIngest>(missedCall(b.orgId, "CA2", homeowner, "2026-07-01T18:00:00Z"));
    VERIFY_OK(first);
    VERIFY_OK(second);
    QCOMPARE(second->leadId, first->leadId);
    QVERIFY(!second->newLead);
    QCOMPARE(b.count("SELECT call_count FROM leads WHERE id = ?", first->leadId), 2);
    QCOMPARE(b.count("SELECT last_call_at FROM leads WHERE id = ?", first->leadId),
             at("2026-07-01T18:00:00Z").time_since_epoch().count());

    // An older call delivered late joins too, and never moves last_call_at back.
    auto late = b.apply<MissedCallIngest>(missedCall(b.orgId, "CA0", homeowner, "2026-07-01T14:00:00Z"));
    VERIFY_OK(late);
    QCOMPARE(late->leadId, first->leadId);
    QCOMPARE(b.count("SELECT last_call_at FROM leads WHERE id = ?", first->leadId),
             at("2026-07-01T18:00:00Z").time_since_epoch().count());

    // Past the 24-hour window after the last call: a new lead.
    auto later = b.apply<MissedCallIngest>(missedCall(b.orgId, "CA3", homeowner, "2026-07-02T18:00:01Z"));
    VERIFY_OK(later);
    QVERIFY(later->newLead);
    QVERIFY(later->leadId != first->leadId);
    QCOMPARE(b.count("SELECT COUNT(*) FROM leads WHERE org_id = ?", b.orgId), 2);
    QCOMPARE(b.count("SELECT COUNT(*) FROM contacts WHERE org_id = ?", b.orgId), 1);
    QCOMPARE(b.eventKinds(),
             (QStringList{"lead.created", "call.missed", "lead.updated", "call.missed", "lead.updated",
                          "call.missed", "lead.created", "call.missed"}));
}

void TestTwilioIngest::answeredAndWithheldCallsOpenNoLead()
{
    OPEN_BACKEND(b);
    CallReport answered = missedCall(b.orgId, "CA1", homeowner, "2026-07-01T15:00:00Z");
    answered.missed = false;
    answered.carrierStatus = "completed";
    auto receipt = b.apply<MissedCallIngest>(answered);
    VERIFY_OK(receipt);
    QVERIFY(receipt->leadId.empty());

    auto withheld
        = b.apply<MissedCallIngest>(missedCall(b.orgId, "CA2", "anonymous", "2026-07-01T15:01:00Z"));
    VERIFY_OK(withheld);
    QVERIFY(withheld->leadId.empty());

    QCOMPARE(b.count("SELECT COUNT(*) FROM call_events WHERE org_id = ?", b.orgId), 2);
    QCOMPARE(b.count("SELECT COUNT(*) FROM leads WHERE org_id = ?", b.orgId), 0);
    QCOMPARE(b.eventKinds(), (QStringList{"call.answered", "call.missed"}));
    const QJsonObject missed
        = QJsonDocument::fromJson(QByteArray::fromStdString(b.events()[1].payload)).object();
    QVERIFY(missed.value("withheld").toBool());
    QVERIFY(missed.value("lead_id").isNull());
}

void TestTwilioIngest::inboundTextRepliesOnTheLead()
{
    OPEN_BACKEND(b);
    auto call = b.apply<MissedCallIngest>(missedCall(b.orgId, "CA1", homeowner, "2026-07-01T15:00:00Z"));
    VERIFY_OK(call);
    const InboundTextReport text
        = inboundText(b.orgId, "SM1", "My AC is blowing warm air", "2026-07-01T15:05:00Z");
    auto receipt = b.apply<InboundTextIngest>(text);
    VERIFY_OK(receipt);
    QVERIFY(!receipt->duplicate);
    QCOMPARE(receipt->leadId, call->leadId);
    QCOMPARE(b.text("SELECT state FROM leads WHERE id = ?", call->leadId), std::string("replied"));
    QCOMPARE(b.count("SELECT first_reply_at FROM leads WHERE id = ?", call->leadId),
             at("2026-07-01T15:05:00Z").time_since_epoch().count());
    QCOMPARE(b.text("SELECT lead_id FROM messages WHERE carrier_sid = ?", "SM1"), call->leadId);
    QCOMPARE(b.text("SELECT body FROM messages WHERE carrier_sid = ?", "SM1"), text.body);

    auto retry = b.apply<InboundTextIngest>(text);
    VERIFY_OK(retry);
    QVERIFY(retry->duplicate);
    QCOMPARE(b.count("SELECT COUNT(*) FROM messages WHERE org_id = ?", b.orgId), 1);
    // The reply moved the lead to replied: its new snapshot comes before the message.
    QCOMPARE(b.eventKinds(),
             (QStringList{"lead.created", "call.missed", "lead.updated", "message.received"}));
}

void TestTwilioIngest::textFromSomeoneNewOpensALead()
{
    OPEN_BACKEND(b);
    auto receipt = b.apply<InboundTextIngest>(
        inboundText(b.orgId, "SM1", "Do you service heat pumps?", "2026-07-01T15:05:00Z"));
    VERIFY_OK(receipt);
    QVERIFY(!receipt->leadId.empty());
    QCOMPARE(b.text("SELECT state FROM leads WHERE id = ?", receipt->leadId), std::string("replied"));
    QCOMPARE(b.count("SELECT call_count FROM leads WHERE id = ?", receipt->leadId), 0);
    // A call soon after joins the lead the text opened.
    auto call = b.apply<MissedCallIngest>(missedCall(b.orgId, "CA1", homeowner, "2026-07-01T15:10:00Z"));
    VERIFY_OK(call);
    QCOMPARE(call->leadId, receipt->leadId);
}

void TestTwilioIngest::stopAndStartChangeOptOut()
{
    OPEN_BACKEND(b);
    auto call = b.apply<MissedCallIngest>(missedCall(b.orgId, "CA1", homeowner, "2026-07-01T15:00:00Z"));
    VERIFY_OK(call);
    const std::string optedOut = "SELECT opted_out FROM contacts WHERE phone = ?";

    auto stop = b.apply<InboundTextIngest>(inboundText(b.orgId, "SM1", " Stop ", "2026-07-01T15:01:00Z"));
    VERIFY_OK(stop);
    QCOMPARE(stop->keyword, domain::InboundKeyword::OptOut);
    QVERIFY(stop->optOutChanged);
    QCOMPARE(b.count(optedOut, homeowner), 1);
    QCOMPARE(b.text("SELECT opt_out_source FROM contacts WHERE phone = ?", homeowner),
             std::string("keyword"));
    // A keyword attaches to the lead but is no conversational reply.
    QCOMPARE(stop->leadId, call->leadId);
    QCOMPARE(b.text("SELECT state FROM leads WHERE id = ?", call->leadId), std::string("missed"));

    // Said twice: nothing changes the second time.
    auto again = b.apply<InboundTextIngest>(inboundText(b.orgId, "SM2", "STOPALL", "2026-07-01T15:02:00Z"));
    VERIFY_OK(again);
    QVERIFY(!again->optOutChanged);

    auto start = b.apply<InboundTextIngest>(inboundText(b.orgId, "SM3", "start", "2026-07-01T15:03:00Z"));
    VERIFY_OK(start);
    QVERIFY(start->optOutChanged);
    QCOMPARE(b.count(optedOut, homeowner), 0);

    // Twilio's OptOutType decides even when the wording is not a bare keyword.
    InboundTextReport carrierStop
        = inboundText(b.orgId, "SM4", "please stop texting me", "2026-07-01T15:04:00Z");
    carrierStop.carrierKeyword = domain::InboundKeyword::OptOut;
    auto viaCarrier = b.apply<InboundTextIngest>(carrierStop);
    VERIFY_OK(viaCarrier);
    QVERIFY(viaCarrier->optOutChanged);
    QCOMPARE(b.count(optedOut, homeowner), 1);

    QCOMPARE(b.eventKinds(),
             (QStringList{"lead.created", "call.missed", "contact.opted_out", "message.received",
                          "message.received", "contact.opted_in", "message.received", "contact.opted_out",
                          "message.received"}));
}

void TestTwilioIngest::deliveryStatusesOnlyMoveForward()
{
    OPEN_BACKEND(b);
    // An outbound text as the sender records it.
    {
        Poco::Data::Session session = b.database->openWriter();
        std::string org = b.orgId;
        session << b.database->sql(
            "INSERT INTO messages (id, org_id, direction, author, body, carrier_sid, status, "
            "created_at, updated_at) VALUES ('m1', ?, 'outbound', 'automation', 'Hi', "
            "'SMout', 'queued', 0, 0)"),
            use(org), now;
    }
    const auto status = [&](const char* carrierStatus, std::optional<domain::DeliveryStatus> mapped,
                            std::optional<int> errorCode = std::nullopt) {
        return b.apply<DeliveryStatusIngest>(DeliveryStatusReport{
            b.orgId, "twilio", "SMout", carrierStatus, mapped, errorCode, at("2026-07-01T15:00:00Z")});
    };
    const std::string current = "SELECT status FROM messages WHERE id = ?";
    using domain::DeliveryStatus;

    auto sent = status("sent", DeliveryStatus::Sent);
    VERIFY_OK(sent);
    QVERIFY(sent->applied);
    QCOMPARE(sent->messageId, std::string("m1"));
    QCOMPARE(b.text(current, "m1"), std::string("sent"));

    auto delivered = status("delivered", DeliveryStatus::Delivered);
    VERIFY_OK(delivered);
    QVERIFY(delivered->applied);

    // A late "sending" is new (sid + status) but must not move the message back.
    auto lateSending = status("sending", DeliveryStatus::Sending);
    VERIFY_OK(lateSending);
    QVERIFY(!lateSending->duplicate);
    QVERIFY(!lateSending->applied);
    // A final status never changes.
    auto failed = status("failed", DeliveryStatus::Failed, 30003);
    VERIFY_OK(failed);
    QVERIFY(!failed->applied);
    QCOMPARE(b.text(current, "m1"), std::string("delivered"));

    // The same sid + status again is a retry.
    auto retry = status("delivered", DeliveryStatus::Delivered);
    VERIFY_OK(retry);
    QVERIFY(retry->duplicate);
    QCOMPARE(b.count("SELECT COUNT(*) FROM delivery_updates WHERE org_id = ?", b.orgId), 4);

    // A callback for a sid no message carries yet is kept for the sender.
    auto unknown = b.apply<DeliveryStatusIngest>(DeliveryStatusReport{b.orgId, "twilio", "SMunknown", "sent",
                                                                      DeliveryStatus::Sent, std::nullopt,
                                                                      at("2026-07-01T15:00:00Z")});
    VERIFY_OK(unknown);
    QVERIFY(unknown->messageId.empty());
    QCOMPARE(b.count("SELECT COUNT(*) FROM delivery_updates WHERE message_sid = ?", "SMunknown"), 1);
    QCOMPARE(b.eventKinds().count("message.status"), 5);
}

void TestTwilioIngest::organizationsStayApart()
{
    OPEN_BACKEND(b);
    const std::string other = createOrg(b, "+15125550177", "AC00000000000000000000000000000002");
    QVERIFY(!other.empty());
    auto mine = b.apply<MissedCallIngest>(missedCall(b.orgId, "CA1", homeowner, "2026-07-01T15:00:00Z"));
    auto theirs = b.apply<MissedCallIngest>(missedCall(other, "CA1", homeowner, "2026-07-01T15:00:00Z"));
    VERIFY_OK(mine);
    VERIFY_OK(theirs);
    QVERIFY(!theirs->duplicate);
    QVERIFY(theirs->leadId != mine->leadId);
    QCOMPARE(b.count("SELECT COUNT(*) FROM contacts WHERE phone = ?", homeowner), 2);
    QCOMPARE(b.count("SELECT COUNT(*) FROM leads WHERE org_id = ?", other), 1);
    QCOMPARE(b.eventKinds(), (QStringList{"lead.created", "call.missed"}));
}

// The snapshots a new or joined lead publishes are made from the values
// written, not read back: each must equal the stored row, byte for byte.
void TestTwilioIngest::leadEventsCarryTheStoredLead()
{
    OPEN_BACKEND(b);
    auto opened = b.apply<MissedCallIngest>(missedCall(b.orgId, "CA1", homeowner, "2026-07-01T15:00:00Z"));
    VERIFY_OK(opened);
    QVERIFY(opened->newLead);
    const std::string created = b.lastLeadEvent(opened->leadId);
    QVERIFY(created.find("\"version\":1") != std::string::npos);
    QCOMPARE(created, b.storedSnapshot(opened->leadId));

    // A repeat call joins; then one that the carrier reports late (earlier
    // than the last call) leaves last_call_at where it was.
    auto joined = b.apply<MissedCallIngest>(missedCall(b.orgId, "CA2", homeowner, "2026-07-01T15:20:00Z"));
    VERIFY_OK(joined);
    QCOMPARE(joined->leadId, opened->leadId);
    QCOMPARE(b.lastLeadEvent(opened->leadId), b.storedSnapshot(opened->leadId));
    auto late = b.apply<MissedCallIngest>(missedCall(b.orgId, "CA3", homeowner, "2026-07-01T15:10:00Z"));
    VERIFY_OK(late);
    QCOMPARE(late->leadId, opened->leadId);
    const std::string updated = b.lastLeadEvent(opened->leadId);
    QVERIFY(updated.find("\"call_count\":3") != std::string::npos);
    QVERIFY(updated.find("\"version\":3") != std::string::npos);
    QVERIFY(updated.find("\"last_call_at\":\"2026-07-01T15:20:00Z\"") != std::string::npos);
    QCOMPARE(updated, b.storedSnapshot(opened->leadId));

    // A text from someone new opens a lead that already replied, with no call.
    InboundTextReport text = inboundText(b.orgId, "SM1", "Is anyone there?", "2026-07-01T16:00:00Z");
    text.from = phone("+15125550177");
    auto texted = b.apply<InboundTextIngest>(text);
    VERIFY_OK(texted);
    QVERIFY(!texted->leadId.empty());
    QVERIFY(texted->leadId != opened->leadId);
    const std::string replied = b.lastLeadEvent(texted->leadId);
    QVERIFY(replied.find("\"call_count\":0") != std::string::npos);
    QCOMPARE(replied, b.storedSnapshot(texted->leadId));
}

QTEST_GUILESS_MAIN(TestTwilioIngest)
#include "tst_twilioingest.moc"
