#include "relay/tools/carrier_standin/MessagesApiHandler.h"

#include "relay/server/JsonResponse.h"
#include "relay/tools/carrier_standin/StandInConfig.h"
#include "relay/tools/carrier_standin/StandInLedger.h"
#include "relay/tools/carrier_standin/StatusCallbackWorker.h"
#include "relay/twilio/FormBody.h"
#include "relay/twilio/TwilioSignature.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/NumberParser.h>
#include <Poco/URI.h>

#include <algorithm>
#include <thread>

namespace callsnare::standin {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

namespace {

const std::string AccountsPrefix = "/2010-04-01/Accounts/";
const std::string MessagesSuffix = "/Messages.json";
constexpr int DefaultPageSize = 50;
constexpr int MaxPageSize = 1000;

Poco::Dynamic::Var orNull(const std::string& text)
{
    return text.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(text);
}

// YYYY-MM-DD of an instant in UTC, the form of the DateSent filter.
std::string dayOf(Clock::time_point at)
{
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count();
    return Poco::DateTimeFormatter::format(Poco::Timestamp(static_cast<Poco::Timestamp::TimeVal>(micros)),
                                           "%Y-%m-%d");
}

std::string listUri(const std::string& accountSid, int pageSize, int page)
{
    return AccountsPrefix + accountSid + MessagesSuffix + "?PageSize=" + std::to_string(pageSize)
        + "&Page=" + std::to_string(page);
}

} // namespace

std::optional<std::string> MessagesApiHandler::matchPath(const std::string& path)
{
    if (path.size() <= AccountsPrefix.size() + MessagesSuffix.size() || path.rfind(AccountsPrefix, 0) != 0
        || path.compare(path.size() - MessagesSuffix.size(), MessagesSuffix.size(), MessagesSuffix) != 0) {
        return std::nullopt;
    }
    std::string sid
        = path.substr(AccountsPrefix.size(), path.size() - AccountsPrefix.size() - MessagesSuffix.size());
    if (sid.find('/') != std::string::npos)
        return std::nullopt;
    return sid;
}

Poco::JSON::Object MessagesApiHandler::resource(const SentMessage& message)
{
    const std::string uri = AccountsPrefix + message.accountSid + "/Messages/" + message.sid;
    Poco::JSON::Object json(Poco::JSON_PRESERVE_KEY_ORDER);
    json.set("account_sid", message.accountSid);
    json.set("api_version", TwilioWire::ApiVersion);
    json.set("body", message.body);
    json.set("date_created", TwilioWire::rfc2822(message.created));
    json.set("date_sent",
             message.sent ? Poco::Dynamic::Var(TwilioWire::rfc2822(*message.sent)) : Poco::Dynamic::Var());
    json.set("date_updated", TwilioWire::rfc2822(message.updated));
    json.set("direction", message.origin == "api" ? "outbound-api" : "outbound-reply");
    json.set("error_code", message.errorCode ? Poco::Dynamic::Var(*message.errorCode) : Poco::Dynamic::Var());
    json.set("error_message", Poco::Dynamic::Var());
    json.set("from", orNull(message.from));
    json.set("messaging_service_sid", orNull(message.messagingServiceSid));
    json.set("num_media", "0");
    json.set("num_segments", std::to_string(message.segments));
    json.set("price", Poco::Dynamic::Var());
    json.set("price_unit", "USD");
    json.set("sid", message.sid);
    json.set("status", message.status);
    Poco::JSON::Object subresources(Poco::JSON_PRESERVE_KEY_ORDER);
    subresources.set("media", uri + "/Media.json");
    subresources.set("feedback", uri + "/Feedback.json");
    json.set("subresource_uris", subresources);
    json.set("to", message.to);
    json.set("uri", uri + ".json");
    return json;
}

void MessagesApiHandler::serve(HTTPServerRequest& request, HTTPServerResponse& response,
                               relay::LogFields& log)
{
    ApiRequestRecord record;
    record.method = request.getMethod();
    record.path = Poco::URI(request.getURI()).getPath();
    record.accountSid = m_accountSid;
    record.idempotencyToken = request.get("I-Twilio-Idempotency-Token", "");
    record.received = Clock::now();
    log.emplace_back("account_sid", m_accountSid);

    if (!authenticated(request)) {
        response.set("WWW-Authenticate", "Basic realm=\"Twilio API\"");
        answerError(response, record, TwilioWire::authenticationFailed());
    } else if (request.getMethod() == "POST") {
        send(request, response, record, log);
    } else if (request.getMethod() == "GET") {
        list(request, response);
        record.status = 200;
    } else {
        answerError(response, record, {405, 20004, "Method not allowed"});
    }
    if (record.errorCode)
        log.emplace_back("error_code", *record.errorCode);
    m_services.ledger.addRequest(record);
}

bool MessagesApiHandler::authenticated(const HTTPServerRequest& request) const
{
    if (!request.hasCredentials())
        return false;
    try {
        const Poco::Net::HTTPBasicCredentials credentials(request);
        const std::optional<std::string> token = m_services.config.tokenFor(credentials.getUsername());
        return credentials.getUsername() == m_accountSid && token
            && relay::TwilioSignature::constantTimeEquals(*token, credentials.getPassword());
    } catch (const Poco::Exception&) {
        return false; // not Basic, or not decodable
    }
}

void MessagesApiHandler::answerError(HTTPServerResponse& response, ApiRequestRecord& record,
                                     const TwilioWire::ApiError& error) const
{
    record.status = error.httpStatus;
    record.errorCode = error.code;
    relay::sendJson(response, static_cast<HTTPResponse::HTTPStatus>(error.httpStatus),
                    TwilioWire::errorBody(error));
}

void MessagesApiHandler::send(HTTPServerRequest& request, HTTPServerResponse& response,
                              ApiRequestRecord& record, relay::LogFields& log)
{
    std::string raw;
    if (!readBody(request, raw)) {
        response.setKeepAlive(false);
        answerError(response, record, {413, 20001, "Request entity too large"});
        return;
    }
    auto parsed = relay::FormBody::parse(raw, raw.size() + 1);
    if (!parsed) {
        answerError(response, record, {400, 20001, "Unable to parse the request body"});
        return;
    }
    const relay::FormBody& form = parsed.value();
    const std::string to(form.valueOr("To"));
    const std::string from(form.valueOr("From"));
    const std::string service(form.valueOr("MessagingServiceSid"));
    const std::string body(form.valueOr("Body"));
    record.to = to;

    const std::optional<Fault> fault = m_services.ledger.takeFault(to);
    if (fault) {
        log.emplace_back("fault", true);
        if (fault->delayMs > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(fault->delayMs));
        if (fault->status != 0) {
            answerError(
                response, record,
                {fault->status, fault->code,
                 HTTPResponse::getReasonForStatus(static_cast<HTTPResponse::HTTPStatus>(fault->status))});
            return;
        }
    }

    if (to.empty()) {
        answerError(response, record, {400, 21604, "A 'To' phone number is required."});
        return;
    }
    if (body.empty()) {
        answerError(response, record, {400, 21602, "Message body is required."});
        return;
    }
    if (from.empty() && service.empty()) {
        answerError(response, record, {400, 21603, "A 'From' phone number is required."});
        return;
    }
    if (!TwilioWire::isE164(to)) {
        answerError(response, record,
                    {400, 21211, "The 'To' number " + to + " is not a valid phone number."});
        return;
    }
    const bool optedOut = (!from.empty() && m_services.ledger.isOptedOut(m_accountSid, to, from))
        || (!service.empty() && m_services.ledger.isOptedOut(m_accountSid, to, service));
    if (optedOut) {
        answerError(response, record, {400, 21610, "Attempt to send to unsubscribed recipient"});
        return;
    }

    SentMessage message;
    message.sid = TwilioWire::newSid("SM");
    message.accountSid = m_accountSid;
    message.to = to;
    message.from = from;
    message.messagingServiceSid = service;
    message.body = body;
    message.statusCallback = std::string(form.valueOr("StatusCallback"));
    message.idempotencyToken = record.idempotencyToken;
    message.status = service.empty() ? "queued" : "accepted";
    message.segments = TwilioWire::segmentCount(body);
    message.created = record.received;
    message.updated = record.received;
    m_services.ledger.addMessage(message);
    m_services.callbacks.enqueue(message.sid);
    record.messageSid = message.sid;
    log.emplace_back("message_sid", message.sid);

    if (fault && fault->dropAfterAccept) {
        // Taken, then the connection closes unanswered: the sender cannot know.
        record.status = 0;
        log.emplace_back("dropped", true);
        response.setKeepAlive(false);
        static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket().shutdown();
        return;
    }
    record.status = 201;
    relay::sendJson(response, HTTPResponse::HTTP_CREATED, resource(message));
}

void MessagesApiHandler::list(HTTPServerRequest& request, HTTPServerResponse& response) const
{
    std::string to;
    std::string from;
    std::string sentOnOrAfter;
    std::string sentOnOrBefore;
    std::string sentOn;
    int pageSize = DefaultPageSize;
    int page = 0;
    for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters()) {
        if (name == "To")
            to = value;
        else if (name == "From")
            from = value;
        else if (name == "DateSent>")
            sentOnOrAfter = value.substr(0, 10);
        else if (name == "DateSent<")
            sentOnOrBefore = value.substr(0, 10);
        else if (name == "DateSent")
            sentOn = value.substr(0, 10);
        else if (name == "PageSize" && Poco::NumberParser::tryParse(value, pageSize))
            pageSize = std::clamp(pageSize, 1, MaxPageSize);
        else if (name == "Page" && Poco::NumberParser::tryParse(value, page))
            page = std::max(page, 0);
    }

