#pragma once

namespace callsnare::relay {

class RouteTable;
struct RelayContext;

// Fills the relay's route table: the one place where each module's
// register*Routes(RouteTable&, RelayContext&) is called.
void registerRoutes(RouteTable& routes, RelayContext& context);

} // namespace callsnare::relay
