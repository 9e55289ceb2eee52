#include "relay/sync/DeviceRegistry.h"

#include "protocol/DeviceEnrollment.h"
#include "relay/ingest/LeadRecords.h"
#include "relay/storage/GroupCommitWriter.h"
#include "relay/storage/RelayDatabase.h"
#include "relay/twilio/TwilioSignature.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Data/Session.h>
#include <Poco/DigestEngine.h>
#include <Poco/Exception.h>
#include <Poco/Nullable.h>
#include <Poco/RandomStream.h>
#include <Poco/SHA2Engine.h>

#include <array>
#include <sstream>

using namespace Poco::Data::Keywords;

namespace callsnare::relay {

namespace {

// No 0/O or 1/I: codes are read aloud and typed by hand.
constexpr std::string_view CodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
constexpr std::size_t CodeLength = 12; // 60 bits
constexpr std::chrono::seconds TouchInterval{60};

std::string sha256Hex(std::string_view text)
{
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(text.data(), static_cast<unsigned>(text.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string randomBytes(std::size_t count)
{
    std::string bytes(count, '\0');
    Poco::RandomInputStream random;
    random.read(bytes.data(), static_cast<std::streamsize>(count));
    return bytes;
}

std::string base64Url(const std::string& bytes)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    encoder << bytes;
    encoder.close();
    return out.str();
}

Poco::Int64 seconds(domain::Instant at)
{
    return static_cast<Poco::Int64>(at.time_since_epoch().count());
}

domain::Instant instant(Poco::Int64 value)
{
    return domain::Instant{std::chrono::seconds{value}};
}

std::optional<domain::Instant> optionalInstant(const Poco::Nullable<Poco::Int64>& value)
{
    return value.isNull() ? std::nullopt : std::optional(instant(value.value()));
}

domain::Error storageError(const Poco::Exception& error)
{
    return domain::makeError("storage_unavailable", "The relay's database failed: " + error.message());
}

domain::Error invalidToken()
{
    return domain::makeError("invalid_token", "The device token is not valid; enroll the device again.");
}

} // namespace

domain::Result<std::string> DeviceRegistry::createEnrollmentCode(std::string_view orgId,
                                                                 std::chrono::minutes lifetime,
                                                                 domain::Instant issuedAt)
{
    const std::string random = randomBytes(CodeLength);
    std::string code;
    for (const char byte : random) {
        code += CodeAlphabet[static_cast<unsigned char>(byte) % CodeAlphabet.size()];
    }
    const std::string hash = sha256Hex(code);
    const std::string org(orgId);
    auto stored = m_writer.compute<bool>([&](Poco::Data::Session& session) -> domain::Result<bool> {
        std::vector<std::string> found;
        std::string orgKey = org;
        session << m_database.sql("SELECT id FROM organizations WHERE id = ?"), use(orgKey), into(found), now;
        if (found.empty()) {
            return domain::makeError("unknown_organization", "No organization has the id " + org + ".");
        }
        Poco::Int64 created = seconds(issuedAt);
        Poco::Int64 expires = seconds(issuedAt + lifetime);
        std::string codeHash = hash;
        session << m_database.sql(
            "INSERT INTO enrollment_codes (code_hash, org_id, created_at, expires_at) VALUES (?, ?, ?, ?)"),
            use(codeHash), use(orgKey), use(created), use(expires), now;
        return true;
    });
    if (!stored) {
        return stored.error();
    }
    return code.substr(0, 4) + "-" + code.substr(4, 4) + "-" + code.substr(8, 4);
}

domain::Result<EnrolledDevice> DeviceRegistry::enroll(std::string_view typedCode, std::string_view deviceName,
                                                      domain::Instant enrolledAt)
{
    const domain::Error invalidCode
        = domain::makeError("invalid_code",
                            "The enrollment code is unknown, already used or expired; ask the "
                            "relay's operator for a new one.");
    const std::string code = protocol::canonicalEnrollmentCode(typedCode);
    if (code.size() != CodeLength) {
        return invalidCode;
    }
    const std::string deviceId = LeadRecords::newId();
    const std::string secret = base64Url(randomBytes(32));
    const std::string name = deviceName.empty() ? std::string("Desktop") : std::string(deviceName);
    return m_writer.compute<EnrolledDevice>(
        [&](Poco::Data::Session& session) -> domain::Result<EnrolledDevice> {
            std::string codeHash = sha256Hex(code);
            Poco::Int64 at = seconds(enrolledAt);
            std::string id = deviceId;
            // Claiming the code and checking it are one statement: two devices
            // racing for one code cannot both win.
            session << m_database.sql("UPDATE enrollment_codes SET used_at = ?, device_id = ? "
                                      "WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?"),
                use(at), use(id), use(codeHash), use(at), now;
            std::vector<std::string> orgs;
            session << m_database.sql(
                "SELECT org_id FROM enrollment_codes WHERE code_hash = ? AND device_id = ?"),
                use(codeHash), use(id), into(orgs), now;
            if (orgs.size() != 1) {
                return invalidCode;
            }
            std::string org = orgs.front();
            std::string storedName = name;
            std::string tokenHash = sha256Hex(secret);
            session << m_database.sql(
                "INSERT INTO devices (id, org_id, name, token_hash, created_at, last_seen_at) "
                "VALUES (?, ?, ?, ?, ?, ?)"),
                use(id), use(org), use(storedName), use(tokenHash), use(at), use(at), now;
            return EnrolledDevice{id, id + "." + secret, org};
        });
}

domain::Result<DeviceIdentity> DeviceRegistry::authenticate(std::string_view token)
{
    const auto dot = token.find('.');
    if (dot != 36 || token.size() < 40 || token.size() > 128) {
        return invalidToken();
    }
    std::string id(token.substr(0, dot));
    const std::string presented = sha256Hex(token.substr(dot + 1));
    std::vector<std::string> orgs, names, hashes;
    std::vector<Poco::Nullable<Poco::Int64>> lastSeen;
    try {
        Poco::Data::Session session = m_database.reader();
        session << m_database.sql(
            "SELECT org_id, name, token_hash, last_seen_at FROM devices WHERE id = ? AND revoked_at IS NULL"),
            use(id), into(orgs), into(names), into(hashes), into(lastSeen), now;
    } catch (const Poco::Exception& error) {
        return storageError(error);
    }
    // A made-up hash for an unknown id keeps the comparison's cost the same.
    const std::string stored = hashes.empty() ? std::string(presented.size(), '0') : hashes.front();
    if (!TwilioSignature::constantTimeEquals(presented, stored) || hashes.empty()) {
        return invalidToken();
    }
    return DeviceIdentity{id, orgs.front(), names.front(), optionalInstant(lastSeen.front())};
}

void DeviceRegistry::touch(const DeviceIdentity& device, domain::Instant at)
{
    if (device.lastSeenAt && at - *device.lastSeenAt < TouchInterval) {
        return;
    }
    // Not waited for: when the device was last seen is worth no request's latency.
    (void)m_writer.submit(
        [this, id = device.deviceId, seen = seconds(at)](Poco::Data::Session& session) mutable {
            session << m_database.sql("UPDATE devices SET last_seen_at = ? WHERE id = ?"), use(seen), use(id),
                now;
            return domain::Result<void>();
        });
}

domain::Result<std::vector<DeviceListing>> DeviceRegistry::list(std::string_view orgId)
{
    std::string org(orgId);
    std::vector<std::string> ids, names;
    std::vector<Poco::Int64> created;
    std::vector<Poco::Nullable<Poco::Int64>> seen, revoked;
    try {
        Poco::Data::Session session = m_database.reader();
        session << m_database.sql("SELECT id, name, created_at, last_seen_at, revoked_at FROM devices "
                                  "WHERE org_id = ? ORDER BY created_at, id"),
            use(org), into(ids), into(names), into(created), into(seen), into(revoked), now;
    } catch (const Poco::Exception& error) {
        return storageError(error);
    }
    std::vector<DeviceListing> devices;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        devices.push_back(
            {ids[i], names[i], instant(created[i]), optionalInstant(seen[i]), optionalInstant(revoked[i])});
    }
    return devices;
}

domain::Result<void> DeviceRegistry::revoke(std::string_view orgId, std::string_view deviceId,
                                            domain::Instant at)
{
    std::string org(orgId);
    std::string id(deviceId);
    return m_writer.run([&](Poco::Data::Session& session) -> domain::Result<void> {
        Poco::Int64 when = seconds(at);
        Poco::Data::Statement update(session);
        update << m_database.sql(
            "UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE org_id = ? AND id = ?"),
            use(when), use(org), use(id);
        if (update.execute() != 1) {
            return domain::makeError("unknown_device", "The organization has no device " + id + ".");
        }
        return {};
    });
}

} // namespace callsnare::relay
