#include "relay/server/RequestHandlerFactory.h"

#include "relay/server/JsonLog.h"
#include "relay/server/JsonResponse.h"
#include "relay/server/Metrics.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include <array>
#include <chrono>
#include <cmath>
#include <istream>
#include <memory>

namespace callsnare::relay {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

namespace {

Poco::Logger& httpLogger()
{
    // Logger::get() takes a process-wide lock: look it up once.
    static Poco::Logger& instance = Poco::Logger::get("callsnare.relay.http");
    return instance;
}

// Answers a request the router refused. A body the client is still sending is
// read and discarded first (up to a cap): closing a socket with unread input
// makes the kernel reset the connection, and the client would lose the answer.
class RefusalHandler : public Poco::Net::HTTPRequestHandler {
public:
    RefusalHandler(HTTPResponse::HTTPStatus status, std::string code, std::string message, std::string allow,
                   std::size_t discardLimit)
        : m_status(status), m_code(std::move(code)), m_message(std::move(message)), m_allow(std::move(allow)),
          m_discardLimit(discardLimit)
    {
    }

    void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override
    {
        if (!discardBody(request))
            response.setKeepAlive(false);
        if (!m_allow.empty())
            response.set("Allow", m_allow);
        sendError(response, m_status, m_code, m_message);
    }

private:
    // True when the whole body was read, so the connection can be reused.
    bool discardBody(HTTPServerRequest& request) const
    {
        const bool chunked = request.getChunkedTransferEncoding();
        const Poco::Int64 length = request.getContentLength64();
        if (!chunked && length <= 0)
            return true;
        if (!chunked && length > static_cast<Poco::Int64>(m_discardLimit))
            return false;
        std::istream& stream = request.stream();
        std::array<char, 8192> buffer{};
        std::size_t total = 0;
        while (total <= m_discardLimit) {
            stream.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            const auto got = static_cast<std::size_t>(stream.gcount());
            if (got == 0)
                return stream.eof();
            total += got;
        }
        return false;
    }

    HTTPResponse::HTTPStatus m_status;
    std::string m_code;
    std::string m_message;
    std::string m_allow;
    std::size_t m_discardLimit;
};

// Measures, logs and guards one request's handler.
class MeasuredHandler : public Poco::Net::HTTPRequestHandler {
public:
    MeasuredHandler(Poco::Net::HTTPRequestHandler* inner, RouteMetrics& metrics, std::atomic<int>& inFlight)
        : m_inner(inner), m_metrics(metrics), m_inFlight(inFlight)
    {
        m_inFlight.fetch_add(1);
    }

    ~MeasuredHandler() override { m_inFlight.fetch_sub(1); }

    void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override
    {
        const auto started = std::chrono::steady_clock::now();
        // A chunked body may be longer than any limit; rather than read it to
        // the end after the answer, such a connection is not reused.
        if (request.getChunkedTransferEncoding())
            response.setKeepAlive(false);
        try {
            m_inner->handleRequest(request, response);
            if (response.getKeepAlive())
                drainBody(request, response);
        } catch (const std::exception& error) {
            logEvent(
                httpLogger(), Poco::Message::PRIO_ERROR, "request handler failed",
                {{"route", m_metrics.route()}, {"method", request.getMethod()}, {"error", error.what()}});
            if (!response.sent()) {
                response.setKeepAlive(false);
                sendError(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal_error",
                          "The relay could not handle the request.");
            }
        }
        const double seconds
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const int status = static_cast<int>(response.getStatus());
        m_metrics.observe(request.getMethod(), status, seconds);
        logEvent(httpLogger(), Poco::Message::PRIO_DEBUG, "request",
                 {{"route", m_metrics.route()},
                  {"method", request.getMethod()},
                  {"status", status},
                  {"duration_ms", std::round(seconds * 1e6) / 1000.0}});
    }

private:
    // Reads what the handler left of a fixed-length body (at most the limit,
    // checked before routing) so the next request on the connection parses.
    static void drainBody(HTTPServerRequest& request, HTTPServerResponse&)
    {
        if (request.getContentLength64() <= 0)
            return;
        std::istream& stream = request.stream();
        std::array<char, 4096> buffer{};
        while (stream.read(buffer.data(), static_cast<std::streamsize>(buffer.size())))
            ;
    }

    std::unique_ptr<Poco::Net::HTTPRequestHandler> m_inner;
    RouteMetrics& m_metrics;
    std::atomic<int>& m_inFlight;
};

} // namespace

RequestHandlerFactory::RequestHandlerFactory(const RouteTable& routes, Metrics& metrics,
                                             std::size_t maxBodyBytes)
    : m_routes(routes), m_maxBodyBytes(maxBodyBytes), m_unmatched(metrics.route("unmatched"))
{
    // Resolved once: the table is fixed after startup, so requests look up
    // their statistics without taking the registry's lock.
    for (const std::string& path : routes.paths())
        m_routeMetrics.emplace(path, &metrics.route(path));
}

Poco::Net::HTTPRequestHandler* RequestHandlerFactory::createRequestHandler(const HTTPServerRequest& request)
{
    // Bodies a little over the limit are discarded rather than left unread.
    const std::size_t discardLimit = m_maxBodyBytes + 1024 * 1024;
    const auto refuse = [&](RouteMetrics& metrics, HTTPResponse::HTTPStatus status, std::string code,
                            std::string message, std::string allow = {}) {
        return new MeasuredHandler(
            new RefusalHandler(status, std::move(code), std::move(message), std::move(allow), discardLimit),
            metrics, m_inFlight);
    };

    std::string path;
    try {
        path = Poco::URI(request.getURI()).getPath();
    } catch (const Poco::Exception&) {
        return refuse(m_unmatched, HTTPResponse::HTTP_BAD_REQUEST, "bad_request",
                      "The request URI is malformed.");
    }

    const RouteTable::Lookup lookup = m_routes.find(request.getMethod(), path);
    if (lookup.outcome == RouteTable::Outcome::NotFound)
        return refuse(m_unmatched, HTTPResponse::HTTP_NOT_FOUND, "not_found", "No such resource.");

    RouteMetrics& routeMetrics = *m_routeMetrics.at(lookup.route);
    // Before the method check: an oversized body is refused the same way on every route.
    if (request.getContentLength64() > static_cast<Poco::Int64>(m_maxBodyBytes)) {
        return refuse(routeMetrics, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                      "The request body exceeds " + std::to_string(m_maxBodyBytes) + " bytes.");
    }
    if (lookup.outcome == RouteTable::Outcome::MethodNotAllowed) {
        return refuse(routeMetrics, HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
                      "This resource does not accept " + request.getMethod() + ".", lookup.allow);
    }
    return new MeasuredHandler((*lookup.make)(), routeMetrics, m_inFlight);
}

} // namespace callsnare::relay
