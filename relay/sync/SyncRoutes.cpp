#include "relay/sync/SyncRoutes.h"

#include "protocol/DeviceEnrollment.h"
#include "protocol/SyncEvents.h"
#include "protocol/SyncMutations.h"
#include "relay/automation/OutboundSender.h"
#include "relay/server/JsonLog.h"
#include "relay/server/JsonResponse.h"
#include "relay/server/Metrics.h"
#include "relay/server/RelayConfig.h"
#include "relay/server/RelayContext.h"
#include "relay/server/RequestBody.h"
#include "relay/server/RouteTable.h"
#include "relay/storage/EventLog.h"
#include "relay/storage/GroupCommitWriter.h"
#include "relay/storage/OrgDirectory.h"
#include "relay/storage/RelayDatabase.h"
#include "relay/sync/DeviceRegistry.h"
#include "relay/sync/EventNotifier.h"
#include "relay/sync/MutationApplier.h"

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/NumberParser.h>
#include <Poco/URI.h>

#include <charconv>

namespace callsnare::relay {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

namespace {

constexpr std::size_t DefaultPageSize = 500;
constexpr std::size_t MaxPageSize = 1000;
constexpr int MaxWaitSeconds = 30;
constexpr std::size_t MaxBatch = 100;
// Another replica's commits are not signalled here: re-read at least this often.
constexpr std::chrono::milliseconds PollInterval{1000};

Poco::Logger& logger()
{
    return Poco::Logger::get("callsnare.relay.sync");
}

domain::Instant nowUtc()
{
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

void sendText(HTTPServerResponse& response, HTTPResponse::HTTPStatus status, const std::string& json)
{
    response.setStatusAndReason(status);
    response.setContentType("application/json");
    response.setContentLength64(static_cast<Poco::Int64>(json.size()));
    response.sendBuffer(json.data(), json.size());
}

void sendStorageError(HTTPServerResponse& response, const domain::Error& error)
{
    logEvent(logger(), Poco::Message::PRIO_ERROR, "sync request failed in storage",
             {{"code", error.code}, {"reason", error.message}});
    sendError(response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "storage_unavailable",
              "The relay cannot reach its database right now; retry shortly.");
}

struct SyncServices {
    const RelayConfig& config;
    RelayDatabase& database;
    GroupCommitWriter& writer;
    OrgDirectory& directory;
    EventNotifier& notifier;
    const domain::TimeZoneConverter& zones;
    OutboundSender* sender;
};

class SyncHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit SyncHandler(SyncServices services)
        : m_services(services), m_devices(services.database, services.writer)
    {
    }

protected:
    // The device behind the request's bearer token; on failure answers 401.
    std::optional<DeviceIdentity> authenticate(HTTPServerRequest& request, HTTPServerResponse& response)
    {
        const std::string header = request.get("Authorization", "");
        constexpr std::string_view scheme = "Bearer ";
        if (header.size() <= scheme.size() || header.compare(0, scheme.size(), scheme) != 0) {
            response.set("WWW-Authenticate", "Bearer");
            sendError(response, HTTPResponse::HTTP_UNAUTHORIZED, "missing_token",
                      "Send the device token as 'Authorization: Bearer <token>'.");
            return std::nullopt;
        }
        auto device = m_devices.authenticate(std::string_view(header).substr(scheme.size()));
        if (!device) {
            if (device.error().code == "invalid_token") {
                response.set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                sendError(response, HTTPResponse::HTTP_UNAUTHORIZED, device.error().code,
                          device.error().message);
            } else {
                sendStorageError(response, device.error());
            }
            return std::nullopt;
        }
        m_devices.touch(device.value(), nowUtc());
        return std::move(device).value();
    }

    SyncServices m_services;
    DeviceRegistry m_devices;
};

class EnrollHandler : public SyncHandler {
public:
    using SyncHandler::SyncHandler;

