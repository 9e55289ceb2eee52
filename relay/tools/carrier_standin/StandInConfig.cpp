#include "relay/tools/carrier_standin/StandInConfig.h"

#include "relay/tools/carrier_standin/TwilioWire.h"

#include <Poco/NumberParser.h>
#include <Poco/URI.h>

namespace callsnare::standin {

std::optional<std::string> StandInConfig::tokenFor(const std::string& accountSid) const
{
    const auto found = accounts.find(accountSid);
    return found == accounts.end() ? std::nullopt : std::optional<std::string>(found->second);
}

std::string StandInConfig::signedBaseUrl() const
{
    return relayPublicUrl.empty() ? relayUrl : relayPublicUrl;
}

std::string StandInConfig::setListen(const std::string& value)
{
    const auto colon = value.rfind(':');
    unsigned port = 0;
    if (colon == std::string::npos || colon == 0
        || !Poco::NumberParser::tryParseUnsigned(value.substr(colon + 1), port) || port > 65535) {
        return "--listen: expected HOST:PORT with a port from 0 to 65535";
    }
    listenHost = value.substr(0, colon);
    if (listenHost.size() > 2 && listenHost.front() == '[' && listenHost.back() == ']')
        listenHost = listenHost.substr(1, listenHost.size() - 2);
    listenPort = static_cast<std::uint16_t>(port);
    return {};
}

std::string StandInConfig::setPortFile(const std::string& value)
{
    // The port file is replaced by a rename: never a device.
    if (value.empty() || value.rfind("/dev/", 0) == 0 || value == "/dev")
        return "--port-file: '" + value + "' is not a usable file path";
    portFile = value;
    return {};
}

std::string StandInConfig::addAccount(const std::string& value)
{
    const auto colon = value.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == value.size())
        return "--account: expected SID:TOKEN";
    const std::string sid = value.substr(0, colon);
    if (sid.rfind("AC", 0) != 0)
        return "--account: the account sid must start with AC";
    accounts[sid] = value.substr(colon + 1);
    return {};
}

std::string StandInConfig::addServiceNumber(const std::string& value)
{
    const auto colon = value.find(':');
    if (colon == std::string::npos || value.rfind("MG", 0) != 0
        || !TwilioWire::isE164(value.substr(colon + 1)))
        return "--service-number: expected MG...:+E164";
    serviceNumbers[value.substr(0, colon)] = value.substr(colon + 1);
    return {};
}

std::string StandInConfig::checkUrl(const std::string& value)
{
    try {
        const Poco::URI uri(value);
        if (uri.getScheme() != "http" || uri.getHost().empty())
            return "expected an http:// URL with a host";
    } catch (const Poco::Exception&) {
        return "'" + value + "' is not a URL";
    }
    return {};
}

} // namespace callsnare::standin
