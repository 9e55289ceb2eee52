#include "relay/admin/AdminCommand.h"
#include "relay/server/RelayApplication.h"

#include <string_view>

int main(int argc, char** argv)
{
    if (argc > 1 && std::string_view(argv[1]) == "admin")
        return callsnare::relay::runAdmin(argc, argv);
    return callsnare::relay::RelayApplication::runFromCommandLine(argc, argv);
}
