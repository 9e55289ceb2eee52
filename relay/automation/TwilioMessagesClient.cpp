#include "relay/automation/TwilioMessagesClient.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/Socket.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <memory>
#include <sstream>

namespace callsnare::relay {

namespace {

using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;

std::unique_ptr<Poco::Net::HTTPClientSession> openSession(const Poco::URI& base,
                                                          std::chrono::milliseconds timeout)
{
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (base.getScheme() == "https") {
        static const Poco::Net::Context::Ptr context = new Poco::Net::Context(
            Poco::Net::Context::TLS_CLIENT_USE, "", "", "", Poco::Net::Context::VERIFY_RELAXED, 9, true);
        session = std::make_unique<Poco::Net::HTTPSClientSession>(base.getHost(), base.getPort(), context);
    } else {
        session = std::make_unique<Poco::Net::HTTPClientSession>(base.getHost(), base.getPort());
    }
    session->setTimeout(Poco::Timespan(static_cast<long>(timeout.count() / 1000),
                                       static_cast<long>((timeout.count() % 1000) * 1000)));
    return session;
}

std::string messagesPath(const Poco::URI& base, const std::string& accountSid)
{
    std::string path = base.getPath();
    if (!path.empty() && path.back() == '/') {
        path.pop_back();
    }
    return path + "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
}

void authorize(HTTPRequest& request, const TwilioSend& text)
{
    Poco::Net::HTTPBasicCredentials(text.accountSid, text.authToken).authenticate(request);
}

Poco::JSON::Object::Ptr parseObject(const std::string& body)
{
    try {
        Poco::JSON::Parser parser;
        return parser.parse(body).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
        return nullptr;
    }
}

// Idle connections kept for reuse: more than the sender has threads is waste.
constexpr std::size_t kMaxIdleSessions = 64;
// Closed by us before a server's usual idle timeout (Poco reconnects a session
// idle for longer), so a reused connection is rarely one the carrier dropped.
constexpr long kKeepAliveSeconds = 4;

bool isRetryableStatus(int status)
{
    return status == 429 || status == 401 || status >= 500;
}

} // namespace

TwilioMessagesClient::TwilioMessagesClient(std::string apiBase, std::chrono::milliseconds timeout)
    : m_apiBase(std::move(apiBase)), m_timeout(timeout)
{
}

TwilioMessagesClient::~TwilioMessagesClient() = default;

TwilioMessagesClient::Session TwilioMessagesClient::takeSession() const
{
    Session session;
    {
        const std::lock_guard lock(m_idleMutex);
        if (!m_idle.empty()) {
            session = std::move(m_idle.back());
            m_idle.pop_back();
        }
    }
    if (session) {
        // An idle connection that is readable was closed by the carrier (or
        // holds stray bytes): reconnect rather than send into it and lose the
        // answer.
        try {
            if (session->connected()
                && session->socket().poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) {
                session->reset();
            }
        } catch (const Poco::Exception&) {
            session->reset();
        }
        return session;
    }
    session = openSession(Poco::URI(m_apiBase), m_timeout);
    session->setKeepAlive(true);
    session->setKeepAliveTimeout(Poco::Timespan(kKeepAliveSeconds, 0));
    return session;
}

void TwilioMessagesClient::returnSession(Session session) const
{
    const std::lock_guard lock(m_idleMutex);
    if (m_idle.size() < kMaxIdleSessions) {
        m_idle.push_back(std::move(session));
    }
}

SendOutcome TwilioMessagesClient::send(const TwilioSend& text) const
{
    SendOutcome outcome;
    const Poco::URI base(m_apiBase);
    Poco::Net::HTMLForm form;
    form.set("To", text.to);
    if (!text.messagingServiceSid.empty()) {
        form.set("MessagingServiceSid", text.messagingServiceSid);
    } else {
        form.set("From", text.from);
    }
    form.set("Body", text.body);
    if (!text.statusCallback.empty()) {
        form.set("StatusCallback", text.statusCallback);
    }
    HTTPRequest request(HTTPRequest::HTTP_POST, messagesPath(base, text.accountSid), HTTPRequest::HTTP_1_1);
    authorize(request, text);
    if (!text.idempotencyToken.empty()) {
        request.set("I-Twilio-Idempotency-Token", text.idempotencyToken);
    }
    form.prepareSubmit(request);

    bool requestSent = false;
    try {
        Session session = takeSession();
        std::ostream& out = session->sendRequest(request);
        form.write(out);
        requestSent = true;
        HTTPResponse response;
        std::istream& in = session->receiveResponse(response);
        std::string body;
        Poco::StreamCopier::copyToString(in, body);
        // The whole answer was read: the connection is ready for the next text
        // (Poco reconnects when the carrier asked to close it).
        returnSession(std::move(session));
        outcome.httpStatus = static_cast<int>(response.getStatus());
        const auto json = parseObject(body);
        if (outcome.httpStatus == HTTPResponse::HTTP_CREATED || outcome.httpStatus == HTTPResponse::HTTP_OK) {
            if (json && json->has("sid")) {
                outcome.kind = SendOutcomeKind::Accepted;
                outcome.sid = json->getValue<std::string>("sid");
                return outcome;
            }
            outcome.kind = SendOutcomeKind::Unknown;
            outcome.message = "the carrier accepted the text without a message sid";
            return outcome;
        }
        if (json && json->has("code") && !json->isNull("code")) {
            outcome.errorCode = json->getValue<int>("code");
        }
        const std::string carrierMessage
            = json && json->has("message") ? json->getValue<std::string>("message") : "";
        outcome.message = "carrier answered HTTP " + std::to_string(outcome.httpStatus)
            + (outcome.errorCode ? " (error " + std::to_string(*outcome.errorCode) + ")" : std::string())
            + (carrierMessage.empty() ? std::string() : ": " + carrierMessage);
        outcome.kind = isRetryableStatus(outcome.httpStatus) || outcome.errorCode == 20429
            ? SendOutcomeKind::Retry
            : SendOutcomeKind::Rejected;
    } catch (const Poco::Exception& e) {
        outcome.kind = requestSent ? SendOutcomeKind::Unknown : SendOutcomeKind::Retry;
        outcome.message
            = std::string(requestSent ? "no answer from the carrier: " : "could not reach the carrier: ")
            + e.displayText();
    }
    return outcome;
}

domain::Result<std::vector<std::string>> TwilioMessagesClient::findSent(const TwilioSend& text,
                                                                        std::chrono::sys_seconds since) const
{
    const Poco::URI base(m_apiBase);
    Poco::URI uri(messagesPath(base, text.accountSid));
    uri.addQueryParameter("To", text.to);
    if (text.messagingServiceSid.empty()) {
        uri.addQueryParameter("From", text.from);
    }
    const Poco::Timestamp sinceStamp = Poco::Timestamp::fromEpochTime(since.time_since_epoch().count());
    uri.addQueryParameter("DateSent>", Poco::DateTimeFormatter::format(sinceStamp, "%Y-%m-%d"));
    uri.addQueryParameter("PageSize", "100");
    HTTPRequest request(HTTPRequest::HTTP_GET, uri.getPathAndQuery(), HTTPRequest::HTTP_1_1);
    authorize(request, text);
    try {
        auto session = openSession(base, m_timeout);
        session->sendRequest(request);
        HTTPResponse response;
        std::istream& in = session->receiveResponse(response);
        std::string body;
        Poco::StreamCopier::copyToString(in, body);
        if (response.getStatus() != HTTPResponse::HTTP_OK) {
            return domain::makeError("carrier_unavailable",
                                     "listing sent texts answered HTTP "
                                         + std::to_string(response.getStatus()));
        }
        const auto json = parseObject(body);
        const auto messages = json ? json->getArray("messages") : nullptr;
        if (!messages) {
            return domain::makeError("carrier_unavailable", "listing sent texts gave no \"messages\" array");
        }
        std::vector<std::string> candidates;
        for (std::size_t i = 0; i < messages->size(); ++i) {
            const auto message = messages->getObject(static_cast<unsigned>(i));
            if (!message || message->getValue<std::string>("body") != text.body) {
                continue;
            }
            int zone = 0;
            const auto created = Poco::DateTimeParser::parse(
                Poco::DateTimeFormat::RFC1123_FORMAT, message->getValue<std::string>("date_created"), zone);
            // Twilio stamps to the second; allow for clocks a little apart.
            constexpr std::time_t ClockSlackSeconds = 5;
            if (created.timestamp().epochTime() + ClockSlackSeconds >= since.time_since_epoch().count()) {
                candidates.push_back(message->getValue<std::string>("sid"));
            }
        }
        return candidates;
    } catch (const Poco::Exception& e) {
        return domain::makeError("carrier_unavailable", "could not list sent texts: " + e.displayText());
    }
}

} // namespace callsnare::relay