    std::vector<SentMessage> matching;
    for (const SentMessage& message : m_services.ledger.messages()) {
        if (message.accountSid != m_accountSid || message.origin != "api")
            continue;
        if (!to.empty() && message.to != to)
            continue;
        if (!from.empty() && message.from != from)
            continue;
        const std::string day = dayOf(message.sent.value_or(message.created));
        if ((!sentOnOrAfter.empty() && day < sentOnOrAfter)
            || (!sentOnOrBefore.empty() && day > sentOnOrBefore) || (!sentOn.empty() && day != sentOn)) {
            continue;
        }
        matching.push_back(message);
    }
    std::reverse(matching.begin(), matching.end()); // newest first

    const auto start = static_cast<std::size_t>(page) * static_cast<std::size_t>(pageSize);
    Poco::JSON::Array messages;
    for (std::size_t i = start; i < matching.size() && i < start + static_cast<std::size_t>(pageSize); ++i)
        messages.add(resource(matching[i]));
    const bool more = matching.size() > start + static_cast<std::size_t>(pageSize);

    Poco::JSON::Object json(Poco::JSON_PRESERVE_KEY_ORDER);
    json.set("end", static_cast<int>(start + messages.size()) - 1);
    json.set("first_page_uri", listUri(m_accountSid, pageSize, 0));
    json.set("messages", messages);
    json.set("next_page_uri",
             more ? Poco::Dynamic::Var(listUri(m_accountSid, pageSize, page + 1)) : Poco::Dynamic::Var());
    json.set("page", page);
    json.set("page_size", pageSize);
    json.set("previous_page_uri",
             page > 0 ? Poco::Dynamic::Var(listUri(m_accountSid, pageSize, page - 1)) : Poco::Dynamic::Var());
    json.set("start", static_cast<int>(start));
    json.set("uri", listUri(m_accountSid, pageSize, page));
    relay::sendJson(response, HTTPResponse::HTTP_OK, json);
}

} // namespace callsnare::standin
