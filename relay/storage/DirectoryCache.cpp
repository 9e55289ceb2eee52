#include "relay/storage/DirectoryCache.h"

namespace callsnare::relay {

std::optional<CarrierRoute> DirectoryCache::route(const std::string& key) const
{
    return find(m_routes, key);
}

void DirectoryCache::keepRoute(const std::string& key, const CarrierRoute& route)
{
    keep(m_routes, key, route);
}

std::optional<OrganizationRecord> DirectoryCache::organization(const std::string& orgId) const
{
    return find(m_organizations, orgId);
}

void DirectoryCache::keepOrganization(const std::string& orgId, const OrganizationRecord& record)
{
    keep(m_organizations, orgId, record);
}

void DirectoryCache::clear()
{
    const std::unique_lock lock(m_mutex);
    m_routes.clear();
    m_organizations.clear();
}

} // namespace callsnare::relay
