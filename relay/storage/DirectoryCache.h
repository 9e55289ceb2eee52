#pragma once

#include "relay/storage/OrgDirectory.h"

#include <chrono>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace callsnare::relay {

// Organizations and carrier routes read recently, so a webhook does not read
// and unseal its organization's row on every request (it did: a fifth of the
// relay's CPU under load). The admin CLI changes organizations from another
// process, so nothing here can be told about its writes; entries therefore
// live for a short time only (ttl), and only what was found is kept — a new
// organization or number is seen at once, a changed one within ttl. Writes
// through the OrgDirectory of this process clear everything.
class DirectoryCache {
public:
    explicit DirectoryCache(std::chrono::milliseconds ttl) : m_ttl(ttl) { }

    std::optional<CarrierRoute> route(const std::string& key) const;
    void keepRoute(const std::string& key, const CarrierRoute& route);
    std::optional<OrganizationRecord> organization(const std::string& orgId) const;
    void keepOrganization(const std::string& orgId, const OrganizationRecord& record);
    void clear();

private:
    using Clock = std::chrono::steady_clock;
    template <typename T> struct Entry {
        T value;
        Clock::time_point expires;
    };

    template <typename T>
    std::optional<T> find(const std::unordered_map<std::string, Entry<T>>& entries,
                          const std::string& key) const
    {
        const std::shared_lock lock(m_mutex);
        const auto found = entries.find(key);
        if (found == entries.end() || found->second.expires <= Clock::now()) {
            return std::nullopt;
        }
        return found->second.value;
    }

    template <typename T>
    void keep(std::unordered_map<std::string, Entry<T>>& entries, const std::string& key, const T& value)
    {
        if (m_ttl.count() <= 0) {
            return;
        }
        const std::unique_lock lock(m_mutex);
        entries.insert_or_assign(key, Entry<T>{value, Clock::now() + m_ttl});
    }

    const std::chrono::milliseconds m_ttl;
    mutable std::shared_mutex m_mutex;
    std::unordered_map<std::string, Entry<CarrierRoute>> m_routes;
    std::unordered_map<std::string, Entry<OrganizationRecord>> m_organizations;
};

} // namespace callsnare::relay
