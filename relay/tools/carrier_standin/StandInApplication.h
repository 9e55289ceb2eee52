#pragma once

#include "relay/tools/carrier_standin/StandInConfig.h"

#include <Poco/Util/ServerApplication.h>

#include <string>
#include <vector>

namespace callsnare::standin {

// callsnare-carrier-standin: a local server speaking Twilio's wire format for
// tests and the demo, never for production. Serves until SIGTERM or SIGINT.
// Exit codes: 0 after a clean stop or --help, 2 for bad flags, 71 when the
// address cannot be bound or the port file cannot be written.
class StandInApplication : public Poco::Util::ServerApplication {
public:
    static int runFromCommandLine(int argc, char** argv);

protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    void handleOption(const std::string& name, const std::string& value) override;
    int main(const std::vector<std::string>& args) override;

private:
    int serve();

    StandInConfig m_config;
    std::vector<std::string> m_errors;
    bool m_helpRequested = false;
};

} // namespace callsnare::standin
