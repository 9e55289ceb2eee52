// SyncClient against FakeRelay on 127.0.0.1: enrollment, rounds, paging,
// long-polling, the outbox through an outage, conflicts, refused tokens; and
// the reconnect backoff on its own.

#include "FakeRelay.h"
#include "SyncFixture.h"

#include "client/DeviceCredentials.h"
#include "client/DispatcherActions.h"
#include "client/ReconnectBackoff.h"
#include "client/SyncClient.h"
#include "store/LeadRepository.h"
#include "store/OrganizationRepository.h"
#include "store/OutboxRepository.h"
#include "store/SyncConflictRepository.h"
#include "store/SyncStateRepository.h"

#include <QSignalSpy>

using namespace callsnare;
using namespace sync_fixture;
using syncclient::SyncClient;
using namespace std::chrono_literals;

namespace {

const std::string kLead = "2f1c9a7e-5b43-4a1d-9c2e-7d8f6a5b4c01";
const QString kLeadId = QString::fromStdString(kLead);
const std::string kContact = "7a3e1f00-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
const std::string kPhone = "+15125550142";
const std::string kCode = "7KQ2M9XDPA4T";

SyncClient::Options fastOptions()
{
    SyncClient::Options options;
    options.tokenStorage = syncclient::DeviceCredentials::Storage::ProfileOnly;
    options.initialBackoff = 20ms;
    options.maxBackoff = 200ms;
    options.waitSeconds = 5;
    return options;
}

} // namespace

class TestSyncClient : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { m_case.setUpSuite(QStringLiteral("syncclient")); }
    void init();
    void cleanup();

    void enrollThenSyncOnce();
    void unknownCodeIsRefused();
    void pagesUntilHasMoreIsFalse();
    void outboxFlushesInOrderBeforeThePull();
    void outageKeepsTheOutboxAndFlushesOnce();
    void conflictsSurface();
    void longPollBringsNewEventsAndYieldsToTheOutbox();
    void revokedTokenStopsWithAClearError();
    void unreachableRelayFailsARound();
    void tokenFallsBackToTheProfileWithoutKeychain();
    void backoffDoublesWithJitterUpToTheCap();

private:
    // A client enrolled with the fake relay, its token in the profile.
    std::unique_ptr<SyncClient> enrolledClient(SyncClient::Options options = fastOptions());
    qint64 cursor()
    {
        qint64 value = -1;
        QString error;
        store::SyncStateRepository(m_case.db(), kOrg).cursor(&value, &error);
        return value;
    }
    qint64 outboxCount()
    {
        qint64 value = -1;
        QString error;
        store::OutboxRepository(m_case.db(), kOrg).count(&value, &error);
        return value;
    }
    void addLeadStory()
    {
        m_relay->addEvent(
            "lead.created", "2026-03-10T14:02:00Z",
            leadJson(lead(kLead, kContact, kPhone, domain::LeadState::Missed, 1, "2026-03-10T14:02:00Z")));
        m_relay->addEvent("call.missed", "2026-03-10T14:02:00Z",
                          callMissed("CA11111111111111111111111111111111", kPhone, kLead, kContact,
                                     "2026-03-10T14:02:00Z"));
    }

    ProfileCase m_case;
    std::unique_ptr<FakeRelay> m_relay;
};

void TestSyncClient::init()
{
    QString error;
    // The client makes the organization from the enrollment answer itself.
    QVERIFY2(m_case.setUpCase(&error, false), qPrintable(error));
    m_relay = std::make_unique<FakeRelay>(kOrgStd);
    QVERIFY(m_relay->listen());
    m_relay->addEnrollmentCode(kCode);
}

void TestSyncClient::cleanup()
{
    m_relay.reset();
    m_case.tearDownCase();
}

std::unique_ptr<SyncClient> TestSyncClient::enrolledClient(SyncClient::Options options)
{
    auto client = std::make_unique<SyncClient>(m_case.db(), options);
    QSignalSpy enrolled(client.get(), &SyncClient::enrolled);
    QSignalSpy failed(client.get(), &SyncClient::failed);
    client->enroll(m_relay->url(), QStringLiteral("7kq2-m9xd-pa4t"), QStringLiteral("Front desk"));
    [&] { QTRY_VERIFY2(enrolled.count() == 1 || failed.count() == 1, "enrollment did not end"); }();
    if (!failed.isEmpty()) {
        qWarning() << "enrollment failed:" << failed.first().first().toString();
        return nullptr;
    }
    return client;
}

