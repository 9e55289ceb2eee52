#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <string_view>

namespace callsnare::relay {

// The one place where the relay writes JSON bodies. Every failure of every
// handler goes out as {"error": {"code": "snake_code", "message": "Sentence."}}
// through sendError, so clients parse one shape.

// Sends body as application/json with the given status; sets Content-Length
// so keep-alive connections stay usable.
void sendJson(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
              const Poco::JSON::Object& body);

// Sends the error shape. code is a stable snake_case identifier clients may
// switch on; message is a human sentence without secrets.
void sendError(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
               std::string_view code, std::string_view message);

// The error shape as an object, for callers that embed or test it.
Poco::JSON::Object errorBody(std::string_view code, std::string_view message);

} // namespace callsnare::relay
