// The relay's sync API end to end: the real relay and carrier stand-in on
// 127.0.0.1, on SQLite and on a throwaway PostgreSQL cluster. A device
// enrolls with an operator's code, reads its organization's events (paged and
// long-polled) and sends dispatcher actions, decoded and encoded with the
// same protocol codec the desktop uses.

#include "FaultInjectingProxy.h"
#include "SyncApiFixture.h"
#include "TestHttpClient.h"

#include "protocol/DeviceEnrollment.h"
#include "protocol/JsonFields.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QtTest>

#include <future>
#include <memory>

using namespace callsnare;
using callsnare::test::HttpReply;
using callsnare::test::RelayWithCarrier;
using callsnare::test::TestHttpClient;
using namespace sync_api;

class TestSyncApi : public QObject, public SyncApiFixture {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(setUpSuite(&error), qPrintable(error));
    }
    void cleanupTestCase() { tearDownSuite(); }
    void cleanup()
    {
        QString error;
        QVERIFY2(stopSystem(&error), qPrintable(error));
    }

    void enrollmentCodeWorksOnce_data() { backends(); }
    void enrollmentCodeWorksOnce();
    void missedCallReachesTheDeviceAsEvents_data() { backends(); }
    void missedCallReachesTheDeviceAsEvents();
    void longPollAnswersWhenACallCommits_data() { backends(); }
    void longPollAnswersWhenACallCommits();
    void dispatcherTextGoesOutOnce_data() { backends(); }
    void dispatcherTextGoesOutOnce();
    void editsNameTheVersionTheyWereMadeOn_data() { backends(); }
    void editsNameTheVersionTheyWereMadeOn();
    void bookingsMoveTheLeadAndKeepVersions_data() { backends(); }
    void bookingsMoveTheLeadAndKeepVersions();
    void devicesSeeOnlyTheirOrganization_data() { backends(); }
    void devicesSeeOnlyTheirOrganization();
    void badRequestsAreRefusedClearly();
    void faultyNetworkNeverDoublesAMutation();
};

void TestSyncApi::enrollmentCodeWorksOnce()
{
    START_FETCHED();
    QString error;
    const QByteArray printed = m_system->admin({"device", "enroll-code", "--org", m_orgA}, &error);
    QVERIFY2(!printed.isNull(), qPrintable(error));
    const QByteArray code = printed.trimmed().split('\n').last();
    QVERIFY2(QRegularExpression("^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$")
                 .match(QString::fromLatin1(code))
                 .hasMatch(),
             code.constData());

    TestHttpClient http;
    // Typed loosely (lower case, spaces): still the code.
    const QByteArray typed = code.toLower().replace('-', ' ');
    const HttpReply first
        = http.post(m_system->relay().url("/v1/devices/enroll"),
                    QByteArray::fromStdString(protocol::encodeEnrollRequest({typed.toStdString(), "Desk 1"})),
                    "application/json");
    QCOMPARE(first.status, 201);
    const auto enrolled = protocol::decodeEnrollResponse(first.body.toStdString());
    QVERIFY(enrolled);
    QCOMPARE(QString::fromStdString(enrolled->orgId), m_orgA);
    QCOMPARE(enrolled->orgName, std::string("Cool Breeze HVAC"));

    const HttpReply again
        = http.post(m_system->relay().url("/v1/devices/enroll"),
                    QByteArray::fromStdString(protocol::encodeEnrollRequest({code.toStdString(), "Desk 2"})),
                    "application/json");
    QCOMPARE(again.status, 401);
    QCOMPARE(again.json().value("error").toObject().value("code").toString(), QString("invalid_code"));

    // The token is stored only as a hash; the device list shows the device.
    const QByteArray listed = m_system->admin({"device", "list", "--org", m_orgA, "--json"}, &error);
    const QJsonArray devices = QJsonDocument::fromJson(listed).object().value("devices").toArray();
    QCOMPARE(devices.size(), 1);
    QCOMPARE(devices.first().toObject().value("name").toString(), QString("Desk 1"));
    QVERIFY(!listed.contains(QByteArray::fromStdString(enrolled->token.substr(37))));

    // Revoked: the token stops working at once.
    QVERIFY(!m_system
                 ->admin({"device", "revoke", "--org", m_orgA, "--device",
                          QString::fromStdString(enrolled->deviceId)},
                         &error)
                 .isNull());
    const HttpReply refused
        = http.get(m_system->relay().url("/v1/sync/events"), {{"Authorization", bearer(enrolled->token)}});
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.json().value("error").toObject().value("code").toString(), QString("invalid_token"));
}

