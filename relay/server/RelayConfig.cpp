#include "relay/server/RelayConfig.h"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/String.h>
#include <Poco/Util/AbstractConfiguration.h>
#include <Poco/Util/IniFileConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <set>

namespace callsnare::relay {

using domain::makeError;
using domain::Result;

namespace {

// Where a value came from, for error messages that tell the operator what to fix.
struct Provided {
    std::string text;
    std::string origin;
};

std::optional<Provided> pick(const ConfigSources& sources, const SettingSpec& spec)
{
    if (const auto it = sources.flags.find(spec.key); it != sources.flags.end())
        return Provided{it->second, "--" + spec.flag};
    if (const auto it = sources.environment.find(spec.key); it != sources.environment.end())
        return Provided{it->second, RelayConfig::environmentName(spec.key)};
    if (const auto it = sources.file.find(spec.key); it != sources.file.end())
        return Provided{it->second, "config file key " + spec.key};
    return std::nullopt;
}

domain::Error invalid(const Provided& value, const std::string& expected)
{
    return makeError("invalid_config",
                     "invalid value '" + value.text + "' for " + value.origin + ": " + expected);
}

std::optional<long long> parseInteger(const std::string& text, long long min, long long max)
{
    long long number = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, number);
    if (ec != std::errc() || ptr != end || text.empty() || number < min || number > max)
        return std::nullopt;
    return number;
}

std::optional<bool> parseBool(const std::string& text)
{
    const std::string lower = Poco::toLower(text);
    if (lower == "true" || lower == "yes" || lower == "on" || lower == "1")
        return true;
    if (lower == "false" || lower == "no" || lower == "off" || lower == "0")
        return false;
    return std::nullopt;
}

bool startsWith(const std::string& text, std::string_view prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

// "host:port" or "[ipv6]:port".
bool parseListen(const std::string& text, std::string& host, std::uint16_t& port)
{
    std::string portText;
    if (startsWith(text, "[")) {
        const auto close = text.find(']');
        if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':')
            return false;
        host = text.substr(1, close - 1);
        portText = text.substr(close + 2);
    } else {
        const auto colon = text.rfind(':');
        if (colon == std::string::npos || text.find(':') != colon)
            return false;
        host = text.substr(0, colon);
        portText = text.substr(colon + 1);
    }
    const auto number = parseInteger(portText, 0, 65535);
    if (host.empty() || !number)
        return false;
    port = static_cast<std::uint16_t>(*number);
    return true;
}

const std::set<std::string>& logLevels()
{
    static const std::set<std::string> levels{"none",   "fatal",       "critical", "error", "warning",
                                              "notice", "information", "debug",    "trace"};
    return levels;
}

} // namespace

const std::vector<SettingSpec>& RelayConfig::settings()
{
    static const std::vector<SettingSpec> specs{
        {"listen", "listen", "HOST:PORT", "address to listen on (port 0: any free port)"},
        {"data-dir", "data-dir", "DIR", "directory for the embedded database and state"},
        {"database", "database", "URI",
         "sqlite:PATH or postgresql://... (default: SQLite under the data dir)"},
        {"public-url", "public-url", "URL", "base URL carriers call; used to check webhook signatures"},
        {"config", "config", "FILE", "properties file (or .ini) with any of these settings"},
        {"port-file", "port-file", "FILE", "file to write the bound port to once listening"},
        {"http.max-threads", "max-threads", "N", "request threads (1-1024)"},
        {"http.max-queued", "max-queued", "N", "connections waiting for a thread (1-100000)"},
        {"http.keep-alive", "keep-alive", "BOOL", "keep HTTP connections open between requests"},
        {"http.max-body-bytes", "max-body-bytes", "N", "largest accepted request body"},
        {"http.drain-timeout-ms", "drain-timeout-ms", "MS", "how long SIGTERM waits for requests in flight"},
        {"tls.certificate", "tls-certificate", "FILE", "PEM certificate chain; enables HTTPS"},
        {"tls.key", "tls-key", "FILE", "PEM private key for the certificate"},
        {"log.level", "log-level", "LEVEL", "debug, information, warning, error, ..."},
        {"twilio.api-base", "twilio-api-base", "URL",
         "Twilio REST API base URL (default https://api.twilio.com)"},
        {"sender.threads", "sender-threads", "N", "threads posting texts to the carrier (1-64)"},
    };
    return specs;
}

