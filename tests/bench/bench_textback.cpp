// The text-back latency benchmark (issue 5): how long from a missed-call
// webhook reaching the relay to its text-back reaching the carrier, at a
// steady 500 missed calls/s. The real callsnare-relay (SQLite) and the carrier
// stand-in run on 127.0.0.1; one organization with quiet hours off; then C
// keep-alive connections post distinct signed missed-call webhooks (Twilio's
// Dial action, DialCallStatus=no-answer, a new caller each, so each is a new
// lead with a text-back of its own) on a fixed open-loop schedule, each send
// time recorded. Afterwards every text the stand-in took is matched to its
// call by the caller number (the text's To): stand-in received_at_ms minus the
// time the bench sent that webhook. Beside it: the relay's own
// callsnare_textback_latency_seconds histogram (webhook received -> carrier
// answered, approximated from its buckets) and, as the same-run baseline, the
// webhook's own HTTP round trip at that rate. It never fails on timing; it
// fails only when a call got no text or more than one.
//
//   bench_textback [--seconds S | --calls N] [--rate R] [--connections C] [--sender-threads T]
//
// S defaults to $CALLSNARE_BENCH_TEXTBACK_SECONDS, else 20; R to 500/s.
// CALLSNARE_BENCH_RELAY_LOG=FILE keeps the relay's log there.

#include "CarrierStandInProcess.h"
#include "MissedCallWebhooks.h"
#include "RelayCommand.h"
#include "RelayProcess.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTcpServer>

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
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

using namespace callsnare;
using namespace callsnare::bench;
using callsnare::test::CarrierStandInProcess;
using callsnare::test::RelayProcess;

namespace {

// The targets on a 2-core machine.
constexpr double kTargetP50Ms = 5;
constexpr double kTargetP99Ms = 50;

constexpr const char* kHistogram = "callsnare_textback_latency_seconds";

struct Options {
    double seconds = 20;
    int calls = 0; // 0: rate * seconds
    double rate = 500;
    int connections = 16;
    int senderThreads = 0; // 0: the relay's default

    int count() const { return calls > 0 ? calls : static_cast<int>(std::lround(rate * seconds)); }
};

// What happened to one webhook.
struct Sent {
    std::int64_t wallMicros = 0; // system clock when the request started, for the stand-in's stamps
    std::int64_t roundTripMicros = -1; // -1: no 200 answer
    std::int64_t lateMicros = 0; // behind its slot in the schedule
};

struct Percentiles {
    double p50 = 0;
    double p99 = 0;
    double max = 0;
};

std::int64_t wallMicrosNow()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Percentiles percentiles(std::vector<double> values)
{
    Percentiles result;
    if (values.empty()) {
        return result;
    }
    std::sort(values.begin(), values.end());
    const auto at = [&](double fraction) {
        return values[static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1))];
    };
    result.p50 = at(0.50);
    result.p99 = at(0.99);
    result.max = values.back();
    return result;
}

