#pragma once

#include "relay/server/RouteTable.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <atomic>
#include <cstddef>
#include <string>
#include <unordered_map>

namespace callsnare::relay {

class Metrics;
class RouteMetrics;

// Routes each request through the RouteTable and wraps the chosen handler so
// that every request is measured, logged at debug level and answered in the
// JSON error shape when it fails: 404 unknown path, 405 wrong method (with
// Allow), 413 body over the limit, 500 when a handler throws.
class RequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    RequestHandlerFactory(const RouteTable& routes, Metrics& metrics, std::size_t maxBodyBytes);

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

    // Requests whose handler is running; the drain on shutdown waits for 0.
    int inFlight() const { return m_inFlight.load(); }

private:
    const RouteTable& m_routes;
    std::size_t m_maxBodyBytes;
    RouteMetrics& m_unmatched;
    std::unordered_map<std::string, RouteMetrics*> m_routeMetrics;
    std::atomic<int> m_inFlight{0};
};

} // namespace callsnare::relay
