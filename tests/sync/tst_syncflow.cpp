// The desktop's sync client end to end: the real relay binary and carrier
// stand-in on 127.0.0.1, encrypted profiles on disk, the client as the app and
// `callsnare-cli sync` run it. A missed call reaches the store; a dispatcher's
// reply reaches the homeowner's phone once; the outbox holds through an
// outage and flushes once; a device behind a misbehaving network ends with
// the same store as one on a clean network; a device sees only its org.

#include "FaultInjectingProxy.h"
#include "RelayWithCarrier.h"
#include "SyncFixture.h"

#include "client/DeviceCredentials.h"
#include "client/DispatcherActions.h"
#include "client/ReconnectBackoff.h"
#include "client/SyncClient.h"
#include "store/LeadRepository.h"
#include "store/OutboxRepository.h"
#include "store/SyncConflictRepository.h"
#include "store/SyncStateRepository.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace callsnare;
using namespace sync_fixture;
using callsnare::syncclient::DispatcherActions;
using callsnare::syncclient::SyncClient;
using callsnare::test::FaultInjectingProxy;
using callsnare::test::RelayWithCarrier;
using namespace std::chrono_literals;

namespace {

const QByteArray account = "AC00000000000000000000000000000f01";
const QByteArray authToken = "sync-flow-token";
const QByteArray orgNumber = "+15125550181";
const QByteArray otherAccount = "AC00000000000000000000000000000f02";
const QByteArray otherToken = "sync-flow-token-2";
const QByteArray otherNumber = "+15125550182";
const QList<QByteArray> homeowners{"+15125550142", "+15125550143", "+15125550144"};

SyncClient::Options testOptions()
{
    SyncClient::Options options;
    options.tokenStorage = syncclient::DeviceCredentials::Storage::ProfileOnly;
    options.initialBackoff = 50ms;
    options.maxBackoff = 400ms;
    options.waitSeconds = 2;
    return options;
}

domain::Instant now()
{
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// A store's rows without what differs between two devices by design: where
// each keeps its token and cursor, and its own profile metadata.
QStringList mirroredRows(const QSqlDatabase& db)
{
    QStringList rows;
    for (const QString& row : dump(db)) {
        if (!row.startsWith(QLatin1String("sync_state:")) && !row.startsWith(QLatin1String("profile_meta:")))
            rows << row;
    }
    return rows;
}

} // namespace

class TestSyncFlow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void missedCallReachesTheEncryptedStore();
    void desktopReplyReachesTheHomeownerOnce();
    void outboxHoldsThroughAnOutageAndFlushesOnce();
    void staleEditBecomesAConflict();
    void followingBringsNewEventsWithinASecond();
    void faultyNetworkEndsInTheSameStore();
    void deviceSeesOnlyItsOrganization();
    void settingsChangeReachesTheOtherDevice();
    void refusedCodeAndRevokedTokenAreClearErrors();
    void tokenFallsBackToTheProfileWithoutKeychain();
    void backoffDoublesWithJitterUpToTheCap();

private:
    struct Device {
        std::unique_ptr<store::Profile> profile;
        std::unique_ptr<SyncClient> client;
        QSqlDatabase db() const { return profile->database(); }
    };
    std::unique_ptr<Device> newDevice(SyncClient::Options options = testOptions());
    // Enrolls with a fresh code of `orgId`, through `relayUrl` (the relay's own by default).
    bool enroll(Device& device, const QString& orgId, QString* error, const QUrl& relayUrl = {});
    static bool syncOnce(SyncClient& client, QString* error = nullptr);
    static qint64 cursorOf(const Device& device);
    // Rounds until the cursor reaches `target` with the outbox empty (a faulty network fails some rounds).
    static bool syncUntil(Device& device, qint64 target);
    // A missed call through the stand-in; its lead as the device sees it after a round.
    QString missedCallLead(Device& device, const QByteArray& from);
    int textsTo(const QByteArray& number, const QString& body = {});

    ProfileCase m_profiles;
    std::unique_ptr<RelayWithCarrier> m_system;
    QString m_org;
    QString m_otherOrg;
};

void TestSyncFlow::initTestCase()
{
    qunsetenv("CALLSNARE_RELAY_SECRETS_KEY");
    m_profiles.setUpSuite(QStringLiteral("syncflow"));
}

