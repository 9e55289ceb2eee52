#pragma once

#include "domain/Result.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace callsnare::relay {

// One configurable setting. Every setting can come from a flag, from a
// CALLSNARE_RELAY_* variable and from the config file, under names derived
// from one key: key "http.max-threads" is the flag --max-threads (flag is
// given explicitly), the variable CALLSNARE_RELAY_HTTP_MAX_THREADS and the
// file key http.max-threads (or max-threads in an INI section [http]).
struct SettingSpec {
    std::string key;
    std::string flag; // long option name without the leading "--"
    std::string argument; // name of the value in --help
    std::string description;
};

// Raw text values by setting key, from one source.
using SettingValues = std::map<std::string, std::string>;

// The three sources of a configuration; resolve() applies the precedence
// flag > environment > file > built-in default.
struct ConfigSources {
    SettingValues flags;
    SettingValues environment;
    SettingValues file;
};

// The relay's validated configuration. Built only through resolve(), so a
// RelayConfig value is always usable as is.
struct RelayConfig {
    std::string listenHost = "127.0.0.1";
    std::uint16_t listenPort = 8080; // 0: the system picks a free port
    std::string dataDir = "callsnare-relay-data";
    std::string database; // as given; see databaseUri()
    std::string publicUrl; // as given; see publicBaseUrl()
    std::string configFile;
    std::string portFile; // written with the bound port once listening
    int maxThreads = 16;
    int maxQueued = 256;
    bool keepAlive = true;
    std::size_t maxBodyBytes = 64 * 1024;
    std::chrono::milliseconds drainTimeout{10000};
    std::string tlsCertificate;
    std::string tlsKey;
    std::string logLevel = "information";
    // Where texts are sent: Twilio's Messages API, or a stand-in in tests and the demo.
    std::string twilioApiBase = "https://api.twilio.com";
    // Each sender thread waits for its text's outcome to be committed (a
    // group commit, ~10 ms under load) after the carrier answered: 4 threads
    // topped out near 280 texts/s, below a 500 missed calls/s burst.
    int senderThreads = 16;

    bool tlsEnabled() const { return !tlsCertificate.empty(); }
    // The database URI to open: --database as given, else SQLite under the
    // data dir ("sqlite:<data-dir>/relay.db").
    std::string databaseUri() const;
    // The base URL carriers call, without a trailing slash: --public-url, else
    // derived from the listen address (only right for local use and tests).
    std::string publicBaseUrl() const;

    static const std::vector<SettingSpec>& settings();
    // CALLSNARE_RELAY_ + the key upper-cased with '.' and '-' as '_'.
    static std::string environmentName(const std::string& key);
    // Picks every known setting from an environment lookup.
    static SettingValues
    fromEnvironment(const std::function<std::optional<std::string>(const std::string&)>& lookup);
    // Reads a Poco properties file, or an INI file when the name ends in .ini.
    // Unknown keys are an error so that typos do not pass silently.
    static domain::Result<SettingValues> readFile(const std::string& path);
    // Applies precedence and validates; the error message is one line.
    static domain::Result<RelayConfig> resolve(const ConfigSources& sources);
};

// Exit code for bad flags, config values or config files.
inline constexpr int kExitUsage = 2;

} // namespace callsnare::relay
