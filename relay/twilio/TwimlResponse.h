#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace callsnare::relay {

// A TwiML document (the XML Twilio executes for a call, or reads after an
// inbound text): <Response> and the few verbs the relay needs, every text
// and attribute escaped.
class TwimlResponse {
public:
    static constexpr std::string_view ContentType = "text/xml; charset=utf-8";

    // <Dial timeout=".." action=".." method="POST">number</Dial>: rings
    // `number`; Twilio then posts the outcome (DialCallStatus) to `actionUrl`.
    TwimlResponse& dial(std::string_view number, std::chrono::seconds timeout, std::string_view actionUrl);
    // <Say>text</Say>
    TwimlResponse& say(std::string_view text);
    // <Hangup/>
    TwimlResponse& hangup();

    // The document: "<Response/>" when no verb was added.
    std::string toXml() const;

private:
    std::string m_verbs;
};

// Text safe inside an XML element or a double-quoted attribute: & < > " '
// escaped, and characters XML 1.0 cannot carry at all (C0 controls other than
// tab, newline and carriage return) dropped.
std::string escapeXml(std::string_view text);

} // namespace callsnare::relay