void TestSyncClient::enrollThenSyncOnce()
{
    addLeadStory();
    auto client = std::make_unique<SyncClient>(m_case.db(), fastOptions());
    QSignalSpy enrolled(client.get(), &SyncClient::enrolled);
    client->enroll(m_relay->url(), QStringLiteral("7kq2 m9xd pa4t"), QStringLiteral("Front desk"));
    QTRY_COMPARE(enrolled.count(), 1);
    QCOMPARE(enrolled.first().at(0).toString(), kOrg);
    QCOMPARE(enrolled.first().at(2).toString(), QStringLiteral("profile"));
    QVERIFY2(enrolled.first().at(3).toString().contains(QLatin1String("encrypted profile")),
             qPrintable(enrolled.first().at(3).toString()));

    QString error;
    store::SyncStateRepository state(m_case.db(), kOrg);
    QString url;
    QString device;
    QVERIFY(state.relayUrl(&url, &error) && state.deviceId(&device, &error));
    QCOMPARE(url, SyncClient::normalizedRelayUrl(m_relay->url()));
    QCOMPARE(device, QStringLiteral("d-Front desk"));
    QVERIFY(store::OrganizationRepository(m_case.db()).find(kOrg, &error).has_value());

    QSignalSpy finished(client.get(), &SyncClient::roundFinished);
    QSignalSpy applied(client.get(), &SyncClient::eventsApplied);
    client->syncOnce();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(cursor(), 2);
    QCOMPARE(client->totals().eventsApplied, 2);
    QVERIFY(store::LeadRepository(m_case.db(), kOrg).find(kLeadId, &error).has_value());
    QVERIFY(client->isOnline());

    // A second client opens the same enrollment from the profile alone.
    SyncClient reopened(m_case.db(), fastOptions());
    QSignalSpy ready(&reopened, &SyncClient::ready);
    reopened.open(kOrg);
    QTRY_COMPARE(ready.count(), 1);
    QSignalSpy again(&reopened, &SyncClient::roundFinished);
    reopened.syncOnce();
    QTRY_COMPARE(again.count(), 1);
    QCOMPARE(reopened.totals().eventsApplied, 0);
}

void TestSyncClient::unknownCodeIsRefused()
{
    SyncClient client(m_case.db(), fastOptions());
    QSignalSpy failed(&client, &SyncClient::failed);
    client.enroll(m_relay->url(), QStringLiteral("AAAA-BBBB-CCCC"), QStringLiteral("Front desk"));
    QTRY_COMPARE(failed.count(), 1);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QLatin1String("enrollment code"))
                 && message.contains(QLatin1String("invalid_code")),
             qPrintable(message));
    std::vector<store::SyncStateRepository::Enrollment> enrollments;
    QString error;
    QVERIFY(store::SyncStateRepository::enrollments(m_case.db(), &enrollments, &error));
    QVERIFY(enrollments.empty());

    SyncClient notEnrolled(m_case.db(), fastOptions());
    QSignalSpy openFailed(&notEnrolled, &SyncClient::failed);
    notEnrolled.open(kOrg);
    QCOMPARE(openFailed.count(), 1);
    QVERIFY2(openFailed.first().first().toString().contains(QLatin1String("not enrolled")),
             qPrintable(openFailed.first().first().toString()));
}

void TestSyncClient::pagesUntilHasMoreIsFalse()
{
    auto options = fastOptions();
    options.pageLimit = 2;
    auto client = enrolledClient(options);
    QVERIFY(client);
    addLeadStory();
    for (int i = 0; i < 3; ++i) {
        m_relay->addEvent("lead.flagged", "2026-03-10T14:05:00Z",
                          Payload()
                              .set("lead_id", kLead)
                              .set("attention", std::string("soft_opt_out"))
                              .set("automation_paused", true)
                              .json());
    }
    QSignalSpy applied(client.get(), &SyncClient::eventsApplied);
    QSignalSpy finished(client.get(), &SyncClient::roundFinished);
    client->syncOnce();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(applied.count(), 3);
    QCOMPARE(applied.last().at(1).toLongLong(), 5);
    QCOMPARE(cursor(), 5);
    QCOMPARE(scalar(m_case.db(), QStringLiteral("SELECT count(*) FROM lifecycle_events")), 3);
}

