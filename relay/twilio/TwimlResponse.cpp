#include "relay/twilio/TwimlResponse.h"

namespace callsnare::relay {

std::string escapeXml(std::string_view text)
{
    std::string escaped;
    escaped.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&':
            escaped += "&amp;";
            break;
        case '<':
            escaped += "&lt;";
            break;
        case '>':
            escaped += "&gt;";
            break;
        case '"':
            escaped += "&quot;";
            break;
        case '\'':
            escaped += "&apos;";
            break;
        default:
            if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                escaped.push_back(c);
            }
            break;
        }
    }
    return escaped;
}

TwimlResponse& TwimlResponse::dial(std::string_view number, std::chrono::seconds timeout,
                                   std::string_view actionUrl)
{
    m_verbs += "<Dial timeout=\"" + std::to_string(timeout.count()) + "\" action=\"" + escapeXml(actionUrl)
        + "\" method=\"POST\">" + escapeXml(number) + "</Dial>";
    return *this;
}

TwimlResponse& TwimlResponse::say(std::string_view text)
{
    m_verbs += "<Say>" + escapeXml(text) + "</Say>";
    return *this;
}

TwimlResponse& TwimlResponse::hangup()
{
    m_verbs += "<Hangup/>";
    return *this;
}

std::string TwimlResponse::toXml() const
{
    static constexpr std::string_view prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    if (m_verbs.empty()) {
        return std::string(prolog) + "<Response/>";
    }
    return std::string(prolog) + "<Response>" + m_verbs + "</Response>";
}

} // namespace callsnare::relay
