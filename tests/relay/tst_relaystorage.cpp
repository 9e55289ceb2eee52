// The relay's storage against both databases it runs on: SQLite in a temp
// dir and a real, throwaway PostgreSQL 15 cluster (PgCluster). Every
// data-driven test runs once per backend on a fresh database.

#include "RelayBackends.h"

#include "domain/PhoneNumber.h"
#include "domain/TextBackDecision.h"
#include "protocol/JsonFields.h"
#include "relay/automation/OrgAutomation.h"
#include "relay/automation/OrgSettingsRecords.h"
#include "relay/storage/EventLog.h"
#include "relay/storage/GroupCommitWriter.h"
#include "relay/storage/OrgDirectory.h"
#include "relay/storage/PostgresConnectionString.h"
#include "relay/storage/RelayDatabase.h"
#include "relay/storage/SchemaMigrator.h"
#include "relay/storage/SecretBox.h"
#include "relay/time/ZoneinfoConverter.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <future>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

using namespace callsnare;
using namespace callsnare::relay;
using namespace Poco::Data::Keywords;
using namespace relay_backends;

class TestRelayStorage : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void postgresUriBecomesLibpqString();
    void secretsKeyFileIsPrivateAndStable();

    void migrationsApplyOnceAndReapplyAsNoOps_data() { relay_backends::Backends::rows(); }
    void migrationsApplyOnceAndReapplyAsNoOps();
    void newerSchemaIsRefused_data() { relay_backends::Backends::rows(); }
    void newerSchemaIsRefused();
    void readyReportsTheDatabase_data() { relay_backends::Backends::rows(); }
    void readyReportsTheDatabase();
    void organizationsAreFoundByMessagingServiceAndByNumber_data() { relay_backends::Backends::rows(); }
    void organizationsAreFoundByMessagingServiceAndByNumber();
    void numbersAndMessagingServicesBelongToOneOrganization_data() { relay_backends::Backends::rows(); }
    void numbersAndMessagingServicesBelongToOneOrganization();
    void billingAndNumbersChange_data() { relay_backends::Backends::rows(); }
    void billingAndNumbersChange();
    void sealedTokenRevealsNothingAndNeedsTheKey_data() { relay_backends::Backends::rows(); }
    void sealedTokenRevealsNothingAndNeedsTheKey();
    void repeatedCallSidStoresNothing_data() { relay_backends::Backends::rows(); }
    void repeatedCallSidStoresNothing();
    void eventSequencesArePerOrganization_data() { relay_backends::Backends::rows(); }
    void eventSequencesArePerOrganization();
    void storedBusinessHoursDecideTheTextBack_data() { relay_backends::Backends::rows(); }
    void storedBusinessHoursDecideTheTextBack();
    void settingsChangesReachTheNextUnitOfATransaction_data() { relay_backends::Backends::rows(); }
    void settingsChangesReachTheNextUnitOfATransaction();

private:
    // Opens the same storage again, as a second relay (replica) would.
    std::unique_ptr<RelayDatabase> reopen(const Backend& backend, QString* error);

    relay_backends::Backends m_backends;
};

void TestRelayStorage::initTestCase()
{
    qunsetenv("CALLSNARE_RELAY_SECRETS_KEY");
    QString error;
    QVERIFY2(m_backends.start(&error), qPrintable(error));
}

void TestRelayStorage::cleanupTestCase()
{
    m_backends.stop();
}

std::unique_ptr<RelayDatabase> TestRelayStorage::reopen(const Backend& backend, QString* error)
{
    auto database = RelayDatabase::open(backend.options);
    if (!database) {
        *error = q(database.error().code + ": " + database.error().message);
        return nullptr;
    }
    return std::move(database).value();
}

