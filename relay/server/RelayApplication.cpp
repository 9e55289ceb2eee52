#include "relay/server/RelayApplication.h"

#include "relay/automation/Automation.h"
#include "relay/automation/OutboundSender.h"
#include "relay/server/JsonLog.h"
#include "relay/server/Metrics.h"
#include "relay/server/RelayContext.h"
#include "relay/server/RequestHandlerFactory.h"
#include "relay/server/RouteTable.h"
#include "relay/server/Routes.h"
#include "relay/server/ServerProcess.h"
#include "relay/storage/GroupCommitWriter.h"
#include "relay/storage/OrgDirectory.h"
#include "relay/storage/RelayDatabase.h"
#include "relay/storage/SecretBox.h"
#include "relay/sync/EventNotifier.h"
#include "relay/time/ZoneinfoConverter.h"
#include "relay/twilio/TwilioWebhookRoutes.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Thread.h>
#include <Poco/ThreadPool.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionSet.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace callsnare::relay {

namespace {

constexpr int kExitSoftware = 70;
constexpr int kExitOsError = 71;

Poco::Logger& serverLogger()
{
    // Logger::get() takes a process-wide lock: look it up once.
    static Poco::Logger& instance = Poco::Logger::get("callsnare.relay.server");
    return instance;
}

// The scheme only: a PostgreSQL URI may carry a password.
std::string databaseKind(const std::string& uri)
{
    return uri.substr(0, uri.find(':'));
}

Poco::Net::ServerSocket bindSocket(const RelayConfig& config)
{
    const Poco::Net::SocketAddress address(config.listenHost, config.listenPort);
    constexpr int backlog = 128;
    if (!config.tlsEnabled())
        return Poco::Net::ServerSocket(address, backlog);
    Poco::Net::Context::Ptr context
        = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, config.tlsKey, config.tlsCertificate, "",
                                 Poco::Net::Context::VERIFY_NONE);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    return Poco::Net::SecureServerSocket(address, backlog, context);
}

} // namespace

int RelayApplication::runFromCommandLine(int argc, char** argv)
{
    blockTerminationSignals();
    RelayApplication app;
    try {
        app.init(argc, argv);
    } catch (const Poco::Util::OptionException& error) {
        std::cerr << "callsnare-relay: " << error.displayText() << " (see --help)\n";
        return kExitUsage;
    } catch (const Poco::Exception& error) {
        std::cerr << "callsnare-relay: " << error.displayText() << '\n';
        return kExitUsage;
    }
    return app.run();
}

void RelayApplication::defineOptions(Poco::Util::OptionSet& options)
{
    // ServerApplication's own --daemon/--pidfile are left out: the relay runs
    // in the foreground under systemd or a container runtime.
    Poco::Util::Application::defineOptions(options);
    options.addOption(
        Poco::Util::Option("help", "h", "show this help and exit").required(false).repeatable(false));
    for (const SettingSpec& spec : RelayConfig::settings()) {
        options.addOption(Poco::Util::Option(spec.flag, "", spec.description)
                              .required(false)
                              .repeatable(false)
                              .argument(spec.argument));
    }
}

void RelayApplication::handleOption(const std::string& name, const std::string& value)
{
    Poco::Util::Application::handleOption(name, value);
    if (name == "help") {
        m_helpRequested = true;
        stopOptionsProcessing();
        return;
    }
    for (const SettingSpec& spec : RelayConfig::settings()) {
        if (spec.flag == name)
            m_flags[spec.key] = value;
    }
}

void RelayApplication::printHelp() const
{
    Poco::Util::HelpFormatter help(options());
    help.setCommand("callsnare-relay");
    help.setUsage("[OPTIONS] | admin ...");
    help.setHeader("The CallSnare relay: carrier webhooks, sync and booking APIs. Every option can also be "
                   "set in the --config file (key as listed in the docs) or as CALLSNARE_RELAY_<KEY>.");
    help.setUnixStyle(true);
    help.format(std::cout);
}

int RelayApplication::main(const std::vector<std::string>& args)
{
    if (m_helpRequested) {
        printHelp();
        return EXIT_OK;
    }
    if (!args.empty()) {
        std::cerr << "callsnare-relay: unexpected argument '" << args.front() << "' (see --help)\n";
        return kExitUsage;
    }

    ConfigSources sources;
    sources.flags = m_flags;
    sources.environment
        = RelayConfig::fromEnvironment([](const std::string& name) -> std::optional<std::string> {
              const char* value = std::getenv(name.c_str());
              return value ? std::optional<std::string>(value) : std::nullopt;
          });
    const auto flagFile = sources.flags.find("config");
    const auto envFile = sources.environment.find("config");
    const std::string configFile = flagFile != sources.flags.end() ? flagFile->second
        : envFile != sources.environment.end()                     ? envFile->second
                                                                   : std::string();
    if (!configFile.empty()) {
        auto file = RelayConfig::readFile(configFile);
        if (!file) {
            std::cerr << "callsnare-relay: " << file.error().message << '\n';
            return kExitUsage;
        }
        sources.file = std::move(file.value());
    }
    auto config = RelayConfig::resolve(sources);
    if (!config) {
        std::cerr << "callsnare-relay: " << config.error().message << '\n';
        return kExitUsage;
    }

    installJsonLogging(config->logLevel);
    try {
        return serve(*config);
    } catch (const std::exception& error) {
        logEvent(serverLogger(), Poco::Message::PRIO_FATAL, "relay failed", {{"error", error.what()}});
        return kExitSoftware;
    }
}