void TestSyncApi::missedCallReachesTheDeviceAsEvents()
{
    START_FETCHED();
    QString error;
    const std::string token = enroll(m_orgA, &error);
    QVERIFY2(!token.empty(), qPrintable(error));
    QCOMPARE(m_system->standIn().call(accountA, homeowner, numberA).value("relay_status").toInt(), 200);
    // The text-back goes out and is delivered: its events follow the call's.
    QTRY_VERIFY_WITH_TIMEOUT(events(token, 0).header.lastSeq >= 7, 10000);

    const protocol::EventPage page = events(token, 0);
    QStringList kinds;
    for (const auto& event : page.events) {
        kinds << QString::fromStdString(event.kind);
        const auto fact = protocol::decodeFact(event);
        QVERIFY2(fact, qPrintable(QString::fromStdString(fact ? "" : fact.error().message)));
        QVERIFY2(!std::holds_alternative<protocol::UnknownFact>(fact.value()), qPrintable(kinds.last()));
    }
    // The organization's settings come first (made with the organization), then the call's facts.
    const auto callAt = kinds.indexOf("lead.created");
    QVERIFY2(callAt > 0 && kinds.mid(0, callAt) == QStringList(callAt, "org.settings"),
             qPrintable(kinds.join(' ')));
    QCOMPARE(kinds.mid(callAt, 4),
             QStringList({"lead.created", "call.missed", "automation.text_back", "message.queued"}));
    QVERIFY2(kinds.contains("message.sent") && kinds.contains("lead.updated"), qPrintable(kinds.join(' ')));
    const auto created
        = protocol::decodeLeadSnapshot(page.events[static_cast<std::size_t>(callAt)].data, "lead.created");
    QVERIFY(created);
    QCOMPARE(created->version, 1);
    QCOMPARE(created->phone, homeowner.toStdString());
    // Texted: the lead's newest snapshot says so, with a higher version.
    const protocol::LeadSnapshot now = lead(token, created->leadId);
    QCOMPARE(now.state, domain::LeadState::Texted);
    QVERIFY(now.version > 1);

    // Paging: in order, without gaps, has_more until the end.
    std::int64_t cursor = 0;
    std::vector<std::int64_t> seen;
    for (int pages = 0; pages < 50; ++pages) {
        const protocol::EventPage part = events(token, cursor, 2);
        for (const auto& event : part.events)
            seen.push_back(event.seq);
        if (!part.events.empty())
            cursor = part.events.back().seq;
        if (!part.header.hasMore)
            break;
    }
    // The carrier's delivery callbacks may append more while this pages.
    QVERIFY2(seen.size() >= page.events.size(), qPrintable(QString::number(seen.size())));
    for (std::size_t i = 0; i < seen.size(); ++i)
        QCOMPARE(seen[i], static_cast<std::int64_t>(i + 1));
}

void TestSyncApi::longPollAnswersWhenACallCommits()
{
    START_FETCHED();
    QString error;
    const std::string token = enroll(m_orgA, &error);
    QVERIFY2(!token.empty(), qPrintable(error));
    const QUrl url = m_system->relay().url("/v1/sync/events?after=0&wait=25");
    // The poll waits in its own thread; the call is placed while it waits.
    auto poll = std::async(std::launch::async, [url, token] {
        TestHttpClient http(60000);
        QElapsedTimer clock;
        clock.start();
        HttpReply reply = http.get(url, {{"Authorization", bearer(token)}});
        return std::make_pair(reply, clock.elapsed());
    });
    QTest::qWait(300);
    QCOMPARE(m_system->standIn().call(accountA, homeowner, numberA).value("relay_status").toInt(), 200);
    const auto [reply, elapsedMs] = poll.get();
    QCOMPARE(reply.status, 200);
    const auto page = protocol::decodeEventPage(reply.body.toStdString());
    QVERIFY(page);
    QVERIFY2(!page->events.empty(), "the poll answered without the call's events");
    qInfo("long-poll answered %lld ms after it was sent (the call was placed after 300 ms)",
          static_cast<long long>(elapsedMs));

    // Nothing new: a short wait answers empty when it runs out.
    const protocol::EventPage idle = events(token, page->header.lastSeq + 100, 10, 1);
    QVERIFY(idle.events.empty());
}

