#include "RelayWithCarrier.h"

#include "RelayCommand.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>

namespace callsnare::test {

RelayWithCarrier::RelayWithCarrier(QString relayProgram, QString standInProgram)
    : m_relayProgram(std::move(relayProgram)), m_standInProgram(std::move(standInProgram))
{
}

void RelayWithCarrier::addAccount(const QByteArray& accountSid, const QByteArray& authToken)
{
    m_accounts.append({accountSid, authToken});
}

bool RelayWithCarrier::start(const QString& databaseUri, QString* error)
{
    m_databaseUri = databaseUri;
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        *error = QStringLiteral("no free loopback port: %1").arg(probe.errorString());
        return false;
    }
    const quint16 relayPort = probe.serverPort();
    probe.close();
    m_standIn = std::make_unique<CarrierStandInProcess>(m_standInProgram);
    for (const auto& [account, token] : m_accounts) {
        m_standIn->addAccount(account, token);
    }
    m_standIn->setRelayUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(relayPort)));
    if (!m_standIn->start(error)) {
        return false;
    }
    m_relay = std::make_unique<RelayProcess>(m_relayProgram);
    QStringList& arguments = m_relayArguments;
    arguments = QStringList{QStringLiteral("--twilio-api-base"), m_standIn->apiBaseUrl().toString(),
                            QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(relayPort)};
    if (!m_databaseUri.isEmpty()) {
        arguments << QStringLiteral("--database") << m_databaseUri;
    }
    m_relay->setArguments(arguments);
    return m_relay->start(error);
}

bool RelayWithCarrier::stop(QString* error)
{
    bool drained = true;
    if (m_relay && m_relay->isRunning()) {
        drained = m_relay->stop();
        if (!drained) {
            *error = QString::fromUtf8(m_relay->standardError());
        }
    }
    m_relay.reset();
    m_stopped.reset();
    if (m_standIn) {
        m_standIn->stop();
    }
    m_standIn.reset();
    return drained;
}

QString RelayWithCarrier::dataDir() const
{
    return (m_stopped ? m_stopped : m_relay)->filePath(QStringLiteral("data"));
}

bool RelayWithCarrier::stopRelay(QString* error)
{
    if (!m_relay->stop()) {
        *error = QString::fromUtf8(m_relay->standardError());
        return false;
    }
    if (!m_stopped) {
        m_stopped = std::move(m_relay);
    }
    m_relay.reset();
    return true;
}

void RelayWithCarrier::killRelay()
{
    m_relay->kill();
    if (!m_stopped) {
        m_stopped = std::move(m_relay);
    }
    m_relay.reset();
}

bool RelayWithCarrier::restartRelay(QString* error)
{
    m_relay = std::make_unique<RelayProcess>(m_relayProgram);
    m_relay->setArguments(m_relayArguments + QStringList{QStringLiteral("--data-dir"), dataDir()});
    return m_relay->start(error);
}

QString RelayWithCarrier::createOrg(const QString& name, const QByteArray& accountSid,
                                    const QByteArray& authToken, const QByteArray& number, QString* error,
                                    const QStringList& automation)
{
    const QString tokenFile = QDir(dataDir()).filePath(QStringLiteral("../token-%1").arg(++m_orgs));
    if (!writePrivateFile(tokenFile, authToken)) {
        *error = QStringLiteral("cannot write %1").arg(tokenFile);
        return {};
    }
    const QByteArray created
        = admin({"org", "create", "--name", name, "--timezone", "America/Chicago", "--number",
                 QString::fromLatin1(number), "--forward-to", "+15125550100", "--account-sid",
                 QString::fromLatin1(accountSid), "--auth-token-file", tokenFile, "--json"},
                error);
    const QString id = QJsonDocument::fromJson(created).object().value("id").toString();
    if (id.isEmpty()) {
        return {};
    }
    if (admin(QStringList{"automation", "set", "--org", id, "--quiet-hours", "off"} + automation, error)
            .isNull()) {
        return {};
    }
    return id;
}

QByteArray RelayWithCarrier::admin(QStringList arguments, QString* error)
{
    arguments.prepend(dataDir());
    arguments.prepend(QStringLiteral("--data-dir"));
    arguments.prepend(QStringLiteral("admin"));
    if (!m_databaseUri.isEmpty()) {
        arguments << QStringLiteral("--database") << m_databaseUri;
    }
    return runRelayCommand(m_relayProgram, arguments, error, 60000);
}

} // namespace callsnare::test
