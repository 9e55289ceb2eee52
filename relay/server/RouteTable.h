#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace callsnare::relay {

// Makes a fresh handler for one request; Poco deletes it after the request.
using HandlerMaker = std::function<Poco::Net::HTTPRequestHandler*()>;

// Exact-path routes, filled at startup and only read afterwards, so lookups
// need no lock. The registered path doubles as the route's metrics label.
class RouteTable {
public:
    enum class Outcome { Found, NotFound, MethodNotAllowed };

    struct Lookup {
        Outcome outcome = Outcome::NotFound;
        const HandlerMaker* make = nullptr; // set when Found
        std::string route; // the registered path, or empty when NotFound
        std::string allow; // "GET, POST" when MethodNotAllowed
    };

    // Throws std::logic_error for a duplicate method and path: a programming
    // error that must stop the relay at startup.
    void add(std::string method, std::string path, HandlerMaker make);

    // path is the request path without the query string.
    Lookup find(const std::string& method, const std::string& path) const;

    std::vector<std::string> paths() const;

private:
    std::map<std::string, std::map<std::string, HandlerMaker>> m_routes; // path -> method -> maker
};

} // namespace callsnare::relay
