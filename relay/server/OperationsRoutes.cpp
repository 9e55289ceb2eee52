#include "relay/server/OperationsRoutes.h"

#include "relay/server/JsonResponse.h"
#include "relay/server/Metrics.h"
#include "relay/server/RelayContext.h"
#include "relay/server/RouteTable.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

namespace callsnare::relay {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

namespace {

class HealthHandler : public Poco::Net::HTTPRequestHandler {
public:
    void handleRequest(HTTPServerRequest&, HTTPServerResponse& response) override
    {
        Poco::JSON::Object body;
        body.set("status", "ok");
        sendJson(response, HTTPResponse::HTTP_OK, body);
    }
};

class ReadinessHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit ReadinessHandler(const RelayContext& context) : m_context(context) { }

    void handleRequest(HTTPServerRequest&, HTTPServerResponse& response) override
    {
        std::string why;
        if (!m_context.databaseReady) {
            why = "No database is attached to the relay.";
        } else if (m_context.databaseReady(&why)) {
            Poco::JSON::Object body;
            body.set("status", "ready");
            sendJson(response, HTTPResponse::HTTP_OK, body);
            return;
        }
        if (why.empty())
            why = "The database is not reachable.";
        sendError(response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "not_ready", why);
    }

private:
    const RelayContext& m_context;
};

class MetricsHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit MetricsHandler(const Metrics& metrics) : m_metrics(metrics) { }

    void handleRequest(HTTPServerRequest&, HTTPServerResponse& response) override
    {
        const std::string text = m_metrics.render();
        response.setStatusAndReason(HTTPResponse::HTTP_OK);
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setContentLength64(static_cast<Poco::Int64>(text.size()));
        response.sendBuffer(text.data(), text.size());
    }

private:
    const Metrics& m_metrics;
};

} // namespace

void registerOperationsRoutes(RouteTable& routes, RelayContext& context)
{
    routes.add("GET", "/healthz", [] { return new HealthHandler; });
    routes.add("GET", "/readyz", [&context] { return new ReadinessHandler(context); });
    routes.add("GET", "/metrics", [&context] { return new MetricsHandler(context.metrics); });
}

} // namespace callsnare::relay
