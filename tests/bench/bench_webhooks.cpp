// The relay's webhook benchmark (issue 4): the real callsnare-relay binary on
// 127.0.0.1 with a fresh data dir, one organization made through `admin org
// create`, then C keep-alive connections posting N distinct signed missed-call
// webhooks (Twilio's Dial action, DialCallStatus=no-answer, a new CallSid and
// caller each). A webhook is answered only after its facts are committed
// durably, so requests/s here are durable webhooks/s. The same load then hits
// /healthz on the same server: the HTTP layer's own limit, and the ratio
// between the two says what storage costs. Afterwards every webhook's call
// must be stored exactly once (a lead per caller, one call each, and the
// relay's stored/retry counters), or the run fails. It prints figures and
// never fails on timing.
//
//   bench_webhooks [--requests N] [--connections C] [--postgres] [--ingest-only]
//
// By default every missed call is texted back, as in production, so each
// webhook also brings an outbound send to the carrier stand-in and two
// delivery callbacks. --ingest-only sets the organization's billing to
// canceled: the automation decides and records "not texted", nothing is sent,
// and the figures are the webhook path's alone.
//
// N defaults to $CALLSNARE_BENCH_WEBHOOKS, else 50000. --postgres (or
// CALLSNARE_BENCH_POSTGRES=1) adds a run against a throwaway PostgreSQL
// cluster after the SQLite one. CALLSNARE_BENCH_RELAY_LOG=FILE keeps the
// relay's log there.

#include "CarrierStandInProcess.h"
#include "MissedCallWebhooks.h"
#include "PgCluster.h"
#include "RelayCommand.h"
#include "RelayProcess.h"
#include "relay/storage/RelayDatabase.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>

#include <Poco/Data/Session.h>
#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/NullStream.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace callsnare;
using namespace callsnare::bench;
using namespace Poco::Data::Keywords;

namespace {

// The targets on a 2-core machine.
constexpr double kTargetWebhooksPerSecond = 5000;
constexpr double kTargetP99Ms = 20;

struct Options {
    int requests = 50000;
    int connections = 48;
    bool postgres = false;
    bool ingestOnly = false;
};

struct LoadFigures {
    double seconds = 0;
    int ok = 0;
    int failed = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    std::string firstFailure;

    double perSecond() const { return seconds > 0 ? ok / seconds : 0; }
};

// One request on a keep-alive session; its HTTP status, or throws.
using SendRequest = std::function<int(Poco::Net::HTTPClientSession&, int index)>;

double percentileMs(std::vector<std::uint32_t>& micros, double fraction)
{
    if (micros.empty()) {
        return 0;
    }
    const auto rank = static_cast<std::size_t>(fraction * static_cast<double>(micros.size() - 1));
    std::nth_element(micros.begin(), micros.begin() + static_cast<std::ptrdiff_t>(rank), micros.end());
    return micros[rank] / 1000.0;
}

// `count` requests spread over `connections` keep-alive sessions, each thread
// taking the next index as soon as its previous answer arrived.
LoadFigures runLoad(quint16 port, int connections, int count, const SendRequest& send)
{
    std::atomic<int> next{0};
    std::mutex mutex;
    std::vector<std::uint32_t> latencies;
    latencies.reserve(static_cast<std::size_t>(count));
    LoadFigures figures;

    const auto worker = [&] {
        Poco::Net::HTTPClientSession session("127.0.0.1", port);
        session.setKeepAlive(true);
        session.setTimeout(Poco::Timespan(30, 0));
        std::vector<std::uint32_t> mine;
        int ok = 0;
        int failed = 0;
        std::string failure;
        for (int index = next++; index < count; index = next++) {
            const auto started = std::chrono::steady_clock::now();
            int status = 0;
            try {
                status = send(session, index);
            } catch (const Poco::Exception& e) {
                failure = e.displayText();
                session.reset();
            }
            const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                std::chrono::steady_clock::now() - started);
            if (status == 200) {
                ++ok;
                mine.push_back(static_cast<std::uint32_t>(micros.count()));
            } else {
                ++failed;
                if (failure.empty()) {
                    failure = "HTTP " + std::to_string(status);
                }
            }
        }
        std::lock_guard lock(mutex);
        latencies.insert(latencies.end(), mine.begin(), mine.end());
        figures.ok += ok;
        figures.failed += failed;
        if (figures.firstFailure.empty()) {
            figures.firstFailure = failure;
        }
    };

    const auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int i = 0; i < connections; ++i) {
        threads.emplace_back(worker);
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    figures.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    figures.p50Ms = percentileMs(latencies, 0.50);
    figures.p99Ms = percentileMs(latencies, 0.99);
    return figures;
}