void TestSyncFlow::init()
{
    m_system = std::make_unique<RelayWithCarrier>(QStringLiteral(CALLSNARE_RELAY_PATH),
                                                  QStringLiteral(CALLSNARE_CARRIER_STANDIN_PATH));
    m_system->addAccount(account, authToken);
    m_system->addAccount(otherAccount, otherToken);
    QString error;
    QVERIFY2(m_system->start({}, &error), qPrintable(error));
    m_org = m_system->createOrg("Cool Breeze HVAC", account, authToken, orgNumber, &error);
    QVERIFY2(!m_org.isEmpty(), qPrintable(error));
    m_otherOrg = m_system->createOrg("Warm Hearth Heating", otherAccount, otherToken, otherNumber, &error);
    QVERIFY2(!m_otherOrg.isEmpty(), qPrintable(error));
}

void TestSyncFlow::cleanup()
{
    QString error;
    const bool drained = m_system->stop(&error);
    m_system.reset();
    QVERIFY2(drained, qPrintable(error));
}

std::unique_ptr<TestSyncFlow::Device> TestSyncFlow::newDevice(SyncClient::Options options)
{
    auto device = std::make_unique<Device>();
    QString error;
    if (!m_profiles.setUpCase(&error, false)) {
        qWarning() << "profile:" << error;
        return nullptr;
    }
    device->profile = m_profiles.takeProfile();
    device->client = std::make_unique<SyncClient>(device->db(), options);
    return device;
}

bool TestSyncFlow::enroll(Device& device, const QString& orgId, QString* error, const QUrl& relayUrl)
{
    const QByteArray printed = m_system->admin({"device", "enroll-code", "--org", orgId}, error);
    if (printed.isNull())
        return false;
    const QString code = QString::fromLatin1(printed.trimmed().split('\n').last());
    QSignalSpy enrolled(device.client.get(), &SyncClient::enrolled);
    QSignalSpy failed(device.client.get(), &SyncClient::failed);
    device.client->enroll(relayUrl.isEmpty() ? m_system->relay().baseUrl() : relayUrl, code, "Front desk");
    if (!QTest::qWaitFor([&] { return !enrolled.isEmpty() || !failed.isEmpty(); }, 30000)
        || enrolled.isEmpty()) {
        *error
            = failed.isEmpty() ? QStringLiteral("enrollment did not end") : failed.first().first().toString();
        return false;
    }
    return true;
}

bool TestSyncFlow::syncOnce(SyncClient& client, QString* error)
{
    QSignalSpy finished(&client, &SyncClient::roundFinished);
    QSignalSpy failed(&client, &SyncClient::failed);
    client.syncOnce();
    if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 60000)) {
        if (error)
            *error = QStringLiteral("the round did not end");
        return false;
    }
    if (!failed.isEmpty() && error)
        *error = failed.first().first().toString();
    return failed.isEmpty();
}

qint64 TestSyncFlow::cursorOf(const Device& device)
{
    qint64 cursor = -1, outbox = -1, conflicts = -1;
    QString error;
    device.client->progress(&cursor, &outbox, &conflicts, &error);
    return cursor;
}

bool TestSyncFlow::syncUntil(Device& device, qint64 target)
{
    for (int round = 0; round < 200; ++round) {
        syncOnce(*device.client);
        qint64 cursor = 0, outbox = 0, conflicts = 0;
        QString error;
        if (device.client->progress(&cursor, &outbox, &conflicts, &error) && cursor >= target && outbox == 0)
            return true;
    }
    return false;
}

QString TestSyncFlow::missedCallLead(Device& device, const QByteArray& from)
{
    if (m_system->standIn().call(account, from, orgNumber).value("relay_status").toInt() != 200)
        return {};
    QString leadId;
    (void)QTest::qWaitFor(
        [&] {
            syncOnce(*device.client);
            leadId = text(device.db(),
                          "SELECT l.id FROM leads l JOIN contacts c ON c.id = l.contact_id WHERE c.phone = ?",
                          {QString::fromLatin1(from)});
            return !leadId.isEmpty();
        },
        15000);
    return leadId;
}

int TestSyncFlow::textsTo(const QByteArray& number, const QString& body)
{
    int count = 0;
    for (const QJsonValue& message : m_system->standIn().messages()) {
        const QJsonObject text = message.toObject();
        if (text.value("to").toString() == QLatin1String(number)
            && (body.isEmpty() || text.value("body").toString() == body))
            ++count;
    }
    return count;
}

