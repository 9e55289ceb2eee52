// Sync end to end (issue 6): the real relay over HTTP on 127.0.0.1, the
// desktop's SyncClient, an encrypted profile on disk.
//
// 1. Initial sync: a relay whose log holds N events (sync_seed: leads with a
//    missed call and a reply), pulled by a freshly enrolled device in pages of
//    1000 and applied to its store. Baseline in the same run: the same pages
//    fetched and decoded without writing (the relay and the wire alone).
// 2. Live latency: with the device following (long-poll), missed calls go in
//    one at a time through the carrier stand-in; each is timed from the
//    webhook being sent until the client applied it to the store.
//
//   bench_sync [--events N] [--live M] [--per-transaction K] [--pages-ahead P]
//   (defaults 1000000, 200 and the client's own; targets: >= 20k events/s, p99 <= 200 ms)
// Prints figures; never fails on timing.

#include "CarrierStandInProcess.h"
#include "RelayCommand.h"
#include "RelayProcess.h"
#include "TestHttpClient.h"

#include "client/DeviceCredentials.h"
#include "client/SyncClient.h"
#include "protocol/DeviceEnrollment.h"
#include "protocol/EventFacts.h"
#include "protocol/SyncEvents.h"
#include "store/Profile.h"
#include "store/SyncStateRepository.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace callsnare;
using callsnare::syncclient::SyncClient;

