#include "relay/twilio/TwilioWebhookRoutes.h"

#include "domain/PhoneNumber.h"
#include "relay/automation/OutboundSender.h"
#include "relay/ingest/DeliveryStatusIngest.h"
#include "relay/ingest/InboundTextIngest.h"
#include "relay/ingest/MissedCallIngest.h"
#include "relay/server/JsonResponse.h"
#include "relay/server/Metrics.h"
#include "relay/server/RelayConfig.h"
#include "relay/server/RouteTable.h"
#include "relay/storage/GroupCommitWriter.h"
#include "relay/storage/RelayDatabase.h"
#include "relay/twilio/TwilioVocabulary.h"
#include "relay/twilio/TwimlResponse.h"

#include <Poco/NumberParser.h>

#include <chrono>

namespace callsnare::relay {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerResponse;

namespace {

// Ring the office this long: outside 15-25 s the office voicemail tends to
// pick up first and the call is mislabelled as answered (CARRIERS.md).
constexpr std::chrono::seconds DialTimeout{20};
constexpr std::string_view MissedCallMessage = "Sorry we missed your call. We will get back to you shortly.";

domain::Instant nowUtc()
{
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// The voice routes: recording a call is the same for all three.
class CallWebhookHandler : public TwilioWebhookHandler {
public:
    using TwilioWebhookHandler::TwilioWebhookHandler;

protected:
    // Stores the call; on failure answers the error and returns false.
    bool recordCall(const TwilioWebhook& webhook, std::string_view status, bool missed,
                    HTTPServerResponse& response)
    {
        const auto callSid = required(webhook.form, "CallSid", response);
        const auto from = callSid ? required(webhook.form, "From", response) : std::nullopt;
        if (!from) {
            return false;
        }
        const auto to = domain::PhoneNumber::parse(webhook.form.valueOr("To"));
        if (!to) {
            sendError(response, HTTPResponse::HTTP_BAD_REQUEST, "invalid_field",
                      "The field To is not a phone number.");
            return false;
        }
        CallReport report{webhook.route.orgId, "twilio",     std::string(*callSid),
                          std::string(*from),  std::nullopt, to.value(),
                          std::string(status), missed,       nowUtc(),
                          webhook.receivedMs};
        if (!domain::isWithheldCallerId(*from)) {
            auto caller = domain::PhoneNumber::parse(*from);
            if (caller) {
                report.caller = std::move(caller).value();
            }
        }
        const MissedCallIngest ingest(m_services.database.dialect(), m_services.automation);
        auto receipt = m_services.writer.compute<CallReceipt>(
            [&](Poco::Data::Session& session) { return ingest.apply(session, report); });
        if (!receipt) {
            sendStorageError(receipt.error(), response);
            return false;
        }
        countFact(webhook, receipt->duplicate, report.callSid);
        if (m_services.sender) {
            m_services.sender->dispatch(std::move(receipt->sendNow));
        }
        return true;
    }
};

class VoiceHandler : public CallWebhookHandler {
public:
    using CallWebhookHandler::CallWebhookHandler;

protected:
    void handle(const TwilioWebhook& webhook, HTTPServerResponse& response) override
    {
        auto org = m_services.directory.findOrganization(webhook.route.orgId);
        if (!org) {
            sendStorageError(org.error(), response);
            return;
        }
        const std::optional<domain::PhoneNumber> office
            = *org ? (*org)->organization.officeNumber : std::optional<domain::PhoneNumber>();
        // A call the org's own line forwarded (it rang there unanswered) is
        // the missed call itself; dialing the office again would loop.
        const bool forwarded = !webhook.form.valueOr("ForwardedFrom").empty() || !office;
        if (forwarded) {
            if (recordCall(webhook, webhook.form.valueOr("CallStatus", "ringing"), true, response)) {
                sendTwiml(response, TwimlResponse().say(MissedCallMessage).hangup().toXml());
            }
            return;
        }
        if (!required(webhook.form, "CallSid", response)) {
            return;
        }
        const std::string action = m_services.config.publicBaseUrl() + TwilioPaths::DialStatus;
        sendTwiml(response, TwimlResponse().dial(office->e164(), DialTimeout, action).toXml());
    }
};

class DialStatusHandler : public CallWebhookHandler {
public:
    using CallWebhookHandler::CallWebhookHandler;

protected:
    void handle(const TwilioWebhook& webhook, HTTPServerResponse& response) override
    {
        const auto status = required(webhook.form, "DialCallStatus", response);
        if (!status) {
            return;
        }
        const bool missed = isMissedDialStatus(*status);
        if (!recordCall(webhook, *status, missed, response)) {
            return;
        }
        TwimlResponse twiml;
        if (missed) {
            twiml.say(MissedCallMessage);
        }
        sendTwiml(response, twiml.hangup().toXml());
    }
};

class CallStatusHandler : public CallWebhookHandler {
public:
    using CallWebhookHandler::CallWebhookHandler;

protected:
    void handle(const TwilioWebhook& webhook, HTTPServerResponse& response) override
    {
        const auto status = required(webhook.form, "CallStatus", response);
        if (!status) {
            return;
        }
        // A call that ended busy / unanswered / failed / canceled before our
        // TwiML ran (the caller hung up while it rang) is missed; every other
        // status changes nothing the Dial action does not already record.
        if (isMissedDialStatus(*status) && !recordCall(webhook, *status, true, response)) {
            return;
        }
        if (!isMissedDialStatus(*status) && !required(webhook.form, "CallSid", response)) {
            return;
        }
        sendNoContent(response);
    }
};

class SmsHandler : public TwilioWebhookHandler {
public:
    using TwilioWebhookHandler::TwilioWebhookHandler;

protected:
    void handle(const TwilioWebhook& webhook, HTTPServerResponse& response) override
    {
        const auto sid = requiredAnyOf(webhook.form, {"MessageSid", "SmsMessageSid", "SmsSid"}, response);
        const auto from = sid ? required(webhook.form, "From", response) : std::nullopt;
        if (!from) {
            return;
        }
        auto sender = domain::PhoneNumber::parse(*from);
        if (!sender) {
            sendError(response, HTTPResponse::HTTP_BAD_REQUEST, "invalid_field",
                      "The field From is not a phone number.");
            return;
        }
        int media = 0;
        if (!Poco::NumberParser::tryParse(std::string(webhook.form.valueOr("NumMedia", "0")), media)
            || media < 0) {
            sendError(response, HTTPResponse::HTTP_BAD_REQUEST, "invalid_field",
                      "The field NumMedia is not a count.");
            return;
        }
        const InboundTextReport report{webhook.route.orgId,
                                       "twilio",
                                       std::string(*sid),
                                       std::move(sender).value(),
                                       std::string(webhook.form.valueOr("To")),
                                       std::string(webhook.form.valueOr("Body")),
                                       media,
                                       keywordFromOptOutType(webhook.form.valueOr("OptOutType")),
                                       nowUtc(),
                                       webhook.receivedMs};
        const InboundTextIngest ingest(m_services.database.dialect(), m_services.automation);
        auto receipt = m_services.writer.compute<InboundTextReceipt>(
            [&](Poco::Data::Session& session) { return ingest.apply(session, report); });
        if (!receipt) {
            sendStorageError(receipt.error(), response);
            return;
        }
        countFact(webhook, receipt->duplicate, report.messageSid);
        if (m_services.sender) {
            m_services.sender->dispatch(std::move(receipt->sendNow));
        }
        // Empty TwiML: no auto-reply from here (Advanced Opt-Out confirms
        // STOP itself; text-backs go out through the sender).
        sendTwiml(response, TwimlResponse().toXml());
    }
};

class SmsStatusHandler : public TwilioWebhookHandler {
public:
    using TwilioWebhookHandler::TwilioWebhookHandler;

protected:
    // Callbacks about a text we sent: our number is the sender.
    std::string_view ownNumberField() const override { return "From"; }

    void handle(const TwilioWebhook& webhook, HTTPServerResponse& response) override
    {
        const auto sid = requiredAnyOf(webhook.form, {"MessageSid", "SmsSid"}, response);
        const auto status
            = sid ? requiredAnyOf(webhook.form, {"MessageStatus", "SmsStatus"}, response) : std::nullopt;
        if (!status) {
            return;
        }
        std::optional<int> errorCode;
        const std::string_view errorText = webhook.form.valueOr("ErrorCode");
        if (!errorText.empty()) {
            int code = 0;
            if (!Poco::NumberParser::tryParse(std::string(errorText), code)) {
                sendError(response, HTTPResponse::HTTP_BAD_REQUEST, "invalid_field",
                          "The field ErrorCode is not a number.");
                return;
            }
            errorCode = code;
        }
        const DeliveryStatusReport report{webhook.route.orgId,
                                          "twilio",
                                          std::string(*sid),
                                          std::string(*status),
                                          deliveryStatusFromTwilio(*status),
                                          errorCode,
                                          nowUtc()};
        const DeliveryStatusIngest ingest(m_services.database.dialect());
        auto receipt = m_services.writer.compute<DeliveryStatusReceipt>(
            [&](Poco::Data::Session& session) { return ingest.apply(session, report); });
        if (!receipt) {
            sendStorageError(receipt.error(), response);
            return;
        }
        countFact(webhook, receipt->duplicate, report.messageSid + "/" + report.carrierStatus);
        sendNoContent(response);
    }
};

template <typename Handler>
void addRoute(RouteTable& routes, Metrics& metrics, const TwilioWebhookServices& services, const char* path)
{
    const MetricLabels labels{{"route", path}};
    TwilioRouteCounters counters{
        metrics.counter("callsnare_twilio_signature_failures_total",
                        "Twilio webhooks refused because X-Twilio-Signature did not match.", labels),
        metrics.counter("callsnare_twilio_facts_stored_total", "Twilio webhook facts stored.", labels),
        metrics.counter("callsnare_twilio_retries_total",
                        "Twilio webhooks whose fact was already stored (carrier retries).", labels),
    };
    routes.add("POST", path, [services, counters, path] { return new Handler(services, counters, path); });
}

} // namespace

void registerTwilioRoutes(RouteTable& routes, Metrics& metrics, const TwilioWebhookServices& services)
{
    addRoute<VoiceHandler>(routes, metrics, services, TwilioPaths::Voice);
    addRoute<DialStatusHandler>(routes, metrics, services, TwilioPaths::DialStatus);
    addRoute<CallStatusHandler>(routes, metrics, services, TwilioPaths::CallStatus);
    addRoute<SmsHandler>(routes, metrics, services, TwilioPaths::Sms);
    addRoute<SmsStatusHandler>(routes, metrics, services, TwilioPaths::SmsStatus);
}

} // namespace callsnare::relay
