#include "relay/server/JsonResponse.h"

#include <sstream>
#include <string>

namespace callsnare::relay {

void sendJson(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
              const Poco::JSON::Object& body)
{
    std::ostringstream text;
    body.stringify(text);
    const std::string payload = text.str();
    response.setStatusAndReason(status);
    response.setContentType("application/json");
    response.setContentLength64(static_cast<Poco::Int64>(payload.size()));
    response.sendBuffer(payload.data(), payload.size());
}

Poco::JSON::Object errorBody(std::string_view code, std::string_view message)
{
    Poco::JSON::Object::Ptr error = new Poco::JSON::Object;
    error->set("code", std::string(code));
    error->set("message", std::string(message));
    Poco::JSON::Object body;
    body.set("error", error);
    return body;
}

void sendError(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
               std::string_view code, std::string_view message)
{
    sendJson(response, status, errorBody(code, message));
}

} // namespace callsnare::relay
