#include "relay/server/Routes.h"

#include "relay/server/Metrics.h"
#include "relay/server/OperationsRoutes.h"
#include "relay/server/RelayContext.h"
#include "relay/sync/SyncRoutes.h"
#include "relay/twilio/TwilioWebhookRoutes.h"

namespace callsnare::relay {

void registerRoutes(RouteTable& routes, RelayContext& context)
{
    registerOperationsRoutes(routes, context);
    if (context.database && context.writer && context.directory) {
        registerTwilioRoutes(routes, context.metrics,
                             TwilioWebhookServices{context.config, *context.database, *context.writer,
                                                   *context.directory, context.automation, context.sender});
    }
    registerSyncRoutes(routes, context);
}

} // namespace callsnare::relay
