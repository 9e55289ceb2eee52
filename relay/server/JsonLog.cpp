#include "relay/server/JsonLog.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/FormattingChannel.h>
#include <Poco/JSON/Object.h>

#include <sstream>

namespace callsnare::relay {

namespace {
const std::string kFieldsParameter = "fields";
}

std::string JsonLogFormatter::levelName(Poco::Message::Priority priority)
{
    switch (priority) {
    case Poco::Message::PRIO_FATAL:
        return "fatal";
    case Poco::Message::PRIO_CRITICAL:
        return "critical";
    case Poco::Message::PRIO_ERROR:
        return "error";
    case Poco::Message::PRIO_WARNING:
        return "warning";
    case Poco::Message::PRIO_NOTICE:
        return "notice";
    case Poco::Message::PRIO_INFORMATION:
        return "info";
    case Poco::Message::PRIO_DEBUG:
        return "debug";
    case Poco::Message::PRIO_TRACE:
        return "trace";
    }
    return "info";
}

void JsonLogFormatter::format(const Poco::Message& message, std::string& text)
{
    Poco::JSON::Object line(Poco::JSON_PRESERVE_KEY_ORDER);
    line.set("time", Poco::DateTimeFormatter::format(message.getTime(), "%Y-%m-%dT%H:%M:%S.%iZ"));
    line.set("level", levelName(message.getPriority()));
    line.set("logger", message.getSource());
    line.set("message", message.getText());
    std::ostringstream out;
    line.stringify(out);
    text = out.str();
    // The fields are a serialized object already: splice its members in.
    if (message.has(kFieldsParameter)) {
        const std::string& fields = message.get(kFieldsParameter);
        if (fields.size() > 2 && fields.front() == '{' && fields.back() == '}') {
            text.pop_back();
            text += ',';
            text.append(fields, 1, std::string::npos);
        }
    }
}

void logEvent(Poco::Logger& logger, Poco::Message::Priority priority, std::string_view message,
              const LogFields& fields)
{
    if (!logger.is(priority))
        return;
    Poco::Message entry(logger.name(), std::string(message), priority);
    if (!fields.empty()) {
        Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
        for (const auto& [name, value] : fields) {
            // The line's own keys cannot be overwritten by a field.
            const bool reserved = name == "time" || name == "level" || name == "logger" || name == "message";
            object.set(reserved ? "field_" + name : name, value);
        }
        std::ostringstream out;
        object.stringify(out);
        entry.set(kFieldsParameter, out.str());
    }
    logger.log(entry);
}

void installJsonLogging(const std::string& level)
{
    Poco::AutoPtr<Poco::ConsoleChannel> console(new Poco::ConsoleChannel);
    Poco::AutoPtr<Poco::FormattingChannel> channel(
        new Poco::FormattingChannel(new JsonLogFormatter, console));
    // Every existing logger and the root, so loggers created later inherit both.
    Poco::Logger::setChannel("", channel);
    Poco::Logger::setLevel("", Poco::Logger::parseLevel(level));
}

} // namespace callsnare::relay
