#include "relay/tools/carrier_standin/ControlRoutes.h"

#include "relay/server/JsonResponse.h"
#include "relay/tools/carrier_standin/StandInLedger.h"
#include "relay/tools/carrier_standin/TwilioWire.h"

#include <Poco/JSON/Array.h>

namespace callsnare::standin {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

namespace {

Poco::Dynamic::Var orNull(const std::string& text)
{
    return text.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(text);
}

void sendArray(HTTPServerResponse& response, const Poco::JSON::Array& array)
{
    std::ostringstream text;
    array.stringify(text);
    const std::string body = text.str();
    response.setStatusAndReason(HTTPResponse::HTTP_OK);
    response.setContentType("application/json");
    response.setContentLength64(static_cast<Poco::Int64>(body.size()));
    response.sendBuffer(body.data(), body.size());
}

void sendOk(HTTPServerResponse& response)
{
    Poco::JSON::Object ok;
    ok.set("ok", true);
    relay::sendJson(response, HTTPResponse::HTTP_OK, ok);
}

class HealthHandler : public StandInHandler {
public:
    using StandInHandler::StandInHandler;

protected:
    void serve(HTTPServerRequest& request, HTTPServerResponse& response, relay::LogFields&) override
    {
        if (request.getMethod() != "GET")
            return sendMethodNotAllowed(response);
        Poco::JSON::Object status;
        status.set("status", "ok");
        relay::sendJson(response, HTTPResponse::HTTP_OK, status);
    }
};

class MessagesControlHandler : public StandInHandler {
public:
    using StandInHandler::StandInHandler;

protected:
    void serve(HTTPServerRequest& request, HTTPServerResponse& response, relay::LogFields&) override
    {
        if (request.getMethod() == "DELETE") {
            m_services.ledger.clearMessages();
            return sendOk(response);
        }
        if (request.getMethod() != "GET")
            return sendMethodNotAllowed(response);
        Poco::JSON::Array list;
        for (const SentMessage& message : m_services.ledger.messages()) {
            Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
            item.set("sid", message.sid);
            item.set("account_sid", message.accountSid);
            item.set("to", message.to);
            item.set("from", orNull(message.from));
            item.set("messaging_service_sid", orNull(message.messagingServiceSid));
            item.set("body", message.body);
            item.set("status_callback", orNull(message.statusCallback));
            item.set("idempotency_token", orNull(message.idempotencyToken));
            item.set("received_at_ms", static_cast<Poco::Int64>(TwilioWire::epochMs(message.created)));
            item.set("origin", message.origin);
            item.set("status", message.status);
            item.set("error_code",
                     message.errorCode ? Poco::Dynamic::Var(*message.errorCode) : Poco::Dynamic::Var());
            list.add(item);
        }
        sendArray(response, list);
    }
};

class RequestsControlHandler : public StandInHandler {
public:
    using StandInHandler::StandInHandler;

protected:
    void serve(HTTPServerRequest& request, HTTPServerResponse& response, relay::LogFields&) override
    {
        if (request.getMethod() != "GET")
            return sendMethodNotAllowed(response);
        Poco::JSON::Array list;
        for (const ApiRequestRecord& record : m_services.ledger.requests()) {
            Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
            item.set("method", record.method);
            item.set("path", record.path);
            item.set("account_sid", record.accountSid);
            item.set("to", orNull(record.to));
            item.set("status", record.status);
            item.set("error_code",
                     record.errorCode ? Poco::Dynamic::Var(*record.errorCode) : Poco::Dynamic::Var());
            item.set("dropped", record.status == 0);
            item.set("message_sid", orNull(record.messageSid));
            item.set("idempotency_token", orNull(record.idempotencyToken));
            item.set("received_at_ms", static_cast<Poco::Int64>(TwilioWire::epochMs(record.received)));
            list.add(item);
        }
        sendArray(response, list);
    }
};

class FaultsHandler : public StandInHandler {
public:
    using StandInHandler::StandInHandler;

protected:
    void serve(HTTPServerRequest& request, HTTPServerResponse& response, relay::LogFields&) override
    {
        if (request.getMethod() == "DELETE") {
            m_services.ledger.clearFaults();
            return sendOk(response);
        }
        if (request.getMethod() != "POST")
            return sendMethodNotAllowed(response);
        const Poco::JSON::Object::Ptr json = readJsonObject(request, response);
        if (!json)
            return;
        Fault fault;
        std::string error;
        const bool read = intField(*json, "count", false, fault.remaining, error)
            && intField(*json, "status", false, fault.status, error)
            && intField(*json, "code", false, fault.code, error)
            && stringField(*json, "to", false, fault.to, error)
            && intField(*json, "delay_ms", false, fault.delayMs, error)
            && boolField(*json, "drop_after_accept", fault.dropAfterAccept, error);
        if (!read)
            return sendControlError(response, 400, "invalid_field", error);
        if (fault.remaining < 1)
            return sendControlError(response, 400, "invalid_field", "The field count must be at least 1.");
        if (fault.status != 0 && (fault.status < 400 || fault.status > 599))
            return sendControlError(response, 400, "invalid_field",
                                    "The field status must be an HTTP error status (400-599).");
        if (fault.delayMs < 0 || fault.delayMs > 120000)
            return sendControlError(response, 400, "invalid_field",
                                    "The field delay_ms must be from 0 to 120000.");
        if (fault.status == 0 && fault.delayMs == 0 && !fault.dropAfterAccept)
            return sendControlError(response, 400, "invalid_fault",
                                    "A fault needs a status, a delay_ms or drop_after_accept.");
        if (fault.status != 0 && fault.dropAfterAccept)
            return sendControlError(response, 400, "invalid_fault",
                                    "A fault either answers an error or drops an accepted send, not both.");
        if (fault.status != 0 && fault.code == 0)
            fault.code = 20000 + fault.status; // Twilio's 20429, 20500, 20503
        m_services.ledger.addFault(fault);
        sendOk(response);
    }
};

class DeliveryHandler : public StandInHandler {
public:
    using StandInHandler::StandInHandler;

protected:
    void serve(HTTPServerRequest& request, HTTPServerResponse& response, relay::LogFields&) override
    {
        if (request.getMethod() != "POST")
            return sendMethodNotAllowed(response);
        const Poco::JSON::Object::Ptr json = readJsonObject(request, response);
        if (!json)
            return;
        std::string to;
        FinalDelivery delivery;
        int code = 0;
        std::string error;
        if (!stringField(*json, "to", true, to, error)
            || !stringField(*json, "final", true, delivery.status, error)
            || !intField(*json, "error_code", false, code, error)) {
            return sendControlError(response, 400, "invalid_field", error);
        }
        if (!TwilioWire::isE164(to))
            return sendControlError(response, 400, "invalid_field", "The field to must be an E.164 number.");
        if (delivery.status == "undelivered")
            delivery.errorCode = code != 0 ? code : 30003; // unreachable handset
        else if (delivery.status == "failed")
            delivery.errorCode = code != 0 ? code : 30008; // unknown error
        else if (delivery.status != "delivered")
            return sendControlError(response, 400, "invalid_field",
                                    "The field final must be delivered, undelivered or failed.");
        m_services.ledger.setDelivery(to, delivery);
        sendOk(response);
    }
};

} // namespace

Poco::Net::HTTPRequestHandler* createControlHandler(const std::string& path, StandInServices services)
{
    if (path == "/_standin/healthz")
        return new HealthHandler(services);
    if (path == "/_standin/messages")
        return new MessagesControlHandler(services);
    if (path == "/_standin/requests")
        return new RequestsControlHandler(services);
    if (path == "/_standin/faults")
        return new FaultsHandler(services);
    if (path == "/_standin/delivery")
        return new DeliveryHandler(services);
    return createCarrierEventHandler(path, services);
}

} // namespace callsnare::standin
