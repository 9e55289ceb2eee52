#pragma once

#include "relay/server/RelayConfig.h"

#include <Poco/Util/ServerApplication.h>

#include <string>
#include <vector>

namespace callsnare::relay {

// callsnare-relay serve: resolves the configuration (flags > CALLSNARE_RELAY_*
// > config file > defaults), serves HTTP(S) until SIGTERM or SIGINT, then
// drains requests in flight and exits 0.
//
// Exit codes: 0 after a clean stop or --help, kExitUsage (2) for bad flags or
// settings, 70 (EX_SOFTWARE) for an unexpected failure, 71 (EX_OSERR) when the
// address cannot be bound, or the data dir, database or secrets key is unusable.
class RelayApplication : public Poco::Util::ServerApplication {
public:
    // Blocks the termination signals for every thread (so only the waiting
    // main thread receives them), parses argv and runs the server.
    static int runFromCommandLine(int argc, char** argv);

protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    void handleOption(const std::string& name, const std::string& value) override;
    int main(const std::vector<std::string>& args) override;

private:
    int serve(const RelayConfig& config);
    void printHelp() const;

    SettingValues m_flags;
    bool m_helpRequested = false;
};

} // namespace callsnare::relay
