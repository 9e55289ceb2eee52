#pragma once

#include <Poco/Net/HTTPServerRequest.h>

#include <cstddef>
#include <string>

namespace callsnare::relay {

// Reads the whole request body into body, refusing to read more than limit
// bytes. The server already answers 413 for a Content-Length over the limit
// before any handler runs; this also covers chunked bodies. On false the
// handler answers sendError(response, HTTP_REQUEST_ENTITY_TOO_LARGE,
// "body_too_large", ...) and the connection is not reused.
bool readBody(Poco::Net::HTTPServerRequest& request, std::size_t limit, std::string& body);

} // namespace callsnare::relay