// Connection k sends webhooks k, k+C, k+2C, ... each at its slot
// (start + index / rate) or, when its previous answer came back late, at once:
// the offered rate does not depend on how fast the relay answers, as long as
// C connections cover the answers in flight.
std::vector<Sent> runSchedule(quint16 port, const Options& options,
                              const std::vector<SignedWebhook>& webhooks, std::string* firstFailure)
{
    std::vector<Sent> sent(webhooks.size());
    std::mutex mutex;
    const auto start = std::chrono::steady_clock::now() + std::chrono::milliseconds(50);
    const double slotMicros = 1e6 / options.rate;

    const auto worker = [&](int connection) {
        Poco::Net::HTTPClientSession session("127.0.0.1", port);
        session.setKeepAlive(true);
        session.setTimeout(Poco::Timespan(30, 0));
        std::string failure;
        for (std::size_t index = static_cast<std::size_t>(connection); index < webhooks.size();
             index += static_cast<std::size_t>(options.connections)) {
            const auto slot
                = start + std::chrono::microseconds(std::llround(slotMicros * static_cast<double>(index)));
            std::this_thread::sleep_until(slot);
            Sent& record = sent[index];
            const auto began = std::chrono::steady_clock::now();
            record.wallMicros = wallMicrosNow();
            record.lateMicros = std::chrono::duration_cast<std::chrono::microseconds>(began - slot).count();
            int status = 0;
            try {
                status = postWebhook(session, webhooks[index]);
            } catch (const Poco::Exception& e) {
                failure = e.displayText();
                session.reset();
            }
            if (status == 200) {
                record.roundTripMicros = std::chrono::duration_cast<std::chrono::microseconds>(
                                             std::chrono::steady_clock::now() - began)
                                             .count();
            } else if (failure.empty()) {
                failure = "HTTP " + std::to_string(status);
            }
        }
        const std::lock_guard lock(mutex);
        if (firstFailure->empty()) {
            *firstFailure = failure;
        }
    };
    std::vector<std::thread> threads;
    for (int i = 0; i < options.connections; ++i) {
        threads.emplace_back(worker, i);
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    return sent;
}

// Runs the Qt event loop while `work` runs on a thread of its own: the
// stand-in's log comes through a pipe that only the event loop empties, and a
// full pipe would stall the stand-in (and every text) until it is read.
template <typename Work> void whilePumpingEvents(Work work)
{
    std::atomic<bool> done{false};
    std::thread thread([&] {
        work();
        done = true;
    });
    while (!done) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    thread.join();
}

std::string fetchMetrics(quint16 port)
{
    std::string metrics;
    try {
        Poco::Net::HTTPClientSession session("127.0.0.1", port);
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/metrics",
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        session.sendRequest(request);
        drainResponse(session, &metrics);
    } catch (const Poco::Exception& e) {
        std::fprintf(stderr, "bench_textback: /metrics: %s\n", e.displayText().c_str());
    }
    return metrics;
}

// A histogram's cumulative buckets (upper bound in seconds, count), +Inf last.
std::vector<std::pair<double, double>> histogramBuckets(const std::string& text, const std::string& name)
{
    std::vector<std::pair<double, double>> buckets;
    std::istringstream lines(text);
    std::string line;
    const std::string prefix = name + "_bucket{";
    while (std::getline(lines, line)) {
        const auto le = line.find("le=\"");
        const auto close = line.find("} ");
        if (!line.starts_with(prefix) || le == std::string::npos || close == std::string::npos) {
            continue;
        }
        buckets.emplace_back(std::strtod(line.c_str() + le + 4, nullptr),
                             std::strtod(line.c_str() + close + 2, nullptr));
    }
    return buckets;
}

// Prometheus' histogram_quantile: linear inside the bucket holding the rank;
// a rank in the +Inf bucket answers the highest finite bound.
double histogramQuantileMs(const std::vector<std::pair<double, double>>& buckets, double quantile)
{
    if (buckets.empty() || buckets.back().second <= 0) {
        return 0;
    }
    const double rank = quantile * buckets.back().second;
    double lowerBound = 0;
    double lowerCount = 0;
    for (const auto& [bound, count] : buckets) {
        if (count >= rank) {
            if (std::isinf(bound)) {
                return lowerBound * 1000;
            }
            const double inBucket = count - lowerCount;
            const double fraction = inBucket > 0 ? (rank - lowerCount) / inBucket : 1;
            return (lowerBound + (bound - lowerBound) * fraction) * 1000;
        }
        lowerBound = bound;
        lowerCount = count;
    }
    return lowerBound * 1000;
}

// Runs `callsnare-relay admin ...` against the relay's storage; stdout, or null with *error set.
QByteArray runAdmin(const QStringList& arguments, QString* error)
{
    return callsnare::test::runRelayCommand(QStringLiteral(CALLSNARE_RELAY_PATH), arguments, error);
}

// An organization on the fresh storage, texting back at any hour; its id or empty.
std::string createOrganization(const QString& dataDir, const QString& tokenFile, QString* error)
{
    const QStringList storage{QStringLiteral("admin"), QStringLiteral("--data-dir"), dataDir};
    const QByteArray created = runAdmin(
        storage
            + QStringList{QStringLiteral("org"), QStringLiteral("create"), QStringLiteral("--name"),
                          QStringLiteral("Benchmark Heating & Air"), QStringLiteral("--timezone"),
                          QStringLiteral("America/Chicago"), QStringLiteral("--number"),
                          QString::fromLatin1(kOrgNumber), QStringLiteral("--forward-to"),
                          QStringLiteral("+15125550100"), QStringLiteral("--account-sid"),
                          QString::fromLatin1(kAccountSid), QStringLiteral("--auth-token-file"), tokenFile,
                          QStringLiteral("--json")},
        error);
    std::string orgId;
    try {
        orgId = created.isEmpty() ? std::string()
                                  : Poco::JSON::Parser()
                                        .parse(created.toStdString())
                                        .extract<Poco::JSON::Object::Ptr>()
                                        ->getValue<std::string>("id");
    } catch (const Poco::Exception& e) {
        *error = QString::fromStdString(e.displayText());
        return {};
    }
    if (orgId.empty()
        || runAdmin(storage
                        + QStringList{QStringLiteral("automation"), QStringLiteral("set"),
                                      QStringLiteral("--org"), QString::fromStdString(orgId),
                                      QStringLiteral("--quiet-hours"), QStringLiteral("off")},
                    error)
               .isNull()) {
        return {};
    }
    return orgId;
}

// The texts the stand-in took, once `expected` arrived or nothing new came for
// `quietMs`; then once more after a pause, so a late duplicate is seen too.
QJsonArray waitForTexts(CarrierStandInProcess& standIn, int expected, int quietMs)
{
    QJsonArray texts = standIn.messages();
    auto lastProgress = std::chrono::steady_clock::now();
    qsizetype seen = texts.size();
    while (texts.size() < expected
           && std::chrono::steady_clock::now() - lastProgress < std::chrono::milliseconds(quietMs)) {
        whilePumpingEvents([] { std::this_thread::sleep_for(std::chrono::milliseconds(250)); });
        texts = standIn.messages();
        if (texts.size() > seen) {
            seen = texts.size();
            lastProgress = std::chrono::steady_clock::now();
        }
    }
    whilePumpingEvents([] { std::this_thread::sleep_for(std::chrono::milliseconds(1000)); });
    return standIn.messages();
}

bool parseOptions(const QStringList& arguments, Options& options)
{
    const QByteArray sized = qgetenv("CALLSNARE_BENCH_TEXTBACK_SECONDS");
    if (!sized.isEmpty()) {
        options.seconds = sized.toDouble();
    }
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        const bool hasValue = i + 1 < arguments.size();
        bool ok = hasValue;
        if (argument == QLatin1String("--seconds") && hasValue) {
            options.seconds = arguments[++i].toDouble(&ok);
        } else if (argument == QLatin1String("--calls") && hasValue) {
            options.calls = arguments[++i].toInt(&ok);
        } else if (argument == QLatin1String("--rate") && hasValue) {
            options.rate = arguments[++i].toDouble(&ok);
        } else if (argument == QLatin1String("--connections") && hasValue) {
            options.connections = arguments[++i].toInt(&ok);
        } else if (argument == QLatin1String("--sender-threads") && hasValue) {
            options.senderThreads = arguments[++i].toInt(&ok);
        } else {
            ok = false;
        }
        if (!ok) {
            return false;
        }
    }
    return options.count() > 0 && options.rate > 0 && options.connections > 0 && options.senderThreads >= 0;
}