std::string RelayConfig::environmentName(const std::string& key)
{
    std::string name = "CALLSNARE_RELAY_";
    for (const char c : key)
        name += (c == '.' || c == '-') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

SettingValues
RelayConfig::fromEnvironment(const std::function<std::optional<std::string>(const std::string&)>& lookup)
{
    SettingValues values;
    for (const SettingSpec& spec : settings()) {
        if (auto value = lookup(environmentName(spec.key)))
            values[spec.key] = *value;
    }
    return values;
}

Result<SettingValues> RelayConfig::readFile(const std::string& path)
{
    Poco::AutoPtr<Poco::Util::AbstractConfiguration> file;
    try {
        if (Poco::toLower(std::filesystem::path(path).extension().string()) == ".ini")
            file = new Poco::Util::IniFileConfiguration(path);
        else
            file = new Poco::Util::PropertyFileConfiguration(path);
    } catch (const Poco::Exception& error) {
        return makeError("invalid_config", "cannot read config file " + path + ": " + error.displayText());
    }

    std::set<std::string> known;
    for (const SettingSpec& spec : settings()) {
        if (spec.key != "config")
            known.insert(spec.key);
    }

    SettingValues values;
    // Walk every leaf key so an unknown or misspelt key is reported.
    std::vector<std::string> pending{""};
    while (!pending.empty()) {
        const std::string prefix = pending.back();
        pending.pop_back();
        Poco::Util::AbstractConfiguration::Keys keys;
        file->keys(prefix, keys);
        for (const std::string& key : keys) {
            const std::string full = prefix.empty() ? key : prefix + "." + key;
            Poco::Util::AbstractConfiguration::Keys children;
            file->keys(full, children);
            if (!children.empty()) {
                pending.push_back(full);
                continue;
            }
            if (!known.contains(full))
                return makeError("invalid_config", "unknown setting '" + full + "' in config file " + path);
            values[full] = Poco::trim(file->getRawString(full));
        }
    }
    return values;
}

std::string RelayConfig::databaseUri() const
{
    if (!database.empty())
        return database;
    return "sqlite:" + (std::filesystem::path(dataDir) / "relay.db").string();
}

std::string RelayConfig::publicBaseUrl() const
{
    if (!publicUrl.empty())
        return publicUrl;
    const bool v6 = listenHost.find(':') != std::string::npos;
    const std::string host = v6 ? "[" + listenHost + "]" : listenHost;
    return std::string(tlsEnabled() ? "https://" : "http://") + host + ":" + std::to_string(listenPort);
}

Result<RelayConfig> RelayConfig::resolve(const ConfigSources& sources)
{
    RelayConfig config;
    for (const SettingSpec& spec : settings()) {
        const std::optional<Provided> value = pick(sources, spec);
        if (!value)
            continue;
        const std::string& text = value->text;
        const std::string& key = spec.key;

        if (key == "listen") {
            if (!parseListen(text, config.listenHost, config.listenPort))
                return invalid(*value, "expected HOST:PORT with a port from 0 to 65535");
        } else if (key == "data-dir") {
            if (text.empty())
                return invalid(*value, "expected a directory");
            config.dataDir = text;
        } else if (key == "database") {
            if (!text.empty() && !startsWith(text, "sqlite:") && !startsWith(text, "postgresql://")
                && !startsWith(text, "postgres://"))
                return invalid(*value, "expected sqlite:PATH or postgresql://...");
            config.database = text;
        } else if (key == "public-url") {
            if (!text.empty() && !startsWith(text, "http://") && !startsWith(text, "https://"))
                return invalid(*value, "expected an http:// or https:// URL");
            config.publicUrl = text;
            while (config.publicUrl.ends_with('/'))
                config.publicUrl.pop_back();
        } else if (key == "config") {
            config.configFile = text;
        } else if (key == "port-file") {
            config.portFile = text;
        } else if (key == "http.max-threads") {
            const auto number = parseInteger(text, 1, 1024);
            if (!number)
                return invalid(*value, "expected a whole number from 1 to 1024");
            config.maxThreads = static_cast<int>(*number);
        } else if (key == "http.max-queued") {
            const auto number = parseInteger(text, 1, 100000);
            if (!number)
                return invalid(*value, "expected a whole number from 1 to 100000");
            config.maxQueued = static_cast<int>(*number);
        } else if (key == "http.keep-alive") {
            const auto flag = parseBool(text);
            if (!flag)
                return invalid(*value, "expected true or false");
            config.keepAlive = *flag;
        } else if (key == "http.max-body-bytes") {
            const auto number = parseInteger(text, 1, 64LL * 1024 * 1024);
            if (!number)
                return invalid(*value, "expected a whole number of bytes from 1 to 67108864");
            config.maxBodyBytes = static_cast<std::size_t>(*number);
        } else if (key == "http.drain-timeout-ms") {
            const auto number = parseInteger(text, 0, 600000);
            if (!number)
                return invalid(*value, "expected milliseconds from 0 to 600000");
            config.drainTimeout = std::chrono::milliseconds(*number);
        } else if (key == "tls.certificate" || key == "tls.key") {
            std::error_code error;
            if (!std::filesystem::is_regular_file(text, error))
                return invalid(*value, "expected a readable PEM file");
            (key == "tls.key" ? config.tlsKey : config.tlsCertificate) = text;
        } else if (key == "twilio.api-base") {
            if (!startsWith(text, "http://") && !startsWith(text, "https://"))
                return invalid(*value, "expected an http:// or https:// URL");
            config.twilioApiBase = text;
            while (config.twilioApiBase.ends_with('/'))
                config.twilioApiBase.pop_back();
        } else if (key == "sender.threads") {
            const auto number = parseInteger(text, 1, 64);
            if (!number)
                return invalid(*value, "expected a whole number from 1 to 64");
            config.senderThreads = static_cast<int>(*number);
        } else if (key == "log.level") {
            const std::string level = Poco::toLower(text) == "info" ? "information" : Poco::toLower(text);
            if (!logLevels().contains(level))
                return invalid(*value, "expected one of debug, information, notice, warning, error, none");
            config.logLevel = level;
        }
    }
    if (config.tlsCertificate.empty() != config.tlsKey.empty())
        return makeError("invalid_config", "tls.certificate and tls.key must be configured together");
    return config;
}

} // namespace callsnare::relay
