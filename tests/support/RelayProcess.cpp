#include "RelayProcess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QTest>

#include <csignal>
#include <optional>

namespace callsnare::test {

namespace {

QString testTempRoot()
{
    const QString root = qEnvironmentVariable("CALLSNARE_TEST_TMPDIR");
    return root.isEmpty() ? QDir::tempPath() : root;
}

} // namespace

RelayProcess::RelayProcess(QString program)
    : m_program(std::move(program)), m_dataDir(std::make_unique<QTemporaryDir>(
                                         QDir(testTempRoot()).filePath(QStringLiteral("relay-XXXXXX"))))
{
}

RelayProcess::~RelayProcess()
{
    if (isRunning() && !stop(5000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

QString RelayProcess::filePath(const QString& name) const
{
    return QDir(m_dataDir->path()).filePath(name);
}

void RelayProcess::prepare(const QStringList& arguments)
{
    m_process = std::make_unique<QProcess>();
    m_stderr.clear();
    m_stdout.clear();
    m_port = 0;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : environment.keys()) {
        if (name.startsWith(QLatin1String("CALLSNARE_RELAY_")))
            environment.remove(name);
    }
    for (auto it = m_environment.cbegin(); it != m_environment.cend(); ++it)
        environment.insert(it.key(), it.value());
    m_process->setProcessEnvironment(environment);
    m_process->setProgram(m_program);
    m_process->setArguments(arguments);
    m_process->setWorkingDirectory(m_dataDir->path());
    if (!m_stderrFile.isEmpty())
        m_process->setStandardErrorFile(m_stderrFile);
}

bool RelayProcess::start(QString* error, int timeoutMs)
{
    QStringList arguments = m_arguments;
    // The value of a flag the caller passed, else of its environment variable.
    const auto given = [&](const QString& flag, const QString& variable) -> std::optional<QString> {
        for (qsizetype i = 0; i < arguments.size(); ++i) {
            if (arguments[i] == flag && i + 1 < arguments.size())
                return arguments[i + 1];
            if (arguments[i].startsWith(flag + QLatin1Char('=')))
                return arguments[i].mid(flag.size() + 1);
        }
        if (m_environment.contains(variable))
            return m_environment.value(variable);
        return std::nullopt;
    };
    if (!given(QStringLiteral("--listen"), QStringLiteral("CALLSNARE_RELAY_LISTEN")))
        arguments << QStringLiteral("--listen") << QStringLiteral("127.0.0.1:0");
    if (!given(QStringLiteral("--data-dir"), QStringLiteral("CALLSNARE_RELAY_DATA_DIR")))
        arguments << QStringLiteral("--data-dir") << filePath(QStringLiteral("data"));
    // Tests talk only to loopback: without a carrier stand-in, texts go to a
    // closed port (refused at once, retried with backoff) instead of Twilio.
    if (!given(QStringLiteral("--twilio-api-base"), QStringLiteral("CALLSNARE_RELAY_TWILIO_API_BASE")))
        arguments << QStringLiteral("--twilio-api-base") << QStringLiteral("http://127.0.0.1:1");
    QString portFile = filePath(QStringLiteral("port"));
    if (const auto chosen = given(QStringLiteral("--port-file"), QStringLiteral("CALLSNARE_RELAY_PORT_FILE")))
        portFile = *chosen;
    else
        arguments << QStringLiteral("--port-file") << portFile;
    QFile::remove(portFile);

    prepare(arguments);
    m_process->start();
    if (!m_process->waitForStarted(timeoutMs)) {
        if (error)
            *error = QStringLiteral("cannot start %1: %2").arg(m_program, m_process->errorString());
        return false;
    }

    // Polls like QTRY_VERIFY: events keep running, and the wait ends as soon
    // as the relay has written the port or has died.
    QDeadlineTimer deadline(timeoutMs);
    while (!QFile::exists(portFile) && isRunning() && !deadline.hasExpired())
        QTest::qWait(20);
    QFile file(portFile);
    if (!isRunning() || !file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = QStringLiteral("relay did not report its port (%1); stderr: %2")
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

void RelayProcess::terminate()
{
    if (isRunning())
        ::kill(static_cast<pid_t>(m_process->processId()), SIGTERM);
}

void RelayProcess::kill()
{
    if (!isRunning())
        return;
    ::kill(static_cast<pid_t>(m_process->processId()), SIGKILL);
    m_process->waitForFinished(15000);
}

bool RelayProcess::waitForExit(int timeoutMs)
{
    if (!m_process)
        return true;
    QDeadlineTimer deadline(timeoutMs);
    while (isRunning() && !deadline.hasExpired())
        QTest::qWait(20);
    if (isRunning())
        return false;
    standardError();
    standardOutput();
    return true;
}

bool RelayProcess::stop(int timeoutMs)
{
    if (!isRunning())
        return true;
    terminate();
    if (waitForExit(timeoutMs))
        return true;
    m_process->kill();
    m_process->waitForFinished(5000);
    return false;
}

bool RelayProcess::runToCompletion(const QStringList& arguments, int timeoutMs)
{
    prepare(arguments);
    m_process->start();
    if (!m_process->waitForStarted(timeoutMs))
        return false;
    return waitForExit(timeoutMs);
}

bool RelayProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QUrl RelayProcess::baseUrl() const
{
    QUrl url;
    url.setScheme(m_https ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

QUrl RelayProcess::url(const QString& path) const
{
    QUrl result = baseUrl();
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    result.setPath(query < 0 ? path : path.left(query));
    if (query >= 0)
        result.setQuery(path.mid(query + 1));
    return result;
}

int RelayProcess::exitCode() const
{
    return m_process ? m_process->exitCode() : -1;
}

QProcess::ExitStatus RelayProcess::exitStatus() const
{
    return m_process ? m_process->exitStatus() : QProcess::CrashExit;
}

QByteArray RelayProcess::standardError()
{
    if (!m_stderrFile.isEmpty()) {
        QFile file(m_stderrFile);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    if (m_process)
        m_stderr += m_process->readAllStandardError();
    return m_stderr;
}

QByteArray RelayProcess::standardOutput()
{
    if (m_process)
        m_stdout += m_process->readAllStandardOutput();
    return m_stdout;
}

} // namespace callsnare::test