int runBenchmark(const Options& options)
{
    // The relay's port first: the stand-in posts status callbacks there and
    // the relay needs the stand-in's address.
    quint16 relayPort = 0;
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            std::fprintf(stderr, "bench_textback: no free loopback port\n");
            return 1;
        }
        relayPort = probe.serverPort();
    }
    const QString relayUrl = QStringLiteral("http://127.0.0.1:%1").arg(relayPort);
    CarrierStandInProcess standIn(QStringLiteral(CALLSNARE_CARRIER_STANDIN_PATH));
    standIn.addAccount(kAccountSid, kAuthToken);
    standIn.setRelayUrl(QUrl(relayUrl));
    QString error;
    if (!standIn.start(&error)) {
        std::fprintf(stderr, "bench_textback: the carrier stand-in did not start: %s\n", qPrintable(error));
        return 1;
    }

    RelayProcess relay(QStringLiteral(CALLSNARE_RELAY_PATH));
    const QString dataDir = relay.filePath(QStringLiteral("data"));
    const QString tokenFile = relay.filePath(QStringLiteral("auth-token"));
    if (!QDir().mkpath(dataDir) || !callsnare::test::writePrivateFile(tokenFile, kAuthToken)) {
        std::fprintf(stderr, "bench_textback: cannot prepare %s\n", qPrintable(relay.dataDir()));
        return 1;
    }
    const std::string orgId = createOrganization(dataDir, tokenFile, &error);
    if (orgId.empty()) {
        std::fprintf(stderr, "bench_textback: no organization: %s\n", qPrintable(error));
        return 1;
    }
    const QString logFile = qEnvironmentVariable("CALLSNARE_BENCH_RELAY_LOG");
    relay.setStandardErrorFile(logFile.isEmpty() ? relay.filePath(QStringLiteral("relay.log")) : logFile);
    QStringList arguments{QStringLiteral("--listen"),          QStringLiteral("127.0.0.1:%1").arg(relayPort),
                          QStringLiteral("--data-dir"),        dataDir,
                          QStringLiteral("--twilio-api-base"), standIn.apiBaseUrl().toString(),
                          QStringLiteral("--max-threads"),     QString::number(options.connections + 16)};
    if (options.senderThreads > 0) {
        arguments << QStringLiteral("--sender-threads") << QString::number(options.senderThreads);
    }
    relay.setArguments(arguments);
    if (!relay.start(&error)) {
        std::fprintf(stderr, "bench_textback: the relay did not start: %s\n", qPrintable(error));
        return 1;
    }

    const int count = options.count();
    const std::vector<SignedWebhook> webhooks
        = prepareMissedCallWebhooks(count, relayUrl.toStdString() + kDialStatusPath);
    std::string firstFailure;
    const auto began = std::chrono::steady_clock::now();
    std::vector<Sent> sent;
    whilePumpingEvents([&] { sent = runSchedule(relayPort, options, webhooks, &firstFailure); });
    const double sendSeconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    const QJsonArray texts = waitForTexts(standIn, count, 30000);
    const std::string metrics = fetchMetrics(relayPort);
    const bool stopped = relay.stop(60000);
    standIn.stop();

    // Each call's text by its caller number: latency from the bench's send.
    std::unordered_map<std::string, std::size_t> callByCaller;
    for (std::size_t i = 0; i < webhooks.size(); ++i) {
        callByCaller.emplace(webhooks[i].caller, i);
    }
    std::vector<int> textsPerCall(webhooks.size(), 0);
    std::vector<double> textBackMs;
    int strangers = 0;
    for (const QJsonValue& value : texts) {
        const QJsonObject text = value.toObject();
        const auto found = callByCaller.find(text.value(QLatin1String("to")).toString().toStdString());
        if (found == callByCaller.end()) {
            ++strangers;
            continue;
        }
        if (++textsPerCall[found->second] == 1) {
            const double receivedMs = text.value(QLatin1String("received_at_ms")).toDouble();
            textBackMs.push_back(receivedMs - static_cast<double>(sent[found->second].wallMicros) / 1000.0);
        }
    }
    const auto missing = std::count(textsPerCall.begin(), textsPerCall.end(), 0);
    const auto duplicated
        = std::count_if(textsPerCall.begin(), textsPerCall.end(), [](int n) { return n > 1; });

    std::vector<double> roundTripMs;
    std::int64_t maxLateMicros = 0;
    int late = 0;
    for (const Sent& one : sent) {
        if (one.roundTripMicros >= 0) {
            roundTripMs.push_back(static_cast<double>(one.roundTripMicros) / 1000.0);
        }
        maxLateMicros = std::max(maxLateMicros, one.lateMicros);
        late += one.lateMicros > 5000 ? 1 : 0;
    }
    const Percentiles textBack = percentiles(textBackMs);
    const Percentiles roundTrip = percentiles(roundTripMs);
    const auto buckets = histogramBuckets(metrics, kHistogram);
    const double observed = buckets.empty() ? 0 : buckets.back().second;
    const double sumSeconds = metricValue(metrics, std::string(kHistogram) + "_sum");

    std::printf("== %d distinct missed calls at %.0f/s open loop (%d connections, %.1f s), SQLite, %s sender "
                "threads\n",
                count, options.rate, options.connections, sendSeconds,
                options.senderThreads > 0 ? std::to_string(options.senderThreads).c_str() : "default");
    std::printf("  %-36s %8s %8s %8s   %s\n", "", "p50 ms", "p99 ms", "max ms", "target");
    char target[64];
    std::snprintf(target, sizeof target, "p50 <= %.0f ms, p99 <= %.0f ms", kTargetP50Ms, kTargetP99Ms);
    std::printf("  %-36s %8.2f %8.2f %8.2f   %s\n", "text-back: webhook sent -> carrier", textBack.p50,
                textBack.p99, textBack.max, target);
    std::printf("  %-36s %8.2f %8.2f %8s   %s\n", "text-back: relay histogram (approx.)",
                histogramQuantileMs(buckets, 0.50), histogramQuantileMs(buckets, 0.99), "-", target);
    std::printf("  %-36s %8.2f %8.2f %8.2f   %s\n", "webhook HTTP round trip (baseline)", roundTrip.p50,
                roundTrip.p99, roundTrip.max, "same rate, same run");
    std::printf("  %-36s %8.2f\n", "ratio text-back p50 / webhook p50",
                roundTrip.p50 > 0 ? textBack.p50 / roundTrip.p50 : 0);
    std::printf("  offered %.0f/s, sent %.0f/s; %d webhooks left > 5 ms after their slot (max %.1f ms)\n",
                options.rate, sendSeconds > 0 ? count / sendSeconds : 0, late,
                static_cast<double>(maxLateMicros) / 1000.0);
    std::printf("  relay histogram: %.0f observations, mean %.2f ms (webhook received -> carrier answered)\n",
                observed, observed > 0 && sumSeconds >= 0 ? sumSeconds / observed * 1000 : 0);
    std::printf("  (the stand-in stamps whole milliseconds: the first row is good to about 1 ms)\n");

    int status = 0;
    if (!stopped) {
        std::fprintf(stderr, "bench_textback: the relay did not stop on SIGTERM\n");
    }
    if (roundTripMs.size() != webhooks.size()) {
        std::fprintf(stderr, "bench_textback: %zu webhooks were not answered 200 (first: %s)\n",
                     webhooks.size() - roundTripMs.size(), firstFailure.c_str());
    }
    if (missing > 0 || duplicated > 0 || strangers > 0) {
        std::fprintf(stderr,
                     "bench_textback: %td calls got no text, %td got more than one, %d texts went to "
                     "numbers that did not call (of %lld texts)\n",
                     missing, duplicated, strangers, static_cast<long long>(texts.size()));
        status = 1;
    } else {
        std::printf("  verified: %d calls, %d texts, exactly one text per caller\n", count, count);
    }
    std::fflush(stdout);
    return status;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    Options options;
    if (!parseOptions(app.arguments(), options)) {
        std::fprintf(stderr,
                     "usage: bench_textback [--seconds S | --calls N] [--rate R] [--connections C] "
                     "[--sender-threads T]\n");
        return 2;
    }
    return runBenchmark(options);
}