void TestSyncApi::dispatcherTextGoesOutOnce()
{
    START_FETCHED();
    QString error;
    const std::string token = enroll(m_orgA, &error);
    QVERIFY2(!token.empty(), qPrintable(error));
    QCOMPARE(m_system->standIn().call(accountA, homeowner, numberA).value("relay_status").toInt(), 200);
    QTRY_VERIFY_WITH_TIMEOUT(!lead(token, "").leadId.empty(), 10000);
    const auto created = std::optional(lead(token, ""));
    QTRY_COMPARE_WITH_TIMEOUT(m_system->standIn().messages().size(), 1, 10000); // the text-back

    const std::string messageId = newUuid();
    const protocol::Mutation send{
        newUuid(), "message.send", std::nullopt,
        protocol::SendMessage{messageId, created->leadId, "A technician can come at 3pm."}};
    const auto first = mutate(token, {send});
    QCOMPARE(first.size(), std::size_t(1));
    QVERIFY2(first.front().applied(),
             qPrintable(QString::fromStdString(first.front().error ? first.front().error->message : "")));
    QCOMPARE(first.front().data->getValue<std::string>("message_id"), messageId);
    QTRY_COMPARE_WITH_TIMEOUT(m_system->standIn().messages().size(), 2, 10000);
    QCOMPARE(m_system->standIn().messages().last().toObject().value("body").toString(),
             QString("A technician can come at 3pm."));

    // The same mutation again (the device never heard the answer): the first answer, no second text.
    const auto replay = mutate(token, {send});
    QCOMPARE(replay.size(), std::size_t(1));
    QCOMPARE(replay.front().status, 200);
    QCOMPARE(replay.front().data->getValue<std::string>("message_id"), messageId);
    QTest::qWait(500);
    QCOMPARE(m_system->standIn().messages().size(), 2);
    // The device learns of its text under the id it chose.
    bool queued = false;
    for (const auto& event : events(token, 0).events) {
        if (event.kind == "message.queued") {
            const auto fact = protocol::decodeFact(event);
            queued = queued || std::get<protocol::MessageFact>(fact.value()).messageId == messageId;
        }
    }
    QVERIFY(queued);

    // Opted out: the gate refuses a dispatcher's text too, and says why.
    QCOMPARE(m_system->standIn().inbound(accountA, homeowner, numberA, "STOP").value("relay_status").toInt(),
             200);
    const auto refused
        = mutate(token,
                 {{newUuid(), "message.send", std::nullopt,
                   protocol::SendMessage{newUuid(), created->leadId, "Are you still there?"}}});
    QCOMPARE(refused.size(), std::size_t(1));
    QCOMPARE(refused.front().status, 422);
    QCOMPARE(refused.front().error->code, std::string("send_refused"));
    QVERIFY2(QString::fromStdString(refused.front().error->message).contains("opted out"),
             refused.front().error->message.c_str());
}

void TestSyncApi::editsNameTheVersionTheyWereMadeOn()
{
    START_FETCHED();
    QString error;
    const std::string token = enroll(m_orgA, &error);
    QVERIFY2(!token.empty(), qPrintable(error));
    const std::string leadId = leadOfMissedCall(token);
    QVERIFY(leadId.size() == 36);
    // Let the text-back settle, so the version below is the lead's last.
    QTRY_COMPARE_WITH_TIMEOUT(lead(token, leadId).state, domain::LeadState::Texted, 10000);
    const protocol::LeadSnapshot seen = lead(token, leadId);

    const auto taken
        = mutate(token, {{newUuid(), "lead.take_over", seen.version, protocol::TakeOver{leadId, true}}});
    QVERIFY(taken.front().applied());
    QCOMPARE(taken.front().data->getValue<Poco::Int64>("version"), seen.version + 1);
    QVERIFY(lead(token, leadId).automationPaused);

    // Made on the version before the take-over: stale, with the lead as it is now.
    const auto stale = mutate(token,
                              {{newUuid(), "lead.set_state", seen.version,
                                protocol::SetLeadState{leadId, domain::LeadState::Office, std::nullopt}}});
    QCOMPARE(stale.front().status, 409);
    QCOMPARE(stale.front().error->code, std::string("stale"));
    const auto current = protocol::decodeLeadSnapshot(stale.front().current, "current");
    QVERIFY(current);
    QCOMPARE(current->version, seen.version + 1);
    QVERIFY(current->automationPaused);

    // On the current version: closed as won; a timeline entry says who did it.
    const auto closed
        = mutate(token,
                 {{newUuid(), "lead.set_state", current->version,
                   protocol::SetLeadState{leadId, domain::LeadState::Closed, domain::CloseOutcome::Won}}});
    QVERIFY(closed.front().applied());
    QCOMPARE(lead(token, leadId).state, domain::LeadState::Closed);
    bool changed = false;
    for (const auto& event : events(token, 0).events) {
        if (event.kind == "lead.state_changed")
            changed = std::get<protocol::LeadActivity>(protocol::decodeFact(event).value()).detail
                == "closed (won)";
    }
    QVERIFY(changed);

    // Out of closed is not a lifecycle move; an unknown lead is 404; a note is kept.
    const auto backwards
        = mutate(token,
                 {{newUuid(), "lead.set_state", current->version + 1,
                   protocol::SetLeadState{leadId, domain::LeadState::Office, std::nullopt}}});
    QCOMPARE(backwards.front().status, 422);
    const auto unknown
        = mutate(token, {{newUuid(), "lead.take_over", 1, protocol::TakeOver{newUuid(), true}}});
    QCOMPARE(unknown.front().status, 404);
    const std::string noteId = newUuid();
    const auto noted = mutate(token,
                              {{newUuid(), "note.add", std::nullopt,
                                protocol::AddNote{noteId, leadId, "Dana", "Customer prefers mornings"}}});
    QVERIFY(noted.front().applied());
    const auto last = events(token, 0).events.back();
    QCOMPARE(last.kind, std::string("note.added"));
    QCOMPARE(std::get<protocol::NoteFact>(protocol::decodeFact(last).value()).noteId, noteId);
}

