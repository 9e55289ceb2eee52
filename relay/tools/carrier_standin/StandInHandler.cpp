#include "relay/tools/carrier_standin/StandInHandler.h"

#include "relay/server/JsonResponse.h"
#include "relay/server/RequestBody.h"

#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

#include <chrono>

namespace callsnare::standin {

namespace {

// Twilio refuses bodies far smaller than this; a test never needs more.
constexpr std::size_t MaxBodyBytes = 256 * 1024;

Poco::Logger& logger()
{
    return Poco::Logger::get("callsnare.standin.http");
}

} // namespace

void StandInHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                   Poco::Net::HTTPServerResponse& response)
{
    const auto started = std::chrono::steady_clock::now();
    relay::LogFields log;
    try {
        serve(request, response, log);
    } catch (const std::exception& error) {
        log.emplace_back("exception", std::string(error.what()));
        if (!response.sent())
            sendControlError(response, 500, "internal_error", "The stand-in failed on this request.");
    }
    std::string path;
    try {
        path = Poco::URI(request.getURI()).getPath();
    } catch (const Poco::Exception&) {
        path = "(unparsable)";
    }
    const auto micros
        = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started)
              .count();
    relay::LogFields fields{{"method", request.getMethod()},
                            {"path", path},
                            {"status", response.sent() ? static_cast<int>(response.getStatus()) : 0},
                            {"duration_ms", static_cast<double>(micros) / 1000.0}};
    fields.insert(fields.end(), log.begin(), log.end());
    relay::logEvent(logger(), Poco::Message::PRIO_INFORMATION, "request", fields);
}

void StandInHandler::sendControlError(Poco::Net::HTTPServerResponse& response, int status,
                                      const std::string& code, const std::string& message)
{
    relay::sendError(response, static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status), code, message);
}

bool StandInHandler::readBody(Poco::Net::HTTPServerRequest& request, std::string& body)
{
    return relay::readBody(request, MaxBodyBytes, body);
}

Poco::JSON::Object::Ptr StandInHandler::readJsonObject(Poco::Net::HTTPServerRequest& request,
                                                       Poco::Net::HTTPServerResponse& response)
{
    std::string body;
    if (!readBody(request, body)) {
        response.setKeepAlive(false);
        sendControlError(response, 413, "body_too_large", "The request body is too large.");
        return nullptr;
    }
    try {
        Poco::JSON::Parser parser;
        const Poco::Dynamic::Var parsed = parser.parse(body.empty() ? std::string("{}") : body);
        if (parsed.type() == typeid(Poco::JSON::Object::Ptr))
            return parsed.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
        // answered below
    }
    sendControlError(response, 400, "invalid_json", "The body must be a JSON object.");
    return nullptr;
}

} // namespace callsnare::standin

namespace callsnare::standin {

bool StandInHandler::stringField(const Poco::JSON::Object& json, const std::string& name, bool required,
                                 std::string& value, std::string& error)
{
    if (!json.has(name) || json.isNull(name)) {
        if (required)
            error = "The field " + name + " is required.";
        return !required;
    }
    const Poco::Dynamic::Var field = json.get(name);
    if (!field.isString()) {
        error = "The field " + name + " must be a string.";
        return false;
    }
    value = field.convert<std::string>();
    if (required && value.empty()) {
        error = "The field " + name + " must not be empty.";
        return false;
    }
    return true;
}

bool StandInHandler::intField(const Poco::JSON::Object& json, const std::string& name, bool required,
                              int& value, std::string& error)
{
    if (!json.has(name) || json.isNull(name)) {
        if (required)
            error = "The field " + name + " is required.";
        return !required;
    }
    const Poco::Dynamic::Var field = json.get(name);
    if (!field.isInteger()) {
        error = "The field " + name + " must be an integer.";
        return false;
    }
    value = field.convert<int>();
    return true;
}

bool StandInHandler::boolField(const Poco::JSON::Object& json, const std::string& name, bool& value,
                               std::string& error)
{
    if (!json.has(name) || json.isNull(name))
        return true;
    const Poco::Dynamic::Var field = json.get(name);
    if (!field.isBoolean()) {
        error = "The field " + name + " must be true or false.";
        return false;
    }
    value = field.convert<bool>();
    return true;
}

void StandInHandler::sendMethodNotAllowed(Poco::Net::HTTPServerResponse& response)
{
    sendControlError(response, 405, "method_not_allowed", "This method is not allowed on this path.");
}

} // namespace callsnare::standin