void TestRelayStorage::postgresUriBecomesLibpqString()
{
    auto converted
        = libpqConnectionString("postgresql://relay:p%40ss'w@db.example:5433/callsnare?sslmode=require");
    QVERIFY2(converted.ok(), converted.ok() ? "" : converted.error().message.c_str());
    QCOMPARE(
        q(converted.value()),
        QStringLiteral("host='db.example' port='5433' user='relay' password='p@ss\\'w' dbname='callsnare' "
                       "sslmode='require'"));
    QVERIFY(!libpqConnectionString("mysql://x/y").ok());
    QVERIFY(!libpqConnectionString("postgresql://h/db?bad%20key=1").ok());
    const std::string redacted = redactedUri("postgresql://relay:secret@db:5432/callsnare");
    QVERIFY2(redacted.find("secret") == std::string::npos, redacted.c_str());
    QVERIFY(isPostgresUri("postgres://h/db"));
}

void TestRelayStorage::secretsKeyFileIsPrivateAndStable()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto first = SecretBox::load(dir.path().toStdString());
    QVERIFY2(first.ok(), first.ok() ? "" : first.error().message.c_str());
    const QString keyPath = dir.filePath(QStringLiteral("relay-secrets.key"));
    QVERIFY(QFile::exists(keyPath));
    QCOMPARE(QFile::permissions(keyPath)
                 & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());

    auto sealed = first.value().seal("token-123", "org-1");
    QVERIFY(sealed.ok());
    auto second = SecretBox::load(dir.path().toStdString());
    QVERIFY(second.ok());
    auto unsealed = second.value().unseal(sealed.value(), "org-1");
    QVERIFY2(unsealed.ok(), "the key file must give the same key on every load");
    QCOMPARE(q(unsealed.value()), QStringLiteral("token-123"));
    QVERIFY2(!second.value().unseal(sealed.value(), "org-2").ok(), "a token is bound to its organization");

    QFile::setPermissions(keyPath, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    auto exposed = SecretBox::load(dir.path().toStdString());
    QVERIFY(!exposed.ok());
    QCOMPARE(q(exposed.error().code), QStringLiteral("secrets_key_exposed"));

    const std::string key = SecretBox::generateBase64Key();
    qputenv("CALLSNARE_RELAY_SECRETS_KEY", QByteArray::fromStdString(key));
    auto fromEnvironment = SecretBox::load({});
    qunsetenv("CALLSNARE_RELAY_SECRETS_KEY");
    QVERIFY2(fromEnvironment.ok(), "the environment key needs no data dir");
    QVERIFY(SecretBox::fromBase64Key(key)
                .value()
                .unseal(fromEnvironment.value().seal("x", "o").value(), "o")
                .ok());
    QVERIFY(!SecretBox::fromBase64Key("c2hvcnQ=").ok());
}

void TestRelayStorage::migrationsApplyOnceAndReapplyAsNoOps()
{
    OPEN_BACKEND(b);
    const int latest = SchemaMigrator::latestVersion(b.database->dialect());
    QVERIFY(latest >= 1);
    QCOMPARE(b.database->schemaVersion(), latest);

    QString error;
    auto again = reopen(b, &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->schemaVersion(), latest);
    Poco::Int64 rows = 0;
    Poco::Data::Session session = again->reader();
    session << "SELECT COUNT(*) FROM schema_migrations", into(rows), now;
    QCOMPARE(rows, Poco::Int64{latest});
}

void TestRelayStorage::newerSchemaIsRefused()
{
    OPEN_BACKEND(b);
    const Poco::Int64 future = SchemaMigrator::latestVersion(b.database->dialect()) + 1;
    const std::string insert
        = b.database->sql("INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)");
    auto written = b.writer->run([&](Poco::Data::Session& session) -> domain::Result<void> {
        Poco::Int64 version = future;
        session << insert, use(version), now;
        return {};
    });
    QVERIFY(written.ok());

    QString error;
    QVERIFY2(!reopen(b, &error), "a database newer than the binary must be refused");
    QVERIFY2(error.startsWith(QLatin1String("schema_too_new")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("upgrade callsnare-relay")), qPrintable(error));

    std::string why;
    QVERIFY2(!b.database->ready(&why), "the running relay sees the schema moved on");
    QVERIFY(!why.empty());
}

void TestRelayStorage::readyReportsTheDatabase()
{
    OPEN_BACKEND(b);
    std::string why;
    QVERIFY2(b.database->ready(&why), why.c_str());
}

