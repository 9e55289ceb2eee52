#pragma once

namespace callsnare::relay {

class RouteTable;
struct RelayContext;

// GET /healthz (the process answers), GET /readyz (the database answers) and
// GET /metrics (Prometheus text format 0.0.4).
void registerOperationsRoutes(RouteTable& routes, RelayContext& context);

} // namespace callsnare::relay