int RelayApplication::serve(const RelayConfig& config)
{
    std::error_code dirError;
    std::filesystem::create_directories(config.dataDir, dirError);
    if (dirError) {
        logEvent(serverLogger(), Poco::Message::PRIO_FATAL, "cannot create the data dir",
                 {{"data_dir", config.dataDir}, {"error", dirError.message()}});
        return kExitOsError;
    }

    // Storage before the socket: a relay that cannot store must never look
    // like it listens (no port file, no "listening" line).
    DatabaseOptions databaseOptions;
    databaseOptions.dataDir = config.dataDir;
    databaseOptions.databaseUri = config.databaseUri();
    // Every request thread and every sender thread (plus its poller) may hold a reader at once.
    databaseOptions.maxReaderSessions
        = std::max(databaseOptions.maxReaderSessions, config.maxThreads + config.senderThreads + 1);
    auto opened = RelayDatabase::open(databaseOptions);
    if (!opened) {
        logEvent(
            serverLogger(), Poco::Message::PRIO_FATAL, "cannot open the database",
            {{"database", databaseKind(databaseOptions.databaseUri)}, {"error", opened.error().message}});
        return kExitOsError;
    }
    // Destroyed in reverse order on every return: the writer stops before the database closes.
    const std::unique_ptr<RelayDatabase> database = std::move(opened).value();
    EventNotifier notifier;
    GroupCommitOptions writerOptions;
    writerOptions.afterCommit = [&notifier] { notifier.committed(); };
    auto started = GroupCommitWriter::start(*database, writerOptions);
    if (!started) {
        logEvent(serverLogger(), Poco::Message::PRIO_FATAL, "cannot start the database writer",
                 {{"database", database->description()}, {"error", started.error().message}});
        return kExitOsError;
    }
    const std::unique_ptr<GroupCommitWriter> writer = std::move(started).value();
    auto secrets = SecretBox::load(config.dataDir);
    if (!secrets) {
        logEvent(serverLogger(), Poco::Message::PRIO_FATAL, "cannot load the secrets key",
                 {{"data_dir", config.dataDir}, {"error", secrets.error().message}});
        return kExitOsError;
    }
    OrgDirectory directory(*database, *writer, std::move(secrets).value());

    // HTTPS serving, or texts sent to an https:// carrier API.
    const bool usesTls = config.tlsEnabled() || config.twilioApiBase.starts_with("https://");
    if (usesTls)
        Poco::Net::initializeSSL();
    Poco::Net::ServerSocket socket;
    try {
        socket = bindSocket(config);
    } catch (const Poco::Net::SSLException& error) {
        logEvent(serverLogger(), Poco::Message::PRIO_FATAL, "cannot load the TLS certificate or key",
                 {{"error", error.displayText()}});
        return kExitUsage;
    } catch (const Poco::Exception& error) {
        logEvent(serverLogger(), Poco::Message::PRIO_FATAL, "cannot listen",
                 {{"listen", config.listenHost + ":" + std::to_string(config.listenPort)},
                  {"error", error.displayText()}});
        return kExitOsError;
    }
    const std::uint16_t port = socket.address().port();
    // With --listen HOST:0 the derived public URL needs the port the system picked.
    RelayConfig effective = config;
    effective.listenPort = port;

    Metrics metrics;
    const ZoneinfoConverter zones;
    const Automation automation(database->dialect(), zones);
    SenderOptions senderOptions;
    senderOptions.twilioApiBase = config.twilioApiBase;
    senderOptions.statusCallbackUrl = effective.publicBaseUrl() + TwilioPaths::SmsStatus;
    senderOptions.threads = config.senderThreads;
    // One SQLite relay is the only writer: what an earlier run left claimed is ours.
    senderOptions.takeOverClaimsAtStart = database->dialect() == SqlDialect::Sqlite;
    OutboundSender sender(*writer, directory, database->dialect(), zones, metrics, senderOptions);
    metrics.setGauge("callsnare_outbound_backlog", "Texts handed to the sender and not yet finished.",
                     [&sender] { return static_cast<double>(sender.backlog()); });
    RelayContext context{effective, metrics, {}};
    context.databaseReady = [&database](std::string* why) { return database->ready(why); };
    context.database = database.get();
    context.writer = writer.get();
    context.directory = &directory;
    context.automation = &automation;
    context.sender = &sender;
    context.notifier = &notifier;
    context.zones = &zones;
    RouteTable routes;
    registerRoutes(routes, context);

    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(config.maxThreads);
    params->setMaxQueued(config.maxQueued);
    params->setKeepAlive(config.keepAlive);
    params->setKeepAliveTimeout(Poco::Timespan(5, 0));
    params->setMaxKeepAliveRequests(1000);
    params->setTimeout(Poco::Timespan(30, 0));
    params->setSoftwareVersion("callsnare-relay");

    // Our own pool, sized to maxThreads: the default pool caps at 16 threads.
    Poco::ThreadPool pool(1, config.maxThreads, 60);
    // The server owns the factory; the raw pointer stays valid until the server is destroyed.
    auto* factory = new RequestHandlerFactory(routes, metrics, config.maxBodyBytes);
    Poco::Net::HTTPServer server(Poco::Net::HTTPRequestHandlerFactory::Ptr(factory), pool, socket, params);
    server.start();
    sender.start();

    // How well requests share commits: units per commit is the group size.
    metrics.setGauge("callsnare_storage_commits", "Durable write transactions committed since start.",
                     [&writer] { return static_cast<double>(writer->commitCount()); });
    metrics.setGauge("callsnare_storage_write_units",
                     "Write units (webhook facts, admin writes) completed since start.",
                     [&writer] { return static_cast<double>(writer->unitCount()); });
    metrics.setGauge("callsnare_storage_writer_busy_seconds",
                     "Seconds the writer thread spent writing batches (units and commits).",
                     [&writer] { return writer->busySeconds(); });
    metrics.setGauge("callsnare_storage_writer_cpu_seconds", "CPU seconds used by the writer thread.",
                     [&writer] { return writer->cpuSeconds(); });
    metrics.setGauge("callsnare_storage_commit_seconds",
                     "Seconds the writer thread spent in COMMIT (on PostgreSQL, until durable).",
                     [&writer] { return writer->commitSeconds(); });
    metrics.setGauge("callsnare_storage_flush_seconds",
                     "Seconds spent making SQLite commits durable (syncing the write-ahead log).",
                     [&writer] { return writer->flushSeconds(); });
    metrics.setGauge("callsnare_http_queue_depth", "Accepted connections waiting for a request thread.",
                     [&server] { return static_cast<double>(server.queuedConnections()); });
    metrics.setGauge("callsnare_http_connections_active", "Connections being served by a request thread.",
                     [&server] { return static_cast<double>(server.currentConnections()); });
    metrics.setGauge("callsnare_http_requests_in_flight", "Requests whose handler is running.",
                     [factory] { return static_cast<double>(factory->inFlight()); });

    if (!config.portFile.empty()) {
        std::string why;
        if (!writePortFile(config.portFile, port, why)) {
            logEvent(serverLogger(), Poco::Message::PRIO_FATAL, "cannot write the port file",
                     {{"error", why}});
            server.stopAll(true);
            pool.joinAll();
            return kExitOsError;
        }
    }
    logEvent(serverLogger(), Poco::Message::PRIO_INFORMATION, "listening",
             {{"host", config.listenHost},
              {"port", port},
              {"tls", config.tlsEnabled()},
              {"public_url", effective.publicBaseUrl()},
              {"database", database->description()},
              {"max_threads", config.maxThreads},
              {"max_queued", config.maxQueued}});

    waitForTerminationRequest();

    logEvent(serverLogger(), Poco::Message::PRIO_INFORMATION, "draining",
             {{"in_flight", factory->inFlight()}, {"timeout_ms", config.drainTimeout.count()}});
    // Stop accepting; keep-alive connections close after their current request.
    server.stopAll(false);
    // Long-polls answer now with what they have.
    notifier.shutdown();
    const auto deadline = std::chrono::steady_clock::now() + config.drainTimeout;
    while (factory->inFlight() > 0 && std::chrono::steady_clock::now() < deadline)
        Poco::Thread::sleep(10);
    const int abandoned = factory->inFlight();
    // Idle keep-alive connections would otherwise wait for their timeout.
    server.stopAll(true);
    const auto grace = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (server.currentConnections() > 0 && std::chrono::steady_clock::now() < grace)
        Poco::Thread::sleep(10);

    metrics.removeGauge("callsnare_http_queue_depth");
    metrics.removeGauge("callsnare_http_connections_active");
    metrics.removeGauge("callsnare_http_requests_in_flight");
    if (server.currentConnections() > 0) {
        // A handler stuck outside the network; waiting longer would hang the
        // stop. Leave without running destructors that it might still use.
        logEvent(serverLogger(), Poco::Message::PRIO_ERROR, "requests did not finish; exiting anyway",
                 {{"connections", server.currentConnections()}});
        std::_Exit(kExitSoftware);
    }
    pool.joinAll();
    // Texts in flight finish and record their outcome; the rest wait in storage.
    sender.stop();
    metrics.removeGauge("callsnare_outbound_backlog");
    // Only now: a draining request may still have been waiting on a commit.
    writer->stop();
    if (abandoned > 0)
        logEvent(serverLogger(), Poco::Message::PRIO_WARNING, "drain timed out; requests were aborted",
                 {{"aborted", abandoned}});
    logEvent(serverLogger(), Poco::Message::PRIO_INFORMATION, "stopped");
    if (usesTls)
        Poco::Net::uninitializeSSL();
    return EXIT_OK;
}

} // namespace callsnare::relay
