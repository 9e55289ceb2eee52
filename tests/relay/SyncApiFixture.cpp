#include "SyncApiFixture.h"

#include "TestHttpClient.h"

#include "protocol/DeviceEnrollment.h"

#include <QUuid>
#include <QtTest>

using namespace callsnare;
using callsnare::test::HttpReply;
using callsnare::test::RelayWithCarrier;
using callsnare::test::TestHttpClient;

namespace sync_api {

std::string newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
}

QByteArray bearer(const std::string& token)
{
    return "Bearer " + QByteArray::fromStdString(token);
}

bool SyncApiFixture::setUpSuite(QString* error)
{
    qunsetenv("CALLSNARE_RELAY_SECRETS_KEY");
    if (!callsnare::test::PgCluster::available(&m_pgSkipReason))
        return true; // the PostgreSQL rows skip with the reason
    return m_cluster.start(error);
}

void SyncApiFixture::tearDownSuite()
{
    m_cluster.stop();
}

bool SyncApiFixture::stopSystem(QString* error)
{
    if (!m_system)
        return true;
    const bool drained = m_system->stop(error);
    m_system.reset();
    return drained;
}

void SyncApiFixture::backends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

bool SyncApiFixture::start(const QString& backend, QString* error)
{
    QString uri;
    if (backend == QLatin1String("postgresql")) {
        uri = m_cluster.createDatabase(QStringLiteral("sync_%1").arg(++m_databases), error);
        if (uri.isEmpty())
            return false;
    }
    m_system = std::make_unique<RelayWithCarrier>(QStringLiteral(CALLSNARE_RELAY_PATH),
                                                  QStringLiteral(CALLSNARE_CARRIER_STANDIN_PATH));
    m_system->addAccount(accountA, tokenA);
    m_system->addAccount(accountB, tokenB);
    if (!m_system->start(uri, error))
        return false;
    m_orgA = m_system->createOrg("Cool Breeze HVAC", accountA, tokenA, numberA, error);
    m_orgB = m_orgA.isEmpty() ? QString()
                              : m_system->createOrg("Warm Hearth Heating", accountB, tokenB, numberB, error);
    return !m_orgB.isEmpty();
}

std::string SyncApiFixture::enroll(const QString& orgId, QString* error)
{
    const QByteArray printed = m_system->admin({"device", "enroll-code", "--org", orgId}, error);
    const QList<QByteArray> lines = printed.trimmed().split('\n');
    if (printed.isNull() || lines.isEmpty())
        return {};
    TestHttpClient http;
    const HttpReply reply = http.post(
        m_system->relay().url("/v1/devices/enroll"),
        QByteArray::fromStdString(protocol::encodeEnrollRequest({lines.last().toStdString(), "Front desk"})),
        "application/json");
    if (reply.status != 201) {
        *error = QString::fromUtf8(reply.describe());
        return {};
    }
    auto response = protocol::decodeEnrollResponse(reply.body.toStdString());
    if (!response) {
        *error = QString::fromStdString(response.error().message);
        return {};
    }
    return response->token;
}

protocol::EventPage SyncApiFixture::events(const std::string& token, std::int64_t after, int limit, int wait)
{
    TestHttpClient http(60000);
    const HttpReply reply = http.get(
        m_system->relay().url(
            QStringLiteral("/v1/sync/events?after=%1&limit=%2&wait=%3").arg(after).arg(limit).arg(wait)),
        {{"Authorization", bearer(token)}});
    auto page = protocol::decodeEventPage(reply.body.toStdString());
    if (reply.status != 200 || !page) {
        qWarning() << "events:" << reply.describe();
        return {};
    }
    return std::move(page).value();
}

std::vector<protocol::MutationResult> SyncApiFixture::mutate(const std::string& token,
                                                             const std::vector<protocol::Mutation>& batch)
{
    TestHttpClient http;
    const HttpReply reply = http.post(m_system->relay().url("/v1/sync/mutations"),
                                      QByteArray::fromStdString(protocol::encodeMutationBatch(batch)),
                                      "application/json", {{"Authorization", bearer(token)}});
    auto results = protocol::decodeMutationResults(reply.body.toStdString());
    if (reply.status != 200 || !results) {
        qWarning() << "mutations:" << reply.describe();
        return {};
    }
    return std::move(results).value();
}

protocol::LeadSnapshot SyncApiFixture::lead(const std::string& token, const std::string& leadId)
{
    protocol::LeadSnapshot newest;
    for (const auto& event : events(token, 0).events) {
        if (event.kind != "lead.created" && event.kind != "lead.updated")
            continue;
        auto snapshot = protocol::decodeLeadSnapshot(event.data, event.kind);
        if (snapshot && (snapshot->leadId == leadId || leadId.empty()))
            newest = snapshot.value();
    }
    return newest;
}

protocol::OrgSettings SyncApiFixture::settings(const std::string& token, int* count)
{
    protocol::OrgSettings newest;
    int seen = 0;
    for (const auto& event : events(token, 0).events) {
        if (event.kind != "org.settings")
            continue;
        auto fact = protocol::decodeFact(event);
        if (!fact) {
            qWarning() << "org.settings does not decode:" << fact.error().message.c_str();
            continue;
        }
        newest = std::get<protocol::OrgSettings>(fact.value());
        ++seen;
    }
    if (count)
        *count = seen;
    return newest;
}

std::string SyncApiFixture::leadOfMissedCall(const std::string& token)
{
    if (m_system->standIn().call(accountA, homeowner, numberA).value("relay_status").toInt() != 200)
        return {};
    for (const auto& event : events(token, 0).events) {
        if (event.kind == "lead.created")
            return protocol::decodeLeadSnapshot(event.data, event.kind).value().leadId;
    }
    return {};
}

} // namespace sync_api
