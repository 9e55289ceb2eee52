#include "RelayBackends.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <QtTest>

using namespace Poco::Data::Keywords;

namespace relay_backends {

bool Backends::start(QString* error)
{
    if (!callsnare::test::PgCluster::available(&m_skipReason)) {
        return true;
    }
    return m_cluster.start(error);
}

void Backends::rows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

bool Backends::open(const QString& kind, Backend& backend, QString* error)
{
    backend.dir = std::make_unique<QTemporaryDir>();
    if (!backend.dir->isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    backend.options.dataDir = backend.dir->path().toStdString();
    if (kind == QLatin1String("postgresql")) {
        const QString uri
            = m_cluster.createDatabase(QStringLiteral("relay_test_%1").arg(++m_databases), error);
        if (uri.isEmpty()) {
            return false;
        }
        backend.options.databaseUri = uri.toStdString();
    }
    auto database = RelayDatabase::open(backend.options);
    if (!database) {
        *error = q(database.error().message);
        return false;
    }
    backend.database = std::move(database).value();
    auto writer = GroupCommitWriter::start(*backend.database);
    if (!writer) {
        *error = q(writer.error().message);
        return false;
    }
    backend.writer = std::move(writer).value();
    return true;
}

std::string createOrg(OrgDirectory& directory, const char* number, const char* account,
                      std::optional<std::string> service, const char* token)
{
    NewOrganization spec{"Cool Breeze HVAC",
                         "America/Chicago",
                         phone(number),
                         phone("+15125550100"),
                         account,
                         std::move(service),
                         token};
    auto created = directory.createOrganization(spec);
    if (!created) {
        qWarning("createOrganization: %s", created.error().message.c_str());
        return {};
    }
    return created.value();
}

Poco::Int64 countRows(RelayDatabase& database, const std::string& sql, const std::string& key)
{
    Poco::Int64 count = -1;
    Poco::Data::Session session = database.reader();
    std::string bound = key;
    session << database.sql(sql), use(bound), into(count), now;
    return count;
}

} // namespace relay_backends