namespace {

constexpr double TargetEventsPerSecond = 20000;
constexpr double TargetP99Ms = 200;

int fail(const QString& why)
{
    std::fprintf(stderr, "bench_sync: %s\n", qPrintable(why));
    return 1;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

bool waitForRound(SyncClient& client, QString* error)
{
    QSignalSpy finished(&client, &SyncClient::roundFinished);
    QSignalSpy failed(&client, &SyncClient::failed);
    client.syncOnce();
    if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 3600 * 1000)) {
        *error = QStringLiteral("the round did not end");
        return false;
    }
    if (!failed.isEmpty()) {
        *error = failed.first().first().toString();
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("callsnare.*.info=false"));
    long events = 1000000;
    int live = 200;
    SyncClient::Options options;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--events"))
            events = args[i + 1].toLong();
        else if (args[i] == QLatin1String("--live"))
            live = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--per-transaction"))
            options.eventsPerTransaction = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--pages-ahead"))
            options.pagesAhead = args[i + 1].toInt();
        else
            return fail(QStringLiteral(
                "usage: bench_sync [--events N] [--live M] [--per-transaction K] [--pages-ahead P]"));
    }
    const long leads = std::max(1L, events / 4);
    QTemporaryDir dir(qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath()) + "/bench_sync-XXXXXX");
    const QString dataDir = dir.filePath("relay-data");
    QString error;

    // The relay's log, seeded in its own process (it links the system libsqlite3).
    const QByteArray seeded
        = test::runRelayCommand(QStringLiteral(CALLSNARE_SYNC_SEED_PATH),
                                {"--data-dir", dataDir, "--leads", QString::number(leads)}, &error);
    if (seeded.isNull())
        return fail(error);
    const QString org = QString::fromLatin1(seeded.trimmed().split('\n').last());
    const QString account = QStringLiteral("AC00000000000000000000000000000000");

    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return fail(QStringLiteral("no free port"));
    const quint16 relayPort = probe.serverPort();
    probe.close();
    test::CarrierStandInProcess standIn(QStringLiteral(CALLSNARE_CARRIER_STANDIN_PATH));
    standIn.addAccount(account.toLatin1(), "seed-token");
    standIn.setRelayUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(relayPort)));
    if (!standIn.start(&error))
        return fail(error);
    test::RelayProcess relay(QStringLiteral(CALLSNARE_RELAY_PATH));
    relay.setStandardErrorFile(dir.filePath("relay.log"));
    relay.setArguments({"--data-dir", dataDir, "--listen", QStringLiteral("127.0.0.1:%1").arg(relayPort),
                        "--twilio-api-base", standIn.apiBaseUrl().toString()});
    if (!relay.start(&error))
        return fail(error);
    const auto enrollCode = [&]() {
        const QByteArray printed = test::runRelayCommand(
            QStringLiteral(CALLSNARE_RELAY_PATH),
            {"admin", "--data-dir", dataDir, "device", "enroll-code", "--org", org}, &error);
        return QString::fromLatin1(printed.trimmed().split('\n').last());
    };
    if (test::runRelayCommand(
            QStringLiteral(CALLSNARE_RELAY_PATH),
            {"admin", "--data-dir", dataDir, "automation", "set", "--org", org, "--quiet-hours", "off"},
            &error)
            .isNull())
        return fail(error);

    // Baseline: the same pages fetched and decoded, nothing written.
    QString token;
    {
        test::TestHttpClient http(600000);
        const auto enrolled = http.post(relay.url("/v1/devices/enroll"),
                                        QByteArray::fromStdString(protocol::encodeEnrollRequest(
                                            {enrollCode().toStdString(), "baseline"})),
                                        "application/json");
        const auto response = protocol::decodeEnrollResponse(enrolled.body.toStdString());
        if (!response)
            return fail(QString::fromUtf8(enrolled.describe()));
        token = QString::fromStdString(response->token);
    }
    QElapsedTimer clock;
    clock.start();
    std::int64_t after = 0;
    std::size_t fetched = 0;
    for (;;) {
        test::TestHttpClient http(600000);
        const auto reply
            = http.get(relay.url(QStringLiteral("/v1/sync/events?after=%1&limit=1000").arg(after)),
                       {{"Authorization", "Bearer " + token.toUtf8()}});
        auto page = protocol::decodeEventPage(reply.body.toStdString());
        if (!page)
            return fail(QString::fromUtf8(reply.describe()));
        for (const auto& event : page->events) {
            if (!protocol::decodeFact(event))
                return fail(QStringLiteral("an event does not decode"));
        }
        fetched += page->events.size();
        if (!page->events.empty())
            after = page->events.back().seq;
        if (!page->header.hasMore)
            break;
    }
    const double fetchSeconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;

    // The device: enroll, then one round to the end of the log.
    QString profileError;
    auto profile
        = store::Profile::create(dir.filePath("device.callsnare"), "bench passphrase", &profileError);
    if (!profile)
        return fail(profileError);
    options.tokenStorage = syncclient::DeviceCredentials::Storage::ProfileOnly;
    options.pageLimit = 1000;
    SyncClient client(profile->database(), options);
    QSignalSpy enrolled(&client, &SyncClient::enrolled);
    QSignalSpy enrollFailed(&client, &SyncClient::failed);
    client.enroll(relay.baseUrl(), enrollCode(), "bench");
    if (!QTest::qWaitFor([&] { return !enrolled.isEmpty() || !enrollFailed.isEmpty(); }, 60000)
        || enrolled.isEmpty())
        return fail(QStringLiteral("enrollment failed"));
    clock.restart();
    if (!waitForRound(client, &error))
        return fail(error);
    const double applySeconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    const qint64 applied = client.totals().eventsApplied;

    // Live: one missed call at a time, timed until the following client applied it.
    std::vector<double> latencies;
    QSignalSpy appliedSignal(&client, &SyncClient::eventsApplied);
    client.follow();
    QTest::qWait(300);
    for (int i = 0; i < live; ++i) {
        const int before = static_cast<int>(appliedSignal.count());
        char caller[16];
        std::snprintf(caller, sizeof caller, "+1737%07d", 2000000 + i);
        clock.restart();
        const QJsonObject call = standIn.call(account.toLatin1(), caller, "+15125550199");
        if (call.value("relay_status").toInt() != 200)
            return fail(QStringLiteral("a live call was not taken: %1")
                            .arg(QString::fromUtf8(QJsonDocument(call).toJson())));
        if (!QTest::qWaitFor([&] { return appliedSignal.count() > before; }, 10000))
            return fail(QStringLiteral("a live call never reached the store"));
        latencies.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
        // Its text-back's events arrive too; let them settle before the next call.
        QTest::qWait(50);
    }
    client.stop();
    relay.stop();
    standIn.stop();

    const double fetchRate = static_cast<double>(fetched) / fetchSeconds;
    const double applyRate = static_cast<double>(applied) / applySeconds;
    std::printf("sync over HTTP from the real relay into an encrypted profile\n");
    std::printf("  events in the relay's log:     %10zu  (%ld leads)\n", fetched, leads);
    std::printf("  fetch + decode (baseline):     %10.0f events/s  (%.2f s)\n", fetchRate, fetchSeconds);
    std::printf(
        "  initial sync, applied:         %10.0f events/s  (%.2f s, %lld events)  target >= %.0f/s: %s\n",
        applyRate, applySeconds, static_cast<long long>(applied), TargetEventsPerSecond,
        applyRate >= TargetEventsPerSecond ? "met" : "NOT met");
    std::printf("  applied / baseline:            %10.2f  (up to %d events per transaction, %d pages fetched "
                "ahead)\n",
                applyRate / fetchRate, options.eventsPerTransaction, options.pagesAhead);
    const double p50 = percentile(latencies, 0.50);
    const double p99 = percentile(latencies, 0.99);
    std::printf("  live call -> applied (%d):     p50 %.1f ms, p99 %.1f ms  target p99 <= %.0f ms: %s\n",
                live, p50, p99, TargetP99Ms, p99 <= TargetP99Ms ? "met" : "NOT met");
    return 0;
}