void TestRelayStorage::organizationsAreFoundByMessagingServiceAndByNumber()
{
    OPEN_BACKEND(b);
    OrgDirectory directory(*b.database, *b.writer,
                           SecretBox::fromBase64Key(SecretBox::generateBase64Key()).value());
    const std::string a = createOrg(directory, "+15125550142", "AC0000000000000000000000000000000a",
                                    std::string("MG0000000000000000000000000000000a"), "token-a");
    const std::string c
        = createOrg(directory, "+15125550143", "AC0000000000000000000000000000000c", std::nullopt, "token-c");
    QVERIFY(!a.empty() && !c.empty() && a != c);

    auto byService = directory.findByMessagingService("MG0000000000000000000000000000000a");
    QVERIFY(byService.ok() && byService.value());
    QCOMPARE(q(byService.value()->orgId), q(a));
    QCOMPARE(q(byService.value()->authToken), QStringLiteral("token-a"));

    auto byNumber = directory.findByNumberAndAccount("+15125550143", "AC0000000000000000000000000000000c");
    QVERIFY(byNumber.ok() && byNumber.value());
    QCOMPARE(q(byNumber.value()->orgId), q(c));
    QCOMPARE(q(byNumber.value()->authToken), QStringLiteral("token-c"));

    // Cross-org: org C's number with org A's account belongs to nobody.
    auto crossed = directory.findByNumberAndAccount("+15125550143", "AC0000000000000000000000000000000a");
    QVERIFY(crossed.ok());
    QVERIFY2(!crossed.value(), "a number never resolves under another org's account");
    auto unknown = directory.findByMessagingService("MG00000000000000000000000000000999");
    QVERIFY(unknown.ok() && !unknown.value());

    auto listed = directory.listOrganizations();
    QVERIFY(listed.ok());
    QCOMPARE(listed.value().size(), std::size_t{2});
    auto found = directory.findOrganization(a);
    QVERIFY(found.ok() && found.value());
    const domain::Organization& org = found.value()->organization;
    QCOMPARE(q(org.timeZone), QStringLiteral("America/Chicago"));
    QCOMPARE(org.numbers.size(), std::size_t{1});
    QCOMPARE(q(org.numbers.front().e164()), QStringLiteral("+15125550142"));
    QCOMPARE(q(org.officeNumber->e164()), QStringLiteral("+15125550100"));
    QVERIFY(org.billing == domain::BillingState::Trial);
    QCOMPARE(q(found.value()->messagingServiceSid.value_or("")),
             QStringLiteral("MG0000000000000000000000000000000a"));
}

void TestRelayStorage::numbersAndMessagingServicesBelongToOneOrganization()
{
    OPEN_BACKEND(b);
    OrgDirectory directory(*b.database, *b.writer,
                           SecretBox::fromBase64Key(SecretBox::generateBase64Key()).value());
    const std::string a = createOrg(directory, "+15125550142", "AC0000000000000000000000000000000a",
                                    std::string("MG0000000000000000000000000000000a"), "token-a");
    QVERIFY(!a.empty());

    NewOrganization sameNumber{"Other",
                               "America/Chicago",
                               phone("+15125550142"),
                               phone("+15125550100"),
                               "AC0000000000000000000000000000000b",
                               std::nullopt,
                               "token-b"};
    auto refused = directory.createOrganization(sameNumber);
    QVERIFY(!refused.ok());
    QCOMPARE(q(refused.error().code), QStringLiteral("number_taken"));

    NewOrganization sameService{"Other",
                                "America/Chicago",
                                phone("+15125550199"),
                                phone("+15125550100"),
                                "AC0000000000000000000000000000000b",
                                std::string("MG0000000000000000000000000000000a"),
                                "token-b"};
    auto refusedService = directory.createOrganization(sameService);
    QVERIFY(!refusedService.ok());
    QCOMPARE(q(refusedService.error().code), QStringLiteral("messaging_service_taken"));

    auto listed = directory.listOrganizations();
    QVERIFY(listed.ok());
    QCOMPARE(listed.value().size(), std::size_t{1}); // nothing half-created
}

