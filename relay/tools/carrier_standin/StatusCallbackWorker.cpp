#include "relay/tools/carrier_standin/StatusCallbackWorker.h"

#include "relay/server/JsonLog.h"
#include "relay/tools/carrier_standin/StandInConfig.h"
#include "relay/tools/carrier_standin/StandInLedger.h"
#include "relay/tools/carrier_standin/WebhookPoster.h"

namespace callsnare::standin {

namespace {

Poco::Logger& logger()
{
    return Poco::Logger::get("callsnare.standin.callbacks");
}

} // namespace

StatusCallbackWorker::StatusCallbackWorker(const StandInConfig& config, StandInLedger& ledger)
    : m_config(config), m_ledger(ledger)
{
}

StatusCallbackWorker::~StatusCallbackWorker()
{
    stop();
}

void StatusCallbackWorker::start()
{
    m_thread = std::thread([this] { run(); });
}

std::size_t StatusCallbackWorker::stop()
{
    std::size_t dropped = 0;
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
        dropped = m_queue.size();
        m_queue.clear();
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    return dropped;
}

void StatusCallbackWorker::enqueue(const std::string& messageSid)
{
    {
        const std::lock_guard lock(m_mutex);
        m_queue.push_back(messageSid);
    }
    m_wake.notify_one();
}

void StatusCallbackWorker::run()
{
    for (;;) {
        std::string sid;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_stopping)
                return;
            sid = std::move(m_queue.front());
            m_queue.pop_front();
        }
        progress(sid);
    }
}

void StatusCallbackWorker::progress(const std::string& messageSid)
{
    const std::optional<SentMessage> message = m_ledger.message(messageSid);
    if (!message)
        return; // cleared by the control API meanwhile
    advance(*message, "sent", std::nullopt);
    const FinalDelivery final = m_ledger.deliveryFor(message->to);
    advance(*message, final.status, final.status == "delivered" ? std::nullopt : final.errorCode);
}

void StatusCallbackWorker::advance(const SentMessage& message, const std::string& status,
                                   std::optional<int> errorCode)
{
    const Clock::time_point now = Clock::now();
    m_ledger.updateStatus(message.sid, status, errorCode, now);
    if (message.statusCallback.empty())
        return;
    const std::optional<std::string> token = m_config.tokenFor(message.accountSid);
    if (!token)
        return;

    relay::FormParams params{{"MessageSid", message.sid},
                             {"SmsSid", message.sid},
                             {"MessageStatus", status},
                             {"SmsStatus", status},
                             {"AccountSid", message.accountSid},
                             {"To", message.to},
                             {"ApiVersion", TwilioWire::ApiVersion}};
    std::string from = message.from;
    if (from.empty()) {
        const auto number = m_config.serviceNumbers.find(message.messagingServiceSid);
        if (number != m_config.serviceNumbers.end())
            from = number->second;
    }
    if (!from.empty())
        params.push_back({"From", from});
    if (!message.messagingServiceSid.empty())
        params.push_back({"MessagingServiceSid", message.messagingServiceSid});
    if (errorCode && (status == "undelivered" || status == "failed"))
        params.push_back({"ErrorCode", std::to_string(*errorCode)});
    if (status == "delivered" || status == "undelivered")
        params.push_back({"RawDlrDoneDate", TwilioWire::rawDlrDoneDate(now)});

    // The same token on a retry of this callback: it names the delivery, not the attempt.
    const WebhookDelivery delivery
        = WebhookPoster::post(message.statusCallback, message.statusCallback, *token, params,
                              {{"I-Twilio-Idempotency-Token", message.sid + "-" + status}});
    relay::logEvent(logger(),
                    delivery.status == 0 ? Poco::Message::PRIO_WARNING : Poco::Message::PRIO_INFORMATION,
                    "status callback",
                    {{"message_sid", message.sid},
                     {"status", status},
                     {"http_status", delivery.status},
                     {"attempts", delivery.attempts},
                     {"error", delivery.error}});
}

} // namespace callsnare::standin