int getPath(Poco::Net::HTTPClientSession& session, const std::string& path, std::string* body = nullptr)
{
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setKeepAlive(true);
    session.sendRequest(request);
    return drainResponse(session, body);
}

// Runs `callsnare-relay admin ...` against the relay's storage; stdout, or null with *error set.
QByteArray runAdmin(const QStringList& arguments, QString* error)
{
    return callsnare::test::runRelayCommand(QStringLiteral(CALLSNARE_RELAY_PATH), arguments, error);
}

// Every webhook's call stored exactly once: the relay counted N facts and no
// retries, and its storage (read after it stopped) holds N calls with N
// distinct CallSids, N leads of one call each and N call.missed events.
bool verifyStored(const QString& dataDir, const QString& databaseUri, const std::string& orgId, int expected,
                  const std::string& metrics, QString* error)
{
    const std::string route = std::string("{route=\"") + kDialStatusPath + "\"}";
    const double stored = metricValue(metrics, "callsnare_twilio_facts_stored_total" + route);
    const double retries = metricValue(metrics, "callsnare_twilio_retries_total" + route);
    if (stored != expected || retries > 0) {
        *error = QStringLiteral("the relay counted %1 stored facts and %2 retries, expected %3 and 0")
                     .arg(stored)
                     .arg(retries)
                     .arg(expected);
        return false;
    }
    relay::DatabaseOptions options;
    options.dataDir = dataDir.toStdString();
    options.databaseUri = databaseUri.toStdString();
    auto database = relay::RelayDatabase::open(options);
    if (!database) {
        *error = QString::fromStdString(database.error().message);
        return false;
    }
    try {
        Poco::Data::Session session = database.value()->reader();
        std::string org = orgId;
        Poco::Int64 calls = 0;
        Poco::Int64 sids = 0;
        Poco::Int64 leads = 0;
        Poco::Int64 leadCalls = 0;
        Poco::Int64 events = 0;
        session << database.value()->sql("SELECT COUNT(*), COUNT(DISTINCT call_sid) FROM call_events "
                                         "WHERE org_id = ? AND lead_id IS NOT NULL"),
            use(org), into(calls), into(sids), now;
        session << database.value()->sql(
            "SELECT COUNT(*), COALESCE(SUM(call_count), 0) FROM leads WHERE org_id = ?"),
            use(org), into(leads), into(leadCalls), now;
        session << database.value()->sql(
            "SELECT COUNT(*) FROM events WHERE org_id = ? AND kind = 'call.missed'"),
            use(org), into(events), now;
        if (calls != expected || sids != expected || leads != expected || leadCalls != expected
            || events != expected) {
            *error = QStringLiteral("stored %1 calls (%2 CallSids), %3 leads with %4 calls, %5 call.missed "
                                    "events; expected %6 of each")
                         .arg(calls)
                         .arg(sids)
                         .arg(leads)
                         .arg(leadCalls)
                         .arg(events)
                         .arg(expected);
            return false;
        }
    } catch (const Poco::Exception& e) {
        *error
            = QStringLiteral("cannot read the stored calls: %1").arg(QString::fromStdString(e.displayText()));
        return false;
    }
    return true;
}

void printRow(const char* name, const LoadFigures& figures, const char* target)
{
    std::printf("  %-26s %9.0f %8.2f %8.2f   %s\n", name, figures.perSecond(), figures.p50Ms, figures.p99Ms,
                target);
}

