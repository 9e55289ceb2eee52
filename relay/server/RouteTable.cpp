#include "relay/server/RouteTable.h"

#include <stdexcept>

namespace callsnare::relay {

void RouteTable::add(std::string method, std::string path, HandlerMaker make)
{
    auto& methods = m_routes[path];
    if (methods.contains(method))
        throw std::logic_error("route registered twice: " + method + " " + path);
    methods.emplace(std::move(method), std::move(make));
}

RouteTable::Lookup RouteTable::find(const std::string& method, const std::string& path) const
{
    Lookup lookup;
    const auto route = m_routes.find(path);
    if (route == m_routes.end())
        return lookup;
    lookup.route = path;
    if (const auto handler = route->second.find(method); handler != route->second.end()) {
        lookup.outcome = Outcome::Found;
        lookup.make = &handler->second;
        return lookup;
    }
    lookup.outcome = Outcome::MethodNotAllowed;
    for (const auto& [allowed, unused] : route->second) {
        if (!lookup.allow.empty())
            lookup.allow += ", ";
        lookup.allow += allowed;
    }
    return lookup;
}

std::vector<std::string> RouteTable::paths() const
{
    std::vector<std::string> paths;
    for (const auto& [path, unused] : m_routes)
        paths.push_back(path);
    return paths;
}

} // namespace callsnare::relay