void TestSyncApi::bookingsMoveTheLeadAndKeepVersions()
{
    START_FETCHED();
    QString error;
    const std::string token = enroll(m_orgA, &error);
    QVERIFY2(!token.empty(), qPrintable(error));
    const std::string leadId = leadOfMissedCall(token);
    QVERIFY(leadId.size() == 36);
    const std::string bookingId = newUuid();
    const auto startsAt = protocol::parseInstant("2030-03-09T15:00:00Z").value();
    const auto made = mutate(token,
                             {{newUuid(), "booking.create", std::nullopt,
                               protocol::BookingWrite{bookingId, leadId, startsAt, 90, "Sam", "12 Elm St"}}});
    QVERIFY(made.front().applied());
    QCOMPARE(lead(token, leadId).state, domain::LeadState::Booked);

    const auto moved = mutate(
        token,
        {{newUuid(), "booking.change", 1,
          protocol::BookingWrite{bookingId, "", startsAt + std::chrono::hours(2), 60, "Sam", "12 Elm St"}}});
    QVERIFY(moved.front().applied());
    QCOMPARE(moved.front().data->getValue<Poco::Int64>("version"), Poco::Int64(2));
    const auto stale = mutate(token, {{newUuid(), "booking.cancel", 1, protocol::BookingCancel{bookingId}}});
    QCOMPARE(stale.front().status, 409);
    QCOMPARE(protocol::decodeBooking(stale.front().current, "current")->durationMinutes, 60);
    const auto canceled
        = mutate(token, {{newUuid(), "booking.cancel", 2, protocol::BookingCancel{bookingId}}});
    QVERIFY(canceled.front().applied());
    const auto last = events(token, 0).events.back();
    QCOMPARE(last.kind, std::string("booking.canceled"));
    QCOMPARE(std::get<protocol::BookingSnapshot>(protocol::decodeFact(last).value()).status,
             std::string("canceled"));
}

void TestSyncApi::devicesSeeOnlyTheirOrganization()
{
    START_FETCHED();
    QString error;
    const std::string tokenOfA = enroll(m_orgA, &error);
    const std::string tokenOfB = enroll(m_orgB, &error);
    QVERIFY2(!tokenOfA.empty() && !tokenOfB.empty(), qPrintable(error));
    const std::string leadOfA = leadOfMissedCall(tokenOfA);
    QVERIFY(leadOfA.size() == 36);

    // Whatever cursor B asks from, it reads only its own log: its settings, nothing of A's call.
    const std::int64_t lastOfB = events(tokenOfB, 0).header.lastSeq;
    QVERIFY(lastOfB >= 1);
    for (const std::int64_t after : {0, 1, 2}) {
        const protocol::EventPage page = events(tokenOfB, after);
        QCOMPARE(QString::fromStdString(page.header.orgId), m_orgB);
        for (const auto& event : page.events)
            QCOMPARE(event.kind, std::string("org.settings"));
        QCOMPARE(page.header.lastSeq, lastOfB);
    }
    // B's device cannot touch A's lead, even knowing its id.
    const auto results = mutate(
        tokenOfB,
        {{newUuid(), "note.add", std::nullopt, protocol::AddNote{newUuid(), leadOfA, "Mallory", "hello"}},
         {newUuid(), "message.send", std::nullopt, protocol::SendMessage{newUuid(), leadOfA, "hello"}}});
    QCOMPARE(results.size(), std::size_t(2));
    QCOMPARE(results[0].status, 404);
    QCOMPARE(results[1].status, 404);
    for (const auto& event : events(tokenOfA, 0).events)
        QVERIFY(event.kind != "note.added");
}