void TestRelayStorage::billingAndNumbersChange()
{
    OPEN_BACKEND(b);
    OrgDirectory directory(*b.database, *b.writer,
                           SecretBox::fromBase64Key(SecretBox::generateBase64Key()).value());
    const std::string a
        = createOrg(directory, "+15125550142", "AC0000000000000000000000000000000a", std::nullopt, "t");
    const std::string c
        = createOrg(directory, "+15125550143", "AC0000000000000000000000000000000c", std::nullopt, "t");
    QVERIFY(directory.setBilling(a, domain::BillingState::PastDue).ok());
    QVERIFY(directory.addNumber(a, phone("+15125550150")).ok());
    QVERIFY2(directory.addNumber(a, phone("+15125550150")).ok(), "adding a number twice is a no-op");
    auto taken = directory.addNumber(c, phone("+15125550150"));
    QVERIFY(!taken.ok());
    QCOMPARE(q(taken.error().code), QStringLiteral("number_taken"));
    auto unknown = directory.setBilling("no-such-org", domain::BillingState::Active);
    QVERIFY(!unknown.ok());
    QCOMPARE(q(unknown.error().code), QStringLiteral("unknown_organization"));

    auto found = directory.findOrganization(a);
    QVERIFY(found.ok() && found.value());
    QVERIFY(found.value()->organization.billing == domain::BillingState::PastDue);
    QCOMPARE(found.value()->organization.numbers.size(), std::size_t{2});

    QVERIFY(directory
                .setCarrierAccount(c, "AC00000000000000000000000000000c2",
                                   std::string("MG000000000000000000000000000000c2"), "new-token")
                .ok());
    auto route = directory.findByMessagingService("MG000000000000000000000000000000c2");
    QVERIFY(route.ok() && route.value());
    QCOMPARE(q(route.value()->orgId), q(c));
    QCOMPARE(q(route.value()->authToken), QStringLiteral("new-token"));
}

void TestRelayStorage::sealedTokenRevealsNothingAndNeedsTheKey()
{
    OPEN_BACKEND(b);
    const std::string token = "f00dcafe5ecret70ken0000000000000";
    OrgDirectory directory(*b.database, *b.writer,
                           SecretBox::fromBase64Key(SecretBox::generateBase64Key()).value());
    const std::string org = createOrg(directory, "+15125550142", "AC0000000000000000000000000000000a",
                                      std::string("MG0000000000000000000000000000000a"), token.c_str());
    QVERIFY(!org.empty());

    std::vector<std::string> stored;
    {
        Poco::Data::Session session = b.database->reader();
        std::string orgId = org;
        session << b.database->sql("SELECT auth_token_sealed FROM org_carrier_accounts WHERE org_id = ?"),
            use(orgId), into(stored), now;
    }
    QCOMPARE(stored.size(), std::size_t{1});
    QVERIFY2(stored.front().find(token) == std::string::npos, "the raw column must not contain the token");
    QVERIFY2(stored.front().find("f00dcafe") == std::string::npos, stored.front().c_str());
    QVERIFY(stored.front().starts_with("v1:"));

    OrgDirectory otherKey(*b.database, *b.writer,
                          SecretBox::fromBase64Key(SecretBox::generateBase64Key()).value());
    auto route = otherKey.findByMessagingService("MG0000000000000000000000000000000a");
    QVERIFY2(!route.ok(), "another key must not unseal the token");
    QCOMPARE(q(route.error().code), QStringLiteral("secret_unseal_failed"));
    QVERIFY(route.error().message.find(token) == std::string::npos);
}