void TestSyncFlow::missedCallReachesTheEncryptedStore()
{
    auto device = newDevice();
    QString error;
    QVERIFY2(enroll(*device, m_org, &error), qPrintable(error));
    const QString leadId = missedCallLead(*device, homeowners[0]);
    QVERIFY2(!leadId.isEmpty(), "the missed call's lead never reached the store");
    // The text-back goes out and is delivered; the store follows it.
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(homeowners[0]), 1, 10000);
    QVERIFY(QTest::qWaitFor(
        [&] {
            syncOnce(*device->client);
            return text(device->db(),
                        "SELECT status FROM messages WHERE lead_id = ? AND direction = 'outbound'", {leadId})
                == QLatin1String("delivered");
        },
        15000));
    QCOMPARE(text(device->db(), "SELECT state FROM leads WHERE id = ?", {leadId}), QString("texted"));
    QCOMPARE(scalar(device->db(), "SELECT COUNT(*) FROM call_events WHERE lead_id = ?", {leadId}), 1);
    // The automation's decision is on the lead's timeline with its reason.
    QVERIFY(scalar(device->db(), "SELECT COUNT(*) FROM lifecycle_events WHERE lead_id = ?", {leadId}) >= 1);

    // The file on disk is encrypted: the caller's number is not in its bytes.
    const QString path = device->profile->path();
    device.reset();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(homeowners[0]));
}

void TestSyncFlow::desktopReplyReachesTheHomeownerOnce()
{
    auto device = newDevice();
    QString error;
    QVERIFY2(enroll(*device, m_org, &error), qPrintable(error));
    const QString leadId = missedCallLead(*device, homeowners[0]);
    QVERIFY(!leadId.isEmpty());
    DispatcherActions actions(device->db(), m_org, "Dana");
    QString messageId;
    QVERIFY2(
        actions.sendMessage(leadId, "A technician can be there at 3pm today.", now(), &messageId, &error),
        qPrintable(error));
    QVERIFY2(syncOnce(*device->client, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(homeowners[0], "A technician can be there at 3pm today."), 1, 10000);
    // The relay kept the desktop's id; the store shows the text moving on under it.
    QVERIFY(QTest::qWaitFor(
        [&] {
            syncOnce(*device->client);
            return text(device->db(), "SELECT status FROM messages WHERE id = ?", {messageId})
                == QLatin1String("delivered");
        },
        15000));
    QCOMPARE(scalar(device->db(), "SELECT COUNT(*) FROM messages WHERE body = ?",
                    {QString("A technician can be there at 3pm today.")}),
             1);
    QTest::qWait(300);
    QCOMPARE(textsTo(homeowners[0], "A technician can be there at 3pm today."), 1);
}

void TestSyncFlow::outboxHoldsThroughAnOutageAndFlushesOnce()
{
    auto device = newDevice();
    QString error;
    QVERIFY2(enroll(*device, m_org, &error), qPrintable(error));
    const QString leadId = missedCallLead(*device, homeowners[0]);
    QVERIFY(!leadId.isEmpty());

    QVERIFY2(m_system->stopRelay(&error), qPrintable(error));
    DispatcherActions actions(device->db(), m_org, "Dana");
    QString first, second;
    QVERIFY(actions.sendMessage(leadId, "First, while offline.", now(), &first, &error));
    QVERIFY(actions.addNote(leadId, "Called from the van; no answer.", now(), &second, &error));
    QVERIFY(!syncOnce(*device->client, &error));
    QVERIFY2(error.contains("relay", Qt::CaseInsensitive), qPrintable(error));
    qint64 cursor = 0, outbox = 0, conflicts = 0;
    QVERIFY(device->client->progress(&cursor, &outbox, &conflicts, &error));
    QCOMPARE(outbox, 2);
    // The dispatcher sees the queued text at once.
    QCOMPARE(text(device->db(), "SELECT status FROM messages WHERE id = ?", {first}), QString("queued"));

    QVERIFY2(m_system->restartRelay(&error), qPrintable(error));
    QVERIFY2(syncOnce(*device->client, &error), qPrintable(error));
    QVERIFY(device->client->progress(&cursor, &outbox, &conflicts, &error));
    QCOMPARE(outbox, 0);
    QCOMPARE(conflicts, 0);
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(homeowners[0], "First, while offline."), 1, 10000);
    syncOnce(*device->client);
    QCOMPARE(scalar(device->db(), "SELECT COUNT(*) FROM notes WHERE lead_id = ?", {leadId}), 1);
    QTest::qWait(300);
    QVERIFY(syncOnce(*device->client));
    QCOMPARE(textsTo(homeowners[0], "First, while offline."), 1);
}

