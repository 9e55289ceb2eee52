#pragma once

#include "domain/Organization.h"
#include "domain/PhoneNumber.h"
#include "domain/Result.h"
#include "domain/Time.h"
#include "relay/storage/SecretBox.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Poco::Data {
class Session;
}

namespace callsnare::relay {

class DirectoryCache;
class GroupCommitWriter;
class RelayDatabase;

struct NewOrganization {
    std::string name;
    std::string timeZone; // IANA; the caller checks it exists
    domain::PhoneNumber number; // the number homeowners call
    domain::PhoneNumber officeNumber; // where calls ring first (--forward-to)
    std::string accountSid; // Twilio AC...
    std::optional<std::string> messagingServiceSid; // Twilio MG..., when texts go through a Messaging Service
    std::string authToken; // sealed before it is stored
    domain::BillingState billing = domain::BillingState::Trial;
};

struct OrganizationRecord {
    domain::Organization organization;
    domain::Instant createdAt{};
    std::string accountSid; // empty when no carrier account is set
    std::optional<std::string> messagingServiceSid;
};

// What a webhook needs to trust a request: the owning org and the auth token
// its signature is checked against (unsealed, in memory only).
struct CarrierRoute {
    std::string orgId;
    std::string accountSid;
    std::string authToken;
};

// Organizations, their numbers and carrier accounts. Every lookup is scoped:
// a number belongs to exactly one organization, a Messaging Service to at
// most one. Writes go through the GroupCommitWriter (short transactions, safe
// beside a running server); reads use the reader pool. Storage failures come
// back as errors, never exceptions.
//
// What the webhook and sender lookups find is kept for `cacheTtl` (see
// DirectoryCache): a change the admin CLI makes from another process is seen
// within that time; Lookup::Fresh reads storage regardless.
class OrgDirectory {
public:
    static constexpr std::chrono::milliseconds kDefaultCacheTtl{1000};
    enum class Lookup { Cached, Fresh };

    OrgDirectory(RelayDatabase& database, GroupCommitWriter& writer, SecretBox secrets,
                 std::chrono::milliseconds cacheTtl = kDefaultCacheTtl);
    ~OrgDirectory();
    OrgDirectory(const OrgDirectory&) = delete;
    OrgDirectory& operator=(const OrgDirectory&) = delete;

    // What else a new organization's transaction writes (its first settings
    // event, which storage cannot compose): called with its id after its rows.
    // Throws Poco::Exception to roll the whole creation back.
    using AlsoWrite = std::function<void(Poco::Data::Session&, const std::string& orgId)>;

    // The new organization's id (a random UUID).
    domain::Result<std::string> createOrganization(const NewOrganization& spec,
                                                   const AlsoWrite& alsoWrite = {});
    domain::Result<std::vector<OrganizationRecord>> listOrganizations();
    domain::Result<std::optional<OrganizationRecord>> findOrganization(std::string_view orgId,
                                                                       Lookup lookup = Lookup::Cached);

    domain::Result<void> addNumber(std::string_view orgId, const domain::PhoneNumber& number);
    domain::Result<void> setBilling(std::string_view orgId, domain::BillingState state);
    domain::Result<void> setCarrierAccount(std::string_view orgId, std::string_view accountSid,
                                           std::optional<std::string> messagingServiceSid,
                                           std::string_view authToken);

    // Webhook lookups: by Messaging Service first (the usual 10DLC setup),
    // then by the called number together with the account. Empty when no
    // organization matches.
    domain::Result<std::optional<CarrierRoute>> findByMessagingService(std::string_view messagingServiceSid,
                                                                       Lookup lookup = Lookup::Cached);
    domain::Result<std::optional<CarrierRoute>> findByNumberAndAccount(std::string_view toE164,
                                                                       std::string_view accountSid,
                                                                       Lookup lookup = Lookup::Cached);

    // The org's own carrier account, for sending as the org.
    domain::Result<std::optional<CarrierRoute>> findCarrierAccount(std::string_view orgId,
                                                                   Lookup lookup = Lookup::Cached);

    // Drops what the lookups kept, after this process changed organizations
    // elsewhere than here (a device's settings change), so it is seen at once.
    void forgetCached();

    const SecretBox& secrets() const { return m_secrets; }

private:
    // `cacheKey` names the lookup and its keys.
    domain::Result<std::optional<CarrierRoute>> findRoute(const std::string& cacheKey, Lookup lookup,
                                                          const std::string& sql,
                                                          const std::vector<std::string>& keys);
    domain::Result<std::vector<OrganizationRecord>>
    selectOrganizations(const std::optional<std::string>& orgId);

    RelayDatabase& m_database;
    GroupCommitWriter& m_writer;
    SecretBox m_secrets;
    std::unique_ptr<DirectoryCache> m_cache;
};

} // namespace callsnare::relay
