#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace callsnare::standin {

// The stand-in's command line, checked.
struct StandInConfig {
    std::string listenHost = "127.0.0.1";
    std::uint16_t listenPort = 0;
    std::string portFile;
    std::map<std::string, std::string> accounts; // AccountSid -> auth token
    std::set<std::string> advancedOptOut; // accounts with Twilio Advanced Opt-Out
    std::map<std::string, std::string> serviceNumbers; // MessagingServiceSid -> the number it sends from
    std::string relayUrl; // where webhooks go, no trailing slash
    std::string relayPublicUrl; // what they are signed over, no trailing slash

    // The auth token of a configured account.
    std::optional<std::string> tokenFor(const std::string& accountSid) const;
    // The base URL webhooks are signed over: relayPublicUrl, else relayUrl.
    std::string signedBaseUrl() const;

    // Each parser returns an error sentence, empty when the value was taken.
    std::string setListen(const std::string& value);
    std::string setPortFile(const std::string& value);
    std::string addAccount(const std::string& value); // SID:TOKEN
    std::string addServiceNumber(const std::string& value); // MG...:+1...
    static std::string checkUrl(const std::string& value);
};

} // namespace callsnare::standin