void TestRelayStorage::repeatedCallSidStoresNothing()
{
    OPEN_BACKEND(b);
    OrgDirectory directory(*b.database, *b.writer,
                           SecretBox::fromBase64Key(SecretBox::generateBase64Key()).value());
    const std::string org
        = createOrg(directory, "+15125550142", "AC0000000000000000000000000000000a", std::nullopt, "t");
    const std::string insert = b.database->sql(
        "INSERT INTO call_events (org_id, carrier, call_sid, from_number, to_number, status, occurred_at) "
        "VALUES (?, 'twilio', ?, ?, '+15125550142', ?, ?) ON CONFLICT DO NOTHING");
    auto insertCall = [&](const char* status, std::size_t* affected) {
        return b.writer->run([&, status, affected](Poco::Data::Session& session) -> domain::Result<void> {
            std::string orgId = org;
            std::string sid = "CA1234567890abcdef1234567890abcdef";
            std::string from = "+15125550199";
            std::string callStatus = status;
            Poco::Int64 occurred = 1767225600;
            Poco::Data::Statement statement(session);
            statement << insert, use(orgId), use(sid), use(from), use(callStatus), use(occurred);
            *affected = statement.execute();
            return {};
        });
    };
    std::size_t first = 0;
    std::size_t second = 0;
    QVERIFY(insertCall("no-answer", &first).ok());
    QVERIFY2(insertCall("busy", &second).ok(), "a carrier retry is not an error");
    QCOMPARE(first, std::size_t{1});
    QCOMPARE(second, std::size_t{0});
    QCOMPARE(countRows(*b.database, "SELECT COUNT(*) FROM call_events WHERE org_id = ?", org),
             Poco::Int64{1});
    QCOMPARE(countRows(*b.database, "SELECT COUNT(*) FROM call_events WHERE status = ?", "busy"),
             Poco::Int64{0});
}

void TestRelayStorage::eventSequencesArePerOrganization()
{
    OPEN_BACKEND(b);
    OrgDirectory directory(*b.database, *b.writer,
                           SecretBox::fromBase64Key(SecretBox::generateBase64Key()).value());
    const std::string a
        = createOrg(directory, "+15125550142", "AC0000000000000000000000000000000a", std::nullopt, "t");
    const std::string c
        = createOrg(directory, "+15125550143", "AC0000000000000000000000000000000c", std::nullopt, "t");
    EventLog log(b.database->dialect());
    std::vector<std::int64_t> seqs;
    for (const std::string& org : {a, a, c, a, c}) {
        auto seq = b.writer->compute<std::int64_t>([&](Poco::Data::Session& session) {
            return log.append(session, org, "call.missed", R"({"call_sid":"CA1"})", at(1767225600));
        });
        QVERIFY(seq.ok());
        seqs.push_back(seq.value());
    }
    QCOMPARE(seqs, (std::vector<std::int64_t>{1, 2, 1, 3, 2}));

    Poco::Data::Session session = b.database->reader();
    auto page = log.read(session, a, 1, 10);
    QVERIFY(page.ok());
    QCOMPARE(page.value().size(), std::size_t{2});
    QCOMPARE(page.value()[0].seq, std::int64_t{2});
    QCOMPARE(page.value()[1].seq, std::int64_t{3});
    QCOMPARE(q(page.value()[0].payload), QStringLiteral(R"({"call_sid":"CA1"})"));
    QVERIFY(page.value()[0].createdAt == at(1767225600));
    auto limited = log.read(session, c, 0, 1);
    QVERIFY(limited.ok());
    QCOMPARE(limited.value().size(), std::size_t{1});
    QCOMPARE(log.lastSeq(session, c).value(), std::int64_t{2});
    auto none = log.read(session, "no-such-org", 0, 10);
    QVERIFY(none.ok() && none.value().empty());
}

