#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/Formatter.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace callsnare::relay {

// Structured fields of one log line. Never put a secret (auth token, signature,
// passphrase, full request body) in a field or a message.
using LogFields = std::vector<std::pair<std::string, Poco::Dynamic::Var>>;

// Formats Poco messages as one JSON object per line:
// {"time":"2026-07-01T15:00:00.123Z","level":"info","logger":"callsnare.relay.http","message":"...",...fields}
// Poco 1.11 messages cannot list their parameters, so logEvent() passes the
// fields as one serialized JSON object in the parameter "fields".
class JsonLogFormatter : public Poco::Formatter {
public:
    void format(const Poco::Message& message, std::string& text) override;

    static std::string levelName(Poco::Message::Priority priority);
};

// Logs message with fields through logger, skipping all work when the level is off.
void logEvent(Poco::Logger& logger, Poco::Message::Priority priority, std::string_view message,
              const LogFields& fields = {});

// Routes every Poco logger to stderr as JSON lines at the given level name
// ("debug", "information", ...; RelayConfig validates it).
void installJsonLogging(const std::string& level);

} // namespace callsnare::relay