void TestSyncClient::outboxFlushesInOrderBeforeThePull()
{
    auto client = enrolledClient();
    QVERIFY(client);
    addLeadStory();
    QSignalSpy finished(client.get(), &SyncClient::roundFinished);
    client->syncOnce();
    QTRY_COMPARE(finished.count(), 1);

    syncclient::DispatcherActions actions(m_case.db(), kOrg, QStringLiteral("Maria (dispatch)"));
    QString error;
    QString messageId;
    QVERIFY2(actions.addNote(kLeadId, QStringLiteral("Gate code 4411"), utc("2026-03-10T14:21:00Z"), nullptr,
                             &error),
             qPrintable(error));
    QVERIFY2(actions.sendMessage(kLeadId, QStringLiteral("On our way"), utc("2026-03-10T14:22:00Z"),
                                 &messageId, &error),
             qPrintable(error));
    std::vector<store::OutboxEntry> queued;
    QVERIFY(store::OutboxRepository(m_case.db(), kOrg).pending(10, &queued, &error));
    QCOMPARE(queued.size(), 2u);

    client->syncOnce();
    QTRY_COMPARE(finished.count(), 2);
    QCOMPARE(m_relay->receivedMutationIds(), (QStringList{queued[0].clientUuid, queued[1].clientUuid}));
    QCOMPARE(outboxCount(), 0);
    QCOMPARE(client->totals().mutationsApplied, 2);
    // The relay's message.queued for the desktop's id came back in the same
    // round and matched the row the desktop made.
    QCOMPARE(cursor(), 3);
    QCOMPARE(scalar(m_case.db(), QStringLiteral("SELECT count(*) FROM messages WHERE id = ?"), {messageId}),
             1);
    QCOMPARE(scalar(m_case.db(), QStringLiteral("SELECT count(*) FROM messages")), 1);
}

void TestSyncClient::outageKeepsTheOutboxAndFlushesOnce()
{
    auto client = enrolledClient();
    QVERIFY(client);
    addLeadStory();
    QSignalSpy finished(client.get(), &SyncClient::roundFinished);
    client->syncOnce();
    QTRY_COMPARE(finished.count(), 1);

    m_relay->close();
    syncclient::DispatcherActions actions(m_case.db(), kOrg, QStringLiteral("Maria (dispatch)"));
    QString error;
    QVERIFY(actions.takeOver(kLeadId, utc("2026-03-10T14:30:00Z"), &error));
    QSignalSpy online(client.get(), &SyncClient::onlineChanged);
    client->follow();
    QTRY_VERIFY(!online.isEmpty() && !online.last().first().toBool());
    std::vector<store::OutboxEntry> queued;
    QTRY_VERIFY(store::OutboxRepository(m_case.db(), kOrg).pending(10, &queued, &error) && !queued.empty()
                && queued[0].attempts >= 2);
    QVERIFY2(!queued[0].lastError.isEmpty(), "the outage's reason is kept for the user");

    // The relay is back on the same address: the action goes out exactly once.
    QVERIFY(m_relay->listen(m_relay->port()));
    QTRY_COMPARE(outboxCount(), 0);
    QTRY_VERIFY(client->isOnline());
    QCOMPARE(m_relay->appliedMutations(), 1);
    QVERIFY(m_relay->receivedMutationIds().count(queued[0].clientUuid) >= 1);
    client->stop();
}

void TestSyncClient::conflictsSurface()
{
    auto client = enrolledClient();
    QVERIFY(client);
    addLeadStory();
    QSignalSpy finished(client.get(), &SyncClient::roundFinished);
    client->syncOnce();
    QTRY_COMPARE(finished.count(), 1);

    auto current = lead(kLead, kContact, kPhone, domain::LeadState::Office, 2, "2026-03-10T14:02:00Z");
    current.stamps.handedOffAt = utc("2026-03-10T14:29:00Z");
    m_relay->answer = [&](const protocol::Mutation&) {
        protocol::MutationResult result;
        result.status = 409;
        result.error = domain::makeError("stale", "The lead was handed to the office meanwhile.");
        result.current = protocol::encodeLeadSnapshot(current);
        return result;
    };
    syncclient::DispatcherActions actions(m_case.db(), kOrg, QStringLiteral("Maria (dispatch)"));
    QString error;
    QVERIFY(actions.setState(kLeadId, domain::LeadState::Booked, std::nullopt, utc("2026-03-10T14:30:00Z"),
                             &error));
    QSignalSpy conflicts(client.get(), &SyncClient::conflictRecorded);
    client->syncOnce();
    QTRY_COMPARE(finished.count(), 2);
    QCOMPARE(conflicts.count(), 1);
    QCOMPARE(conflicts.first().at(1).toString(), QStringLiteral("lead.set_state"));
    QCOMPARE(conflicts.first().at(2).toInt(), 409);
    QCOMPARE(outboxCount(), 0);
    qint64 open = 0;
    QVERIFY(store::SyncConflictRepository(m_case.db(), kOrg).countOpen(&open, &error));
    QCOMPARE(open, 1);
    QCOMPARE(store::LeadRepository(m_case.db(), kOrg).find(kLeadId, &error)->lead.state,
             domain::LeadState::Office);
}

