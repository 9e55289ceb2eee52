#pragma once

#include "relay/storage/OrgDirectory.h"
#include "relay/twilio/FormBody.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace callsnare::relay {

class Counter;
class GroupCommitWriter;
class RelayDatabase;
struct RelayConfig;
class Automation;
class OutboundSender;

// What the Twilio webhooks share: storage, configuration, metrics. Lives as
// long as the server (RelayContext's lifetime), so handlers keep references.
struct TwilioWebhookServices {
    const RelayConfig& config;
    RelayDatabase& database;
    GroupCommitWriter& writer;
    OrgDirectory& directory;
    // Automation in the ingest transaction and the sender that posts what it
    // queued; null where a server runs without automation (storage tests).
    const Automation* automation = nullptr;
    OutboundSender* sender = nullptr;
};

// Counters of one webhook route, looked up once at registration.
struct TwilioRouteCounters {
    Counter& signatureFailures;
    Counter& stored;
    Counter& duplicates;
};

// A verified webhook: the form and the organization it belongs to.
struct TwilioWebhook {
    FormBody form;
    CarrierRoute route;
    std::string path; // the registered route, for logs
    std::int64_t receivedMs = 0; // when the request arrived (Unix ms)
};

// The part every Twilio webhook shares, in the order that keeps a bad request
// from storing anything: a form-encoded body within the size limit, parsed
// strictly; the owning organization (MessagingServiceSid first, then our
// number + AccountSid); X-Twilio-Signature checked against that org's auth token over
// --public-url + the request URI. Only then does the route's handle() run.
// Every failure is answered in the relay's JSON error shape.
class TwilioWebhookHandler : public Poco::Net::HTTPRequestHandler {
public:
    TwilioWebhookHandler(TwilioWebhookServices services, TwilioRouteCounters counters, std::string path);

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) final;

protected:
    virtual void handle(const TwilioWebhook& webhook, Poco::Net::HTTPServerResponse& response) = 0;
    // The field carrying the org's own number: To for what homeowners send
    // us, From for callbacks about what we sent.
    virtual std::string_view ownNumberField() const { return "To"; }

    // Route helpers for handle().
    // The field's value, or answers 400 missing_field and returns nullopt.
    static std::optional<std::string_view> required(const FormBody& form, std::string_view name,
                                                    Poco::Net::HTTPServerResponse& response);
    // The first of `names` present, for fields Twilio sends under older names too.
    static std::optional<std::string_view> requiredAnyOf(const FormBody& form,
                                                         std::initializer_list<std::string_view> names,
                                                         Poco::Net::HTTPServerResponse& response);
    // Answers a storage failure (503 when the database is away or the relay
    // is stopping, 500 otherwise) and logs it.
    void sendStorageError(const domain::Error& error, Poco::Net::HTTPServerResponse& response) const;
    // Counts and logs a stored fact or a retry.
    void countFact(const TwilioWebhook& webhook, bool duplicate, std::string_view key) const;
    static void sendTwiml(Poco::Net::HTTPServerResponse& response, const std::string& xml);
    static void sendNoContent(Poco::Net::HTTPServerResponse& response);

    const TwilioWebhookServices m_services;
    const TwilioRouteCounters m_counters;
    const std::string m_path;

private:
    // The org owning the request, or answers the error and returns nullopt.
    std::optional<CarrierRoute> resolveOrganization(const FormBody& form,
                                                    Poco::Net::HTTPServerResponse& response,
                                                    OrgDirectory::Lookup lookup);
};

} // namespace callsnare::relay
