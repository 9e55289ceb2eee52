#include "relay/server/ServerProcess.h"

#include <csignal>
#include <filesystem>
#include <fstream>
#include <pthread.h>

namespace callsnare::relay {

void blockTerminationSignals()
{
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGQUIT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

bool writePortFile(const std::string& path, std::uint16_t port, std::string& error)
{
    std::error_code statusError;
    const auto status = std::filesystem::status(path, statusError);
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
        error = path + " exists and is not a regular file";
        return false;
    }
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << port << '\n';
        if (!out) {
            error = "cannot write " + temporary;
            return false;
        }
    }
    std::error_code renameError;
    std::filesystem::rename(temporary, path, renameError);
    if (renameError) {
        error = "cannot rename " + temporary + ": " + renameError.message();
        return false;
    }
    return true;
}

} // namespace callsnare::relay
