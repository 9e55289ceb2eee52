#pragma once

#include "domain/Result.h"
#include "domain/Time.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace callsnare::relay {

class GroupCommitWriter;
class RelayDatabase;

// A device a sync request comes from, as its token proves.
struct DeviceIdentity {
    std::string deviceId;
    std::string orgId;
    std::string name;
    std::optional<domain::Instant> lastSeenAt;
};

struct EnrolledDevice {
    std::string deviceId;
    std::string token; // shown once; only its hash is kept
    std::string orgId;
};

struct DeviceListing {
    std::string id;
    std::string name;
    domain::Instant createdAt{};
    std::optional<domain::Instant> lastSeenAt;
    std::optional<domain::Instant> revokedAt;
};

// Desktop devices of organizations: one-time enrollment codes, the device
// tokens they are exchanged for, listing and revocation.
//
// Secrets at rest: a code and a token's secret part are stored as SHA-256
// hashes only. Both are long random values (60 and 256 bits), so a hash
// cannot be reversed by guessing. A token is "<device id>.<secret>": the id
// finds the row, the secret's hash is compared in constant time.
class DeviceRegistry {
public:
    // How long an enrollment code can be used by default.
    static constexpr std::chrono::minutes DefaultCodeLifetime{15};

    DeviceRegistry(RelayDatabase& database, GroupCommitWriter& writer)
        : m_database(database), m_writer(writer)
    {
    }

    // A new code for the org, "7KQ2-M9XD-PA4T"; error unknown_organization.
    domain::Result<std::string> createEnrollmentCode(std::string_view orgId, std::chrono::minutes lifetime,
                                                     domain::Instant at);

    // Exchanges a code for a device token. Every reason a code cannot be used
    // (unknown, used, expired) is the same error, invalid_code, so probing
    // learns nothing.
    domain::Result<EnrolledDevice> enroll(std::string_view typedCode, std::string_view deviceName,
                                          domain::Instant at);

    // The device a bearer token belongs to; error invalid_token (unknown,
    // malformed, revoked).
    domain::Result<DeviceIdentity> authenticate(std::string_view token);

    domain::Result<std::vector<DeviceListing>> list(std::string_view orgId);
    // Revokes a device of the org; its token stops working at once.
    // Error unknown_device.
    domain::Result<void> revoke(std::string_view orgId, std::string_view deviceId, domain::Instant at);
    // Records that the device was heard from (at most once a minute).
    void touch(const DeviceIdentity& device, domain::Instant at);

private:
    RelayDatabase& m_database;
    GroupCommitWriter& m_writer;
};

} // namespace callsnare::relay