void TestSyncFlow::staleEditBecomesAConflict()
{
    auto front = newDevice();
    auto back = newDevice();
    QString error;
    QVERIFY2(enroll(*front, m_org, &error) && enroll(*back, m_org, &error), qPrintable(error));
    const QString leadId = missedCallLead(*front, homeowners[1]);
    QVERIFY(!leadId.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(homeowners[1]), 1, 10000);
    QTest::qWait(500); // the text-back's delivery callbacks
    QVERIFY(syncOnce(*front->client) && syncOnce(*back->client));

    // Both edit the same version; the back office is second.
    QVERIFY2(DispatcherActions(front->db(), m_org, "Dana").takeOver(leadId, now(), &error),
             qPrintable(error));
    QVERIFY2(DispatcherActions(back->db(), m_org, "Lee")
                 .setState(leadId, domain::LeadState::Office, std::nullopt, now(), &error),
             qPrintable(error));
    QVERIFY(syncOnce(*front->client, &error));
    QSignalSpy conflict(back->client.get(), &SyncClient::conflictRecorded);
    QVERIFY(syncOnce(*back->client, &error));
    QCOMPARE(conflict.count(), 1);
    QCOMPARE(conflict.first().at(2).toInt(), 409);
    qint64 cursor = 0, outbox = 0, conflicts = 0;
    QVERIFY(back->client->progress(&cursor, &outbox, &conflicts, &error));
    QCOMPARE(conflicts, 1);
    QCOMPARE(outbox, 0);
    // The back office's store now holds the lead as the relay has it: taken over, not at the office.
    QCOMPARE(text(back->db(), "SELECT state FROM leads WHERE id = ?", {leadId}), QString("texted"));
    QCOMPARE(scalar(back->db(), "SELECT automation_paused FROM leads WHERE id = ?", {leadId}), 1);
}

void TestSyncFlow::followingBringsNewEventsWithinASecond()
{
    auto device = newDevice();
    QString error;
    QVERIFY2(enroll(*device, m_org, &error), qPrintable(error));
    QVERIFY(syncOnce(*device->client, &error));
    QSignalSpy applied(device->client.get(), &SyncClient::eventsApplied);
    device->client->follow();
    QTest::qWait(300); // the long-poll is waiting now
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(m_system->standIn().call(account, homeowners[2], orgNumber).value("relay_status").toInt(), 200);
    QTRY_VERIFY_WITH_TIMEOUT(!applied.isEmpty(), 10000);
    qInfo("a missed call was in the store %lld ms after the carrier's webhook was sent",
          static_cast<long long>(clock.elapsed()));
    device->client->stop();
    QCOMPARE(scalar(device->db(), "SELECT COUNT(*) FROM contacts WHERE phone = ?",
                    {QString::fromLatin1(homeowners[2])}),
             1);
}

