#pragma once

#include "relay/server/JsonLog.h"

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <string>

namespace callsnare::standin {

struct StandInConfig;
class StandInLedger;
class StatusCallbackWorker;

// What every handler works with; all outlive the server.
struct StandInServices {
    const StandInConfig& config;
    StandInLedger& ledger;
    StatusCallbackWorker& callbacks;
};

// One route's handler. handleRequest() writes one JSON log line per request
// (method, path without query, status, duration, and what serve() adds) and
// turns an escaping exception into a 500, so no handler repeats either.
class StandInHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit StandInHandler(StandInServices services) : m_services(services) { }

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) final;

protected:
    // `log` collects fields for the request's log line; never a token.
    virtual void serve(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                       relay::LogFields& log)
        = 0;

    // The control API's error shape {"error": {"code", "message"}}.
    static void sendControlError(Poco::Net::HTTPServerResponse& response, int status, const std::string& code,
                                 const std::string& message);
    // Reads a JSON object body; on failure answers 400 and returns null.
    static Poco::JSON::Object::Ptr readJsonObject(Poco::Net::HTTPServerRequest& request,
                                                  Poco::Net::HTTPServerResponse& response);
    // Reads the whole body up to limit bytes; false when it is larger.
    static bool readBody(Poco::Net::HTTPServerRequest& request, std::string& body);
    // A control field: *error set when it is missing (and required) or not a
    // string / an integer / a boolean. Absent optional fields leave `value` alone.
    static bool stringField(const Poco::JSON::Object& json, const std::string& name, bool required,
                            std::string& value, std::string& error);
    static bool intField(const Poco::JSON::Object& json, const std::string& name, bool required, int& value,
                         std::string& error);
    static bool boolField(const Poco::JSON::Object& json, const std::string& name, bool& value,
                          std::string& error);
    static void sendMethodNotAllowed(Poco::Net::HTTPServerResponse& response);

    StandInServices m_services;
};

} // namespace callsnare::standin
