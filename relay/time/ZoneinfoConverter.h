#pragma once

#include "domain/Time.h"

#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>

namespace callsnare::relay {

class TzifZone;

// The domain's time zone converter on the relay, backed by the system
// zoneinfo (TZif files, RFC 8536): GCC 12's library has no std::chrono::tzdb
// and the relay links no Qt. Each zone file is read once and kept, immutable,
// for every thread. Zone names must look like IANA names ("America/Chicago":
// letters, digits, "_", "+", "-" and "/" between non-empty parts), so no name
// reaches outside `zoneinfoRoot`. An unknown zone is reported by knows();
// the other calls read it as UTC.
class ZoneinfoConverter final : public domain::TimeZoneConverter {
public:
    explicit ZoneinfoConverter(std::string zoneinfoRoot = "/usr/share/zoneinfo");
    ~ZoneinfoConverter() override;

    ZoneinfoConverter(const ZoneinfoConverter&) = delete;
    ZoneinfoConverter& operator=(const ZoneinfoConverter&) = delete;

    bool knows(std::string_view zone) const override;
    domain::LocalTime toLocal(domain::Instant instant, std::string_view zone) const override;
    domain::Instant toInstant(domain::LocalTime local, std::string_view zone) const override;

    // Whether `zone` has the shape of an IANA zone name (it may still not exist).
    static bool isWellFormedZoneName(std::string_view zone);

private:
    // The parsed zone, or null when the name is malformed or names no valid TZif file.
    std::shared_ptr<const TzifZone> zoneNamed(std::string_view zone) const;
    std::shared_ptr<const TzifZone> load(std::string_view zone) const;

    std::string m_root;
    mutable std::shared_mutex m_mutex;
    // Unknown names are remembered too (as null), up to a bound, so a bad
    // name in a hot path does not read the disk every time.
    mutable std::map<std::string, std::shared_ptr<const TzifZone>, std::less<>> m_zones;
};

} // namespace callsnare::relay