// The organization's own business hours and holidays, stored through a
// settings change, are what the automation's text-back decision reads: a
// Saturday-open organization gets the business-hours wording on a Saturday,
// a holiday the after-hours one on a weekday.
void TestRelayStorage::storedBusinessHoursDecideTheTextBack()
{
    OPEN_BACKEND(b);
    OrgDirectory directory(*b.database, *b.writer,
                           SecretBox::fromBase64Key(SecretBox::generateBase64Key()).value());
    const std::string org
        = createOrg(directory, "+15125550142", "AC0000000000000000000000000000000a", std::nullopt, "token-a");
    QVERIFY(!org.empty());
    const ZoneinfoConverter zones;
    const auto decide = [&](const char* when) -> std::string {
        auto automation = b.writer->compute<OrgAutomation>(
            [&](Poco::Data::Session& session) -> domain::Result<OrgAutomation> {
                auto loaded = OrgAutomationRecords(b.database->dialect()).load(session, org);
                if (!loaded) {
                    return domain::makeError("unknown_organization", org);
                }
                return std::move(*loaded);
            });
        if (!automation) {
            return "error: " + automation.error().message;
        }
        const domain::TextBackInput input{automation->org,
                                          phone("+15125550188"),
                                          {},
                                          std::nullopt,
                                          nullptr,
                                          false,
                                          callsnare::protocol::parseInstant(when).value()};
        return std::string(domain::decideTextBack(input, zones).templateName);
    };
    const std::string open(domain::TemplateName::TextBack);
    const std::string closed(domain::TemplateName::TextBackAfterHours);
    // Saturday 2026-03-07 10:00 and Monday 2026-03-09 10:00 in Chicago.
    const char* saturday = "2026-03-07T16:00:00Z";
    const char* monday = "2026-03-09T15:00:00Z";
    const char* tuesday = "2026-03-10T15:00:00Z";
    QCOMPARE(decide(saturday), closed); // the default: weekdays 08:00-17:00
    QCOMPARE(decide(monday), open);

    callsnare::protocol::SettingsChange change;
    change.businessHours = callsnare::protocol::defaultWeeklyHours();
    (*change.businessHours)[6] = {{std::chrono::hours{9}, std::chrono::hours{13}}};
    change.holidays = std::vector<std::chrono::year_month_day>{std::chrono::year{2026} / 3 / 9};
    change.reminderOffsetsMinutes = std::vector<std::int64_t>{60};
    change.responseTargetMinutes = 12;
    QVERIFY(!callsnare::protocol::checkSettingsChange(change));
    const auto changed = b.writer->compute<callsnare::protocol::OrgSettings>(
        [&](Poco::Data::Session& session) -> domain::Result<callsnare::protocol::OrgSettings> {
            return OrgSettingsRecords(b.database->dialect()).change(session, org, change, at(1772900000));
        });
    QVERIFY2(changed, changed ? "" : changed.error().message.c_str());
    QCOMPARE(changed->version, 2);
    QVERIFY(changed->businessHours == *change.businessHours);
    QVERIFY(changed->holidays == *change.holidays);
    QVERIFY((changed->reminderOffsetsMinutes == std::vector<std::int64_t>{60}));
    QCOMPARE(changed->responseTargetMinutes, 12);

    QCOMPARE(decide(saturday), open);
    QCOMPARE(decide(monday), closed); // a holiday
    QCOMPARE(decide(tuesday), open);
    QCOMPARE(decide("2026-03-07T20:00:00Z"), closed); // Saturday 14:00: closed since 13:00

    // Only the holidays change: the week stays as it was.
    callsnare::protocol::SettingsChange onlyHolidays;
    onlyHolidays.holidays = std::vector<std::chrono::year_month_day>{};
    const auto cleared = b.writer->compute<callsnare::protocol::OrgSettings>(
        [&](Poco::Data::Session& session) -> domain::Result<callsnare::protocol::OrgSettings> {
            return OrgSettingsRecords(b.database->dialect())
                .change(session, org, onlyHolidays, at(1772900100));
        });
    QVERIFY2(cleared, cleared ? "" : cleared.error().message.c_str());
    QVERIFY(cleared->holidays.empty());
    QVERIFY(cleared->businessHours == *change.businessHours);
    QCOMPARE(decide(monday), open);
    QCOMPARE(decide(saturday), open);
}