// One full run on one storage; false when the workload did not run or the
// stored data is wrong.
bool runBenchmark(const Options& options, const QString& databaseUri)
{
    const char* storageName
        = databaseUri.isEmpty() ? "SQLite (WAL, flushed before each answer)" : "PostgreSQL";
    callsnare::test::RelayProcess relay(QStringLiteral(CALLSNARE_RELAY_PATH));
    const QString dataDir = relay.filePath(QStringLiteral("data"));
    QStringList storage{QStringLiteral("--data-dir"), dataDir};
    if (!databaseUri.isEmpty()) {
        storage << QStringLiteral("--database") << databaseUri;
    }

    // The org first (the admin CLI migrates the fresh storage), then the server.
    const QString tokenFile = relay.filePath(QStringLiteral("auth-token"));
    if (!QDir().mkpath(dataDir) || !callsnare::test::writePrivateFile(tokenFile, kAuthToken)) {
        std::fprintf(stderr, "bench_webhooks: cannot prepare %s\n", qPrintable(relay.dataDir()));
        return false;
    }
    QString error;
    QStringList create{QStringLiteral("admin")};
    create << storage << QStringLiteral("org") << QStringLiteral("create") << QStringLiteral("--name")
           << QStringLiteral("Benchmark Heating & Air") << QStringLiteral("--timezone")
           << QStringLiteral("America/Chicago") << QStringLiteral("--number")
           << QString::fromLatin1(kOrgNumber) << QStringLiteral("--forward-to")
           << QStringLiteral("+15125550100") << QStringLiteral("--account-sid")
           << QString::fromLatin1(kAccountSid) << QStringLiteral("--auth-token-file") << tokenFile
           << QStringLiteral("--json");
    const QByteArray created = runAdmin(create, &error);
    std::string orgId;
    try {
        orgId = created.isEmpty() ? std::string()
                                  : Poco::JSON::Parser()
                                        .parse(created.toStdString())
                                        .extract<Poco::JSON::Object::Ptr>()
                                        ->getValue<std::string>("id");
    } catch (const Poco::Exception& e) {
        error = QString::fromStdString(e.displayText());
    }
    if (orgId.empty()) {
        std::fprintf(stderr, "bench_webhooks: no organization: %s\n", qPrintable(error));
        return false;
    }
    // Every missed call is texted back, as in production: the texts go to a
    // local carrier stand-in (at any hour: no quiet hours).
    QStringList quiet{QStringLiteral("admin")};
    quiet << storage << QStringLiteral("automation") << QStringLiteral("set") << QStringLiteral("--org")
          << QString::fromStdString(orgId) << QStringLiteral("--quiet-hours") << QStringLiteral("off");
    callsnare::test::CarrierStandInProcess carrier(QStringLiteral(CALLSNARE_CARRIER_STANDIN_PATH));
    carrier.addAccount(kAccountSid, kAuthToken);
    carrier.setStandardErrorFile(relay.filePath(QStringLiteral("carrier.log")));
    if (runAdmin(quiet, &error).isNull() || !carrier.start(&error)) {
        std::fprintf(stderr, "bench_webhooks: no carrier stand-in: %s\n", qPrintable(error));
        return false;
    }
    if (options.ingestOnly) {
        QStringList canceled{QStringLiteral("admin")};
        canceled << storage << QStringLiteral("billing") << QStringLiteral("set") << QStringLiteral("--org")
                 << QString::fromStdString(orgId) << QStringLiteral("--state") << QStringLiteral("canceled");
        if (runAdmin(canceled, &error).isNull()) {
            std::fprintf(stderr, "bench_webhooks: billing: %s\n", qPrintable(error));
            return false;
        }
    }

    // The relay's JSON log, kept when CALLSNARE_BENCH_RELAY_LOG names a file.
    const QString logFile = qEnvironmentVariable("CALLSNARE_BENCH_RELAY_LOG");
    relay.setStandardErrorFile(logFile.isEmpty() ? relay.filePath(QStringLiteral("relay.log")) : logFile);
    QStringList arguments{QStringLiteral("--max-threads"), QString::number(options.connections + 8),
                          QStringLiteral("--twilio-api-base"), carrier.apiBaseUrl().toString()};
    arguments << storage;
    relay.setArguments(arguments);
    if (!relay.start(&error)) {
        std::fprintf(stderr, "bench_webhooks: the relay did not start: %s\n", qPrintable(error));
        return false;
    }

    const std::vector<SignedWebhook> webhooks = prepareMissedCallWebhooks(
        options.requests, relay.baseUrl().toString(QUrl::StripTrailingSlash).toStdString() + kDialStatusPath);
    const LoadFigures stored
        = runLoad(relay.port(), options.connections, options.requests,
                  [&](Poco::Net::HTTPClientSession& session, int index) {
                      return postWebhook(session, webhooks[static_cast<std::size_t>(index)]);
                  });
    const LoadFigures noop
        = runLoad(relay.port(), options.connections, options.requests,
                  [](Poco::Net::HTTPClientSession& session, int) { return getPath(session, "/healthz"); });

    std::string metrics;
    try {
        Poco::Net::HTTPClientSession session("127.0.0.1", relay.port());
        getPath(session, "/metrics", &metrics);
    } catch (const Poco::Exception& e) {
        std::fprintf(stderr, "bench_webhooks: /metrics: %s\n", e.displayText().c_str());
    }
    const double commits = metricValue(metrics, "callsnare_storage_commits");
    const double writerBusy = metricValue(metrics, "callsnare_storage_writer_busy_seconds");
    const double committing = metricValue(metrics, "callsnare_storage_commit_seconds");
    const double writerCpu = metricValue(metrics, "callsnare_storage_writer_cpu_seconds");
    const bool stopped = relay.stop(60000);

    std::printf("== %d distinct signed missed-call webhooks, %d connections, %s, %s\n", options.requests,
                options.connections, storageName,
                options.ingestOnly ? "ingest only (billing canceled: nothing texted)" : "each texted back");
    std::printf("  %-26s %9s %8s %8s   %s\n", "", "req/s", "p50 ms", "p99 ms", "target");
    char target[96];
    std::snprintf(target, sizeof target, ">= %.0f/s, p99 <= %.0f ms", kTargetWebhooksPerSecond, kTargetP99Ms);
    printRow("webhooks (durable)", stored, target);
    printRow("/healthz (no-op)", noop, "the HTTP layer's limit");
    std::printf("  %-26s %9.2f\n", "ratio webhooks/healthz",
                noop.perSecond() > 0 ? stored.perSecond() / noop.perSecond() : 0);
    if (commits > 0) {
        std::printf("  %-26s %9.0f   (%.1f webhooks per durable commit)\n", "storage commits", commits,
                    stored.ok / commits);
    }
    if (stored.seconds > 0 && writerBusy > 0) {
        // Only the webhook phase writes, so its wall time is the writer's window.
        std::printf("  %-26s %8.0f%%   (committing %.0f%%; near 100%%, the one writer is the limit)\n",
                    "writer busy", 100 * writerBusy / stored.seconds, 100 * committing / stored.seconds);
        std::printf("  %-26s %8.0f µs  (per webhook; %.1f ms wall per commit)\n", "writer CPU",
                    stored.ok > 0 ? 1e6 * writerCpu / stored.ok : 0,
                    commits > 0 ? 1e3 * committing / commits : 0);
    }

    std::fflush(stdout);
    bool ok = stopped;
    if (!stopped) {
        std::fprintf(stderr, "bench_webhooks: the relay did not stop on SIGTERM\n");
    }
    if (stored.failed > 0 || noop.failed > 0) {
        std::fprintf(stderr, "bench_webhooks: %d webhook and %d /healthz requests failed (first: %s)\n",
                     stored.failed, noop.failed,
                     (stored.firstFailure.empty() ? noop.firstFailure : stored.firstFailure).c_str());
        ok = false;
    }
    if (!verifyStored(dataDir, databaseUri, orgId, options.requests, metrics, &error)) {
        std::fprintf(stderr, "bench_webhooks: %s\n", qPrintable(error));
        ok = false;
    } else {
        std::printf("  verified: %d calls stored exactly once (%d leads, %d call.missed events)\n",
                    options.requests, options.requests, options.requests);
    }
    std::fflush(stdout);
    return ok;
}