    void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override
    {
        std::string body;
        if (!readBody(request, m_services.config.maxBodyBytes, body)) {
            sendError(response, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                      "The request body is too large.");
            return;
        }
        auto enrollment = protocol::decodeEnrollRequest(body);
        if (!enrollment) {
            sendError(response, HTTPResponse::HTTP_BAD_REQUEST, enrollment.error().code,
                      enrollment.error().message);
            return;
        }
        auto device = m_devices.enroll(enrollment->code, enrollment->deviceName, nowUtc());
        if (!device) {
            if (device.error().code == "invalid_code") {
                logEvent(logger(), Poco::Message::PRIO_WARNING, "enrollment refused",
                         {{"client", request.clientAddress().host().toString()}});
                sendError(response, HTTPResponse::HTTP_UNAUTHORIZED, device.error().code,
                          device.error().message);
            } else {
                sendStorageError(response, device.error());
            }
            return;
        }
        auto org = m_services.directory.findOrganization(device->orgId);
        if (!org || !*org) {
            sendStorageError(
                response, org ? domain::makeError("unknown_organization", "the org vanished") : org.error());
            return;
        }
        logEvent(logger(), Poco::Message::PRIO_INFORMATION, "device enrolled",
                 {{"org_id", device->orgId}, {"device_id", device->deviceId}});
        const auto& organization = (*org)->organization;
        sendText(response, HTTPResponse::HTTP_CREATED,
                 protocol::encodeEnrollResponse({device->deviceId, device->token, device->orgId,
                                                 organization.name, organization.timeZone}));
    }
};

// A query parameter as a bounded integer; on failure answers 400.
std::optional<std::int64_t> queryInteger(const Poco::URI::QueryParameters& query, const std::string& name,
                                         std::int64_t fallback, std::int64_t low, std::int64_t high,
                                         HTTPServerResponse& response)
{
    for (const auto& [key, text] : query) {
        if (key != name) {
            continue;
        }
        std::int64_t value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
            sendError(response, HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                      "The parameter " + name + " must be an integer from " + std::to_string(low) + " to "
                          + std::to_string(high) + ".");
            return std::nullopt;
        }
        return value;
    }
    return fallback;
}

class EventsHandler : public SyncHandler {
public:
    using SyncHandler::SyncHandler;

    void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override
    {
        const auto device = authenticate(request, response);
        if (!device) {
            return;
        }
        Poco::URI::QueryParameters query;
        try {
            query = Poco::URI(request.getURI()).getQueryParameters();
        } catch (const Poco::Exception&) {
            sendError(response, HTTPResponse::HTTP_BAD_REQUEST, "invalid_parameter",
                      "The query string is malformed.");
            return;
        }
        const auto after
            = queryInteger(query, "after", 0, 0, std::numeric_limits<std::int64_t>::max(), response);
        const auto limit
            = after ? queryInteger(query, "limit", DefaultPageSize, 1, MaxPageSize, response) : std::nullopt;
        auto wait = limit ? queryInteger(query, "wait", 0, 0, MaxWaitSeconds, response) : std::nullopt;
        if (!wait) {
            return;
        }
        // Beyond half the request threads, long-polls answer at once instead:
        // waiting devices must never starve the carrier's webhooks.
        const int waitSlots = std::max(1, m_services.config.maxThreads / 2);
        if (*wait > 0 && m_services.notifier.enterWait(waitSlots)) {
            read(*device, *after, static_cast<std::size_t>(*limit), std::chrono::seconds(*wait), response);
            m_services.notifier.leaveWait();
        } else {
            read(*device, *after, static_cast<std::size_t>(*limit), std::chrono::seconds(0), response);
        }
    }

private:
    void read(const DeviceIdentity& device, std::int64_t after, std::size_t limit, std::chrono::seconds wait,
              HTTPServerResponse& response)
    {
        const auto deadline = std::chrono::steady_clock::now() + wait;
        const EventLog log(m_services.database.dialect());
        for (;;) {
            // Taken before reading, so a commit between the read and the wait is not missed.
            const std::uint64_t generation = m_services.notifier.generation();
            std::vector<StoredEvent> events;
            std::int64_t lastSeq = 0;
            try {
                Poco::Data::Session session = m_services.database.reader();
                auto read = log.read(session, device.orgId, after, limit + 1);
                auto newest
                    = read ? log.lastSeq(session, device.orgId) : domain::Result<std::int64_t>(read.error());
                if (!newest) {
                    sendStorageError(response, newest.error());
                    return;
                }
                events = std::move(read).value();
                lastSeq = newest.value();
            } catch (const Poco::Exception& error) {
                sendStorageError(response, domain::makeError("database_unavailable", error.displayText()));
                return;
            }
            const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (!events.empty() || remaining.count() <= 0 || m_services.notifier.stopping()) {
                // What was read may have been committed but not yet flushed:
                // a device must never hold an event a power loss could undo.
                m_services.writer.awaitDurable();
                respond(device, events, limit, lastSeq, response);
                return;
            }
            m_services.notifier.waitForCommit(generation, std::min(remaining, PollInterval));
        }
    }