// The writer's units share an organization's automation settings within one
// transaction (OrgAutomationRecords::loadShared), yet a unit after a change in
// that same transaction reads the change: an automation change, a billing
// change and a new number; a change whose unit failed is not read.
void TestRelayStorage::settingsChangesReachTheNextUnitOfATransaction()
{
    OPEN_BACKEND(b);
    OrgDirectory directory(*b.database, *b.writer,
                           SecretBox::fromBase64Key(SecretBox::generateBase64Key()).value());
    const std::string org
        = createOrg(directory, "+15125550142", "AC0000000000000000000000000000000a", std::nullopt, "t");
    QVERIFY(!org.empty());
    const OrgAutomationRecords records(b.database->dialect());

    struct Seen {
        std::int64_t dedupeMinutes = 0;
        domain::BillingState billing = domain::BillingState::Trial;
        std::size_t numbers = 0;
    };
    std::vector<std::shared_ptr<Seen>> seen;
    std::vector<std::future<domain::Result<void>>> done;
    const auto read = [&] {
        auto into = std::make_shared<Seen>();
        seen.push_back(into);
        done.push_back(b.writer->submit([&records, &org, into](Poco::Data::Session& session) {
            const auto settings = records.loadShared(session, org);
            if (!settings) {
                return domain::Result<void>(domain::makeError("unknown_organization", org));
            }
            into->dedupeMinutes = settings->org.dedupeWindow.count();
            into->billing = settings->org.billing;
            into->numbers = settings->org.numbers.size();
            return domain::Result<void>();
        }));
    };
    const auto changeDedupe = [&](int minutes, bool thenFail) {
        done.push_back(b.writer->submit([&records, &org, minutes, thenFail](Poco::Data::Session& session) {
            AutomationChange change;
            change.dedupeWindowMinutes = minutes;
            auto applied = records.apply(session, org, change, at(1772900000));
            if (!applied) {
                return applied;
            }
            return thenFail ? domain::Result<void>(domain::makeError("refused", "undone on purpose"))
                            : domain::Result<void>();
        }));
    };

    // Declared before the writer is held: their destructors wait for it.
    std::future<domain::Result<void>> billing;
    std::future<domain::Result<void>> number;
    // The first unit holds the writer until every other unit is queued, so
    // those run as one batch: one transaction.
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    auto blocker = b.writer->submit([released](Poco::Data::Session&) {
        released.wait();
        return domain::Result<void>();
    });
    // A failed check returns early: the writer must still be let go.
    std::unique_ptr<std::promise<void>, void (*)(std::promise<void>*)> letGo(
        &release, [](std::promise<void>* p) {
            try {
                p->set_value();
            } catch (const std::future_error&) {
            }
        });
    QTRY_COMPARE(b.writer->queueDepth(), std::size_t{0});
    const std::uint64_t commitsBefore = b.writer->commitCount();
    read(); // 0: as created
    changeDedupe(45, false);
    read(); // 1: sees 45
    changeDedupe(90, true);
    read(); // 2: the failed change is undone: still 45
    billing = std::async(std::launch::async,
                         [&] { return directory.setBilling(org, domain::BillingState::PastDue); });
    QTRY_COMPARE(b.writer->queueDepth(), std::size_t{6});
    read(); // 3: sees past due
    number = std::async(std::launch::async, [&] { return directory.addNumber(org, phone("+15125550150")); });
    QTRY_COMPARE(b.writer->queueDepth(), std::size_t{8});
    read(); // 4: sees two numbers
    letGo.reset();
    QVERIFY(blocker.get().ok());
    for (std::size_t i = 0; i < done.size(); ++i) {
        const auto outcome = done[i].get();
        if (i == 3) {
            QVERIFY2(!outcome.ok(), "the second change fails on purpose");
        } else {
            QVERIFY2(outcome.ok(), outcome.ok() ? "" : outcome.error().message.c_str());
        }
    }
    QVERIFY(billing.get().ok());
    QVERIFY(number.get().ok());
    QCOMPARE(b.writer->commitCount(), commitsBefore + 2); // the blocker's, then the batch's

    const std::int64_t created = seen[0]->dedupeMinutes;
    QVERIFY(created != 45);
    QCOMPARE(seen[1]->dedupeMinutes, std::int64_t{45});
    QCOMPARE(seen[2]->dedupeMinutes, std::int64_t{45});
    QVERIFY(seen[2]->billing != domain::BillingState::PastDue);
    QVERIFY(seen[3]->billing == domain::BillingState::PastDue);
    QCOMPARE(seen[3]->numbers, std::size_t{1});
    QCOMPARE(seen[4]->numbers, std::size_t{2});
}

QTEST_GUILESS_MAIN(TestRelayStorage)
#include "tst_relaystorage.moc"
