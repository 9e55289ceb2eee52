#include "relay/twilio/TwilioWebhookHandler.h"

#include "domain/PhoneNumber.h"
#include "relay/automation/OutboundQueue.h"
#include "relay/server/JsonLog.h"
#include "relay/server/JsonResponse.h"
#include "relay/server/Metrics.h"
#include "relay/server/RelayConfig.h"
#include "relay/server/RequestBody.h"
#include "relay/twilio/TwilioSignature.h"

#include <Poco/Logger.h>
#include <Poco/Net/MediaType.h>
#include <Poco/String.h>

namespace callsnare::relay {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

namespace {

Poco::Logger& logger()
{
    // Logger::get() takes a process-wide lock: look it up once.
    static Poco::Logger& instance = Poco::Logger::get("callsnare.relay.twilio");
    return instance;
}

bool isFormEncoded(const HTTPServerRequest& request)
{
    if (!request.has("Content-Type")) {
        return false;
    }
    try {
        const Poco::Net::MediaType type(request.getContentType());
        return Poco::icompare(type.getType(), "application") == 0
            && Poco::icompare(type.getSubType(), "x-www-form-urlencoded") == 0;
    } catch (const Poco::Exception&) {
        return false;
    }
}

} // namespace

TwilioWebhookHandler::TwilioWebhookHandler(TwilioWebhookServices services, TwilioRouteCounters counters,
                                           std::string path)
    : m_services(services), m_counters(counters), m_path(std::move(path))
{
}

void TwilioWebhookHandler::handleRequest(HTTPServerRequest& request, HTTPServerResponse& response)
{
    const std::int64_t receivedMs = nowMillis();
    if (!isFormEncoded(request)) {
        sendError(response, HTTPResponse::HTTP_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                  "Twilio webhooks must be sent as application/x-www-form-urlencoded.");
        return;
    }
    std::string raw;
    if (!readBody(request, m_services.config.maxBodyBytes, raw)) {
        response.setKeepAlive(false);
        sendError(response, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                  "The request body is larger than " + std::to_string(m_services.config.maxBodyBytes)
                      + " bytes.");
        return;
    }
    auto form = FormBody::parse(raw, m_services.config.maxBodyBytes);
    if (!form) {
        const bool tooLarge = form.error().code == "body_too_large";
        sendError(response,
                  tooLarge ? HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE : HTTPResponse::HTTP_BAD_REQUEST,
                  form.error().code, form.error().message);
        return;
    }

    std::optional<CarrierRoute> route = resolveOrganization(*form, response, OrgDirectory::Lookup::Cached);
    if (!route) {
        return;
    }

    // Twilio signs the URL it called: our public base plus the path and query.
    const std::string signedUrl = m_services.config.publicBaseUrl() + request.getURI();
    const std::string signature = request.get("X-Twilio-Signature", "");
    bool valid = TwilioSignature::isValid(route->authToken, signedUrl, form->params(), signature);
    if (!valid) {
        // The kept route may predate a token the admin CLI just set: judge by what is stored.
        route = resolveOrganization(*form, response, OrgDirectory::Lookup::Fresh);
        if (!route) {
            return;
        }
        valid = TwilioSignature::isValid(route->authToken, signedUrl, form->params(), signature);
    }
    if (!valid) {
        m_counters.signatureFailures.increment();
        logEvent(logger(), Poco::Message::PRIO_WARNING, "twilio signature refused",
                 {{"route", m_path}, {"org_id", route->orgId}, {"signature_present", !signature.empty()}});
        sendError(response, HTTPResponse::HTTP_FORBIDDEN, "invalid_signature",
                  "The X-Twilio-Signature header does not match this request.");
        return;
    }

    handle(TwilioWebhook{std::move(form).value(), std::move(*route), m_path, receivedMs}, response);
}

std::optional<CarrierRoute> TwilioWebhookHandler::resolveOrganization(const FormBody& form,
                                                                      HTTPServerResponse& response,
                                                                      OrgDirectory::Lookup lookup)
{
    const auto storageFailed = [&](const domain::Error& error) {
        sendStorageError(error, response);
        return std::nullopt;
    };

    const std::string_view service = form.valueOr("MessagingServiceSid");
    if (!service.empty()) {
        auto found = m_services.directory.findByMessagingService(service, lookup);
        if (!found) {
            return storageFailed(found.error());
        }
        if (*found) {
            return std::move(found).value();
        }
        // A service we do not know: the number may still be ours.
    }

    const std::string_view numberField = ownNumberField();
    const std::optional<std::string_view> ours = required(form, numberField, response);
    if (!ours) {
        return std::nullopt;
    }
    const std::optional<std::string_view> account = required(form, "AccountSid", response);
    if (!account) {
        return std::nullopt;
    }
    const auto number = domain::PhoneNumber::parse(*ours);
    if (!number) {
        sendError(response, HTTPResponse::HTTP_BAD_REQUEST, "invalid_field",
                  "The field " + std::string(numberField) + " is not a phone number.");
        return std::nullopt;
    }
    auto found = m_services.directory.findByNumberAndAccount(number->e164(), *account, lookup);
    if (!found) {
        return storageFailed(found.error());
    }
    if (!*found) {
        sendError(response, HTTPResponse::HTTP_NOT_FOUND, "unknown_number",
                  "No organization receives calls or texts at this number for this account.");
        return std::nullopt;
    }
    return std::move(found).value();
}

std::optional<std::string_view> TwilioWebhookHandler::required(const FormBody& form, std::string_view name,
                                                               HTTPServerResponse& response)
{
    return requiredAnyOf(form, {name}, response);
}

std::optional<std::string_view>
TwilioWebhookHandler::requiredAnyOf(const FormBody& form, std::initializer_list<std::string_view> names,
                                    HTTPServerResponse& response)
{
    for (const std::string_view name : names) {
        const std::string_view value = form.valueOr(name);
        if (!value.empty()) {
            return value;
        }
    }
    sendError(response, HTTPResponse::HTTP_BAD_REQUEST, "missing_field",
              "The field " + std::string(*names.begin()) + " is missing or empty.");
    return std::nullopt;
}

void TwilioWebhookHandler::sendStorageError(const domain::Error& error, HTTPServerResponse& response) const
{
    logEvent(logger(), Poco::Message::PRIO_ERROR, "twilio webhook not stored",
             {{"route", m_path}, {"code", error.code}, {"reason", error.message}});
    const bool unavailable = error.code == "database_unavailable" || error.code == "shutting_down";
    sendError(response,
              unavailable ? HTTPResponse::HTTP_SERVICE_UNAVAILABLE : HTTPResponse::HTTP_INTERNAL_SERVER_ERROR,
              unavailable ? "storage_unavailable" : "storage_error",
              unavailable ? "The relay cannot store webhooks right now; retry later."
                          : "The relay could not store this webhook.");
}

void TwilioWebhookHandler::countFact(const TwilioWebhook& webhook, bool duplicate, std::string_view key) const
{
    (duplicate ? m_counters.duplicates : m_counters.stored).increment();
    // One line per fact is for debugging: at load it cost more than storing
    // some facts; /metrics counts them, the JSON error lines name failures.
    logEvent(logger(), Poco::Message::PRIO_DEBUG, duplicate ? "twilio retry ignored" : "twilio fact stored",
             {{"route", m_path}, {"org_id", webhook.route.orgId}, {"key", std::string(key)}});
}

void TwilioWebhookHandler::sendTwiml(HTTPServerResponse& response, const std::string& xml)
{
    response.setStatusAndReason(HTTPResponse::HTTP_OK);
    response.setContentType("text/xml; charset=utf-8");
    response.setContentLength64(static_cast<Poco::Int64>(xml.size()));
    response.sendBuffer(xml.data(), xml.size());
}

void TwilioWebhookHandler::sendNoContent(HTTPServerResponse& response)
{
    response.setStatusAndReason(HTTPResponse::HTTP_NO_CONTENT);
    response.setContentLength64(0);
    response.send();
}

} // namespace callsnare::relay
