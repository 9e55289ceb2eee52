#include "relay/tools/carrier_standin/StandInLedger.h"

#include <algorithm>

namespace callsnare::standin {

void StandInLedger::addMessage(const SentMessage& message)
{
    const std::lock_guard lock(m_mutex);
    m_messages.push_back(message);
}

std::vector<SentMessage> StandInLedger::messages() const
{
    const std::lock_guard lock(m_mutex);
    return m_messages;
}

std::optional<SentMessage> StandInLedger::message(const std::string& sid) const
{
    const std::lock_guard lock(m_mutex);
    const auto found = std::find_if(m_messages.begin(), m_messages.end(),
                                    [&](const SentMessage& message) { return message.sid == sid; });
    return found == m_messages.end() ? std::nullopt : std::optional<SentMessage>(*found);
}

void StandInLedger::updateStatus(const std::string& sid, const std::string& status,
                                 std::optional<int> errorCode, Clock::time_point at)
{
    const std::lock_guard lock(m_mutex);
    for (SentMessage& message : m_messages) {
        if (message.sid != sid)
            continue;
        message.status = status;
        message.errorCode = errorCode;
        message.updated = at;
        if (status == "sent")
            message.sent = at;
    }
}

void StandInLedger::addRequest(const ApiRequestRecord& request)
{
    const std::lock_guard lock(m_mutex);
    m_requests.push_back(request);
}

std::vector<ApiRequestRecord> StandInLedger::requests() const
{
    const std::lock_guard lock(m_mutex);
    return m_requests;
}

void StandInLedger::clearMessages()
{
    const std::lock_guard lock(m_mutex);
    m_messages.clear();
    m_requests.clear();
}

void StandInLedger::addFault(const Fault& fault)
{
    const std::lock_guard lock(m_mutex);
    m_faults.push_back(fault);
}

void StandInLedger::clearFaults()
{
    const std::lock_guard lock(m_mutex);
    m_faults.clear();
}

std::optional<Fault> StandInLedger::takeFault(const std::string& to)
{
    const std::lock_guard lock(m_mutex);
    for (auto it = m_faults.begin(); it != m_faults.end(); ++it) {
        if (!it->to.empty() && it->to != to)
            continue;
        Fault taken = *it;
        if (--it->remaining <= 0)
            m_faults.erase(it);
        return taken;
    }
    return std::nullopt;
}

void StandInLedger::setDelivery(const std::string& to, const FinalDelivery& delivery)
{
    const std::lock_guard lock(m_mutex);
    m_deliveries[to] = delivery;
}

FinalDelivery StandInLedger::deliveryFor(const std::string& to) const
{
    const std::lock_guard lock(m_mutex);
    const auto found = m_deliveries.find(to);
    return found == m_deliveries.end() ? FinalDelivery{} : found->second;
}

void StandInLedger::setOptedOut(const std::string& accountSid, const std::string& recipient,
                                const std::string& sender, bool optedOut)
{
    const std::lock_guard lock(m_mutex);
    auto key = std::make_tuple(accountSid, recipient, sender);
    if (optedOut)
        m_optedOut.insert(std::move(key));
    else
        m_optedOut.erase(key);
}

bool StandInLedger::isOptedOut(const std::string& accountSid, const std::string& recipient,
                               const std::string& sender) const
{
    const std::lock_guard lock(m_mutex);
    return m_optedOut.count(std::make_tuple(accountSid, recipient, sender)) > 0;
}

} // namespace callsnare::standin
