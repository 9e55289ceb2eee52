#include "relay/time/ZoneinfoConverter.h"

#include "relay/time/TzifZone.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>

namespace callsnare::relay {

namespace {

using namespace std::chrono;

// The largest TZif file in the IANA data is a few kilobytes.
constexpr std::uintmax_t kMaxFileSize = 1024 * 1024;
// The IANA data has about 600 names; more than this many distinct names means
// someone is feeding made-up ones, which are then looked up without caching.
constexpr std::size_t kMaxCachedNames = 4096;
// Instants past about a million years either way are read at that bound, so
// the calendar arithmetic below never overflows.
constexpr std::int64_t kLimitSeconds = std::int64_t{1} << 45;

std::int64_t clampSeconds(std::int64_t seconds)
{
    return std::clamp(seconds, -kLimitSeconds, kLimitSeconds);
}

bool isNameCharacter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '+'
        || c == '-';
}

} // namespace

ZoneinfoConverter::ZoneinfoConverter(std::string zoneinfoRoot) : m_root(std::move(zoneinfoRoot))
{
}

ZoneinfoConverter::~ZoneinfoConverter() = default;

bool ZoneinfoConverter::isWellFormedZoneName(std::string_view zone)
{
    // No ".", so no ".." and no hidden files; no leading, trailing or double "/".
    if (zone.empty() || zone.size() > 255) {
        return false;
    }
    bool partStart = true;
    for (const char c : zone) {
        if (c == '/') {
            if (partStart) {
                return false;
            }
            partStart = true;
        } else if (isNameCharacter(c)) {
            partStart = false;
        } else {
            return false;
        }
    }
    return !partStart;
}

bool ZoneinfoConverter::knows(std::string_view zone) const
{
    return zoneNamed(zone) != nullptr;
}

domain::LocalTime ZoneinfoConverter::toLocal(domain::Instant instant, std::string_view zone) const
{
    const std::int64_t utc = clampSeconds(instant.time_since_epoch().count());
    const std::shared_ptr<const TzifZone> data = zoneNamed(zone);
    const std::int64_t offset = data ? data->offsetAt(utc) : 0;
    return domain::LocalTime{seconds{utc + offset}};
}

domain::Instant ZoneinfoConverter::toInstant(domain::LocalTime local, std::string_view zone) const
{
    const std::int64_t wall = clampSeconds(local.time_since_epoch().count());
    const std::shared_ptr<const TzifZone> data = zoneNamed(zone);
    return domain::Instant{seconds{data ? data->utcFor(wall) : wall}};
}

std::shared_ptr<const TzifZone> ZoneinfoConverter::zoneNamed(std::string_view zone) const
{
    if (!isWellFormedZoneName(zone)) {
        return nullptr;
    }
    {
        const std::shared_lock lock(m_mutex);
        if (const auto found = m_zones.find(zone); found != m_zones.end()) {
            return found->second;
        }
    }
    // Parsed outside the lock; when two threads race, the first stored copy wins.
    std::shared_ptr<const TzifZone> loaded = load(zone);
    const std::unique_lock lock(m_mutex);
    if (const auto found = m_zones.find(zone); found != m_zones.end()) {
        return found->second;
    }
    if (m_zones.size() < kMaxCachedNames) {
        m_zones.emplace(std::string(zone), loaded);
    }
    return loaded;
}

std::shared_ptr<const TzifZone> ZoneinfoConverter::load(std::string_view zone) const
{
    const std::filesystem::path path = std::filesystem::path(m_root) / std::string(zone);
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        return nullptr;
    }
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    if (error || size > kMaxFileSize) {
        return nullptr;
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return nullptr;
    }
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (!file.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
        return nullptr;
    }
    std::optional<TzifZone> parsed = TzifZone::parse(bytes);
    if (!parsed) {
        return nullptr;
    }
    return std::make_shared<const TzifZone>(std::move(*parsed));
}

} // namespace callsnare::relay