void TestSyncFlow::faultyNetworkEndsInTheSameStore()
{
    // One device on a clean network, one behind a proxy that drops, delays,
    // duplicates and cuts a third of its requests; a third device acts. The
    // faulty device catches up in pages of three, fetched two ahead on the
    // fetcher's thread and applied seven events at a time, so faults land in
    // the middle of catch-up runs.
    auto clean = newDevice();
    SyncClient::Options smallPages = testOptions();
    smallPages.pageLimit = 3;
    smallPages.pagesAhead = 2;
    smallPages.eventsPerTransaction = 7;
    auto faulty = newDevice(smallPages);
    auto acting = newDevice();
    FaultInjectingProxy proxy(m_system->relay().port());
    QString error;
    QVERIFY2(proxy.listen(&error), qPrintable(error));
    proxy.setDelayMs(300);
    QVERIFY2(enroll(*clean, m_org, &error) && enroll(*acting, m_org, &error), qPrintable(error));
    QVERIFY2(enroll(*faulty, m_org, &error, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()))),
             qPrintable(error));
    proxy.setRandomFaults(0.35, 20261125);

    DispatcherActions actions(acting->db(), m_org, "Dana");
    for (const QByteArray& homeowner : homeowners) {
        const QString leadId = missedCallLead(*acting, homeowner);
        QVERIFY(!leadId.isEmpty());
        QCOMPARE(m_system->standIn()
                     .inbound(account, homeowner, orgNumber, "No heat upstairs")
                     .value("relay_status")
                     .toInt(),
                 200);
        QString id;
        QVERIFY(actions.addNote(leadId, "Asked for a morning visit.", now(), &id, &error));
        QVERIFY(syncOnce(*acting->client, &error));
        // The faulty device also acts: its mutations cross the bad network too.
        QVERIFY(syncUntil(*faulty, cursorOf(*acting)));
        QVERIFY2(DispatcherActions(faulty->db(), m_org, "Lee")
                     .sendMessage(leadId, "We can come tomorrow at 9.", now(), &id, &error),
                 qPrintable(error));
        syncOnce(*faulty->client);
    }
    // Let the texts settle at the carrier, then bring every device to the end of the log.
    QTRY_COMPARE_WITH_TIMEOUT(textsTo(homeowners[2], "We can come tomorrow at 9."), 1, 15000);
    QTest::qWait(1000);
    QVERIFY(syncUntil(*acting, 0));
    QVERIFY(syncOnce(*clean->client, &error));
    const qint64 end = cursorOf(*clean);
    QVERIFY(syncUntil(*faulty, end));
    QVERIFY(syncUntil(*clean, end));
    QCOMPARE(cursorOf(*faulty), cursorOf(*clean));
    qInfo("faults injected: %d dropped, %d delayed, %d duplicated, %d cut, of %d requests",
          proxy.injected(FaultInjectingProxy::Fault::Drop), proxy.injected(FaultInjectingProxy::Fault::Delay),
          proxy.injected(FaultInjectingProxy::Fault::Duplicate),
          proxy.injected(FaultInjectingProxy::Fault::CutResponse), proxy.requests());
    QVERIFY(proxy.requests() > proxy.injected(FaultInjectingProxy::Fault::Pass));

    QCOMPARE(mirroredRows(faulty->db()), mirroredRows(clean->db()));
    // Each dispatcher text reached each homeowner exactly once, whatever the network did.
    for (const QByteArray& homeowner : homeowners)
        QCOMPARE(textsTo(homeowner, "We can come tomorrow at 9."), 1);
    QCOMPARE(scalar(clean->db(), "SELECT COUNT(*) FROM notes"), homeowners.size());
}

void TestSyncFlow::deviceSeesOnlyItsOrganization()
{
    auto ours = newDevice();
    auto theirs = newDevice();
    QString error;
    QVERIFY2(enroll(*ours, m_org, &error) && enroll(*theirs, m_otherOrg, &error), qPrintable(error));
    QVERIFY(!missedCallLead(*ours, homeowners[0]).isEmpty());
    QVERIFY(syncOnce(*theirs->client, &error));
    QCOMPARE(scalar(theirs->db(), "SELECT COUNT(*) FROM leads"), 0);
    QCOMPARE(scalar(theirs->db(), "SELECT COUNT(*) FROM contacts"), 0);
    // Their log holds their organization's settings only.
    QVERIFY(scalar(theirs->db(), "SELECT settings_version FROM organizations WHERE id = ?", {m_otherOrg})
            >= 1);
    QCOMPARE(scalar(theirs->db(), "SELECT COUNT(*) FROM organizations"), 1);
}