    static void respond(const DeviceIdentity& device, std::vector<StoredEvent>& events, std::size_t limit,
                        std::int64_t lastSeq, HTTPServerResponse& response)
    {
        const bool hasMore = events.size() > limit;
        if (hasMore) {
            events.resize(limit);
        }
        std::vector<protocol::EventRecord> records;
        records.reserve(events.size());
        for (auto& event : events) {
            records.push_back({event.seq, std::move(event.kind), event.createdAt, std::move(event.payload)});
        }
        sendText(response, HTTPResponse::HTTP_OK,
                 protocol::encodeEventPage(
                     {device.orgId, std::max(lastSeq, records.empty() ? 0 : records.back().seq), hasMore},
                     records));
    }
};

class MutationsHandler : public SyncHandler {
public:
    using SyncHandler::SyncHandler;

    void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override
    {
        const auto device = authenticate(request, response);
        if (!device) {
            return;
        }
        std::string body;
        if (!readBody(request, m_services.config.maxBodyBytes, body)) {
            sendError(response, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                      "The request body is too large; send fewer mutations per request.");
            return;
        }
        auto batch = protocol::decodeMutationBatch(body, MaxBatch);
        if (!batch) {
            sendError(response, HTTPResponse::HTTP_BAD_REQUEST, batch.error().code, batch.error().message);
            return;
        }
        // Submitted together, in order: they share commits and apply in the batch's order.
        const MutationApplier applier(m_services.database.dialect(), m_services.zones);
        std::vector<AppliedMutation> outcomes(batch->size());
        std::vector<std::future<domain::Result<void>>> done;
        done.reserve(batch->size());
        const domain::Instant at = nowUtc();
        for (std::size_t i = 0; i < batch->size(); ++i) {
            const DecodedMutation& item = (*batch)[i];
            AppliedMutation& outcome = outcomes[i];
            done.push_back(
                m_services.writer.submit([&](Poco::Data::Session& session) -> domain::Result<void> {
                    if (item.mutation) {
                        outcome = applier.apply(session, *device, item.mutation.value(), at);
                    } else {
                        outcome.result = applier.refuse(session, *device, item.id, item.mutation.error());
                    }
                    return {};
                }));
        }
        std::vector<Poco::JSON::Object::Ptr> results;
        for (std::size_t i = 0; i < done.size(); ++i) {
            const auto committed = done[i].get();
            if (!committed) {
                // Nothing of it was stored: the device sends it again later.
                protocol::MutationResult failed;
                failed.id = (*batch)[i].id;
                failed.status = 503;
                failed.error = domain::makeError("storage_unavailable",
                                                 "The relay could not store this change; "
                                                 "it will be sent again.");
                logEvent(logger(), Poco::Message::PRIO_ERROR, "mutation not stored",
                         {{"org_id", device->orgId}, {"reason", committed.error().message}});
                results.push_back(protocol::encodeMutationResult(failed));
                continue;
            }
            if ((*batch)[i].mutation && (*batch)[i].mutation->kind == "settings.change"
                && outcomes[i].result.applied()) {
                m_services.directory.forgetCached(); // the time zone a lookup returns may have changed
            }
            if (outcomes[i].sendNow && m_services.sender) {
                m_services.sender->dispatch({std::move(*outcomes[i].sendNow)});
            }
            results.push_back(protocol::encodeMutationResult(outcomes[i].result));
        }
        sendText(response, HTTPResponse::HTTP_OK, protocol::encodeMutationResults(results));
    }

private:
    using DecodedMutation = protocol::DecodedMutation;
};

} // namespace

void registerSyncRoutes(RouteTable& routes, RelayContext& context)
{
    if (!context.database || !context.writer || !context.directory || !context.notifier || !context.zones) {
        return;
    }
    const SyncServices services{context.config,    *context.database, *context.writer, *context.directory,
                                *context.notifier, *context.zones,    context.sender};
    routes.add("POST", "/v1/devices/enroll", [services] { return new EnrollHandler(services); });
    routes.add("GET", "/v1/sync/events", [services] { return new EventsHandler(services); });
    routes.add("POST", "/v1/sync/mutations", [services] { return new MutationsHandler(services); });
}

} // namespace callsnare::relay
