#pragma once

namespace callsnare::relay {

class RouteTable;
struct RelayContext;

// The sync API desktops use (docs/sync-protocol.md):
//   POST /v1/devices/enroll   an enrollment code for a device token
//   GET  /v1/sync/events      the org's events after a cursor, long-polled
//   POST /v1/sync/mutations   dispatcher actions, applied exactly once
// Every route but enrollment takes "Authorization: Bearer <device token>"
// and only ever sees the token's organization.
void registerSyncRoutes(RouteTable& routes, RelayContext& context);

} // namespace callsnare::relay
