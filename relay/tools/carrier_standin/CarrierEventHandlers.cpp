#include "relay/tools/carrier_standin/ControlRoutes.h"

#include "relay/server/JsonResponse.h"
#include "relay/tools/carrier_standin/StandInConfig.h"
#include "relay/tools/carrier_standin/StandInLedger.h"
#include "relay/tools/carrier_standin/TwilioWire.h"
#include "relay/tools/carrier_standin/WebhookPoster.h"

#include <array>

namespace callsnare::standin {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

namespace {

constexpr const char* SmsPath = "/v1/carrier/twilio/sms";
constexpr const char* DialStatusPath = "/v1/carrier/twilio/voice/dial-status";

// The parts every carrier event shares: the account, its token, where the relay is.
class CarrierEventHandler : public StandInHandler {
public:
    using StandInHandler::StandInHandler;

protected:
    // Reads account_sid, from and to; false once it has answered an error.
    bool readParties(const Poco::JSON::Object& json, HTTPServerResponse& response, relay::LogFields& log)
    {
        std::string error;
        if (!stringField(json, "account_sid", true, m_account, error)
            || !stringField(json, "from", true, m_from, error)
            || !stringField(json, "to", true, m_to, error)) {
            sendControlError(response, 400, "invalid_field", error);
            return false;
        }
        log.emplace_back("account_sid", m_account);
        const std::optional<std::string> token = m_services.config.tokenFor(m_account);
        if (!token) {
            sendControlError(response, 400, "unknown_account",
                             "The account " + m_account + " is not one of the stand-in's --account values.");
            return false;
        }
        m_token = *token;
        if (!TwilioWire::isE164(m_to)) {
            sendControlError(response, 400, "invalid_field", "The field to must be an E.164 number.");
            return false;
        }
        return true;
    }

    // False once it has answered: there is nowhere to post to.
    bool relayConfigured(HTTPServerResponse& response)
    {
        if (!m_services.config.relayUrl.empty())
            return true;
        sendControlError(response, 400, "no_relay_url", "The stand-in was started without --relay-url.");
        return false;
    }

    // Posts the signed webhook and answers {sidField, relay_status, relay_body}.
    void deliver(const char* path, const relay::FormParams& params, const std::string& sidField,
                 const std::string& sid, HTTPServerResponse& response, relay::LogFields& log)
    {
        const WebhookDelivery delivery
            = WebhookPoster::post(m_services.config.relayUrl + path, m_services.config.signedBaseUrl() + path,
                                  m_token, params, {{"I-Twilio-Idempotency-Token", sid + "-" + path}});
        log.emplace_back("relay_status", delivery.status);
        Poco::JSON::Object answer(Poco::JSON_PRESERVE_KEY_ORDER);
        answer.set(sidField, sid);
        answer.set("relay_status", delivery.status);
        answer.set("relay_body", delivery.body);
        if (!delivery.error.empty())
            answer.set("relay_error", delivery.error);
        relay::sendJson(response, HTTPResponse::HTTP_OK, answer);
    }