bool parseOptions(const QStringList& arguments, Options& options)
{
    const QByteArray sized = qgetenv("CALLSNARE_BENCH_WEBHOOKS");
    if (!sized.isEmpty()) {
        options.requests = sized.toInt();
    }
    options.postgres = qEnvironmentVariableIntValue("CALLSNARE_BENCH_POSTGRES") != 0;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        bool ok = true;
        if (argument == QLatin1String("--requests") && i + 1 < arguments.size()) {
            options.requests = arguments[++i].toInt(&ok);
        } else if (argument == QLatin1String("--connections") && i + 1 < arguments.size()) {
            options.connections = arguments[++i].toInt(&ok);
        } else if (argument == QLatin1String("--postgres")) {
            options.postgres = true;
        } else if (argument == QLatin1String("--ingest-only")) {
            options.ingestOnly = true;
        } else {
            ok = false;
        }
        if (!ok) {
            return false;
        }
    }
    return options.requests > 0 && options.connections > 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    Options options;
    if (!parseOptions(app.arguments(), options)) {
        std::fprintf(stderr,
                     "usage: bench_webhooks [--requests N] [--connections C] [--postgres] [--ingest-only]\n");
        return 2;
    }

    bool ok = runBenchmark(options, {});
    if (options.postgres) {
        QString why;
        if (!callsnare::test::PgCluster::available(&why)) {
            std::printf("== PostgreSQL run skipped: %s\n", qPrintable(why));
            return ok ? 0 : 1;
        }
        callsnare::test::PgCluster cluster;
        QString error;
        const QString uri
            = cluster.start(&error) ? cluster.createDatabase(QStringLiteral("bench"), &error) : QString();
        if (uri.isEmpty()) {
            std::fprintf(stderr, "bench_webhooks: no PostgreSQL cluster: %s\n", qPrintable(error));
            return 1;
        }
        ok = runBenchmark(options, uri) && ok;
    }
    return ok ? 0 : 1;
}
