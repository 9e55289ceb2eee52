#pragma once

#include "domain/Result.h"
#include "domain/Time.h"
#include "protocol/OrgSettings.h"
#include "relay/storage/SqlDialect.h"

#include <optional>
#include <string_view>

namespace Poco::Data {
class Session;
}

namespace callsnare::relay {

// The organization's settings as devices see them (protocol::OrgSettings):
// read from the rows the automation reads (organizations, org_automation), so
// what a device shows is what the automation does. Every change moves
// organizations.settings_version and appends the settings as a whole to the
// event log ("org.settings") in the caller's transaction.
//
// Storage failures throw Poco::Exception (these run inside writer units).
class OrgSettingsRecords {
public:
    explicit OrgSettingsRecords(SqlDialect dialect) : m_dialect(dialect) { }

    // nullopt when the organization does not exist.
    std::optional<protocol::OrgSettings> snapshot(Poco::Data::Session& session, std::string_view orgId) const;

    // Writes a change that checkSettingsChange() passed and whose time zone
    // the caller checked, then publishes; the settings after the change.
    // Errors: an unknown organization, a value the automation refuses.
    domain::Result<protocol::OrgSettings> change(Poco::Data::Session& session, std::string_view orgId,
                                                 const protocol::SettingsChange& change,
                                                 domain::Instant at) const;

    // Appends the settings as they are now. `moved`: the settings changed
    // (an operator's command), so their version moves first; a new
    // organization publishes its first version as is.
    enum class Version { Moved, First };
    protocol::OrgSettings publish(Poco::Data::Session& session, std::string_view orgId, Version version,
                                  domain::Instant at) const;

private:
    std::string sql(std::string_view text) const { return portableSql(m_dialect, text); }

    SqlDialect m_dialect;
};

} // namespace callsnare::relay