    std::string m_account;
    std::string m_token;
    std::string m_from;
    std::string m_to;
};

class InboundHandler : public CarrierEventHandler {
public:
    using CarrierEventHandler::CarrierEventHandler;

protected:
    void serve(HTTPServerRequest& request, HTTPServerResponse& response, relay::LogFields& log) override
    {
        if (request.getMethod() != "POST")
            return sendMethodNotAllowed(response);
        const Poco::JSON::Object::Ptr json = readJsonObject(request, response);
        if (!json || !readParties(*json, response, log))
            return;
        std::string body;
        std::string service;
        std::string error;
        if (!stringField(*json, "body", false, body, error)
            || !stringField(*json, "messaging_service_sid", false, service, error)) {
            return sendControlError(response, 400, "invalid_field", error);
        }
        if (!relayConfigured(response))
            return;

        // Twilio applies its keyword handling before the webhook goes out.
        // Here the carrier manages opt-out (blocks sends with 21610, confirms
        // itself) only for --advanced-opt-out accounts; for the others the
        // business does, as the relay's per-org setting assumes.
        const TwilioWire::Keyword keyword = TwilioWire::classifyKeyword(body);
        const bool advanced = m_services.config.advancedOptOut.count(m_account) > 0;
        if (advanced && (keyword == TwilioWire::Keyword::OptOut || keyword == TwilioWire::Keyword::OptIn)) {
            const bool optOut = keyword == TwilioWire::Keyword::OptOut;
            m_services.ledger.setOptedOut(m_account, m_from, m_to, optOut);
            if (!service.empty())
                m_services.ledger.setOptedOut(m_account, m_from, service, optOut);
        }

        const std::string sid = TwilioWire::newSid("SM");
        relay::FormParams params{{"MessageSid", sid},
                                 {"SmsSid", sid},
                                 {"SmsMessageSid", sid},
                                 {"AccountSid", m_account},
                                 {"From", m_from},
                                 {"To", m_to},
                                 {"Body", body},
                                 {"NumMedia", "0"},
                                 {"NumSegments", std::to_string(TwilioWire::segmentCount(body))},
                                 {"SmsStatus", "received"},
                                 {"ApiVersion", TwilioWire::ApiVersion}};
        if (!service.empty())
            params.push_back({"MessagingServiceSid", service});
        if (advanced && keyword != TwilioWire::Keyword::None) {
            params.push_back({"OptOutType", TwilioWire::optOutType(keyword)});
            recordConfirmation(keyword, service);
        }
        log.emplace_back("message_sid", sid);
        deliver(SmsPath, params, "message_sid", sid, response, log);
    }

private:
    // Advanced Opt-Out answers the keyword itself, from the number texted.
    void recordConfirmation(TwilioWire::Keyword keyword, const std::string& service)
    {
        const Clock::time_point now = Clock::now();
        SentMessage confirmation;
        confirmation.sid = TwilioWire::newSid("SM");
        confirmation.accountSid = m_account;
        confirmation.to = m_from;
        confirmation.from = m_to;
        confirmation.messagingServiceSid = service;
        confirmation.body = TwilioWire::confirmationText(keyword);
        confirmation.origin = "carrier";
        confirmation.status = "delivered";
        confirmation.segments = TwilioWire::segmentCount(confirmation.body);
        confirmation.created = now;
        confirmation.updated = now;
        confirmation.sent = now;
        m_services.ledger.addMessage(confirmation);
    }
};

class CallHandler : public CarrierEventHandler {
public:
    using CarrierEventHandler::CarrierEventHandler;

protected:
    void serve(HTTPServerRequest& request, HTTPServerResponse& response, relay::LogFields& log) override
    {
        static constexpr std::array<std::string_view, 6> dialStatuses{"completed", "answered", "busy",
                                                                      "no-answer", "failed",   "canceled"};
        if (request.getMethod() != "POST")
            return sendMethodNotAllowed(response);
        const Poco::JSON::Object::Ptr json = readJsonObject(request, response);
        if (!json || !readParties(*json, response, log))
            return;
        std::string dialStatus = "no-answer";
        std::string error;
        if (!stringField(*json, "dial_call_status", false, dialStatus, error))
            return sendControlError(response, 400, "invalid_field", error);
        if (std::find(dialStatuses.begin(), dialStatuses.end(), dialStatus) == dialStatuses.end()) {
            return sendControlError(
                response, 400, "invalid_field",
                "The field dial_call_status must be completed, answered, busy, no-answer, "
                "failed or canceled.");
        }
        if (!relayConfigured(response))
            return;
        const bool bridged = dialStatus == "completed" || dialStatus == "answered";
        const std::string sid = TwilioWire::newSid("CA");
        const relay::FormParams params{{"AccountSid", m_account},
                                       {"ApiVersion", TwilioWire::ApiVersion},
                                       {"CallSid", sid},
                                       {"CallStatus", "in-progress"},
                                       {"Called", m_to},
                                       {"Caller", m_from},
                                       {"Direction", "inbound"},
                                       {"From", m_from},
                                       {"To", m_to},
                                       {"DialCallStatus", dialStatus},
                                       {"DialCallSid", TwilioWire::newSid("CA")},
                                       {"DialCallDuration", bridged ? "42" : "0"},
                                       {"DialBridged", bridged ? "true" : "false"}};
        log.emplace_back("call_sid", sid);
        deliver(DialStatusPath, params, "call_sid", sid, response, log);
    }
};

} // namespace

Poco::Net::HTTPRequestHandler* createCarrierEventHandler(const std::string& path, StandInServices services)
{
    if (path == "/_standin/inbound")
        return new InboundHandler(services);
    if (path == "/_standin/call")
        return new CallHandler(services);
    return nullptr;
}

} // namespace callsnare::standin
