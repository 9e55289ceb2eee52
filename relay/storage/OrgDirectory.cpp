#include "relay/storage/OrgDirectory.h"

#include "relay/storage/DirectoryCache.h"
#include "relay/storage/EventLog.h"
#include "relay/storage/GroupCommitWriter.h"
#include "relay/storage/RelayDatabase.h"
#include "relay/storage/StatementCache.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>
#include <Poco/UUIDGenerator.h>

#include <chrono>
#include <map>

using namespace Poco::Data::Keywords;

namespace callsnare::relay {

namespace {

constexpr const char* kCarrier = "twilio";

Poco::Int64 nowSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

domain::Error readError(const Poco::Exception& e)
{
    return domain::makeError("storage_error", "Could not read organizations: " + e.displayText());
}

domain::Error unknownOrganization(std::string_view orgId)
{
    return domain::makeError("unknown_organization",
                             "No organization has the id " + std::string(orgId) + ".");
}

domain::Result<void> checkCarrierIds(std::string_view accountSid,
                                     const std::optional<std::string>& messagingServiceSid,
                                     std::string_view authToken)
{
    if (!accountSid.starts_with("AC") || accountSid.size() < 10) {
        return domain::makeError("invalid_account_sid", "The Twilio account SID must start with AC.");
    }
    if (messagingServiceSid
        && (!messagingServiceSid->starts_with("MG") || messagingServiceSid->size() < 10)) {
        return domain::makeError("invalid_messaging_service_sid",
                                 "The Messaging Service SID must start with MG.");
    }
    if (authToken.empty()) {
        return domain::makeError("invalid_auth_token", "The auth token is empty.");
    }
    return {};
}

bool organizationExists(Poco::Data::Session& session, SqlDialect dialect, const std::string& orgId)
{
    Poco::Int64 count = 0;
    session << portableSql(dialect, "SELECT COUNT(*) FROM organizations WHERE id = ?"), useRef(orgId),
        into(count), now;
    return count > 0;
}

// The org that already owns a number, or empty.
std::string numberOwner(Poco::Data::Session& session, SqlDialect dialect, const std::string& e164)
{
    std::vector<std::string> owners;
    session << portableSql(dialect, "SELECT org_id FROM org_numbers WHERE e164 = ?"), useRef(e164),
        into(owners), now;
    return owners.empty() ? std::string() : owners.front();
}

bool messagingServiceTaken(Poco::Data::Session& session, SqlDialect dialect, const std::string& sid,
                           const std::string& exceptOrg)
{
    Poco::Int64 count = 0;
    session << portableSql(
        dialect, "SELECT COUNT(*) FROM org_carrier_accounts WHERE messaging_service_sid = ? AND org_id <> ?"),
        useRef(sid), useRef(exceptOrg), into(count), now;
    return count > 0;
}

void storeCarrierAccount(Poco::Data::Session& session, SqlDialect dialect, const std::string& orgId,
                         const std::string& accountSid, const std::optional<std::string>& messagingServiceSid,
                         const std::string& sealedToken)
{
    std::string carrier = kCarrier;
    Poco::Int64 updatedAt = nowSeconds();
    Poco::Nullable<std::string> service;
    if (messagingServiceSid) {
        service = *messagingServiceSid;
    }
    session << portableSql(dialect, "DELETE FROM org_carrier_accounts WHERE org_id = ? AND carrier = ?"),
        useRef(orgId), useRef(carrier), now;
    session << portableSql(dialect,
                           "INSERT INTO org_carrier_accounts (org_id, carrier, account_sid, "
                           "messaging_service_sid, auth_token_sealed, updated_at) VALUES (?, ?, ?, ?, ?, ?)"),
        useRef(orgId), useRef(carrier), useRef(accountSid), useRef(service), useRef(sealedToken),
        useRef(updatedAt), now;
}

std::string quietPolicyName(domain::QuietHoursPolicy policy)
{
    return policy == domain::QuietHoursPolicy::Skip ? "skip" : "defer";
}

} // namespace

OrgDirectory::OrgDirectory(RelayDatabase& database, GroupCommitWriter& writer, SecretBox secrets,
                           std::chrono::milliseconds cacheTtl)
    : m_database(database), m_writer(writer), m_secrets(std::move(secrets)),
      m_cache(std::make_unique<DirectoryCache>(cacheTtl))
{
}

OrgDirectory::~OrgDirectory() = default;

void OrgDirectory::forgetCached()
{
    m_cache->clear();
}

domain::Result<std::string> OrgDirectory::createOrganization(const NewOrganization& spec,
                                                             const AlsoWrite& alsoWrite)
{
    if (spec.name.empty()) {
        return domain::makeError("invalid_name", "The organization needs a name.");
    }
    if (spec.timeZone.empty()) {
        return domain::makeError("invalid_time_zone", "The organization needs a time zone.");
    }
    if (auto checked = checkCarrierIds(spec.accountSid, spec.messagingServiceSid, spec.authToken); !checked) {
        return checked.error();
    }
    const std::string orgId = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    auto sealed = m_secrets.seal(spec.authToken, orgId);
    if (!sealed) {
        return sealed.error();
    }
    const SqlDialect dialect = m_database.dialect();
    const domain::Organization defaults;

    auto changed
        = m_writer.compute<std::string>([&](Poco::Data::Session& session) -> domain::Result<std::string> {
              std::string number = spec.number.e164();
              if (!numberOwner(session, dialect, number).empty()) {
                  return domain::makeError("number_taken",
                                           "The number " + number + " already belongs to an organization.");
              }
              if (spec.messagingServiceSid
                  && messagingServiceTaken(session, dialect, *spec.messagingServiceSid, orgId)) {
                  return domain::makeError("messaging_service_taken",
                                           "The Messaging Service " + *spec.messagingServiceSid
                                               + " already belongs to an organization.");
              }
              std::string name = spec.name;
              std::string zone = spec.timeZone;
              std::string office = spec.officeNumber.e164();
              std::string billing(domain::wireName(spec.billing));
              Poco::Int64 dedupe = defaults.dedupeWindow.count();
              Poco::Int64 quietStart = defaults.quietHours.start.count();
              Poco::Int64 quietEnd = defaults.quietHours.end.count();
              std::string quietPolicy = quietPolicyName(defaults.quietHours.policy);
              Poco::Int64 createdAt = nowSeconds();
              session << portableSql(
                  dialect,
                  "INSERT INTO organizations (id, name, time_zone, office_number, billing_state, "
                  "dedupe_window_minutes, quiet_start_minutes, quiet_end_minutes, quiet_policy, "
                  "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                  useRef(orgId), useRef(name), useRef(zone), useRef(office), useRef(billing), useRef(dedupe),
                  useRef(quietStart), useRef(quietEnd), useRef(quietPolicy), useRef(createdAt), now;
              session << portableSql(dialect,
                                     "INSERT INTO org_numbers (org_id, e164, created_at) VALUES (?, ?, ?)"),
                  useRef(orgId), useRef(number), useRef(createdAt), now;
              storeCarrierAccount(session, dialect, orgId, spec.accountSid, spec.messagingServiceSid,
                                  sealed.value());
              EventLog(dialect).createCounter(session, orgId);
              if (alsoWrite) {
                  alsoWrite(session, orgId);
              }
              return orgId;
          });
    // After the commit: nothing read before the change stays cached.
    m_cache->clear();
    return changed;
}

domain::Result<void> OrgDirectory::addNumber(std::string_view orgIdView, const domain::PhoneNumber& phone)
{
    const SqlDialect dialect = m_database.dialect();
    std::string orgId(orgIdView);
    auto changed = m_writer.run([&](Poco::Data::Session& session) -> domain::Result<void> {
        if (!organizationExists(session, dialect, orgId)) {
            return unknownOrganization(orgId);
        }
        std::string number = phone.e164();
        const std::string owner = numberOwner(session, dialect, number);
        if (owner == orgId) {
            return {}; // already there: adding it again changes nothing
        }
        if (!owner.empty()) {
            return domain::makeError("number_taken",
                                     "The number " + number + " already belongs to another organization.");
        }
        Poco::Int64 createdAt = nowSeconds();
        StatementCache::forgetReads(session); // the automation reads the org's numbers
        session << portableSql(dialect,
                               "INSERT INTO org_numbers (org_id, e164, created_at) VALUES (?, ?, ?)"),
            useRef(orgId), useRef(number), useRef(createdAt), now;
        return {};
    });
    // After the commit: nothing read before the change stays cached.
    m_cache->clear();
    return changed;
}

domain::Result<void> OrgDirectory::setBilling(std::string_view orgIdView, domain::BillingState state)
{
    const SqlDialect dialect = m_database.dialect();
    std::string orgId(orgIdView);
    auto changed = m_writer.run([&](Poco::Data::Session& session) -> domain::Result<void> {
        if (!organizationExists(session, dialect, orgId)) {
            return unknownOrganization(orgId);
        }
        std::string billing(domain::wireName(state));
        StatementCache::forgetReads(session); // the automation reads the billing state
        session << portableSql(dialect, "UPDATE organizations SET billing_state = ? WHERE id = ?"),
            useRef(billing), useRef(orgId), now;
        return {};
    });
    // After the commit: nothing read before the change stays cached.
    m_cache->clear();
    return changed;
}

domain::Result<void> OrgDirectory::setCarrierAccount(std::string_view orgIdView,
                                                     std::string_view accountSidView,
                                                     std::optional<std::string> messagingServiceSid,
                                                     std::string_view authToken)
{
    if (auto checked = checkCarrierIds(accountSidView, messagingServiceSid, authToken); !checked) {
        return checked.error();
    }
    std::string orgId(orgIdView);
    std::string accountSid(accountSidView);
    auto sealed = m_secrets.seal(authToken, orgId);
    if (!sealed) {
        return sealed.error();
    }
    const SqlDialect dialect = m_database.dialect();
    auto changed = m_writer.run([&](Poco::Data::Session& session) -> domain::Result<void> {
        if (!organizationExists(session, dialect, orgId)) {
            return unknownOrganization(orgId);
        }
        if (messagingServiceSid && messagingServiceTaken(session, dialect, *messagingServiceSid, orgId)) {
            return domain::makeError("messaging_service_taken",
                                     "The Messaging Service " + *messagingServiceSid
                                         + " already belongs to another organization.");
        }
        storeCarrierAccount(session, dialect, orgId, accountSid, messagingServiceSid, sealed.value());
        return {};
    });
    // After the commit: nothing read before the change stays cached.
    m_cache->clear();
    return changed;
}

domain::Result<std::optional<CarrierRoute>>
OrgDirectory::findByMessagingService(std::string_view messagingServiceSid, Lookup lookup)
{
    return findRoute("service:" + std::string(messagingServiceSid), lookup,
                     "SELECT org_id, account_sid, auth_token_sealed FROM org_carrier_accounts "
                     "WHERE carrier = 'twilio' AND messaging_service_sid = ?",
                     {std::string(messagingServiceSid)});
}

domain::Result<std::optional<CarrierRoute>>
OrgDirectory::findByNumberAndAccount(std::string_view toE164, std::string_view accountSid, Lookup lookup)
{
    return findRoute("number:" + std::string(toE164) + "/" + std::string(accountSid), lookup,
                     "SELECT a.org_id, a.account_sid, a.auth_token_sealed FROM org_numbers n "
                     "JOIN org_carrier_accounts a ON a.org_id = n.org_id AND a.carrier = 'twilio' "
                     "WHERE n.e164 = ? AND a.account_sid = ?",
                     {std::string(toE164), std::string(accountSid)});
}

domain::Result<std::optional<CarrierRoute>> OrgDirectory::findCarrierAccount(std::string_view orgId,
                                                                             Lookup lookup)
{
    return findRoute("account:" + std::string(orgId), lookup,
                     "SELECT org_id, account_sid, auth_token_sealed FROM org_carrier_accounts "
                     "WHERE carrier = 'twilio' AND org_id = ?",
                     {std::string(orgId)});
}

domain::Result<std::optional<CarrierRoute>> OrgDirectory::findRoute(const std::string& cacheKey,
                                                                    Lookup lookup, const std::string& sql,
                                                                    const std::vector<std::string>& keys)
{
    if (lookup == Lookup::Cached) {
        if (auto kept = m_cache->route(cacheKey)) {
            return kept;
        }
    }
    std::vector<std::string> orgIds;
    std::vector<std::string> accountSids;
    std::vector<std::string> sealedTokens;
    try {
        Poco::Data::Session session = m_database.reader();
        Poco::Data::Statement statement(session);
        statement << m_database.sql(sql);
        for (const std::string& key : keys) {
            statement, useRef(key);
        }
        statement, into(orgIds), into(accountSids), into(sealedTokens);
        statement.execute();
    } catch (const Poco::Exception& e) {
        return readError(e);
    }
    if (orgIds.empty()) {
        return std::optional<CarrierRoute>();
    }
    auto token = m_secrets.unseal(sealedTokens.front(), orgIds.front());
    if (!token) {
        return token.error();
    }
    CarrierRoute route{orgIds.front(), accountSids.front(), std::move(token).value()};
    m_cache->keepRoute(cacheKey, route);
    return std::optional<CarrierRoute>(std::move(route));
}

domain::Result<std::vector<OrganizationRecord>> OrgDirectory::listOrganizations()
{
    return selectOrganizations(std::nullopt);
}

domain::Result<std::optional<OrganizationRecord>> OrgDirectory::findOrganization(std::string_view orgIdView,
                                                                                 Lookup lookup)
{
    const std::string orgId(orgIdView);
    if (lookup == Lookup::Cached) {
        if (auto kept = m_cache->organization(orgId)) {
            return kept;
        }
    }
    auto found = selectOrganizations(orgId);
    if (!found) {
        return found.error();
    }
    if (found.value().empty()) {
        return std::optional<OrganizationRecord>();
    }
    m_cache->keepOrganization(orgId, found.value().front());
    return std::optional<OrganizationRecord>(std::move(found.value().front()));
}

domain::Result<std::vector<OrganizationRecord>>
OrgDirectory::selectOrganizations(const std::optional<std::string>& orgId)
{
    std::vector<std::string> ids, names, zones, offices, billings, policies, accounts, services;
    std::vector<Poco::Int64> dedupes, quietStarts, quietEnds, createdAts;
    std::vector<std::string> numberOrgs, numbers;
    const std::string filter = orgId ? " WHERE o.id = ?" : "";
    const std::string numberFilter = orgId ? " WHERE org_id = ?" : "";
    try {
        Poco::Data::Session session = m_database.reader();
        Poco::Data::Statement organizations(session);
        organizations << m_database.sql(
            "SELECT o.id, o.name, o.time_zone, o.office_number, o.billing_state, o.dedupe_window_minutes, "
            "o.quiet_start_minutes, o.quiet_end_minutes, o.quiet_policy, o.created_at, "
            "COALESCE(a.account_sid, ''), COALESCE(a.messaging_service_sid, '') FROM organizations o "
            "LEFT JOIN org_carrier_accounts a ON a.org_id = o.id AND a.carrier = 'twilio'"
            + filter + " ORDER BY o.created_at, o.id");
        if (orgId) {
            organizations, useRef(*orgId);
        }
        organizations, into(ids), into(names), into(zones), into(offices), into(billings), into(dedupes),
            into(quietStarts), into(quietEnds), into(policies), into(createdAts), into(accounts),
            into(services);
        organizations.execute();

        Poco::Data::Statement numberRows(session);
        numberRows << m_database.sql("SELECT org_id, e164 FROM org_numbers" + numberFilter
                                     + " ORDER BY created_at, e164");
        if (orgId) {
            numberRows, useRef(*orgId);
        }
        numberRows, into(numberOrgs), into(numbers);
        numberRows.execute();
    } catch (const Poco::Exception& e) {
        return readError(e);
    }

    std::map<std::string, std::vector<domain::PhoneNumber>> numbersByOrg;
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        if (auto phone = domain::PhoneNumber::parse(numbers[i])) {
            numbersByOrg[numberOrgs[i]].push_back(phone.value());
        }
    }
    std::vector<OrganizationRecord> records;
    records.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        OrganizationRecord record;
        domain::Organization& org = record.organization;
        org.id = ids[i];
        org.name = names[i];
        org.timeZone = zones[i];
        org.numbers = numbersByOrg[ids[i]];
        if (auto office = domain::PhoneNumber::parse(offices[i])) {
            org.officeNumber = office.value();
        }
        org.billing = domain::parseBillingState(billings[i]).value_or(domain::BillingState::Trial);
        org.dedupeWindow = std::chrono::minutes{dedupes[i]};
        org.quietHours.start = std::chrono::minutes{quietStarts[i]};
        org.quietHours.end = std::chrono::minutes{quietEnds[i]};
        org.quietHours.policy
            = policies[i] == "skip" ? domain::QuietHoursPolicy::Skip : domain::QuietHoursPolicy::Defer;
        record.createdAt = domain::Instant{std::chrono::seconds{createdAts[i]}};
        record.accountSid = accounts[i];
        if (!services[i].empty()) {
            record.messagingServiceSid = services[i];
        }
        records.push_back(std::move(record));
    }
    return records;
}

} // namespace callsnare::relay
