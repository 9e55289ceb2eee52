#include "relay/tools/carrier_standin/StandInApplication.h"

#include "relay/server/JsonLog.h"
#include "relay/server/ServerProcess.h"
#include "relay/tools/carrier_standin/StandInHandlerFactory.h"
#include "relay/tools/carrier_standin/StandInLedger.h"
#include "relay/tools/carrier_standin/StatusCallbackWorker.h"

#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionSet.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace callsnare::standin {

namespace {

constexpr int ExitUsage = 2;
constexpr int ExitOsError = 71;

Poco::Logger& standInLogger()
{
    return Poco::Logger::get("callsnare.standin");
}

std::string withoutTrailingSlash(std::string url)
{
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

} // namespace

int StandInApplication::runFromCommandLine(int argc, char** argv)
{
    relay::blockTerminationSignals();
    StandInApplication app;
    try {
        app.init(argc, argv);
    } catch (const Poco::Exception& error) {
        std::cerr << "callsnare-carrier-standin: " << error.displayText() << " (see --help)\n";
        return ExitUsage;
    }
    return app.run();
}

void StandInApplication::defineOptions(Poco::Util::OptionSet& options)
{
    Poco::Util::Application::defineOptions(options);
    using Poco::Util::Option;
    options.addOption(Option("help", "h", "show this help and exit"));
    options.addOption(Option("listen", "", "address to listen on (default 127.0.0.1:0, any free port)")
                          .argument("HOST:PORT"));
    options.addOption(
        Option("port-file", "", "file to write the bound port to once listening").argument("FILE"));
    options.addOption(Option("account", "", "an account it accepts (Basic auth) and signs webhooks for")
                          .repeatable(true)
                          .argument("SID:TOKEN"));
    options.addOption(Option("advanced-opt-out", "", "the account behaves as with Twilio Advanced Opt-Out")
                          .repeatable(true)
                          .argument("SID"));
    options.addOption(
        Option("service-number", "", "the number a Messaging Service sends from (status callbacks)")
            .repeatable(true)
            .argument("MG...:+E164"));
    options.addOption(Option("relay-url", "", "where inbound and call webhooks are posted").argument("URL"));
    options.addOption(
        Option("relay-public-url", "", "the base URL webhooks are signed over (default: --relay-url)")
            .argument("URL"));
}

void StandInApplication::handleOption(const std::string& name, const std::string& value)
{
    Poco::Util::Application::handleOption(name, value);
    std::string error;
    if (name == "help") {
        m_helpRequested = true;
        stopOptionsProcessing();
    } else if (name == "listen") {
        error = m_config.setListen(value);
    } else if (name == "port-file") {
        error = m_config.setPortFile(value);
    } else if (name == "account") {
        error = m_config.addAccount(value);
    } else if (name == "advanced-opt-out") {
        m_config.advancedOptOut.insert(value);
    } else if (name == "service-number") {
        error = m_config.addServiceNumber(value);
    } else if (name == "relay-url") {
        error = StandInConfig::checkUrl(value);
        if (!error.empty())
            error = "--relay-url: " + error;
        m_config.relayUrl = withoutTrailingSlash(value);
    } else if (name == "relay-public-url") {
        m_config.relayPublicUrl = withoutTrailingSlash(value);
    }
    if (!error.empty())
        m_errors.push_back(error);
}

int StandInApplication::main(const std::vector<std::string>& args)
{
    if (m_helpRequested) {
        Poco::Util::HelpFormatter help(options());
        help.setCommand("callsnare-carrier-standin");
        help.setUsage("[OPTIONS]");
        help.setHeader("A local stand-in for Twilio's Messages API and webhooks, for tests and the demo. "
                       "Control API under /_standin/ (see relay/tools/carrier_standin/README.md).");
        help.setUnixStyle(true);
        help.format(std::cout);
        return EXIT_OK;
    }
    if (!args.empty())
        m_errors.push_back("unexpected argument '" + args.front() + "'");
    for (const std::string& sid : m_config.advancedOptOut) {
        if (!m_config.tokenFor(sid))
            m_errors.push_back("--advanced-opt-out " + sid + ": not one of the --account values");
    }
    if (!m_errors.empty()) {
        for (const std::string& error : m_errors)
            std::cerr << "callsnare-carrier-standin: " << error << " (see --help)\n";
        return ExitUsage;
    }
    relay::installJsonLogging("information");
    return serve();
}

int StandInApplication::serve()
{
    Poco::Net::ServerSocket socket;
    try {
        socket
            = Poco::Net::ServerSocket(Poco::Net::SocketAddress(m_config.listenHost, m_config.listenPort), 64);
    } catch (const Poco::Exception& error) {
        relay::logEvent(
            standInLogger(), Poco::Message::PRIO_FATAL, "cannot listen",
            {{"host", m_config.listenHost}, {"port", m_config.listenPort}, {"error", error.displayText()}});
        return ExitOsError;
    }
    const std::uint16_t port = socket.address().port();

    StandInLedger ledger;
    StatusCallbackWorker callbacks(m_config, ledger);
    callbacks.start();
    const StandInServices services{m_config, ledger, callbacks};

    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(16);
    params->setMaxQueued(64);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(5, 0));
    params->setSoftwareVersion("callsnare-carrier-standin");
    Poco::ThreadPool pool(1, 16, 60);
    Poco::Net::HTTPServer server(new StandInHandlerFactory(services), pool, socket, params);
    server.start();

    if (!m_config.portFile.empty()) {
        std::string why;
        if (!relay::writePortFile(m_config.portFile, port, why)) {
            relay::logEvent(standInLogger(), Poco::Message::PRIO_FATAL, "cannot write the port file",
                            {{"error", why}});
            server.stopAll(true);
            pool.joinAll();
            return ExitOsError;
        }
    }
    relay::logEvent(standInLogger(), Poco::Message::PRIO_INFORMATION, "listening",
                    {{"host", m_config.listenHost},
                     {"port", port},
                     {"accounts", static_cast<int>(m_config.accounts.size())},
                     {"relay_url", m_config.relayUrl},
                     {"relay_public_url", m_config.signedBaseUrl()}});

    waitForTerminationRequest();

    // Close the listener and every connection; handlers in progress (a
    // delayed fault) still finish, the queued callbacks are dropped.
    server.stopAll(true);
    pool.joinAll();
    const std::size_t dropped = callbacks.stop();
    relay::logEvent(standInLogger(), Poco::Message::PRIO_INFORMATION, "stopped",
                    {{"callbacks_dropped", static_cast<int>(dropped)}});
    return EXIT_OK;
}

} // namespace callsnare::standin