void TestSyncFlow::settingsChangeReachesTheOtherDevice()
{
    auto owner = newDevice();
    auto desk = newDevice();
    QString error;
    QVERIFY2(enroll(*owner, m_org, &error) && enroll(*desk, m_org, &error), qPrintable(error));
    QVERIFY2(syncOnce(*owner->client, &error) && syncOnce(*desk->client, &error), qPrintable(error));
    // Both hold the relay's settings from their first round.
    const QString versionSql = QStringLiteral("SELECT settings_version FROM organizations WHERE id = ?");
    const qint64 version = scalar(owner->db(), versionSql, {m_org});
    QVERIFY(version >= 1);
    QCOMPARE(scalar(desk->db(), versionSql, {m_org}), version);

    const std::string wording
        = "{{company}} here: we missed you and will text right back. Reply STOP to opt out.";
    protocol::SettingsChange change;
    change.templates = {{"text_back", wording}};
    change.quietPolicy = "skip";
    // Open Saturday mornings too, closed on Christmas Day.
    change.businessHours = protocol::defaultWeeklyHours();
    (*change.businessHours)[6] = {{std::chrono::hours{9}, std::chrono::hours{13}}};
    change.holidays = std::vector<std::chrono::year_month_day>{std::chrono::year{2026} / 12 / 25};
    QVERIFY2(DispatcherActions(owner->db(), m_org, "Owner").changeSettings(change, now(), &error),
             qPrintable(error));
    // Flushed, and its event pulled back (the owner's store is one version ahead until then).
    const qint64 before = cursorOf(*owner);
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     syncOnce(*owner->client);
                     qint64 cursor = 0, outbox = -1, conflicts = -1;
                     return owner->client->progress(&cursor, &outbox, &conflicts, &error) && outbox == 0
                         && cursor > before;
                 },
                 15000),
             "the owner's change did not come back as an event");
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     syncOnce(*desk->client);
                     return scalar(desk->db(), versionSql, {m_org}) == version + 1;
                 },
                 15000),
             "the change did not reach the other device");

    const QString templateSql
        = QStringLiteral("SELECT body FROM templates WHERE org_id = ? AND name = 'text_back'");
    QCOMPARE(text(desk->db(), templateSql, {m_org}), QString::fromStdString(wording));
    QCOMPARE(text(desk->db(), "SELECT quiet_policy FROM organizations WHERE id = ?", {m_org}),
             QString("skip"));
    QCOMPARE(scalar(desk->db(), versionSql, {m_org}), version + 1);
    QCOMPARE(
        scalar(
            desk->db(),
            "SELECT close_minute FROM business_hours WHERE org_id = ? AND weekday = 6 AND open_minute = 540",
            {m_org}),
        13 * 60);
    QCOMPARE(text(desk->db(), "SELECT day FROM holidays WHERE org_id = ?", {m_org}), QString("2026-12-25"));
    // The device that acted ends with what the one that mirrored holds.
    const auto settingsRows = [](const QSqlDatabase& db) {
        return dump(db).filter(
            QRegularExpression(QStringLiteral("^(organizations|templates|business_hours|holidays):")));
    };
    QCOMPARE(settingsRows(owner->db()), settingsRows(desk->db()));
    qint64 cursor = 0, outbox = -1, conflicts = -1;
    QVERIFY(owner->client->progress(&cursor, &outbox, &conflicts, &error));
    QCOMPARE(outbox, 0);
    QCOMPARE(conflicts, 0);
}

void TestSyncFlow::refusedCodeAndRevokedTokenAreClearErrors()
{
    auto device = newDevice();
    QSignalSpy failed(device->client.get(), &SyncClient::failed);
    device->client->enroll(m_system->relay().baseUrl(), "AAAA-BBBB-CCCC", "Front desk");
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY2(failed.first().first().toString().contains("invalid_code"),
             qPrintable(failed.first().first().toString()));

    QString error;
    QVERIFY2(enroll(*device, m_org, &error), qPrintable(error));
    QString deviceId;
    QVERIFY(store::SyncStateRepository(device->db(), m_org).deviceId(&deviceId, &error));
    QVERIFY(!m_system->admin({"device", "revoke", "--org", m_org, "--device", deviceId}, &error).isNull());
    QVERIFY(!syncOnce(*device->client, &error));
    QVERIFY2(error.contains("invalid_token"), qPrintable(error));
}

void TestSyncFlow::tokenFallsBackToTheProfileWithoutKeychain()
{
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("a session bus runs here; the keychain may answer");
    auto options = testOptions();
    options.tokenStorage = syncclient::DeviceCredentials::Storage::Auto;
    auto device = newDevice(options);
    QSignalSpy enrolled(device->client.get(), &SyncClient::enrolled);
    QString error;
    QVERIFY2(enroll(*device, m_org, &error), qPrintable(error));
    QCOMPARE(enrolled.first().at(2).toString(), QStringLiteral("profile"));
    QString token;
    QVERIFY(store::SyncStateRepository(device->db(), m_org).deviceToken(&token, &error));
    QVERIFY(token.contains('.'));
    QVERIFY(syncOnce(*device->client, &error));
}

void TestSyncFlow::backoffDoublesWithJitterUpToTheCap()
{
    syncclient::ReconnectBackoff full(1s, 60s);
    QList<qint64> delays;
    for (int i = 0; i < 9; ++i)
        delays << full.next(1.0).count();
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

QTEST_GUILESS_MAIN(TestSyncFlow)
#include "tst_syncflow.moc"