void TestSyncClient::longPollBringsNewEventsAndYieldsToTheOutbox()
{
    auto client = enrolledClient();
    QVERIFY(client);
    addLeadStory();
    QSignalSpy applied(client.get(), &SyncClient::eventsApplied);
    client->follow();
    QTRY_COMPARE(cursor(), 2);
    QTRY_COMPARE(m_relay->waitingPolls(), 1);

    m_relay->addEvent("note.added", "2026-03-10T14:40:00Z",
                      protocol::stringify(*protocol::encodeNote(
                          {"5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f", kLead, "Sam (office)",
                           "Customer prefers mornings.", utc("2026-03-10T14:40:00Z")})));
    QTRY_COMPARE(cursor(), 3);
    QTRY_COMPARE(m_relay->waitingPolls(), 1);

    // A queued action does not wait for the long-poll to end.
    syncclient::DispatcherActions actions(m_case.db(), kOrg, QStringLiteral("Maria (dispatch)"));
    QString error;
    QVERIFY(actions.addNote(kLeadId, QStringLiteral("Called back"), utc("2026-03-10T14:41:00Z"), nullptr,
                            &error));
    client->outboxChanged();
    QTRY_COMPARE(m_relay->appliedMutations(), 1);
    QTRY_COMPARE(outboxCount(), 0);
    client->stop();
}

void TestSyncClient::revokedTokenStopsWithAClearError()
{
    auto client = enrolledClient();
    QVERIFY(client);
    m_relay->revokeToken();
    QSignalSpy failed(client.get(), &SyncClient::failed);
    client->follow();
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY2(failed.first().first().toString().contains(QLatin1String("token")),
             qPrintable(failed.first().first().toString()));
}

void TestSyncClient::unreachableRelayFailsARound()
{
    auto client = enrolledClient();
    QVERIFY(client);
    syncclient::DispatcherActions actions(m_case.db(), kOrg, QStringLiteral("Maria (dispatch)"));
    addLeadStory();
    QSignalSpy finished(client.get(), &SyncClient::roundFinished);
    client->syncOnce();
    QTRY_COMPARE(finished.count(), 1);
    QString error;
    QVERIFY(actions.addNote(kLeadId, QStringLiteral("Gate code 4411"), utc("2026-03-10T14:21:00Z"), nullptr,
                            &error));

    m_relay->failNext(1);
    QSignalSpy failed(client.get(), &SyncClient::failed);
    client->syncOnce();
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY2(failed.first().first().toString().contains(QLatin1String("503")),
             qPrintable(failed.first().first().toString()));
    std::vector<store::OutboxEntry> queued;
    QVERIFY(store::OutboxRepository(m_case.db(), kOrg).pending(10, &queued, &error));
    QCOMPARE(queued.size(), 1u);
    QCOMPARE(queued[0].attempts, 1);

    m_relay->close();
    client->syncOnce();
    QTRY_COMPARE(failed.count(), 2);
    QVERIFY2(failed.last().first().toString().contains(QLatin1String("cannot be reached")),
             qPrintable(failed.last().first().toString()));
    QCOMPARE(outboxCount(), 1);
}

void TestSyncClient::tokenFallsBackToTheProfileWithoutKeychain()
{
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        QSKIP("a session bus runs here; the keychain may answer");
    }
    auto options = fastOptions();
    options.tokenStorage = syncclient::DeviceCredentials::Storage::Auto;
    SyncClient client(m_case.db(), options);
    QSignalSpy enrolled(&client, &SyncClient::enrolled);
    client.enroll(m_relay->url(), QString::fromStdString(kCode), QStringLiteral("CI runner"));
    QTRY_COMPARE_WITH_TIMEOUT(enrolled.count(), 1, 20000);
    QCOMPARE(enrolled.first().at(2).toString(), QStringLiteral("profile"));
    QString token;
    QString error;
    QVERIFY(store::SyncStateRepository(m_case.db(), kOrg).deviceToken(&token, &error));
    QCOMPARE(token.toStdString(), m_relay->token());
}

void TestSyncClient::backoffDoublesWithJitterUpToTheCap()
{
    syncclient::ReconnectBackoff full(1s, 60s);
    QList<qint64> delays;
    for (int i = 0; i < 9; ++i) {
        delays << full.next(1.0).count();
    }
    QCOMPARE(delays, (QList<qint64>{1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000}));
    syncclient::ReconnectBackoff least(1s, 60s);
    QCOMPARE(least.next(0.0).count(), 500);
    QCOMPARE(least.next(0.0).count(), 1000);
    least.reset();
    QCOMPARE(least.next(0.5).count(), 750);
    syncclient::ReconnectBackoff random(1s, 60s);
    for (int i = 0; i < 50; ++i) {
        const auto delay = random.next();
        QVERIFY(delay >= 500ms && delay <= 60s);
    }
}

QTEST_GUILESS_MAIN(TestSyncClient)
#include "tst_syncclient.moc"
