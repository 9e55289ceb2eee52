#include "CarrierStandInProcess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

#include <csignal>

namespace callsnare::test {

namespace {

QString testTempRoot()
{
    const QString root = qEnvironmentVariable("CALLSNARE_TEST_TMPDIR");
    return root.isEmpty() ? QDir::tempPath() : root;
}

QByteArray formEncode(const QList<QPair<QByteArray, QByteArray>>& form)
{
    QByteArray body;
    for (const auto& [name, value] : form) {
        if (!body.isEmpty())
            body += '&';
        body += name.toPercentEncoding() + '=' + value.toPercentEncoding();
    }
    return body;
}

} // namespace

CarrierStandInProcess::CarrierStandInProcess(QString program)
    : m_program(std::move(program)),
      m_dir(std::make_unique<QTemporaryDir>(QDir(testTempRoot()).filePath(QStringLiteral("standin-XXXXXX"))))
{
}

CarrierStandInProcess::~CarrierStandInProcess()
{
    if (isRunning() && !stop(5000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

void CarrierStandInProcess::addAccount(const QByteArray& accountSid, const QByteArray& authToken)
{
    m_accounts << QString::fromLatin1(accountSid + ':' + authToken);
}

void CarrierStandInProcess::addAdvancedOptOut(const QByteArray& accountSid)
{
    m_advancedOptOut << QString::fromLatin1(accountSid);
}

void CarrierStandInProcess::setRelayUrl(const QUrl& relayUrl, const QUrl& relayPublicUrl)
{
    m_relayUrl = relayUrl;
    m_relayPublicUrl = relayPublicUrl;
}

bool CarrierStandInProcess::start(QString* error, int timeoutMs)
{
    const QString portFile = QDir(m_dir->path()).filePath(QStringLiteral("port"));
    QFile::remove(portFile);
    QStringList arguments{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                          QStringLiteral("--port-file"), portFile};
    for (const QString& account : m_accounts)
        arguments << QStringLiteral("--account") << account;
    for (const QString& account : m_advancedOptOut)
        arguments << QStringLiteral("--advanced-opt-out") << account;
    if (m_relayUrl.isValid())
        arguments << QStringLiteral("--relay-url") << m_relayUrl.toString(QUrl::StripTrailingSlash);
    if (m_relayPublicUrl.isValid())
        arguments << QStringLiteral("--relay-public-url")
                  << m_relayPublicUrl.toString(QUrl::StripTrailingSlash);
    arguments << m_extraArguments;

    m_process = std::make_unique<QProcess>();
    m_stderr.clear();
    m_port = 0;
    m_process->setProgram(m_program);
    m_process->setArguments(arguments);
    m_process->setWorkingDirectory(m_dir->path());
    if (!m_stderrFile.isEmpty())
        m_process->setStandardErrorFile(m_stderrFile);
    m_process->start();
    if (!m_process->waitForStarted(timeoutMs)) {
        if (error)
            *error = QStringLiteral("cannot start %1: %2").arg(m_program, m_process->errorString());
        return false;
    }
    // Polls like QTRY_VERIFY: returns once the port is written or the process died.
    QDeadlineTimer deadline(timeoutMs);
    while (!QFile::exists(portFile) && isRunning() && !deadline.hasExpired())
        QTest::qWait(20);
    QFile file(portFile);
    if (!isRunning() || !file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = QStringLiteral("the carrier stand-in did not report its port (%1); stderr: %2")
                         .arg(isRunning() ? QStringLiteral("timeout") : QStringLiteral("exited"),
                              QString::fromUtf8(standardError()));
        }
        return false;
    }
    bool ok = false;
    m_port = static_cast<quint16>(file.readAll().trimmed().toUInt(&ok));
    if (!ok || m_port == 0) {
        if (error)
            *error = QStringLiteral("unreadable port file %1").arg(portFile);
        return false;
    }
    return true;
}

bool CarrierStandInProcess::stop(int timeoutMs)
{
    if (!isRunning())
        return true;
    ::kill(static_cast<pid_t>(m_process->processId()), SIGTERM);
    QDeadlineTimer deadline(timeoutMs);
    while (isRunning() && !deadline.hasExpired())
        QTest::qWait(20);
    standardError();
    if (!isRunning())
        return m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0;
    m_process->kill();
    m_process->waitForFinished(5000);
    return false;
}

bool CarrierStandInProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QUrl CarrierStandInProcess::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

QUrl CarrierStandInProcess::url(const QString& path) const
{
    QUrl result = baseUrl();
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    result.setPath(query < 0 ? path : path.left(query));
    if (query >= 0)
        result.setQuery(path.mid(query + 1));
    return result;
}

QUrl CarrierStandInProcess::messagesUrl(const QByteArray& accountSid) const
{
    return url(QStringLiteral("/2010-04-01/Accounts/%1/Messages.json").arg(QString::fromLatin1(accountSid)));
}

bool CarrierStandInProcess::control(const QByteArray& method, const QString& path, const QJsonObject& body,
                                    HttpReply& reply)
{
    const QByteArray payload
        = method == "POST" ? QJsonDocument(body).toJson(QJsonDocument::Compact) : QByteArray();
    const HttpHeaders headers
        = method == "POST" ? HttpHeaders{{"Content-Type", "application/json"}} : HttpHeaders{};
    reply = m_http.send(method, url(path), payload, headers);
    if (reply.status != 200) {
        m_lastError = QStringLiteral("%1 %2: %3")
                          .arg(QString::fromLatin1(method), path, QString::fromUtf8(reply.describe()));
        return false;
    }
    m_lastError.clear();
    return true;
}

QJsonArray CarrierStandInProcess::controlArray(const QString& path)
{
    HttpReply reply;
    if (!control("GET", path, {}, reply))
        return {};
    return QJsonDocument::fromJson(reply.body).array();
}

QJsonArray CarrierStandInProcess::messages()
{
    return controlArray(QStringLiteral("/_standin/messages"));
}

QJsonArray CarrierStandInProcess::requests()
{
    return controlArray(QStringLiteral("/_standin/requests"));
}

bool CarrierStandInProcess::clearMessages()
{
    HttpReply reply;
    return control("DELETE", QStringLiteral("/_standin/messages"), {}, reply);
}

QJsonObject CarrierStandInProcess::inbound(const QByteArray& accountSid, const QByteArray& from,
                                           const QByteArray& to, const QByteArray& body,
                                           const QByteArray& messagingServiceSid)
{
    QJsonObject request{{QStringLiteral("account_sid"), QString::fromLatin1(accountSid)},
                        {QStringLiteral("from"), QString::fromLatin1(from)},
                        {QStringLiteral("to"), QString::fromLatin1(to)},
                        {QStringLiteral("body"), QString::fromUtf8(body)}};
    if (!messagingServiceSid.isEmpty())
        request.insert(QStringLiteral("messaging_service_sid"), QString::fromLatin1(messagingServiceSid));
    HttpReply reply;
    return control("POST", QStringLiteral("/_standin/inbound"), request, reply) ? reply.json()
                                                                                : QJsonObject();
}

QJsonObject CarrierStandInProcess::call(const QByteArray& accountSid, const QByteArray& from,
                                        const QByteArray& to, const QByteArray& dialCallStatus)
{
    const QJsonObject request{{QStringLiteral("account_sid"), QString::fromLatin1(accountSid)},
                              {QStringLiteral("from"), QString::fromLatin1(from)},
                              {QStringLiteral("to"), QString::fromLatin1(to)},
                              {QStringLiteral("dial_call_status"), QString::fromLatin1(dialCallStatus)}};
    HttpReply reply;
    return control("POST", QStringLiteral("/_standin/call"), request, reply) ? reply.json() : QJsonObject();
}

bool CarrierStandInProcess::setFault(const QJsonObject& fault)
{
    HttpReply reply;
    return control("POST", QStringLiteral("/_standin/faults"), fault, reply);
}

bool CarrierStandInProcess::clearFaults()
{
    HttpReply reply;
    return control("DELETE", QStringLiteral("/_standin/faults"), {}, reply);
}

bool CarrierStandInProcess::setDelivery(const QByteArray& to, const QByteArray& finalStatus, int errorCode)
{
    QJsonObject request{{QStringLiteral("to"), QString::fromLatin1(to)},
                        {QStringLiteral("final"), QString::fromLatin1(finalStatus)}};
    if (errorCode != 0)
        request.insert(QStringLiteral("error_code"), errorCode);
    HttpReply reply;
    return control("POST", QStringLiteral("/_standin/delivery"), request, reply);
}

HttpReply CarrierStandInProcess::sendMessage(const QByteArray& accountSid, const QByteArray& authToken,
                                             const QList<QPair<QByteArray, QByteArray>>& form,
                                             const HttpHeaders& headers)
{
    HttpHeaders all = headers;
    all.append(qMakePair(QByteArray("Authorization"), "Basic " + (accountSid + ':' + authToken).toBase64()));
    all.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    return m_http.send("POST", messagesUrl(accountSid), formEncode(form), all);
}

QByteArray CarrierStandInProcess::standardError()
{
    if (m_process)
        m_stderr += m_process->readAllStandardError();
    return m_stderr;
}

} // namespace callsnare::test
