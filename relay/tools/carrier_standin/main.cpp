#include "relay/tools/carrier_standin/StandInApplication.h"

int main(int argc, char** argv)
{
    return callsnare::standin::StandInApplication::runFromCommandLine(argc, argv);
}