void TestSyncApi::badRequestsAreRefusedClearly()
{
    QString error;
    QVERIFY2(start("sqlite", &error), qPrintable(error));
    const std::string token = enroll(m_orgA, &error);
    QVERIFY2(!token.empty(), qPrintable(error));
    TestHttpClient http;
    const QUrl mutations = m_system->relay().url("/v1/sync/mutations");
    const HttpReply noToken = http.post(mutations, R"({"protocol":1,"mutations":[]})", "application/json");
    QCOMPARE(noToken.status, 401);
    QCOMPARE(noToken.header("WWW-Authenticate"), QByteArray("Bearer"));
    const HttpReply notJson
        = http.post(mutations, "{", "application/json", {{"Authorization", bearer(token)}});
    QCOMPARE(notJson.status, 400);
    QCOMPARE(notJson.json().value("error").toObject().value("code").toString(), QString("malformed_json"));
    const HttpReply badLimit = http.get(m_system->relay().url("/v1/sync/events?after=0&limit=5000"),
                                        {{"Authorization", bearer(token)}});
    QCOMPARE(badLimit.status, 400);
    QCOMPARE(badLimit.json().value("error").toObject().value("code").toString(),
             QString("invalid_parameter"));

    // A batch with one undecodable item: that item is refused (and stays
    // refused on replay); the others apply.
    const std::string badId = newUuid();
    const QByteArray mixed = QByteArray(R"({"protocol":1,"mutations":[{"id":")")
        + QByteArray::fromStdString(badId) + R"(","kind":"lead.explode","data":{}}]})";
    for (int attempt = 0; attempt < 2; ++attempt) {
        const HttpReply reply
            = http.post(mutations, mixed, "application/json", {{"Authorization", bearer(token)}});
        QCOMPARE(reply.status, 200);
        const auto results = protocol::decodeMutationResults(reply.body.toStdString());
        QVERIFY(results);
        QCOMPARE(results->front().status, 422);
        QCOMPARE(results->front().error->code, std::string("unknown_mutation"));
    }
}

void TestSyncApi::faultyNetworkNeverDoublesAMutation()
{
    QString error;
    QVERIFY2(start("sqlite", &error), qPrintable(error));
    const std::string token = enroll(m_orgA, &error);
    QVERIFY2(!token.empty(), qPrintable(error));
    const std::string leadId = leadOfMissedCall(token);
    QVERIFY(leadId.size() == 36);
    QTRY_COMPARE_WITH_TIMEOUT(m_system->standIn().messages().size(), 1, 10000); // the text-back

    using Fault = callsnare::test::FaultInjectingProxy::Fault;
    callsnare::test::FaultInjectingProxy proxy(m_system->relay().port());
    QVERIFY2(proxy.listen(&error), qPrintable(error));
    // The relay gets the send twice; then it applies it but the answer is cut;
    // then the answer is lost before the relay sees the request; then it passes.
    proxy.script({Fault::Duplicate, Fault::CutResponse, Fault::Drop, Fault::Pass});
    const QByteArray batch = QByteArray::fromStdString(
        protocol::encodeMutationBatch({{newUuid(), "message.send", std::nullopt,
                                        protocol::SendMessage{newUuid(), leadId, "On our way!"}}}));
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/v1/sync/mutations").arg(proxy.port()));
    // Sent until an answer arrives after the script ran out (the client's
    // network stack may itself resend after a dropped connection).
    int answered = 0;
    for (int attempt = 0; attempt < 8 && (proxy.requests() < 4 || answered == 0); ++attempt) {
        TestHttpClient http;
        answered = http.post(url, batch, "application/json", {{"Authorization", bearer(token)}}).status;
    }
    QCOMPARE(answered, 200);
    QCOMPARE(proxy.injected(Fault::Duplicate), 1);
    QCOMPARE(proxy.injected(Fault::CutResponse), 1);
    QCOMPARE(proxy.injected(Fault::Drop), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_system->standIn().messages().size(), 2, 10000);
    QTest::qWait(500);
    QCOMPARE(m_system->standIn().messages().size(), 2); // sent once for four deliveries of the request
}

QTEST_GUILESS_MAIN(TestSyncApi)
#include "tst_syncapi.moc"
